#include "childtune/model_catalog.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <system_error>
#include <utility>

#include "childtune/error.h"

namespace childtune::core {

namespace fs = std::filesystem;

std::string_view toString(ModelSource source) {
  switch (source) {
    case ModelSource::ChildTuneHome:
      return "ChildTune home";
    case ModelSource::HuggingFaceCache:
      return "Hugging Face cache";
    case ModelSource::UserFolder:
      return "user folder";
  }
  return "unknown";
}

namespace {

// An environment variable's value, or nullopt when it is unset or empty (an empty value means
// "unset" for all the variables we read, as it does for huggingface_hub).
std::optional<std::string> envValue(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    return std::nullopt;
  }
  return std::string(value);
}

fs::path homeDir(std::string_view forWhat) {
  if (auto home = envValue("HOME")) {
    return fs::path(*home);
  }
  throw Error(
      ErrorCode::Config,
      "cannot locate " + std::string(forWhat) + ": the HOME environment variable is not set",
      "set HOME or the variable named above");
}

bool isHidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name.front() == '.';
}

// "/a/b/" and "/a/b" both name "b".
fs::path withoutTrailingSeparator(const fs::path& path) {
  fs::path normal = path.lexically_normal();
  if (normal.has_relative_path() && normal.filename().empty()) {
    normal = normal.parent_path();
  }
  return normal;
}

// Sub-folders of `dir` (following symlinks), sorted by name; nothing when `dir` cannot be read.
std::vector<fs::path> subFolders(const fs::path& dir) {
  std::vector<fs::path> folders;
  std::error_code ec;
  fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    return folders;
  }
  for (const fs::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      break;
    }
    std::error_code typeEc;
    if (it->is_directory(typeEc) && !typeEc) {
      folders.push_back(it->path());
    }
  }
  std::sort(folders.begin(), folders.end());
  return folders;
}

