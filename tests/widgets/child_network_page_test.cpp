// The Child-network page's "Where weights moved" and "Compare runs" tabs: the movement heatmap
// paints what the core measured (linear and log colour scales, tooltips), module column labels
// fit their width, two runs' child networks are compared per layer x module with the Jaccard
// values a direct count gives, and a real tiny run delivers its weight movement and masks
// through the TrainingController to the page.

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFontMetricsF>
#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QThread>
#include <QtTest/QTest>
#include <cmath>
#include <map>
#include <memory>

#include "child_network_page.h"
#include "childtune/run_store.h"
#include "childtune/widgets/child_network_heatmap.h"
#include "childtune/widgets/module_kind_axis.h"
#include "childtune/widgets/overlap_heatmap.h"
#include "childtune/widgets/palette_colors.h"
#include "childtune/widgets/qcustomplot_include.h"
#include "childtune/widgets/weight_movement_heatmap.h"
#include "support/model_fixtures.h"
#include "support/test_env.h"
#include "training_controller.h"
#include "widget_fixtures.h"

namespace childtune::test {
namespace {

using core::ModuleKind;
using widgets::WeightMovementHeatmap;

// A 3-layer movement grid with known sums: relative change rises with the layer, the query
// cell of layer 0 did not move at all.
core::WeightMovement movementFixture() {
  std::vector<core::TensorMovement> tensors;
  const char* names[] = {"attention.self.query.weight", "attention.output.dense.weight",
                         "intermediate.dense.weight", "output.LayerNorm.weight"};
  for (int layer = 0; layer < 3; ++layer) {
    for (int k = 0; k < 4; ++k) {
      core::TensorMovement t;
      t.name = "bert.encoder.layer." + std::to_string(layer) + "." + names[k];
      const auto kind = core::classifyParameter(t.name);
      t.layer = kind.layer;
      t.kind = kind.kind;
      t.sums.elements = 1000;
      const bool still = layer == 0 && k == 0;
      t.sums.changed = still ? 0 : 900 - 100 * k;
      const double scale = std::pow(10.0, layer - 4.0 + 0.3 * k);
      t.sums.sumAbsDelta = still ? 0.0 : 1000 * scale;
      t.sums.maxAbsDelta = still ? 0.0 : 5 * scale;
      t.sums.sumSquaredDelta = still ? 0.0 : 1000 * scale * scale;
      t.sums.sumSquaredInitial = 1000 * 0.04 * 0.04;
      tensors.push_back(t);
    }
  }
  core::TensorMovement embeddings;
  embeddings.name = "bert.embeddings.word_embeddings.weight";
  embeddings.layer = -1;
  embeddings.kind = ModuleKind::Embeddings;
  embeddings.sums.elements = 5000;
  embeddings.sums.changed = 10;
  tensors.push_back(embeddings);
  return core::summarizeMovement(std::move(tensors), 3, 120);
}

TEST(WeightMovementHeatmapTest, PaintsTheMeasuresOnLogAndLinearScales) {
  WeightMovementHeatmap view;
  view.resize(700, 480);
  view.show();
  EXPECT_TRUE(view.isEmpty());
  const core::WeightMovement m = movementFixture();
  view.setMovement(m);
  QTest::qWait(50);
  ASSERT_FALSE(view.isEmpty());
  EXPECT_EQ(view.measure(), WeightMovementHeatmap::Measure::RelativeChange);
  EXPECT_TRUE(view.logScale());
  auto* scale = qobject_cast<QCPColorScale*>(view.plot()->plotLayout()->element(0, 1));
  ASSERT_NE(scale, nullptr);
  EXPECT_EQ(scale->dataScaleType(), QCPAxis::stLogarithmic);
  double lo = INFINITY;
  double hi = 0.0;
  for (const core::MovementCell& cell : m.cells) {
    const double want = cell.sums.relativeChange();
    EXPECT_DOUBLE_EQ(view.cellValue(cell.layer, cell.kind), want);
    if (want > 0) {
      EXPECT_DOUBLE_EQ(view.drawnValue(cell.layer, cell.kind), want);
      lo = std::min(lo, want);
      hi = std::max(hi, want);
    } else {
      // No logarithm of zero: the unmoved cell is left empty.
      EXPECT_TRUE(std::isnan(view.drawnValue(cell.layer, cell.kind)));
    }
  }
  EXPECT_DOUBLE_EQ(view.colorRange().first, lo);
  EXPECT_DOUBLE_EQ(view.colorRange().second, hi);

  // Linear scale: the unmoved cell is painted as 0.
  auto* logBox = view.findChild<QCheckBox*>(QStringLiteral("movementLogScale"));
  ASSERT_NE(logBox, nullptr);
  EXPECT_FALSE(logBox->accessibleName().isEmpty());
  logBox->click();
  EXPECT_FALSE(view.logScale());
  EXPECT_EQ(scale->dataScaleType(), QCPAxis::stLinear);
  EXPECT_DOUBLE_EQ(view.drawnValue(0, ModuleKind::Query), 0.0);
  EXPECT_DOUBLE_EQ(view.colorRange().first, 0.0);
  EXPECT_DOUBLE_EQ(view.colorRange().second, hi);

  QSignalSpy changed(&view, &WeightMovementHeatmap::measureChanged);
  auto* measure = view.findChild<QComboBox*>(QStringLiteral("movementMeasure"));
  ASSERT_NE(measure, nullptr);
  measure->setCurrentIndex(
      measure->findData(static_cast<int>(WeightMovementHeatmap::Measure::ChangedFraction)));
  EXPECT_EQ(changed.count(), 1);
  const core::MovementCell* cell = m.cell(2, ModuleKind::Intermediate);
  ASSERT_NE(cell, nullptr);
  EXPECT_DOUBLE_EQ(view.drawnValue(2, ModuleKind::Intermediate), 0.7);
  EXPECT_EQ(view.colorRange(), (std::pair<double, double>(0.0, 1.0)));
  view.setMeasure(WeightMovementHeatmap::Measure::MeanAbsDelta);
  EXPECT_DOUBLE_EQ(view.drawnValue(2, ModuleKind::Intermediate), cell->sums.meanAbsDelta());

  // Hover: the cell under the mouse and its numbers.
  const QPoint centre = view.cellCenter(2, ModuleKind::Intermediate);
  EXPECT_EQ(view.cellAt(centre), (WeightMovementHeatmap::Cell{2, ModuleKind::Intermediate}));
  const QString tip = view.cellToolTip(2, ModuleKind::Intermediate);
  EXPECT_TRUE(tip.contains(widgets::moduleKindLabel(ModuleKind::Intermediate)))
      << tip.toStdString();
  EXPECT_TRUE(tip.contains(QLocale().toString(cell->sums.relativeChange(), 'e', 2)))
      << tip.toStdString();
  EXPECT_TRUE(tip.contains(QLocale().toString(cell->sums.meanAbsDelta(), 'e', 2)))
      << tip.toStdString();
  EXPECT_TRUE(view.cellToolTip(5, ModuleKind::Query).isEmpty());
  EXPECT_TRUE(view.caption().contains(QLocale().toString(120))) << view.caption().toStdString();
  QSignalSpy clicked(&view, &WeightMovementHeatmap::cellClicked);
  QTest::mouseClick(view.plot(), Qt::LeftButton, {}, centre);
  ASSERT_EQ(clicked.count(), 1);
  EXPECT_EQ(clicked.constFirst().at(0).toInt(), 2);
}

// The widest tick label of `axis` in pixels.
double widestTickLabel(QCPAxis* axis) {
  auto ticker = axis->ticker().dynamicCast<QCPAxisTickerText>();
  const QFontMetricsF metrics(axis->tickLabelFont());
  double widest = 0.0;
  for (const QString& label : ticker->ticks()) {
    widest = std::max(widest, metrics.horizontalAdvance(label));
  }
  return widest;
}

TEST(ModuleKindAxisTest, ColumnLabelsNeverOverlap) {
  widgets::ChildNetworkHeatmap heatmap;
  heatmap.setSummary(fisherSummaryFixture(4, 64, 0.3));
  const int columns = static_cast<int>(heatmap.summary().kinds.size());
  ASSERT_EQ(columns, 7);
  for (const int width : {1400, 700, 470, 330}) {
    heatmap.resize(width, 420);
    heatmap.show();
    QTest::qWait(60);
    QCPAxis* axis = heatmap.plot()->xAxis;
    const double columnWidth = static_cast<double>(heatmap.plot()->axisRect()->width()) / columns;
    const auto style = heatmap.columnLabelStyle();
    EXPECT_EQ(style, widgets::chooseModuleLabelStyle(heatmap.summary().kinds, columnWidth,
                                                     axis->tickLabelFont()))
        << width;
    if (style == widgets::ModuleLabelStyle::ShortRotated) {
      EXPECT_NE(axis->tickLabelRotation(), 0.0) << width;
    } else {
      // Upright labels: the widest one fits its column.
      EXPECT_EQ(axis->tickLabelRotation(), 0.0) << width;
      EXPECT_LT(widestTickLabel(axis), columnWidth) << width;
    }
    if (width == 1400) {
      EXPECT_EQ(style, widgets::ModuleLabelStyle::Full);
    }
    if (width == 470) {
      EXPECT_NE(style, widgets::ModuleLabelStyle::Full);
    }
  }
  // The full name of a shortened column is a tooltip over its label.
  QCPAxis* axis = heatmap.plot()->xAxis;
  const QRect rect = heatmap.plot()->axisRect()->rect();
  const QPoint under(static_cast<int>(axis->coordToPixel(3)), rect.bottom() + 8);
  EXPECT_EQ(widgets::moduleKindColumnAtLabel(*axis, columns, under), 3);
  EXPECT_EQ(widgets::moduleKindColumnAtLabel(*axis, columns, rect.center()), std::nullopt);
  EXPECT_EQ(widgets::moduleKindShortLabel(ModuleKind::AttentionOutput),
            QStringLiteral("Attn. out"));
}

// Packed masks of a 2-layer model with query, attention-output and intermediate matrices, bit i
// of tensor t set when (i * a + t) % b == 0.
std::vector<core::PackedMask> masks(int a, int b) {
  std::vector<core::PackedMask> out;
  const std::pair<const char*, std::vector<int64_t>> tensors[] = {
      {"attention.self.query.weight", {8, 8}},
      {"attention.output.dense.weight", {8, 8}},
      {"intermediate.dense.weight", {16, 8}}};
  int t = 0;
  for (int layer = 0; layer < 2; ++layer) {
    for (const auto& [name, shape] : tensors) {
      const int64_t n = shape[0] * shape[1];
      std::vector<uint8_t> bytes(static_cast<size_t>(n));
      for (int64_t i = 0; i < n; ++i) {
        bytes[static_cast<size_t>(i)] = (i * a + t) % b == 0 ? 1 : 0;
      }
      out.push_back(core::packMask("bert.encoder.layer." + std::to_string(layer) + "." + name,
                                   shape, bytes.data(), n));
      ++t;
    }
  }
  return out;
}

// Jaccard of the masks' bits for tensors matching (layer, kind); kind Other = every kind.
double directJaccard(const std::vector<core::PackedMask>& x, const std::vector<core::PackedMask>& y,
                     int layer, ModuleKind kind) {
  int64_t both = 0;
  int64_t either = 0;
  for (size_t t = 0; t < x.size(); ++t) {
    const auto k = core::classifyParameter(x[t].name);
    if (k.layer != layer || (kind != ModuleKind::Other && k.kind != kind)) {
      continue;
    }
    for (int64_t i = 0; i < x[t].numel(); ++i) {
      both += x[t].test(i) && y[t].test(i) ? 1 : 0;
      either += x[t].test(i) || y[t].test(i) ? 1 : 0;
    }
  }
  return either > 0 ? static_cast<double>(both) / static_cast<double>(either) : 1.0;
}

core::RunConfig storedConfig(core::Method method, uint64_t seed) {
  core::RunConfig c;
  c.modelDir = "/models/tiny";
  c.task = "RTE";
  c.method = method;
  c.seed = seed;
  return c;
}

TEST(ChildNetworkPageTest, ComparesTheCurrentRunWithAStoredRunPerLayerAndModule) {
  TempDir dir;
  const auto storePath = dir / "runs.sqlite";
  const auto current = masks(3, 3);
  const auto stored = masks(5, 2);
  int64_t withMasks = 0;
  int64_t withoutMasks = 0;
  {
    core::RunStore store(storePath);
    withMasks =
        store.createRun(storedConfig(core::Method::ChildTuningD, 1), core::RunStatus::Running);
    store.saveMasks(withMasks, stored);
    store.createRun(storedConfig(core::Method::Vanilla, 2), core::RunStatus::Running);
    withoutMasks =
        store.createRun(storedConfig(core::Method::ChildTuningD, 3), core::RunStatus::Running);
  }
  app::ChildNetworkPage page;
  page.resize(1100, 700);
  page.show();
  page.setStorePath(QString::fromStdString(storePath.string()));
  page.setRunMasks(std::make_shared<const std::vector<core::PackedMask>>(current));
  page.tabs()->setCurrentWidget(
      page.findChild<QWidget*>(QStringLiteral("compareRunsPage")));  // refreshes the run lists
  QTest::qWait(30);

  // A: the current run and both Child-Tuning_D runs; the vanilla run has no child network.
  QComboBox* a = page.compareA();
  QComboBox* b = page.compareB();
  ASSERT_EQ(a->count(), 3);
  ASSERT_EQ(b->count(), 2);
  EXPECT_EQ(a->currentData().value<qint64>(), -1);
  EXPECT_FALSE(a->accessibleName().isEmpty());
  // Newest first: the run without stored masks says so.
  EXPECT_EQ(b->currentData().value<qint64>(), withoutMasks);
  auto* status = page.findChild<QLabel*>(QStringLiteral("compareStatus"));
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(page.overlap()->columnCount(), 0);
  EXPECT_TRUE(status->text().contains(QLocale().toString(static_cast<qlonglong>(withoutMasks))))
      << status->text().toStdString();

  b->setCurrentIndex(b->findData(QVariant::fromValue<qint64>(withMasks)));
  const widgets::OverlapHeatmap* overlap = page.overlap();
  ASSERT_EQ(overlap->columnCount(), 4);  // All, Query, Attn. out, Interm.
  ASSERT_EQ(overlap->layerCount(), 2);
  const ModuleKind kinds[] = {ModuleKind::Other, ModuleKind::Query, ModuleKind::AttentionOutput,
                              ModuleKind::Intermediate};
  for (int layer = 0; layer < 2; ++layer) {
    for (int column = 0; column < 4; ++column) {
      const double want = directJaccard(current, stored, layer, kinds[column]);
      EXPECT_NEAR(overlap->drawnValue(layer, column), want, 1e-12) << layer << "," << column;
      EXPECT_EQ(overlap->cellText(layer, column), QLocale().toString(want, 'f', 2));
    }
  }
  EXPECT_FALSE(
      test::saveWidgetScreenshot(page, QStringLiteral("child-network-compare"), {1100, 700})
          .isNull());
  // The same numbers for two stored runs, and a run compared with itself agrees fully.
  ASSERT_TRUE(page.compareRuns(withMasks, withMasks));
  EXPECT_DOUBLE_EQ(overlap->drawnValue(1, 0), 1.0);
  EXPECT_FALSE(page.compareRuns(std::nullopt, withoutMasks));
  EXPECT_EQ(overlap->columnCount(), 0);
}

TEST(ChildNetworkPageTest, ShowsWhereWeightsMovedNextToTheRunsChildNetwork) {
  app::ChildNetworkPage page;
  page.resize(1100, 700);
  page.show();
  core::RunConfig vanilla = storedConfig(core::Method::Vanilla, 1);
  page.beginRun(1, vanilla);
  EXPECT_EQ(page.tabs()->currentIndex(), 0);
  page.setWeightMovement(std::make_shared<const core::WeightMovement>(movementFixture()));
  // Vanilla has no child network to show: the page turns to the movement.
  auto* movementTab = page.findChild<QWidget*>(QStringLiteral("weightMovementPage"));
  ASSERT_NE(movementTab, nullptr);
  EXPECT_EQ(page.tabs()->currentWidget(), movementTab);
  EXPECT_FALSE(page.movement()->isEmpty());
  EXPECT_FALSE(page.runHeatmap()->isVisibleTo(&page));

  // A Child-Tuning_D run: its child network from the masks it trained, beside the movement.
  core::RunConfig ctd = storedConfig(core::Method::ChildTuningD, 1);
  ctd.reserveP = 0.3;
  page.beginRun(2, ctd);
  EXPECT_EQ(page.tabs()->currentIndex(), 0);  // back to the child network for the new run
  EXPECT_TRUE(page.movement()->isEmpty());
  std::vector<core::FisherAnalysis::Tensor> scores;
  for (const core::PackedMask& m : masks(3, 3)) {
    core::FisherAnalysis::Tensor t;
    t.name = m.name;
    t.shape = m.shape;
    for (int64_t i = 0; i < m.numel(); ++i) {
      t.scores.push_back(static_cast<float>(1e-6 * static_cast<double>((i * 7919) % 101 + 1)));
    }
    scores.push_back(std::move(t));
  }
  auto analysis = std::make_shared<const core::FisherAnalysis>(std::move(scores), 4);
  page.setAnalysis(analysis, analysis->summarize(0.3));
  const auto trained = masks(5, 2);  // not the top-Fisher selection (an ablation, say)
  page.setRunMasks(std::make_shared<const std::vector<core::PackedMask>>(trained));
  page.setWeightMovement(std::make_shared<const core::WeightMovement>(movementFixture()));
  EXPECT_EQ(page.tabs()->currentIndex(), 0);  // the child network stays in view
  page.tabs()->setCurrentWidget(movementTab);
  EXPECT_TRUE(page.runHeatmap()->isVisibleTo(&page));
  for (const core::PackedMask& m : trained) {
    const auto kind = core::classifyParameter(m.name);
    const core::FisherCell* cell = page.runHeatmap()->summary().cell(kind.layer, kind.kind);
    ASSERT_NE(cell, nullptr);
    EXPECT_EQ(cell->selected, m.selected) << m.name;
  }
  // The what-if slider re-thresholds the first tab only.
  page.rethreshold(0.1);
  EXPECT_EQ(page.runHeatmap()->summary().pD, 0.3);
  EXPECT_FALSE(
      test::saveWidgetScreenshot(page, QStringLiteral("child-network-movement"), {1100, 700})
          .isNull());
}

// Processes events until `done()` or `timeoutMs`; returns done().
template <typename Fn>
bool waitUntil(Fn&& done, int timeoutMs = 120000) {
  QElapsedTimer timer;
  timer.start();
  while (!done() && timer.elapsed() < timeoutMs) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QThread::msleep(2);
  }
  return done();
}

TEST(ChildNetworkPageTest, RealRunsDeliverMovementAndMasksThroughTheController) {
  TempDir dir;
  writeReferenceModel("tiny-bert", dir / "model", 2);
  std::string train = "index\tsentence1\tsentence2\tlabel\n";
  std::string dev = train;
  const char* words[] = {"the", "committee", "approved", "a", "new", "budget", "man", "yes"};
  for (int i = 0; i < 24; ++i) {
    const std::string row = std::to_string(i) + "\t" + words[i % 8] + " " + words[(i * 3) % 8] +
                            "\t" + words[(i * 5) % 8] + "\t" +
                            (i % 2 ? "entailment" : "not_entailment") + "\n";
    (i < 16 ? train : dev) += row;
  }
  writeFile(dir / "glue" / "RTE" / "train.tsv", train);
  writeFile(dir / "glue" / "RTE" / "dev.tsv", dev);
  core::RunConfig c;
  c.modelDir = (dir / "model").string();
  c.task = "RTE";
  c.dataDir = (dir / "glue").string();
  c.method = core::Method::ChildTuningD;
  c.reserveP = 0.2;
  c.epochs = 1;
  c.batchSize = 8;
  c.learningRate = 1e-3;
  c.threads = 1;

  app::TrainingController controller;
  controller.setStorePath(QString::fromStdString((dir / "runs.sqlite").string()));
  app::ChildNetworkPage page;
  page.connectController(&controller);
  QSignalSpy movements(&controller, &app::TrainingController::weightMovementReady);
  QSignalSpy recorded(&controller, &app::TrainingController::runRecorded);
  QSignalSpy finished(&controller, &app::TrainingController::runFinished);
  QSignalSpy failed(&controller, &app::TrainingController::runFailed);
  const auto runOnce = [&](uint64_t seed) {
    c.seed = seed;
    finished.clear();
    const app::RunId id = controller.start(c);
    page.beginRun(id, c);
    EXPECT_TRUE(waitUntil([&] { return !finished.isEmpty() || !failed.isEmpty(); }));
    return id;
  };
  const app::RunId first = runOnce(1);
  ASSERT_TRUE(failed.isEmpty()) << failed.constFirst().at(1).toString().toStdString();
  ASSERT_EQ(movements.size(), 1);
  EXPECT_EQ(movements.constFirst().at(0).value<app::RunId>(), first);
  const auto movement = movements.constFirst().at(1).value<app::WeightMovementPtr>();
  ASSERT_NE(movement, nullptr);
  EXPECT_EQ(movement->step, 2);
  EXPECT_EQ(movement->numLayers, 2);
  EXPECT_FALSE(page.movement()->isEmpty());
  EXPECT_EQ(page.movement()->movement().step, 2);
  const qint64 firstStored = recorded.constLast().at(1).value<qint64>();

  const app::RunId second = runOnce(2);
  ASSERT_TRUE(failed.isEmpty());
  ASSERT_EQ(movements.size(), 2);
  EXPECT_EQ(movements.constLast().at(0).value<app::RunId>(), second);
  const qint64 secondStored = recorded.constLast().at(1).value<qint64>();
  // Current run (seed 2) against the first run from the store: the core's numbers.
  page.tabs()->setCurrentWidget(page.findChild<QWidget*>(QStringLiteral("compareRunsPage")));
  EXPECT_EQ(page.compareA()->currentData().value<qint64>(), -1);
  // The current run is not offered twice.
  EXPECT_EQ(page.compareB()->findData(QVariant::fromValue<qint64>(secondStored)), -1);
  ASSERT_EQ(page.compareB()->currentData().value<qint64>(), firstStored);
  core::RunStore store(dir / "runs.sqlite", core::RunStore::Mode::ReadOnly);
  const core::MaskOverlap want = store.maskOverlap(secondStored, firstStored);
  ASSERT_GT(page.overlap()->columnCount(), 1);
  ASSERT_EQ(page.overlap()->layerCount(), 2);
  for (int layer = 0; layer < 2; ++layer) {
    EXPECT_NEAR(page.overlap()->drawnValue(layer, 0), want.perLayer[static_cast<size_t>(layer)],
                1e-12);
  }
  EXPECT_TRUE(waitUntil([&] { return controller.activeThreads() == 0; }, 10000));
}

}  // namespace
}  // namespace childtune::test
