#pragma once
// The Run setup view: the task picker next to the method/hyper-parameter form, with Save / Open
// run configuration (JSON, RunConfig::toJson/fromJson) and "Copy as command line". The model
// comes from the main window's model picker (setModelDir). The task picker's Download… opens the
// GLUE DownloadDialog for the task (into defaultGlueDir()) and shows the task once it is there.

#include <QString>
#include <QWidget>
#include <filesystem>
#include <optional>

#include "childtune/run_config.h"
#include "glue_downloader.h"

class QAction;
class QLabel;
class QPushButton;
class QToolButton;

namespace childtune::widgets {
class RunConfigForm;
class TaskPickerWidget;
}  // namespace childtune::widgets

namespace childtune::app {

class DownloadDialog;

class RunSetupPage : public QWidget {
  Q_OBJECT

 public:
  explicit RunSetupPage(QWidget* parent = nullptr);

  // The run the form describes (model, task, data folder and every setting).
  core::RunConfig config() const;
  // Shows `config`: task, data folder (as a located folder when set) and the form's fields.
  void setConfig(const core::RunConfig& config);
  void setModelDir(const QString& dir);

  // RunConfig::toJson into `path`; false and `error` when it cannot be written.
  bool saveConfig(const QString& path, QString* error) const;
  // RunConfig::fromJson from `path` (validated); false and `error` (naming the file) otherwise.
  bool openConfig(const QString& path, QString* error);
  // `childtune-cli train …` for config(), quoted for a shell.
  QString commandLine() const;
  // Puts commandLine() on the clipboard; returns a note about settings it cannot carry (or "").
  QString copyCommandLine() const;

  // Whether config() validates and the task's data is there.
  bool canStart() const;
  // Why not, for people; empty when canStart().
  QString startProblem() const;

  // The button under the form triggers this action (the main window's Start).
  void setStartAction(QAction* action);

  // Where Download… fetches from and to (tests: a local server and a temporary folder); by default
  // GlueSources{} into defaultGlueDir().
  void setGlueDownloadTarget(std::filesystem::path glueDir, GlueSources sources);
  // Download… for the current task: opens (non-modal) and starts the download dialog.
  DownloadDialog* downloadTaskData();

  widgets::TaskPickerWidget* taskPicker() const { return tasks_; }
  widgets::RunConfigForm* form() const { return form_; }

 Q_SIGNALS:
  void configChanged();
  // Status-bar notes ("Copied …").
  void message(const QString& text);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void promptSave();
  void promptOpen();
  void onTaskDownloaded(const QString& task, const QString& taskDir);

  struct GlueTarget {
    std::filesystem::path dir;
    GlueSources sources;
  };
  std::optional<GlueTarget> glueTarget_;

  widgets::TaskPickerWidget* tasks_ = nullptr;
  widgets::RunConfigForm* form_ = nullptr;
  QLabel* taskTitle_ = nullptr;
  QLabel* methodTitle_ = nullptr;
  QPushButton* saveButton_ = nullptr;
  QPushButton* openButton_ = nullptr;
  QPushButton* copyButton_ = nullptr;
  QToolButton* startButton_ = nullptr;
};

}  // namespace childtune::app
