// Properties of the optimizer, the Child-Tuning masks and the trainer that hold for any data:
// p = 1 is vanilla, D-mode non-child weights move only by weight decay, F masks keep a p
// fraction, the same seed gives the same run, and bad settings fail before any work.

#include <chrono>
#include <limits>
#include <span>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "childtune/error.h"
#include "childtune/trainer.h"
#include "io/safetensors.h"
#include "optim/child_tuning_adamw.h"
#include "support/model_fixtures.h"
#include "support/test_env.h"
#include "train/batch.h"
#include "train/training_checkpoint.h"

namespace childtune::test {
namespace {

using ::testing::HasSubstr;

TEST(BernoulliMasker, KeepsAboutPAndScalesByOneOverP) {
  for (const double p : {0.1, 0.3, 0.5, 0.9}) {
    core::BernoulliMasker masker(p, 7);
    masker.beginStep(3);
    auto grad = torch::ones({1000, 1000});
    masker.apply(2, grad);
    const double kept = grad.ne(0).sum().item<double>() / 1e6;
    const double sigma = std::sqrt(p * (1 - p) / 1e6);
    EXPECT_NEAR(kept, p, 5 * sigma) << p;
    const auto nonzero = grad.masked_select(grad.ne(0));
    EXPECT_TRUE(nonzero.eq(static_cast<float>(1.0 / p)).all().item<bool>());
  }
}

TEST(BernoulliMasker, SameSeedSameMaskForAnyThreadCountAndFreshMasksEachStep) {
  auto run = [](int threads, int64_t step, uint64_t seed) {
    at::set_num_threads(threads);
    core::BernoulliMasker masker(0.3, seed);
    masker.beginStep(step);
    auto grad = torch::ones({300001});
    masker.apply(0, grad);
    return grad;
  };
  const auto a = run(1, 0, 1);
  EXPECT_TRUE(torch::equal(a, run(2, 0, 1)));
  EXPECT_FALSE(torch::equal(a, run(2, 1, 1)));
  EXPECT_FALSE(torch::equal(a, run(2, 0, 2)));
  // Masks of different steps are independent: overlap close to p^2.
  const double both = (a.ne(0) & run(1, 1, 1).ne(0)).sum().item<double>() / 300001.0;
  EXPECT_NEAR(both, 0.09, 0.005);
}

TEST(Collate, PadsToTheLongestOrToPadToThenUpToTheMultiple) {
  core::Encoding shortOne;
  shortOne.ids = {2, 10, 3};
  shortOne.typeIds = {0, 0, 0};
  core::Encoding longOne;
  longOne.ids = {2, 11, 12, 13, 3};
  longOne.typeIds = {0, 0, 1, 1, 1};
  const std::vector<const core::Encoding*> encs{&shortOne, &longOne};
  const int64_t padId = 7;
  const auto plain = core::collate(encs, {0, 1}, {}, false, padId);
  EXPECT_EQ(plain.inputIds.size(1), 5);
  const auto eight = core::collate(encs, {0, 1}, {}, false, padId, 0, 8);
  ASSERT_EQ(eight.inputIds.size(1), 8);
  EXPECT_EQ(eight.numTokens, 8);
  EXPECT_EQ(eight.attentionMask.sum().item<int64_t>(), 8);
  EXPECT_EQ(eight.inputIds[1][4].item<int64_t>(), 3);
  for (int64_t j = 5; j < 8; ++j) {
    EXPECT_EQ(eight.inputIds[1][j].item<int64_t>(), padId);
    EXPECT_EQ(eight.attentionMask[1][j].item<int64_t>(), 0);
  }
  EXPECT_EQ(core::collate(encs, {0, 1}, {}, false, padId, 128, 8).inputIds.size(1), 128);
  EXPECT_EQ(core::collate(encs, {0, 1}, {}, false, padId, 12, 8).inputIds.size(1), 16);
  EXPECT_EQ(core::padMultipleFor(torch::Device(torch::kCPU)), 1);
  EXPECT_EQ(core::padMultipleFor(torch::Device(torch::kCUDA, 0)), 8);
}

TEST(FixedMasker, MultipliesByItsMaskAndLeavesUnmaskedTensorsAlone) {
  core::FixedMasker masker({torch::tensor({true, false, true}), torch::Tensor()});
  auto masked = torch::full({3}, 2.0f);
  masker.apply(0, masked);
  EXPECT_TRUE(torch::equal(masked, torch::tensor({2.0f, 0.0f, 2.0f})));
  auto unmasked = torch::full({3}, 2.0f);
  masker.apply(1, unmasked);
  masker.apply(5, unmasked);
  EXPECT_TRUE(torch::equal(unmasked, torch::full({3}, 2.0f)));
}

TEST(ChildTuningAdamW, NonChildWeightsChangeOnlyByWeightDecayInDMode) {
  torch::manual_seed(3);
  auto w = torch::randn({64, 32});
  const auto initial = w.clone();
  const auto mask = torch::rand({64, 32}).lt(0.3);
  core::ChildTuningAdamW optimizer({{"encoder.layer.0.output.dense.weight", w}}, {});
  optimizer.setMasker(std::make_unique<core::FixedMasker>(std::vector<torch::Tensor>{mask}));
  auto expectedNonChild = initial.clone();
  for (int step = 0; step < 5; ++step) {
    w.mutable_grad() = torch::randn({64, 32});
    const double lr = 1e-3 * (step + 1);
    optimizer.step(lr);
    expectedNonChild.add_(expectedNonChild, -lr * 0.01);  // the same op the optimizer uses
  }
  const auto nonChild = mask.logical_not();
  EXPECT_TRUE(torch::equal(w.masked_select(nonChild), expectedNonChild.masked_select(nonChild)));
  // Child weights did move by more than decay.
  EXPECT_GT((w - expectedNonChild).masked_select(mask).abs().min().item<double>(), 0.0);
}

TEST(Schedule, LinearWarmupThenLinearDecay) {
  EXPECT_DOUBLE_EQ(core::linearScheduleLr(1.0, 0, 4, 10), 0.0);
  EXPECT_DOUBLE_EQ(core::linearScheduleLr(1.0, 2, 4, 10), 0.5);
  EXPECT_DOUBLE_EQ(core::linearScheduleLr(1.0, 4, 4, 10), 1.0);
  EXPECT_DOUBLE_EQ(core::linearScheduleLr(1.0, 7, 4, 10), 0.5);
  EXPECT_DOUBLE_EQ(core::linearScheduleLr(1.0, 10, 4, 10), 0.0);
  EXPECT_DOUBLE_EQ(core::linearScheduleLr(2.0, 0, 0, 10), 2.0);
}

// A tiny RTE-shaped task in a temp folder, with the tiny BERT.
class TinyRun : public ::testing::Test {
 protected:
  void SetUp() override {
    writeReferenceModel("tiny-bert", dir_ / "model", 2);
    writeTinyRteTask(dir_ / "glue", 48);
  }

