// MaskDensityPlot: bars are the densities given, the line sits at p_F, the title names the step.

#include <gtest/gtest.h>
#include <QtTest/QTest>
#include <random>

#include "childtune/widgets/mask_density_plot.h"
#include "childtune/widgets/qcustomplot_include.h"
#include "widget_fixtures.h"

namespace childtune::widgets {
namespace {

std::vector<double> sampledDensities(int layers, double pF, uint32_t seed) {
  // Bernoulli(p_F) masks over ~7M gradient elements per layer: densities within a few 1e-4 of
  // p_F. Exaggerated here (sd 0.01) so the bars differ visibly in the screenshot.
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0.0, 0.01);
  std::vector<double> densities;
  for (int i = 0; i < layers; ++i) {
    densities.push_back(pF + noise(rng));
  }
  return densities;
}

TEST(MaskDensityPlotTest, BarsLineAndTitle) {
  MaskDensityPlot plot;
  EXPECT_TRUE(plot.barValues().empty());
  const auto densities = sampledDensities(12, 0.2, 3);
  plot.setDensities(1234, densities, 0.2);
  EXPECT_EQ(plot.barValues(), densities);
  EXPECT_DOUBLE_EQ(plot.expectedLineValue(), 0.2);
  EXPECT_EQ(plot.step(), 1234);
  EXPECT_TRUE(plot.title().contains(QLocale().toString(1234))) << plot.title().toStdString();
  EXPECT_TRUE(plot.layerToolTip(3).contains(QLocale().toString(densities[3] * 100.0, 'f', 1)));
  EXPECT_TRUE(plot.layerToolTip(12).isEmpty());
  // The view shows the tallest bar and the line.
  EXPECT_GE(plot.plot()->yAxis->range().upper,
            *std::max_element(densities.begin(), densities.end()));
  plot.setDensities(1250, sampledDensities(12, 0.2, 4), 0.2);
  EXPECT_EQ(plot.step(), 1250);
  plot.clear();
  EXPECT_TRUE(plot.barValues().empty());
}

TEST(MaskDensityPlotTest, Screenshot) {
  MaskDensityPlot plot;
  plot.setDensities(1234, sampledDensities(12, 0.2, 3), 0.2);
  const QImage image = test::saveWidgetScreenshot(plot, QStringLiteral("mask-density"), {720, 360});
  ASSERT_FALSE(image.isNull());
  EXPECT_GT(test::distinctColours(image), 10);
}

}  // namespace
}  // namespace childtune::widgets
