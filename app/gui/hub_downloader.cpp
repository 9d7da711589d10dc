#include "hub_downloader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QTimer>
#include <system_error>

#include "background_job.h"
#include "childtune/error.h"
#include "childtune/model_catalog.h"

namespace childtune::app {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxRelativeRedirects = 5;
constexpr int kMetadataTimeoutMs = 30'000;
constexpr qint64 kHashChunkBytes = qint64{8} << 20;
constexpr qint64 kProgressIntervalMs = 100;

const char* const kConfigFile = "config.json";
const char* const kWeightsFile = "model.safetensors";
const char* const kWeightsIndexFile = "model.safetensors.index.json";
const char* const kTokenizerFiles[] = {
    "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt", "vocab.json",
    "merges.txt",     "added_tokens.json"};

QString qs(const fs::path& path) { return QString::fromStdString(path.string()); }

bool isTrue(const QByteArray& value) {
  const QByteArray upper = value.trimmed().toUpper();
  return upper == "1" || upper == "ON" || upper == "YES" || upper == "TRUE";
}

bool isHex(const QString& text, qsizetype length) {
  static const QRegularExpression hex(QStringLiteral("^[0-9a-f]+$"));
  return text.size() == length && hex.match(text).hasMatch();
}

// huggingface_hub's _normalize_etag: drop a weak-validator prefix and the quotes.
QString normalizeEtag(QByteArray etag) {
  etag = etag.trimmed();
  if (etag.startsWith("W/")) {
    etag = etag.mid(2);
  }
  if (etag.size() >= 2 && etag.startsWith('"') && etag.endsWith('"')) {
    etag = etag.mid(1, etag.size() - 2);
  }
  return QString::fromLatin1(etag);
}

// A file name inside the repository that is safe to join to a snapshot folder.
bool isSafeRepoPath(const QString& name) {
  if (name.isEmpty() || name.startsWith(QLatin1Char('/')) || name.contains(QLatin1Char('\\')) ||
      name.contains(QChar(0))) {
    return false;
  }
  for (const QString& part : name.split(QLatin1Char('/'))) {
    if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String("..")) {
      return false;
    }
  }
  return true;
}

QString readTokenFile(const QByteArray& tokenPathVar) {
  QString path = qEnvironmentVariable(tokenPathVar.constData());
  if (path.isEmpty()) {
    QString home = qEnvironmentVariable("HF_HOME");
    if (home.isEmpty()) {
      QString cache = qEnvironmentVariable("XDG_CACHE_HOME");
      if (cache.isEmpty()) {
        cache = QDir::homePath() + QStringLiteral("/.cache");
      }
      home = cache + QStringLiteral("/huggingface");
    }
    path = home + QStringLiteral("/token");
  }
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    return {};
  }
  return QString::fromUtf8(file.read(4096)).trimmed();
}

// Runs on the verifier's thread. Empty when the contents match `etag`.
QString verifyBlob(const QString& path, const QString& etag, const QString& fileName,
                   const QUrl& url, const std::atomic<bool>& cancelled) {
  const bool lfs = isHex(etag, 64);
  const bool gitBlob = isHex(etag, 40);
  if (!lfs && !gitBlob) {
    return {};  // an ETag that is no content hash (a mirror's): nothing to verify against
  }
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    return HubDownloader::tr("Cannot read %1: %2").arg(path, file.errorString());
  }
  QCryptographicHash hash(lfs ? QCryptographicHash::Sha256 : QCryptographicHash::Sha1);
  if (gitBlob) {
    // A git blob id is the SHA-1 of "blob <size>\0" followed by the contents.
    hash.addData("blob " + QByteArray::number(file.size()) + '\0');
  }
  QByteArray buffer;
  while (!file.atEnd()) {
    if (cancelled.load()) {
      return HubDownloader::tr("Cancelled.");
    }
    buffer = file.read(kHashChunkBytes);
    if (buffer.isEmpty() && file.error() != QFileDevice::NoError) {
      return HubDownloader::tr("Cannot read %1: %2").arg(path, file.errorString());
    }
    hash.addData(buffer);
  }
  file.close();
  const QString actual = QString::fromLatin1(hash.result().toHex());
  if (actual == etag) {
    return {};
  }
  QFile::remove(path);
  return HubDownloader::tr(
             "%1 from %2 is corrupt: its %3 is %4 but the hub's ETag says %5. The download was "
             "deleted; try again.")
      .arg(fileName, url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery),
           lfs ? QStringLiteral("SHA-256") : QStringLiteral("git SHA-1"), actual, etag);
}

}  // namespace

