// RunRecorder: batching by count and time, immediate writes for evaluations / checkpoints /
// Fisher results, status transitions, resume truncation, and forwarding to the next observer.

#include <gtest/gtest.h>

#include <thread>

#include "childtune/run_recorder.h"
#include "support/test_env.h"

namespace childtune::core {
namespace {

RunConfig config(Method method = Method::Vanilla) {
  RunConfig c;
  c.modelDir = "/models/tiny";
  c.task = "RTE";
  c.method = method;
  return c;
}

StepStats stepAt(int64_t step) {
  StepStats s;
  s.step = step;
  s.totalSteps = 1000;
  s.loss = 1.0 / static_cast<double>(step);
  s.learningRate = 1e-5;
  return s;
}

// Counts what reaches the next observer.
class CountingObserver final : public TrainingObserver {
 public:
  void onPhase(Phase) override { ++phases; }
  void onStep(const StepStats&) override { ++steps; }
  void onEvaluation(const EvalStats&) override { ++evaluations; }
  void onLog(const std::string&) override { ++logs; }
  void onCheckpoint(const CheckpointInfo&) override { ++checkpoints; }
  void onChildMasks(const std::vector<PackedMask>&) override { ++masks; }
  int phases = 0;
  int steps = 0;
  int evaluations = 0;
  int logs = 0;
  int checkpoints = 0;
  int masks = 0;
};

// What another thread or process sees: a separate connection.
int64_t visibleSteps(const std::filesystem::path& path, int64_t runId) {
  RunStore reader(path, RunStore::Mode::ReadOnly);
  return static_cast<int64_t>(reader.steps(runId).size());
}

TEST(RunRecorder, WritesStepsInBatchesOfTheConfiguredCount) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  RecorderOptions options;
  options.batchSteps = 50;
  options.batchInterval = std::chrono::hours(1);
  auto rec = RunRecorder::start(path, config(), nullptr, options);
  for (int64_t s = 1; s <= 49; ++s) {
    rec->onStep(stepAt(s));
  }
  EXPECT_EQ(visibleSteps(path, rec->runId()), 0);
  rec->onStep(stepAt(50));
  EXPECT_EQ(visibleSteps(path, rec->runId()), 50);
  for (int64_t s = 51; s <= 120; ++s) {
    rec->onStep(stepAt(s));
  }
  EXPECT_EQ(visibleSteps(path, rec->runId()), 100);
  rec->flush();
  EXPECT_EQ(visibleSteps(path, rec->runId()), 120);
  rec->finish();
  RunStore store(path);
  EXPECT_EQ(store.run(rec->runId()).status, RunStatus::Finished);
  EXPECT_EQ(store.run(rec->runId()).lastStep, 120);
}

TEST(RunRecorder, WritesAPendingStepAfterTheIntervalEvenInASmallBatch) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  RecorderOptions options;
  options.batchSteps = 1000;
  options.batchInterval = std::chrono::milliseconds(500);
  auto rec = RunRecorder::start(path, config(), nullptr, options);
  rec->onStep(stepAt(1));
  EXPECT_EQ(visibleSteps(path, rec->runId()), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  rec->onStep(stepAt(2));
  EXPECT_EQ(visibleSteps(path, rec->runId()), 2);
  rec->finish();
}

TEST(RunRecorder, EvaluationsCheckpointsAndMasksAreWrittenAtOnceWithPendingSteps) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  RecorderOptions options;
  options.batchInterval = std::chrono::hours(1);
  auto rec = RunRecorder::start(path, config(Method::ChildTuningD), nullptr, options);
  std::vector<uint8_t> bits(100, 1);
  rec->onChildMasks(
      {packMask("bert.encoder.layer.0.output.dense.weight", {10, 10}, bits.data(), 100)});
  for (int64_t s = 1; s <= 7; ++s) {
    rec->onStep(stepAt(s));
  }
  rec->onCheckpoint({7, (dir / "ck7").string()});
  {
    RunStore reader(path, RunStore::Mode::ReadOnly);
    EXPECT_EQ(reader.steps(rec->runId()).size(), 7u);
    ASSERT_EQ(reader.checkpoints(rec->runId()).size(), 1u);
    EXPECT_EQ(reader.checkpoints(rec->runId())[0].step, 7);
    EXPECT_EQ(reader.masks(rec->runId()).size(), 1u);
  }
  rec->onStep(stepAt(8));
  EvalStats e;
  e.step = 8;
  e.split = "dev";
  e.metrics = {{"accuracy", 0.5}};
  e.combined = 0.5;
  rec->onEvaluation(e);
  {
    RunStore reader(path, RunStore::Mode::ReadOnly);
    EXPECT_EQ(reader.steps(rec->runId()).size(), 8u);
    EXPECT_EQ(reader.evaluations(rec->runId()).size(), 1u);
  }
  RunInputs inputs;
  inputs.weightsSha256 = std::string(64, 'f');
  inputs.totalSteps = 1000;
  rec->onInputs(inputs);
  rec->finish();
  RunStore store(path);
  const auto r = store.run(rec->runId());
  EXPECT_EQ(r.weightsSha256, std::string(64, 'f'));
  ASSERT_TRUE(r.finalCombined.has_value());
  EXPECT_DOUBLE_EQ(*r.finalCombined, 0.5);
}

