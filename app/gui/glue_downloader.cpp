#include "glue_downloader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <fstream>
#include <set>
#include <string_view>
#include <system_error>

#include "background_job.h"
#include "childtune/error.h"
#include "childtune/model_catalog.h"
#include "childtune/tasks.h"
#include "io/zip_reader.h"

namespace childtune::app {
namespace {

namespace fs = std::filesystem;

constexpr qint64 kProgressIntervalMs = 100;
constexpr qint64 kHashChunkBytes = qint64{8} << 20;

// SHA-256 of the three MRPC source files, as the Hugging Face `glue` dataset script pins them
// (download_checksums), and as the copies in ../shared/data/glue/MRPC hash.
constexpr const char* kMrpcTrainSha256 =
    "60a9b09084528f0673eedee2b69cb941920f0b8cd0eeccefc464a98768457f89";
constexpr const char* kMrpcTestSha256 =
    "a04e271090879aaba6423d65b94950c089298587d9c084bf9cd7439bd785f784";
constexpr const char* kMrpcDevIdsSha256 =
    "971d7767d81b997fd9060ade0ec23c4fc31cbb226a55d1bd4a1bac474eb81dc7";
const char* const kMrpcTrainFile = "msr_paraphrase_train.txt";
const char* const kMrpcTestFile = "msr_paraphrase_test.txt";
const char* const kMrpcDevIdsFile = "mrpc_dev_ids.tsv";

QString qs(const fs::path& path) { return QString::fromStdString(path.string()); }

[[noreturn]] void ioError(const std::string& what, const fs::path& path,
                          const std::error_code& ec) {
  throw Error(ErrorCode::Io, "cannot " + what + " " + path.string() + ": " + ec.message());
}

// Python's str.strip() for the ASCII whitespace the MRPC files can contain.
std::string_view pyStrip(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
           (c >= '\x1c' && c <= '\x1f');
  };
  while (!s.empty() && space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && space(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string_view> splitTabs(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t tab = s.find('\t', start);
    out.push_back(
        s.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) {
      return out;
    }
    start = tab + 1;
  }
}

std::string readAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : -1;
  std::string text(size > 0 ? static_cast<size_t>(size) : 0, '\0');
  in.seekg(0);
  if (size < 0 || !in.read(text.data(), static_cast<std::streamsize>(text.size()))) {
    throw Error(ErrorCode::Io, "cannot read " + path.string());
  }
  return text;
}

// Lines as Python's text mode yields them: split after '\n', "\r\n" read as "\n"; each line
// keeps its '\n' (the last may have none).
std::vector<std::string> textLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string::npos ? text.size() : end + 1;
    std::string line = text.substr(start, end - start);
    if (line.size() >= 2 && line[line.size() - 2] == '\r' && line.back() == '\n') {
      line.erase(line.size() - 2, 1);
    }
    lines.push_back(std::move(line));
    start = end;
  }
  return lines;
}

void writeText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) {
    throw Error(ErrorCode::Io, "cannot write " + path.string() + " (disk full?)");
  }
}

QString sha256Of(const QString& path, const std::atomic<bool>& cancelled) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    throw Error(ErrorCode::Io, "cannot read " + path.toStdString());
  }
  QCryptographicHash hash(QCryptographicHash::Sha256);
  while (!file.atEnd()) {
    if (cancelled.load()) {
      throw Error(ErrorCode::Cancelled, "cancelled");
    }
    hash.addData(file.read(kHashChunkBytes));
  }
  return QString::fromLatin1(hash.result().toHex());
}

// The folder in `staging` that holds the task's files: <staging>/<folder> as in the official
// archives, else the only folder there (macOS's __MACOSX aside), else `staging` itself.
fs::path taskRoot(const fs::path& staging, const core::TaskSpec& task) {
  if (fs::is_directory(staging / task.folder)) {
    return staging / task.folder;
  }
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(staging)) {
    if (entry.is_directory() && entry.path().filename() != "__MACOSX") {
      folders.push_back(entry.path());
    }
  }
  if (folders.size() == 1) {
    return folders.front();
  }
  return staging;
}

