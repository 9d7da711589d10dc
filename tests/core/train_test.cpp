// Properties of the optimizer, the Child-Tuning masks and the trainer that hold for any data:
// p = 1 is vanilla, D-mode non-child weights move only by weight decay, F masks keep a p
// fraction, the same seed gives the same run, and bad settings fail before any work.

#include <limits>
#include <span>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "childtune/error.h"
#include "childtune/trainer.h"
#include "io/safetensors.h"
#include "optim/child_tuning_adamw.h"
#include "support/model_fixtures.h"
#include "support/test_env.h"

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
    std::string train = "index\tsentence1\tsentence2\tlabel\n";
    std::string dev = train;
    const char* words[] = {"the",     "committee", "approved", "a",     "new", "budget", "man",
                           "playing", "guitar",    "stage",    "music", "yes", "debate"};
    for (int i = 0; i < 48; ++i) {
      std::string a;
      std::string b;
      for (int k = 0; k < 3 + i % 7; ++k) {
        a += std::string(k ? " " : "") + words[(i * 7 + k * 3) % 13];
      }
      for (int k = 0; k < 2 + i % 5; ++k) {
        b += std::string(k ? " " : "") + words[(i * 5 + k) % 13];
      }
      const std::string row = std::to_string(i) + "\t" + a + "\t" + b + "\t" +
                              (i % 2 ? "entailment" : "not_entailment") + "\n";
      (i < 32 ? train : dev) += row;
    }
    writeFile(dir_ / "glue" / "RTE" / "train.tsv", train);
    writeFile(dir_ / "glue" / "RTE" / "dev.tsv", dev);
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