HubSettings HubSettings::fromEnvironment() {
  HubSettings settings;
  const QString endpoint = qEnvironmentVariable("HF_ENDPOINT").trimmed();
  if (!endpoint.isEmpty()) {
    QString trimmed = endpoint;
    while (trimmed.endsWith(QLatin1Char('/'))) {
      trimmed.chop(1);
    }
    settings.endpoint = QUrl(trimmed);
  }
  QString token = qEnvironmentVariable("HF_TOKEN").trimmed();
  if (token.isEmpty()) {
    token = qEnvironmentVariable("HUGGING_FACE_HUB_TOKEN").trimmed();
  }
  if (token.isEmpty()) {
    token = readTokenFile("HF_TOKEN_PATH");
  }
  settings.token = token.toUtf8();
  settings.offline = isTrue(qgetenv("HF_HUB_OFFLINE"));
  try {
    settings.hubCache = core::huggingFaceHubDir();
  } catch (const Error&) {
    settings.hubCache.clear();
  }
  return settings;
}

HubDownloader::HubDownloader(HubSettings settings, QObject* parent)
    : QObject(parent),
      settings_(std::move(settings)),
      network_(new QNetworkAccessManager(this)),
      transfer_(new HttpFileTransfer(network_, this)),
      verifier_(new BackgroundJob(this)) {
  connect(transfer_, &HttpFileTransfer::progress, this,
          [this](qint64 inFile, qint64 fresh, qint64 /*fileSize*/) {
            currentBytes_ = inFile;
            sessionBytes_ += fresh;
            emitProgress(false);
          });
  connect(transfer_, &HttpFileTransfer::finished, this, [this] { onTransferred(current_); });
  connect(transfer_, &HttpFileTransfer::failed, this, [this](const QString& message, int status) {
    if (status == 401 || status == 403) {
      fail(message + QLatin1Char('\n') +
           tr("The model may be gated or private: accept its terms on the hub and set "
              "HF_TOKEN to a token with read access."));
    } else {
      fail(message);
    }
  });
  connect(verifier_, &BackgroundJob::done, this,
          [this](const QString& error) { onVerified(current_, error); });
}

HubDownloader::~HubDownloader() { cancel(); }

QString HubDownloader::checkRepoId(const QString& repoId) {
  // The hub's rules: an optional namespace and a name of letters, digits, '-', '_', '.', no
  // "--" or "..", at most 96 characters each.
  static const QRegularExpression pattern(
      QStringLiteral("^([A-Za-z0-9][A-Za-z0-9_.-]{0,95}/)?[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$"));
  if (repoId.trimmed().isEmpty()) {
    return tr(
        "Enter a model name from the Hugging Face hub, e.g. bert-base-uncased or "
        "google/electra-large-discriminator.");
  }
  if (!pattern.match(repoId).hasMatch() || repoId.contains(QLatin1String("--")) ||
      repoId.contains(QLatin1String("..")) || repoId.endsWith(QLatin1String(".git"))) {
    return tr("\"%1\" is not a hub model name: use name or organization/name (letters, digits, "
              "'-', '_' and '.').")
        .arg(repoId);
  }
  return {};
}

fs::path HubDownloader::repoFolder(const QString& repoId) const {
  QString folder = QStringLiteral("models--") + repoId;
  folder.replace(QLatin1Char('/'), QLatin1String("--"));
  return settings_.hubCache / folder.toStdString();
}