bool isFile(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

bool isDirectory(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

bool pathExists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

std::string describe(const Error& error) {
  if (error.hint().empty()) {
    return error.message();
  }
  return error.message() + " — " + error.hint();
}

CatalogEntry unusable(fs::path path, ModelSource source, std::string displayName,
                      std::string problem) {
  CatalogEntry entry;
  entry.path = std::move(path);
  entry.displayName = std::move(displayName);
  entry.source = source;
  entry.problem = std::move(problem);
  return entry;
}

// "models--google--electra-small-discriminator" -> "google/electra-small-discriminator";
// "models--bert-base-uncased" -> "bert-base-uncased". The hub replaces "/" by "--" and repo
// names cannot contain "--".
std::string hubRepoName(const std::string& folderName) {
  constexpr std::string_view kPrefix = "models--";
  std::string name = folderName.substr(kPrefix.size());
  for (size_t pos = name.find("--"); pos != std::string::npos; pos = name.find("--", pos + 1)) {
    name.replace(pos, 2, "/");
  }
  return name;
}

std::string trimmed(std::string text) {
  const auto notSpace = [](unsigned char c) {
    return c != ' ' && c != '\n' && c != '\r' && c != '\t';
  };
  text.erase(text.begin(), std::find_if(text.begin(), text.end(), notSpace));
  text.erase(std::find_if(text.rbegin(), text.rend(), notSpace).base(), text.end());
  return text;
}

// The snapshot that refs/main points at when it exists, else the most recently written one.
std::optional<fs::path> chooseSnapshot(const fs::path& repoDir) {
  const fs::path refFile = repoDir / "refs" / "main";
  if (isFile(refFile)) {
    std::ifstream in(refFile);
    std::string revision;
    std::getline(in, revision);
    revision = trimmed(revision);
    // A revision is a commit hash; anything with a separator would leave the snapshots folder.
    if (!revision.empty() && revision.find('/') == std::string::npos && revision != "." &&
        revision != ".." && isDirectory(repoDir / "snapshots" / revision)) {
      return repoDir / "snapshots" / revision;
    }
  }
  std::optional<fs::path> newest;
  fs::file_time_type newestTime{};
  for (const fs::path& snapshot : subFolders(repoDir / "snapshots")) {
    std::error_code ec;
    const fs::file_time_type time = fs::last_write_time(snapshot, ec);
    if (ec) {
      continue;
    }
    // Ties go to the later name (subFolders is sorted), so the choice does not depend on the
    // order the file system lists folders in.
    if (!newest || time >= newestTime) {
      newest = snapshot;
      newestTime = time;
    }
  }
  return newest;
}

class Collector {
 public:
  void add(CatalogEntry entry) {
    std::error_code ec;
    fs::path key = fs::weakly_canonical(entry.path, ec);
    if (ec) {
      key = entry.path.lexically_normal();
    }
    if (seen_.insert(key).second) {
      entries_.push_back(std::move(entry));
    }
  }
  std::vector<CatalogEntry> take() { return std::move(entries_); }

 private:
  std::set<fs::path> seen_;
  std::vector<CatalogEntry> entries_;
};

void scanChildTuneModels(const fs::path& modelsDir, Collector& out) {
  for (const fs::path& dir : subFolders(modelsDir)) {
    if (!isHidden(dir)) {
      out.add(inspectCatalogEntry(dir, ModelSource::ChildTuneHome, dir.filename().string()));
    }
  }
}

void scanUserFolder(const fs::path& folder, Collector& out) {
  const fs::path dir = withoutTrailingSeparator(folder);
  const std::string name = dir.filename().string();
  if (!isDirectory(dir)) {
    out.add(unusable(dir, ModelSource::UserFolder, name,
                     "the folder " + dir.string() + " does not exist or is not a folder"));
    return;
  }
  if (pathExists(dir / "config.json")) {
    out.add(inspectCatalogEntry(dir, ModelSource::UserFolder, name));
    return;
  }
  bool found = false;
  for (const fs::path& sub : subFolders(dir)) {
    if (!isHidden(sub) && pathExists(sub / "config.json")) {
      out.add(inspectCatalogEntry(sub, ModelSource::UserFolder, sub.filename().string()));
      found = true;
    }
  }
  if (!found) {
    out.add(unusable(dir, ModelSource::UserFolder, name,
                     "no config.json in " + dir.string() + " or in its sub-folders"));
  }
}

void scanHubCache(const fs::path& hubDir, Collector& out) {
  for (const fs::path& repoDir : subFolders(hubDir)) {
    const std::string folderName = repoDir.filename().string();
    if (folderName.rfind("models--", 0) != 0 || folderName.size() <= 8) {
      continue;
    }
    const std::string name = hubRepoName(folderName);
    const std::optional<fs::path> snapshot = chooseSnapshot(repoDir);
    if (!snapshot) {
      out.add(unusable(repoDir, ModelSource::HuggingFaceCache, name,
                       "no snapshot in " + (repoDir / "snapshots").string() +
                           " (the download did not finish?)"));
      continue;
    }
    out.add(inspectCatalogEntry(*snapshot, ModelSource::HuggingFaceCache, name));
  }
}

}  // namespace

fs::path childtuneHome() {
  if (auto home = envValue("CHILDTUNE_HOME")) {
    return fs::path(*home);
  }
  return homeDir("the ChildTune home (CHILDTUNE_HOME)") / ".local" / "share" / "childtune";
}

fs::path huggingFaceHubDir() {
  for (const char* variable : {"HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE"}) {
    if (auto dir = envValue(variable)) {
      return fs::path(*dir);
    }
  }
  if (auto hfHome = envValue("HF_HOME")) {
    return fs::path(*hfHome) / "hub";
  }
  if (auto cache = envValue("XDG_CACHE_HOME")) {
    return fs::path(*cache) / "huggingface" / "hub";
  }
  return homeDir("the Hugging Face cache (HF_HOME)") / ".cache" / "huggingface" / "hub";
}

DiscoveryOptions DiscoveryOptions::standard() {
  DiscoveryOptions options;
  options.childtuneModelsDir = childtuneHome() / "models";
  options.hubCacheDir = huggingFaceHubDir();
  return options;
}

CatalogEntry inspectCatalogEntry(const fs::path& dir, ModelSource source, std::string displayName) {
  try {
    CatalogEntry entry;
    entry.path = dir;
    entry.displayName = displayName;
    entry.source = source;
    entry.summary = inspectModel(dir);
    return entry;
  } catch (const Error& error) {
    return unusable(dir, source, std::move(displayName), describe(error));
  } catch (const std::exception& error) {
    // Not a childtune::Error: a filesystem or allocation failure. Still the user's best clue.
    return unusable(dir, source, std::move(displayName), error.what());
  }
}

std::vector<CatalogEntry> discoverModels(const DiscoveryOptions& options) {
  Collector out;
  if (!options.childtuneModelsDir.empty()) {
    scanChildTuneModels(options.childtuneModelsDir, out);
  }
  for (const fs::path& folder : options.userFolders) {
    scanUserFolder(folder, out);
  }
  if (!options.hubCacheDir.empty()) {
    scanHubCache(options.hubCacheDir, out);
  }
  return out.take();
}

}  // namespace childtune::core
