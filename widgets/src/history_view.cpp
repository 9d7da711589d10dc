#include "childtune/widgets/history_view.h"

#include <QComboBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <exception>
#include <set>

#include "childtune/widgets/run_history_model.h"
#include "childtune/widgets/training_chart_widget.h"

namespace childtune::widgets {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

QString runLabel(const core::RunRecord& run) {
  return run.name.empty() ? HistoryView::tr("#%1 %2 %3")
                                .arg(run.id)
                                .arg(qs(run.task), RunHistoryModel::methodText(run.method))
                          : HistoryView::tr("#%1 %2").arg(run.id).arg(qs(run.name));
}

QString csvField(const QString& text) {
  if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
      !text.contains(QLatin1Char('\n'))) {
    return text;
  }
  QString quoted = text;
  quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
  return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString number(double value) { return QString::number(value, 'g', 17); }

QTableWidgetItem* readOnlyItem(const QString& text) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
  return item;
}

}  // namespace

HistoryView::HistoryView(QWidget* parent) : QWidget(parent) {
  model_ = new RunHistoryModel(this);
  proxy_ = new QSortFilterProxyModel(this);
  proxy_->setSourceModel(model_);
  proxy_->setSortRole(RunHistoryModel::SortRole);
  buildUi();
  retranslate();
  updateFilterChoices();
  updateActions({});
}

HistoryView::~HistoryView() = default;

