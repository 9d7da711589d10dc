#pragma once
// Downloads the official GLUE task data, as the standard download_glue_data.py does, into the
// folder core::findGlueDir() reads: <glue>/<task folder>/{train,dev,test}.tsv (MNLI:
// dev_matched.tsv, …).
//
// Eight tasks come as zip archives from https://dl.fbaipublicfiles.com/glue/data/ (CoLA.zip,
// SST-2.zip, QQP-clean.zip, STS-B.zip, MNLI.zip, QNLIv2.zip, RTE.zip, WNLI.zip). Each is
// downloaded (resumable) to <glue>/.downloads/, unpacked by the core's zip reader (which refuses
// names leaving the folder and zip bombs) into a staging folder next to the target, checked with
// core::taskAvailability, and only then swapped in for the task folder.
//
// MRPC cannot be redistributed as a zip: like the script, we fetch SentEval's
// msr_paraphrase_train.txt / msr_paraphrase_test.txt and GLUE's mrpc_dev_ids.tsv, check their
// SHA-256 against the values the Hugging Face `glue` dataset script pins, and split them into
// train.tsv / dev.tsv / test.tsv byte for byte as download_glue_data.py does.
//
// GUI thread only; unpacking and the MRPC split run on a BackgroundJob.

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QVector>
#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "http_transfer.h"

class QNetworkAccessManager;

namespace childtune::core {
struct TaskSpec;
}

namespace childtune::app {

class BackgroundJob;

struct GlueSources {
  QUrl archiveBase{QStringLiteral("https://dl.fbaipublicfiles.com/glue/data/")};
  QUrl mrpcTrain{QStringLiteral(
      "https://dl.fbaipublicfiles.com/senteval/senteval_data/msr_paraphrase_train.txt")};
  QUrl mrpcTest{QStringLiteral(
      "https://dl.fbaipublicfiles.com/senteval/senteval_data/msr_paraphrase_test.txt")};
  QUrl mrpcDevIds{QStringLiteral("https://dl.fbaipublicfiles.com/glue/data/mrpc_dev_ids.tsv")};
  // Check the three MRPC files against their published SHA-256 (off only for synthetic tests).
  bool verifyMrpcChecksums = true;
};

// The archive download_glue_data.py fetches for a GLUE task ("QNLIv2.zip"); empty for MRPC and
// for tasks that are not GLUE tasks.
QString glueArchiveName(const core::TaskSpec& task);

// Where downloads go: $CHILDTUNE_GLUE_DIR when it names a folder (core::findGlueDir() reads it
// first), else <ChildTune home>/data/glue. Throws childtune::Error{Config} without HOME.
std::filesystem::path defaultGlueDir();

namespace detail {
// download_glue_data.py's format_mrpc: writes train.tsv, dev.tsv and test.tsv to `outDir`.
// Throws childtune::Error{Data} naming the file and line of a malformed row, Error{Io}.
void formatMrpc(const std::filesystem::path& trainTxt, const std::filesystem::path& testTxt,
                const std::filesystem::path& devIds, const std::filesystem::path& outDir);
}  // namespace detail

class GlueDownloader : public QObject {
  Q_OBJECT

 public:
  explicit GlueDownloader(std::filesystem::path glueDir, GlueSources sources = {},
                          QObject* parent = nullptr);
  ~GlueDownloader() override;

  const std::filesystem::path& glueDir() const { return glueDir_; }

  // The GLUE tasks of the registry, in GLUE order ("CoLA", "SST-2", "MRPC", …).
  static QStringList downloadableTasks();

  // Downloads the named tasks one after another (names as core::findTask accepts them).
  // REQUIRES: !running(). Ends in succeeded() or failed() unless cancel() comes first.
  void start(const QStringList& taskNames);
  // Stops; partial downloads stay in <glue>/.downloads and are resumed next time. No signal
  // follows.
  void cancel();
  bool running() const { return running_; }

 Q_SIGNALS:
  void progressChanged(const childtune::app::TransferProgress& progress);
  // A task's folder is complete and readable by the core.
  void taskReady(const QString& taskName, const QString& taskDir);
  void succeeded();
  void failed(const QString& message);

 private:
  struct Item {
    const core::TaskSpec* task = nullptr;
    QUrl url;
    QString fileName;  // in .downloads
    QString sha256;    // expected, empty: unchecked
    bool lastOfTask = false;
  };

  void next();
  void install(const Item& item);
  void onInstalled(const Item& item, const QString& error);
  void fail(const QString& message);
  void emitProgress(bool force);
  QString downloadsDir() const;

  std::filesystem::path glueDir_;
  GlueSources sources_;
  QNetworkAccessManager* network_;
  HttpFileTransfer* transfer_;
  BackgroundJob* installer_;
  QTimer unpackPoll_;
  std::shared_ptr<std::atomic<qint64>> unpacked_;
  std::shared_ptr<std::atomic<qint64>> unpackTotal_;

  bool running_ = false;
  QVector<Item> items_;
  int current_ = -1;
  qint64 fileBytes_ = 0;
  qint64 fileTotal_ = -1;
  qint64 sessionBytes_ = 0;
  QString phase_;
  QElapsedTimer sinceEmit_;
};

}  // namespace childtune::app
