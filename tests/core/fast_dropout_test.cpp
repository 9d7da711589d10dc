// core::applyDropout (model/fast_dropout.h): torch::dropout's semantics (keep probability 1 - p,
// kept elements scaled by 1 / (1 - p), identity in evaluation), gradients through the
// regenerated mask, reproducibility from torch::manual_seed, fresh masks per call.

#include <gtest/gtest.h>

#include <cfloat>

#include <torch/torch.h>

#include "childtune/runtime.h"
#include "model/fast_dropout.h"

namespace childtune::test {
namespace {

class FastDropout : public ::testing::Test {
 protected:
  void SetUp() override { core::initializeRuntime(2); }
};

TEST_F(FastDropout, EvaluationAndZeroProbabilityAreTheIdentity) {
  const auto x = torch::randn({64, 33});
  EXPECT_TRUE(core::applyDropout(x, 0.1, /*training=*/false).equal(x));
  EXPECT_TRUE(core::applyDropout(x, 0.0, /*training=*/true).equal(x));
}

TEST_F(FastDropout, KeepsOneMinusPScaledByItsInverse) {
  torch::manual_seed(3);
  const auto x = torch::rand({1000, 1001}) + 0.5;  // no zeros: a zero output means dropped
  for (const double p : {0.1, 0.5, 0.9}) {
    const auto y = core::applyDropout(x, p, true);
    const auto kept = y.ne(0);
    const double fraction = kept.to(torch::kDouble).mean().item<double>();
    // 1,001,000 Bernoulli draws: standard deviation < 0.0005.
    EXPECT_NEAR(fraction, 1.0 - p, 0.003) << p;
    const auto scale = static_cast<float>(1.0 / (1.0 - p));
    EXPECT_TRUE(y.masked_select(kept).equal(x.masked_select(kept) * scale)) << p;
  }
}

TEST_F(FastDropout, GradientGoesThroughTheSameMask) {
  torch::manual_seed(4);
  auto x = torch::ones({37, 129}, torch::requires_grad());
  const auto y = core::applyDropout(x, 0.25, true);
  y.sum().backward();
  // d(sum y)/dx = mask * scale = y for x = 1.
  EXPECT_TRUE(x.grad().equal(y.detach()));
  EXPECT_GT(y.eq(0).sum().item<int64_t>(), 0);

  // A non-contiguous input: the mask follows the elements, not the memory.
  auto base = torch::rand({50, 40}).add_(1.0).requires_grad_();
  const auto t = base.t();
  const auto z = core::applyDropout(t, 0.5, true);
  (z * 3.0).sum().backward();
  const auto expected =
      torch::where(z.detach().ne(0), torch::full_like(z, 3.0f * 2.0f), torch::zeros_like(z)).t();
  EXPECT_TRUE(base.grad().equal(expected));
}

TEST_F(FastDropout, MasksAreReproducibleFromTheSeedAndFreshPerCall) {
  const auto x = torch::ones({256, 256});
  torch::manual_seed(11);
  const auto a1 = core::applyDropout(x, 0.3, true);
  const auto a2 = core::applyDropout(x, 0.3, true);
  torch::manual_seed(11);
  const auto b1 = core::applyDropout(x, 0.3, true);
  const auto b2 = core::applyDropout(x, 0.3, true);
  torch::manual_seed(12);
  const auto c1 = core::applyDropout(x, 0.3, true);
  EXPECT_TRUE(a1.equal(b1));
  EXPECT_TRUE(a2.equal(b2));
  EXPECT_FALSE(a1.equal(a2));  // the default generator advanced
  EXPECT_FALSE(a1.equal(c1));
}

TEST_F(FastDropout, DropoutMatmulMatchesDropoutThenMatmulInValuesAndGradients) {
  // Attention shapes: probs (B, heads, T, T), v (B, heads, T, d).
  const auto probs0 = torch::softmax(torch::randn({2, 3, 5, 5}), -1);
  const auto v0 = torch::randn({2, 3, 5, 4});
  const auto upstream = torch::randn({2, 3, 5, 4});
  auto run = [&](bool fused) {
    auto probs = probs0.clone().requires_grad_(true);
    auto v = v0.clone().requires_grad_(true);
    torch::manual_seed(21);
    const auto out = fused ? core::dropoutMatmul(probs, v, 0.3, true)
                           : torch::matmul(core::applyDropout(probs, 0.3, true), v);
    (out * upstream).sum().backward();
    return std::make_tuple(out.detach(), probs.grad(), v.grad());
  };
  const auto [outA, gradProbsA, gradVA] = run(false);
  const auto [outB, gradProbsB, gradVB] = run(true);
  // The same products up to float rounding: the fused node multiplies through the attention's
  // own batched sgemm (model/attention_matmul.h), whose summation order differs from
  // torch::matmul's, so a result that cancels down to a small value can differ by an ulp of the
  // terms that cancelled. A wrong mask or operand differs by the size of the terms.
  auto expectSame = [](const torch::Tensor& got, const torch::Tensor& want, const char* what) {
    const double scale = want.abs().max().item<double>();
    const double diff = (got - want).abs().max().item<double>();
    EXPECT_LE(diff, 8.0 * FLT_EPSILON * scale) << what << ": max |diff| " << diff;
  };
  expectSame(outB, outA, "values");
  expectSame(gradProbsB, gradProbsA, "probs gradient");
  expectSame(gradVB, gradVA, "v gradient");
  // Dropout happened (some attention weights zeroed) and evaluation is the plain product (the
  // attention's own batched sgemm where OpenBLAS is loaded: the same within float rounding; a
  // dropped weight would change it by far more).
  EXPECT_GT((gradProbsB == 0).sum().item<int64_t>(), 0);
  expectSame(core::dropoutMatmul(probs0, v0, 0.3, false), torch::matmul(probs0, v0), "eval");
}

TEST_F(FastDropout, OtherDtypesAndCertainDropUseTorchDropout) {
  const auto d = torch::ones({100, 100}, torch::kFloat64);
  const auto y = core::applyDropout(d, 0.5, true);
  EXPECT_EQ(y.scalar_type(), torch::kFloat64);
  const double fraction = y.ne(0).to(torch::kDouble).mean().item<double>();
  EXPECT_NEAR(fraction, 0.5, 0.03);
  EXPECT_EQ(core::applyDropout(torch::ones({8}), 1.0, true).abs().sum().item<float>(), 0.0f);
}

}  // namespace
}  // namespace childtune::test
