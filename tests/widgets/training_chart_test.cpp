// TrainingChartWidget: TensorBoard smoothing, buffered appends (one replot per flush), log-y,
// overlays, exports (CSV content, PNG, PDF), and a screenshot with a realistic run.

#include <gtest/gtest.h>
#include <QCheckBox>
#include <QFile>
#include <QSlider>
#include <QtTest/QTest>
#include <cmath>
#include <limits>
#include <random>

#include "childtune/widgets/qcustomplot_include.h"
#include "childtune/widgets/training_chart_widget.h"
#include "support/test_env.h"
#include "widget_fixtures.h"

namespace childtune::widgets {
namespace {

QString qs(const std::filesystem::path& path) { return QString::fromStdString(path.string()); }

// A fine-tuning run: noisy loss falling from ~0.69, linear warmup then decay from 2e-5,
// accuracy evaluated every 200 steps.
void feedRealisticRun(TrainingChartWidget& chart, int steps, uint32_t seed, double floor) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0.0, 1.0);
  constexpr double kPeakLr = 2e-5;
  const int warmup = steps / 10;
  for (int step = 1; step <= steps; ++step) {
    const double t = static_cast<double>(step) / steps;
    const double loss = std::max(
        0.01, floor + (0.69 - floor) * std::exp(-4.0 * t) + 0.09 * noise(rng) * (1 - t * 0.5));
    const double lr =
        step <= warmup ? kPeakLr * step / warmup : kPeakLr * (steps - step) / (steps - warmup);
    chart.appendStep(step, loss, lr);
    if (step % 200 == 0) {
      chart.appendEval(step, QStringLiteral("accuracy"), 0.93 - 0.35 * std::exp(-5.0 * t));
      chart.appendEval(step, QStringLiteral("f1"), 0.91 - 0.40 * std::exp(-4.5 * t));
    }
  }
}

TEST(TrainingChartTest, SmoothingIsTensorBoardsDebiasedEma) {
  const std::vector<double> values = {1.0, 2.0, 3.0, std::numeric_limits<double>::quiet_NaN(), 4.0};
  const double w = 0.5;
  const auto s = TrainingChartWidget::smoothed(values, w);
  ASSERT_EQ(s.size(), values.size());
  // last_1 = 0.5, debias 0.5 -> 1; last_2 = 1.25, debias 0.75 -> 5/3;
  // last_3 = 2.125, debias 0.875 -> 17/7; NaN passes through; last_4 = 3.0625, debias 0.9375.
  EXPECT_DOUBLE_EQ(s[0], 1.0);
  EXPECT_DOUBLE_EQ(s[1], 1.25 / 0.75);
  EXPECT_DOUBLE_EQ(s[2], 2.125 / 0.875);
  EXPECT_TRUE(std::isnan(s[3]));
  EXPECT_DOUBLE_EQ(s[4], 3.0625 / 0.9375);
  // Weight 0 is the raw series; a constant series stays constant at any weight.
  EXPECT_EQ(TrainingChartWidget::smoothed({3.0, 1.0, 2.0}, 0.0), (std::vector<double>{3, 1, 2}));
  for (const double v : TrainingChartWidget::smoothed(std::vector<double>(50, 0.7), 0.99)) {
    EXPECT_NEAR(v, 0.7, 1e-12);
  }
}

TEST(TrainingChartTest, AppendsAreBufferedIntoOneReplot) {
  TrainingChartWidget chart;
  chart.resize(800, 600);
  chart.show();
  QTest::qWait(100);
  const int before = chart.replotCount();
  for (int step = 1; step <= 500; ++step) {
    chart.appendStep(step, 1.0 / step, 1e-5);
  }
  chart.appendEval(500, QStringLiteral("accuracy"), 0.8);
  EXPECT_EQ(chart.pendingPointCount(), 501);
  EXPECT_TRUE(chart.flushPending());
  // Events are processed, but the 40 ms timer has not fired: nothing drawn yet.
  QCoreApplication::processEvents();
  EXPECT_EQ(chart.replotCount(), before);
  EXPECT_TRUE(chart.lossPoints().empty());
  QTest::qWait(TrainingChartWidget::kFlushIntervalMs * 4);
  EXPECT_EQ(chart.replotCount(), before + 1);
  EXPECT_EQ(chart.pendingPointCount(), 0);
  ASSERT_EQ(chart.lossPoints().size(), 500u);
  EXPECT_DOUBLE_EQ(chart.lossPoints()[9].second, 0.1);
  EXPECT_EQ(chart.learningRatePoints().size(), 500u);
  ASSERT_EQ(chart.evalPoints(QStringLiteral("accuracy")).size(), 1u);
  EXPECT_EQ(chart.metrics(), QStringList{QStringLiteral("accuracy")});
}

