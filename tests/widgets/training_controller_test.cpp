// TrainingController: real tiny runs on their own thread, events tagged with the run id, stop,
// pause/resume, failures as signals, and late events of a replaced run dropped.

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QThread>
#include <memory>
#include <thread>

#include "childtune/run_store.h"
#include "qt_training_observer.h"
#include "support/model_fixtures.h"
#include "support/test_env.h"
#include "training_controller.h"

namespace childtune::test {
namespace {

using app::RunId;
using app::TrainingController;

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

// The tiny BERT and an RTE-shaped task (32 train, 16 dev rows) in a temp folder.
class TrainingControllerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    writeReferenceModel("tiny-bert", dir_ / "model", 2);
    writeTinyRteTask(dir_ / "glue", 48);
  }

  core::RunConfig config(int epochs = 2) const {
    core::RunConfig c;
    c.modelDir = (dir_ / "model").string();
    c.task = "RTE";
    c.dataDir = (dir_ / "glue").string();
    c.method = core::Method::ChildTuningF;
    c.epochs = epochs;
    c.batchSize = 8;
    c.learningRate = 1e-3;
    c.threads = 1;
    return c;
  }

  TempDir dir_;
};

TEST_F(TrainingControllerTest, RealTinyRunReportsStepsEvaluationsAndFinishes) {
  TrainingController controller;
  QSignalSpy steps(&controller, &TrainingController::stepDone);
  QSignalSpy evals(&controller, &TrainingController::evaluated);
  QSignalSpy phases(&controller, &TrainingController::phaseChanged);
  QSignalSpy finished(&controller, &TrainingController::runFinished);
  QSignalSpy failed(&controller, &TrainingController::runFailed);

  const RunId id = controller.start(config(2));
  EXPECT_EQ(id, controller.currentRunId());
  EXPECT_TRUE(controller.isRunning());
  ASSERT_TRUE(waitUntil([&] { return !finished.isEmpty() || !failed.isEmpty(); }));
  ASSERT_TRUE(failed.isEmpty()) << failed.constFirst().at(1).toString().toStdString();
  EXPECT_FALSE(controller.isRunning());

  // 32 examples / batch 8 = 4 steps per epoch, 2 epochs, every step reported in order.
  ASSERT_EQ(steps.size(), 8);
  for (int i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(steps.at(i).at(0).value<RunId>(), id);
    const auto stats = steps.at(i).at(1).value<core::StepStats>();
    EXPECT_EQ(stats.step, i + 1);
    EXPECT_EQ(stats.totalSteps, 8);
    EXPECT_TRUE(std::isfinite(stats.loss));
  }
  // One evaluation per epoch on the dev split.
  ASSERT_EQ(evals.size(), 2);
  const auto eval = evals.last().at(1).value<core::EvalStats>();
  EXPECT_EQ(eval.split, "dev");
  EXPECT_GE(eval.combined, 0.0);
  EXPECT_LE(eval.combined, 1.0);
  const auto result = finished.constFirst().at(1).value<core::RunResult>();
  EXPECT_EQ(result.steps, 8);
  EXPECT_EQ(result.losses.size(), 8U);

  QList<core::Phase> seen;
  for (const auto& args : phases) {
    seen << args.at(1).value<core::Phase>();
  }
  EXPECT_TRUE(seen.contains(core::Phase::Tokenizing));
  EXPECT_TRUE(seen.contains(core::Phase::Training));
  EXPECT_TRUE(seen.contains(core::Phase::Evaluating));
  EXPECT_EQ(seen.last(), core::Phase::Finished);
  // The thread is joined and released once it has ended.
  EXPECT_TRUE(waitUntil([&] { return controller.activeThreads() == 0; }, 10000));
}

TEST_F(TrainingControllerTest, StopsOnRequestWithRunStopped) {
  TrainingController controller;
  QSignalSpy steps(&controller, &TrainingController::stepDone);
  QSignalSpy stopped(&controller, &TrainingController::runStopped);
  QSignalSpy finished(&controller, &TrainingController::runFinished);
  QSignalSpy failed(&controller, &TrainingController::runFailed);
  const RunId id = controller.start(config(500));  // 2000 steps: far longer than the test waits
  ASSERT_TRUE(waitUntil([&] { return !steps.isEmpty() || !failed.isEmpty(); }));
  ASSERT_TRUE(failed.isEmpty()) << failed.constFirst().at(1).toString().toStdString();
  controller.stop();
  EXPECT_TRUE(controller.isStopping());
  ASSERT_TRUE(waitUntil([&] { return !stopped.isEmpty(); }, 30000));
  EXPECT_EQ(stopped.constFirst().at(0).value<RunId>(), id);
  EXPECT_TRUE(finished.isEmpty());
  EXPECT_TRUE(failed.isEmpty());
  EXPECT_FALSE(controller.isRunning());
  EXPECT_FALSE(controller.isStopping());
  EXPECT_LT(steps.size(), 2000);
  EXPECT_TRUE(waitUntil([&] { return controller.activeThreads() == 0; }, 10000));
}

