// History view over a real run store written without training: the model reflects inserts
// after refresh(), sorts and filters; the compare panel diffs configs and summarises seed
// groups (mean ± std, min, max); delete, export, notes/tags, re-run and resume; selecting runs
// overlays their curves; a screenshot.

#include <gtest/gtest.h>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QtTest/QTest>
#include <cmath>
#include <filesystem>

#include "childtune/run_store.h"
#include "childtune/widgets/history_view.h"
#include "childtune/widgets/run_history_model.h"
#include "childtune/widgets/training_chart_widget.h"
#include "support/test_env.h"
#include "widget_fixtures.h"

namespace childtune::widgets {
namespace {

core::RunConfig config(const std::string& task, core::Method method, uint64_t seed,
                       double lr = 2e-5) {
  core::RunConfig c;
  c.modelDir = "/models/all-MiniLM-L6-v2";
  c.task = task;
  c.method = method;
  c.seed = seed;
  c.learningRate = lr;
  return c;
}

// A finished run with `steps` steps of a falling loss and an accuracy evaluation every 50
// steps ending at `finalAccuracy`.
int64_t addFinishedRun(core::RunStore& store, const core::RunConfig& c, double finalAccuracy,
                       int64_t steps = 200, const std::string& name = {}) {
  const int64_t id = store.createRun(c, core::RunStatus::Running, name);
  std::vector<core::StepStats> batch;
  for (int64_t s = 1; s <= steps; ++s) {
    core::StepStats st;
    st.step = s;
    st.totalSteps = steps;
    st.loss = 0.7 * std::exp(-3.0 * static_cast<double>(s) / static_cast<double>(steps)) +
              0.02 * static_cast<double>(c.seed % 5) + 0.05;
    st.learningRate = 2e-5;
    st.gradNorm = 1.0;
    batch.push_back(st);
  }
  store.appendSteps(id, batch);
  for (int64_t s = 50; s <= steps; s += 50) {
    core::EvalStats e;
    e.step = s;
    e.split = "dev";
    const double acc =
        finalAccuracy - 0.2 * (1.0 - static_cast<double>(s) / static_cast<double>(steps));
    e.metrics = {{"accuracy", acc}};
    e.combined = acc;
    e.loss = 0.5;
    store.addEvaluation(id, e);
  }
  store.markFinished(id);
  return id;
}

int columnRow(const QTableWidget& table, int column, const QString& text) {
  for (int r = 0; r < table.rowCount(); ++r) {
    if (table.item(r, column) != nullptr && table.item(r, column)->text() == text) {
      return r;
    }
  }
  return -1;
}

class HistoryViewTest : public ::testing::Test {
 protected:
  test::TempDir dir_;
  std::filesystem::path storePath_ = dir_ / "runs.sqlite";
};

TEST_F(HistoryViewTest, ModelReflectsInsertsAfterRefresh) {
  RunHistoryModel model;
  ASSERT_TRUE(model.setStorePath(storePath_)) << model.lastError().toStdString();
  EXPECT_EQ(model.rowCount(), 0);
  core::RunStore writer(storePath_);  // another connection, as the training thread has
  const int64_t a = addFinishedRun(writer, config("RTE", core::Method::Vanilla, 1), 0.70);
  const int64_t b =
      writer.createRun(config("CoLA", core::Method::ChildTuningD, 7), core::RunStatus::Running);
  EXPECT_EQ(model.rowCount(), 0);  // not until refresh()
  ASSERT_TRUE(model.refresh());
  ASSERT_EQ(model.rowCount(), 2);
  const int rowA = model.rowOf(a);
  const int rowB = model.rowOf(b);
  ASSERT_GE(rowA, 0);
  ASSERT_GE(rowB, 0);
  const auto text = [&](int row, int column) {
    return model.data(model.index(row, column)).toString();
  };
  EXPECT_EQ(text(rowA, RunHistoryModel::IdColumn), QString::number(a));
  EXPECT_EQ(text(rowA, RunHistoryModel::TaskColumn), QStringLiteral("RTE"));
  EXPECT_EQ(text(rowA, RunHistoryModel::ModelColumn), QStringLiteral("all-MiniLM-L6-v2"));
  EXPECT_EQ(text(rowA, RunHistoryModel::StatusColumn), QStringLiteral("Finished"));
  EXPECT_EQ(text(rowA, RunHistoryModel::FinalMetricColumn), QLocale().toString(0.70, 'f', 4));
  EXPECT_TRUE(text(rowA, RunHistoryModel::PColumn).isEmpty());  // vanilla has no p
  EXPECT_EQ(text(rowB, RunHistoryModel::StatusColumn), QStringLiteral("Running"));
  EXPECT_EQ(text(rowB, RunHistoryModel::SeedColumn), QStringLiteral("7"));
  EXPECT_EQ(text(rowB, RunHistoryModel::MethodColumn), QStringLiteral("Child-Tuning_D"));
  // The authors' p_D for CoLA.
  const double p =
      model.data(model.index(rowB, RunHistoryModel::PColumn), RunHistoryModel::SortRole).toDouble();
  EXPECT_DOUBLE_EQ(p, config("CoLA", core::Method::ChildTuningD, 7).effectiveP());
  EXPECT_FALSE(model.data(model.index(rowB, RunHistoryModel::StatusColumn), Qt::DecorationRole)
                   .value<QIcon>()
                   .isNull());
  EXPECT_EQ(model.headerData(RunHistoryModel::TagsColumn, Qt::Horizontal).toString(),
            QStringLiteral("Tags"));
  EXPECT_EQ(model.knownTasks(), (QStringList{QStringLiteral("CoLA"), QStringLiteral("RTE")}));
}

TEST_F(HistoryViewTest, UnreadableStoreIsAnErrorNotACrash) {
  test::writeFile(storePath_, "this is not a database, just text that is long enough to matter");
  RunHistoryModel model;
  EXPECT_FALSE(model.setStorePath(storePath_));
  EXPECT_FALSE(model.lastError().isEmpty());
  EXPECT_EQ(model.rowCount(), 0);
  HistoryView view;
  EXPECT_FALSE(view.setStorePath(storePath_));
  EXPECT_EQ(view.model()->rowCount(), 0);
}

TEST_F(HistoryViewTest, SortsAndFilters) {
  {
    core::RunStore store(storePath_);
    addFinishedRun(store, config("RTE", core::Method::Vanilla, 1), 0.61, 100, "baseline");
    addFinishedRun(store, config("RTE", core::Method::ChildTuningD, 1), 0.74, 100);
    addFinishedRun(store, config("MRPC", core::Method::ChildTuningF, 1), 0.83, 100);
    const int64_t failed =
        store.createRun(config("MRPC", core::Method::Vanilla, 2), core::RunStatus::Running);
    store.markEnded(failed, core::RunStatus::Failed, "out of memory");
    store.addTag(failed, "oom");
  }
  HistoryView view;
  ASSERT_TRUE(view.setStorePath(storePath_));
  QSortFilterProxyModel* proxy = view.proxyModel();
  ASSERT_EQ(proxy->rowCount(), 4);

  proxy->sort(RunHistoryModel::FinalMetricColumn, Qt::DescendingOrder);
  const auto finalText = [&](int row) {
    return proxy->index(row, RunHistoryModel::FinalMetricColumn).data().toString();
  };
  EXPECT_EQ(finalText(0), QLocale().toString(0.83, 'f', 4));
  EXPECT_EQ(finalText(1), QLocale().toString(0.74, 'f', 4));
  EXPECT_EQ(finalText(2), QLocale().toString(0.61, 'f', 4));
  EXPECT_TRUE(finalText(3).isEmpty());  // the failed run has no score
  proxy->sort(RunHistoryModel::TaskColumn, Qt::AscendingOrder);
  EXPECT_EQ(proxy->index(0, RunHistoryModel::TaskColumn).data().toString(), QStringLiteral("MRPC"));
  EXPECT_EQ(proxy->index(3, RunHistoryModel::TaskColumn).data().toString(), QStringLiteral("RTE"));

  RunHistoryModel* model = view.model();
  model->setFilter({QStringLiteral("rte"), {}, std::nullopt, {}});
  EXPECT_EQ(model->rowCount(), 2);
  model->setFilter({{}, QStringLiteral("vanilla"), std::nullopt, {}});
  EXPECT_EQ(model->rowCount(), 2);
  model->setFilter({{}, {}, core::RunStatus::Failed, {}});
  ASSERT_EQ(model->rowCount(), 1);
  EXPECT_EQ(model->data(model->index(0, RunHistoryModel::TagsColumn)).toString(),
            QStringLiteral("oom"));
  model->setFilter({QStringLiteral("RTE"), QStringLiteral("ct-d"), std::nullopt, {}});
  EXPECT_EQ(model->rowCount(), 1);
  // Free text matches names and tags.
  model->setFilter({{}, {}, std::nullopt, QStringLiteral("BASEline")});
  ASSERT_EQ(model->rowCount(), 1);
  EXPECT_EQ(model->record(0).name, "baseline");
  model->setFilter({{}, {}, std::nullopt, QStringLiteral("oom")});
  EXPECT_EQ(model->rowCount(), 1);
  model->setFilter({});
  EXPECT_EQ(model->rowCount(), 4);

  // The search box drives the same filter.
  auto* search = view.findChild<QLineEdit*>();
  ASSERT_NE(search, nullptr);
  search->setText(QStringLiteral("baseline"));
  EXPECT_EQ(model->rowCount(), 1);
  search->clear();
  EXPECT_EQ(model->rowCount(), 4);
}

TEST_F(HistoryViewTest, CompareShowsDifferencesAndSeedGroups) {
  std::vector<int64_t> group;
  int64_t other = 0;
  {
    core::RunStore store(storePath_);
    group.push_back(addFinishedRun(store, config("RTE", core::Method::ChildTuningD, 1), 0.70));
    group.push_back(addFinishedRun(store, config("RTE", core::Method::ChildTuningD, 2), 0.74));
    group.push_back(addFinishedRun(store, config("RTE", core::Method::ChildTuningD, 3), 0.78));
    other = addFinishedRun(store, config("RTE", core::Method::ChildTuningD, 4, 1e-5), 0.60);
  }
  HistoryView view;
  ASSERT_TRUE(view.setStorePath(storePath_));

  view.selectRuns({group[0], group[1], group[2]});
  EXPECT_EQ(view.selectedRunIds().size(), 3u);
  EXPECT_EQ(view.differencesTable()->rowCount(), 0);
  EXPECT_TRUE(view.compareSummary()->text().contains(QStringLiteral("only by seed")));
  ASSERT_EQ(view.seedGroups().size(), 1u);
  const auto& g = view.seedGroups().front();
  EXPECT_EQ(g.runIds.size(), 3u);
  // accuracy 0.70, 0.74, 0.78: mean 0.74, sample std 0.04.
  QTableWidget* seeds = view.seedGroupTable();
  const int accuracyRow = columnRow(*seeds, 4, QStringLiteral("accuracy"));
  ASSERT_GE(accuracyRow, 0);
  const QLocale locale;
  EXPECT_EQ(seeds->item(accuracyRow, 2)->text(), QStringLiteral("3"));
  EXPECT_EQ(seeds->item(accuracyRow, 3)->text(), QStringLiteral("1, 2, 3"));
  EXPECT_EQ(
      seeds->item(accuracyRow, 5)->text(),
      QStringLiteral("%1 ± %2").arg(locale.toString(0.74, 'f', 4), locale.toString(0.04, 'f', 4)));
  EXPECT_EQ(seeds->item(accuracyRow, 6)->text(), locale.toString(0.70, 'f', 4));
  EXPECT_EQ(seeds->item(accuracyRow, 7)->text(), locale.toString(0.78, 'f', 4));

  // A different learning rate is a difference, and that run is its own group.
  view.selectRuns({group[0], other});
  QTableWidget* diff = view.differencesTable();
  ASSERT_EQ(diff->rowCount(), 1);
  EXPECT_EQ(diff->item(0, 0)->text(), QStringLiteral("lr"));
  EXPECT_EQ(diff->columnCount(), 3);
  EXPECT_NE(diff->item(0, 1)->text(), diff->item(0, 2)->text());
  EXPECT_EQ(view.seedGroups().size(), 2u);
}

TEST_F(HistoryViewTest, SelectingRunsOverlaysTheirCurves) {
  int64_t a = 0;
  int64_t b = 0;
  {
    core::RunStore store(storePath_);
    a = addFinishedRun(store, config("SST-2", core::Method::Vanilla, 1), 0.90, 5000, "vanilla");
    b = addFinishedRun(store, config("SST-2", core::Method::ChildTuningD, 1), 0.92, 5000,
                       "child-d");
  }
  HistoryView view;
  ASSERT_TRUE(view.setStorePath(storePath_));
  EXPECT_TRUE(view.chart()->overlayLabels().isEmpty());
  view.selectRuns({a});
  EXPECT_EQ(view.chart()->overlayLabels().size(), 1);
  view.selectRuns({a, b});
  const QStringList labels = view.chart()->overlayLabels();
  ASSERT_EQ(labels.size(), 2);
  EXPECT_TRUE(labels.contains(QStringLiteral("#%1 vanilla").arg(a)));
  EXPECT_TRUE(labels.contains(QStringLiteral("#%1 child-d").arg(b)));
  // The learning-rate panel shows the stored runs' schedules too (2e-5 at every step here).
  const auto lr = view.chart()->overlayLearningRatePoints(QStringLiteral("#%1 vanilla").arg(a));
  ASSERT_FALSE(lr.empty());
  EXPECT_DOUBLE_EQ(lr.front().first, 1.0);
  for (const auto& [step, value] : lr) {
    EXPECT_DOUBLE_EQ(value, 2e-5) << step;
  }
  view.selectRuns({});
  EXPECT_TRUE(view.chart()->overlayLabels().isEmpty());
}

TEST_F(HistoryViewTest, DeleteRemovesTheRow) {
  int64_t keep = 0;
  int64_t drop = 0;
  {
    core::RunStore store(storePath_);
    keep = addFinishedRun(store, config("RTE", core::Method::Vanilla, 1), 0.7);
    drop = addFinishedRun(store, config("RTE", core::Method::Vanilla, 2), 0.6);
  }
  HistoryView view;
  ASSERT_TRUE(view.setStorePath(storePath_));
  ASSERT_EQ(view.model()->rowCount(), 2);
  std::vector<int64_t> deleted;
  QObject::connect(&view, &HistoryView::runsDeleted, &view,
                   [&](const std::vector<int64_t>& ids) { deleted = ids; });
  QString error;
  ASSERT_TRUE(view.deleteRuns({drop}, &error)) << error.toStdString();
  EXPECT_EQ(view.model()->rowCount(), 1);
  EXPECT_EQ(view.model()->rowOf(drop), -1);
  EXPECT_GE(view.model()->rowOf(keep), 0);
  EXPECT_EQ(deleted, std::vector<int64_t>{drop});
  core::RunStore reader(storePath_);
  EXPECT_FALSE(reader.findRun(drop).has_value());
  // An unknown id deletes nothing and says why.
  EXPECT_FALSE(view.deleteRuns({keep, 999}, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("999"))) << error.toStdString();
  EXPECT_EQ(view.model()->rowCount(), 1);
}

TEST_F(HistoryViewTest, ExportsCsvAndJson) {
  int64_t id = 0;
  {
    core::RunStore store(storePath_);
    id = addFinishedRun(store, config("RTE", core::Method::Vanilla, 1), 0.7, 100, "a,b");
  }
  HistoryView view;
  ASSERT_TRUE(view.setStorePath(storePath_));
  const QString csvPath = QString::fromStdString((dir_ / "runs.csv").string());
  QString error;
  ASSERT_TRUE(view.exportRuns({id}, csvPath, HistoryView::ExportFormat::Csv, &error))
      << error.toStdString();
  const QString csv = QString::fromStdString(test::readFile(dir_ / "runs.csv"));
  const QStringList lines = csv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  EXPECT_EQ(lines.front(), QStringLiteral("run_id,run_name,series,step,value"));
  // 100 steps x (loss, lr, grad_norm) + 2 evaluations x (accuracy, combined, loss).
  EXPECT_EQ(lines.size(), 1 + 300 + 6);
  EXPECT_TRUE(lines.contains(
      QStringLiteral("%1,\"a,b\",eval:dev:accuracy,100,0.69999999999999996").arg(id)))
      << csv.left(300).toStdString();

  const QString jsonPath = QString::fromStdString((dir_ / "runs.json").string());
  ASSERT_TRUE(view.exportRuns({id}, jsonPath, HistoryView::ExportFormat::Json, &error));
  const auto doc =
      QJsonDocument::fromJson(QByteArray::fromStdString(test::readFile(dir_ / "runs.json")));
  ASSERT_TRUE(doc.isArray());
  const QJsonObject run = doc.array().at(0).toObject();
  EXPECT_EQ(run.value(QStringLiteral("id")).toInteger(), id);
  EXPECT_EQ(run.value(QStringLiteral("steps")).toArray().size(), 100);
  EXPECT_EQ(run.value(QStringLiteral("evaluations")).toArray().size(), 2);
  EXPECT_EQ(run.value(QStringLiteral("config")).toObject().value(QStringLiteral("task")).toString(),
            QStringLiteral("RTE"));

  EXPECT_FALSE(view.exportRuns({id}, QString::fromStdString((dir_ / "no/such/dir/x.csv").string()),
                               HistoryView::ExportFormat::Csv, &error));
  EXPECT_FALSE(error.isEmpty());
}

TEST_F(HistoryViewTest, NotesTagsRerunAndResume) {
  int64_t finished = 0;
  int64_t interrupted = 0;
  int64_t stoppedNoCheckpoint = 0;
  const auto checkpointDir = dir_ / "checkpoints" / "step-50";
  std::filesystem::create_directories(checkpointDir);
  {
    core::RunStore store(storePath_);
    finished = addFinishedRun(store, config("RTE", core::Method::ChildTuningF, 5), 0.7);
    interrupted =
        store.createRun(config("RTE", core::Method::Vanilla, 6), core::RunStatus::Running);
    store.addCheckpoint(interrupted, {50, checkpointDir.string()});
    store.markEnded(interrupted, core::RunStatus::Interrupted, "process gone");
    stoppedNoCheckpoint =
        store.createRun(config("RTE", core::Method::Vanilla, 7), core::RunStatus::Running);
    store.markEnded(stoppedNoCheckpoint, core::RunStatus::Stopped, "");
  }
  HistoryView view;
  ASSERT_TRUE(view.setStorePath(storePath_));
  EXPECT_FALSE(view.canResume(finished));
  EXPECT_TRUE(view.canResume(interrupted));
  EXPECT_FALSE(view.canResume(stoppedNoCheckpoint));

  QString error;
  ASSERT_TRUE(view.setNotesAndTags(finished, QStringLiteral("best so far"),
                                   {QStringLiteral(" paper "), QString(), QStringLiteral("rte")},
                                   &error))
      << error.toStdString();
  const int row = view.model()->rowOf(finished);
  ASSERT_GE(row, 0);
  EXPECT_EQ(view.model()->record(row).notes, "best so far");
  EXPECT_EQ(view.model()->record(row).tags, (std::vector<std::string>{"paper", "rte"}));
  ASSERT_TRUE(view.setNotesAndTags(finished, {}, {QStringLiteral("rte")}, &error));
  EXPECT_EQ(view.model()->record(view.model()->rowOf(finished)).tags,
            std::vector<std::string>{"rte"});

  std::optional<core::RunConfig> rerun;
  std::optional<qint64> resumed;
  QObject::connect(&view, &HistoryView::rerunRequested, &view,
                   [&](const core::RunConfig& c) { rerun = c; });
  QObject::connect(&view, &HistoryView::resumeRequested, &view, [&](qint64 id) { resumed = id; });
  QPushButton* rerunButton = nullptr;
  QPushButton* resumeButton = nullptr;
  for (auto* button : view.findChildren<QPushButton*>()) {
    if (button->text() == QStringLiteral("Re-run")) {
      rerunButton = button;
    } else if (button->text() == QStringLiteral("Resume")) {
      resumeButton = button;
    }
  }
  ASSERT_NE(rerunButton, nullptr);
  ASSERT_NE(resumeButton, nullptr);
  view.selectRuns({finished});
  EXPECT_TRUE(rerunButton->isEnabled());
  EXPECT_FALSE(resumeButton->isEnabled());
  rerunButton->click();
  ASSERT_TRUE(rerun.has_value());
  EXPECT_EQ(rerun->method, core::Method::ChildTuningF);
  EXPECT_EQ(rerun->seed, 5u);
  view.selectRuns({interrupted});
  EXPECT_TRUE(resumeButton->isEnabled());
  resumeButton->click();
  ASSERT_TRUE(resumed.has_value());
  EXPECT_EQ(*resumed, interrupted);
  view.selectRuns({stoppedNoCheckpoint});
  EXPECT_FALSE(resumeButton->isEnabled());
}

TEST_F(HistoryViewTest, Screenshot) {
  std::vector<int64_t> select;
  {
    core::RunStore store(storePath_);
    for (uint64_t seed = 1; seed <= 3; ++seed) {
      select.push_back(addFinishedRun(store, config("RTE", core::Method::ChildTuningD, seed),
                                      0.70 + 0.02 * static_cast<double>(seed), 1200));
    }
    const int64_t v =
        addFinishedRun(store, config("RTE", core::Method::Vanilla, 1), 0.66, 1200, "RTE baseline");
    store.addTag(v, "baseline");
    store.setNotes(v, "reference run for the paper table");
    const int64_t failed =
        store.createRun(config("CoLA", core::Method::ChildTuningF, 1), core::RunStatus::Running);
    store.markEnded(failed, core::RunStatus::Failed, "out of memory");
    const int64_t stopped =
        store.createRun(config("MRPC", core::Method::Vanilla, 3), core::RunStatus::Running);
    store.markEnded(stopped, core::RunStatus::Interrupted, "process gone");
    select.push_back(v);
  }
  HistoryView view;
  ASSERT_TRUE(view.setStorePath(storePath_));
  view.selectRuns(select);
  const QImage image =
      test::saveWidgetScreenshot(view, QStringLiteral("history-view"), {1200, 860});
  ASSERT_FALSE(image.isNull());
  EXPECT_GT(test::distinctColours(image), 20);
}

}  // namespace
}  // namespace childtune::widgets
