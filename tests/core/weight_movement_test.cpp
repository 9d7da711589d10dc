// Where the weights moved: the trainer's end-of-run report (TrainingObserver::onWeightMovement)
// against |Δw| computed directly from the pretrained and the exported fine-tuned safetensors
// files, the layer x module grid as sums of its tensors, and Child-Tuning_D weights outside the
// child network that do not move at all without weight decay.

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "childtune/trainer.h"
#include "childtune/weight_movement.h"
#include "io/safetensors.h"
#include "model/weight_names.h"
#include "support/model_fixtures.h"
#include "support/test_env.h"

namespace childtune::test {
namespace {

// Every tensor of a safetensors file as float32, under our parameter names.
std::map<std::string, std::vector<float>> readTensors(const std::filesystem::path& file) {
  const auto st = core::io::SafetensorsFile::open(file);
  std::map<std::string, std::vector<float>> out;
  for (const auto& info : st.tensors()) {
    out[core::detail::canonicalWeightName(info.name, "bert")] =
        core::io::toFloat32(info, st.bytes(info));
  }
  return out;
}

// The reference computation: plain loops in double over the two files' values.
core::MovementSums directSums(const std::vector<float>& trained,
                              const std::vector<float>& initial) {
  core::MovementSums s;
  s.elements = static_cast<int64_t>(initial.size());
  for (size_t i = 0; i < initial.size(); ++i) {
    const float delta = trained[i] - initial[i];  // float32 subtraction, as the trainer's
    const double d = std::fabs(static_cast<double>(delta));
    s.changed += delta != 0.0f ? 1 : 0;
    s.sumAbsDelta += d;
    s.maxAbsDelta = std::max(s.maxAbsDelta, d);
    s.sumSquaredDelta += d * d;
    s.sumSquaredInitial += static_cast<double>(initial[i]) * static_cast<double>(initial[i]);
  }
  return s;
}

void expectSums(const core::MovementSums& got, const core::MovementSums& want,
                const std::string& what) {
  EXPECT_EQ(got.elements, want.elements) << what;
  EXPECT_EQ(got.changed, want.changed) << what;
  EXPECT_EQ(got.maxAbsDelta, want.maxAbsDelta) << what;
  // Sums of the same float values in another order: equal to double rounding.
  const auto near = [](double a, double b) { return std::fabs(a - b) <= 1e-9 * std::fabs(b); };
  EXPECT_PRED2(near, got.sumAbsDelta, want.sumAbsDelta) << what;
  EXPECT_PRED2(near, got.sumSquaredDelta, want.sumSquaredDelta) << what;
  EXPECT_PRED2(near, got.sumSquaredInitial, want.sumSquaredInitial) << what;
}

class MovementObserver : public core::TrainingObserver {
 public:
  void onChildMasks(const std::vector<core::PackedMask>& m) override { masks = m; }
  void onWeightMovement(const core::WeightMovement& m) override {
    movement = m;
    ++reports;
  }
  std::vector<core::PackedMask> masks;
  core::WeightMovement movement;
  int reports = 0;
};

TEST(WeightMovementSummary, CellsAreTheSumsOfTheirTensorsInTheHeatmapOrder) {
  const auto tensor = [](const std::string& name, double abs, double sq, double sq0, int64_t n,
                         int64_t changed, double max) {
    core::TensorMovement t;
    t.name = name;
    const auto kind = core::classifyParameter(name);
    t.layer = kind.layer;
    t.kind = kind.kind;
    t.sums.elements = n;
    t.sums.changed = changed;
    t.sums.sumAbsDelta = abs;
    t.sums.sumSquaredDelta = sq;
    t.sums.sumSquaredInitial = sq0;
    t.sums.maxAbsDelta = max;
    return t;
  };
  const auto m = core::summarizeMovement(
      {tensor("bert.embeddings.word_embeddings.weight", 5, 1, 100, 50, 50, 0.5),
       tensor("bert.encoder.layer.1.output.dense.weight", 2, 0.5, 8, 16, 10, 0.25),
       tensor("bert.encoder.layer.1.output.dense.bias", 1, 0.5, 1, 4, 4, 0.75),
       tensor("bert.encoder.layer.0.attention.self.query.weight", 3, 0.25, 4, 16, 8, 0.5)},
      3, 7);
  EXPECT_EQ(m.step, 7);
  EXPECT_EQ(m.numLayers, 3);  // layer 2 has no tensors but the model has it
  ASSERT_EQ(m.kinds,
            (std::vector<core::ModuleKind>{core::ModuleKind::Query, core::ModuleKind::Output}));
  ASSERT_EQ(m.cells.size(), 6U);
  const core::MovementCell* out = m.cell(1, core::ModuleKind::Output);
  ASSERT_NE(out, nullptr);
  EXPECT_EQ(out->sums.elements, 20);
  EXPECT_EQ(out->sums.changed, 14);
  EXPECT_DOUBLE_EQ(out->sums.meanAbsDelta(), 3.0 / 20.0);
  EXPECT_DOUBLE_EQ(out->sums.maxAbsDelta, 0.75);
  EXPECT_DOUBLE_EQ(out->sums.relativeChange(), std::sqrt(1.0 / 9.0));
  EXPECT_DOUBLE_EQ(out->sums.changedFraction(), 14.0 / 20.0);
  EXPECT_EQ(m.cell(0, core::ModuleKind::Output), nullptr);  // no parameters there
  EXPECT_EQ(m.cell(2, core::ModuleKind::Query), nullptr);
  // The embeddings count overall, not in the encoder grid.
  EXPECT_EQ(m.encoder.elements, 36);
  EXPECT_EQ(m.overall.elements, 86);
  EXPECT_DOUBLE_EQ(m.overall.sumAbsDelta, 11.0);
  ASSERT_NE(m.tensor("bert.embeddings.word_embeddings.weight"), nullptr);
  EXPECT_EQ(m.tensor("bert.embeddings.word_embeddings.weight")->layer, -1);
  // A tensor that started at zero and moved has no finite relative change.
  core::MovementSums zero;
  zero.elements = 2;
  EXPECT_EQ(zero.relativeChange(), 0.0);
  zero.sumSquaredDelta = 1.0;
  EXPECT_TRUE(std::isinf(zero.relativeChange()));
}

class WeightMovementRun : public ::testing::Test {
 protected:
  void SetUp() override {
    writeReferenceModel("tiny-bert", dir_ / "model", 2);
    writeTinyRteTask(dir_ / "glue", 40);
  }

