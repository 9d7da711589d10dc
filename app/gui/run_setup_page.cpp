#include "run_setup_page.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "childtune/error.h"
#include "childtune/widgets/run_command_line.h"
#include "childtune/widgets/run_config_form.h"
#include "childtune/widgets/task_picker_widget.h"
#include "download_dialog.h"
#include "training_worker.h"

namespace childtune::app {

RunSetupPage::RunSetupPage(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("runSetupPage"));
  tasks_ = new widgets::TaskPickerWidget(this);
  form_ = new widgets::RunConfigForm(this);

  auto* taskBox = new QWidget(this);
  auto* taskLayout = new QVBoxLayout(taskBox);
  taskTitle_ = new QLabel(taskBox);
  taskLayout->addWidget(taskTitle_);
  taskLayout->addWidget(tasks_, 1);

  auto* formBox = new QWidget(this);
  auto* formLayout = new QVBoxLayout(formBox);
  methodTitle_ = new QLabel(formBox);
  formLayout->addWidget(methodTitle_);
  formLayout->addWidget(form_);
  formLayout->addStretch(1);
  auto* buttons = new QHBoxLayout;
  openButton_ = new QPushButton(formBox);
  openButton_->setObjectName(QStringLiteral("openConfigButton"));
  saveButton_ = new QPushButton(formBox);
  saveButton_->setObjectName(QStringLiteral("saveConfigButton"));
  copyButton_ = new QPushButton(formBox);
  copyButton_->setObjectName(QStringLiteral("copyCommandLineButton"));
  buttons->addWidget(openButton_);
  buttons->addWidget(saveButton_);
  buttons->addWidget(copyButton_);
  buttons->addStretch(1);
  formLayout->addLayout(buttons);
  startButton_ = new QToolButton(formBox);
  startButton_->setObjectName(QStringLiteral("setupStartButton"));
  startButton_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  startButton_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  startButton_->hide();
  formLayout->addWidget(startButton_);

  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(formBox);

  auto* layout = new QHBoxLayout(this);
  layout->addWidget(taskBox, 3);
  layout->addWidget(scroll, 2);
  // The preview table may shrink to a few rows on a small screen.
  tasks_->previewTable()->setMinimumHeight(60);

  connect(tasks_, &widgets::TaskPickerWidget::currentTaskChanged, this, [this](const QString& t) {
    form_->setTask(t);
    Q_EMIT configChanged();
  });
  connect(tasks_, &widgets::TaskPickerWidget::glueDirChanged, this, [this] {
    form_->setDataDir(tasks_->locatedGlueDir());
    Q_EMIT configChanged();
  });
  connect(tasks_, &widgets::TaskPickerWidget::downloadRequested, this,
          [this] { downloadTaskData(); });
  connect(form_, &widgets::RunConfigForm::configChanged, this, [this] { Q_EMIT configChanged(); });
  connect(openButton_, &QPushButton::clicked, this, [this] { promptOpen(); });
  connect(saveButton_, &QPushButton::clicked, this, [this] { promptSave(); });
  connect(copyButton_, &QPushButton::clicked, this, [this] {
    const QString note = copyCommandLine();
    Q_EMIT message(note.isEmpty() ? tr("Copied the command line to the clipboard") : note);
  });
  form_->setTask(tasks_->currentTask());
  retranslate();
}

void RunSetupPage::setGlueDownloadTarget(std::filesystem::path glueDir, GlueSources sources) {
  glueTarget_ = GlueTarget{std::move(glueDir), std::move(sources)};
}

DownloadDialog* RunSetupPage::downloadTaskData() {
  auto* dialog = glueTarget_ ? new DownloadDialog(glueTarget_->dir, glueTarget_->sources, this)
                             : new DownloadDialog(DownloadDialog::Kind::Glue, this);
  dialog->setObjectName(QStringLiteral("taskDownloadDialog"));
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &DownloadDialog::glueTaskDownloaded, this,
          [this](const QString& task, const QString& taskDir) { onTaskDownloaded(task, taskDir); });
  dialog->setName(tasks_->currentTask());
  dialog->open();
  // The user asked for this task's data from the picker: no second click on Download.
  dialog->startDownload();
  return dialog;
}