void HistoryView::buildUi() {
  auto* layout = new QVBoxLayout(this);

  auto* filters = new QHBoxLayout;
  taskLabel_ = new QLabel(this);
  taskFilter_ = new QComboBox(this);
  methodLabel_ = new QLabel(this);
  methodFilter_ = new QComboBox(this);
  statusLabel_ = new QLabel(this);
  statusFilter_ = new QComboBox(this);
  textFilter_ = new QLineEdit(this);
  textFilter_->setClearButtonEnabled(true);
  refreshButton_ = new QPushButton(this);
  taskLabel_->setBuddy(taskFilter_);
  methodLabel_->setBuddy(methodFilter_);
  statusLabel_->setBuddy(statusFilter_);
  filters->addWidget(taskLabel_);
  filters->addWidget(taskFilter_);
  filters->addWidget(methodLabel_);
  filters->addWidget(methodFilter_);
  filters->addWidget(statusLabel_);
  filters->addWidget(statusFilter_);
  filters->addWidget(textFilter_, 1);
  filters->addWidget(refreshButton_);
  layout->addLayout(filters);

  errorLabel_ = new QLabel(this);
  errorLabel_->setWordWrap(true);
  errorLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  errorLabel_->hide();
  layout->addWidget(errorLabel_);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  auto* top = new QWidget(splitter);
  auto* topLayout = new QVBoxLayout(top);
  topLayout->setContentsMargins(0, 0, 0, 0);
  table_ = new QTableView(top);
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->sortByColumn(RunHistoryModel::IdColumn, Qt::DescendingOrder);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setAlternatingRowColors(true);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  topLayout->addWidget(table_, 1);

  auto* actions = new QHBoxLayout;
  deleteButton_ = new QPushButton(top);
  exportButton_ = new QPushButton(top);
  rerunButton_ = new QPushButton(top);
  resumeButton_ = new QPushButton(top);
  actions->addWidget(rerunButton_);
  actions->addWidget(resumeButton_);
  actions->addWidget(exportButton_);
  actions->addStretch(1);
  actions->addWidget(deleteButton_);
  topLayout->addLayout(actions);
  splitter->addWidget(top);

  tabs_ = new QTabWidget(splitter);
  chart_ = new TrainingChartWidget(tabs_);
  tabs_->addTab(chart_, QString());

  comparePage_ = new QWidget(tabs_);
  auto* compareLayout = new QVBoxLayout(comparePage_);
  compareSummary_ = new QLabel(comparePage_);
  compareSummary_->setWordWrap(true);
  differencesLabel_ = new QLabel(comparePage_);
  differencesTable_ = new QTableWidget(comparePage_);
  differencesTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  differencesTable_->verticalHeader()->hide();
  differencesTable_->horizontalHeader()->setStretchLastSection(true);
  seedGroupLabel_ = new QLabel(comparePage_);
  seedGroupTable_ = new QTableWidget(comparePage_);
  seedGroupTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  seedGroupTable_->verticalHeader()->hide();
  seedGroupTable_->horizontalHeader()->setStretchLastSection(true);
  seedGroupTable_->setColumnCount(8);
  differencesLabel_->setBuddy(differencesTable_);
  seedGroupLabel_->setBuddy(seedGroupTable_);
  compareLayout->addWidget(compareSummary_);
  compareLayout->addWidget(differencesLabel_);
  compareLayout->addWidget(differencesTable_, 1);
  compareLayout->addWidget(seedGroupLabel_);
  compareLayout->addWidget(seedGroupTable_, 1);
  tabs_->addTab(comparePage_, QString());

  notesPage_ = new QWidget(tabs_);
  auto* notesLayout = new QVBoxLayout(notesPage_);
  tagsLabel_ = new QLabel(notesPage_);
  tagsEdit_ = new QLineEdit(notesPage_);
  notesLabel_ = new QLabel(notesPage_);
  notesEdit_ = new QPlainTextEdit(notesPage_);
  saveNotesButton_ = new QPushButton(notesPage_);
  tagsLabel_->setBuddy(tagsEdit_);
  notesLabel_->setBuddy(notesEdit_);
  notesLayout->addWidget(tagsLabel_);
  notesLayout->addWidget(tagsEdit_);
  notesLayout->addWidget(notesLabel_);
  notesLayout->addWidget(notesEdit_, 1);
  auto* saveRow = new QHBoxLayout;
  saveRow->addStretch(1);
  saveRow->addWidget(saveNotesButton_);
  notesLayout->addLayout(saveRow);
  tabs_->addTab(notesPage_, QString());

  splitter->addWidget(tabs_);
  splitter->setStretchFactor(0, 2);
  splitter->setStretchFactor(1, 3);
  layout->addWidget(splitter, 1);

  const auto filterChanged = [this] {
    if (!updatingFilters_) {
      applyFilter();
    }
  };
  connect(taskFilter_, &QComboBox::currentIndexChanged, this, filterChanged);
  connect(methodFilter_, &QComboBox::currentIndexChanged, this, filterChanged);
  connect(statusFilter_, &QComboBox::currentIndexChanged, this, filterChanged);
  connect(textFilter_, &QLineEdit::textChanged, this, filterChanged);
  connect(refreshButton_, &QPushButton::clicked, this, [this] { refresh(); });
  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          [this] { onSelectionChanged(); });
  connect(deleteButton_, &QPushButton::clicked, this, [this] { confirmAndDelete(); });
  connect(exportButton_, &QPushButton::clicked, this, [this] { exportWithDialog(); });
  connect(rerunButton_, &QPushButton::clicked, this, [this] { requestRerun(); });
  connect(resumeButton_, &QPushButton::clicked, this, [this] { requestResume(); });
  connect(saveNotesButton_, &QPushButton::clicked, this, [this] { saveNotesAndTags(); });
}

