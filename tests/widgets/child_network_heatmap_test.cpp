// ChildNetworkHeatmap: the painted cells equal the summary's fractions / Fisher statistics,
// modes switch the colour scale, clicks and keys emit the right (layer, kind), tooltips carry
// the cell's numbers; screenshots for a 6-layer and a 24-layer model.

#include <gtest/gtest.h>
#include <QComboBox>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest/QTest>
#include <cmath>

#include "childtune/widgets/child_network_heatmap.h"
#include "childtune/widgets/qcustomplot_include.h"
#include "widget_fixtures.h"

namespace childtune::widgets {
namespace {

using core::ModuleKind;

class ChildNetworkHeatmapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    summary_ = test::fisherSummaryFixture(6, 384, 0.3);
    heatmap_.resize(900, 520);
    heatmap_.setSummary(summary_);
    heatmap_.show();
    QTest::qWait(60);
    heatmap_.replotNow();
  }
  core::FisherSummary summary_;
  ChildNetworkHeatmap heatmap_;
};

TEST_F(ChildNetworkHeatmapTest, CellsShowTheSummaryFractions) {
  ASSERT_EQ(summary_.cells.size(), 6u * 7u);
  for (const core::FisherCell& cell : summary_.cells) {
    EXPECT_DOUBLE_EQ(heatmap_.drawnValue(cell.layer, cell.kind), cell.fraction())
        << cell.layer << " " << static_cast<int>(cell.kind);
  }
  EXPECT_EQ(heatmap_.colorRange(), (std::pair<double, double>(0.0, 1.0)));
  // The fixture is realistic: upper layers hold more of the child network than lower ones.
  EXPECT_GT(heatmap_.cellValue(5, ModuleKind::Output), heatmap_.cellValue(0, ModuleKind::Output));
  EXPECT_TRUE(std::isnan(heatmap_.cellValue(6, ModuleKind::Query)));
  EXPECT_TRUE(std::isnan(heatmap_.cellValue(0, ModuleKind::Embeddings)));
}

TEST_F(ChildNetworkHeatmapTest, FisherModesUseALogColourScale) {
  auto* box = heatmap_.findChild<QComboBox*>(QStringLiteral("heatmapMode"));
  ASSERT_NE(box, nullptr);
  EXPECT_FALSE(box->accessibleName().isEmpty());
  QSignalSpy modes(&heatmap_, &ChildNetworkHeatmap::modeChanged);
  box->setCurrentIndex(box->findData(static_cast<int>(ChildNetworkHeatmap::Mode::MeanFisher)));
  EXPECT_EQ(heatmap_.mode(), ChildNetworkHeatmap::Mode::MeanFisher);
  EXPECT_EQ(modes.count(), 1);
  auto* scale = qobject_cast<QCPColorScale*>(heatmap_.plot()->plotLayout()->element(0, 1));
  ASSERT_NE(scale, nullptr);
  EXPECT_EQ(scale->dataScaleType(), QCPAxis::stLogarithmic);
  double lo = 1.0;
  double hi = 0.0;
  for (const core::FisherCell& cell : summary_.cells) {
    EXPECT_DOUBLE_EQ(heatmap_.drawnValue(cell.layer, cell.kind), cell.mean);
    lo = std::min(lo, cell.mean);
    hi = std::max(hi, cell.mean);
  }
  EXPECT_DOUBLE_EQ(heatmap_.colorRange().first, lo);
  EXPECT_DOUBLE_EQ(heatmap_.colorRange().second, hi);
  heatmap_.setMode(ChildNetworkHeatmap::Mode::MaxFisher);
  EXPECT_EQ(box->currentIndex(),
            box->findData(static_cast<int>(ChildNetworkHeatmap::Mode::MaxFisher)));
  for (const core::FisherCell& cell : summary_.cells) {
    EXPECT_DOUBLE_EQ(heatmap_.drawnValue(cell.layer, cell.kind), cell.max);
  }
  heatmap_.setMode(ChildNetworkHeatmap::Mode::Fraction);
  EXPECT_EQ(scale->dataScaleType(), QCPAxis::stLinear);
}

