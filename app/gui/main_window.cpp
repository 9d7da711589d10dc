#include "main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QThread>
#include <QToolBar>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>
#include <optional>

#include "app_setup.h"
#include "child_network_page.h"
#include "childtune/build_info.h"
#include "childtune/error.h"
#include "childtune/model_catalog.h"
#include "childtune/run_store.h"
#include "childtune/runtime.h"
#include "childtune/widgets/child_network_heatmap.h"
#include "childtune/widgets/fisher_distribution_plot.h"
#include "childtune/widgets/history_view.h"
#include "childtune/widgets/learn_view.h"
#include "childtune/widgets/message_banner.h"
#include "childtune/widgets/model_catalog_model.h"
#include "childtune/widgets/model_details_widget.h"
#include "childtune/widgets/model_picker_widget.h"
#include "childtune/widgets/qcustomplot_include.h"
#include "childtune/widgets/run_config_form.h"
#include "childtune/widgets/run_history_model.h"
#include "childtune/widgets/task_picker_widget.h"
#include "childtune/widgets/training_chart_widget.h"
#include "demo_workspace.h"
#include "download_dialog.h"
#include "language_settings.h"
#include "run_setup_page.h"
#include "tokenizer_page.h"
#include "training_controller.h"
#include "training_page.h"
#include "training_worker.h"

namespace childtune::app {

namespace {

constexpr const char* kDefaultModelName = "all-MiniLM-L6-v2";

// Settings keys.
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kViewKey = QStringLiteral("window/view");
const QString kUserFoldersKey = QStringLiteral("models/userFolders");
const QString kLastModelKey = QStringLiteral("models/last");
const QString kTextKey = QStringLiteral("tokenizer/text");
const QString kPairKey = QStringLiteral("tokenizer/pair");
const QString kMaxLengthKey = QStringLiteral("tokenizer/maxLength");
const QString kTruncationKey = QStringLiteral("tokenizer/truncation");
const QString kAddSpecialKey = QStringLiteral("tokenizer/addSpecialTokens");
const QString kRunConfigKey = QStringLiteral("run/config");
const QString kSeedCountKey = QStringLiteral("run/seeds");
const QString kThreadsKey = QStringLiteral("run/threads");
const QString kLocatedGlueDirKey = QStringLiteral("run/locatedGlueDir");

// Settings names of the views (stable across reorderings of the enum).
struct ViewName {
  MainWindow::View view;
  const char* name;
};
constexpr ViewName kViewNames[] = {{MainWindow::View::Model, "model"},
                                   {MainWindow::View::Tokenizer, "tokenizer"},
                                   {MainWindow::View::Setup, "setup"},
                                   {MainWindow::View::Training, "training"},
                                   {MainWindow::View::ChildNetwork, "child-network"},
                                   {MainWindow::View::Learn, "learn"},
                                   {MainWindow::View::History, "history"}};

// The example the Tokenizer view starts with: it shows WordPiece splits, an unknown token (the
// cup is not in BERT's vocabulary) and a pair. Model input, so deliberately not translated.
const QString kSampleText =
    QStringLiteral("The quick brown fox drinks ☕ and jumps over the lazy dog.");
const QString kSamplePair = QStringLiteral("Child-Tuning updates only a subnetwork.");

QString describe(const std::exception& error) { return describeError(error); }

QString clean(const QString& path) {
  return path.isEmpty() ? path : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

QString fromPath(const std::filesystem::path& path) {
  return QString::fromStdString(path.string());
}

std::filesystem::path toPath(const QString& path) { return {path.toStdString()}; }

QIcon themeIcon(const char* name, QStyle::StandardPixmap fallback, const QStyle* style) {
  return QIcon::fromTheme(QString::fromLatin1(name), style->standardIcon(fallback));
}

// The added folder (persisted or session) that produced the selected entry, if any.
QString sourceFolderOf(const QString& entryPath, const QStringList& folders) {
  for (const QString& folder : folders) {
    if (entryPath == folder || QFileInfo(entryPath).absolutePath() == folder) {
      return folder;
    }
  }
  return {};
}

}  // namespace

MainWindow::MainWindow(StartupOptions options, QWidget* parent)
    : QMainWindow(parent), options_(std::move(options)) {
  initResources();
  setObjectName(QStringLiteral("mainWindow"));
  setWindowTitle(tr("ChildTune"));
  setWindowIcon(applicationIcon());

  catalog_ = new widgets::ModelCatalogModel(this);

  auto* central = new QWidget(this);
  auto* centralLayout = new QVBoxLayout(central);
  centralLayout->setContentsMargins(4, 4, 4, 0);
  banner_ = new widgets::MessageBanner(central);
  centralLayout->addWidget(banner_);
  views_ = new QTabWidget(central);
  views_->setObjectName(QStringLiteral("views"));
  views_->setAccessibleName(tr("Views"));
  details_ = new widgets::ModelDetailsWidget(views_);
  tokenizerPage_ = new TokenizerPage(views_);
  setupPage_ = new RunSetupPage(views_);
  trainingPage_ = new TrainingPage(views_);
  childNetworkPage_ = new ChildNetworkPage(views_);
  // The Learn view is wide (explanation, diagram and five matrices): it scrolls on small screens
  // instead of forcing the window wider.
  auto* learnScroll = new QScrollArea(views_);
  learnScroll->setWidgetResizable(true);
  learnScroll->setFrameShape(QFrame::NoFrame);
  learnView_ = new widgets::LearnView(learnScroll);
  learnView_->setObjectName(QStringLiteral("learnView"));
  learnScroll->setWidget(learnView_);
  learnPage_ = learnScroll;
  views_->addTab(details_, tr("Model"));
  views_->addTab(tokenizerPage_, tr("Tokenizer"));
  views_->addTab(setupPage_, tr("Run Setup"));
  views_->addTab(trainingPage_, tr("Training"));
  views_->addTab(childNetworkPage_, tr("Child Network"));
  views_->addTab(learnPage_, tr("Learn"));
  historyView_ = new widgets::HistoryView(views_);
  historyView_->setObjectName(QStringLiteral("historyView"));
  views_->addTab(historyView_, tr("History"));
  controller_ = new TrainingController(this);
  // Every run is recorded in the run store; tests (QStandardPaths test mode) use their own.
  // --screenshots never opens the user's store: prepareDemo() records into the demo folder.
  if (options_.screenshotDir.isEmpty()) {
    setStorePath(QStandardPaths::isTestModeEnabled()
                     ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                           QStringLiteral("/runs.sqlite")
                     : QString::fromStdString(core::RunStore::defaultPath().string()));
  }
  connect(historyView_, &widgets::HistoryView::rerunRequested, this,
          [this](const core::RunConfig& config) {
            setCurrentView(View::Training);
            controller_->start(config);
          });
  connect(historyView_, &widgets::HistoryView::resumeRequested, this, [this](qint64 runId) {
    setCurrentView(View::Training);
    controller_->resumeStored(runId);
  });
  connect(controller_, &TrainingController::runFinished, historyView_,
          [this] { historyView_->refresh(); });
  connect(controller_, &TrainingController::runFailed, historyView_,
          [this] { historyView_->refresh(); });
  connect(controller_, &TrainingController::runStopped, historyView_,
          [this] { historyView_->refresh(); });
  centralLayout->addWidget(views_, 1);
  setCentralWidget(central);

  picker_ = new widgets::ModelPickerWidget(catalog_, this);
  pickerDock_ = new QDockWidget(tr("Models"), this);
  pickerDock_->setObjectName(QStringLiteral("modelDock"));
  pickerDock_->setWidget(picker_);
  pickerDock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                           QDockWidget::DockWidgetClosable);
  addDockWidget(Qt::LeftDockWidgetArea, pickerDock_);