void HistoryView::retranslate() {
  taskLabel_->setText(tr("&Task:"));
  methodLabel_->setText(tr("&Method:"));
  statusLabel_->setText(tr("&Status:"));
  taskFilter_->setAccessibleName(tr("Task filter"));
  methodFilter_->setAccessibleName(tr("Method filter"));
  statusFilter_->setAccessibleName(tr("Status filter"));
  textFilter_->setPlaceholderText(tr("Search names, tags, notes, models…"));
  textFilter_->setAccessibleName(tr("Search runs"));
  refreshButton_->setText(tr("Refresh"));
  refreshButton_->setAccessibleName(tr("Refresh the run list"));
  table_->setAccessibleName(tr("Runs"));
  deleteButton_->setText(tr("Delete…"));
  deleteButton_->setAccessibleName(tr("Delete the selected runs"));
  exportButton_->setText(tr("Export…"));
  exportButton_->setAccessibleName(tr("Export the selected runs"));
  rerunButton_->setText(tr("Re-run"));
  rerunButton_->setAccessibleName(tr("Train the selected run's configuration again"));
  resumeButton_->setText(tr("Resume"));
  resumeButton_->setAccessibleName(tr("Resume the selected run from its last checkpoint"));
  tabs_->setTabText(tabs_->indexOf(chart_), tr("Curves"));
  tabs_->setTabText(tabs_->indexOf(comparePage_), tr("Compare"));
  tabs_->setTabText(tabs_->indexOf(notesPage_), tr("Notes && tags"));
  tabs_->setAccessibleName(tr("Run details"));
  chart_->setAccessibleName(tr("Curves of the selected runs"));
  differencesLabel_->setText(tr("Configuration differences (seed ignored):"));
  differencesTable_->setAccessibleName(tr("Configuration differences"));
  seedGroupLabel_->setText(tr("Runs that differ only by seed (final metrics):"));
  seedGroupTable_->setAccessibleName(tr("Seed groups"));
  seedGroupTable_->setHorizontalHeaderLabels({tr("Task"), tr("Method"), tr("Runs"), tr("Seeds"),
                                              tr("Metric"), tr("Mean ± std"), tr("Min"),
                                              tr("Max")});
  tagsLabel_->setText(tr("T&ags (comma separated):"));
  tagsEdit_->setAccessibleName(tr("Tags"));
  notesLabel_->setText(tr("&Notes:"));
  notesEdit_->setAccessibleName(tr("Notes"));
  saveNotesButton_->setText(tr("Save notes and tags"));
  saveNotesButton_->setAccessibleName(tr("Save notes and tags"));
}

void HistoryView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    updateFilterChoices();
    onSelectionChanged();
  }
  QWidget::changeEvent(event);
}

bool HistoryView::setStorePath(const std::filesystem::path& path) {
  const bool ok = model_->setStorePath(path);
  if (!ok) {
    showError(tr("Cannot open the run store %1: %2")
                  .arg(QString::fromStdString(path.string()), model_->lastError()));
  } else {
    showError({});
  }
  updateFilterChoices();
  onSelectionChanged();
  return ok;
}

void HistoryView::showError(const QString& message) {
  errorLabel_->setText(message);
  errorLabel_->setVisible(!message.isEmpty());
}

void HistoryView::refresh() {
  const auto selected = selectedRunIds();
  if (!model_->refresh()) {
    showError(tr("Cannot read the run store: %1").arg(model_->lastError()));
  } else {
    showError({});
  }
  updateFilterChoices();
  selectRuns(selected);
  onSelectionChanged();
}

void HistoryView::updateFilterChoices() {
  updatingFilters_ = true;
  const auto refill = [](QComboBox* box, const QString& anyText,
                         const QList<QPair<QString, QVariant>>& items) {
    const QVariant current = box->currentData();
    box->clear();
    box->addItem(anyText, QVariant());
    for (const auto& [text, data] : items) {
      box->addItem(text, data);
    }
    const int index = current.isValid() ? box->findData(current) : 0;
    box->setCurrentIndex(std::max(index, 0));
  };
  QList<QPair<QString, QVariant>> tasks;
  for (const auto& task : model_->knownTasks()) {
    tasks.push_back({task, task});
  }
  refill(taskFilter_, tr("All tasks"), tasks);
  QList<QPair<QString, QVariant>> methods;
  for (const auto& method : model_->knownMethods()) {
    methods.push_back({RunHistoryModel::methodText(method.toStdString()), method});
  }
  refill(methodFilter_, tr("All methods"), methods);
  QList<QPair<QString, QVariant>> statuses;
  for (const auto status :
       {core::RunStatus::Queued, core::RunStatus::Running, core::RunStatus::Finished,
        core::RunStatus::Failed, core::RunStatus::Stopped, core::RunStatus::Interrupted}) {
    statuses.push_back({RunHistoryModel::statusText(status), static_cast<int>(status)});
  }
  refill(statusFilter_, tr("Any status"), statuses);
  updatingFilters_ = false;
}

