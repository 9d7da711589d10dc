// The Learn view's step-through: frames must be exactly what ChildTuningAdamW did with the real
// Bernoulli and Fisher masks, reproducible from the seed.

#include "childtune/step_through.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "childtune/error.h"
#include "support/test_env.h"

namespace childtune::core {
namespace {

StepThroughOptions optionsFor(Method method, double p = 0.3, uint64_t seed = 42) {
  StepThroughOptions o;
  o.method = method;
  o.p = p;
  o.seed = seed;
  return o;
}

std::vector<StepFrame> run(const StepThroughOptions& options, int steps) {
  StepThrough st(options);
  std::vector<StepFrame> frames;
  for (int i = 0; i < steps; ++i) {
    frames.push_back(st.step());
  }
  return frames;
}

void expectSameBlock(const MatrixBlock& a, const MatrixBlock& b, const std::string& what) {
  ASSERT_EQ(a.rows, b.rows) << what;
  ASSERT_EQ(a.cols, b.cols) << what;
  EXPECT_EQ(a.values, b.values) << what;
}

void expectSameFrames(const std::vector<StepFrame>& a, const std::vector<StepFrame>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE("frame " + std::to_string(i));
    EXPECT_EQ(a[i].step, b[i].step);
    EXPECT_EQ(a[i].loss, b[i].loss);
    EXPECT_EQ(a[i].gradNorm, b[i].gradNorm);
    expectSameBlock(a[i].weightsBefore, b[i].weightsBefore, "weightsBefore");
    expectSameBlock(a[i].gradient, b[i].gradient, "gradient");
    expectSameBlock(a[i].mask, b[i].mask, "mask");
    expectSameBlock(a[i].maskedGradient, b[i].maskedGradient, "maskedGradient");
    expectSameBlock(a[i].update, b[i].update, "update");
    expectSameBlock(a[i].weightsAfter, b[i].weightsAfter, "weightsAfter");
  }
}

// The decoupled weight decay alone: p <- p - lr * wd * p, in float32 as LibTorch computes it.
float decayedOnly(float w, const StepThroughOptions& o) {
  return w + static_cast<float>(-o.learningRate * o.weightDecay) * w;
}

TEST(StepThroughTest, FramesChainAndUpdateIsAfterMinusBefore) {
  for (const Method method : {Method::Vanilla, Method::ChildTuningF, Method::ChildTuningD}) {
    SCOPED_TRACE(std::string(toString(method)));
    StepThrough st(optionsFor(method));
    const auto& info = st.info();
    EXPECT_EQ(info.matrixRows, 16);
    EXPECT_EQ(info.matrixCols, 16);
    MatrixBlock previous = info.initialWeights;
    ASSERT_EQ(previous.rows, 8);
    ASSERT_EQ(previous.cols, 8);
    for (int i = 0; i < 12; ++i) {
      const StepFrame f = st.step();
      EXPECT_EQ(f.step, i + 1);
      EXPECT_TRUE(std::isfinite(f.loss));
      EXPECT_GT(f.gradNorm, 0.0);
      expectSameBlock(f.weightsBefore, previous, "before == previous after");
      for (size_t k = 0; k < f.update.values.size(); ++k) {
        EXPECT_EQ(f.update.values[k], f.weightsAfter.values[k] - f.weightsBefore.values[k]);
      }
      previous = f.weightsAfter;
    }
  }
}

TEST(StepThroughTest, ChildTuningFMasksWithBernoulliAndRescalesByOneOverP) {
  const auto o = optionsFor(Method::ChildTuningF, 0.3);
  StepThrough st(o);
  const auto scale = static_cast<float>(1.0 / o.p);
  std::vector<float> firstMask;
  bool maskChanged = false;
  double keptSum = 0.0;
  for (int i = 0; i < 10; ++i) {
    const StepFrame f = st.step();
    int kept = 0;
    for (size_t k = 0; k < f.mask.values.size(); ++k) {
      const float m = f.mask.values[k];
      ASSERT_TRUE(m == 0.0f || m == 1.0f);
      kept += m == 1.0f ? 1 : 0;
      EXPECT_EQ(f.maskedGradient.values[k], m == 1.0f ? f.gradient.values[k] * scale : 0.0f);
    }
    EXPECT_GT(kept, 0);
    EXPECT_LT(kept, 64);
    if (i == 0) {
      firstMask = f.mask.values;
      // Step 1: Adam's moments start at zero, so dropped elements move by weight decay only.
      for (size_t k = 0; k < f.mask.values.size(); ++k) {
        if (f.mask.values[k] == 0.0f) {
          EXPECT_FLOAT_EQ(f.weightsAfter.values[k], decayedOnly(f.weightsBefore.values[k], o));
        } else {
          // First Adam step from zero moments: m = (1 - b1) g, v = (1 - b2) g^2; after bias
          // correction the step is -lr * g / (|g| + eps / sqrt(1 - b2)), i.e. about -lr sign(g).
          const double g = f.maskedGradient.values[k];
          const double adam = f.weightsAfter.values[k] / (1.0 - o.learningRate * o.weightDecay) -
                              f.weightsBefore.values[k];
          EXPECT_NEAR(adam, -o.learningRate * g / (std::abs(g) + 1e-8 / std::sqrt(1.0 - 0.999)),
                      2e-8);
        }
      }
    } else if (f.mask.values != firstMask) {
      maskChanged = true;
    }
    keptSum += f.keptFraction;
  }
  EXPECT_TRUE(maskChanged) << "Child-Tuning_F draws a new mask every step";
  EXPECT_NEAR(keptSum / 10.0, o.p, 0.03) << "over the whole model about p_F is kept";
}

TEST(StepThroughTest, ChildTuningDUsesAFixedFisherChildNetwork) {
  const auto o = optionsFor(Method::ChildTuningD, 0.3);
  StepThrough st(o);
  const auto& info = st.info();
  ASSERT_EQ(info.fisher.rows, 8);
  ASSERT_EQ(info.fisher.cols, 8);
  EXPECT_GT(info.fisherThreshold, 0.0);
  // One global threshold at the 70th percentile of all encoder scores: ~30% of them selected.
  EXPECT_NEAR(
      static_cast<double>(info.childSelected) / static_cast<double>(info.maskableParameters), o.p,
      0.01);
  const double expectedKept =
      static_cast<double>(info.childSelected + info.totalParameters - info.maskableParameters) /
      static_cast<double>(info.totalParameters);

  std::vector<float> firstMask;
  for (int i = 0; i < 10; ++i) {
    const StepFrame f = st.step();
    if (i == 0) {
      firstMask = f.mask.values;
      for (size_t k = 0; k < firstMask.size(); ++k) {
        EXPECT_EQ(firstMask[k] == 1.0f,
                  info.fisher.values[k] >= static_cast<float>(info.fisherThreshold))
            << "element " << k;
      }
    }
    EXPECT_EQ(f.mask.values, firstMask) << "the child network is fixed";
    EXPECT_DOUBLE_EQ(f.keptFraction, expectedKept);
    for (size_t k = 0; k < f.mask.values.size(); ++k) {
      EXPECT_EQ(f.maskedGradient.values[k], f.gradient.values[k] * f.mask.values[k]);
      if (f.mask.values[k] == 0.0f) {
        // Never a gradient, so the Adam moments stay 0: only weight decay moves the weight.
        EXPECT_FLOAT_EQ(f.weightsAfter.values[k], decayedOnly(f.weightsBefore.values[k], o));
        // Up to float32 rounding of the weight (~1e-9 here), not of the tiny update.
        const float w = f.weightsBefore.values[k];
        EXPECT_NEAR(f.update.values[k], -o.learningRate * o.weightDecay * w, 2.5e-7 * std::abs(w));
      }
    }
  }
  const auto kept = std::count(firstMask.begin(), firstMask.end(), 1.0f);
  EXPECT_GT(kept, 0);
  EXPECT_LT(kept, 64);
}

TEST(StepThroughTest, VanillaKeepsEveryGradient) {
  StepThrough st(optionsFor(Method::Vanilla));
  EXPECT_TRUE(st.info().fisher.empty());
  for (int i = 0; i < 3; ++i) {
    const StepFrame f = st.step();
    EXPECT_EQ(f.keptFraction, 1.0);
    EXPECT_EQ(f.maskedGradient.values, f.gradient.values);
    EXPECT_TRUE(
        std::all_of(f.mask.values.begin(), f.mask.values.end(), [](float m) { return m == 1.0f; }));
  }
}

TEST(StepThroughTest, SameSeedGivesIdenticalFramesAndAnotherSeedDoesNot) {
  for (const Method method : {Method::Vanilla, Method::ChildTuningF, Method::ChildTuningD}) {
    SCOPED_TRACE(std::string(toString(method)));
    expectSameFrames(run(optionsFor(method, 0.3, 7), 6), run(optionsFor(method, 0.3, 7), 6));
    const auto other = run(optionsFor(method, 0.3, 8), 1);
    const auto base = run(optionsFor(method, 0.3, 7), 1);
    EXPECT_NE(other[0].weightsBefore.values, base[0].weightsBefore.values);
  }
}

TEST(StepThroughTest, ChildTuningFWithPOneIsVanilla) {
  expectSameFrames(run(optionsFor(Method::ChildTuningF, 1.0), 8),
                   run(optionsFor(Method::Vanilla), 8));
}

TEST(StepThroughTest, TheTinyModelLearnsTheTask) {
  auto o = optionsFor(Method::Vanilla);
  const auto frames = run(o, 160);
  double first = 0.0;
  double last = 0.0;
  for (int i = 0; i < 16; ++i) {
    first += frames[static_cast<size_t>(i)].loss / 16.0;
    last += frames[frames.size() - 16 + static_cast<size_t>(i)].loss / 16.0;
  }
  EXPECT_NEAR(first, std::log(2.0), 0.05) << "two balanced classes, near-zero logits at init";
  EXPECT_LT(last, first - 0.2) << "first " << first << ", last " << last;
}

TEST(StepThroughTest, BlockIsClampedAndOtherMatricesCanBeWatched) {
  const auto names = StepThrough::watchableParameters();
  ASSERT_EQ(names.size(), 12u);  // 6 matrices per layer, 2 layers
  EXPECT_EQ(names.front(), "bert.encoder.layer.0.attention.self.query.weight");
  auto o = optionsFor(Method::ChildTuningD);
  o.parameter = "bert.encoder.layer.1.intermediate.dense.weight";  // (32, 16)
  o.blockRows = 40;
  o.blockCols = 40;
  StepThrough st(o);
  EXPECT_EQ(st.info().matrixRows, 32);
  EXPECT_EQ(st.info().matrixCols, 16);
  EXPECT_EQ(st.info().options.blockRows, 32);
  EXPECT_EQ(st.info().options.blockCols, 16);
  const StepFrame f = st.step();
  EXPECT_EQ(f.gradient.values.size(), 32u * 16u);
  EXPECT_EQ(st.info().fisher.values.size(), 32u * 16u);
}

TEST(StepThroughTest, BadOptionsAreConfigErrors) {
  auto o = optionsFor(Method::ChildTuningF, 0.0);
  test::errorOf([&] { StepThrough st(o); }, ErrorCode::Config);
  o = optionsFor(Method::ChildTuningD, 1.5);
  test::errorOf([&] { StepThrough st(o); }, ErrorCode::Config);
  o = optionsFor(Method::Vanilla);
  o.learningRate = -1.0;
  test::errorOf([&] { StepThrough st(o); }, ErrorCode::Config);
  o = optionsFor(Method::Vanilla);
  o.parameter = "bert.encoder.layer.0.attention.self.query.bias";  // not a matrix
  EXPECT_NE(test::errorOf([&] { StepThrough st(o); }, ErrorCode::Config).find("query.bias"),
            std::string::npos);
  o.parameter = "no.such.weight";
  test::errorOf([&] { StepThrough st(o); }, ErrorCode::Config);
}

}  // namespace
}  // namespace childtune::core
