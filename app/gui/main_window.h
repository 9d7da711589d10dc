#pragma once
// The ChildTune main window: the model picker (a dock), the Model and Tokenizer views (tabs), a
// non-blocking message area, menus, toolbar and status bar. Owns the model catalog and the
// selected model's tokenizer; all calls into the core are caught here and shown in the message
// area, never thrown further.

#include <QMainWindow>
#include <QStringList>
#include <memory>

#include "childtune/tokenizer.h"
#include "startup_options.h"

class QAction;
class QDockWidget;
class QLabel;
class QTabWidget;

namespace childtune::widgets {
class MessageBanner;
class ModelCatalogModel;
class ModelDetailsWidget;
class ModelPickerWidget;
}  // namespace childtune::widgets

namespace childtune::app {

class TokenizerPage;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  enum class View { Model, Tokenizer };

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

  // Writes model.png, model-tensors.png and tokenizer.png of the window into `dir`. Returns the
  // files written; on failure, sets `error` and returns what was written so far.
  QStringList writeScreenshots(const QString& dir, QString* error);

  QString aboutText() const;

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
  QTabWidget* views_ = nullptr;
  QDockWidget* pickerDock_ = nullptr;
  QLabel* statusModel_ = nullptr;
  QLabel* statusTokenizer_ = nullptr;
  std::shared_ptr<const core::Tokenizer> tokenizer_;

  QAction* addFolderAction_ = nullptr;
  QAction* refreshAction_ = nullptr;
  QAction* removeFolderAction_ = nullptr;
  QAction* showInFileManagerAction_ = nullptr;
  QAction* quitAction_ = nullptr;
  QAction* modelViewAction_ = nullptr;
  QAction* tokenizerViewAction_ = nullptr;
  QAction* fullScreenAction_ = nullptr;
  QAction* aboutAction_ = nullptr;
  QAction* aboutQtAction_ = nullptr;
};

}  // namespace childtune::app
