// RunStore: what goes in comes back out (runs, steps, evaluations, Fisher summaries, masks,
// weight maps, checkpoints, tags), and the queries the app and CLI use: filter/sort, decimated
// curves, config comparison, seed groups, mask overlap, stale-run detection.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "childtune/run_store.h"
#include "support/test_env.h"

namespace childtune::core {
namespace {

RunConfig config(const std::string& task = "RTE", Method method = Method::Vanilla,
                 uint64_t seed = 42) {
  RunConfig c;
  c.modelDir = "/models/all-MiniLM-L6-v2";
  c.task = task;
  c.method = method;
  c.seed = seed;
  return c;
}

StepStats stepAt(int64_t step, int64_t total = 100) {
  StepStats s;
  s.step = step;
  s.totalSteps = total;
  s.epoch = static_cast<int>(step / 50);
  s.loss = 1.0 / static_cast<double>(step);
  s.learningRate = 2e-5 * static_cast<double>(step) / static_cast<double>(total);
  s.gradNorm = 0.5 + static_cast<double>(step % 7);
  s.examplesPerSecond = 100.0 + static_cast<double>(step);
  s.tokensPerSecond = 5000.0;
  s.elapsedSeconds = 0.1 * static_cast<double>(step);
  return s;
}

EvalStats evalAt(int64_t step, const std::string& split, double accuracy) {
  EvalStats e;
  e.step = step;
  e.split = split;
  e.metrics = {{"accuracy", accuracy}, {"f1", accuracy - 0.05}};
  e.combined = accuracy - 0.025;
  e.loss = 0.7;
  return e;
}

PackedMask mask(const std::string& name, std::vector<int64_t> shape, int every) {
  int64_t n = 1;
  for (const auto d : shape) {
    n *= d;
  }
  std::vector<uint8_t> values(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    values[static_cast<size_t>(i)] = (i % every == 0) ? 1 : 0;
  }
  return packMask(name, std::move(shape), values.data(), n);
}

void expectStepsEqual(const StepStats& a, const StepStats& b) {
  EXPECT_EQ(a.step, b.step);
  EXPECT_EQ(a.totalSteps, b.totalSteps);
  EXPECT_EQ(a.epoch, b.epoch);
  EXPECT_DOUBLE_EQ(a.loss, b.loss);
  EXPECT_DOUBLE_EQ(a.learningRate, b.learningRate);
  EXPECT_DOUBLE_EQ(a.gradNorm, b.gradNorm);
  EXPECT_DOUBLE_EQ(a.examplesPerSecond, b.examplesPerSecond);
  EXPECT_DOUBLE_EQ(a.tokensPerSecond, b.tokensPerSecond);
  EXPECT_DOUBLE_EQ(a.elapsedSeconds, b.elapsedSeconds);
  EXPECT_EQ(a.maskDensityByLayer, b.maskDensityByLayer);
}

// Runs one SQL statement on the file directly (what another program would do).
void rawExec(const std::filesystem::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err != nullptr ? err : "") << " in " << sql;
  sqlite3_free(err);
  sqlite3_close(db);
}

TEST(RunStore, CreatesTheFileAndItsFolderWithTheCurrentSchema) {
  test::TempDir dir;
  const auto path = dir / "deep" / "er" / "runs.sqlite";
  {
    RunStore store(path);
    EXPECT_TRUE(store.listRuns().empty());
    EXPECT_EQ(store.integrityCheck(), "ok");
  }
  ASSERT_TRUE(std::filesystem::exists(path));
  RunStore again(path, RunStore::Mode::ReadOnly);
  EXPECT_TRUE(again.listRuns().empty());
}

TEST(RunStore, DefaultPathIsUnderChildTuneHome) {
  test::TempDir dir;
  test::ScopedEnv home("CHILDTUNE_HOME", dir.path().string());
  EXPECT_EQ(RunStore::defaultPath(), dir.path() / "runs.sqlite");
}

TEST(RunStore, RunRecordKeepsConfigInputsAndStatus) {
  test::TempDir dir;
  RunStore store(dir / "runs.sqlite");
  auto c = config("SST-2", Method::ChildTuningD, 7);
  c.reserveP = 0.3;
  const int64_t id = store.createRun(c, RunStatus::Running, "first try");
  RunInputs inputs;
  inputs.modelDir = c.modelDir;
  inputs.weightsSha256 = std::string(64, 'a');
  inputs.dataFiles = {{"/glue/SST-2/train.tsv", std::string(64, 'b')},
                      {"/glue/SST-2/dev.tsv", std::string(64, 'c')}};
  inputs.device = "cpu (2 threads)";
  inputs.programVersion = "0.1.0";
  inputs.trainExamples = 640;
  inputs.totalSteps = 120;
  inputs.numLayers = 6;
  store.setInputs(id, inputs);

  const RunRecord r = store.run(id);
  EXPECT_EQ(r.id, id);
  EXPECT_EQ(r.name, "first try");
  EXPECT_EQ(r.status, RunStatus::Running);
  EXPECT_EQ(r.task, "SST-2");
  EXPECT_EQ(r.method, "ct-d");
  EXPECT_EQ(r.seed, 7u);
  EXPECT_EQ(r.modelDir, c.modelDir);
  EXPECT_EQ(r.weightsSha256, inputs.weightsSha256);
  ASSERT_EQ(r.dataFiles.size(), 2u);
  EXPECT_EQ(r.dataFiles[0].first, "/glue/SST-2/dev.tsv");  // sorted by path
  EXPECT_EQ(r.device, "cpu (2 threads)");
  EXPECT_EQ(r.programVersion, "0.1.0");
  EXPECT_EQ(r.totalSteps, 120);
  EXPECT_EQ(r.trainExamples, 640);
  EXPECT_EQ(r.numLayers, 6);
  EXPECT_TRUE(r.startedMs.has_value());
  EXPECT_FALSE(r.finishedMs.has_value());
  EXPECT_EQ(r.ownerPid, static_cast<int64_t>(getpid()));
  // The stored config is the validated RunConfig and parses back to the same settings.
  const auto back = RunConfig::fromJson(r.configJson, "stored");
  EXPECT_EQ(back.task, "SST-2");
  EXPECT_EQ(back.method, Method::ChildTuningD);
  EXPECT_DOUBLE_EQ(back.effectiveP(), 0.3);

  store.markEnded(id, RunStatus::Failed, "numerical error: NaN loss at step 3");
  const RunRecord failed = store.run(id);
  EXPECT_EQ(failed.status, RunStatus::Failed);
  EXPECT_EQ(failed.errorText, "numerical error: NaN loss at step 3");
  EXPECT_TRUE(failed.finishedMs.has_value());
  EXPECT_EQ(failed.ownerPid, 0);
}

TEST(RunStore, InvalidConfigIsRefusedBeforeAnythingIsWritten) {
  test::TempDir dir;
  RunStore store(dir / "runs.sqlite");
  auto c = config();
  c.learningRate = -1.0;
  test::errorOf([&] { store.createRun(c, RunStatus::Queued); }, ErrorCode::Config);
  EXPECT_TRUE(store.listRuns().empty());
}

TEST(RunStore, UnknownRunIdIsADataErrorNamingIt) {
  test::TempDir dir;
  RunStore store(dir / "runs.sqlite");
  const auto message = test::errorOf([&] { store.run(17); }, ErrorCode::Data);
  EXPECT_NE(message.find("no run 17"), std::string::npos) << message;
  test::errorOf([&] { store.deleteRun(17); }, ErrorCode::Data);
  EXPECT_FALSE(store.findRun(17).has_value());
}

TEST(RunStore, StepsRoundTripAndAdvanceLastStep) {
  test::TempDir dir;
  RunStore store(dir / "runs.sqlite");
  const int64_t id = store.createRun(config(), RunStatus::Running);
  std::vector<StepStats> batch;
  for (int64_t s = 1; s <= 20; ++s) {
    batch.push_back(stepAt(s));
  }
  batch[9].maskDensityByLayer = {0.3, 0.31, 0.29, 0.3, 0.28, 0.33};
  store.appendSteps(id, batch);
  EXPECT_EQ(store.run(id).lastStep, 20);
  EXPECT_EQ(store.run(id).totalSteps, 100);
  const auto back = store.steps(id);
  ASSERT_EQ(back.size(), batch.size());
  for (size_t i = 0; i < back.size(); ++i) {
    expectStepsEqual(back[i], batch[i]);
  }
  // A step recorded twice is a bug in the caller: refused, and the batch is not half-applied.
  std::vector<StepStats> overlapping = {stepAt(21), stepAt(20)};
  test::errorOf([&] { store.appendSteps(id, overlapping); }, ErrorCode::Data);
  EXPECT_EQ(store.steps(id).size(), 20u);
  EXPECT_EQ(store.run(id).lastStep, 20);
}

TEST(RunStore, EvaluationsKeepMetricOrderAndFinalMetricsComeFromTheMainSplit) {
  test::TempDir dir;
  RunStore store(dir / "runs.sqlite");
  const int64_t id = store.createRun(config("MNLI"), RunStatus::Running);
  store.addEvaluation(id, evalAt(10, "dev_matched", 0.60));
  store.addEvaluation(id, evalAt(10, "dev_mismatched", 0.61));
  store.addEvaluation(id, evalAt(20, "dev_matched", 0.70));
  store.addEvaluation(id, evalAt(20, "dev_mismatched", 0.72));
  // Evaluating a step and split again (a resumed run) replaces the earlier result.
  store.addEvaluation(id, evalAt(20, "dev_matched", 0.71));
  const auto evals = store.evaluations(id);
  ASSERT_EQ(evals.size(), 4u);
  EXPECT_EQ(evals[0].split, "dev_matched");
  ASSERT_EQ(evals[0].metrics.size(), 2u);
  EXPECT_EQ(evals[0].metrics[0].first, "accuracy");
  EXPECT_EQ(evals[0].metrics[1].first, "f1");
  const auto curve = store.evaluationCurve(id, "dev_matched", "accuracy");
  ASSERT_EQ(curve.size(), 2u);
  EXPECT_DOUBLE_EQ(curve[1].x, 20.0);
  EXPECT_DOUBLE_EQ(curve[1].y, 0.71);

  store.markFinished(id);
  const auto r = store.run(id);
  EXPECT_EQ(r.status, RunStatus::Finished);
  ASSERT_TRUE(r.finalCombined.has_value());
  EXPECT_DOUBLE_EQ(*r.finalCombined, 0.71 - 0.025);
  ASSERT_EQ(r.finalMetrics.size(), 2u);
  EXPECT_EQ(r.finalMetrics[0].first, "accuracy");
  EXPECT_DOUBLE_EQ(r.finalMetrics[0].second, 0.71);
}

TEST(RunStore, FisherSummaryRoundTrips) {
  test::TempDir dir;
  RunStore store(dir / "runs.sqlite");
  const int64_t id = store.createRun(config("RTE", Method::ChildTuningD), RunStatus::Running);
  EXPECT_FALSE(store.fisherSummary(id).has_value());
  FisherSummary s;
  s.pD = 0.3;
  s.threshold = 1.5e-9;
  s.selected = 300;
  s.total = 1000;
  s.batches = 8;
  s.numLayers = 2;
  s.kinds = {ModuleKind::Query, ModuleKind::Intermediate};
  s.overall.log10Min = -15;
  s.overall.log10Max = -3;
  s.overall.counts = {1, 2, 3, 4000000000LL};
  s.overall.zeros = 5;
  for (int layer = 0; layer < 2; ++layer) {
    for (const auto kind : s.kinds) {
      FisherCell c;
      c.layer = layer;
      c.kind = kind;
      c.elements = 250;
      c.selected = 75 + layer;
      c.mean = 1e-8 * (layer + 1);
      c.median = 5e-9;
      c.max = 1e-6;
      c.histogram.log10Min = -15;
      c.histogram.log10Max = -3;
      c.histogram.counts = {layer, 10, 20, 30};
      c.histogram.zeros = layer;
      s.cells.push_back(c);
    }
  }
  FisherTensorInfo t;
  t.name = "bert.encoder.layer.0.attention.self.query.weight";
  t.layer = 0;
  t.kind = ModuleKind::Query;
  t.shape = {384, 384};
  t.elements = 384 * 384;
  t.selected = 1000;
  t.mean = 2e-9;
  t.max = 1e-6;
  s.tensors.push_back(t);
  store.saveFisherSummary(id, s);
  store.saveFisherSummary(id, s);  // replaces, does not duplicate

  const auto back = store.fisherSummary(id);
  ASSERT_TRUE(back.has_value());
  EXPECT_DOUBLE_EQ(back->pD, 0.3);
  EXPECT_DOUBLE_EQ(back->threshold, 1.5e-9);
  EXPECT_EQ(back->selected, 300);
  EXPECT_EQ(back->total, 1000);
  EXPECT_EQ(back->batches, 8);
  EXPECT_EQ(back->numLayers, 2);
  EXPECT_EQ(back->kinds, s.kinds);
  EXPECT_EQ(back->overall.counts, s.overall.counts);
  EXPECT_EQ(back->overall.zeros, 5);
  ASSERT_EQ(back->cells.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(back->cells[i].layer, s.cells[i].layer);
    EXPECT_EQ(back->cells[i].kind, s.cells[i].kind);
    EXPECT_EQ(back->cells[i].selected, s.cells[i].selected);
    EXPECT_DOUBLE_EQ(back->cells[i].mean, s.cells[i].mean);
    EXPECT_EQ(back->cells[i].histogram.counts, s.cells[i].histogram.counts);
    EXPECT_EQ(back->cells[i].histogram.zeros, s.cells[i].histogram.zeros);
    EXPECT_DOUBLE_EQ(back->cells[i].histogram.log10Min, -15);
  }
  ASSERT_NE(back->cell(1, ModuleKind::Intermediate), nullptr);
  EXPECT_EQ(back->cell(1, ModuleKind::Intermediate)->selected, 76);
  ASSERT_EQ(back->tensors.size(), 1u);
  EXPECT_EQ(back->tensors[0].name, t.name);
  EXPECT_EQ(back->tensors[0].shape, t.shape);
  EXPECT_EQ(back->tensors[0].kind, ModuleKind::Query);
}

TEST(RunStore, MasksRoundTripBitForBitAndAreCompressed) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  RunStore store(path);
  const int64_t id = store.createRun(config("RTE", Method::ChildTuningD), RunStatus::Running);
  // A regular mask compresses well; a 1-element and a 0-element tensor are edge cases.
  const std::vector<PackedMask> masks = {mask("q.weight", {384, 384}, 3), mask("b", {1}, 1),
                                         mask("empty", {0}, 1), mask("odd", {3, 5}, 2)};
  store.saveMasks(id, masks);
  const auto back = store.masks(id);
  ASSERT_EQ(back.size(), masks.size());
  for (size_t i = 0; i < masks.size(); ++i) {
    EXPECT_EQ(back[i].name, masks[i].name);
    EXPECT_EQ(back[i].shape, masks[i].shape);
    EXPECT_EQ(back[i].selected, masks[i].selected);
    EXPECT_EQ(back[i].bits, masks[i].bits);
  }
  // 384*384/8 = 18432 bytes packed; the stored blob must be much smaller.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(db, "SELECT length(bits), encoding FROM masks WHERE name = 'q.weight'", -1,
                         &st, nullptr),
      SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_LT(sqlite3_column_int(st, 0), 18432 / 4);
  EXPECT_EQ(sqlite3_column_int(st, 1), 1);  // zlib
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST(RunStore, CorruptMaskBlobIsADataErrorNotACrash) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  int64_t id = 0;
  {
    RunStore store(path);
    id = store.createRun(config("RTE", Method::ChildTuningD), RunStatus::Running);
    store.saveMasks(id, {mask("q.weight", {64, 64}, 3)});
  }
  rawExec(path, "UPDATE masks SET bits = x'00112233445566'");
  RunStore store(path);
  const auto message = test::errorOf([&] { store.masks(id); }, ErrorCode::Data);
  EXPECT_NE(message.find("q.weight"), std::string::npos) << message;
}