void RunSetupPage::onTaskDownloaded(const QString& task, const QString& taskDir) {
  tasks_->refresh();
  if (task == tasks_->currentTask() && !tasks_->isTrainable()) {
    // A located folder elsewhere hides the download folder: use the GLUE folder it went into.
    tasks_->locateFolder(QFileInfo(QDir::cleanPath(taskDir)).path());
  }
  Q_EMIT configChanged();
}

void RunSetupPage::retranslate() {
  taskTitle_->setText(tr("<b>Task</b>"));
  methodTitle_->setText(tr("<b>Method and settings</b>"));
  openButton_->setText(tr("Open…"));
  openButton_->setToolTip(tr("Load a run configuration saved as JSON."));
  openButton_->setAccessibleName(tr("Open run configuration"));
  saveButton_->setText(tr("Save…"));
  saveButton_->setToolTip(
      tr("Save this run configuration as JSON (childtune-cli train --config)."));
  saveButton_->setAccessibleName(tr("Save run configuration"));
  copyButton_->setText(tr("Copy as Command Line"));
  copyButton_->setToolTip(tr("Copy the equivalent childtune-cli train command to the clipboard."));
  copyButton_->setAccessibleName(tr("Copy as command line"));
}

void RunSetupPage::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
  }
}

core::RunConfig RunSetupPage::config() const {
  core::RunConfig c = form_->config();
  c.task = tasks_->currentTask().toStdString();
  c.dataDir = tasks_->locatedGlueDir().toStdString();
  return c;
}

void RunSetupPage::setConfig(const core::RunConfig& config) {
  tasks_->setLocatedGlueDir(QString::fromStdString(config.dataDir));
  tasks_->setCurrentTask(QString::fromStdString(config.task));
  form_->setConfig(config);
  Q_EMIT configChanged();
}

void RunSetupPage::setModelDir(const QString& dir) { form_->setModelDir(dir); }

bool RunSetupPage::saveConfig(const QString& path, QString* error) const {
  QSaveFile file(path);
  const QByteArray json = QByteArray::fromStdString(config().toJson()) + '\n';
  if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
    *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

bool RunSetupPage::openConfig(const QString& path, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    *error = tr("Cannot open %1: %2").arg(path, file.errorString());
    return false;
  }
  const QByteArray text = file.readAll();
  try {
    setConfig(core::RunConfig::fromJson(text.toStdString(), path.toStdString()));
  } catch (const std::exception& e) {
    *error = describeError(e);
    return false;
  }
  return true;
}

QString RunSetupPage::commandLine() const { return widgets::runCommandLine(config()).shellText(); }

QString RunSetupPage::copyCommandLine() const {
  const widgets::RunCommandLine line = widgets::runCommandLine(config());
  QApplication::clipboard()->setText(line.shellText());
  if (line.unsupported.isEmpty()) {
    return {};
  }
  return tr("Copied; the command line cannot carry %1 (save the configuration and use --config)")
      .arg(line.unsupported.join(QStringLiteral(", ")));
}

bool RunSetupPage::canStart() const { return startProblem().isEmpty(); }

QString RunSetupPage::startProblem() const {
  if (!form_->isValid()) {
    return form_->validationMessage();
  }
  if (!tasks_->isTrainable()) {
    return tr("The data of %1 was not found: locate the GLUE folder in the Run setup view.")
        .arg(tasks_->currentTask());
  }
  return {};
}

void RunSetupPage::setStartAction(QAction* action) {
  startButton_->setDefaultAction(action);
  startButton_->show();
}

void RunSetupPage::promptSave() {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Save Run Configuration"),
      QDir::home().filePath(tasks_->currentTask() + QStringLiteral("-run.json")),
      tr("Run configurations (*.json)"));
  if (path.isEmpty()) {
    return;
  }
  QString error;
  if (!saveConfig(path, &error)) {
    Q_EMIT message(error);
  } else {
    Q_EMIT message(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
  }
}

void RunSetupPage::promptOpen() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open Run Configuration"), QDir::homePath(), tr("Run configurations (*.json)"));
  if (path.isEmpty()) {
    return;
  }
  QString error;
  if (!openConfig(path, &error)) {
    Q_EMIT message(error);
  }
}

}  // namespace childtune::app