  core::RunConfig config(core::Method method) const {
    core::RunConfig c;
    c.modelDir = (dir_ / "model").string();
    c.task = "RTE";
    c.dataDir = (dir_ / "glue").string();
    c.method = method;
    c.epochs = 2;
    c.batchSize = 8;
    c.learningRate = 1e-3;
    c.threads = 1;
    return c;
  }

  TempDir dir_;
};

TEST_F(TinyRun, SameSeedGivesIdenticalLossesAndOtherSeedDoesNot) {
  for (const auto method :
       {core::Method::Vanilla, core::Method::ChildTuningF, core::Method::ChildTuningD}) {
    const auto a = core::Trainer(config(method), nullptr).run();
    const auto b = core::Trainer(config(method), nullptr).run();
    ASSERT_EQ(a.losses.size(), 8u);
    EXPECT_EQ(a.losses, b.losses) << core::toString(method);
    auto other = config(method);
    other.seed = 43;
    EXPECT_NE(core::Trainer(other, nullptr).run().losses, a.losses) << core::toString(method);
  }
}

TEST_F(TinyRun, ChildTuningFWithPOneIsExactlyVanilla) {
  auto f = config(core::Method::ChildTuningF);
  f.reserveP = 1.0;
  const auto vanilla = core::Trainer(config(core::Method::Vanilla), nullptr).run();
  const auto ctf = core::Trainer(f, nullptr).run();
  EXPECT_EQ(vanilla.losses, ctf.losses);
  EXPECT_EQ(vanilla.final.metrics, ctf.final.metrics);
}

TEST_F(TinyRun, ChildTuningDReportsItsChildNetwork) {
  auto c = config(core::Method::ChildTuningD);
  c.reserveP = 0.25;
  const auto r = core::Trainer(c, nullptr).run();
  ASSERT_TRUE(r.childNetwork.has_value());
  EXPECT_NEAR(r.childFraction, 0.25, 0.01);
  EXPECT_GT(r.childNetwork->threshold, 0.0);
  const auto json = nlohmann::json::parse(r.toJson());
  EXPECT_NEAR(json.at("mask").at("child_fraction").get<double>(), 0.25, 0.01);
  EXPECT_TRUE(json.at("metrics").contains("accuracy"));
}

class RecordingObserver : public core::TrainingObserver {
 public:
  void onPhase(core::Phase phase) override { phases.push_back(phase); }
  void onStep(const core::StepStats& s) override { steps.push_back(s.step); }
  std::vector<core::Phase> phases;
  std::vector<int64_t> steps;
};

TEST_F(TinyRun, ObserverSeesPhasesAndEveryStepAndStopCancels) {
  RecordingObserver observer;
  core::Trainer trainer(config(core::Method::ChildTuningD), &observer);
  trainer.run();
  EXPECT_THAT(observer.steps, ::testing::ElementsAre(1, 2, 3, 4, 5, 6, 7, 8));
  EXPECT_THAT(observer.phases, ::testing::Contains(core::Phase::Fisher));
  EXPECT_EQ(observer.phases.back(), core::Phase::Finished);

  core::Trainer stopped(config(core::Method::Vanilla), nullptr);
  stopped.requestStop();
  EXPECT_THAT(errorOf([&] { stopped.run(); }, ErrorCode::Cancelled), HasSubstr("stopped"));
}

TEST_F(TinyRun, BadSettingsFailBeforeAnyWork) {
  auto c = config(core::Method::ChildTuningF);
  c.reserveP = 1.5;
  EXPECT_THAT(errorOf([&] { core::Trainer(c, nullptr).run(); }, ErrorCode::Config),
              HasSubstr("setting 'p' must be in (0, 1], got 1.5"));
  c = config(core::Method::Vanilla);
  c.task = "SQuAD";
  EXPECT_THAT(errorOf([&] { core::Trainer(c, nullptr).run(); }, ErrorCode::Config),
              HasSubstr("'SQuAD' is not a known task"));
  c = config(core::Method::Vanilla);
  c.dataDir = (dir_ / "nowhere").string();
  EXPECT_THAT(errorOf([&] { core::Trainer(c, nullptr).run(); }, ErrorCode::Io),
              HasSubstr("nowhere"));
  c = config(core::Method::Vanilla);
  c.device = "tpu";
  EXPECT_THAT(errorOf([&] { core::Trainer(c, nullptr).run(); }, ErrorCode::Config),
              HasSubstr("setting 'device' must be cpu, cuda or cuda:N"));
}

TEST_F(TinyRun, NanLossStopsTheRunWithANumericalErrorNamingTheStep) {
  // Poison the classifier bias: the very first loss is NaN.
  const auto weights = dir_ / "model" / "model.safetensors";
  std::vector<core::io::TensorToWrite> tensors;
  std::vector<float> nan(2, std::numeric_limits<float>::quiet_NaN());
  {
    const auto file = core::io::SafetensorsFile::open(weights);
    std::vector<std::vector<std::byte>> copies;
    for (const auto& info : file.tensors()) {
      const auto bytes = file.bytes(info);
      copies.emplace_back(bytes.begin(), bytes.end());
    }
    for (size_t i = 0; i < file.tensors().size(); ++i) {
      const auto& info = file.tensors()[i];
      core::io::TensorToWrite t{info.name, info.dtype, info.shape, copies[i]};
      if (info.name == "classifier.bias") {
        t.data = std::as_bytes(std::span<const float>(nan));
      }
      tensors.push_back(t);
    }
    core::io::writeSafetensors(dir_ / "poisoned.safetensors", tensors);
  }
  std::filesystem::rename(dir_ / "poisoned.safetensors", weights);
  EXPECT_THAT(errorOf([&] { core::Trainer(config(core::Method::Vanilla), nullptr).run(); },
                      ErrorCode::Numerical),
              HasSubstr("loss is NaN at step 1"));
}

// Resuming from any checkpoint continues bit for bit: same losses, same evaluations, same
// final weights as the uninterrupted run (dropout RNG, Adam moments, schedule, data order,
// Child-Tuning_D masks all restored; Child-Tuning_F masks are a function of the step).
TEST_F(TinyRun, ResumeFromACheckpointContinuesBitForBit) {
  for (const auto method :
       {core::Method::Vanilla, core::Method::ChildTuningF, core::Method::ChildTuningD}) {
    SCOPED_TRACE(std::string(core::toString(method)));
    auto c = config(method);
    c.epochs = 3;  // 12 steps of 8 examples (4 per epoch)
    c.evalEverySteps = 3;
    c.outDir = (dir_ / ("full-" + std::string(core::toString(method)))).string();
    c.checkpointEverySteps = 2;
    c.keepCheckpoints = 10;
    c.saveFinalModel = true;
    const auto full = core::Trainer(c, nullptr).run();
    ASSERT_EQ(full.losses.size(), 12u);
    const auto checkpoints = std::filesystem::path(c.outDir) / "checkpoints";
    for (const int64_t at : {2, 4, 6}) {  // mid-epoch, epoch end (step 4), later epoch
      auto r = c;
      r.outDir = (dir_ / ("resumed-" + std::to_string(at))).string();
      // (threads may differ too, but then float sums are ordered differently: not bitwise.)
      const auto resumed =
          core::Trainer(r, nullptr).resume((checkpoints / core::checkpointFolderName(at)).string());
      EXPECT_EQ(resumed.losses, full.losses) << at;
      ASSERT_EQ(resumed.evaluations.size(), full.evaluations.size()) << at;
      for (size_t i = 0; i < full.evaluations.size(); ++i) {
        EXPECT_EQ(resumed.evaluations[i].metrics, full.evaluations[i].metrics) << at << " " << i;
        EXPECT_EQ(resumed.evaluations[i].loss, full.evaluations[i].loss) << at << " " << i;
      }
      EXPECT_EQ(resumed.final.metrics, full.final.metrics);
      EXPECT_EQ(resumed.childFraction, full.childFraction);
      // The final weights are identical bytes.
      EXPECT_TRUE(readFile(std::filesystem::path(r.outDir) / "model" / "model.safetensors") ==
                  readFile(std::filesystem::path(c.outDir) / "model" / "model.safetensors"))
          << at;
    }
    EXPECT_TRUE(
        std::filesystem::exists(std::filesystem::path(c.outDir) / "model" / "vocab.txt") ||
        std::filesystem::exists(std::filesystem::path(c.outDir) / "model" / "tokenizer.json"));
  }
}

TEST_F(TinyRun, CheckpointsArePrunedAndPartialOnesIgnored) {
  auto c = config(core::Method::Vanilla);
  c.outDir = (dir_ / "out").string();
  c.checkpointEverySteps = 1;
  c.keepCheckpoints = 2;
  std::vector<int64_t> written;
  class CheckpointObserver : public core::TrainingObserver {
   public:
    explicit CheckpointObserver(std::vector<int64_t>& steps) : steps_(steps) {}
    void onCheckpoint(const core::CheckpointInfo& info) override {
      steps_.push_back(info.step);
      EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(info.dir) / "state.json"));
    }