TEST(RunStore, WeightMapsRoundTrip) {
  test::TempDir dir;
  RunStore store(dir / "runs.sqlite");
  const int64_t id = store.createRun(config("RTE", Method::ChildTuningD), RunStatus::Running);
  WeightMap m;
  m.name = "bert.encoder.layer.1.output.dense.weight";
  m.rows = 384;
  m.cols = 1536;
  m.mapRows = 16;
  m.mapCols = 64;
  m.threshold = 2e-9;
  for (int i = 0; i < m.mapRows * m.mapCols; ++i) {
    m.fisher.push_back(static_cast<float>(i) * 1e-9f);
    m.childFraction.push_back(static_cast<float>(i % 10) / 10.0f);
  }
  WeightMap bias;
  bias.name = "bert.encoder.layer.1.output.dense.bias";
  bias.rows = 1;
  bias.cols = 384;
  bias.mapRows = 1;
  bias.mapCols = 64;
  bias.fisher.assign(64, 1.0f);
  bias.childFraction.assign(64, 0.5f);
  store.saveWeightMaps(id, {m, bias});
  EXPECT_EQ(store.weightMapNames(id), (std::vector<std::string>{m.name, bias.name}));
  const auto back = store.weightMap(id, m.name);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->rows, 384);
  EXPECT_EQ(back->cols, 1536);
  EXPECT_EQ(back->mapRows, 16);
  EXPECT_EQ(back->mapCols, 64);
  EXPECT_DOUBLE_EQ(back->threshold, 2e-9);
  EXPECT_EQ(back->fisher, m.fisher);
  EXPECT_EQ(back->childFraction, m.childFraction);
  EXPECT_FALSE(store.weightMap(id, "nope").has_value());
  WeightMap broken = m;
  broken.fisher.pop_back();
  test::errorOf([&] { store.saveWeightMaps(id, {broken}); }, ErrorCode::Internal);
  EXPECT_EQ(store.weightMapNames(id).size(), 2u);  // the failed save changed nothing
}