// Replaces `target` by `staged` (same file system): the old folder is moved aside first and
// removed only once the new one is in place.
void swapIn(const fs::path& staged, const fs::path& target) {
  std::error_code ec;
  const fs::path old = target.parent_path() / ("." + target.filename().string() + ".old");
  fs::remove_all(old, ec);
  const bool hadOld = fs::exists(target);
  if (hadOld) {
    fs::rename(target, old, ec);
    if (ec) {
      ioError("move aside", target, ec);
    }
  }
  fs::rename(staged, target, ec);
  if (ec) {
    std::error_code restore;
    if (hadOld) {
      fs::rename(old, target, restore);
    }
    ioError("move into place", target, ec);
  }
  fs::remove_all(old, ec);
}

void checkTrainable(const fs::path& glueDir, const core::TaskSpec& task, const QString& source) {
  const core::TaskAvailability availability = core::taskAvailability(glueDir, task);
  if (availability.trainable(task)) {
    return;
  }
  std::string missing;
  for (const core::SplitStatus& split : availability.splits) {
    if (!split.present) {
      missing += (missing.empty() ? "" : ", ") + split.file.filename().string();
    }
  }
  throw Error(ErrorCode::Data, source.toStdString() + " did not provide " + missing + " for " +
                                   task.name + " (looked in " + availability.dir.string() + ")");
}

}  // namespace

QString glueArchiveName(const core::TaskSpec& task) {
  if (!task.glue) {
    return {};
  }
  // download_glue_data.py's TASK2PATH; QQP and QNLI have revised archives.
  if (task.name == "QQP") {
    return QStringLiteral("QQP-clean.zip");
  }
  if (task.name == "QNLI") {
    return QStringLiteral("QNLIv2.zip");
  }
  if (task.name == "MRPC") {
    return {};
  }
  return QString::fromStdString(task.folder) + QStringLiteral(".zip");
}

fs::path defaultGlueDir() {
  const QString env = qEnvironmentVariable("CHILDTUNE_GLUE_DIR");
  if (!env.isEmpty() && QFileInfo(env).isDir()) {
    return fs::path(env.toStdString());
  }
  return core::childtuneHome() / "data" / "glue";
}

namespace detail {

void formatMrpc(const fs::path& trainTxt, const fs::path& testTxt, const fs::path& devIds,
                const fs::path& outDir) {
  auto fields = [](const fs::path& file, size_t lineNo, std::string_view row) {
    std::vector<std::string_view> parts = splitTabs(pyStrip(row));
    if (parts.size() != 5) {
      throw Error(ErrorCode::Data, file.string() + " line " + std::to_string(lineNo) + ": " +
                                       std::to_string(parts.size()) +
                                       " tab-separated fields, expected 5");
    }
    return parts;
  };

  std::set<std::string, std::less<>> dev;
  for (const std::string& row : textLines(readAll(devIds))) {
    dev.emplace(pyStrip(row));
  }

  const std::vector<std::string> test = textLines(readAll(testTxt));
  std::string testOut = "index\t#1 ID\t#2 ID\t#1 String\t#2 String\n";
  for (size_t i = 1; i < test.size(); ++i) {
    const auto f = fields(testTxt, i + 1, test[i]);
    testOut += std::to_string(i - 1) + '\t' + std::string(f[1]) + '\t' + std::string(f[2]) + '\t' +
               std::string(f[3]) + '\t' + std::string(f[4]) + '\n';
  }

  const std::vector<std::string> train = textLines(readAll(trainTxt));
  if (train.empty()) {
    throw Error(ErrorCode::Data, trainTxt.string() + " is empty");
  }
  std::string trainOut = train[0];
  std::string devOut = train[0];
  size_t devRows = 0;
  for (size_t i = 1; i < train.size(); ++i) {
    const auto f = fields(trainTxt, i + 1, train[i]);
    const std::string row = std::string(f[0]) + '\t' + std::string(f[1]) + '\t' +
                            std::string(f[2]) + '\t' + std::string(f[3]) + '\t' +
                            std::string(f[4]) + '\n';
    if (dev.contains(std::string(f[1]) + '\t' + std::string(f[2]))) {
      devOut += row;
      ++devRows;
    } else {
      trainOut += row;
    }
  }
  if (devRows == 0) {
    throw Error(ErrorCode::Data, devIds.string() + " names none of the pairs in " +
                                     trainTxt.string() + ": the files do not belong together");
  }
  std::error_code ec;
  fs::create_directories(outDir, ec);
  if (ec) {
    ioError("create", outDir, ec);
  }
  writeText(outDir / "train.tsv", trainOut);
  writeText(outDir / "dev.tsv", devOut);
  writeText(outDir / "test.tsv", testOut);
}

}  // namespace detail