   private:
    std::vector<int64_t>& steps_;
  } observer(written);
  core::Trainer(c, &observer).run();
  EXPECT_THAT(written, ::testing::ElementsAre(1, 2, 3, 4, 5, 6, 7, 8));
  const auto dir = std::filesystem::path(c.outDir) / "checkpoints";
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  EXPECT_THAT(names, ::testing::ElementsAre("step-00000007", "step-00000008"));
  // A half-written checkpoint (killed during the write) is never picked.
  std::filesystem::create_directories(dir / "step-00000009.partial");
  writeFile(dir / "step-00000009.partial" / "state.json", "{");
  EXPECT_EQ(core::latestCheckpoint(dir), dir / "step-00000008");
}

TEST_F(TinyRun, ResumeRejectsCorruptCheckpointsAndChangedSettings) {
  auto c = config(core::Method::ChildTuningD);
  c.outDir = (dir_ / "out").string();
  c.checkpointEverySteps = 4;
  core::Trainer(c, nullptr).run();
  const auto ckpt = std::filesystem::path(c.outDir) / "checkpoints" / "step-00000004";

  auto changed = c;
  changed.learningRate = 5e-4;
  EXPECT_THAT(
      errorOf([&] { core::Trainer(changed, nullptr).resume(ckpt.string()); }, ErrorCode::Config),
      HasSubstr("lr = 0.001"));

  EXPECT_THAT(
      errorOf([&] { core::Trainer(c, nullptr).resume((dir_ / "none").string()); }, ErrorCode::Io),
      HasSubstr("state.json"));

  const auto state = readFile(ckpt / "state.json");
  writeFile(ckpt / "state.json", state.substr(0, state.size() / 2));
  EXPECT_THAT(errorOf([&] { core::Trainer(c, nullptr).resume(ckpt.string()); }, ErrorCode::Data),
              HasSubstr("state.json"));
  writeFile(ckpt / "state.json", state);

  const auto weights = readFile(ckpt / "optimizer.safetensors");
  writeFile(ckpt / "optimizer.safetensors", weights.substr(0, weights.size() - 100));
  EXPECT_THAT(errorOf([&] { core::Trainer(c, nullptr).resume(ckpt.string()); }, ErrorCode::Data),
              HasSubstr("optimizer.safetensors"));
}