QUrl HubDownloader::endpointUrl(const QString& encodedPath) const {
  QUrl url = settings_.endpoint;
  url.setPath(url.path(QUrl::FullyEncoded) + encodedPath, QUrl::TolerantMode);
  return url;
}

QByteArray HubDownloader::authorization() const {
  return settings_.token.isEmpty() ? QByteArray() : "Bearer " + settings_.token;
}

QNetworkReply* HubDownloader::send(const QString& verb, const QUrl& url) {
  QNetworkRequest request(url);
  request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                       QNetworkRequest::ManualRedirectPolicy);
  request.setTransferTimeout(kMetadataTimeoutMs);
  request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
  // Identity: the hub must report the stored size, not that of a compressed response.
  request.setRawHeader("Accept-Encoding", "identity");
  if (!settings_.token.isEmpty() && url.host() == settings_.endpoint.host()) {
    request.setRawHeader("Authorization", authorization());
  }
  return verb == QLatin1String("HEAD") ? network_->head(request) : network_->get(request);
}

void HubDownloader::start(const QString& repoIdIn) {
  Q_ASSERT(!running_);
  const QString repoId = repoIdIn.trimmed();
  running_ = true;
  repoId_ = repoId;
  commit_.clear();
  siblings_.clear();
  files_.clear();
  current_ = -1;
  currentBytes_ = 0;
  sessionBytes_ = 0;
  phase_ = tr("Looking up");
  sinceEmit_.start();

  QString problem = checkRepoId(repoId);
  if (problem.isEmpty() && settings_.offline) {
    problem = tr("Downloads are disabled because HF_HUB_OFFLINE is set. Unset HF_HUB_OFFLINE (or "
                 "set it to 0) and restart ChildTune to download %1; models already in the "
                 "cache stay available.")
                  .arg(repoId);
  }
  if (problem.isEmpty() && settings_.hubCache.empty()) {
    problem = tr("Cannot tell where the Hugging Face cache is: set HF_HOME or HOME.");
  }
  if (problem.isEmpty() && !settings_.endpoint.isValid()) {
    problem = tr("HF_ENDPOINT is not a valid URL: %1").arg(settings_.endpoint.toString());
  }
  if (!problem.isEmpty()) {
    QTimer::singleShot(0, this, [this, problem] { fail(problem); });
    return;
  }
  redirectsLeft_ = kMaxRelativeRedirects;
  listFiles();
}

void HubDownloader::listFiles() {
  // As huggingface_hub: the revision is quoted whole ("refs/pr/1" -> "refs%2Fpr%2F1").
  const QUrl url =
      endpointUrl(QStringLiteral("/api/models/") + repoId_ + QStringLiteral("/revision/") +
                  QString::fromLatin1(QUrl::toPercentEncoding(settings_.revision)));
  pending_ = send(QStringLiteral("GET"), url);
  QNetworkReply* reply = pending_;
  connect(reply, &QNetworkReply::finished, this, [this, reply] {
    pending_ = nullptr;
    reply->deleteLater();
    onListed(reply);
  });
}

QString HubDownloader::failureForReply(QNetworkReply* reply, const QString& what) const {
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  const QUrl url = reply->url();
  if (status == 0) {
    return tr("Cannot reach %1: %2. Check the network connection (or HF_ENDPOINT).")
        .arg(url.toDisplayString(QUrl::RemoveUserInfo), reply->errorString());
  }
  const QString http = describeHttpFailure(
      url, status, reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(),
      reply->rawHeader("X-Error-Message"));
  if (status == 401 || status == 403) {
    return settings_.token.isEmpty()
               ? tr("%1 is gated or private (%2). Accept its terms on the hub and set HF_TOKEN "
                    "to an access token with read access.")
                     .arg(repoId_, http)
               : tr("The token in HF_TOKEN has no access to %1 (%2). Accept the model's terms on "
                    "the hub, or use a token with read access.")
                     .arg(repoId_, http);
  }
  if (status == 404) {
    return tr("%1 was not found (%2).").arg(what, http);
  }
  return http;
}

