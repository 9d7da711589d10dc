#pragma once
// The ChildTune main window: the model picker (a dock), the views (tabs: Model, Tokenizer, Run
// setup, Training, Child network, Learn), a non-blocking message area, menus, toolbar and status
// bar (device and phase). Owns the model catalog, the selected model's tokenizer and the
// TrainingController; all calls into the core are caught here and shown in the message area,
// never thrown further.

#include <QMainWindow>
#include <QStringList>
#include <memory>
#include <vector>

#include "childtune/run_config.h"
#include "childtune/tokenizer.h"
#include "startup_options.h"
#include "training_events.h"

class QAction;
class QDockWidget;
class QLabel;
class QTabWidget;

namespace childtune::widgets {
class MessageBanner;
class ModelCatalogModel;
class ModelDetailsWidget;
class LearnView;
class HistoryView;
class ModelPickerWidget;
}  // namespace childtune::widgets

namespace childtune::app {

class ChildNetworkPage;
class RunSetupPage;
class TokenizerPage;
class TrainingController;
class TrainingPage;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  enum class View { Model, Tokenizer, Setup, Training, ChildNetwork, Learn, History };

  explicit MainWindow(StartupOptions options, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Re-runs model discovery, keeping the selection when the model is still listed.
  void refreshCatalog();
  // Adds a folder to the scanned user folders (persisted) and selects its first model.
  void addModelFolder(const QString& dir);
  // Selects the model in `dir`, adding it for this session when the catalog does not list it.
  // Returns false when `dir` is not a folder.
  bool selectModel(const QString& dir);
  QString currentModelDir() const { return currentModelDir_; }

  View currentView() const;
  void setCurrentView(View view);

  // Writes model.png, model-tensors.png, tokenizer.png, setup.png, training.png,
  // child-network.png, learn.png and history.png of the window into `dir`. Returns the
  // files written; on failure, sets `error` and returns what was written so far.
  QStringList writeScreenshots(const QString& dir, QString* error);

  QString aboutText() const;

  // Starts the run the Run setup view describes on the selected model ("N seeds": N runs one
  // after another). Shows why in the message area and returns false when it cannot start.
  bool startTraining();
  void stopTraining();
  // The run store every run is recorded in and the History view shows (a SQLite file).
  void setStorePath(const QString& path);
  QString storePath() const;
  // Writes a tiny model and task (demo_workspace.h) under `root`, selects them, records runs in
  // `root`/runs.sqlite (never the user's store) and sets up a short Child-Tuning_D run, for
  // screenshots without downloads. False and `error` on failure.
  bool prepareDemo(const QString& root, QString* error);
  // After prepareDemo(): a Vanilla run with the same settings, then the Child-Tuning_D run (whose
  // Training and Child network views stay shown); both are selected in the History view for
  // comparison. Each may take `timeoutMs`. False and `error` unless both finished.
  bool trainDemoRuns(int timeoutMs, QString* error);
  // Starts the run set up and processes events until it ends (or `timeoutMs`). False and `error`
  // unless it finished.
  bool trainAndWait(int timeoutMs, QString* error);

  TrainingController* trainingController() const { return controller_; }
  RunSetupPage* runSetupPage() const { return setupPage_; }
  TrainingPage* trainingPage() const { return trainingPage_; }
  ChildNetworkPage* childNetworkPage() const { return childNetworkPage_; }
  widgets::LearnView* learnView() const { return learnView_; }
  widgets::HistoryView* historyView() const { return historyView_; }
  QString statusDeviceText() const;
  QString statusPhaseText() const;

  widgets::ModelCatalogModel* catalogModel() const { return catalog_; }
  widgets::ModelPickerWidget* modelPicker() const { return picker_; }
  widgets::ModelDetailsWidget* modelDetails() const { return details_; }
  TokenizerPage* tokenizerPage() const { return tokenizerPage_; }
  widgets::MessageBanner* messageBanner() const { return banner_; }
  std::shared_ptr<const core::Tokenizer> tokenizer() const { return tokenizer_; }
  QString statusModelText() const;
  QString statusTokenizerText() const;
  QStringList userFolders() const { return userFolders_; }

 protected:
  void closeEvent(QCloseEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void createActions();
  void createMenus();
  void createToolBar();
  void createStatusBar();
  void restoreSettings();
  void saveSettings() const;
  void onModelSelected(const QString& dir);
  void loadTokenizer(const QString& modelName, const QString& dir, const std::string& modelType,
                     qint64 maxPositions);
  void selectStartupModel();
  void promptAddModelFolder();
  void removeSelectedFolder();
  void showSelectedInFileManager();
  void updateFolderActions();
  void toggleFullScreen(bool fullScreen);
  void showAbout();
  void showError(const QString& text);
  void createTrainingActions();
  void connectController();
  void updateTrainingActions();
  void startNextSeed();
  void exportCharts();
  void showPreferences();
  QString runTitle(const core::RunConfig& config) const;
  QWidget* viewWidget(View view) const;

  StartupOptions options_;
  QStringList userFolders_;     // persisted
  QStringList sessionFolders_;  // from --model or a restored last model; not persisted
  QString currentModelDir_;
  bool wasMaximized_ = false;

  widgets::ModelCatalogModel* catalog_ = nullptr;
  widgets::ModelPickerWidget* picker_ = nullptr;
  widgets::ModelDetailsWidget* details_ = nullptr;
  widgets::MessageBanner* banner_ = nullptr;
  TokenizerPage* tokenizerPage_ = nullptr;
  RunSetupPage* setupPage_ = nullptr;
  TrainingPage* trainingPage_ = nullptr;
  ChildNetworkPage* childNetworkPage_ = nullptr;
  widgets::HistoryView* historyView_ = nullptr;
  widgets::LearnView* learnView_ = nullptr;
  QWidget* learnPage_ = nullptr;  // a scroll area around learnView_
  TrainingController* controller_ = nullptr;
  QTabWidget* views_ = nullptr;
  QDockWidget* pickerDock_ = nullptr;
  QLabel* statusModel_ = nullptr;
  QLabel* statusTokenizer_ = nullptr;
  QLabel* statusDevice_ = nullptr;
  QLabel* statusPhase_ = nullptr;
  // The runs still to start for "N seeds" (the current one excluded).
  std::vector<core::RunConfig> pendingSeeds_;
  int trainingThreads_ = 0;  // preference: LibTorch threads for runs (0 = all cores)
  std::shared_ptr<const core::Tokenizer> tokenizer_;

  QAction* addFolderAction_ = nullptr;
  QAction* refreshAction_ = nullptr;
  QAction* removeFolderAction_ = nullptr;
  QAction* showInFileManagerAction_ = nullptr;
  QAction* quitAction_ = nullptr;
  QAction* modelViewAction_ = nullptr;
  QAction* tokenizerViewAction_ = nullptr;
  QAction* setupViewAction_ = nullptr;
  QAction* trainingViewAction_ = nullptr;
  QAction* childNetworkViewAction_ = nullptr;
  QAction* learnViewAction_ = nullptr;
  QAction* historyViewAction_ = nullptr;
  QAction* startAction_ = nullptr;
  QAction* pauseAction_ = nullptr;
  QAction* resumeAction_ = nullptr;
  QAction* stopAction_ = nullptr;
  QAction* exportAction_ = nullptr;
  QAction* preferencesAction_ = nullptr;
  QAction* fullScreenAction_ = nullptr;
  QAction* aboutAction_ = nullptr;
  QAction* aboutQtAction_ = nullptr;
};

}  // namespace childtune::app