  createActions();
  createTrainingActions();
  createMenus();
  createToolBar();
  createStatusBar();
  details_->addEmptyPageAction(addFolderAction_);
  picker_->view()->setContextMenuPolicy(Qt::ActionsContextMenu);
  picker_->view()->addActions(
      {showInFileManagerAction_, removeFolderAction_, addFolderAction_, refreshAction_});

  connect(picker_, &widgets::ModelPickerWidget::currentModelChanged, this,
          [this](const QString& dir) { onModelSelected(dir); });
  connect(views_, &QTabWidget::currentChanged, this, [this] {
    switch (currentView()) {
      case View::Model:
        modelViewAction_->setChecked(true);
        break;
      case View::Tokenizer:
        tokenizerViewAction_->setChecked(true);
        break;
      case View::Setup:
        setupViewAction_->setChecked(true);
        break;
      case View::Training:
        trainingViewAction_->setChecked(true);
        break;
      case View::ChildNetwork:
        childNetworkViewAction_->setChecked(true);
        break;
      case View::Learn:
        learnViewAction_->setChecked(true);
        break;
      case View::History:
        historyViewAction_->setChecked(true);
        break;
    }
  });
  connect(setupPage_, &RunSetupPage::configChanged, this, [this] { updateTrainingActions(); });
  // Written at once (not only on close): a folder the user searched for is worth keeping.
  connect(setupPage_->taskPicker(), &widgets::TaskPickerWidget::folderLocated, this,
          [this](const QString& glueDir) {
            if (options_.useSettings) {
              QSettings().setValue(kLocatedGlueDirKey, glueDir);
            }
          });
  connect(setupPage_, &RunSetupPage::message, this,
          [this](const QString& text) { statusBar()->showMessage(text, 6000); });
  trainingPage_->setActions(startAction_, pauseAction_, resumeAction_, stopAction_);
  setupPage_->setStartAction(startAction_);
  trainingPage_->connectController(controller_);
  childNetworkPage_->connectController(controller_);
  connectController();
  connect(tokenizerPage_, &TokenizerPage::idsCopied, this, [this](int count) {
    statusBar()->showMessage(tr("Copied %n id(s) to the clipboard", nullptr, count), 4000);
  });

