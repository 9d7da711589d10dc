#include "childtune/widgets/run_history_model.h"

#include <QApplication>
#include <QDateTime>
#include <QIcon>
#include <QLocale>
#include <QStyle>
#include <algorithm>
#include <exception>
#include <set>

#include "childtune/error.h"

namespace childtune::widgets {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

QIcon statusIcon(core::RunStatus status) {
  QStyle* style = QApplication::style();
  switch (status) {
    case core::RunStatus::Queued:
      return style->standardIcon(QStyle::SP_MediaPause);
    case core::RunStatus::Running:
      return style->standardIcon(QStyle::SP_MediaPlay);
    case core::RunStatus::Finished:
      return style->standardIcon(QStyle::SP_DialogApplyButton);
    case core::RunStatus::Failed:
      return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case core::RunStatus::Stopped:
      return style->standardIcon(QStyle::SP_MediaStop);
    case core::RunStatus::Interrupted:
      return style->standardIcon(QStyle::SP_MessageBoxWarning);
  }
  return {};
}

// The config's p when the method uses one; configs that no longer parse show no p.
std::optional<double> configP(const core::RunRecord& run) {
  if (run.method == "vanilla") {
    return std::nullopt;
  }
  try {
    return core::RunConfig::fromJson(run.configJson, "run " + std::to_string(run.id)).effectiveP();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

QString lastComponent(const std::string& dir) {
  std::filesystem::path path(dir);
  if (!path.has_filename()) {
    path = path.parent_path();
  }
  const QString name = qs(path.filename().string());
  return name.isEmpty() ? qs(dir) : name;
}

}  // namespace

RunHistoryModel::RunHistoryModel(QObject* parent) : QAbstractTableModel(parent) {}

RunHistoryModel::~RunHistoryModel() = default;

bool RunHistoryModel::setStorePath(const std::filesystem::path& path) {
  beginResetModel();
  store_.reset();
  runs_.clear();
  rows_.clear();
  knownTasks_.clear();
  knownMethods_.clear();
  endResetModel();
  try {
    store_ = std::make_unique<core::RunStore>(path);
  } catch (const std::exception& e) {
    lastError_ = qs(e.what());
    return false;
  }
  return refresh();
}

std::filesystem::path RunHistoryModel::storePath() const {
  return store_ ? store_->path() : std::filesystem::path{};
}

void RunHistoryModel::setFilter(const RunHistoryFilter& filter) {
  filter_ = filter;
  refresh();
}

QString RunHistoryModel::statusText(core::RunStatus status) {
  switch (status) {
    case core::RunStatus::Queued:
      return tr("Queued");
    case core::RunStatus::Running:
      return tr("Running");
    case core::RunStatus::Finished:
      return tr("Finished");
    case core::RunStatus::Failed:
      return tr("Failed");
    case core::RunStatus::Stopped:
      return tr("Stopped");
    case core::RunStatus::Interrupted:
      return tr("Interrupted");
  }
  return {};
}

QString RunHistoryModel::methodText(const std::string& method) {
  if (method == "vanilla") {
    return tr("Vanilla");
  }
  if (method == "ct-f") {
    return tr("Child-Tuning_F");
  }
  if (method == "ct-d") {
    return tr("Child-Tuning_D");
  }
  if (method == "ct-d-random") {
    return tr("Child-Tuning_D (random)");
  }
  if (method == "ct-d-lowest") {
    return tr("Child-Tuning_D (lowest)");
  }
  return qs(method);
}

bool RunHistoryModel::matchesText(const core::RunRecord& run, const Row& row) const {
  const QString needle = filter_.text.trimmed();
  if (needle.isEmpty()) {
    return true;
  }
  const QStringList haystack = {QString::number(run.id),
                                qs(run.name),
                                qs(run.task),
                                qs(run.method),
                                methodText(run.method),
                                row.model,
                                qs(run.modelDir),
                                row.tags,
                                qs(run.notes)};
  return std::any_of(haystack.begin(), haystack.end(), [&](const QString& text) {
    return text.contains(needle, Qt::CaseInsensitive);
  });
}

bool RunHistoryModel::refresh() {
  std::vector<core::RunRecord> runs;
  std::vector<Row> rows;
  QStringList tasks;
  QStringList methods;
  lastError_.clear();
  if (store_) {
    try {
      core::RunFilter query;
      if (!filter_.task.isEmpty()) {
        query.task = filter_.task.toStdString();
      }
      if (!filter_.method.isEmpty()) {
        query.method = filter_.method.toStdString();
      }
      query.status = filter_.status;
      std::vector<core::RunRecord> listed = store_->listRuns(query);
      // The filter pickers offer every task and method in the store, not just the listed ones.
      const bool filtered = query.task || query.method || query.status;
      const std::vector<core::RunRecord> all = filtered ? store_->listRuns() : listed;
      std::set<std::string> taskSet;
      std::set<std::string> methodSet;
      for (const auto& run : all) {
        taskSet.insert(run.task);
        methodSet.insert(run.method);
      }
      for (const auto& t : taskSet) {
        tasks.push_back(qs(t));
      }
      for (const auto& m : methodSet) {
        methods.push_back(qs(m));
      }
      for (auto& run : listed) {
        Row row;
        row.p = configP(run);
        row.model = lastComponent(run.modelDir);
        QStringList tagList;
        for (const auto& tag : run.tags) {
          tagList.push_back(qs(tag));
        }
        row.tags = tagList.join(QStringLiteral(", "));
        if (matchesText(run, row)) {
          runs.push_back(std::move(run));
          rows.push_back(std::move(row));
        }
      }
    } catch (const std::exception& e) {
      lastError_ = qs(e.what());
      runs.clear();
      rows.clear();
    }
  }
  beginResetModel();
  runs_ = std::move(runs);
  rows_ = std::move(rows);
  knownTasks_ = tasks;
  knownMethods_ = methods;
  endResetModel();
  return lastError_.isEmpty();
}

const core::RunRecord& RunHistoryModel::record(int row) const {
  return runs_.at(static_cast<size_t>(row));
}

int64_t RunHistoryModel::runId(int row) const { return record(row).id; }

int RunHistoryModel::rowOf(int64_t id) const {
  for (size_t i = 0; i < runs_.size(); ++i) {
    if (runs_[i].id == id) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

int RunHistoryModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(runs_.size());
}

int RunHistoryModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunHistoryModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() < 0 || index.row() >= rowCount()) {
    return {};
  }
  const auto& run = runs_[static_cast<size_t>(index.row())];
  const auto& row = rows_[static_cast<size_t>(index.row())];
  if (role == RunIdRole) {
    return QVariant::fromValue<qlonglong>(run.id);
  }
  if (role == StatusRole) {
    return static_cast<int>(run.status);
  }
  const int column = index.column();
  if (role == Qt::DecorationRole && column == StatusColumn) {
    return statusIcon(run.status);
  }
  if (role == Qt::TextAlignmentRole) {
    const bool numeric = column == IdColumn || column == PColumn || column == SeedColumn ||
                         column == FinalMetricColumn;
    return QVariant::fromValue(numeric ? (Qt::AlignRight | Qt::AlignVCenter)
                                       : (Qt::AlignLeft | Qt::AlignVCenter));
  }
  if (role == Qt::ToolTipRole) {
    if (column == StatusColumn && !run.errorText.empty()) {
      return qs(run.errorText);
    }
    if (column == FinalMetricColumn && !run.finalMetrics.empty()) {
      QStringList lines;
      for (const auto& [name, value] : run.finalMetrics) {
        lines.push_back(QStringLiteral("%1: %2").arg(qs(name)).arg(value, 0, 'f', 4));
      }
      return lines.join(QLatin1Char('\n'));
    }
    if (column == ModelColumn) {
      return qs(run.modelDir);
    }
    if (column == NotesColumn) {
      return qs(run.notes);
    }
    return {};
  }
  const bool sort = role == SortRole;
  if (role != Qt::DisplayRole && !sort) {
    return {};
  }
  switch (column) {
    case IdColumn:
      return sort ? QVariant::fromValue<qlonglong>(run.id) : QVariant(QString::number(run.id));
    case NameColumn:
      return qs(run.name);
    case TaskColumn:
      return qs(run.task);
    case ModelColumn:
      return row.model;
    case MethodColumn:
      return methodText(run.method);
    case PColumn:
      if (sort) {
        return row.p ? QVariant(*row.p) : QVariant(-1.0);
      }
      return row.p ? QVariant(QLocale().toString(*row.p, 'g', 3)) : QVariant(QString());
    case SeedColumn:
      return sort ? QVariant::fromValue<qulonglong>(run.seed) : QVariant(QString::number(run.seed));
    case StatusColumn:
      return sort ? QVariant(static_cast<int>(run.status)) : QVariant(statusText(run.status));
    case FinalMetricColumn:
      if (sort) {
        return run.finalCombined ? QVariant(*run.finalCombined) : QVariant(-1.0);
      }
      return run.finalCombined ? QVariant(QLocale().toString(*run.finalCombined, 'f', 4))
                               : QVariant(QString());
    case CreatedColumn:
      if (sort) {
        return QVariant::fromValue<qlonglong>(run.createdMs);
      }
      return QLocale().toString(QDateTime::fromMSecsSinceEpoch(run.createdMs),
                                QLocale::ShortFormat);
    case TagsColumn:
      return row.tags;
    case NotesColumn:
      return qs(run.notes).section(QLatin1Char('\n'), 0, 0);
    default:
      return {};
  }
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
    return QAbstractTableModel::headerData(section, orientation, role);
  }
  switch (section) {
    case IdColumn:
      return tr("ID");
    case NameColumn:
      return tr("Name");
    case TaskColumn:
      return tr("Task");
    case ModelColumn:
      return tr("Model");
    case MethodColumn:
      return tr("Method");
    case PColumn:
      return tr("p");
    case SeedColumn:
      return tr("Seed");
    case StatusColumn:
      return tr("Status");
    case FinalMetricColumn:
      return tr("Final score");
    case CreatedColumn:
      return tr("Created");
    case TagsColumn:
      return tr("Tags");
    case NotesColumn:
      return tr("Notes");
    default:
      return {};
  }
}

}  // namespace childtune::widgets