TEST(RunRecorder, FisherAnalysisStoresSummaryAndPooledWeightMaps) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  RecorderOptions options;
  options.weightMapSide = 8;
  auto rec = RunRecorder::start(path, config(Method::ChildTuningD), nullptr, options);
  std::vector<FisherAnalysis::Tensor> tensors(2);
  tensors[0].name = "bert.encoder.layer.0.attention.self.query.weight";
  tensors[0].shape = {32, 16};
  tensors[1].name = "bert.encoder.layer.0.attention.self.query.bias";
  tensors[1].shape = {32};
  for (auto& t : tensors) {
    const int64_t n = t.shape.size() == 2 ? t.shape[0] * t.shape[1] : t.shape[0];
    for (int64_t i = 0; i < n; ++i) {
      t.scores.push_back(static_cast<float>(i + 1) * 1e-6f);
    }
  }
  auto analysis = std::make_shared<const FisherAnalysis>(std::move(tensors), 4);
  const auto summary = analysis->summarize(0.3);
  rec->onFisherAnalysis(analysis, summary);
  RunStore reader(path, RunStore::Mode::ReadOnly);
  const auto stored = reader.fisherSummary(rec->runId());
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->selected, summary.selected);
  EXPECT_EQ(stored->cells.size(), summary.cells.size());
  EXPECT_EQ(reader.weightMapNames(rec->runId()).size(), 2u);
  const auto map = reader.weightMap(rec->runId(), analysis->tensors()[0].name);
  ASSERT_TRUE(map.has_value());
  EXPECT_LE(map->mapRows, 8);
  EXPECT_LE(map->mapCols, 8);
  const auto expected = analysis->weightMap(analysis->tensors()[0].name, 0.3, 8);
  EXPECT_EQ(map->fisher, expected.fisher);
  EXPECT_EQ(map->childFraction, expected.childFraction);
}

TEST(RunRecorder, FailMarksFailedOrStoppedAndKeepsWhatWasPending) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  RecorderOptions options;
  options.batchInterval = std::chrono::hours(1);
  int64_t failedId = 0;
  int64_t stoppedId = 0;
  {
    auto rec = RunRecorder::start(path, config(), nullptr, options);
    failedId = rec->runId();
    rec->onStep(stepAt(1));
    rec->fail(Error(ErrorCode::Numerical, "loss is NaN at step 2"));
  }
  {
    auto rec = RunRecorder::start(path, config(), nullptr, options);
    stoppedId = rec->runId();
    rec->fail(Error(ErrorCode::Cancelled, "stopped by the user"));
  }
  RunStore store(path);
  const auto failed = store.run(failedId);
  EXPECT_EQ(failed.status, RunStatus::Failed);
  EXPECT_NE(failed.errorText.find("loss is NaN at step 2"), std::string::npos);
  EXPECT_EQ(store.steps(failedId).size(), 1u);
  EXPECT_EQ(store.run(stoppedId).status, RunStatus::Stopped);
}

TEST(RunRecorder, DestroyedWithoutAResultMarksTheRunFailed) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  int64_t id = 0;
  {
    auto rec = RunRecorder::start(path, config());
    id = rec->runId();
    rec->onStep(stepAt(1));
  }
  RunStore store(path);
  EXPECT_EQ(store.run(id).status, RunStatus::Failed);
  EXPECT_EQ(store.steps(id).size(), 1u);
}

TEST(RunRecorder, ForwardsEveryEventToTheNextObserver) {
  test::TempDir dir;
  CountingObserver next;
  auto rec = RunRecorder::start(dir / "runs.sqlite", config(), &next);
  rec->onPhase(Phase::Training);
  rec->onStep(stepAt(1));
  rec->onLog("hello");
  EvalStats e;
  e.split = "dev";
  rec->onEvaluation(e);
  rec->onCheckpoint({1, "/nowhere"});
  rec->onChildMasks({});
  rec->finish();
  EXPECT_EQ(next.phases, 1);
  EXPECT_EQ(next.steps, 1);
  EXPECT_EQ(next.logs, 1);
  EXPECT_EQ(next.evaluations, 1);
  EXPECT_EQ(next.checkpoints, 1);
  EXPECT_EQ(next.masks, 1);
}

TEST(RunRecorder, ResumeDropsRowsAfterTheCheckpointAndRefusesFinishedRuns) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  RecorderOptions options;
  options.batchSteps = 1;
  int64_t id = 0;
  {
    auto rec = RunRecorder::start(path, config(), nullptr, options);
    id = rec->runId();
    for (int64_t s = 1; s <= 30; ++s) {
      rec->onStep(stepAt(s));
    }
    rec->onCheckpoint({20, (dir / "ck20").string()});
    rec->fail(Error(ErrorCode::Io, "disk on fire"));
  }
  {
    auto rec = RunRecorder::resume(path, id, 20, nullptr, options);
    EXPECT_EQ(rec->store().run(id).status, RunStatus::Running);
    EXPECT_EQ(rec->store().run(id).lastStep, 20);
    EXPECT_TRUE(rec->store().run(id).errorText.empty());
    // While it runs, a second resume is refused.
    const auto message =
        test::errorOf([&] { RunRecorder::resume(path, id, 20); }, ErrorCode::Config);
    EXPECT_NE(message.find("still running"), std::string::npos) << message;
    for (int64_t s = 21; s <= 40; ++s) {
      rec->onStep(stepAt(s));
    }
    rec->finish();
  }
  RunStore store(path);
  const auto steps = store.steps(id);
  ASSERT_EQ(steps.size(), 40u);
  for (size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(steps[i].step, static_cast<int64_t>(i + 1));
  }
  const auto message = test::errorOf([&] { RunRecorder::resume(path, id, 20); }, ErrorCode::Config);
  EXPECT_NE(message.find("already finished"), std::string::npos) << message;
}

}  // namespace
}  // namespace childtune::core