  tokenizerPage_->setText(kSampleText);
  tokenizerPage_->setPairText(kSamplePair);
  resizeDocks({pickerDock_}, {300}, Qt::Horizontal);
  if (options_.useSettings) {
    restoreSettings();
  } else {
    resize(1280, 800);
  }
  refreshCatalog();
  selectStartupModel();
  updateTrainingActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions() {
  const QStyle* style = this->style();
  addFolderAction_ = new QAction(themeIcon("folder-new", QStyle::SP_FileDialogNewFolder, style),
                                 tr("&Add Model Folder…"), this);
  addFolderAction_->setObjectName(QStringLiteral("addModelFolderAction"));
  addFolderAction_->setShortcut(QKeySequence::Open);
  addFolderAction_->setStatusTip(
      tr("Add a folder that holds a model, or a folder of model folders, to the list"));
  addFolderAction_->setIconText(tr("Add Folder…"));
  connect(addFolderAction_, &QAction::triggered, this, [this] { promptAddModelFolder(); });

  refreshAction_ = new QAction(themeIcon("view-refresh", QStyle::SP_BrowserReload, style),
                               tr("&Refresh Models"), this);
  refreshAction_->setObjectName(QStringLiteral("refreshAction"));
  refreshAction_->setShortcut(QKeySequence::Refresh);
  refreshAction_->setStatusTip(tr("Scan the model folders again"));
  refreshAction_->setIconText(tr("Refresh"));
  connect(refreshAction_, &QAction::triggered, this, [this] { refreshCatalog(); });

  removeFolderAction_ = new QAction(tr("Remove Folder from List"), this);
  removeFolderAction_->setObjectName(QStringLiteral("removeFolderAction"));
  removeFolderAction_->setStatusTip(
      tr("Stop scanning the added folder this model comes from (nothing is deleted)"));
  connect(removeFolderAction_, &QAction::triggered, this, [this] { removeSelectedFolder(); });

  showInFileManagerAction_ = new QAction(tr("Show in File Manager"), this);
  showInFileManagerAction_->setObjectName(QStringLiteral("showInFileManagerAction"));
  connect(showInFileManagerAction_, &QAction::triggered, this,
          [this] { showSelectedInFileManager(); });

  quitAction_ = new QAction(themeIcon("application-exit", QStyle::SP_DialogCloseButton, style),
                            tr("&Quit"), this);
  quitAction_->setObjectName(QStringLiteral("quitAction"));
  quitAction_->setShortcut(QKeySequence::Quit);
  quitAction_->setMenuRole(QAction::QuitRole);
  connect(quitAction_, &QAction::triggered, this, [this] { close(); });

  auto* viewGroup = new QActionGroup(this);
  modelViewAction_ =
      new QAction(themeIcon("document-properties", QStyle::SP_FileDialogInfoView, style),
                  tr("&Model"), viewGroup);
  modelViewAction_->setObjectName(QStringLiteral("modelViewAction"));
  modelViewAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
  modelViewAction_->setStatusTip(tr("Architecture and parameters of the selected model"));
  modelViewAction_->setCheckable(true);
  modelViewAction_->setChecked(true);
  connect(modelViewAction_, &QAction::triggered, this, [this] { setCurrentView(View::Model); });

  tokenizerViewAction_ =
      new QAction(themeIcon("format-text-bold", QStyle::SP_FileDialogContentsView, style),
                  tr("&Tokenizer"), viewGroup);
  tokenizerViewAction_->setObjectName(QStringLiteral("tokenizerViewAction"));
  tokenizerViewAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
  tokenizerViewAction_->setStatusTip(tr("See how the model's tokenizer cuts text"));
  tokenizerViewAction_->setCheckable(true);
  connect(tokenizerViewAction_, &QAction::triggered, this,
          [this] { setCurrentView(View::Tokenizer); });

  fullScreenAction_ = new QAction(themeIcon("view-fullscreen", QStyle::SP_TitleBarMaxButton, style),
                                  tr("&Full Screen"), this);
  fullScreenAction_->setObjectName(QStringLiteral("fullScreenAction"));
  QList<QKeySequence> fullScreenKeys{QKeySequence(Qt::Key_F11)};
  if (QKeySequence(QKeySequence::FullScreen) != fullScreenKeys.constFirst() &&
      !QKeySequence(QKeySequence::FullScreen).isEmpty()) {
    fullScreenKeys << QKeySequence(QKeySequence::FullScreen);
  }
  fullScreenAction_->setShortcuts(fullScreenKeys);
  fullScreenAction_->setCheckable(true);
  connect(fullScreenAction_, &QAction::toggled, this,
          [this](bool checked) { toggleFullScreen(checked); });

  aboutAction_ = new QAction(applicationIcon(), tr("&About ChildTune"), this);
  aboutAction_->setObjectName(QStringLiteral("aboutAction"));
  aboutAction_->setMenuRole(QAction::AboutRole);
  connect(aboutAction_, &QAction::triggered, this, [this] { showAbout(); });

  aboutQtAction_ = new QAction(tr("About &Qt"), this);
  aboutQtAction_->setObjectName(QStringLiteral("aboutQtAction"));
  aboutQtAction_->setMenuRole(QAction::AboutQtRole);
  connect(aboutQtAction_, &QAction::triggered, this, [this] { QMessageBox::aboutQt(this); });

  updateFolderActions();
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(addFolderAction_);
  file->addAction(refreshAction_);
  QAction* downloadModel = file->addAction(tr("Download &Model…"));
  connect(downloadModel, &QAction::triggered, this, [this] {
    auto* dialog = new DownloadDialog(DownloadDialog::Kind::Model, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DownloadDialog::modelDownloaded, this, [this] { refreshCatalog(); });
    dialog->open();
  });
  QAction* downloadGlue = file->addAction(tr("Download &GLUE Data…"));
  connect(downloadGlue, &QAction::triggered, this, [this] {
    auto* dialog = new DownloadDialog(DownloadDialog::Kind::Glue, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DownloadDialog::glueTaskDownloaded, this,
            [this] { setupPage_->taskPicker()->refresh(); });
    dialog->open();
  });
  file->addSeparator();
  file->addAction(quitAction_);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(modelViewAction_);
  view->addAction(tokenizerViewAction_);
  view->addAction(setupViewAction_);
  view->addAction(trainingViewAction_);
  view->addAction(childNetworkViewAction_);
  view->addAction(learnViewAction_);
  view->addAction(historyViewAction_);
  view->addSeparator();
  QAction* dockToggle = pickerDock_->toggleViewAction();
  dockToggle->setText(tr("Models &Panel"));
  dockToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
  view->addAction(dockToggle);
  view->addSeparator();
  view->addAction(fullScreenAction_);

  QMenu* training = menuBar()->addMenu(tr("&Training"));
  training->addAction(startAction_);
  training->addAction(pauseAction_);
  training->addAction(resumeAction_);
  training->addAction(stopAction_);
  training->addSeparator();
  training->addAction(exportAction_);
  training->addSeparator();
  training->addAction(preferencesAction_);
  file->insertAction(quitAction_, exportAction_);
  file->insertSeparator(quitAction_);

  menuBar()->addMenu(createLanguageMenu(this));

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(aboutAction_);
  help->addAction(aboutQtAction_);
}

void MainWindow::createToolBar() {
  QToolBar* toolBar = addToolBar(tr("Main Toolbar"));
  toolBar->setObjectName(QStringLiteral("mainToolBar"));
  toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  toolBar->setMovable(false);
  toolBar->addAction(addFolderAction_);
  toolBar->addAction(refreshAction_);
  toolBar->addSeparator();
  toolBar->addAction(modelViewAction_);
  toolBar->addAction(tokenizerViewAction_);
  toolBar->addAction(setupViewAction_);
  toolBar->addAction(trainingViewAction_);
  toolBar->addAction(childNetworkViewAction_);
  toolBar->addAction(learnViewAction_);
  toolBar->addSeparator();
  toolBar->addAction(startAction_);
  toolBar->addAction(pauseAction_);
  toolBar->addAction(resumeAction_);
  toolBar->addAction(stopAction_);
  QMenu* view = menuBar()->actions().size() > 1 ? menuBar()->actions().at(1)->menu() : nullptr;
  if (view != nullptr) {
    QAction* toggle = toolBar->toggleViewAction();
    toggle->setText(tr("&Toolbar"));
    view->insertAction(fullScreenAction_, toggle);
    view->insertSeparator(fullScreenAction_);
  }
}

void MainWindow::createStatusBar() {
  statusModel_ = new QLabel(this);
  statusModel_->setObjectName(QStringLiteral("statusModel"));
  statusModel_->setAccessibleName(tr("Model folder"));
  statusTokenizer_ = new QLabel(this);
  statusTokenizer_->setObjectName(QStringLiteral("statusTokenizer"));
  statusTokenizer_->setAccessibleName(tr("Tokenizer"));
  statusPhase_ = new QLabel(tr("Idle"), this);
  statusPhase_->setObjectName(QStringLiteral("statusPhase"));
  statusPhase_->setAccessibleName(tr("Training phase"));
  statusDevice_ = new QLabel(this);
  statusDevice_->setObjectName(QStringLiteral("statusDevice"));
  statusDevice_->setAccessibleName(tr("Compute device"));
  const core::RuntimeInfo runtime = core::runtimeInfo();
  QStringList devices{QStringLiteral("cpu")};
  QStringList deviceLabels{tr("CPU (%n thread(s))", nullptr, runtime.cpuThreads)};
  for (int i = 0; i < runtime.cudaDeviceCount; ++i) {
    devices << QStringLiteral("cuda:%1").arg(i);
    deviceLabels << tr("CUDA GPU %1").arg(i);
  }
  setupPage_->form()->setAvailableDevices(devices, deviceLabels);
  statusDevice_->setText(runtime.cudaAvailable
                             ? tr("CPU: %n thread(s) · %1 CUDA GPU(s)", nullptr, runtime.cpuThreads)
                                   .arg(runtime.cudaDeviceCount)
                             : tr("CPU: %n thread(s) · no GPU", nullptr, runtime.cpuThreads));
  statusDevice_->setToolTip(tr("LibTorch %1, %2, BLAS: %3")
                                .arg(QString::fromStdString(runtime.torchVersion),
                                     QString::fromStdString(runtime.parallelBackend),
                                     QString::fromStdString(runtime.blas)));
  statusBar()->addPermanentWidget(statusModel_, 1);
  statusBar()->addPermanentWidget(statusTokenizer_);
  statusBar()->addPermanentWidget(statusPhase_);
  statusBar()->addPermanentWidget(statusDevice_);
}

QString MainWindow::statusModelText() const { return statusModel_->toolTip(); }

QString MainWindow::statusTokenizerText() const { return statusTokenizer_->text(); }

QString MainWindow::statusDeviceText() const { return statusDevice_->text(); }

QString MainWindow::statusPhaseText() const { return statusPhase_->text(); }

void MainWindow::createTrainingActions() {
  const QStyle* style = this->style();
  QActionGroup* viewGroup = modelViewAction_->actionGroup();
  setupViewAction_ = new QAction(themeIcon("configure", QStyle::SP_FileDialogDetailedView, style),
                                 tr("Run &Setup"), viewGroup);
  setupViewAction_->setObjectName(QStringLiteral("setupViewAction"));
  setupViewAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
  setupViewAction_->setStatusTip(tr("Choose the task, the method and its settings"));
  setupViewAction_->setCheckable(true);
  connect(setupViewAction_, &QAction::triggered, this, [this] { setCurrentView(View::Setup); });

  trainingViewAction_ =
      new QAction(themeIcon("office-chart-line", QStyle::SP_FileDialogListView, style),
                  tr("T&raining"), viewGroup);
  trainingViewAction_->setObjectName(QStringLiteral("trainingViewAction"));
  trainingViewAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
  trainingViewAction_->setStatusTip(tr("Watch the run: phase, progress, loss and dev metrics"));
  trainingViewAction_->setCheckable(true);
  connect(trainingViewAction_, &QAction::triggered, this,
          [this] { setCurrentView(View::Training); });

  childNetworkViewAction_ = new QAction(themeIcon("view-grid", QStyle::SP_DesktopIcon, style),
                                        tr("&Child Network"), viewGroup);
  childNetworkViewAction_->setObjectName(QStringLiteral("childNetworkViewAction"));
  childNetworkViewAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
  childNetworkViewAction_->setStatusTip(
      tr("Which weights Child-Tuning updates, and why: Fisher information per layer and module"));
  childNetworkViewAction_->setCheckable(true);
  connect(childNetworkViewAction_, &QAction::triggered, this,
          [this] { setCurrentView(View::ChildNetwork); });

  learnViewAction_ = new QAction(themeIcon("help-contents", QStyle::SP_DialogHelpButton, style),
                                 tr("&Learn"), viewGroup);
  learnViewAction_->setObjectName(QStringLiteral("learnViewAction"));
  learnViewAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_6));
  learnViewAction_->setStatusTip(
      tr("How fine-tuning and Child-Tuning work, one real optimizer step at a time"));
  learnViewAction_->setCheckable(true);
  connect(learnViewAction_, &QAction::triggered, this, [this] { setCurrentView(View::Learn); });

