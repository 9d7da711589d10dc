#pragma once
// The History view: every run in the run store as a sortable, filterable table (status icons,
// tags, notes). Selecting runs overlays their loss and dev-metric curves, diffs their
// configurations (seed ignored) and summarises the final metric of runs that differ only by
// seed (mean ± std, min, max). Actions: delete (after confirming), export (CSV / JSON),
// re-run (rerunRequested) and resume an interrupted, failed or stopped run that has a
// checkpoint (resumeRequested); notes and tags are edited in place.
// Thread: GUI thread only; the store is read synchronously (a few ms per query).

#include <QString>
#include <QWidget>
#include <filesystem>
#include <vector>

#include "childtune/run_config.h"
#include "childtune/run_store.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;
class QTabWidget;

namespace childtune::widgets {

class RunHistoryModel;
class TrainingChartWidget;

class HistoryView : public QWidget {
  Q_OBJECT

 public:
  // Runs whose curves are drawn at once; further selected runs are compared but not drawn.
  static constexpr int kMaxOverlays = 12;
  // Points per overlaid loss curve (min/max decimation keeps spikes).
  static constexpr size_t kCurvePoints = 2000;

  enum class ExportFormat { Csv, Json };

  explicit HistoryView(QWidget* parent = nullptr);
  ~HistoryView() override;

  // Opens the run store (creating it when missing). Returns false and shows the error in the
  // view when it cannot be opened.
  bool setStorePath(const std::filesystem::path& path);
  // Re-reads the store, keeping the selection where the runs still exist.
  void refresh();

  // The selected run ids, in table order.
  std::vector<int64_t> selectedRunIds() const;
  void selectRuns(const std::vector<int64_t>& runIds);

  // Deletes the runs without asking (the Delete action asks first). Returns false and fills
  // `error` on failure; nothing is deleted then.
  bool deleteRuns(const std::vector<int64_t>& runIds, QString* error = nullptr);
  // CSV (long format: run_id,run_name,series,step,value; series loss, lr, grad_norm and
  // eval:<split>:<metric>) or JSON (an array of runs with their record, configuration, steps
  // and evaluations). Returns false and fills `error` on failure.
  bool exportRuns(const std::vector<int64_t>& runIds, const QString& path, ExportFormat format,
                  QString* error = nullptr);
  // Replaces the run's notes and tags (tags are trimmed, empty ones dropped).
  bool setNotesAndTags(int64_t runId, const QString& notes, const QStringList& tags,
                       QString* error = nullptr);

  // True when `runId` can be resumed: interrupted, failed or stopped with a checkpoint on disk.
  bool canResume(int64_t runId) const;

  RunHistoryModel* model() const { return model_; }
  QSortFilterProxyModel* proxyModel() const { return proxy_; }
  QTableView* table() const { return table_; }
  TrainingChartWidget* chart() const { return chart_; }
  // Compare panel: one row per differing config key (columns: key, then one per run) and one
  // row per seed group and metric (columns: task, method, runs, seeds, metric, mean ± std,
  // min, max).
  QTableWidget* differencesTable() const { return differencesTable_; }
  QTableWidget* seedGroupTable() const { return seedGroupTable_; }
  QLabel* compareSummary() const { return compareSummary_; }
  // The seed groups shown in the compare panel.
  const std::vector<core::SeedGroup>& seedGroups() const { return seedGroups_; }

 Q_SIGNALS:
  // The configuration of the selected run, to train again.
  void rerunRequested(const childtune::core::RunConfig& config);
  // An interrupted, failed or stopped run with a checkpoint, to continue.
  void resumeRequested(qint64 runId);
  // After runs were deleted, so other views can drop them.
  void runsDeleted(const std::vector<int64_t>& runIds);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void buildUi();
  void retranslate();
  void applyFilter();
  void updateFilterChoices();
  void onSelectionChanged();
  void updateOverlays(const std::vector<int64_t>& ids);
  void updateCompare(const std::vector<int64_t>& ids);
  void updateDetails(const std::vector<int64_t>& ids);
  void updateActions(const std::vector<int64_t>& ids);
  void showError(const QString& message);
  void confirmAndDelete();
  void exportWithDialog();
  void requestRerun();
  void requestResume();
  void saveNotesAndTags();

  RunHistoryModel* model_ = nullptr;
  QSortFilterProxyModel* proxy_ = nullptr;

  QLabel* taskLabel_ = nullptr;
  QComboBox* taskFilter_ = nullptr;
  QLabel* methodLabel_ = nullptr;
  QComboBox* methodFilter_ = nullptr;
  QLabel* statusLabel_ = nullptr;
  QComboBox* statusFilter_ = nullptr;
  QLineEdit* textFilter_ = nullptr;
  QPushButton* refreshButton_ = nullptr;
  QLabel* errorLabel_ = nullptr;

  QTableView* table_ = nullptr;
  QPushButton* deleteButton_ = nullptr;
  QPushButton* exportButton_ = nullptr;
  QPushButton* rerunButton_ = nullptr;
  QPushButton* resumeButton_ = nullptr;

  QTabWidget* tabs_ = nullptr;
  TrainingChartWidget* chart_ = nullptr;
  QWidget* comparePage_ = nullptr;
  QLabel* compareSummary_ = nullptr;
  QLabel* differencesLabel_ = nullptr;
  QTableWidget* differencesTable_ = nullptr;
  QLabel* seedGroupLabel_ = nullptr;
  QTableWidget* seedGroupTable_ = nullptr;
  QWidget* notesPage_ = nullptr;
  QLabel* tagsLabel_ = nullptr;
  QLineEdit* tagsEdit_ = nullptr;
  QLabel* notesLabel_ = nullptr;
  QPlainTextEdit* notesEdit_ = nullptr;
  QPushButton* saveNotesButton_ = nullptr;

  std::vector<core::SeedGroup> seedGroups_;
  int64_t notesRunId_ = 0;  // the run the notes page edits, 0 = none
  bool updatingFilters_ = false;
};

}  // namespace childtune::widgets