void HubDownloader::onListed(QNetworkReply* reply) {
  if (!running_) {
    return;
  }
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  if ((status == 301 || status == 302 || status == 307 || status == 308) && redirectsLeft_-- > 0) {
    // A renamed repository: the hub redirects to the new name on the same host.
    const QUrl target =
        reply->url().resolved(reply->header(QNetworkRequest::LocationHeader).toUrl());
    pending_ = send(QStringLiteral("GET"), target);
    QNetworkReply* next = pending_;
    connect(next, &QNetworkReply::finished, this, [this, next] {
      pending_ = nullptr;
      next->deleteLater();
      onListed(next);
    });
    return;
  }
  if (status != 200) {
    fail(failureForReply(
        reply, tr("The model %1 on %2").arg(repoId_, settings_.endpoint.toDisplayString())));
    return;
  }
  QJsonParseError parseError{};
  const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll(), &parseError);
  const QJsonObject info = doc.object();
  const QString sha = info.value(QStringLiteral("sha")).toString();
  if (doc.isNull() || !isHex(sha, 40)) {
    fail(tr("%1 did not answer with the model's file list (no commit hash in the reply).")
             .arg(reply->url().toDisplayString(QUrl::RemoveUserInfo)));
    return;
  }
  commit_ = sha;
  QStringList siblings;
  for (const QJsonValue& sibling : info.value(QStringLiteral("siblings")).toArray()) {
    siblings << sibling.toObject().value(QStringLiteral("rfilename")).toString();
  }
  siblings_ = siblings;
  if (!planFiles(siblings)) {
    return;
  }
  probeNext();
}

bool HubDownloader::planFiles(const QStringList& siblings) {
  const QSet<QString> present(siblings.begin(), siblings.end());
  if (!present.contains(QLatin1String(kConfigFile))) {
    fail(tr("%1 has no config.json, so it is not a transformers model.").arg(repoId_));
    return false;
  }
  QStringList wanted{QLatin1String(kConfigFile)};
  for (const char* name : kTokenizerFiles) {
    if (present.contains(QLatin1String(name))) {
      wanted << QLatin1String(name);
    }
  }
  if (present.contains(QLatin1String(kWeightsFile))) {
    wanted << QLatin1String(kWeightsFile);
  } else if (present.contains(QLatin1String(kWeightsIndexFile))) {
    wanted << QLatin1String(kWeightsIndexFile);
  } else {
    QStringList others;
    for (const QString& name : siblings) {
      if (name.endsWith(QLatin1String(".bin")) || name.endsWith(QLatin1String(".h5")) ||
          name.endsWith(QLatin1String(".msgpack")) || name.endsWith(QLatin1String(".ckpt"))) {
        others << name;
      }
    }
    fail(tr("%1 has no safetensors weights on %2 (found: %3). ChildTune reads model.safetensors "
            "only; convert the weights with transformers' save_pretrained(safe_serialization="
            "True).")
             .arg(repoId_, settings_.revision,
                  others.isEmpty() ? tr("no weights") : others.join(QLatin1String(", "))));
    return false;
  }
  for (const QString& name : wanted) {
    RemoteFile file;
    file.name = name;
    files_ << file;
  }
  return true;
}