TEST(TrainingChartTest, IncrementalSmoothingMatchesTheWholeSeries) {
  TrainingChartWidget chart;
  chart.setSmoothing(0.8);
  std::vector<double> losses;
  for (int step = 1; step <= 300; ++step) {
    losses.push_back(1.0 + std::sin(step * 0.37));
    chart.appendStep(step, losses.back(), 1e-5);
    if (step % 70 == 0) {
      chart.flushAndReplotNow();  // flushed in several chunks
    }
  }
  chart.flushAndReplotNow();
  auto expected = TrainingChartWidget::smoothed(losses, 0.8);
  auto drawn = chart.smoothedLossPoints();
  ASSERT_EQ(drawn.size(), expected.size());
  for (size_t i = 0; i < drawn.size(); ++i) {
    EXPECT_NEAR(drawn[i].second, expected[i], 1e-12) << i;
  }
  // Moving the slider re-smooths everything drawn.
  auto* slider = chart.findChild<QSlider*>(QStringLiteral("smoothingSlider"));
  ASSERT_NE(slider, nullptr);
  EXPECT_FALSE(slider->accessibleName().isEmpty());
  EXPECT_EQ(slider->value(), 80);
  slider->setValue(30);
  EXPECT_DOUBLE_EQ(chart.smoothing(), 0.3);
  expected = TrainingChartWidget::smoothed(losses, 0.3);
  drawn = chart.smoothedLossPoints();
  for (size_t i = 0; i < drawn.size(); ++i) {
    EXPECT_NEAR(drawn[i].second, expected[i], 1e-12) << i;
  }
  chart.setSmoothing(5.0);
  EXPECT_DOUBLE_EQ(chart.smoothing(), 0.99);
}

TEST(TrainingChartTest, LogScaleTogglesTheLossAxis) {
  TrainingChartWidget chart;
  for (int step = 1; step <= 100; ++step) {
    chart.appendStep(step, 2.0 * std::exp(-step / 20.0), 1e-5);
  }
  chart.flushAndReplotNow();
  QCPAxis* lossAxis = chart.lossRect()->axis(QCPAxis::atLeft);
  EXPECT_EQ(lossAxis->scaleType(), QCPAxis::stLinear);
  auto* box = chart.findChild<QCheckBox*>(QStringLiteral("logScaleLoss"));
  ASSERT_NE(box, nullptr);
  box->setChecked(true);
  EXPECT_TRUE(chart.logScaleLoss());
  EXPECT_EQ(lossAxis->scaleType(), QCPAxis::stLogarithmic);
  EXPECT_GT(lossAxis->range().lower, 0.0);
  EXPECT_LT(lossAxis->range().lower, 2.0 * std::exp(-5.0));
  // The other panels keep their linear axes.
  EXPECT_EQ(chart.learningRateRect()->axis(QCPAxis::atLeft)->scaleType(), QCPAxis::stLinear);
  chart.setLogScaleLoss(false);
  EXPECT_FALSE(box->isChecked());
  EXPECT_EQ(lossAxis->scaleType(), QCPAxis::stLinear);
}

TEST(TrainingChartTest, OverlayLearningRatesAreFittedIntoTheirPanel) {
  TrainingChartWidget chart;
  chart.resize(800, 600);
  // A stored run with warmup to 1e-3 (ten times the empty panel's initial 1e-4 range).
  std::vector<double> steps;
  std::vector<double> losses;
  std::vector<std::pair<double, double>> lrs;
  for (int s = 1; s <= 100; ++s) {
    steps.push_back(s);
    losses.push_back(1.0 / s);
    lrs.emplace_back(s, s <= 10 ? 1e-4 * s : 1e-3 * (100 - s) / 90.0);
  }
  chart.addOverlay(QStringLiteral("#1 run"), steps, losses, {}, lrs);
  chart.flushAndReplotNow();
  const QCPRange range = chart.learningRateRect()->axis(QCPAxis::atLeft)->range();
  EXPECT_GE(range.upper, 1e-3);
  EXPECT_LE(range.lower, 0.0);
}