void HistoryView::applyFilter() {
  RunHistoryFilter filter;
  filter.task = taskFilter_->currentData().toString();
  filter.method = methodFilter_->currentData().toString();
  if (const QVariant status = statusFilter_->currentData(); status.isValid()) {
    filter.status = static_cast<core::RunStatus>(status.toInt());
  }
  filter.text = textFilter_->text();
  const auto selected = selectedRunIds();
  model_->setFilter(filter);
  if (!model_->lastError().isEmpty()) {
    showError(tr("Cannot read the run store: %1").arg(model_->lastError()));
  }
  selectRuns(selected);
  onSelectionChanged();
}

std::vector<int64_t> HistoryView::selectedRunIds() const {
  std::vector<std::pair<int, int64_t>> rows;
  for (const QModelIndex& index : table_->selectionModel()->selectedRows()) {
    rows.emplace_back(index.row(), index.data(RunHistoryModel::RunIdRole).toLongLong());
  }
  std::sort(rows.begin(), rows.end());
  std::vector<int64_t> ids;
  ids.reserve(rows.size());
  for (const auto& row : rows) {
    ids.push_back(row.second);
  }
  return ids;
}

void HistoryView::selectRuns(const std::vector<int64_t>& runIds) {
  QItemSelection selection;
  for (const auto id : runIds) {
    const int row = model_->rowOf(id);
    if (row < 0) {
      continue;
    }
    const QModelIndex first = proxy_->mapFromSource(model_->index(row, 0));
    const QModelIndex last =
        proxy_->mapFromSource(model_->index(row, RunHistoryModel::ColumnCount - 1));
    selection.select(first, last);
  }
  table_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void HistoryView::onSelectionChanged() {
  const auto ids = selectedRunIds();
  updateOverlays(ids);
  updateCompare(ids);
  updateDetails(ids);
  updateActions(ids);
}

void HistoryView::updateOverlays(const std::vector<int64_t>& ids) {
  chart_->clearOverlays();
  core::RunStore* store = model_->store();
  if (store == nullptr) {
    return;
  }
  int drawn = 0;
  for (const auto id : ids) {
    if (drawn >= kMaxOverlays) {
      break;
    }
    const int row = model_->rowOf(id);
    if (row < 0) {
      continue;
    }
    try {
      const auto curve = store->curve(id, core::StepMetric::Loss, kCurvePoints);
      std::vector<double> steps;
      std::vector<double> losses;
      steps.reserve(curve.size());
      losses.reserve(curve.size());
      for (const auto& point : curve) {
        steps.push_back(point.x);
        losses.push_back(point.y);
      }
      // The main (first) dev split's metrics; other splits would crowd the panel.
      std::vector<EvalPoint> evals;
      std::string mainSplit;
      for (const auto& e : store->evaluations(id)) {
        if (mainSplit.empty()) {
          mainSplit = e.split;
        }
        if (e.split != mainSplit) {
          continue;
        }
        for (const auto& [metric, value] : e.metrics) {
          evals.push_back({static_cast<double>(e.step), qs(metric), value});
        }
      }
      std::vector<std::pair<double, double>> learningRates;
      for (const auto& point : store->curve(id, core::StepMetric::LearningRate, kCurvePoints)) {
        learningRates.emplace_back(point.x, point.y);
      }
      chart_->addOverlay(runLabel(model_->record(row)), steps, losses, evals, learningRates);
      ++drawn;
    } catch (const std::exception& e) {
      showError(tr("Cannot read the curves of run %1: %2").arg(id).arg(qs(e.what())));
    }
  }
  chart_->resetView();
}

void HistoryView::updateCompare(const std::vector<int64_t>& ids) {
  differencesTable_->clear();
  differencesTable_->setRowCount(0);
  differencesTable_->setColumnCount(0);
  seedGroupTable_->setRowCount(0);
  seedGroups_.clear();
  core::RunStore* store = model_->store();
  if (store == nullptr) {
    compareSummary_->setText(tr("No run store is open."));
    return;
  }
  try {
    if (ids.size() >= 2) {
      const auto comparison = store->compare(ids);
      QStringList headers = {tr("Setting")};
      for (const auto& run : comparison.runs) {
        headers.push_back(runLabel(run));
      }
      differencesTable_->setColumnCount(static_cast<int>(headers.size()));
      differencesTable_->setHorizontalHeaderLabels(headers);
      differencesTable_->setRowCount(static_cast<int>(comparison.differences.size()));
      for (size_t r = 0; r < comparison.differences.size(); ++r) {
        const auto& difference = comparison.differences[r];
        const int row = static_cast<int>(r);
        differencesTable_->setItem(row, 0, readOnlyItem(qs(difference.key)));
        for (size_t c = 0; c < difference.values.size(); ++c) {
          differencesTable_->setItem(row, static_cast<int>(c) + 1,
                                     readOnlyItem(qs(difference.values[c])));
        }
      }
      compareSummary_->setText(
          comparison.sameExceptSeed()
              ? tr("The %n selected run(s) differ only by seed.", nullptr,
                   static_cast<int>(ids.size()))
              : tr("%n setting(s) differ between the selected runs (seed ignored).", nullptr,
                   static_cast<int>(comparison.differences.size())));
    } else {
      compareSummary_->setText(ids.empty()
                                   ? tr("Select runs to compare. Seed groups of all listed "
                                        "finished runs are shown below.")
                                   : tr("Select two or more runs to compare their settings."));
    }

    // Seed groups: those holding a selected run, or every listed group without a selection.
    core::RunFilter filter;
    const RunHistoryFilter& shown = model_->filter();
    if (!shown.task.isEmpty()) {
      filter.task = shown.task.toStdString();
    }
    if (!shown.method.isEmpty()) {
      filter.method = shown.method.toStdString();
    }
    const std::set<int64_t> selected(ids.begin(), ids.end());
    for (auto& group : store->groupBySeed(filter)) {
      const bool wanted = selected.empty()
                              ? std::any_of(group.runIds.begin(), group.runIds.end(),
                                            [this](int64_t id) { return model_->rowOf(id) >= 0; })
                              : std::any_of(group.runIds.begin(), group.runIds.end(),
                                            [&](int64_t id) { return selected.count(id) > 0; });
      if (wanted) {
        seedGroups_.push_back(std::move(group));
      }
    }
    const QLocale locale;
    int row = 0;
    for (const auto& group : seedGroups_) {
      QStringList seeds;
      for (const auto seed : group.seeds) {
        seeds.push_back(QString::number(seed));
      }
      for (const auto& metric : group.metrics) {
        seedGroupTable_->insertRow(row);
        seedGroupTable_->setItem(row, 0, readOnlyItem(qs(group.task)));
        seedGroupTable_->setItem(row, 1, readOnlyItem(RunHistoryModel::methodText(group.method)));
        seedGroupTable_->setItem(row, 2, readOnlyItem(QString::number(metric.count)));
        seedGroupTable_->setItem(row, 3, readOnlyItem(seeds.join(QStringLiteral(", "))));
        seedGroupTable_->setItem(row, 4, readOnlyItem(qs(metric.metric)));
        seedGroupTable_->setItem(row, 5,
                                 readOnlyItem(tr("%1 ± %2")
                                                  .arg(locale.toString(metric.mean, 'f', 4))
                                                  .arg(locale.toString(metric.std, 'f', 4))));
        seedGroupTable_->setItem(row, 6, readOnlyItem(locale.toString(metric.min, 'f', 4)));
        seedGroupTable_->setItem(row, 7, readOnlyItem(locale.toString(metric.max, 'f', 4)));
        ++row;
      }
    }
    seedGroupTable_->resizeColumnsToContents();
    differencesTable_->resizeColumnsToContents();
  } catch (const std::exception& e) {
    compareSummary_->setText(tr("Cannot compare the runs: %1").arg(qs(e.what())));
  }
}

void HistoryView::updateDetails(const std::vector<int64_t>& ids) {
  const int row = ids.size() == 1 ? model_->rowOf(ids.front()) : -1;
  notesRunId_ = row >= 0 ? ids.front() : 0;
  notesPage_->setEnabled(row >= 0);
  if (row < 0) {
    tagsEdit_->clear();
    notesEdit_->clear();
    return;
  }
  const auto& run = model_->record(row);
  QStringList tags;
  for (const auto& tag : run.tags) {
    tags.push_back(qs(tag));
  }
  tagsEdit_->setText(tags.join(QStringLiteral(", ")));
  notesEdit_->setPlainText(qs(run.notes));
}

bool HistoryView::canResume(int64_t runId) const {
  core::RunStore* store = model_->store();
  const int row = model_->rowOf(runId);
  if (store == nullptr || row < 0) {
    return false;
  }
  const auto status = model_->record(row).status;
  if (status != core::RunStatus::Interrupted && status != core::RunStatus::Failed &&
      status != core::RunStatus::Stopped) {
    return false;
  }
  try {
    return store->latestCheckpoint(runId).has_value();
  } catch (const std::exception&) {
    return false;
  }
}

void HistoryView::updateActions(const std::vector<int64_t>& ids) {
  const bool open = model_->store() != nullptr;
  deleteButton_->setEnabled(open && !ids.empty());
  exportButton_->setEnabled(open && !ids.empty());
  rerunButton_->setEnabled(open && ids.size() == 1);
  resumeButton_->setEnabled(open && ids.size() == 1 && canResume(ids.front()));
}

bool HistoryView::deleteRuns(const std::vector<int64_t>& runIds, QString* error) {
  core::RunStore* store = model_->store();
  if (store == nullptr) {
    if (error != nullptr) {
      *error = tr("No run store is open.");
    }
    return false;
  }
  try {
    core::RunStore::Batch batch(*store);
    for (const auto id : runIds) {
      store->deleteRun(id);
    }
    batch.commit();
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = qs(e.what());
    }
    return false;
  }
  refresh();
  Q_EMIT runsDeleted(runIds);
  return true;
}