TEST(RunStore, CheckpointsTagsNotesAndCascadingDelete) {
  test::TempDir dir;
  RunStore store(dir / "runs.sqlite");
  const int64_t id = store.createRun(config(), RunStatus::Running);
  const int64_t other = store.createRun(config(), RunStatus::Running);
  std::filesystem::create_directories(dir / "ck" / "step-10");
  store.addCheckpoint(id, {10, (dir / "ck" / "step-10").string()});
  store.addCheckpoint(id, {20, (dir / "ck" / "step-20").string()});  // folder already pruned
  ASSERT_EQ(store.checkpoints(id).size(), 2u);
  const auto latest = store.latestCheckpoint(id);
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->step, 10);  // the newest one that still exists
  store.addTag(id, "baseline");
  store.addTag(id, "paper");
  store.addTag(id, "paper");
  store.addTag(other, "paper");
  store.removeTag(id, "baseline");
  store.setNotes(id, "shown in class on Monday");
  store.rename(id, "demo");
  store.appendSteps(id, {stepAt(1), stepAt(2)});
  store.addEvaluation(id, evalAt(2, "dev", 0.5));
  store.saveMasks(id, {mask("m", {8}, 2)});
  const auto r = store.run(id);
  EXPECT_EQ(r.tags, std::vector<std::string>{"paper"});
  EXPECT_EQ(r.notes, "shown in class on Monday");
  EXPECT_EQ(r.name, "demo");
  test::errorOf([&] { store.addTag(id, ""); }, ErrorCode::Config);

  store.deleteRun(id);
  EXPECT_FALSE(store.findRun(id).has_value());
  EXPECT_TRUE(store.steps(id).empty());
  EXPECT_TRUE(store.evaluations(id).empty());
  EXPECT_TRUE(store.masks(id).empty());
  EXPECT_TRUE(store.checkpoints(id).empty());
  EXPECT_EQ(store.run(other).tags, std::vector<std::string>{"paper"});
  EXPECT_EQ(store.integrityCheck(), "ok");
}