TEST(TrainingChartTest, StepAxesStayInSyncAndResetViewFitsTheData) {
  TrainingChartWidget chart;
  for (int step = 1; step <= 1000; ++step) {
    chart.appendStep(step, 0.5, 1e-5);
  }
  chart.flushAndReplotNow();
  QCPAxis* lossX = chart.lossRect()->axis(QCPAxis::atBottom);
  EXPECT_DOUBLE_EQ(lossX->range().lower, 1.0);
  EXPECT_DOUBLE_EQ(lossX->range().upper, 1000.0);
  lossX->setRange(100, 200);  // what a zoom does
  EXPECT_DOUBLE_EQ(chart.learningRateRect()->axis(QCPAxis::atBottom)->range().lower, 100.0);
  EXPECT_DOUBLE_EQ(chart.metricRect()->axis(QCPAxis::atBottom)->range().upper, 200.0);
  chart.resetView();
  EXPECT_FALSE(chart.userViewActive());
  EXPECT_DOUBLE_EQ(chart.learningRateRect()->axis(QCPAxis::atBottom)->range().upper, 1000.0);
}

TEST(TrainingChartTest, OverlaysGetTheirOwnColourAndLegendEntry) {
  TrainingChartWidget chart;
  chart.addOverlay(QStringLiteral("seed 1"), {1, 2, 3}, {0.7, 0.6, 0.5},
                   {{3, QStringLiteral("accuracy"), 0.81}});
  chart.addOverlay(QStringLiteral("seed 2"), {1, 2, 3}, {0.8, 0.6, 0.4}, {});
  EXPECT_EQ(chart.overlayLabels(),
            (QStringList{QStringLiteral("seed 1"), QStringLiteral("seed 2")}));
  QSet<QRgb> colours;
  int overlayGraphs = 0;
  for (int i = 0; i < chart.plot()->graphCount(); ++i) {
    const QCPGraph* graph = chart.plot()->graph(i);
    if (graph->name().startsWith(QStringLiteral("seed")) &&
        graph->valueAxis() == chart.lossRect()->axis(QCPAxis::atLeft)) {
      colours.insert(graph->pen().color().rgb());
      ++overlayGraphs;
    }
  }
  EXPECT_EQ(overlayGraphs, 2);
  EXPECT_EQ(colours.size(), 2);
  // Replacing keeps one overlay per label; removal frees it.
  chart.addOverlay(QStringLiteral("seed 1"), {1, 2}, {0.7, 0.6}, {});
  EXPECT_EQ(chart.overlayLabels().size(), 2);
  chart.removeOverlay(QStringLiteral("seed 2"));
  EXPECT_EQ(chart.overlayLabels(), QStringList{QStringLiteral("seed 1")});
  chart.clearOverlays();
  EXPECT_TRUE(chart.overlayLabels().isEmpty());
}

TEST(TrainingChartTest, CsvExportWritesTheData) {
  TrainingChartWidget chart;
  chart.setRunLabel(QStringLiteral("sst2, seed 42"));
  chart.setSmoothing(0.0);
  chart.appendStep(1, 0.75, 1e-5);
  chart.appendStep(2, 0.5, 2e-5);
  chart.appendEval(2, QStringLiteral("accuracy"), 0.875);
  chart.addOverlay(QStringLiteral("old"), {1}, {0.9}, {{1, QStringLiteral("accuracy"), 0.5}});
  const test::TempDir tmp;
  const QString path = qs(tmp / "curves.csv");
  QString error;
  ASSERT_TRUE(chart.exportCsv(path, &error)) << error.toStdString();
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QString text = QString::fromUtf8(file.readAll());
  EXPECT_EQ(text,
            "run,series,step,value\n"
            "\"sst2, seed 42\",loss,1,0.75\n"
            "\"sst2, seed 42\",loss,2,0.5\n"
            "\"sst2, seed 42\",loss_smoothed,1,0.75\n"
            "\"sst2, seed 42\",loss_smoothed,2,0.5\n"
            "\"sst2, seed 42\",lr,1,1e-05\n"
            "\"sst2, seed 42\",lr,2,2e-05\n"
            "\"sst2, seed 42\",eval:accuracy,2,0.875\n"
            "old,loss,1,0.9\n"
            "old,loss_smoothed,1,0.9\n"
            "old,eval:accuracy,1,0.5\n");
  EXPECT_FALSE(chart.exportCsv(qs(tmp / "missing" / "x.csv"), &error));
  EXPECT_FALSE(error.isEmpty());
}

