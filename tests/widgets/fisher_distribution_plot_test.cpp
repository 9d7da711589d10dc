// FisherDistributionPlot: per-layer histograms are the sums of the layer's cells, the one
// threshold line sits at the summary's cut-off, the labels are the layers' child fractions, and
// the highlighted part of each ridge starts at the threshold.

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QtTest/QTest>
#include <cmath>

#include "childtune/widgets/fisher_distribution_plot.h"
#include "childtune/widgets/qcustomplot_include.h"
#include "widget_fixtures.h"

namespace childtune::widgets {
namespace {

TEST(FisherDistributionPlotTest, LayersSumTheirCellsAndShowTheirFractions) {
  const core::FisherSummary summary = test::fisherSummaryFixture(6, 384, 0.3);
  FisherDistributionPlot plot;
  plot.setSummary(summary);
  ASSERT_EQ(plot.layerCounts().size(), 6u);
  for (int layer = 0; layer < 6; ++layer) {
    std::vector<double> expected(40, 0.0);
    int64_t selected = 0;
    int64_t elements = 0;
    for (const core::FisherCell& cell : summary.cells) {
      if (cell.layer == layer) {
        for (int b = 0; b < 40; ++b) {
          expected[static_cast<size_t>(b)] +=
              static_cast<double>(cell.histogram.counts[static_cast<size_t>(b)]);
        }
        selected += cell.selected;
        elements += cell.elements;
      }
    }
    EXPECT_EQ(plot.layerCounts()[static_cast<size_t>(layer)], expected) << layer;
    const double fraction = static_cast<double>(selected) / static_cast<double>(elements);
    EXPECT_DOUBLE_EQ(plot.layerFractions()[static_cast<size_t>(layer)], fraction);
    EXPECT_EQ(plot.fractionLabel(layer),
              QStringLiteral("%1 %").arg(QLocale().toString(fraction * 100.0, 'f', 1)));
    EXPECT_TRUE(plot.layerToolTip(layer).contains(plot.fractionLabel(layer)));
  }
  // The point of the view: the top layer has a much larger share than the bottom one.
  EXPECT_GT(plot.layerFractions()[5], 2.0 * plot.layerFractions()[0]);
  // Ridges rise above their baseline by at most kRidgeHeight.
  double tallest = 0.0;
  for (int layer = 0; layer < 6; ++layer) {
    for (int b = 0; b < 40; ++b) {
      const double v = plot.ridgeValue(layer, b) - layer;
      EXPECT_GE(v, 0.0);
      EXPECT_LE(v, FisherDistributionPlot::kRidgeHeight + 1e-12);
      tallest = std::max(tallest, v);
    }
  }
  EXPECT_DOUBLE_EQ(tallest, FisherDistributionPlot::kRidgeHeight);
}

TEST(FisherDistributionPlotTest, OneThresholdLineAndTheRidgeSplitsThere) {
  const core::FisherSummary summary = test::fisherSummaryFixture(6, 384, 0.2);
  FisherDistributionPlot plot;
  plot.setSummary(summary);
  EXPECT_DOUBLE_EQ(plot.thresholdLinePosition(), summary.threshold);
  int lines = 0;
  for (int i = 0; i < plot.plot()->itemCount(); ++i) {
    if (auto* line = qobject_cast<QCPItemStraightLine*>(plot.plot()->item(i))) {
      ++lines;
      EXPECT_DOUBLE_EQ(line->point1->key(), line->point2->key());  // vertical
    }
  }
  EXPECT_EQ(lines, 1);
  // Three graphs per layer (baseline, below, above); the "above" part starts at the threshold
  // and the "below" part ends there.
  ASSERT_EQ(plot.plot()->graphCount(), 18);
  for (int layer = 0; layer < 6; ++layer) {
    const QCPGraph* below = plot.plot()->graph(layer * 3 + 1);
    const QCPGraph* above = plot.plot()->graph(layer * 3 + 2);
    ASSERT_FALSE(below->data()->isEmpty());
    ASSERT_FALSE(above->data()->isEmpty());
    EXPECT_NEAR((below->data()->constEnd() - 1)->key, summary.threshold, summary.threshold * 1e-9);
    EXPECT_NEAR(above->data()->constBegin()->key, summary.threshold, summary.threshold * 1e-9);
    EXPECT_EQ(below->channelFillGraph(), plot.plot()->graph(layer * 3));
  }
  // A lower p_D moves the line right.
  plot.setSummary(test::fisherSummaryFixture(6, 384, 0.05));
  EXPECT_GT(plot.thresholdLinePosition(), summary.threshold);
  plot.clear();
  EXPECT_TRUE(plot.isEmpty());
  EXPECT_EQ(plot.plot()->graphCount(), 0);
}

TEST(FisherDistributionPlotTest, ThresholdLabelStaysInsideThePlot) {
  FisherDistributionPlot plot;
  plot.resize(460, 360);
  plot.show();  // lays the plot out at that size (offscreen)
  QCoreApplication::processEvents();
  for (const double p : {0.6, 0.3, 0.1, 0.02}) {
    plot.setSummary(test::fisherSummaryFixture(6, 384, p));
    plot.replotNow();
    QCPItemText* label = nullptr;
    for (int i = 0; i < plot.plot()->itemCount(); ++i) {
      auto* text = qobject_cast<QCPItemText*>(plot.plot()->item(i));
      if (text != nullptr && text->text().startsWith(QStringLiteral("Global threshold"))) {
        label = text;
      }
    }
    ASSERT_NE(label, nullptr);
    const QRect viewport = plot.plot()->viewport();
    EXPECT_GE(label->topLeft->pixelPosition().x(), viewport.left() - 0.5) << p;
    EXPECT_LE(label->bottomRight->pixelPosition().x(), viewport.right() + 1.5) << p;
  }
}

TEST(FisherDistributionPlotTest, Screenshots) {
  FisherDistributionPlot six;
  six.setSummary(test::fisherSummaryFixture(6, 384, 0.3));
  const QImage image =
      test::saveWidgetScreenshot(six, QStringLiteral("distribution-minilm"), {820, 480});
  ASSERT_FALSE(image.isNull());
  EXPECT_GT(test::distinctColours(image), 20);
  FisherDistributionPlot large;
  large.setSummary(test::fisherSummaryFixture(24, 1024, 0.3));
  EXPECT_FALSE(
      test::saveWidgetScreenshot(large, QStringLiteral("distribution-bert-large"), {820, 760})
          .isNull());
  large.setPalette(test::darkPalette());
  EXPECT_FALSE(
      test::saveWidgetScreenshot(large, QStringLiteral("distribution-bert-large-dark"), {820, 760})
          .isNull());
}

}  // namespace
}  // namespace childtune::widgets