TEST(RunStore, TruncateAfterDropsWhatAResumedRunRecordsAgain) {
  test::TempDir dir;
  RunStore store(dir / "runs.sqlite");
  const int64_t id = store.createRun(config(), RunStatus::Running);
  std::vector<StepStats> steps;
  for (int64_t s = 1; s <= 30; ++s) {
    steps.push_back(stepAt(s));
  }
  store.appendSteps(id, steps);
  store.addEvaluation(id, evalAt(10, "dev", 0.5));
  store.addEvaluation(id, evalAt(30, "dev", 0.6));
  store.addCheckpoint(id, {10, "/ck/10"});
  store.addCheckpoint(id, {20, "/ck/20"});
  store.truncateAfter(id, 20);
  EXPECT_EQ(store.steps(id).size(), 20u);
  EXPECT_EQ(store.run(id).lastStep, 20);
  ASSERT_EQ(store.evaluations(id).size(), 1u);
  EXPECT_EQ(store.checkpoints(id).size(), 2u);
  store.appendSteps(id, {stepAt(21)});
  EXPECT_EQ(store.run(id).lastStep, 21);
}

TEST(RunStore, ListFiltersAndSorts) {
  test::TempDir dir;
  RunStore store(dir / "runs.sqlite");
  const int64_t a = store.createRun(config("RTE", Method::Vanilla, 1), RunStatus::Queued);
  const int64_t b = store.createRun(config("rte", Method::ChildTuningD, 2), RunStatus::Running);
  auto other = config("CoLA", Method::ChildTuningF, 3);
  other.modelDir = "/models/bert-base-uncased/";
  const int64_t c = store.createRun(other, RunStatus::Running);
  store.addTag(b, "paper");
  store.addEvaluation(b, evalAt(1, "dev", 0.9));
  store.markFinished(b);
  store.addEvaluation(c, evalAt(1, "dev", 0.4));
  store.markFinished(c);

  auto ids = [](const std::vector<RunRecord>& runs) {
    std::vector<int64_t> out;
    for (const auto& r : runs) {
      out.push_back(r.id);
    }
    return out;
  };
  EXPECT_EQ(ids(store.listRuns()), (std::vector<int64_t>{c, b, a}));  // newest first
  RunFilter f;
  f.task = "RTE";  // case-insensitive
  EXPECT_EQ(ids(store.listRuns(f)), (std::vector<int64_t>{b, a}));
  f = {};
  f.method = "ct-d";
  EXPECT_EQ(ids(store.listRuns(f)), (std::vector<int64_t>{b}));
  f = {};
  f.status = RunStatus::Queued;
  EXPECT_EQ(ids(store.listRuns(f)), (std::vector<int64_t>{a}));
  f = {};
  f.tag = "paper";
  EXPECT_EQ(ids(store.listRuns(f)), (std::vector<int64_t>{b}));
  f = {};
  f.model = "bert-base-uncased";  // last path component, trailing slash ignored
  EXPECT_EQ(ids(store.listRuns(f)), (std::vector<int64_t>{c}));
  f.model = "base-uncased";  // not a whole component
  EXPECT_TRUE(store.listRuns(f).empty());
  f.model = "/models/all-MiniLM-L6-v2";
  EXPECT_EQ(ids(store.listRuns(f)), (std::vector<int64_t>{b, a}));
  f = {};
  f.sort = RunSort::FinalScore;
  EXPECT_EQ(ids(store.listRuns(f)), (std::vector<int64_t>{b, c, a}));  // unscored last
  f.descending = false;
  EXPECT_EQ(ids(store.listRuns(f)), (std::vector<int64_t>{c, b, a}));
  f = {};
  f.sort = RunSort::Created;
  f.descending = false;
  f.limit = 2;
  EXPECT_EQ(ids(store.listRuns(f)), (std::vector<int64_t>{a, b}));
  f = {};
  f.createdAfterMs = store.run(a).createdMs + 1'000'000;
  EXPECT_TRUE(store.listRuns(f).empty());
  f = {};
  f.createdBeforeMs = store.run(c).createdMs + 1;
  EXPECT_EQ(store.listRuns(f).size(), 3u);
}