void HistoryView::confirmAndDelete() {
  const auto ids = selectedRunIds();
  if (ids.empty()) {
    return;
  }
  const auto answer = QMessageBox::question(
      this, tr("Delete runs"),
      tr("Delete %n run(s) and everything recorded for them? Checkpoint folders on disk are "
         "kept.",
         nullptr, static_cast<int>(ids.size())),
      QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
  if (answer != QMessageBox::Yes) {
    return;
  }
  QString error;
  if (!deleteRuns(ids, &error)) {
    QMessageBox::warning(this, tr("Delete runs"), tr("Nothing was deleted: %1").arg(error));
  }
}

bool HistoryView::exportRuns(const std::vector<int64_t>& runIds, const QString& path,
                             ExportFormat format, QString* error) {
  const auto fail = [error](const QString& message) {
    if (error != nullptr) {
      *error = message;
    }
    return false;
  };
  core::RunStore* store = model_->store();
  if (store == nullptr) {
    return fail(tr("No run store is open."));
  }
  QByteArray bytes;
  try {
    if (format == ExportFormat::Csv) {
      QString text = QStringLiteral("run_id,run_name,series,step,value\n");
      for (const auto id : runIds) {
        const auto run = store->run(id);
        const QString prefix =
            QString::number(id) + QLatin1Char(',') + csvField(qs(run.name)) + QLatin1Char(',');
        for (const auto& s : store->steps(id)) {
          const QString step = QString::number(s.step);
          text += prefix + QStringLiteral("loss,") + step + QLatin1Char(',') + number(s.loss) +
                  QLatin1Char('\n');
          text += prefix + QStringLiteral("lr,") + step + QLatin1Char(',') +
                  number(s.learningRate) + QLatin1Char('\n');
          text += prefix + QStringLiteral("grad_norm,") + step + QLatin1Char(',') +
                  number(s.gradNorm) + QLatin1Char('\n');
        }
        for (const auto& e : store->evaluations(id)) {
          const QString series = QStringLiteral("eval:") + qs(e.split) + QLatin1Char(':');
          const QString step = QLatin1Char(',') + QString::number(e.step) + QLatin1Char(',');
          for (const auto& [metric, value] : e.metrics) {
            text +=
                prefix + csvField(series + qs(metric)) + step + number(value) + QLatin1Char('\n');
          }
          text += prefix + csvField(series + QStringLiteral("combined")) + step +
                  number(e.combined) + QLatin1Char('\n');
          text += prefix + csvField(series + QStringLiteral("loss")) + step + number(e.loss) +
                  QLatin1Char('\n');
        }
      }
      bytes = text.toUtf8();
    } else {
      QJsonArray runs;
      for (const auto id : runIds) {
        const auto run = store->run(id);
        QJsonObject object;
        object[QStringLiteral("id")] = static_cast<qint64>(run.id);
        object[QStringLiteral("name")] = qs(run.name);
        object[QStringLiteral("status")] = qs(std::string(core::toString(run.status)));
        object[QStringLiteral("task")] = qs(run.task);
        object[QStringLiteral("method")] = qs(run.method);
        object[QStringLiteral("model_dir")] = qs(run.modelDir);
        object[QStringLiteral("seed")] = QString::number(run.seed);
        object[QStringLiteral("created_ms")] = static_cast<qint64>(run.createdMs);
        object[QStringLiteral("device")] = qs(run.device);
        object[QStringLiteral("error")] = qs(run.errorText);
        object[QStringLiteral("notes")] = qs(run.notes);
        QJsonArray tags;
        for (const auto& tag : run.tags) {
          tags.push_back(qs(tag));
        }
        object[QStringLiteral("tags")] = tags;
        if (run.finalCombined) {
          object[QStringLiteral("final_combined")] = *run.finalCombined;
        }
        QJsonObject finalMetrics;
        for (const auto& [metric, value] : run.finalMetrics) {
          finalMetrics[qs(metric)] = value;
        }
        object[QStringLiteral("final_metrics")] = finalMetrics;
        object[QStringLiteral("config")] =
            QJsonDocument::fromJson(QByteArray::fromStdString(run.configJson)).object();
        QJsonArray steps;
        for (const auto& s : store->steps(id)) {
          steps.push_back(QJsonObject{{QStringLiteral("step"), static_cast<qint64>(s.step)},
                                      {QStringLiteral("epoch"), s.epoch},
                                      {QStringLiteral("loss"), s.loss},
                                      {QStringLiteral("lr"), s.learningRate},
                                      {QStringLiteral("grad_norm"), s.gradNorm},
                                      {QStringLiteral("elapsed_seconds"), s.elapsedSeconds}});
        }
        object[QStringLiteral("steps")] = steps;
        QJsonArray evals;
        for (const auto& e : store->evaluations(id)) {
          QJsonObject metrics;
          for (const auto& [metric, value] : e.metrics) {
            metrics[qs(metric)] = value;
          }
          evals.push_back(QJsonObject{{QStringLiteral("step"), static_cast<qint64>(e.step)},
                                      {QStringLiteral("epoch"), e.epoch},
                                      {QStringLiteral("split"), qs(e.split)},
                                      {QStringLiteral("metrics"), metrics},
                                      {QStringLiteral("combined"), e.combined},
                                      {QStringLiteral("loss"), e.loss}});
        }
        object[QStringLiteral("evaluations")] = evals;
        runs.push_back(object);
      }
      bytes = QJsonDocument(runs).toJson(QJsonDocument::Indented);
    }
  } catch (const std::exception& e) {
    return fail(qs(e.what()));
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
  }
  return true;
}

void HistoryView::exportWithDialog() {
  const auto ids = selectedRunIds();
  if (ids.empty()) {
    return;
  }
  const QString csvFilter = tr("CSV (*.csv)");
  const QString jsonFilter = tr("JSON (*.json)");
  QString chosen;
  QString path =
      QFileDialog::getSaveFileName(this, tr("Export runs"), tr("runs.json"),
                                   jsonFilter + QStringLiteral(";;") + csvFilter, &chosen);
  if (path.isEmpty()) {
    return;
  }
  const bool csv =
      chosen == csvFilter || path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive);
  QString error;
  if (!exportRuns(ids, path, csv ? ExportFormat::Csv : ExportFormat::Json, &error)) {
    QMessageBox::warning(this, tr("Export runs"), error);
  }
}