TEST(TrainingChartTest, ClearRemovesTheLiveRunOnly) {
  TrainingChartWidget chart;
  chart.appendStep(1, 0.7, 1e-5);
  chart.appendEval(1, QStringLiteral("mcc"), 0.2);
  chart.addOverlay(QStringLiteral("old"), {1}, {0.9}, {});
  chart.flushAndReplotNow();
  chart.clear();
  EXPECT_TRUE(chart.lossPoints().empty());
  EXPECT_TRUE(chart.evalPoints(QStringLiteral("mcc")).empty());
  EXPECT_EQ(chart.overlayLabels(), QStringList{QStringLiteral("old")});
  // Smoothing starts afresh.
  chart.appendStep(1, 2.0, 1e-5);
  chart.flushAndReplotNow();
  ASSERT_EQ(chart.smoothedLossPoints().size(), 1u);
  EXPECT_DOUBLE_EQ(chart.smoothedLossPoints()[0].second, 2.0);
}

TEST(TrainingChartTest, LargeRunsReplotFast) {
  // 100k points on each of 5 curves (raw, smoothed, learning rate, two overlays): the view
  // must stay interactive. A loose bound here; the benchmark measures it properly.
  TrainingChartWidget chart;
  chart.resize(1200, 800);
  chart.show();
  constexpr int kPoints = 100000;
  std::vector<double> steps(kPoints);
  std::vector<double> losses(kPoints);
  for (int i = 0; i < kPoints; ++i) {
    steps[static_cast<size_t>(i)] = i + 1;
    losses[static_cast<size_t>(i)] = 0.3 + 0.4 * std::exp(-i / 20000.0) + 0.05 * std::sin(i * 0.7);
    chart.appendStep(i + 1, losses[static_cast<size_t>(i)], 2e-5 * (1.0 - i / double(kPoints)));
  }
  chart.addOverlay(QStringLiteral("a"), steps, losses, {});
  chart.addOverlay(QStringLiteral("b"), steps, losses, {});
  chart.flushAndReplotNow();
  double best = 1e9;
  for (int i = 0; i < 3; ++i) {
    best = std::min(best, chart.flushAndReplotNow());
  }
  EXPECT_EQ(chart.lossPoints().size(), static_cast<size_t>(kPoints));
  EXPECT_LT(best, 250.0);  // ms; sanitizer builds are slow
  std::printf("replot of 5 x 100k points: %.1f ms\n", best);
}

TEST(TrainingChartTest, Screenshot) {
  TrainingChartWidget chart;
  chart.setRunLabel(QStringLiteral("SST-2 · Child-Tuning_D p=0.3"));
  {
    // The overlay: an earlier vanilla run, a little worse.
    TrainingChartWidget source;
    feedRealisticRun(source, 2400, 3, 0.12);
    source.flushAndReplotNow();
    std::vector<double> steps;
    std::vector<double> losses;
    for (const auto& [s, l] : source.lossPoints()) {
      steps.push_back(s);
      losses.push_back(l);
    }
    std::vector<EvalPoint> evals;
    for (const auto& [s, v] : source.evalPoints(QStringLiteral("accuracy"))) {
      evals.push_back({s, QStringLiteral("accuracy"), v - 0.012});
    }
    chart.addOverlay(QStringLiteral("SST-2 · vanilla"), steps, losses, evals);
  }
  feedRealisticRun(chart, 1800, 1, 0.08);
  chart.setSmoothing(0.85);
  chart.flushAndReplotNow();
  EXPECT_EQ(chart.lossPoints().size(), 1800u);
  const QImage image =
      test::saveWidgetScreenshot(chart, QStringLiteral("training-chart"), {1000, 640});
  ASSERT_FALSE(image.isNull());
  EXPECT_GT(test::distinctColours(image), 20);
  chart.setPalette(test::darkPalette());
  chart.setLogScaleLoss(true);
  const QImage dark =
      test::saveWidgetScreenshot(chart, QStringLiteral("training-chart-dark-log"), {1000, 640});
  ASSERT_FALSE(dark.isNull());
  EXPECT_LT(dark.pixelColor(2, dark.height() / 2).lightness(), 110);
}

}  // namespace
}  // namespace childtune::widgets
