// WeightMapView: painted blocks equal the map's pooled Fisher scores / child fractions, the
// toggle switches between them and the colour scale, hover positions map to source rows and
// columns, the title names the tensor and its shape.

#include <gtest/gtest.h>
#include <QSignalSpy>
#include <QToolButton>
#include <QtTest/QTest>
#include <cmath>

#include "childtune/widgets/qcustomplot_include.h"
#include "childtune/widgets/weight_map_view.h"
#include "widget_fixtures.h"

namespace childtune::widgets {
namespace {

class WeightMapViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    map_ = test::weightMapFixture();
    view_.resize(760, 640);
    view_.show();
    view_.setWeightMap(map_);
    QTest::qWait(60);
  }
  core::WeightMap map_;
  WeightMapView view_;
};

TEST_F(WeightMapViewTest, FisherAndMaskDisplaysPaintTheMap) {
  EXPECT_EQ(view_.display(), WeightMapView::Display::Fisher);
  for (const auto& [r, c] :
       {std::pair{0, 0}, std::pair{17, 200}, std::pair{255, 255}, std::pair{128, 3}}) {
    const auto index = static_cast<size_t>(r * 256 + c);
    EXPECT_DOUBLE_EQ(view_.drawnValue(r, c), static_cast<double>(map_.fisher[index]));
  }
  auto* scale = qobject_cast<QCPColorScale*>(view_.plot()->plotLayout()->element(0, 1));
  ASSERT_NE(scale, nullptr);
  EXPECT_EQ(scale->dataScaleType(), QCPAxis::stLogarithmic);
  const auto [lo, hi] = std::minmax_element(map_.fisher.begin(), map_.fisher.end());
  EXPECT_DOUBLE_EQ(view_.colorRange().first, static_cast<double>(*lo));
  EXPECT_DOUBLE_EQ(view_.colorRange().second, static_cast<double>(*hi));

  QSignalSpy changes(&view_, &WeightMapView::displayChanged);
  auto* mask = view_.findChild<QToolButton*>(QStringLiteral("showMask"));
  ASSERT_NE(mask, nullptr);
  EXPECT_FALSE(mask->accessibleName().isEmpty());
  mask->click();
  EXPECT_EQ(view_.display(), WeightMapView::Display::Mask);
  EXPECT_EQ(changes.count(), 1);
  EXPECT_EQ(scale->dataScaleType(), QCPAxis::stLinear);
  EXPECT_EQ(view_.colorRange(), (std::pair<double, double>(0.0, 1.0)));
  for (int r = 0; r < 256; r += 51) {
    for (int c = 0; c < 256; c += 37) {
      EXPECT_DOUBLE_EQ(view_.drawnValue(r, c),
                       static_cast<double>(map_.childFraction[static_cast<size_t>(r * 256 + c)]));
    }
  }
  EXPECT_TRUE(std::isnan(view_.drawnValue(256, 0)));
}

TEST_F(WeightMapViewTest, TitleNamesTensorAndShape) {
  const QString title = view_.title();
  EXPECT_TRUE(title.contains(QString::fromStdString(map_.name))) << title.toStdString();
  EXPECT_TRUE(title.contains(QStringLiteral("%1 × %1").arg(QLocale().toString(1024))));
  EXPECT_TRUE(title.contains(QStringLiteral("256 × 256")));
}

TEST_F(WeightMapViewTest, HoverMapsToSourceRowsAndColumns) {
  const QPoint centre = view_.blockCenter(10, 20);
  ASSERT_EQ(view_.blockAt(centre), (WeightMapView::Block{10, 20}));
  const QString tip = view_.blockToolTip(10, 20);
  // Block (10, 20) of 4 x 4 covers source rows 40-43 and columns 80-83.
  EXPECT_TRUE(tip.contains(QStringLiteral("40–43"))) << tip.toStdString();
  EXPECT_TRUE(tip.contains(QStringLiteral("80–83")));
  EXPECT_TRUE(
      tip.contains(QLocale().toString(static_cast<double>(map_.fisher[10 * 256 + 20]), 'e', 2)));
  EXPECT_EQ(view_.blockAt(QPoint(1, 1)), std::nullopt);
  // Row 0 is at the top.
  EXPECT_LT(view_.blockCenter(0, 0).y(), view_.blockCenter(255, 0).y());
}