  historyViewAction_ =
      new QAction(themeIcon("view-history", QStyle::SP_FileDialogContentsView, style),
                  tr("&History"), viewGroup);
  historyViewAction_->setObjectName(QStringLiteral("historyViewAction"));
  historyViewAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_7));
  historyViewAction_->setStatusTip(tr("Earlier runs: compare their curves and settings"));
  historyViewAction_->setCheckable(true);
  connect(historyViewAction_, &QAction::triggered, this, [this] { setCurrentView(View::History); });

  startAction_ = new QAction(themeIcon("media-playback-start", QStyle::SP_MediaPlay, style),
                             tr("&Start Training"), this);
  startAction_->setObjectName(QStringLiteral("startAction"));
  startAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  startAction_->setIconText(tr("Start"));
  startAction_->setStatusTip(tr("Fine-tune the selected model with the run setup's settings"));
  connect(startAction_, &QAction::triggered, this, [this] { startTraining(); });

  pauseAction_ = new QAction(themeIcon("media-playback-pause", QStyle::SP_MediaPause, style),
                             tr("&Pause"), this);
  pauseAction_->setObjectName(QStringLiteral("pauseAction"));
  pauseAction_->setStatusTip(tr("Pause training after the current step"));
  connect(pauseAction_, &QAction::triggered, this, [this] { controller_->pause(); });

  resumeAction_ = new QAction(themeIcon("media-seek-forward", QStyle::SP_MediaSeekForward, style),
                              tr("&Resume"), this);
  resumeAction_->setObjectName(QStringLiteral("resumeAction"));
  resumeAction_->setStatusTip(tr("Continue a paused run"));
  connect(resumeAction_, &QAction::triggered, this, [this] { controller_->resume(); });

  stopAction_ =
      new QAction(themeIcon("media-playback-stop", QStyle::SP_MediaStop, style), tr("S&top"), this);
  stopAction_->setObjectName(QStringLiteral("stopAction"));
  stopAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
  stopAction_->setStatusTip(tr("Stop the run at its next step (and skip the remaining seeds)"));
  connect(stopAction_, &QAction::triggered, this, [this] { stopTraining(); });

  exportAction_ = new QAction(themeIcon("document-export", QStyle::SP_DialogSaveButton, style),
                              tr("&Export Charts…"), this);
  exportAction_->setObjectName(QStringLiteral("exportAction"));
  exportAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  exportAction_->setStatusTip(tr("Save the training charts as PNG, PDF or CSV"));
  connect(exportAction_, &QAction::triggered, this, [this] { exportCharts(); });

  preferencesAction_ =
      new QAction(themeIcon("preferences-system", QStyle::SP_FileDialogDetailedView, style),
                  tr("Pr&eferences…"), this);
  preferencesAction_->setObjectName(QStringLiteral("preferencesAction"));
  preferencesAction_->setShortcuts(
      {QKeySequence(QKeySequence::Preferences), QKeySequence(Qt::CTRL | Qt::Key_Comma)});
  preferencesAction_->setMenuRole(QAction::PreferencesRole);
  connect(preferencesAction_, &QAction::triggered, this, [this] { showPreferences(); });
}

