// Model discovery: the ChildTune home, the Hugging Face hub cache layout and user folders, built
// as fake layouts in temporary folders (real config.json + safetensors + vocab.txt).

#include "childtune/model_catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "childtune/error.h"
#include "io/safetensors.h"
#include "support/test_env.h"

namespace childtune::core {
namespace {

namespace fs = std::filesystem;
using test::ScopedEnv;
using test::TempDir;
using test::writeFile;
using ::testing::HasSubstr;

struct TinyShape {
  int64_t vocab = 12;
  int64_t hidden = 4;
  int64_t layers = 1;
  int64_t heads = 2;
  int64_t intermediate = 8;
  int64_t positions = 16;
};

std::string configJson(const TinyShape& s, const std::string& modelType = "bert") {
  return R"({"model_type": ")" + modelType + R"(", "vocab_size": )" + std::to_string(s.vocab) +
         R"(, "hidden_size": )" + std::to_string(s.hidden) + R"(, "num_hidden_layers": )" +
         std::to_string(s.layers) + R"(, "num_attention_heads": )" + std::to_string(s.heads) +
         R"(, "intermediate_size": )" + std::to_string(s.intermediate) +
         R"(, "max_position_embeddings": )" + std::to_string(s.positions) +
         R"(, "type_vocab_size": 2})";
}

// Hugging Face BertModel parameter names and shapes (without the "bert." prefix, as
// sentence-transformers saves them).
std::vector<std::pair<std::string, std::vector<int64_t>>> bertParameters(const TinyShape& s) {
  std::vector<std::pair<std::string, std::vector<int64_t>>> p = {
      {"embeddings.word_embeddings.weight", {s.vocab, s.hidden}},
      {"embeddings.position_embeddings.weight", {s.positions, s.hidden}},
      {"embeddings.token_type_embeddings.weight", {2, s.hidden}},
      {"embeddings.LayerNorm.weight", {s.hidden}},
      {"embeddings.LayerNorm.bias", {s.hidden}},
      {"pooler.dense.weight", {s.hidden, s.hidden}},
      {"pooler.dense.bias", {s.hidden}},
  };
  for (int64_t l = 0; l < s.layers; ++l) {
    const std::string layer = "encoder.layer." + std::to_string(l) + ".";
    for (const char* qkv : {"query", "key", "value"}) {
      p.push_back({layer + "attention.self." + qkv + ".weight", {s.hidden, s.hidden}});
      p.push_back({layer + "attention.self." + qkv + ".bias", {s.hidden}});
    }
    p.push_back({layer + "attention.output.dense.weight", {s.hidden, s.hidden}});
    p.push_back({layer + "attention.output.dense.bias", {s.hidden}});
    p.push_back({layer + "attention.output.LayerNorm.weight", {s.hidden}});
    p.push_back({layer + "attention.output.LayerNorm.bias", {s.hidden}});
    p.push_back({layer + "intermediate.dense.weight", {s.intermediate, s.hidden}});
    p.push_back({layer + "intermediate.dense.bias", {s.intermediate}});
    p.push_back({layer + "output.dense.weight", {s.hidden, s.intermediate}});
    p.push_back({layer + "output.dense.bias", {s.hidden}});
    p.push_back({layer + "output.LayerNorm.weight", {s.hidden}});
    p.push_back({layer + "output.LayerNorm.bias", {s.hidden}});
  }
  return p;
}

int64_t numel(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (const int64_t d : shape) {
    n *= d;
  }
  return n;
}

// Writes a usable tiny BERT folder; returns its total parameter count.
int64_t writeTinyBert(const fs::path& dir, const TinyShape& shape = {}) {
  fs::create_directories(dir);
  writeFile(dir / "config.json", configJson(shape));
  std::string vocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n";
  for (int64_t i = 5; i < shape.vocab; ++i) {
    vocab += "w" + std::to_string(i) + "\n";
  }
  writeFile(dir / "vocab.txt", vocab);
  const auto parameters = bertParameters(shape);
  std::vector<std::vector<float>> storage;
  storage.reserve(parameters.size());
  std::vector<io::TensorToWrite> tensors;
  int64_t total = 0;
  for (const auto& [name, dims] : parameters) {
    storage.emplace_back(static_cast<size_t>(numel(dims)), 0.5f);
    total += numel(dims);
    io::TensorToWrite t;
    t.name = name;
    t.dtype = io::DType::F32;
    t.shape = dims;
    t.data = std::as_bytes(std::span<const float>(storage.back()));
    tensors.push_back(t);
  }
  io::writeSafetensors(dir / "model.safetensors", tensors);
  return total;
}

const CatalogEntry* findByName(const std::vector<CatalogEntry>& entries, const std::string& name) {
  const auto it = std::find_if(entries.begin(), entries.end(),
                               [&](const CatalogEntry& e) { return e.displayName == name; });
  return it == entries.end() ? nullptr : &*it;
}

std::vector<std::string> names(const std::vector<CatalogEntry>& entries) {
  std::vector<std::string> out;
  out.reserve(entries.size());
  for (const auto& e : entries) {
    out.push_back(e.displayName);
  }
  return out;
}

DiscoveryOptions onlyHome(const fs::path& modelsDir) {
  DiscoveryOptions options;
  options.childtuneModelsDir = modelsDir;
  return options;
}

TEST(ModelSourceTest, HasReadableNames) {
  EXPECT_EQ(toString(ModelSource::ChildTuneHome), "ChildTune home");
  EXPECT_EQ(toString(ModelSource::HuggingFaceCache), "Hugging Face cache");
  EXPECT_EQ(toString(ModelSource::UserFolder), "user folder");
}

TEST(ChildTuneHomeTest, PrefersTheEnvironmentVariable) {
  ScopedEnv home("HOME", "/home/someone");
  ScopedEnv ct("CHILDTUNE_HOME", "/data/childtune");
  EXPECT_EQ(childtuneHome(), fs::path("/data/childtune"));
}

TEST(ChildTuneHomeTest, FallsBackToLocalShareUnderHome) {
  ScopedEnv home("HOME", "/home/someone");
  ScopedEnv ct("CHILDTUNE_HOME", "");  // empty counts as unset
  EXPECT_EQ(childtuneHome(), fs::path("/home/someone/.local/share/childtune"));
}

TEST(ChildTuneHomeTest, ThrowsNamingTheVariablesWhenNoneIsSet) {
  ScopedEnv home("HOME", std::nullopt);
  ScopedEnv ct("CHILDTUNE_HOME", std::nullopt);
  try {
    childtuneHome();
    FAIL() << "expected childtune::Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Config);
    EXPECT_THAT(e.message(), HasSubstr("HOME"));
    EXPECT_THAT(e.message(), HasSubstr("CHILDTUNE_HOME"));
  }
}

TEST(HubCacheDirTest, FollowsHuggingFaceHubPrecedence) {
  ScopedEnv home("HOME", "/home/someone");
  ScopedEnv hubCache("HF_HUB_CACHE", std::nullopt);
  ScopedEnv legacy("HUGGINGFACE_HUB_CACHE", std::nullopt);
  ScopedEnv hfHome("HF_HOME", std::nullopt);
  ScopedEnv xdg("XDG_CACHE_HOME", std::nullopt);
  EXPECT_EQ(huggingFaceHubDir(), fs::path("/home/someone/.cache/huggingface/hub"));
  ::setenv("XDG_CACHE_HOME", "/xdg", 1);
  EXPECT_EQ(huggingFaceHubDir(), fs::path("/xdg/huggingface/hub"));
  ::setenv("HF_HOME", "/hf", 1);
  EXPECT_EQ(huggingFaceHubDir(), fs::path("/hf/hub"));
  ::setenv("HUGGINGFACE_HUB_CACHE", "/legacy", 1);
  EXPECT_EQ(huggingFaceHubDir(), fs::path("/legacy"));
  ::setenv("HF_HUB_CACHE", "/hubcache", 1);
  EXPECT_EQ(huggingFaceHubDir(), fs::path("/hubcache"));
  ::setenv("HF_HUB_CACHE", "", 1);  // empty counts as unset
  EXPECT_EQ(huggingFaceHubDir(), fs::path("/legacy"));
}

TEST(HubCacheDirTest, ThrowsWhenNothingLocatesIt) {
  ScopedEnv home("HOME", std::nullopt);
  ScopedEnv hubCache("HF_HUB_CACHE", std::nullopt);
  ScopedEnv legacy("HUGGINGFACE_HUB_CACHE", std::nullopt);
  ScopedEnv hfHome("HF_HOME", std::nullopt);
  ScopedEnv xdg("XDG_CACHE_HOME", std::nullopt);
  try {
    huggingFaceHubDir();
    FAIL() << "expected childtune::Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Config);
    EXPECT_THAT(e.message(), HasSubstr("HOME"));
  }
}

TEST(DiscoveryOptionsTest, StandardUsesTheHomeAndTheHubCache) {
  ScopedEnv ct("CHILDTUNE_HOME", "/ct");
  ScopedEnv hubCache("HF_HUB_CACHE", "/hub");
  const DiscoveryOptions options = DiscoveryOptions::standard();
  EXPECT_EQ(options.childtuneModelsDir, fs::path("/ct/models"));
  EXPECT_EQ(options.hubCacheDir, fs::path("/hub"));
  EXPECT_TRUE(options.userFolders.empty());
}

TEST(DiscoverModelsTest, FindsAUsableModelInTheChildTuneHome) {
  TempDir tmp;
  const int64_t total = writeTinyBert(tmp / "models" / "tiny-bert");
  const auto entries = discoverModels(onlyHome(tmp / "models"));
  ASSERT_EQ(entries.size(), 1u);
  const CatalogEntry& entry = entries[0];
  EXPECT_EQ(entry.displayName, "tiny-bert");
  EXPECT_EQ(entry.source, ModelSource::ChildTuneHome);
  EXPECT_EQ(entry.path, tmp.path() / "models" / "tiny-bert");
  EXPECT_TRUE(entry.usable()) << entry.problem;
  EXPECT_TRUE(entry.problem.empty());
  ASSERT_TRUE(entry.summary.has_value());
  EXPECT_EQ(entry.summary->totalParameters, total);
  EXPECT_EQ(entry.summary->config.modelType, "bert");
  EXPECT_EQ(entry.summary->tokenizerKind, "wordpiece");
}

TEST(DiscoverModelsTest, ReportsABinOnlyFolderWithTheReasonAndTheFix) {
  TempDir tmp;
  const fs::path dir = tmp / "models" / "pickled";
  writeFile(dir / "config.json", configJson({}));
  writeFile(dir / "vocab.txt", "[PAD]\n[UNK]\n");
  writeFile(dir / "pytorch_model.bin", "not really a pickle");
  const auto entries = discoverModels(onlyHome(tmp / "models"));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_FALSE(entries[0].usable());
  EXPECT_FALSE(entries[0].summary.has_value());
  EXPECT_THAT(entries[0].problem, HasSubstr("pytorch_model.bin"));
  EXPECT_THAT(entries[0].problem, HasSubstr("safetensors"));  // the hint is included
}

TEST(DiscoverModelsTest, ReportsGarbageFoldersAndIgnoresFilesAndHiddenFolders) {
  TempDir tmp;
  const fs::path models = tmp / "models";
  fs::create_directories(models / "empty");
  writeTinyBert(models / "bad-json");
  writeFile(models / "bad-json" / "config.json", "{ not json");
  writeFile(models / "no-tokenizer" / "config.json", configJson({}));
  writeFile(models / "no-weights" / "config.json", configJson({}));
  writeFile(models / "no-weights" / "vocab.txt", "[UNK]\n");
  writeTinyBert(models / "gpt");
  writeFile(models / "gpt" / "config.json", configJson({}, "gpt2"));
  writeFile(models / "README.txt", "a file, not a model");
  fs::create_directories(models / ".partial-download");
  // A usable model next to the garbage still shows up.
  writeTinyBert(models / "good");

  const auto entries = discoverModels(onlyHome(models));
  EXPECT_THAT(names(entries), ::testing::ElementsAre("bad-json", "empty", "good", "gpt",
                                                     "no-tokenizer", "no-weights"));
  const auto problem = [&](const std::string& name) {
    const CatalogEntry* e = findByName(entries, name);
    EXPECT_NE(e, nullptr) << name;
    return e == nullptr ? std::string() : e->problem;
  };
  EXPECT_THAT(problem("empty"), HasSubstr("config.json"));
  EXPECT_THAT(problem("bad-json"), HasSubstr("config.json"));
  EXPECT_THAT(problem("bad-json"), HasSubstr("JSON"));
  EXPECT_THAT(problem("no-tokenizer"), HasSubstr("model.safetensors"));
  EXPECT_THAT(problem("no-weights"), HasSubstr("no weights"));
  EXPECT_THAT(problem("gpt"), HasSubstr("model_type"));
  EXPECT_THAT(problem("gpt"), HasSubstr("gpt2"));
  EXPECT_TRUE(findByName(entries, "good")->usable());
  for (const auto& e : entries) {
    EXPECT_EQ(e.usable(), e.problem.empty()) << e.displayName;
  }
}

TEST(DiscoverModelsTest, ReportsAModelWithoutTokenizerFiles) {
  TempDir tmp;
  const fs::path dir = tmp / "models" / "bare";
  writeTinyBert(dir);
  fs::remove(dir / "vocab.txt");
  const auto entries = discoverModels(onlyHome(tmp / "models"));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_THAT(entries[0].problem, HasSubstr("tokenizer"));
}

// A hub cache repo the way huggingface_hub lays it out: files in blobs/, snapshots/<rev>/ holding
// symlinks to them, refs/main naming the current revision.
fs::path writeHubRepo(const fs::path& hub, const std::string& folder,
                      const std::vector<std::string>& revisions) {
  fs::path repo = hub / folder;
  TempDir staging;
  writeTinyBert(staging.path() / "m");
  for (const std::string& revision : revisions) {
    const fs::path snapshot = repo / "snapshots" / revision;
    fs::create_directories(snapshot);
    for (const char* file : {"config.json", "vocab.txt", "model.safetensors"}) {
      const fs::path blob = repo / "blobs" / (revision + "-" + file);
      fs::create_directories(blob.parent_path());
      fs::copy_file(staging.path() / "m" / file, blob, fs::copy_options::overwrite_existing);
      fs::create_symlink(fs::path("../../blobs") / blob.filename(), snapshot / file);
    }
  }
  return repo;
}

TEST(DiscoverModelsTest, ReadsTheHubCacheSnapshotThatRefsMainNames) {
  TempDir tmp;
  const fs::path hub = tmp / "hub";
  const fs::path repo = writeHubRepo(hub, "models--org--tiny-bert", {"aaa111", "bbb222"});
  writeFile(repo / "refs" / "main", "aaa111\n");
  // Make the other snapshot newer, so that only refs/main can explain the choice.
  fs::last_write_time(repo / "snapshots" / "bbb222",
                      fs::last_write_time(repo / "snapshots" / "aaa111") + std::chrono::hours(1));
  fs::create_directories(hub / "datasets--org--glue" / "snapshots" / "x");
  fs::create_directories(hub / ".locks");

  DiscoveryOptions options;
  options.hubCacheDir = hub;
  const auto entries = discoverModels(options);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].displayName, "org/tiny-bert");
  EXPECT_EQ(entries[0].source, ModelSource::HuggingFaceCache);
  EXPECT_EQ(entries[0].path, repo / "snapshots" / "aaa111");
  EXPECT_TRUE(entries[0].usable()) << entries[0].problem;
}