TEST_F(WeightMapViewTest, ZoomThenResetShowsTheWholeTensor) {
  view_.plot()->xAxis->setRange(100, 200);
  view_.plot()->yAxis->setRange(300, 400);
  view_.resetView();
  // Exactly the matrix: no empty band beside it (the view is wider than tall).
  EXPECT_EQ(view_.plot()->xAxis->range(), QCPRange(0.0, 1024.0));
  EXPECT_EQ(view_.plot()->yAxis->range(), QCPRange(0.0, 1024.0));
  view_.plot()->replot(QCustomPlot::rpImmediateRefresh);
  // Square cells: the axis rect itself is square (it gives up the spare width).
  const QRect rect = view_.plot()->axisRect()->rect();
  EXPECT_LE(std::abs(rect.width() - rect.height()), 2) << rect.width() << " x " << rect.height();
  EXPECT_LT(rect.width(), view_.plot()->width() - 120);
}

TEST(WeightMapViewFit, NonSquareMatrixInATallViewFitsExactly) {
  WeightMapView view;
  view.resize(500, 900);
  view.show();
  core::WeightMap map = test::weightMapFixture();
  map.rows = 512;  // 2 x 4 source blocks: twice as wide as tall
  view.setWeightMap(map);
  QTest::qWait(60);
  view.plot()->replot(QCustomPlot::rpImmediateRefresh);
  EXPECT_EQ(view.plot()->xAxis->range(), QCPRange(0.0, 1024.0));
  EXPECT_EQ(view.plot()->yAxis->range(), QCPRange(0.0, 512.0));
  const QRect rect = view.plot()->axisRect()->rect();
  EXPECT_NEAR(static_cast<double>(rect.width()) / rect.height(), 2.0, 0.05);
}

TEST(WeightMapViewShapes, OneDimensionalAndInconsistentMaps) {
  WeightMapView view;
  view.resize(600, 300);
  core::WeightMap bias;
  bias.name = "bert.encoder.layer.0.attention.output.LayerNorm.weight";
  bias.rows = 1;
  bias.cols = 384;
  bias.mapRows = 1;
  bias.mapCols = 384;
  for (int i = 0; i < 384; ++i) {
    bias.fisher.push_back(static_cast<float>(std::pow(10.0, -8.0 + 3.0 * i / 384.0)));
    bias.childFraction.push_back(i > 200 ? 1.0f : 0.0f);
  }
  view.setWeightMap(bias);
  EXPECT_FALSE(view.isEmpty());
  EXPECT_DOUBLE_EQ(view.drawnValue(0, 383), static_cast<double>(bias.fisher[383]));
  EXPECT_TRUE(view.title().contains(QStringLiteral("384")));
  bias.fisher.pop_back();  // no longer mapRows * mapCols values
  view.setWeightMap(bias);
  EXPECT_TRUE(view.isEmpty());
  EXPECT_TRUE(std::isnan(view.drawnValue(0, 0)));
}

TEST(WeightMapViewScreenshot, FisherAndMask) {
  WeightMapView view;
  view.setWeightMap(test::weightMapFixture());
  const QImage fisher =
      test::saveWidgetScreenshot(view, QStringLiteral("weight-map-fisher"), {760, 640});
  ASSERT_FALSE(fisher.isNull());
  EXPECT_GT(test::distinctColours(fisher), 50);
  view.setDisplay(WeightMapView::Display::Mask);
  EXPECT_FALSE(
      test::saveWidgetScreenshot(view, QStringLiteral("weight-map-mask"), {760, 640}).isNull());
}

}  // namespace
}  // namespace childtune::widgets