TEST_F(ChildNetworkHeatmapTest, ClickingACellEmitsItsLayerAndKind) {
  QSignalSpy clicks(&heatmap_, &ChildNetworkHeatmap::cellClicked);
  for (const auto& [layer, kind] :
       {std::pair{0, ModuleKind::Query}, std::pair{5, ModuleKind::LayerNorm},
        std::pair{3, ModuleKind::Intermediate}}) {
    const QPoint centre = heatmap_.cellCenter(layer, kind);
    ASSERT_EQ(heatmap_.cellAt(centre), (ChildNetworkHeatmap::Cell{layer, kind}));
    QTest::mouseClick(heatmap_.plot(), Qt::LeftButton, {}, centre);
    ASSERT_EQ(clicks.count(), 1);
    EXPECT_EQ(clicks.front().at(0).toInt(), layer);
    EXPECT_EQ(clicks.front().at(1).value<ModuleKind>(), kind);
    clicks.clear();
    EXPECT_EQ(heatmap_.currentCell(), (ChildNetworkHeatmap::Cell{layer, kind}));
  }
  // Near a cell's edge is still that cell; outside the map is none.
  const QPoint a = heatmap_.cellCenter(2, ModuleKind::Value);
  const QPoint b = heatmap_.cellCenter(2, ModuleKind::AttentionOutput);
  EXPECT_EQ(heatmap_.cellAt(QPoint((a.x() * 3 + b.x()) / 4, a.y())),
            (ChildNetworkHeatmap::Cell{2, ModuleKind::Value}));
  EXPECT_EQ(heatmap_.cellAt(QPoint(2, 2)), std::nullopt);
  QTest::mouseClick(heatmap_.plot(), Qt::LeftButton, {}, QPoint(2, 2));
  EXPECT_EQ(clicks.count(), 0);
}

TEST_F(ChildNetworkHeatmapTest, KeyboardMovesTheCurrentCellAndEnterOpensIt) {
  QSignalSpy clicks(&heatmap_, &ChildNetworkHeatmap::cellClicked);
  heatmap_.setCurrentCell(2, ModuleKind::Key);
  QTest::keyClick(heatmap_.plot(), Qt::Key_Up);
  QTest::keyClick(heatmap_.plot(), Qt::Key_Right);
  EXPECT_EQ(heatmap_.currentCell(), (ChildNetworkHeatmap::Cell{3, ModuleKind::Value}));
  EXPECT_FALSE(heatmap_.plot()->accessibleDescription().isEmpty());
  QTest::keyClick(heatmap_.plot(), Qt::Key_Return);
  ASSERT_EQ(clicks.count(), 1);
  EXPECT_EQ(clicks.front().at(0).toInt(), 3);
  EXPECT_EQ(clicks.front().at(1).value<ModuleKind>(), ModuleKind::Value);
  // Clamped at the edges.
  for (int i = 0; i < 10; ++i) {
    QTest::keyClick(heatmap_.plot(), Qt::Key_Down);
  }
  EXPECT_EQ(heatmap_.currentCell()->first, 0);
}

TEST_F(ChildNetworkHeatmapTest, TooltipCarriesTheCellsNumbers) {
  const core::FisherCell& cell = summary_.cells[3 * 7 + 5];  // layer 3, Output
  ASSERT_EQ(cell.kind, ModuleKind::Output);
  const QString tip = heatmap_.cellToolTip(3, ModuleKind::Output);
  const QLocale locale;
  EXPECT_TRUE(tip.contains(QStringLiteral("Layer 3"))) << tip.toStdString();
  EXPECT_TRUE(tip.contains(QStringLiteral("Output")));
  EXPECT_TRUE(tip.contains(locale.toString(static_cast<qlonglong>(cell.elements))));
  EXPECT_TRUE(tip.contains(locale.toString(static_cast<qlonglong>(cell.selected))));
  EXPECT_TRUE(tip.contains(locale.toString(cell.fraction() * 100.0, 'f', 1)));
  EXPECT_TRUE(tip.contains(locale.toString(cell.mean, 'e', 2)));
  EXPECT_TRUE(tip.contains(locale.toString(cell.median, 'e', 2)));
  EXPECT_TRUE(tip.contains(locale.toString(cell.max, 'e', 2)));
  EXPECT_TRUE(heatmap_.cellToolTip(9, ModuleKind::Output).isEmpty());
  EXPECT_TRUE(heatmap_.caption().contains(locale.toString(summary_.pD, 'f', 2)));
}

