#pragma once
// Table model over the run store's run list (core::RunStore::listRuns) for the History view.
// The model owns one read-write store connection on the GUI thread (the training thread's
// RunRecorder has its own); refresh() re-queries synchronously, which takes ~10 ms for 1,000
// runs. Sorting is left to a QSortFilterProxyModel over SortRole; the task / method / status
// filter is pushed to the store query and the free-text filter is applied here.
// Thread: GUI thread only.

#include <QAbstractTableModel>
#include <QString>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "childtune/run_store.h"

namespace childtune::widgets {

struct RunHistoryFilter {
  QString task;    // "" = any; case-insensitive
  QString method;  // "" = any; "vanilla", "ct-d", ...
  std::optional<core::RunStatus> status;
  // Case-insensitive substring of the id, name, task, method, model, tags or notes.
  QString text;
};

class RunHistoryModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    IdColumn,
    NameColumn,
    TaskColumn,
    ModelColumn,
    MethodColumn,
    PColumn,
    SeedColumn,
    StatusColumn,
    FinalMetricColumn,
    CreatedColumn,
    TagsColumn,
    NotesColumn,
    ColumnCount
  };
  enum Role {
    RunIdRole = Qt::UserRole + 1,  // qlonglong
    SortRole,                      // raw value for sorting (numbers as numbers)
    StatusRole,                    // int: core::RunStatus
  };

  explicit RunHistoryModel(QObject* parent = nullptr);
  ~RunHistoryModel() override;

  // Opens the store (creating it when missing) and lists its runs. Returns false and keeps
  // the message in lastError() when the file cannot be opened as a run store.
  bool setStorePath(const std::filesystem::path& path);
  std::filesystem::path storePath() const;
  // The open store, or nullptr before a successful setStorePath().
  core::RunStore* store() const { return store_.get(); }

  void setFilter(const RunHistoryFilter& filter);
  const RunHistoryFilter& filter() const { return filter_; }

  // Re-queries the store. Returns false (and sets lastError()) when the query failed; the
  // table is then empty.
  bool refresh();
  QString lastError() const { return lastError_; }

  const core::RunRecord& record(int row) const;
  int64_t runId(int row) const;
  // The row of `runId`, or -1 when it is not listed.
  int rowOf(int64_t runId) const;
  const std::vector<core::RunRecord>& records() const { return runs_; }
  // The distinct tasks / methods of every run in the store (for filter pickers), sorted.
  QStringList knownTasks() const { return knownTasks_; }
  QStringList knownMethods() const { return knownMethods_; }

  // Display texts shared with the view.
  static QString statusText(core::RunStatus status);
  static QString methodText(const std::string& method);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  struct Row {
    std::optional<double> p;  // p_F / p_D of the config; none for vanilla or unreadable configs
    QString model;            // last path component of the model folder
    QString tags;             // comma separated
  };
  bool matchesText(const core::RunRecord& run, const Row& row) const;

  std::unique_ptr<core::RunStore> store_;
  RunHistoryFilter filter_;
  std::vector<core::RunRecord> runs_;
  std::vector<Row> rows_;
  QStringList knownTasks_;
  QStringList knownMethods_;
  QString lastError_;
};

}  // namespace childtune::widgets