GlueDownloader::GlueDownloader(fs::path glueDir, GlueSources sources, QObject* parent)
    : QObject(parent),
      glueDir_(std::move(glueDir)),
      sources_(std::move(sources)),
      network_(new QNetworkAccessManager(this)),
      transfer_(new HttpFileTransfer(network_, this)),
      installer_(new BackgroundJob(this)),
      unpacked_(std::make_shared<std::atomic<qint64>>(0)),
      unpackTotal_(std::make_shared<std::atomic<qint64>>(-1)) {
  connect(transfer_, &HttpFileTransfer::progress, this,
          [this](qint64 inFile, qint64 fresh, qint64 fileSize) {
            fileBytes_ = inFile;
            fileTotal_ = fileSize;
            sessionBytes_ += fresh;
            emitProgress(false);
          });
  connect(transfer_, &HttpFileTransfer::finished, this, [this] {
    const Item& item = items_[current_];
    const QString final = downloadsDir() + QLatin1Char('/') + item.fileName;
    QFile::remove(final);
    if (!QFile::rename(final + QStringLiteral(".part"), final)) {
      fail(tr("Cannot move the download to %1").arg(final));
      return;
    }
    if (item.lastOfTask) {
      install(item);
    } else {
      next();
    }
  });
  connect(transfer_, &HttpFileTransfer::failed, this,
          [this](const QString& message, int /*status*/) { fail(message); });
  unpackPoll_.setInterval(static_cast<int>(kProgressIntervalMs));
  connect(&unpackPoll_, &QTimer::timeout, this, [this] {
    fileBytes_ = unpacked_->load();
    fileTotal_ = unpackTotal_->load();
    emitProgress(true);
  });
}

GlueDownloader::~GlueDownloader() {
  cancel();
  delete installer_;  // waits for an unpacking job
  installer_ = nullptr;
}

QStringList GlueDownloader::downloadableTasks() {
  QStringList names;
  for (const core::TaskSpec& task : core::allTasks()) {
    if (task.glue) {
      names << QString::fromStdString(task.name);
    }
  }
  return names;
}

QString GlueDownloader::downloadsDir() const { return qs(glueDir_ / ".downloads"); }