TEST_F(TinyRun, PauseHoldsTrainingUntilResumedAndStopEndsAPausedRun) {
  class PausingObserver : public core::TrainingObserver {
   public:
    core::Trainer* trainer = nullptr;
    std::vector<core::Phase> phases;
    std::vector<int64_t> steps;
    void onPhase(core::Phase phase) override { phases.push_back(phase); }
    void onStep(const core::StepStats& s) override {
      steps.push_back(s.step);
      if (s.step == 2) {
        trainer->requestPause();
        // Another thread resumes after a moment; the trainer must be paused by then.
        resumer = std::thread([t = trainer] {
          while (!t->paused()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
          }
          t->resumeTraining();
        });
      }
    }
    std::thread resumer;
  };
  PausingObserver observer;
  core::Trainer trainer(config(core::Method::Vanilla), &observer);
  observer.trainer = &trainer;
  const auto result = trainer.run();
  observer.resumer.join();
  EXPECT_EQ(result.losses.size(), 8u);
  EXPECT_THAT(observer.phases, ::testing::Contains(core::Phase::Paused));
  EXPECT_EQ(result.losses, core::Trainer(config(core::Method::Vanilla), nullptr).run().losses);

  class StoppingObserver : public core::TrainingObserver {
   public:
    core::Trainer* trainer = nullptr;
    std::thread stopper;
    void onStep(const core::StepStats& s) override {
      if (s.step == 1) {
        trainer->requestPause();
        stopper = std::thread([t = trainer] {
          while (!t->paused()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
          }
          t->requestStop();
        });
      }
    }
  } stopping;
  core::Trainer stopped(config(core::Method::Vanilla), &stopping);
  stopping.trainer = &stopped;
  EXPECT_THAT(errorOf([&] { stopped.run(); }, ErrorCode::Cancelled), HasSubstr("step 1"));
  stopping.stopper.join();
}