TEST_F(TrainingControllerTest, PausesBetweenStepsAndResumes) {
  TrainingController controller;
  QSignalSpy steps(&controller, &TrainingController::stepDone);
  QSignalSpy failed(&controller, &TrainingController::runFailed);
  controller.start(config(500));
  ASSERT_TRUE(waitUntil([&] { return !steps.isEmpty() || !failed.isEmpty(); }));
  controller.pause();
  ASSERT_TRUE(waitUntil([&] { return controller.isPaused(); }, 30000));
  // Events already queued before the pause took effect have been delivered by now.
  waitUntil([] { return false; }, 100);
  const auto atPause = steps.size();
  waitUntil([] { return false; }, 400);
  EXPECT_EQ(steps.size(), atPause) << "steps continued while paused";
  controller.resume();
  ASSERT_TRUE(waitUntil([&] { return steps.size() > atPause + 2; }, 30000));
  EXPECT_FALSE(controller.isPaused());
  QSignalSpy stopped(&controller, &TrainingController::runStopped);
  controller.stop();
  ASSERT_TRUE(waitUntil([&] { return !stopped.isEmpty(); }, 30000));
}

TEST_F(TrainingControllerTest, StopWhilePausedEndsTheRun) {
  TrainingController controller;
  QSignalSpy steps(&controller, &TrainingController::stepDone);
  QSignalSpy stopped(&controller, &TrainingController::runStopped);
  controller.start(config(500));
  ASSERT_TRUE(waitUntil([&] { return !steps.isEmpty(); }));
  controller.pause();
  ASSERT_TRUE(waitUntil([&] { return controller.isPaused(); }, 30000));
  controller.stop();
  ASSERT_TRUE(waitUntil([&] { return !stopped.isEmpty(); }, 30000));
}

TEST_F(TrainingControllerTest, DropsEventsOfAPreviousRun) {
  TrainingController controller;
  QList<RunId> stepIds;
  QObject context;
  QObject::connect(&controller, &TrainingController::stepDone, &context,
                   [&](RunId id, const core::StepStats&) { stepIds << id; });
  QSignalSpy stopped(&controller, &TrainingController::runStopped);
  QSignalSpy logs(&controller, &TrainingController::logLine);

  const RunId first = controller.start(config(500));
  ASSERT_TRUE(waitUntil([&] { return !stepIds.isEmpty(); }));
  // Replacing the run: the first one is asked to stop, but its steps that are still queued (and
  // its runStopped) must not reach us.
  const RunId second = controller.start(config(500));
  EXPECT_GT(second, first);
  stepIds.clear();
  ASSERT_TRUE(waitUntil([&] { return stepIds.size() >= 3; }));
  for (const RunId id : stepIds) {
    EXPECT_EQ(id, second);
  }
  EXPECT_TRUE(stopped.isEmpty()) << "the replaced run's runStopped was forwarded";

  // Deterministically: events emitted on another thread by observers of the old and the current
  // run id; only the current one's arrive.
  app::QtTrainingObserver stale(first);
  app::QtTrainingObserver current(second);
  controller.connectObserver(&stale);
  controller.connectObserver(&current);
  logs.clear();
  std::thread emitter([&] {
    stale.onLog("from the old run");
    current.onLog("from the current run");
    stale.onLog("old again");
  });
  emitter.join();
  waitUntil([&] { return !logs.isEmpty(); }, 5000);
  waitUntil([] { return false; }, 50);
  QStringList texts;
  for (const auto& args : logs) {
    EXPECT_EQ(args.at(0).value<RunId>(), second);
    texts << args.at(1).toString();
  }
  EXPECT_TRUE(texts.contains(QStringLiteral("from the current run")));
  EXPECT_FALSE(texts.contains(QStringLiteral("from the old run")));
  EXPECT_FALSE(texts.contains(QStringLiteral("old again")));

  controller.stop();
  ASSERT_TRUE(waitUntil([&] { return !stopped.isEmpty(); }, 30000));
  EXPECT_EQ(stopped.constFirst().at(0).value<RunId>(), second);
  EXPECT_TRUE(waitUntil([&] { return controller.activeThreads() == 0; }, 30000));
}