void GlueDownloader::start(const QStringList& taskNames) {
  Q_ASSERT(!running_);
  running_ = true;
  items_.clear();
  current_ = -1;
  sessionBytes_ = 0;
  sinceEmit_.start();
  QString problem;
  for (const QString& name : taskNames) {
    const core::TaskSpec* task = core::findTask(name.toStdString());
    if (task == nullptr || !task->glue) {
      problem = tr("\"%1\" is not a GLUE task; these can be downloaded: %2")
                    .arg(name, downloadableTasks().join(QLatin1String(", ")));
      break;
    }
    const QString archive = glueArchiveName(*task);
    if (!archive.isEmpty()) {
      items_.push_back({task, sources_.archiveBase.resolved(QUrl(archive)), archive, {}, true});
    } else {
      const bool check = sources_.verifyMrpcChecksums;
      items_.push_back({task, sources_.mrpcTrain, QLatin1String(kMrpcTrainFile),
                        check ? QLatin1String(kMrpcTrainSha256) : QString(), false});
      items_.push_back({task, sources_.mrpcTest, QLatin1String(kMrpcTestFile),
                        check ? QLatin1String(kMrpcTestSha256) : QString(), false});
      items_.push_back({task, sources_.mrpcDevIds, QLatin1String(kMrpcDevIdsFile),
                        check ? QLatin1String(kMrpcDevIdsSha256) : QString(), true});
    }
  }
  if (problem.isEmpty() && items_.isEmpty()) {
    problem = tr("Choose at least one GLUE task to download.");
  }
  if (problem.isEmpty() && !QDir().mkpath(downloadsDir())) {
    problem = tr("Cannot create %1").arg(downloadsDir());
  }
  if (!problem.isEmpty()) {
    QTimer::singleShot(0, this, [this, problem] { fail(problem); });
    return;
  }
  next();
}

void GlueDownloader::next() {
  if (!running_) {
    return;
  }
  ++current_;
  if (current_ >= items_.size()) {
    running_ = false;
    Q_EMIT succeeded();
    return;
  }
  const Item& item = items_[current_];
  const QString final = downloadsDir() + QLatin1Char('/') + item.fileName;
  phase_ = tr("Downloading");
  fileBytes_ = 0;
  fileTotal_ = -1;
  if (QFileInfo::exists(final)) {
    // Downloaded completely by an earlier run whose unpacking failed or was cancelled.
    fileBytes_ = fileTotal_ = QFileInfo(final).size();
    emitProgress(true);
    if (item.lastOfTask) {
      install(item);
    } else {
      QTimer::singleShot(0, this, [this] { next(); });
    }
    return;
  }
  HttpFileTransfer::Request request;
  request.url = item.url;
  request.partPath = final + QStringLiteral(".part");
  fileBytes_ = QFileInfo(request.partPath).size();
  emitProgress(true);
  transfer_->start(request);
}

