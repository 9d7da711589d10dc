#pragma once
// The "Download…" dialog of run setup, for a model from the Hugging Face hub or for GLUE task
// data: a name field, a progress bar with bytes, speed and time left, Cancel, and an error text
// that names the URL and the HTTP status. Cancelling keeps partial files; the next download of
// the same model or task resumes them.
//
// Opening it from the main window:
//
//   auto* dialog = new DownloadDialog(DownloadDialog::Kind::Model, this);
//   dialog->setAttribute(Qt::WA_DeleteOnClose);
//   connect(dialog, &DownloadDialog::modelDownloaded, this,
//           [this](const QString& repoId, const QString& snapshotDir) { /* rescan models */ });
//   dialog->open();
//
// Kind::Glue works the same with glueTaskDownloaded(); setName("RTE") preselects a task.

#include <QDialog>
#include <QElapsedTimer>
#include <QList>
#include <QPair>
#include <QString>
#include <filesystem>

#include "glue_downloader.h"
#include "hub_downloader.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace childtune::app {

class DownloadDialog : public QDialog {
  Q_OBJECT

 public:
  enum class Kind { Model, Glue };

  // Model: the hub and cache of HubSettings::fromEnvironment(). Glue: into defaultGlueDir().
  explicit DownloadDialog(Kind kind, QWidget* parent = nullptr);
  // Explicit locations (tests, or a caller with its own settings).
  explicit DownloadDialog(HubSettings settings, QWidget* parent = nullptr);
  DownloadDialog(std::filesystem::path glueDir, GlueSources sources, QWidget* parent = nullptr);
  ~DownloadDialog() override;

  Kind kind() const { return kind_; }
  // The model name ("roberta-large") or GLUE task ("RTE"; "all" for every task).
  void setName(const QString& name);
  QString name() const;
  // As clicking Download.
  void startDownload();
  bool isDownloading() const;
  // The error shown, empty if none.
  QString errorText() const;
  QString statusText() const;

  // "1.2 GB of 1.4 GB · 11.8 MB/s · 17 s left" (speed and time left when known).
  static QString formatTransfer(qint64 done, qint64 total, double bytesPerSecond);
  static QString formatDuration(qint64 seconds);

 Q_SIGNALS:
  void modelDownloaded(const QString& repoId, const QString& snapshotDir);
  void glueTaskDownloaded(const QString& taskName, const QString& taskDir);

 protected:
  void reject() override;

 private:
  DownloadDialog(Kind kind, QWidget* parent, int /*tag*/);
  void buildUi();
  void onProgress(const TransferProgress& progress);
  void onFailed(const QString& message);
  void onFinished(const QString& message);
  void setBusy(bool busy);
  void cancelDownload();

  Kind kind_;
  HubDownloader* hub_ = nullptr;
  GlueDownloader* glue_ = nullptr;
  QString startedName_;

  QLabel* intro_ = nullptr;
  QComboBox* nameBox_ = nullptr;
  QProgressBar* bar_ = nullptr;
  QLabel* status_ = nullptr;
  QLabel* detail_ = nullptr;
  QLabel* error_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
  QPushButton* downloadButton_ = nullptr;
  QPushButton* cancelButton_ = nullptr;

  QElapsedTimer clock_;
  QList<QPair<qint64, qint64>> samples_;  // (ms since start, bytesThisSession): speed window
};

}  // namespace childtune::app