  core::RunConfig config(core::Method method) const {
    core::RunConfig c;
    c.modelDir = (dir_ / "model").string();
    c.task = "RTE";
    c.dataDir = (dir_ / "glue").string();
    c.method = method;
    c.epochs = 1;
    c.batchSize = 8;
    c.learningRate = 1e-3;
    c.threads = 1;
    c.outDir = (dir_ / "out").string();
    c.saveFinalModel = true;  // the fine-tuned weights, to compare against
    return c;
  }

  TempDir dir_;
};

TEST_F(WeightMovementRun, VanillaReportMatchesADirectComparisonOfTheFiles) {
  MovementObserver observer;
  const auto result = core::Trainer(config(core::Method::Vanilla), &observer).run();
  ASSERT_EQ(observer.reports, 1);
  const core::WeightMovement& m = observer.movement;
  EXPECT_EQ(m.step, result.steps);
  EXPECT_EQ(m.numLayers, 2);
  const auto pretrained = readTensors(dir_ / "model" / "model.safetensors");
  const auto trained = readTensors(dir_ / "out" / "model" / "model.safetensors");
  ASSERT_FALSE(m.tensors.empty());
  core::MovementSums encoder;
  std::map<std::pair<int, core::ModuleKind>, core::MovementSums> cells;
  for (const core::TensorMovement& t : m.tensors) {
    ASSERT_TRUE(pretrained.count(t.name)) << t.name;
    ASSERT_TRUE(trained.count(t.name)) << t.name;
    const auto want = directSums(trained.at(t.name), pretrained.at(t.name));
    expectSums(t.sums, want, t.name);
    if (t.layer >= 0) {
      encoder.add(want);
      cells[{t.layer, t.kind}].add(want);
    }
  }
  // Every parameter is either compared or named as not pretrained.
  EXPECT_EQ(m.tensors.size() + m.notPretrained.size(), trained.size());
  expectSums(m.encoder, encoder, "encoder");
  ASSERT_EQ(m.cells.size(), 2 * m.kinds.size());
  for (const auto& [key, sums] : cells) {
    const core::MovementCell* cell = m.cell(key.first, key.second);
    ASSERT_NE(cell, nullptr);
    expectSums(cell->sums, sums, "cell");
  }
  // Vanilla with lr 1e-3 moves every encoder matrix.
  EXPECT_GT(m.encoder.changedFraction(), 0.9);
  EXPECT_GT(m.encoder.relativeChange(), 0.0);
}

TEST_F(WeightMovementRun, ChildTuningDWithoutWeightDecayMovesOnlyTheChildNetwork) {
  MovementObserver observer;
  auto c = config(core::Method::ChildTuningD);
  c.reserveP = 0.1;
  c.weightDecay = 0.0;  // otherwise decay moves every weight a little
  core::Trainer(c, &observer).run();
  ASSERT_EQ(observer.reports, 1);
  ASSERT_FALSE(observer.masks.empty());
  const auto pretrained = readTensors(dir_ / "model" / "model.safetensors");
  const auto trained = readTensors(dir_ / "out" / "model" / "model.safetensors");
  int64_t movedInChild = 0;
  int emptyMasks = 0;
  std::map<std::pair<int, core::ModuleKind>, int64_t> selectedPerCell;
  for (const core::PackedMask& mask : observer.masks) {
    const core::TensorMovement* t = observer.movement.tensor(mask.name);
    ASSERT_NE(t, nullptr) << mask.name;
    const auto& w0 = pretrained.at(mask.name);
    const auto& w1 = trained.at(mask.name);
    ASSERT_EQ(static_cast<int64_t>(w0.size()), mask.numel());
    for (int64_t i = 0; i < mask.numel(); ++i) {
      const auto k = static_cast<size_t>(i);
      if (!mask.test(i)) {
        ASSERT_EQ(w1[k], w0[k]) << mask.name << " element " << i << " is outside the child";
      } else if (w1[k] != w0[k]) {
        ++movedInChild;
      }
    }
    EXPECT_LE(t->sums.changed, mask.selected) << mask.name;
    expectSums(t->sums, directSums(w1, w0), mask.name);
    if (mask.selected == 0) {
      ++emptyMasks;
      EXPECT_EQ(t->sums.changed, 0) << mask.name;
      EXPECT_EQ(t->sums.sumAbsDelta, 0.0) << mask.name;
      EXPECT_EQ(t->sums.relativeChange(), 0.0) << mask.name;
    }
    const auto kind = core::classifyParameter(mask.name);
    selectedPerCell[{kind.layer, kind.kind}] += mask.selected;
  }
  EXPECT_GT(movedInChild, 0);
  // At p_D = 0.1 some tensors (e.g. query/key biases) hold none of the child network.
  EXPECT_GT(emptyMasks, 0);
  for (const auto& [key, selected] : selectedPerCell) {
    const core::MovementCell* cell = observer.movement.cell(key.first, key.second);
    ASSERT_NE(cell, nullptr);
    EXPECT_LE(cell->sums.changed, selected);
  }
  int64_t childSize = 0;
  for (const auto& [key, selected] : selectedPerCell) {
    childSize += selected;
  }
  EXPECT_LE(observer.movement.encoder.changed, childSize);
  // Embeddings are never masked: they moved.
  const core::TensorMovement* embeddings =
      observer.movement.tensor("bert.embeddings.word_embeddings.weight");
  ASSERT_NE(embeddings, nullptr);
  EXPECT_GT(embeddings->sums.changed, 0);
}

}  // namespace
}  // namespace childtune::test