void GlueDownloader::install(const Item& item) {
  phase_ = item.task->name == "MRPC" ? tr("Preparing") : tr("Unpacking");
  unpacked_->store(0);
  unpackTotal_->store(-1);
  fileBytes_ = 0;
  fileTotal_ = -1;
  emitProgress(true);
  unpackPoll_.start();

  const core::TaskSpec* task = item.task;
  const fs::path glueDir = glueDir_;
  const fs::path downloads = downloadsDir().toStdString();
  const fs::path staging = glueDir / (".staging-" + task->folder);
  QVector<Item> taskItems;
  for (const Item& i : items_) {
    if (i.task == task) {
      taskItems << i;
    }
  }
  auto unpacked = unpacked_;
  auto unpackTotal = unpackTotal_;
  installer_->disconnect(this);
  connect(installer_, &BackgroundJob::done, this,
          [this, item](const QString& error) { onInstalled(item, error); });
  installer_->start([=](const std::atomic<bool>& cancelled) -> QString {
    try {
      std::error_code ec;
      fs::remove_all(staging, ec);
      for (const Item& i : taskItems) {
        if (i.sha256.isEmpty()) {
          continue;
        }
        const QString path = qs(downloads / i.fileName.toStdString());
        const QString actual = sha256Of(path, cancelled);
        if (actual != i.sha256) {
          QFile::remove(path);
          return GlueDownloader::tr(
                     "%1 from %2 is not the published file: its SHA-256 is %3, "
                     "expected %4. It was deleted; try again.")
              .arg(i.fileName, i.url.toDisplayString(), actual, i.sha256);
        }
      }
      if (task->name == "MRPC") {
        const fs::path out = staging / task->folder;
        detail::formatMrpc(downloads / kMrpcTrainFile, downloads / kMrpcTestFile,
                           downloads / kMrpcDevIdsFile, out);
        // The script leaves its inputs in the task folder too (dev_ids.tsv under that name).
        fs::copy_file(downloads / kMrpcTrainFile, out / kMrpcTrainFile,
                      fs::copy_options::overwrite_existing);
        fs::copy_file(downloads / kMrpcTestFile, out / kMrpcTestFile,
                      fs::copy_options::overwrite_existing);
        fs::copy_file(downloads / kMrpcDevIdsFile, out / "dev_ids.tsv",
                      fs::copy_options::overwrite_existing);
      } else {
        const fs::path archive = downloads / item.fileName.toStdString();
        const core::io::ZipReader zip = core::io::ZipReader::open(archive);
        core::io::extractAll(zip, staging, &cancelled, [&](uint64_t done, uint64_t total) {
          unpacked->store(static_cast<qint64>(done));
          unpackTotal->store(static_cast<qint64>(total));
        });
      }
      const fs::path root = taskRoot(staging, *task);
      const core::SplitFile* trainFile = task->file(core::Split::Train);
      if (trainFile != nullptr && !fs::exists(root / trainFile->fileName)) {
        throw Error(ErrorCode::Data, item.url.toDisplayString().toStdString() +
                                         " does not contain " + trainFile->fileName + " for " +
                                         task->name);
      }
      const fs::path target = glueDir / task->folder;
      swapIn(root, target);
      fs::remove_all(staging, ec);
      checkTrainable(glueDir, *task, item.url.toDisplayString());
      for (const Item& i : taskItems) {
        fs::remove(downloads / i.fileName.toStdString(), ec);
      }
      return {};
    } catch (const Error& e) {
      std::error_code ec;
      fs::remove_all(staging, ec);
      if (e.code() == ErrorCode::Cancelled) {
        return GlueDownloader::tr("Cancelled.");
      }
      if (e.code() == ErrorCode::Data && task->name != "MRPC") {
        // A broken archive would fail the same way again: download it afresh next time.
        fs::remove(downloads / item.fileName.toStdString(), ec);
      }
      return QString::fromStdString(e.what());
    } catch (const fs::filesystem_error& e) {
      std::error_code ec;
      fs::remove_all(staging, ec);
      return QString::fromStdString(e.what());
    }
  });
}

void GlueDownloader::onInstalled(const Item& item, const QString& error) {
  unpackPoll_.stop();
  if (!running_) {
    return;
  }
  if (!error.isEmpty()) {
    fail(error);
    return;
  }
  Q_EMIT taskReady(QString::fromStdString(item.task->name), qs(glueDir_ / item.task->folder));
  next();
}

void GlueDownloader::fail(const QString& message) {
  if (!running_) {
    return;
  }
  cancel();
  Q_EMIT failed(message);
}

void GlueDownloader::cancel() {
  running_ = false;
  unpackPoll_.stop();
  transfer_->abort();
  if (installer_ != nullptr && installer_->running()) {
    installer_->disconnect(this);
    delete installer_;  // cancels and waits: the job polls its flag between 1 MiB chunks
    installer_ = new BackgroundJob(this);
  }
}

void GlueDownloader::emitProgress(bool force) {
  if (!force && sinceEmit_.elapsed() < kProgressIntervalMs) {
    return;
  }
  sinceEmit_.restart();
  TransferProgress progress;
  progress.bytesDone = fileBytes_;
  progress.bytesTotal = fileTotal_;
  progress.bytesThisSession = sessionBytes_;
  if (current_ >= 0 && current_ < items_.size()) {
    progress.item = items_[current_].fileName;
  }
  progress.itemIndex = current_ + 1;
  progress.itemCount = static_cast<int>(items_.size());
  progress.phase = phase_;
  Q_EMIT progressChanged(progress);
}

}  // namespace childtune::app