void MainWindow::connectController() {
  connect(controller_, &TrainingController::stateChanged, this,
          [this] { updateTrainingActions(); });
  connect(controller_, &TrainingController::phaseChanged, this, [this](RunId, core::Phase phase) {
    statusPhase_->setText(trainingPage_->phaseText());
    (void)phase;
  });
  connect(controller_, &TrainingController::runFinished, this,
          [this](RunId, const core::RunResult&) {
            statusPhase_->setText(tr("Finished"));
            startNextSeed();
          });
  connect(controller_, &TrainingController::runFailed, this, [this](RunId, const QString& message) {
    pendingSeeds_.clear();
    statusPhase_->setText(tr("Failed"));
    showError(tr("The run failed: %1").arg(message));
  });
  connect(controller_, &TrainingController::runStopped, this, [this](RunId) {
    pendingSeeds_.clear();
    statusPhase_->setText(tr("Stopped"));
  });
}

void MainWindow::updateTrainingActions() {
  const bool running = controller_->isRunning();
  const QString problem = setupPage_->startProblem();
  startAction_->setEnabled(!running && problem.isEmpty());
  startAction_->setToolTip(problem.isEmpty() ? tr("Start training (Ctrl+R)")
                                             : tr("Cannot start: %1").arg(problem));
  pauseAction_->setEnabled(running && !controller_->isPaused() && !controller_->isStopping());
  resumeAction_->setEnabled(running && controller_->isPaused() && !controller_->isStopping());
  stopAction_->setEnabled(running && !controller_->isStopping());
}

QString MainWindow::runTitle(const core::RunConfig& config) const {
  QString title = QStringLiteral("%1 · %2 · %3")
                      .arg(QFileInfo(QString::fromStdString(config.modelDir)).fileName(),
                           QString::fromStdString(config.task),
                           QString::fromUtf8(core::toString(config.method).data()));
  if (config.method != core::Method::Vanilla) {
    title += QStringLiteral(" · p %1").arg(QLocale().toString(config.effectiveP()));
  }
  return title + tr(" · seed %1").arg(config.seed);
}

bool MainWindow::startTraining() {
  if (controller_->isRunning()) {
    return false;
  }
  setupPage_->setModelDir(currentModelDir_);
  core::RunConfig config = setupPage_->config();
  config.threads = trainingThreads_;
  const QString problem = setupPage_->startProblem();
  if (currentModelDir_.isEmpty() || !problem.isEmpty()) {
    showError(currentModelDir_.isEmpty() ? tr("Select a model first.")
                                         : tr("Cannot start: %1").arg(problem));
    setCurrentView(View::Setup);
    return false;
  }
  banner_->dismiss();
  pendingSeeds_.clear();
  for (int i = setupPage_->form()->seedCount() - 1; i >= 1; --i) {
    core::RunConfig next = config;
    next.seed = config.seed + static_cast<uint64_t>(i);
    pendingSeeds_.push_back(next);  // popped from the back: seed+1 first
  }
  const RunId id = controller_->start(config);
  trainingPage_->beginRun(id, runTitle(config));
  childNetworkPage_->beginRun(id, config);
  setCurrentView(View::Training);
  return true;
}

void MainWindow::startNextSeed() {
  if (pendingSeeds_.empty()) {
    return;
  }
  const core::RunConfig next = pendingSeeds_.back();
  pendingSeeds_.pop_back();
  const RunId id = controller_->start(next);
  trainingPage_->beginRun(id, runTitle(next));
  childNetworkPage_->beginRun(id, next);
}

void MainWindow::stopTraining() {
  pendingSeeds_.clear();
  controller_->stop();
}

void MainWindow::exportCharts() {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export Training Charts"), QDir::home().filePath(QStringLiteral("training.png")),
      tr("PNG image (*.png);;PDF document (*.pdf);;CSV data (*.csv)"));
  if (path.isEmpty()) {
    return;
  }
  QString error;
  widgets::TrainingChartWidget* chart = trainingPage_->chart();
  const QString suffix = QFileInfo(path).suffix().toLower();
  const bool ok = suffix == QLatin1String("csv")   ? chart->exportCsv(path, &error)
                  : suffix == QLatin1String("pdf") ? chart->exportPdf(path, &error)
                                                   : chart->exportPng(path, &error);
  if (!ok) {
    showError(tr("Cannot export the charts: %1").arg(error));
  } else {
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 4000);
  }
}

void MainWindow::showPreferences() {
  QDialog dialog(this);
  dialog.setWindowTitle(tr("Preferences"));
  auto* form = new QFormLayout(&dialog);
  auto* threads = new QSpinBox(&dialog);
  threads->setRange(0, std::max(1, QThread::idealThreadCount()) * 4);
  threads->setSpecialValueText(tr("all cores"));
  threads->setValue(trainingThreads_);
  threads->setAccessibleName(tr("Training threads"));
  threads->setToolTip(tr("CPU threads LibTorch uses for a run (0: all cores)."));
  form->addRow(tr("Training &threads:"), threads);
  auto* language = new QComboBox(&dialog);
  language->setObjectName(QStringLiteral("preferencesLanguage"));
  for (const LanguageOption& option : availableLanguages()) {
    language->addItem(option.displayName, option.code);
  }
  language->setCurrentIndex(std::max(0, language->findData(languageSetting())));
  language->setAccessibleName(tr("Interface language"));
  language->setToolTip(tr("The language of the interface; it applies after a restart."));
  form->addRow(tr("&Language:"), language);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  if (dialog.exec() == QDialog::Accepted) {
    trainingThreads_ = threads->value();
    const QString code = language->currentData().toString();
    if (code != languageSetting()) {
      setLanguageSetting(code);
      // Keep the Language menu's check mark in step with the stored choice.
      if (auto* action = findChild<QAction*>(QStringLiteral("language_") + languageSetting())) {
        action->setChecked(true);
      }
      banner_->showMessage(widgets::MessageBanner::Level::Info,
                           tr("The new language applies after ChildTune is restarted."));
    }
  }
}

void MainWindow::setStorePath(const QString& path) {
  controller_->setStorePath(path);
  historyView_->setStorePath(path.toStdString());
}

QString MainWindow::storePath() const { return controller_->storePath(); }

