// OverlapHeatmap: cells and their labels equal the Jaccard values given, per layer and pair.

#include <gtest/gtest.h>
#include <QtTest/QTest>
#include <cmath>
#include <limits>

#include "childtune/widgets/overlap_heatmap.h"
#include "widget_fixtures.h"

namespace childtune::widgets {
namespace {

std::vector<OverlapColumn> pairs() {
  // Seeds agree more than tasks; upper layers agree less (task-specific).
  std::vector<OverlapColumn> columns = {{QStringLiteral("SST-2 seed 1 vs 2"), {}, 0.71},
                                        {QStringLiteral("SST-2 vs MRPC"), {}, 0.38},
                                        {QStringLiteral("SST-2 vs CoLA"), {}, 0.33}};
  for (int layer = 0; layer < 12; ++layer) {
    columns[0].perLayer.push_back(0.82 - 0.015 * layer);
    columns[1].perLayer.push_back(0.55 - 0.025 * layer);
    columns[2].perLayer.push_back(0.50 - 0.028 * layer);
  }
  return columns;
}

TEST(OverlapHeatmapTest, CellsAndLabelsShowTheValues) {
  OverlapHeatmap heatmap;
  heatmap.resize(700, 520);
  heatmap.show();
  const auto columns = pairs();
  heatmap.setColumns(columns);
  QTest::qWait(60);
  EXPECT_EQ(heatmap.columnCount(), 3);
  EXPECT_EQ(heatmap.layerCount(), 12);
  for (int c = 0; c < 3; ++c) {
    for (int layer = 0; layer < 12; ++layer) {
      const double v = columns[static_cast<size_t>(c)].perLayer[static_cast<size_t>(layer)];
      EXPECT_DOUBLE_EQ(heatmap.drawnValue(layer, c), v);
      EXPECT_EQ(heatmap.cellText(layer, c), QLocale().toString(v, 'f', 2));
    }
  }
  EXPECT_EQ(heatmap.cellAt(heatmap.cellCenter(7, 2)), (std::pair<int, int>{7, 2}));
  EXPECT_TRUE(heatmap.cellToolTip(7, 2).contains(QStringLiteral("SST-2 vs CoLA")));
}

TEST(OverlapHeatmapTest, SingleColumnFromMaskOverlapAndMissingLayers) {
  OverlapHeatmap heatmap;
  heatmap.resize(400, 400);
  core::MaskOverlap overlap;
  overlap.overall = 0.6;
  overlap.perLayer = {0.7, std::numeric_limits<double>::quiet_NaN(), 0.5};
  heatmap.setOverlap(QStringLiteral("a vs b"), overlap);
  EXPECT_EQ(heatmap.columnCount(), 1);
  EXPECT_DOUBLE_EQ(heatmap.drawnValue(0, 0), 0.7);
  EXPECT_TRUE(std::isnan(heatmap.drawnValue(1, 0)));
  EXPECT_EQ(heatmap.cellText(1, 0), QStringLiteral("–"));
  EXPECT_DOUBLE_EQ(heatmap.drawnValue(2, 0), 0.5);
  EXPECT_TRUE(std::isnan(heatmap.drawnValue(3, 0)));
  heatmap.clear();
  EXPECT_EQ(heatmap.columnCount(), 0);
  EXPECT_TRUE(heatmap.cellText(0, 0).isEmpty());
}

TEST(OverlapHeatmapTest, Screenshot) {
  OverlapHeatmap heatmap;
  heatmap.setColumns(pairs());
  const QImage image =
      test::saveWidgetScreenshot(heatmap, QStringLiteral("overlap-heatmap"), {700, 560});
  ASSERT_FALSE(image.isNull());
  EXPECT_GT(test::distinctColours(image), 20);
}

}  // namespace
}  // namespace childtune::widgets
