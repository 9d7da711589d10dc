#pragma once
// Downloads a model from the Hugging Face hub into the hub cache, in the layout huggingface_hub
// itself writes and core::discoverModels() reads:
//
//   <hub>/models--<org>--<name>/blobs/<etag>                  the file contents
//   <hub>/models--<org>--<name>/snapshots/<commit>/<file>     -> ../../blobs/<etag> (relative link)
//   <hub>/models--<org>--<name>/refs/main                     the commit (written last)
//
// What is fetched: config.json, the tokenizer files the repository has (tokenizer.json,
// tokenizer_config.json, special_tokens_map.json, vocab.txt, vocab.json, merges.txt,
// added_tokens.json) and the safetensors weights (model.safetensors, or
// model.safetensors.index.json and every shard it names). Nothing else: no pickles, no TF/Flax.
//
// Protocol (as huggingface_hub's file_download.py): GET <endpoint>/api/models/<repo>/revision/<rev>
// lists the files and pins the commit; for each file a HEAD on <endpoint>/<repo>/resolve/<commit>/
// <file> without following absolute redirects gives X-Repo-Commit, the ETag (X-Linked-Etag for LFS
// files, whose value is the SHA-256 of the contents) and the size (X-Linked-Size), and Location
// the CDN URL. The GET goes to blobs/<etag>.incomplete and resumes with a Range request; the
// finished file is verified (SHA-256 for LFS ETags, the git blob SHA-1 for the 40-hex ETags of
// regular files) before it becomes blobs/<etag>. A mismatching file is deleted.
//
// Environment (HubSettings::fromEnvironment): HF_ENDPOINT (default https://huggingface.co),
// HF_TOKEN (else HUGGING_FACE_HUB_TOKEN, else the token file that `huggingface-cli login` writes:
// $HF_TOKEN_PATH or $HF_HOME/token), HF_HUB_OFFLINE=1 (downloads refused with a message), and the
// cache location of core::huggingFaceHubDir() (HF_HUB_CACHE, HF_HOME, ...).
//
// GUI thread only. Hashing runs on a BackgroundJob.

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVector>
#include <filesystem>

#include "http_transfer.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace childtune::app {

class BackgroundJob;

struct HubSettings {
  QUrl endpoint{QStringLiteral("https://huggingface.co")};
  QByteArray token;  // empty: anonymous
  bool offline = false;
  std::filesystem::path hubCache;  // empty when it cannot be resolved (no HOME)
  QString revision = QStringLiteral("main");

  // Never throws.
  static HubSettings fromEnvironment();
};

class HubDownloader : public QObject {
  Q_OBJECT

 public:
  explicit HubDownloader(HubSettings settings, QObject* parent = nullptr);
  ~HubDownloader() override;

  const HubSettings& settings() const { return settings_; }

  // Empty when `repoId` looks like a hub model name ("roberta-large", "google/electra-small-
  // discriminator"), else a translated reason.
  static QString checkRepoId(const QString& repoId);

  // The folder huggingface_hub uses for `repoId`: <hub>/models--org--name.
  std::filesystem::path repoFolder(const QString& repoId) const;

  // Starts downloading `repoId`. REQUIRES: !running(). Ends in exactly one of succeeded() or
  // failed() unless cancel() is called first.
  void start(const QString& repoId);
  // Stops; partial files stay as blobs/<etag>.incomplete and are resumed next time. No signal
  // follows.
  void cancel();
  bool running() const { return running_; }

 Q_SIGNALS:
  void progressChanged(const childtune::app::TransferProgress& progress);
  // The snapshot folder (<hub>/models--…/snapshots/<commit>) that now holds every file.
  void succeeded(const QString& snapshotDir);
  void failed(const QString& message);

 private:
  struct RemoteFile {
    QString name;
    bool probed = false;  // HEAD done
    QUrl location;        // where the GET goes (the CDN for LFS files)
    QString etag;
    qint64 size = -1;
    bool done = false;
  };

  QByteArray authorization() const;
  // <endpoint><encodedPath>, keeping a path prefix of the endpoint (a mirror at https://h/hf).
  QUrl endpointUrl(const QString& encodedPath) const;
  QNetworkReply* send(const QString& verb, const QUrl& url);
  void listFiles();
  void onListed(QNetworkReply* reply);
  bool planFiles(const QStringList& siblings);
  void probeNext();
  void onProbed(QNetworkReply* reply, int index);
  void downloadNext();
  void onTransferred(int index);
  void onVerified(int index, const QString& error);
  bool installBlob(const RemoteFile& file, QString* error);
  bool addShardsFromIndex(const RemoteFile& index, QString* error);
  void finish();
  void fail(const QString& message);
  QString failureForReply(QNetworkReply* reply, const QString& what) const;
  std::filesystem::path blobPath(const RemoteFile& file) const;
  std::filesystem::path pointerPath(const RemoteFile& file) const;
  void emitProgress(bool force);

  HubSettings settings_;
  QNetworkAccessManager* network_;
  HttpFileTransfer* transfer_;
  BackgroundJob* verifier_;
  QNetworkReply* pending_ = nullptr;  // the API or HEAD request in flight
  bool running_ = false;
  quint64 generation_ = 0;  // stale callbacks of a cancelled run are ignored

  QString repoId_;
  QString commit_;
  QStringList siblings_;
  QVector<RemoteFile> files_;
  int current_ = -1;
  int redirectsLeft_ = 0;
  qint64 currentBytes_ = 0;  // bytes of files_[current_] on disk
  qint64 sessionBytes_ = 0;
  QString phase_;
  QElapsedTimer sinceEmit_;
};

}  // namespace childtune::app