bool MainWindow::prepareDemo(const QString& root, QString* error) {
  DemoWorkspace demo;
  if (!writeDemoWorkspace(root, &demo, error)) {
    return false;
  }
  setStorePath(QDir(root).filePath(QStringLiteral("runs.sqlite")));
  if (!selectModel(demo.modelDir)) {
    *error = tr("The demo model in %1 could not be selected").arg(demo.modelDir);
    return false;
  }
  core::RunConfig config;
  config.modelDir = demo.modelDir.toStdString();
  config.task = "SST-2";
  config.dataDir = demo.glueDir.toStdString();
  config.method = core::Method::ChildTuningD;
  config.learningRate = 1e-3;
  config.epochs = 4;
  config.batchSize = 16;
  config.maxLength = 32;
  config.evalEverySteps = 8;
  setupPage_->setConfig(config);
  setupPage_->setModelDir(demo.modelDir);
  // A 146 k-parameter model trains fastest on one thread; more only add OpenMP synchronisation
  // (and spin-waiting on a busy machine).
  trainingThreads_ = 1;
  updateTrainingActions();
  return true;
}

bool MainWindow::trainAndWait(int timeoutMs, QString* error) {
  bool ended = false;
  QString failure;
  QObject context;
  connect(controller_, &TrainingController::runFinished, &context,
          [&ended](RunId, const core::RunResult&) { ended = true; });
  connect(controller_, &TrainingController::runFailed, &context,
          [&ended, &failure](RunId, const QString& message) {
            ended = true;
            failure = message;
          });
  connect(controller_, &TrainingController::runStopped, &context, [&ended, &failure](RunId) {
    ended = true;
    failure = tr("the run was stopped");
  });
  if (!startTraining()) {
    *error = tr("the run could not start: %1").arg(banner_->text());
    return false;
  }
  QElapsedTimer timer;
  timer.start();
  while (!ended && timer.elapsed() < timeoutMs) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    QThread::msleep(5);
  }
  if (!ended) {
    controller_->stop();
    *error = tr("the run did not end within %1 s").arg(timeoutMs / 1000);
    return false;
  }
  if (!failure.isEmpty()) {
    *error = failure;
    return false;
  }
  return true;
}

bool MainWindow::trainDemoRuns(int timeoutMs, QString* error) {
  const core::RunConfig childTuning = setupPage_->config();
  core::RunConfig vanilla = childTuning;
  vanilla.method = core::Method::Vanilla;
  vanilla.reserveP.reset();
  setupPage_->setConfig(vanilla);
  const bool vanillaOk = trainAndWait(timeoutMs, error);
  setupPage_->setConfig(childTuning);
  if (!vanillaOk || !trainAndWait(timeoutMs, error)) {
    return false;
  }
  // Both runs selected: the History view overlays their curves and lists what differs.
  historyView_->refresh();
  std::vector<int64_t> runIds;
  for (const core::RunRecord& record : historyView_->model()->records()) {
    runIds.push_back(record.id);
  }
  historyView_->selectRuns(runIds);
  return true;
}

void MainWindow::restoreSettings() {
  QSettings settings;
  if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
    const QScreen* screen = QGuiApplication::primaryScreen();
    const QSize available = screen != nullptr ? screen->availableSize() : QSize(1600, 1000);
    resize(QSize(1280, 800).boundedTo(available * 0.9));
  }
  restoreState(settings.value(kStateKey).toByteArray());
  userFolders_ = settings.value(kUserFoldersKey).toStringList();
  userFolders_.removeAll(QString());
  if (settings.contains(kTextKey)) {
    tokenizerPage_->setText(settings.value(kTextKey).toString());
    tokenizerPage_->setPairText(settings.value(kPairKey).toString());
  }
  tokenizerPage_->setMaxLength(settings.value(kMaxLengthKey, 128).toInt());
  tokenizerPage_->setTruncation(static_cast<core::TruncationStrategy>(
      settings.value(kTruncationKey, static_cast<int>(core::TruncationStrategy::LongestFirst))
          .toInt()));
  tokenizerPage_->setAddSpecialTokens(settings.value(kAddSpecialKey, true).toBool());
  const QString viewName = settings.value(kViewKey).toString();
  for (const ViewName& entry : kViewNames) {
    if (viewName == QLatin1String(entry.name)) {
      setCurrentView(entry.view);
    }
  }
  if (settings.contains(kRunConfigKey)) {
    try {
      setupPage_->setConfig(core::RunConfig::fromJson(
          settings.value(kRunConfigKey).toString().toStdString(), "settings"));
    } catch (const std::exception&) {
      // A configuration saved by another version that no longer validates: start from defaults.
    }
  }
  // The last located GLUE folder, unless the restored run names its own.
  const QString located = settings.value(kLocatedGlueDirKey).toString();
  if (setupPage_->taskPicker()->locatedGlueDir().isEmpty() && !located.isEmpty() &&
      QDir(located).exists()) {
    setupPage_->taskPicker()->setLocatedGlueDir(located);
  }
  setupPage_->form()->setSeedCount(settings.value(kSeedCountKey, 1).toInt());
  trainingThreads_ = settings.value(kThreadsKey, 0).toInt();
}

void MainWindow::saveSettings() const {
  QSettings settings;
  settings.setValue(kGeometryKey, saveGeometry());
  settings.setValue(kStateKey, saveState());
  for (const ViewName& entry : kViewNames) {
    if (entry.view == currentView()) {
      settings.setValue(kViewKey, QString::fromLatin1(entry.name));
    }
  }
  settings.setValue(kRunConfigKey, QString::fromStdString(setupPage_->config().toJson()));
  settings.setValue(kSeedCountKey, setupPage_->form()->seedCount());
  settings.setValue(kThreadsKey, trainingThreads_);
  settings.setValue(kUserFoldersKey, userFolders_);
  settings.setValue(kLastModelKey, currentModelDir_);
  settings.setValue(kTextKey, tokenizerPage_->text());
  settings.setValue(kPairKey, tokenizerPage_->pairText());
  settings.setValue(kMaxLengthKey, tokenizerPage_->maxLength());
  settings.setValue(kTruncationKey, static_cast<int>(tokenizerPage_->truncation()));
  settings.setValue(kAddSpecialKey, tokenizerPage_->addSpecialTokens());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (controller_->isRunning() && options_.screenshotDir.isEmpty()) {
    const auto answer =
        QMessageBox::question(this, tr("Stop the Run?"),
                              tr("A training run is in progress. Stop it and close ChildTune?"),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) {
      event->ignore();
      return;
    }
  }
  pendingSeeds_.clear();
  if (controller_->isRunning()) {
    // A clean stop: the trainer notices at its next check (a step, an evaluation batch or a
    // Fisher batch) and the controller's destructor joins the thread.
    controller_->stop();
    statusBar()->showMessage(tr("Stopping the run…"));
  }
  if (options_.useSettings) {
    saveSettings();
  }
  event->accept();
}

void MainWindow::changeEvent(QEvent* event) {
  QMainWindow::changeEvent(event);
  if (event->type() == QEvent::WindowStateChange && fullScreenAction_ != nullptr) {
    const QSignalBlocker blocker(fullScreenAction_);
    fullScreenAction_->setChecked(isFullScreen());
  }
}