TEST_F(TinyRun, ChildTuningFReportsSampledMaskDensityPerLayer) {
  class DensityObserver : public core::TrainingObserver {
   public:
    std::vector<std::vector<double>> densities;
    void onStep(const core::StepStats& s) override {
      if (!s.maskDensityByLayer.empty()) {
        densities.push_back(s.maskDensityByLayer);
      }
    }
  } observer;
  auto c = config(core::Method::ChildTuningF);
  c.reserveP = 0.3;
  c.epochs = 3;  // 12 steps: densities at step 10
  core::Trainer(c, &observer).run();
  ASSERT_EQ(observer.densities.size(), 1u);
  ASSERT_EQ(observer.densities[0].size(), 2u);  // the tiny model's two layers
  for (const double d : observer.densities[0]) {
    EXPECT_NEAR(d, 0.3, 0.05);
  }
}

TEST_F(TinyRun, ChildTuningDSharesItsFisherAnalysisAndMasks) {
  class FisherObserver : public core::TrainingObserver {
   public:
    std::shared_ptr<const core::FisherAnalysis> analysis;
    core::FisherSummary summary;
    std::vector<core::PackedMask> masks;
    void onFisherAnalysis(const std::shared_ptr<const core::FisherAnalysis>& a,
                          const core::FisherSummary& s) override {
      analysis = a;
      summary = s;
    }
    void onChildMasks(const std::vector<core::PackedMask>& m) override { masks = m; }
  } observer;
  auto c = config(core::Method::ChildTuningD);
  c.reserveP = 0.2;
  const auto result = core::Trainer(c, &observer).run();
  ASSERT_TRUE(observer.analysis);
  ASSERT_TRUE(result.childNetwork.has_value());
  EXPECT_EQ(observer.summary.threshold, result.childNetwork->threshold);
  EXPECT_EQ(observer.summary.selected, result.childNetwork->selected);
  EXPECT_EQ(observer.summary.numLayers, 2);
  int64_t selected = 0;
  for (const auto& m : observer.masks) {
    selected += m.selected;
  }
  EXPECT_EQ(selected, result.childNetwork->selected);
  // The cache re-thresholds for another p_D without the model.
  EXPECT_LT(observer.analysis->summarize(0.1).selected, selected);
}