TEST(DecimateMinMax, KeepsEndsAndSpikesWithinTheBudget) {
  std::vector<CurvePoint> points;
  for (int i = 0; i < 100000; ++i) {
    points.push_back({static_cast<double>(i + 1), std::sin(i * 0.001)});
  }
  points[31337].y = 50.0;  // a loss spike
  points[77777].y = -50.0;
  const auto out = decimateMinMax(points, 1000);
  ASSERT_LE(out.size(), 1000u);
  EXPECT_GE(out.size(), 990u);
  EXPECT_DOUBLE_EQ(out.front().x, 1.0);
  EXPECT_DOUBLE_EQ(out.back().x, 100000.0);
  EXPECT_TRUE(std::is_sorted(out.begin(), out.end(),
                             [](const auto& p, const auto& q) { return p.x < q.x; }));
  const auto has = [&](double x, double y) {
    return std::any_of(out.begin(), out.end(), [&](const auto& p) { return p.x == x && p.y == y; });
  };
  EXPECT_TRUE(has(31338.0, 50.0));
  EXPECT_TRUE(has(77778.0, -50.0));
  // The envelope is kept: every bucket's extremes are there, so min/max of the output match.
  const auto [lo, hi] = std::minmax_element(out.begin(), out.end(),
                                            [](const auto& p, const auto& q) { return p.y < q.y; });
  EXPECT_DOUBLE_EQ(lo->y, -50.0);
  EXPECT_DOUBLE_EQ(hi->y, 50.0);
}