TEST_F(TrainingControllerTest, BadConfigEndsInRunFailedNamingTheSetting) {
  TrainingController controller;
  QSignalSpy failed(&controller, &TrainingController::runFailed);
  auto bad = config();
  bad.learningRate = 5.0;
  const RunId id = controller.start(bad);
  ASSERT_TRUE(waitUntil([&] { return !failed.isEmpty(); }, 30000));
  EXPECT_EQ(failed.constFirst().at(0).value<RunId>(), id);
  EXPECT_TRUE(failed.constFirst().at(1).toString().contains(QStringLiteral("'lr'")))
      << failed.constFirst().at(1).toString().toStdString();
  EXPECT_FALSE(controller.isRunning());

  auto missing = config();
  missing.modelDir = (dir_ / "no-such-model").string();
  failed.clear();
  controller.start(missing);
  ASSERT_TRUE(waitUntil([&] { return !failed.isEmpty(); }, 30000));
  EXPECT_TRUE(failed.constFirst().at(1).toString().contains(QStringLiteral("no-such-model")))
      << failed.constFirst().at(1).toString().toStdString();
}

TEST_F(TrainingControllerTest, RecordsRunsIntoTheStoreAndResumesAStoppedRunFromItsCheckpoint) {
  TrainingController controller;
  QSignalSpy finished(&controller, &TrainingController::runFinished);
  QSignalSpy failed(&controller, &TrainingController::runFailed);
  // The uninterrupted run, not recorded.
  controller.start(config(2));
  ASSERT_TRUE(waitUntil([&] { return !finished.isEmpty() || !failed.isEmpty(); }));
  ASSERT_TRUE(failed.isEmpty()) << failed.constFirst().at(1).toString().toStdString();
  const auto losses = finished.constFirst().at(1).value<core::RunResult>().losses;
  ASSERT_EQ(losses.size(), 8u);

  // The same run recorded, stopped right after its first checkpoint (step 3).
  const auto storePath = dir_ / "runs.sqlite";
  controller.setStorePath(QString::fromStdString(storePath.string()));
  QSignalSpy recorded(&controller, &TrainingController::runRecorded);
  QSignalSpy stopped(&controller, &TrainingController::runStopped);
  QObject::connect(&controller, &TrainingController::checkpointWritten, &controller,
                   [&controller] { controller.stop(); });
  auto c = config(2);
  c.outDir = (dir_ / "out").string();
  c.checkpointEverySteps = 3;
  c.keepCheckpoints = 1;
  finished.clear();
  controller.start(c);
  ASSERT_TRUE(
      waitUntil([&] { return !stopped.isEmpty() || !finished.isEmpty() || !failed.isEmpty(); }));
  ASSERT_EQ(stopped.size(), 1);
  ASSERT_EQ(recorded.size(), 1);
  const qint64 storeId = recorded.constFirst().at(1).toLongLong();
  {
    core::RunStore store(storePath, core::RunStore::Mode::ReadOnly);
    EXPECT_EQ(store.run(storeId).status, core::RunStatus::Stopped);
    ASSERT_TRUE(store.latestCheckpoint(storeId).has_value());
    EXPECT_EQ(store.latestCheckpoint(storeId)->step, 3);
  }
  // Resuming continues from step 3 under the same id and ends exactly like the uninterrupted run.
  QObject::disconnect(&controller, &TrainingController::checkpointWritten, &controller, nullptr);
  recorded.clear();
  ASSERT_NE(controller.resumeStored(storeId), 0u);
  ASSERT_TRUE(waitUntil([&] { return !finished.isEmpty() || !failed.isEmpty(); }));
  ASSERT_TRUE(failed.isEmpty()) << failed.constFirst().at(1).toString().toStdString();
  ASSERT_EQ(recorded.size(), 1);
  EXPECT_EQ(recorded.constFirst().at(1).toLongLong(), storeId);
  EXPECT_EQ(finished.constFirst().at(1).value<core::RunResult>().losses, losses);
  {
    core::RunStore store(storePath, core::RunStore::Mode::ReadOnly);
    EXPECT_EQ(store.run(storeId).status, core::RunStatus::Finished);
    EXPECT_EQ(store.steps(storeId).size(), 8u);
  }
  // An unknown run cannot be resumed.
  EXPECT_EQ(controller.resumeStored(9999), 0u);
  EXPECT_EQ(failed.size(), 1);
}

TEST_F(TrainingControllerTest, DestructorStopsARunningRun) {
  QElapsedTimer timer;
  {
    TrainingController controller;
    QSignalSpy steps(&controller, &TrainingController::stepDone);
    controller.start(config(500));
    ASSERT_TRUE(waitUntil([&] { return !steps.isEmpty(); }));
    timer.start();
  }
  // Joined in the destructor within a few steps, not after the 2000-step run.
  EXPECT_LT(timer.elapsed(), 20000);
}

}  // namespace
}  // namespace childtune::test