TEST(DiscoverModelsTest, TakesTheNewestHubSnapshotWithoutAUsableRef) {
  TempDir tmp;
  const fs::path hub = tmp / "hub";
  const fs::path repo = writeHubRepo(hub, "models--tiny-bert", {"new", "old"});
  fs::last_write_time(repo / "snapshots" / "new",
                      fs::last_write_time(repo / "snapshots" / "old") + std::chrono::hours(1));
  DiscoveryOptions options;
  options.hubCacheDir = hub;
  auto entries = discoverModels(options);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].displayName, "tiny-bert");  // a repo id without an organisation
  EXPECT_EQ(entries[0].path, repo / "snapshots" / "new");

  // A ref that names a missing snapshot, or tries to leave the snapshots folder, is ignored.
  writeFile(repo / "refs" / "main", "../../../elsewhere");
  entries = discoverModels(options);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].path, repo / "snapshots" / "new");
  writeFile(repo / "refs" / "main", "deadbeef");
  entries = discoverModels(options);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].path, repo / "snapshots" / "new");
}

TEST(DiscoverModelsTest, ReportsAHubRepoWithoutSnapshots) {
  TempDir tmp;
  fs::create_directories(tmp / "hub" / "models--org--half" / "blobs");
  DiscoveryOptions options;
  options.hubCacheDir = tmp / "hub";
  const auto entries = discoverModels(options);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].displayName, "org/half");
  EXPECT_FALSE(entries[0].usable());
  EXPECT_THAT(entries[0].problem, HasSubstr("no snapshot"));
}