TEST(DecimateMinMax, ShortCurvesAndTinyBudgets) {
  std::vector<CurvePoint> points = {{1, 1}, {2, 5}, {3, 2}};
  EXPECT_EQ(decimateMinMax(points, 10).size(), 3u);
  std::vector<CurvePoint> many;
  for (int i = 0; i < 50; ++i) {
    many.push_back({static_cast<double>(i), static_cast<double>(i % 5)});
  }
  const auto out = decimateMinMax(many, 1);  // treated as 4
  EXPECT_LE(out.size(), 4u);
  EXPECT_DOUBLE_EQ(out.front().x, 0.0);
  EXPECT_DOUBLE_EQ(out.back().x, 49.0);
}

TEST(RunStore, CurveIsDecimatedFromStoredSteps) {
  test::TempDir dir;
  RunStore store(dir / "runs.sqlite");
  const int64_t id = store.createRun(config(), RunStatus::Running);
  std::vector<StepStats> steps;
  for (int64_t s = 1; s <= 5000; ++s) {
    steps.push_back(stepAt(s, 5000));
  }
  store.appendSteps(id, steps);
  const auto full = store.curve(id, StepMetric::Loss);
  ASSERT_EQ(full.size(), 5000u);
  EXPECT_DOUBLE_EQ(full[0].y, 1.0);
  const auto lr = store.curve(id, StepMetric::LearningRate, 100);
  ASSERT_LE(lr.size(), 100u);
  EXPECT_DOUBLE_EQ(lr.back().y, 2e-5);
  const auto grad = store.curve(id, StepMetric::GradNorm, 100);
  EXPECT_DOUBLE_EQ(std::max_element(grad.begin(), grad.end(),
                                    [](const auto& p, const auto& q) { return p.y < q.y; })
                       ->y,
                   6.5);
}