void HubDownloader::probeNext() {
  if (!running_) {
    return;
  }
  int index = -1;
  for (int i = 0; i < files_.size(); ++i) {
    if (!files_[i].probed) {
      index = i;
      break;
    }
  }
  if (index < 0) {
    downloadNext();
    return;
  }
  phase_ = tr("Looking up");
  current_ = index;
  emitProgress(true);
  // The file name is quoted with '/' kept, as huggingface_hub's hf_hub_url does.
  const QUrl url = endpointUrl(
      QLatin1Char('/') + repoId_ + QStringLiteral("/resolve/") + commit_ + QLatin1Char('/') +
      QString::fromLatin1(QUrl::toPercentEncoding(files_[index].name, QByteArrayLiteral("/"))));
  redirectsLeft_ = kMaxRelativeRedirects;
  pending_ = send(QStringLiteral("HEAD"), url);
  QNetworkReply* reply = pending_;
  connect(reply, &QNetworkReply::finished, this, [this, reply, index] {
    pending_ = nullptr;
    reply->deleteLater();
    onProbed(reply, index);
  });
}

void HubDownloader::onProbed(QNetworkReply* reply, int index) {
  if (!running_) {
    return;
  }
  RemoteFile& file = files_[index];
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  const bool redirect = status >= 300 && status < 400;
  if (redirect) {
    const QByteArray location = reply->rawHeader("Location");
    const QUrl target = reply->url().resolved(QUrl::fromEncoded(location));
    if (QUrl::fromEncoded(location).isRelative()) {
      // Relative: the repository was renamed; ask again at its new name (as huggingface_hub).
      if (redirectsLeft_-- <= 0) {
        fail(tr("Too many redirects for %1").arg(reply->url().toDisplayString()));
        return;
      }
      pending_ = send(QStringLiteral("HEAD"), target);
      QNetworkReply* next = pending_;
      connect(next, &QNetworkReply::finished, this, [this, next, index] {
        pending_ = nullptr;
        next->deleteLater();
        onProbed(next, index);
      });
      return;
    }
    file.location = target;  // absolute: the CDN holding the LFS object
  } else if (status == 200) {
    file.location = reply->url();
  } else {
    fail(failureForReply(reply, tr("%1 in %2").arg(file.name, repoId_)));
    return;
  }
  QByteArray etag = reply->rawHeader("X-Linked-Etag");
  if (etag.isEmpty()) {
    etag = reply->rawHeader("ETag");
  }
  file.etag = normalizeEtag(etag);
  static const QRegularExpression safeEtag(QStringLiteral("^[A-Za-z0-9_.-]{1,128}$"));
  if (!safeEtag.match(file.etag).hasMatch() || file.etag.startsWith(QLatin1Char('.'))) {
    fail(tr("%1 sent no usable ETag for %2 (got \"%3\"), so the download cannot be verified.")
             .arg(reply->url().toDisplayString(QUrl::RemoveUserInfo), file.name,
                  QString::fromLatin1(etag)));
    return;
  }
  QByteArray size = reply->rawHeader("X-Linked-Size");
  if (size.isEmpty() && !redirect) {
    size = reply->rawHeader("Content-Length");
  }
  bool ok = false;
  file.size = size.toLongLong(&ok);
  if (!ok || file.size < 0) {
    file.size = -1;
  }
  const QString commit = QString::fromLatin1(reply->rawHeader("X-Repo-Commit"));
  if (!commit.isEmpty() && commit != commit_) {
    fail(tr("The hub reported commit %1 for %2, but the file list was for %3; try again.")
             .arg(commit, file.name, commit_));
    return;
  }
  file.probed = true;
  probeNext();
}

fs::path HubDownloader::blobPath(const RemoteFile& file) const {
  return repoFolder(repoId_) / "blobs" / file.etag.toStdString();
}

fs::path HubDownloader::pointerPath(const RemoteFile& file) const {
  return repoFolder(repoId_) / "snapshots" / commit_.toStdString() / file.name.toStdString();
}