void MainWindow::refreshCatalog() {
  core::DiscoveryOptions discovery;
  try {
    discovery = core::DiscoveryOptions::standard();
  } catch (const std::exception& error) {
    showError(tr("Cannot locate the standard model folders: %1").arg(describe(error)));
  }
  for (const QString& folder : userFolders_ + sessionFolders_) {
    discovery.userFolders.push_back(toPath(folder));
  }
  std::vector<core::CatalogEntry> entries;
  try {
    entries = core::discoverModels(discovery);
  } catch (const std::exception& error) {
    // discoverModels does not throw by contract; this keeps a broken contract from crashing.
    showError(tr("Model discovery failed: %1").arg(describe(error)));
  }
  picker_->setEmptyText(
      discovery.childtuneModelsDir.empty()
          ? tr("No models found. Add a folder that holds a model with File ▸ Add Model Folder…")
          : tr("No models found.\n\nPut Hugging Face model folders into %1 (scripts/"
               "fetch-model.sh puts all-MiniLM-L6-v2 there), or add a folder with File ▸ Add "
               "Model Folder…")
                .arg(fromPath(discovery.childtuneModelsDir)));
  const QString keep = currentModelDir_;
  catalog_->setEntries(std::move(entries));
  if (!keep.isEmpty() && catalog_->rowForPath(keep) >= 0) {
    picker_->selectPath(keep);
    onModelSelected(keep);  // the entry may have changed (fixed, or broken) since the last scan
  }
  const int usable = static_cast<int>(
      std::count_if(catalog_->entries().begin(), catalog_->entries().end(),
                    [](const core::CatalogEntry& entry) { return entry.usable(); }));
  statusBar()->showMessage(
      tr("%n model(s) found, %1 usable", nullptr, catalog_->rowCount()).arg(usable), 4000);
  updateFolderActions();
}

void MainWindow::addModelFolder(const QString& dir) {
  const QString folder = clean(dir);
  if (folder.isEmpty()) {
    return;
  }
  if (!userFolders_.contains(folder)) {
    userFolders_ << folder;
  }
  sessionFolders_.removeAll(folder);
  refreshCatalog();
  // The folder itself when it is a model, else its first model (or the entry explaining why it
  // holds none).
  int row = catalog_->rowForPath(folder);
  if (row < 0) {
    const QString prefix = folder + QLatin1Char('/');
    for (int i = 0; i < catalog_->rowCount(); ++i) {
      if (catalog_->index(i, 0)
              .data(widgets::ModelCatalogModel::PathRole)
              .toString()
              .startsWith(prefix)) {
        row = i;
        break;
      }
    }
  }
  if (row >= 0) {
    const QString path =
        catalog_->index(row, 0).data(widgets::ModelCatalogModel::PathRole).toString();
    picker_->selectPath(path);
    setCurrentView(View::Model);
  }
}

bool MainWindow::selectModel(const QString& dir) {
  const QString folder = clean(dir);
  if (!QFileInfo(folder).isDir()) {
    showError(tr("The model folder %1 does not exist.").arg(folder));
    return false;
  }
  if (catalog_->rowForPath(folder) < 0) {
    if (!sessionFolders_.contains(folder) && !userFolders_.contains(folder)) {
      sessionFolders_ << folder;
    }
    refreshCatalog();
  }
  if (picker_->selectPath(folder)) {
    return true;
  }
  // A folder of models: take its first one.
  const QString prefix = folder + QLatin1Char('/');
  for (int i = 0; i < catalog_->rowCount(); ++i) {
    const QString path =
        catalog_->index(i, 0).data(widgets::ModelCatalogModel::PathRole).toString();
    if (path.startsWith(prefix)) {
      return picker_->selectPath(path);
    }
  }
  return false;
}

void MainWindow::selectStartupModel() {
  if (!options_.modelDir.isEmpty()) {
    selectModel(options_.modelDir);
    return;
  }
  if (options_.useSettings) {
    const QString last = QSettings().value(kLastModelKey).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir() && selectModel(last)) {
      return;
    }
  }
  try {
    const QString defaultModel = fromPath(core::childtuneHome() / "models" / kDefaultModelName);
    if (picker_->selectPath(defaultModel)) {
      return;
    }
  } catch (const std::exception&) {
    // No home folder: fall through to the first usable model.
  }
  for (int row = 0; row < catalog_->rowCount(); ++row) {
    if (catalog_->entryAt(row)->usable()) {
      picker_->selectPath(fromPath(catalog_->entryAt(row)->path));
      return;
    }
  }
}

void MainWindow::onModelSelected(const QString& dir) {
  banner_->dismiss();
  currentModelDir_ = dir;
  setupPage_->setModelDir(dir);
  updateTrainingActions();
  tokenizer_.reset();
  const core::CatalogEntry* entry = catalog_->entryAt(catalog_->rowForPath(dir));
  updateFolderActions();
  if (entry == nullptr) {
    details_->showEmpty();
    tokenizerPage_->clearTokenizer(tr("Select a model to load its tokenizer."));
    setWindowTitle(tr("ChildTune"));
    statusModel_->clear();
    statusModel_->setToolTip(QString());
    statusTokenizer_->clear();
    return;
  }
  const QString name = QString::fromStdString(entry->displayName);
  setWindowTitle(tr("%1 — ChildTune").arg(name));
  const QString path = fromPath(entry->path);
  statusModel_->setText(statusModel_->fontMetrics().elidedText(path, Qt::ElideMiddle, 520));
  statusModel_->setToolTip(path);
  details_->showEntry(*entry);
  if (!entry->usable()) {
    tokenizerPage_->clearTokenizer(
        tr("%1 cannot be used: %2").arg(name, QString::fromStdString(entry->problem)));
    statusTokenizer_->setText(tr("no tokenizer"));
    return;
  }
  loadTokenizer(name, path, entry->summary->config.modelType,
                entry->summary->config.maxPositionEmbeddings);
}

void MainWindow::loadTokenizer(const QString& modelName, const QString& dir,
                               const std::string& modelType, qint64 maxPositions) {
  try {
    tokenizer_ = core::Tokenizer::fromDirectory(toPath(dir), modelType);
  } catch (const std::exception& error) {
    const QString reason = describe(error);
    showError(tr("Cannot load the tokenizer of %1: %2").arg(modelName, reason));
    tokenizerPage_->clearTokenizer(tr("The tokenizer could not be loaded: %1").arg(reason));
    statusTokenizer_->setText(tr("tokenizer failed to load"));
    return;
  }
  tokenizerPage_->setTokenizer(tokenizer_, modelName, maxPositions);
  const QString kind = TokenizerPage::kindName(tokenizer_->kind());
  statusTokenizer_->setText(
      tr("%1 tokenizer, %2 tokens").arg(kind, QLocale().toString(tokenizer_->vocabSize())));
}