TEST(RunStore, CompareIgnoresSeedAndOutputSettings) {
  test::TempDir dir;
  RunStore store(dir / "runs.sqlite");
  auto c1 = config("RTE", Method::ChildTuningD, 1);
  c1.outDir = "/out/a";
  c1.threads = 2;
  auto c2 = config("RTE", Method::ChildTuningD, 2);
  c2.outDir = "/out/b";
  c2.checkpointEverySteps = 10;
  auto c3 = c2;
  c3.learningRate = 4e-5;
  c3.reserveP = 0.2;
  const int64_t a = store.createRun(c1, RunStatus::Queued);
  const int64_t b = store.createRun(c2, RunStatus::Queued);
  const int64_t c = store.createRun(c3, RunStatus::Queued);
  EXPECT_TRUE(store.compare({a, b}).sameExceptSeed());
  const auto diff = store.compare({a, b, c});
  ASSERT_EQ(diff.differences.size(), 2u);
  EXPECT_EQ(diff.differences[0].key, "lr");
  ASSERT_EQ(diff.differences[0].values.size(), 3u);
  EXPECT_EQ(diff.differences[0].values[0], diff.differences[0].values[1]);
  EXPECT_NE(diff.differences[0].values[1], diff.differences[0].values[2]);
  EXPECT_EQ(diff.differences[1].key, "p");
  EXPECT_EQ(diff.runs.size(), 3u);
  EXPECT_EQ(configGroupKey(store.run(a).configJson), configGroupKey(store.run(b).configJson));
  EXPECT_NE(configGroupKey(store.run(a).configJson), configGroupKey(store.run(c).configJson));
}

TEST(RunStore, GroupBySeedGivesMeanStdMinMaxOfFinalMetrics) {
  test::TempDir dir;
  RunStore store(dir / "runs.sqlite");
  const std::vector<double> accuracies = {0.60, 0.70, 0.65, 0.75};
  std::vector<int64_t> ctd;
  for (size_t i = 0; i < accuracies.size(); ++i) {
    const int64_t id =
        store.createRun(config("RTE", Method::ChildTuningD, 10 + i), RunStatus::Running);
    store.addEvaluation(id, evalAt(5, "dev", accuracies[i]));
    store.markFinished(id);
    ctd.push_back(id);
  }
  const int64_t vanilla = store.createRun(config("RTE", Method::Vanilla, 1), RunStatus::Running);
  store.addEvaluation(vanilla, evalAt(5, "dev", 0.55));
  store.markFinished(vanilla);
  // Unfinished runs are not part of any group.
  const int64_t failed =
      store.createRun(config("RTE", Method::ChildTuningD, 99), RunStatus::Running);
  store.addEvaluation(failed, evalAt(5, "dev", 0.99));
  store.markEnded(failed, RunStatus::Failed, "boom");

  auto groups = store.groupBySeed();
  ASSERT_EQ(groups.size(), 2u);
  std::sort(groups.begin(), groups.end(),
            [](const auto& x, const auto& y) { return x.runIds.size() > y.runIds.size(); });
  const auto& g = groups[0];
  EXPECT_EQ(g.method, "ct-d");
  EXPECT_EQ(g.runIds, ctd);
  EXPECT_EQ(g.seeds, (std::vector<uint64_t>{10, 11, 12, 13}));
  EXPECT_EQ(g.configJson.find("\"seed\""), std::string::npos);
  ASSERT_EQ(g.metrics.size(), 3u);  // accuracy, f1, combined
  const auto& acc = g.metrics[0];
  EXPECT_EQ(acc.metric, "accuracy");
  EXPECT_EQ(acc.count, 4);
  EXPECT_NEAR(acc.mean, 0.675, 1e-12);
  // Sample standard deviation of {0.60, 0.70, 0.65, 0.75}: sqrt(0.0125 / 3).
  EXPECT_NEAR(acc.std, std::sqrt(0.0125 / 3.0), 1e-12);
  EXPECT_DOUBLE_EQ(acc.min, 0.60);
  EXPECT_DOUBLE_EQ(acc.max, 0.75);
  EXPECT_EQ(g.metrics[2].metric, "combined");
  EXPECT_NEAR(g.metrics[2].mean, 0.65, 1e-12);
  EXPECT_EQ(groups[1].runIds, std::vector<int64_t>{vanilla});
  EXPECT_DOUBLE_EQ(groups[1].metrics[0].std, 0.0);

  RunFilter f;
  f.method = "vanilla";
  EXPECT_EQ(store.groupBySeed(f).size(), 1u);
}