TEST_F(ChildNetworkHeatmapTest, EmptyAndMissingCells) {
  core::FisherSummary partial = summary_;
  partial.cells.erase(partial.cells.begin() + 7);  // layer 1, Query gone
  heatmap_.setSummary(partial);
  EXPECT_TRUE(std::isnan(heatmap_.drawnValue(1, ModuleKind::Query)));
  EXPECT_EQ(heatmap_.cellAt(heatmap_.cellCenter(1, ModuleKind::Query)), std::nullopt);
  EXPECT_DOUBLE_EQ(heatmap_.drawnValue(1, ModuleKind::Key), partial.cells[7].fraction());
  heatmap_.clear();
  EXPECT_TRUE(heatmap_.isEmpty());
  EXPECT_EQ(heatmap_.cellAt(QPoint(200, 200)), std::nullopt);
}

TEST(ChildNetworkHeatmapLarge, TwentyFourLayersRebuildFast) {
  const core::FisherSummary summary = test::fisherSummaryFixture(24, 1024, 0.3);
  ChildNetworkHeatmap heatmap;
  heatmap.resize(900, 700);
  heatmap.show();
  heatmap.setSummary(summary);
  QElapsedTimer timer;
  double best = 1e9;
  for (int i = 0; i < 3; ++i) {
    timer.start();
    heatmap.setSummary(summary);
    heatmap.replotNow();
    best = std::min(best, static_cast<double>(timer.nsecsElapsed()) / 1e6);
  }
  std::printf("24-layer heatmap update + replot: %.1f ms\n", best);
  EXPECT_LT(best, 200.0);  // loose for sanitizer builds; the benchmark measures properly
  for (const core::FisherCell& cell : summary.cells) {
    ASSERT_DOUBLE_EQ(heatmap.drawnValue(cell.layer, cell.kind), cell.fraction());
  }
}

TEST(ChildNetworkHeatmapScreenshot, MiniLmAndBertLarge) {
  {
    ChildNetworkHeatmap heatmap;
    heatmap.setSummary(test::fisherSummaryFixture(6, 384, 0.3));
    heatmap.setCurrentCell(4, ModuleKind::Value);
    const QImage image =
        test::saveWidgetScreenshot(heatmap, QStringLiteral("heatmap-minilm-fraction"), {820, 460});
    ASSERT_FALSE(image.isNull());
    EXPECT_GT(test::distinctColours(image), 30);
    heatmap.setMode(ChildNetworkHeatmap::Mode::MeanFisher);
    EXPECT_FALSE(
        test::saveWidgetScreenshot(heatmap, QStringLiteral("heatmap-minilm-mean"), {820, 460})
            .isNull());
  }
  {
    ChildNetworkHeatmap heatmap;
    heatmap.setSummary(test::fisherSummaryFixture(24, 1024, 0.3));
    EXPECT_FALSE(test::saveWidgetScreenshot(heatmap, QStringLiteral("heatmap-bert-large-fraction"),
                                            {820, 720})
                     .isNull());
    heatmap.setMode(ChildNetworkHeatmap::Mode::MaxFisher);
    heatmap.setPalette(test::darkPalette());
    const QImage dark = test::saveWidgetScreenshot(
        heatmap, QStringLiteral("heatmap-bert-large-max-dark"), {820, 720});
    ASSERT_FALSE(dark.isNull());
    EXPECT_LT(dark.pixelColor(2, dark.height() - 3).lightness(), 110);
  }
}

}  // namespace
}  // namespace childtune::widgets