TEST(DiscoverModelsTest, ReadsUserFoldersAsModelsOrFoldersOfModels) {
  TempDir tmp;
  writeTinyBert(tmp / "single");
  writeTinyBert(tmp / "collection" / "b-model");
  writeTinyBert(tmp / "collection" / "a-model");
  fs::create_directories(tmp / "collection" / "notes");  // no config.json: not a model, skipped
  fs::create_directories(tmp / "nothing-here" / "sub");

  DiscoveryOptions options;
  options.userFolders = {tmp.path() / "single/", tmp / "collection", tmp / "missing",
                         tmp / "nothing-here"};
  const auto entries = discoverModels(options);
  EXPECT_THAT(names(entries),
              ::testing::ElementsAre("single", "a-model", "b-model", "missing", "nothing-here"));
  for (const auto& e : entries) {
    EXPECT_EQ(e.source, ModelSource::UserFolder);
  }
  EXPECT_TRUE(entries[0].usable()) << entries[0].problem;
  EXPECT_EQ(entries[0].path, tmp / "single");
  EXPECT_TRUE(entries[1].usable());
  EXPECT_EQ(entries[1].path, tmp / "collection" / "a-model");
  EXPECT_FALSE(entries[3].usable());
  EXPECT_THAT(entries[3].problem, HasSubstr("does not exist"));
  EXPECT_THAT(entries[3].problem, HasSubstr((tmp / "missing").string()));
  EXPECT_FALSE(entries[4].usable());
  EXPECT_THAT(entries[4].problem, HasSubstr("no config.json"));
}