TEST(RunStore, MaskOverlapPerLayerAndOverall) {
  test::TempDir dir;
  RunStore store(dir / "runs.sqlite");
  const int64_t a = store.createRun(config("RTE", Method::ChildTuningD), RunStatus::Running);
  const int64_t b = store.createRun(config("CoLA", Method::ChildTuningD), RunStatus::Running);
  const int64_t none = store.createRun(config(), RunStatus::Running);
  const std::string q0 = "bert.encoder.layer.0.attention.self.query.weight";
  const std::string q1 = "bert.encoder.layer.1.attention.self.query.weight";
  // Layer 0 identical (Jaccard 1); layer 1: every 2nd vs every 3rd element -> |A n B| = every
  // 6th, |A u B| = 1/2 + 1/3 - 1/6 = 2/3 of 600 elements -> 100 / 400 = 0.25.
  store.saveMasks(a, {mask(q0, {10, 60}, 2), mask(q1, {10, 60}, 2)});
  store.saveMasks(b, {mask(q0, {10, 60}, 2), mask(q1, {10, 60}, 3)});
  const auto overlap = store.maskOverlap(a, b);
  ASSERT_GE(overlap.perLayer.size(), 2u);
  EXPECT_DOUBLE_EQ(overlap.perLayer[0], 1.0);
  EXPECT_DOUBLE_EQ(overlap.perLayer[1], 0.25);
  // Overall: (300 + 100) / (300 + 400).
  EXPECT_DOUBLE_EQ(overlap.overall, 400.0 / 700.0);
  EXPECT_TRUE(overlap.missing.empty());
  const auto message = test::errorOf([&] { store.maskOverlap(a, none); }, ErrorCode::Data);
  EXPECT_NE(message.find("no stored child network"), std::string::npos) << message;
}

TEST(RunStore, RunsOfDeadProcessesAreMarkedInterruptedOnOpen) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  int64_t dead = 0;
  int64_t alive = 0;
  int64_t remote = 0;
  int64_t reused = 0;
  {
    RunStore store(path);
    dead = store.createRun(config(), RunStatus::Running);
    alive = store.createRun(config(), RunStatus::Running);
    remote = store.createRun(config(), RunStatus::Running);
    reused = store.createRun(config(), RunStatus::Running);
  }
  // A pid that certainly no longer exists: a child that has exited and been reaped.
  const pid_t child = fork();
  if (child == 0) {
    _exit(0);
  }
  ASSERT_GT(child, 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  rawExec(path, "UPDATE runs SET owner_pid = " + std::to_string(child) +
                    " WHERE id = " + std::to_string(dead));
  rawExec(path, "UPDATE runs SET owner_host = 'elsewhere', owner_pid = " + std::to_string(child) +
                    " WHERE id = " + std::to_string(remote));
  // Our own pid with another start time: the pid was reused by this process.
  rawExec(path,
          "UPDATE runs SET owner_start = owner_start + 1 WHERE id = " + std::to_string(reused));

  RunStore store(path);
  EXPECT_EQ(store.interruptedOnOpen(), (std::vector<int64_t>{dead, reused}));
  EXPECT_EQ(store.run(dead).status, RunStatus::Interrupted);
  EXPECT_NE(store.run(dead).errorText.find(std::to_string(child)), std::string::npos);
  EXPECT_EQ(store.run(reused).status, RunStatus::Interrupted);
  EXPECT_EQ(store.run(alive).status, RunStatus::Running);   // this process owns it
  EXPECT_EQ(store.run(remote).status, RunStatus::Running);  // cannot tell on another host
  // A read-only open changes nothing.
  rawExec(path, "UPDATE runs SET status = 'running' WHERE id = " + std::to_string(dead));
  RunStore reader(path, RunStore::Mode::ReadOnly);
  EXPECT_EQ(reader.run(dead).status, RunStatus::Running);
  EXPECT_TRUE(reader.interruptedOnOpen().empty());
}

TEST(RunStore, StatusNamesRoundTrip) {
  for (const auto s : {RunStatus::Queued, RunStatus::Running, RunStatus::Finished,
                       RunStatus::Failed, RunStatus::Stopped, RunStatus::Interrupted}) {
    EXPECT_EQ(parseRunStatus(toString(s)), s);
  }
  EXPECT_FALSE(parseRunStatus("done").has_value());
}

}  // namespace
}  // namespace childtune::core