void HubDownloader::downloadNext() {
  if (!running_) {
    return;
  }
  for (int i = 0; i < files_.size(); ++i) {
    if (!files_[i].probed) {
      probeNext();
      return;
    }
  }
  int index = -1;
  for (int i = 0; i < files_.size(); ++i) {
    if (!files_[i].done) {
      index = i;
      break;
    }
  }
  if (index < 0) {
    finish();
    return;
  }
  current_ = index;
  currentBytes_ = 0;
  RemoteFile& file = files_[index];
  std::error_code ec;
  const fs::path blob = blobPath(file);
  const fs::path pointer = pointerPath(file);
  if (fs::exists(pointer, ec) || fs::exists(blob, ec)) {
    // Already in the cache (from huggingface_hub or an earlier download): only link it.
    QString error;
    if (!installBlob(file, &error)) {
      fail(error);
      return;
    }
    file.done = true;
    if (file.name == QLatin1String(kWeightsIndexFile) && !addShardsFromIndex(file, &error)) {
      fail(error);
      return;
    }
    QTimer::singleShot(0, this, [this] { downloadNext(); });
    return;
  }
  fs::create_directories(blob.parent_path(), ec);
  if (ec) {
    fail(tr("Cannot create %1: %2")
             .arg(qs(blob.parent_path()), QString::fromStdString(ec.message())));
    return;
  }
  phase_ = tr("Downloading");
  HttpFileTransfer::Request request;
  request.url = file.location;
  request.partPath = qs(blob) + QStringLiteral(".incomplete");
  request.expectedSize = file.size;
  request.authorization = authorization();
  request.authorizationHost = settings_.endpoint.host();
  currentBytes_ = QFileInfo(request.partPath).size();
  emitProgress(true);
  transfer_->start(request);
}

void HubDownloader::onTransferred(int index) {
  if (!running_) {
    return;
  }
  const RemoteFile& file = files_[index];
  phase_ = tr("Verifying");
  emitProgress(true);
  const QString part = qs(blobPath(file)) + QStringLiteral(".incomplete");
  verifier_->start([part, etag = file.etag, name = file.name,
                    url = file.location](const std::atomic<bool>& cancelled) {
    return verifyBlob(part, etag, name, url, cancelled);
  });
}

void HubDownloader::onVerified(int index, const QString& error) {
  if (!running_) {
    return;
  }
  if (!error.isEmpty()) {
    fail(error);
    return;
  }
  RemoteFile& file = files_[index];
  const QString blob = qs(blobPath(file));
  const QString part = blob + QStringLiteral(".incomplete");
  if (QFileInfo::exists(blob)) {
    QFile::remove(part);  // another downloader finished the same blob first
  } else if (!QFile::rename(part, blob)) {
    fail(tr("Cannot move %1 to %2").arg(part, blob));
    return;
  }
  QString installError;
  if (!installBlob(file, &installError)) {
    fail(installError);
    return;
  }
  file.done = true;
  if (file.name == QLatin1String(kWeightsIndexFile) && !addShardsFromIndex(file, &installError)) {
    fail(installError);
    return;
  }
  downloadNext();
}

bool HubDownloader::installBlob(const RemoteFile& file, QString* error) {
  const fs::path pointer = pointerPath(file);
  const fs::path blob = blobPath(file);
  std::error_code ec;
  if (fs::exists(pointer, ec)) {
    return true;
  }
  fs::create_directories(pointer.parent_path(), ec);
  if (ec) {
    *error = tr("Cannot create %1: %2")
                 .arg(qs(pointer.parent_path()), QString::fromStdString(ec.message()));
    return false;
  }
  fs::remove(pointer, ec);  // a dangling link from an interrupted earlier run
  // Relative, as huggingface_hub links: the cache stays valid when it is moved or mounted
  // elsewhere. snapshots/<commit>/<dirs…>/<file> -> ../../<dirs as ..>/blobs/<etag>.
  const fs::path target = blob.lexically_relative(pointer.parent_path());
  fs::create_symlink(target, pointer, ec);
  if (ec) {
    // A file system without symbolic links: keep a copy, as huggingface_hub does.
    ec.clear();
    fs::copy_file(blob, pointer, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      *error = tr("Cannot place %1 in the snapshot %2: %3")
                   .arg(file.name, qs(pointer.parent_path()), QString::fromStdString(ec.message()));
      return false;
    }
  }
  return true;
}