TEST(DiscoverModelsTest, ListsAFolderReachedTwiceOnceAtItsFirstPlace) {
  TempDir tmp;
  writeTinyBert(tmp / "models" / "tiny");
  fs::create_directory_symlink(tmp / "models" / "tiny", tmp / "link-to-tiny");
  DiscoveryOptions options = onlyHome(tmp / "models");
  options.userFolders = {tmp / "models" / "tiny", tmp / "link-to-tiny",
                         tmp / "models" / "." / "tiny"};
  const auto entries = discoverModels(options);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].source, ModelSource::ChildTuneHome);
}

TEST(DiscoverModelsTest, OrdersHomeThenUserFoldersThenHubCache) {
  TempDir tmp;
  writeTinyBert(tmp / "models" / "zeta");
  writeTinyBert(tmp / "models" / "alpha");
  writeTinyBert(tmp / "mine");
  const fs::path repo = writeHubRepo(tmp / "hub", "models--org--aaa", {"r1"});
  DiscoveryOptions options = onlyHome(tmp / "models");
  options.userFolders = {tmp / "mine"};
  options.hubCacheDir = tmp / "hub";
  const auto entries = discoverModels(options);
  EXPECT_THAT(names(entries), ::testing::ElementsAre("alpha", "zeta", "mine", "org/aaa"));
}

TEST(DiscoverModelsTest, MissingLocationsContributeNothing) {
  TempDir tmp;
  DiscoveryOptions options;
  options.childtuneModelsDir = tmp / "no-such-home";
  options.hubCacheDir = tmp / "no-such-hub";
  EXPECT_TRUE(discoverModels(options).empty());
  EXPECT_TRUE(discoverModels(DiscoveryOptions{}).empty());  // everything skipped
}

TEST(InspectCatalogEntryTest, TurnsErrorsIntoAProblem) {
  TempDir tmp;
  const CatalogEntry entry = inspectCatalogEntry(tmp / "absent", ModelSource::UserFolder, "absent");
  EXPECT_EQ(entry.displayName, "absent");
  EXPECT_EQ(entry.source, ModelSource::UserFolder);
  EXPECT_EQ(entry.path, tmp / "absent");
  EXPECT_FALSE(entry.usable());
  EXPECT_THAT(entry.problem, HasSubstr((tmp / "absent").string()));
}

}  // namespace
}  // namespace childtune::core