QWidget* MainWindow::viewWidget(View view) const {
  switch (view) {
    case View::Model:
      return details_;
    case View::Tokenizer:
      return tokenizerPage_;
    case View::Setup:
      return setupPage_;
    case View::Training:
      return trainingPage_;
    case View::ChildNetwork:
      return childNetworkPage_;
    case View::Learn:
      return learnPage_;
    case View::History:
      return historyView_;
  }
  return nullptr;
}

MainWindow::View MainWindow::currentView() const {
  for (const ViewName& entry : kViewNames) {
    if (viewWidget(entry.view) != nullptr && viewWidget(entry.view) == views_->currentWidget()) {
      return entry.view;
    }
  }
  return View::Model;
}

void MainWindow::setCurrentView(View view) {
  if (QWidget* widget = viewWidget(view); widget != nullptr && views_->indexOf(widget) >= 0) {
    views_->setCurrentWidget(widget);
  }
}

void MainWindow::promptAddModelFolder() {
  const QString start =
      currentModelDir_.isEmpty() ? QDir::homePath() : QFileInfo(currentModelDir_).absolutePath();
  const QString dir = QFileDialog::getExistingDirectory(
      this, tr("Add Model Folder"), start,
      QFileDialog::ShowDirsOnly | QFileDialog::DontResolveSymlinks);
  if (!dir.isEmpty()) {
    addModelFolder(dir);
  }
}

void MainWindow::updateFolderActions() {
  const core::CatalogEntry* entry = catalog_->entryAt(catalog_->rowForPath(currentModelDir_));
  const bool fromUser =
      entry != nullptr && entry->source == core::ModelSource::UserFolder &&
      !sourceFolderOf(clean(fromPath(entry->path)), userFolders_ + sessionFolders_).isEmpty();
  removeFolderAction_->setEnabled(fromUser);
  showInFileManagerAction_->setEnabled(entry != nullptr &&
                                       QFileInfo(fromPath(entry->path)).isDir());
}

void MainWindow::removeSelectedFolder() {
  const QString folder = sourceFolderOf(clean(currentModelDir_), userFolders_ + sessionFolders_);
  if (folder.isEmpty()) {
    return;
  }
  userFolders_.removeAll(folder);
  sessionFolders_.removeAll(folder);
  refreshCatalog();
  statusBar()->showMessage(tr("Removed %1 from the list").arg(folder), 4000);
}

void MainWindow::showSelectedInFileManager() {
  if (!currentModelDir_.isEmpty()) {
    QDesktopServices::openUrl(QUrl::fromLocalFile(currentModelDir_));
  }
}

void MainWindow::toggleFullScreen(bool fullScreen) {
  if (fullScreen) {
    wasMaximized_ = isMaximized();
    showFullScreen();
  } else if (wasMaximized_) {
    showMaximized();
  } else {
    showNormal();
  }
}

QString MainWindow::aboutText() const {
  return tr("<h3>ChildTune %1</h3>"
            "<p>A workbench for Child-Tuning: fine-tune BERT, RoBERTa and ELECTRA models while "
            "updating only a child network of their parameters.</p>"
            "<p>Look inside a model's architecture and parameters, and see how its tokenizer "
            "cuts text.</p>"
            "<p>Built with Qt %2 and QCustomPlot.</p>")
      .arg(QString::fromUtf8(childtune::kVersion), QString::fromLatin1(qVersion()));
}

void MainWindow::showAbout() { QMessageBox::about(this, tr("About ChildTune"), aboutText()); }

void MainWindow::showError(const QString& text) {
  banner_->showMessage(widgets::MessageBanner::Level::Error, text);
}

QStringList MainWindow::writeScreenshots(const QString& dir, QString* error) {
  QStringList written;
  if (!QDir().mkpath(dir)) {
    *error = tr("Cannot create the folder %1").arg(dir);
    return written;
  }
  struct Shot {
    QString file;
    View view;
    std::optional<widgets::ModelDetailsWidget::Tab> tab;
  };
  const Shot shots[] = {
      {QStringLiteral("model.png"), View::Model, widgets::ModelDetailsWidget::Tab::Overview},
      {QStringLiteral("model-tensors.png"), View::Model, widgets::ModelDetailsWidget::Tab::Tensors},
      {QStringLiteral("tokenizer.png"), View::Tokenizer, std::nullopt},
      {QStringLiteral("setup.png"), View::Setup, std::nullopt},
      {QStringLiteral("training.png"), View::Training, std::nullopt},
      {QStringLiteral("child-network.png"), View::ChildNetwork, std::nullopt},
      {QStringLiteral("learn.png"), View::Learn, std::nullopt},
      {QStringLiteral("history.png"), View::History, std::nullopt},
  };
  const View previousView = currentView();
  for (const Shot& shot : shots) {
    setCurrentView(shot.view);
    if (shot.tab) {
      details_->setCurrentTab(*shot.tab);
    }
    tokenizerPage_->encodeNow();
    QCoreApplication::processEvents();
    details_->layerChart()->replot(QCustomPlot::rpImmediateRefresh);
    if (shot.view == View::Training) {
      trainingPage_->chart()->flushAndReplotNow();
    }
    if (shot.view == View::History) {
      historyView_->chart()->flushAndReplotNow();
    }
    // The Learn view is wide: shown without the models panel, as a teacher would project it.
    const bool hideDock = shot.view == View::Learn && pickerDock_->isVisible();
    if (hideDock) {
      pickerDock_->hide();
    }
    if (shot.view == View::Learn && learnView_->stepsTaken() == 0) {
      // A few real optimizer steps, so the gradient, mask and update grids hold numbers.
      for (int i = 0; i < 3; ++i) {
        learnView_->stepOnce();
      }
      QCoreApplication::processEvents();
    }
    if (shot.view == View::ChildNetwork) {
      childNetworkPage_->heatmap()->replotNow();
      childNetworkPage_->distribution()->replotNow();
    }
    const QString path = QDir(dir).filePath(shot.file);
    QCoreApplication::processEvents();
    const bool saved = grab().save(path, "PNG");
    if (hideDock) {
      pickerDock_->show();
    }
    if (!saved) {
      *error = tr("Cannot write %1").arg(path);
      return written;
    }
    written << path;
  }
  details_->setCurrentTab(widgets::ModelDetailsWidget::Tab::Overview);
  setCurrentView(previousView);
  return written;
}

}  // namespace childtune::app
