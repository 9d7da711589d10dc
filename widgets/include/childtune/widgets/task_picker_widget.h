#pragma once
// The task picker of the run setup: the GLUE tasks and the SNLI/IMDB presets with a one-line
// description, official metric(s), official train/dev sizes, where the data was found
// ($CHILDTUNE_GLUE_DIR, the app's data folder, a folder the user located, or "not found —
// Locate… / Download…") and a preview table of the first rows of the dev split with their labels.
// Locate… validates the chosen folder for the current task before using it; Download… only asks
// (downloadRequested): the app owns the downloader and calls refresh() or setLocatedGlueDir()
// when the files are there.

#include <QString>
#include <QWidget>
#include <filesystem>
#include <optional>

#include "childtune/tasks.h"

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace childtune::widgets {

class TaskPickerWidget : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kPreviewRows = 8;

  explicit TaskPickerWidget(QWidget* parent = nullptr);

  // The canonical task name ("SST-2").
  QString currentTask() const;
  // Case-insensitive as core::findTask; false (no change) for an unknown name.
  bool setCurrentTask(const QString& name);

  // The GLUE folder in use: the one the user located, else core::findGlueDir(). Empty when none.
  QString glueDir() const;
  // A folder the user chose (overrides the environment); empty returns to core::findGlueDir().
  void setLocatedGlueDir(const QString& dir);
  QString locatedGlueDir() const { return located_; }
  // Re-reads where the data is and the preview (after files were added).
  void refresh();
  // Locate… without the dialog: when `dir` holds the current task's train and evaluation files —
  // as a GLUE folder (<dir>/RTE/train.tsv), a data root (<dir>/glue/RTE, <dir>/snli), or the
  // task's own folder — locates the GLUE folder that implies and returns "". Otherwise changes
  // nothing and returns (and shows) why, naming the folder and the files it expected.
  QString locateFolder(const QString& dir);
  // The last problem locateFolder() found; cleared by a successful locate or a task change.
  QString locateError() const { return locateError_; }

  // Whether the current task's train and first eval split exist.
  bool isTrainable() const { return trainable_; }
  QString locationText() const;
  QString previewError() const { return previewError_; }

  QComboBox* taskCombo() const { return combo_; }
  QTableWidget* previewTable() const { return preview_; }
  QPushButton* locateButton() const { return locate_; }
  // Shown for GLUE tasks whose data is not (completely) there.
  QPushButton* downloadButton() const { return download_; }

 Q_SIGNALS:
  void currentTaskChanged(const QString& name);
  // The GLUE folder in use changed (located by the user or reset).
  void glueDirChanged(const QString& dir);
  // The user located a folder with Locate… (validated); `glueDir` is the GLUE folder now in use.
  void folderLocated(const QString& glueDir);
  // The user asked to download the data of `task` ("RTE").
  void downloadRequested(const QString& task);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void update();
  void promptLocate();
  void showLocateProblem(const QString& problem);
  const core::TaskSpec* task() const;

  QString located_;
  bool trainable_ = false;
  QString previewError_;
  QString locateError_;
  QComboBox* combo_ = nullptr;
  QLabel* description_ = nullptr;
  QLabel* facts_ = nullptr;
  QLabel* location_ = nullptr;
  QPushButton* locate_ = nullptr;
  QPushButton* download_ = nullptr;
  QLabel* locateProblem_ = nullptr;
  QLabel* previewTitle_ = nullptr;
  QTableWidget* preview_ = nullptr;
};

}  // namespace childtune::widgets