void HistoryView::requestRerun() {
  const auto ids = selectedRunIds();
  const int row = ids.size() == 1 ? model_->rowOf(ids.front()) : -1;
  if (row < 0) {
    return;
  }
  const auto& run = model_->record(row);
  try {
    Q_EMIT rerunRequested(
        core::RunConfig::fromJson(run.configJson, "run " + std::to_string(run.id)));
  } catch (const std::exception& e) {
    showError(tr("Cannot re-run run %1: %2").arg(run.id).arg(qs(e.what())));
  }
}

void HistoryView::requestResume() {
  const auto ids = selectedRunIds();
  if (ids.size() == 1 && canResume(ids.front())) {
    Q_EMIT resumeRequested(static_cast<qint64>(ids.front()));
  }
}

bool HistoryView::setNotesAndTags(int64_t runId, const QString& notes, const QStringList& tags,
                                  QString* error) {
  core::RunStore* store = model_->store();
  if (store == nullptr) {
    if (error != nullptr) {
      *error = tr("No run store is open.");
    }
    return false;
  }
  try {
    const auto run = store->run(runId);
    std::set<std::string> wanted;
    for (const auto& tag : tags) {
      const QString trimmed = tag.trimmed();
      if (!trimmed.isEmpty()) {
        wanted.insert(trimmed.toStdString());
      }
    }
    core::RunStore::Batch batch(*store);
    store->setNotes(runId, notes.toStdString());
    for (const auto& tag : run.tags) {
      if (wanted.count(tag) == 0) {
        store->removeTag(runId, tag);
      }
    }
    for (const auto& tag : wanted) {
      if (std::find(run.tags.begin(), run.tags.end(), tag) == run.tags.end()) {
        store->addTag(runId, tag);
      }
    }
    batch.commit();
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = qs(e.what());
    }
    return false;
  }
  refresh();
  return true;
}

void HistoryView::saveNotesAndTags() {
  if (notesRunId_ == 0) {
    return;
  }
  QString error;
  if (!setNotesAndTags(notesRunId_, notesEdit_->toPlainText(),
                       tagsEdit_->text().split(QLatin1Char(',')), &error)) {
    showError(tr("Cannot save the notes of run %1: %2").arg(notesRunId_).arg(error));
  }
}

}  // namespace childtune::widgets