TEST(RunConfigJson, RoundTripsAndRejectsUnknownSettings) {
  core::RunConfig c;
  c.modelDir = "/m";
  c.task = "CoLA";
  c.method = core::Method::ChildTuningDLowest;
  c.reserveP = 0.2;
  c.seed = 7;
  const auto back = core::RunConfig::fromJson(c.toJson(), "run.json");
  EXPECT_EQ(back.toJson(), c.toJson());
  EXPECT_THAT(errorOf([] { core::RunConfig::fromJson(R"({"model": "/m", "lrr": 1})", "run.json"); },
                      ErrorCode::Config),
              HasSubstr("run.json: unknown setting 'lrr'"));
  EXPECT_THAT(
      errorOf([] { core::RunConfig::fromJson(R"({"model": "/m", "epochs": "3"})", "run.json"); },
              ErrorCode::Config),
      HasSubstr("setting 'epochs' has the wrong type"));
}

TEST(RunConfigDefaults, AuthorsPresetsPerTask) {
  core::RunConfig c;
  c.task = "MRPC";
  c.method = core::Method::ChildTuningF;
  EXPECT_DOUBLE_EQ(c.effectiveP(), 0.4);
  c.method = core::Method::ChildTuningD;
  EXPECT_DOUBLE_EQ(c.effectiveP(), 0.1);
  c.task = "CoLA";
  EXPECT_DOUBLE_EQ(c.effectiveP(), 0.2);
  c.task = "SST-2";
  EXPECT_DOUBLE_EQ(c.effectiveP(), 0.3);
}

}  // namespace
}  // namespace childtune::test
