// The training side of the main window: a real demo run fills the Training view (phase,
// progress, charts, evaluation) and the status bar; the shortcuts; the Child network view
// re-thresholds a real FisherAnalysis and drills down into a weight matrix.

#include <gtest/gtest.h>

#include <QAction>
#include <QSignalSpy>
#include <random>
#include <tuple>

#include "child_network_page.h"
#include "childtune/widgets/child_network_heatmap.h"
#include "childtune/widgets/mask_density_plot.h"
#include "childtune/widgets/training_chart_widget.h"
#include "childtune/widgets/weight_map_view.h"
#include "childtune/widgets/what_if_control.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "support/test_env.h"
#include "training_controller.h"
#include "training_page.h"

namespace childtune::test {
namespace {

using app::MainWindow;

app::StartupOptions noSettings() {
  app::StartupOptions options;
  options.useSettings = false;
  return options;
}

class TrainingViewTest : public ::testing::Test {
 protected:
  TempDir tmp_;
  ScopedEnv home_{"CHILDTUNE_HOME", (tmp_ / "home").string()};
  ScopedEnv hub_{"HF_HUB_CACHE", (tmp_ / "hub").string()};
};

TEST_F(TrainingViewTest, ADemoRunFillsTheTrainingViewAndTheStatusBar) {
  MainWindow window(noSettings());
  QString error;
  ASSERT_TRUE(window.prepareDemo(QString::fromStdString((tmp_ / "demo").string()), &error))
      << error.toStdString();
  auto* start = window.findChild<QAction*>("startAction");
  auto* stop = window.findChild<QAction*>("stopAction");
  ASSERT_NE(start, nullptr);
  ASSERT_NE(stop, nullptr);
  EXPECT_TRUE(start->isEnabled()) << start->toolTip().toStdString();
  EXPECT_FALSE(stop->isEnabled());
  EXPECT_EQ(start->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
  EXPECT_EQ(stop->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Period));
  EXPECT_EQ(window.findChild<QAction*>("exportAction")->shortcut(),
            QKeySequence(Qt::CTRL | Qt::Key_E));

  QSignalSpy steps(window.trainingController(), &app::TrainingController::stepDone);
  ASSERT_TRUE(window.trainAndWait(120000, &error)) << error.toStdString();
  EXPECT_EQ(window.currentView(), MainWindow::View::Training);
  app::TrainingPage* page = window.trainingPage();
  EXPECT_EQ(page->progressValue(), 1000);
  page->chart()->flushAndReplotNow();
  EXPECT_EQ(page->chart()->lossPoints().size(), static_cast<size_t>(steps.size()));
  EXPECT_FALSE(page->chart()->evalPoints(QStringLiteral("accuracy")).empty());
  EXPECT_TRUE(page->lastEvaluationText().contains(QStringLiteral("accuracy")))
      << page->lastEvaluationText().toStdString();
  EXPECT_EQ(window.statusPhaseText(), QStringLiteral("Finished"));
  EXPECT_TRUE(window.statusDeviceText().contains(QStringLiteral("CPU")));
  EXPECT_TRUE(start->isEnabled());
  EXPECT_FALSE(stop->isEnabled());
}

TEST_F(TrainingViewTest, StopActionEndsARunningRun) {
  MainWindow window(noSettings());
  QString error;
  ASSERT_TRUE(window.prepareDemo(QString::fromStdString((tmp_ / "demo").string()), &error));
  QSignalSpy steps(window.trainingController(), &app::TrainingController::stepDone);
  QSignalSpy stopped(window.trainingController(), &app::TrainingController::runStopped);
  ASSERT_TRUE(window.startTraining());
  EXPECT_FALSE(window.findChild<QAction*>("startAction")->isEnabled());
  ASSERT_TRUE(steps.wait(60000) || !steps.isEmpty());
  window.findChild<QAction*>("stopAction")->trigger();
  ASSERT_TRUE(stopped.wait(30000) || !stopped.isEmpty());
  EXPECT_EQ(window.statusPhaseText(), QStringLiteral("Stopped"));
  EXPECT_TRUE(window.findChild<QAction*>("startAction")->isEnabled());
}

// A two-layer analysis with known scores: query and intermediate weights of layers 0 and 1.
app::FisherAnalysisPtr syntheticAnalysis() {
  std::vector<core::FisherAnalysis::Tensor> tensors;
  std::mt19937 rng(5);
  std::exponential_distribution<float> scores(1.0F);
  for (int layer = 0; layer < 2; ++layer) {
    for (const auto& [name, rows, cols] :
         {std::tuple<std::string, int64_t, int64_t>{"attention.self.query.weight", 16, 16},
          {"intermediate.dense.weight", 32, 16}}) {
      core::FisherAnalysis::Tensor t;
      t.name = "bert.encoder.layer." + std::to_string(layer) + "." + name;
      t.shape = {rows, cols};
      t.scores.resize(static_cast<size_t>(rows * cols));
      for (float& s : t.scores) {
        s = scores(rng) * (layer == 1 ? 10.0F : 1.0F);  // layer 1 matters more
      }
      tensors.push_back(std::move(t));
    }
  }
  return std::make_shared<const core::FisherAnalysis>(std::move(tensors), 4);
}

TEST(ChildNetworkPage, RethresholdsTheCachedScoresAndDrillsDown) {
  app::ChildNetworkPage page;
  core::RunConfig config;
  config.method = core::Method::ChildTuningD;
  config.reserveP = 0.3;
  page.beginRun(1, config);
  EXPECT_FALSE(page.hasAnalysis());
  const auto analysis = syntheticAnalysis();
  page.setAnalysis(analysis, analysis->summarize(0.3));
  EXPECT_FALSE(page.heatmap()->isEmpty());
  EXPECT_DOUBLE_EQ(page.whatIf()->pD(), 0.3);
  // The drill-down starts at the densest cell: a layer-1 weight matrix.
  EXPECT_TRUE(page.drillDownTensor().startsWith(QStringLiteral("bert.encoder.layer.1.")))
      << page.drillDownTensor().toStdString();
  EXPECT_FALSE(page.weightMap()->isEmpty());

  const double ms = page.rethreshold(0.1);
  EXPECT_LT(ms, 1000.0);
  EXPECT_DOUBLE_EQ(page.summary().pD, 0.1);
  EXPECT_NEAR(page.summary().fraction(), 0.1, 0.01);
  EXPECT_EQ(page.summary().selected, analysis->summarize(0.1).selected);
  EXPECT_TRUE(page.whatIf()->countsText().contains(QStringLiteral("%")))
      << page.whatIf()->countsText().toStdString();
  EXPECT_DOUBLE_EQ(page.weightMap()->weightMap().threshold, analysis->thresholdFor(0.1));

  page.showCell(0, core::ModuleKind::Intermediate);
  EXPECT_EQ(page.drillDownTensor(),
            QStringLiteral("bert.encoder.layer.0.intermediate.dense.weight"));
  EXPECT_EQ(page.weightMap()->weightMap().rows, 32);
}

TEST(ChildNetworkPage, ShowsTheMaskDensityOfChildTuningF) {
  app::ChildNetworkPage page;
  core::RunConfig config;
  config.method = core::Method::ChildTuningF;
  config.reserveP = 0.4;
  page.beginRun(2, config);
  page.showMaskDensity(10, {0.41, 0.39});
  EXPECT_EQ(page.maskDensity()->step(), 10);
  EXPECT_DOUBLE_EQ(page.maskDensity()->expectedDensity(), 0.4);
}

}  // namespace
}  // namespace childtune::test