bool HubDownloader::addShardsFromIndex(const RemoteFile& index, QString* error) {
  QFile file(qs(pointerPath(index)));
  if (!file.open(QIODevice::ReadOnly)) {
    *error = tr("Cannot read %1: %2").arg(file.fileName(), file.errorString());
    return false;
  }
  const QJsonObject map = QJsonDocument::fromJson(file.readAll())
                              .object()
                              .value(QStringLiteral("weight_map"))
                              .toObject();
  if (map.isEmpty()) {
    *error = tr("%1 of %2 has no weight_map.").arg(index.name, repoId_);
    return false;
  }
  const QSet<QString> present(siblings_.begin(), siblings_.end());
  QSet<QString> known;
  for (const RemoteFile& f : files_) {
    known.insert(f.name);
  }
  for (const QJsonValue& value : map) {
    const QString shard = value.toString();
    if (known.contains(shard)) {
      continue;
    }
    if (!isSafeRepoPath(shard) || !shard.endsWith(QLatin1String(".safetensors")) ||
        !present.contains(shard)) {
      *error = tr("%1 of %2 names the shard \"%3\", which the repository does not have.")
                   .arg(index.name, repoId_, shard);
      return false;
    }
    RemoteFile remote;
    remote.name = shard;
    files_ << remote;
    known.insert(shard);
  }
  return true;
}

void HubDownloader::finish() {
  const fs::path snapshot = repoFolder(repoId_) / "snapshots" / commit_.toStdString();
  if (settings_.revision != commit_) {
    // refs/<revision> last: the model catalog follows it, so it only ever points at a complete
    // snapshot.
    const QString refPath = qs(repoFolder(repoId_) / "refs" / settings_.revision.toStdString());
    QDir().mkpath(QFileInfo(refPath).path());
    QSaveFile ref(refPath);
    if (!ref.open(QIODevice::WriteOnly) || ref.write(commit_.toLatin1()) != commit_.size() ||
        !ref.commit()) {
      fail(tr("Cannot write %1: %2").arg(refPath, ref.errorString()));
      return;
    }
  }
  phase_ = tr("Done");
  emitProgress(true);
  running_ = false;
  Q_EMIT succeeded(qs(snapshot));
}

void HubDownloader::fail(const QString& message) {
  if (!running_) {
    return;
  }
  cancel();
  Q_EMIT failed(message);
}

void HubDownloader::cancel() {
  running_ = false;
  if (pending_ != nullptr) {
    QNetworkReply* reply = pending_;
    pending_ = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
  }
  transfer_->abort();
  if (verifier_->running()) {
    // The job stops at its next chunk; a fresh one serves the next start().
    verifier_->disconnect(this);
    delete verifier_;
    verifier_ = new BackgroundJob(this);
    connect(verifier_, &BackgroundJob::done, this,
            [this](const QString& error) { onVerified(current_, error); });
  }
}

void HubDownloader::emitProgress(bool force) {
  if (!force && sinceEmit_.elapsed() < kProgressIntervalMs) {
    return;
  }
  sinceEmit_.restart();
  TransferProgress progress;
  qint64 total = 0;
  bool totalKnown = true;
  for (int i = 0; i < files_.size(); ++i) {
    const RemoteFile& file = files_[i];
    if (file.size < 0) {
      totalKnown = false;
    } else {
      total += file.size;
    }
    if (file.done) {
      progress.bytesDone += std::max<qint64>(file.size, 0);
    } else if (i == current_) {
      progress.bytesDone += currentBytes_;
    }
  }
  progress.bytesTotal = totalKnown && !files_.isEmpty() ? total : -1;
  progress.bytesThisSession = sessionBytes_;
  if (current_ >= 0 && current_ < files_.size()) {
    progress.item = files_[current_].name;
  }
  progress.itemIndex = current_ + 1;
  progress.itemCount = static_cast<int>(files_.size());
  progress.phase = phase_;
  Q_EMIT progressChanged(progress);
}

}  // namespace childtune::app
