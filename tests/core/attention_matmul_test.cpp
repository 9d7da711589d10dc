// The attention's batched products (model/attention_matmul.h) against torch::matmul: every
// operand layout the attention produces (heads split from (B, T, H) activations, transposed
// keys, the token-major context), empty and single-row shapes, and the autograd node's gradients.

#include <gtest/gtest.h>

#include "model/attention_matmul.h"

namespace childtune::test {
namespace {

// (B, T, heads, d) memory seen as (B, heads, T, d), as the attention splits its heads.
torch::Tensor heads(int64_t b, int64_t t, int64_t h, int64_t d) {
  return torch::randn({b, t, h, d}).transpose(1, 2);
}

void expectClose(const torch::Tensor& got, const torch::Tensor& want) {
  ASSERT_EQ(got.sizes(), want.sizes());
  EXPECT_TRUE(torch::allclose(got, want, 1e-5, 1e-5))
      << "max |diff| " << (got - want).abs().max().item<double>();
}

TEST(AttentionMatmul, BatchedProductsMatchTorchMatmulForEveryLayout) {
  if (!core::batchedGemmAvailable()) {
    GTEST_SKIP() << "no OpenBLAS sgemm_ in this process: torch::matmul is used";
  }
  torch::manual_seed(1);
  const auto q = heads(3, 7, 4, 5);
  const auto k = heads(3, 7, 4, 5);
  const auto probs = torch::softmax(torch::randn({3, 4, 7, 7}), -1);
  // q k^T (transposed operand), probs v (contiguous times strided), grads in both directions.
  expectClose(core::batchedMatmul(q, k.transpose(2, 3), 0.25),
              torch::matmul(q, k.transpose(2, 3)) * 0.25);
  const auto context = core::batchedMatmul(probs, k, 1.0, /*tokenMajor=*/true);
  expectClose(context, torch::matmul(probs, k));
  EXPECT_TRUE(context.transpose(1, 2).is_contiguous());  // heads merge back without a copy
  expectClose(core::batchedMatmul(probs.transpose(2, 3), q),
              torch::matmul(probs.transpose(2, 3), q));
  // Operands with no unit stride in the last two dimensions are copied first.
  const auto strided = torch::randn({3, 4, 7, 10}).slice(3, 0, 10, 2);
  expectClose(core::batchedMatmul(probs, strided), torch::matmul(probs, strided));
  // One row, one column, an empty inner dimension.
  const auto row = torch::randn({2, 3, 1, 6});
  const auto col = torch::randn({2, 3, 6, 1});
  expectClose(core::batchedMatmul(row, col), torch::matmul(row, col));
  expectClose(core::batchedMatmul(col, row), torch::matmul(col, row));
  const auto empty = core::batchedMatmul(torch::randn({2, 3, 4, 0}), torch::randn({2, 3, 0, 5}));
  EXPECT_TRUE(empty.eq(0).all().item<bool>());
}

// MiniLM's attention shapes, many matrices at once on the intra-op threads (each its own BLAS
// call): against a float64 product, so that a race between the calls would show.
TEST(AttentionMatmul, ManyLargeMatricesOnAllThreadsAgreeWithFloat64) {
  if (!core::batchedGemmAvailable()) {
    GTEST_SKIP() << "no OpenBLAS sgemm_ in this process";
  }
  torch::manual_seed(3);
  const auto q = heads(8, 96, 12, 32);
  const auto k = heads(8, 96, 12, 32);
  for (int round = 0; round < 5; ++round) {
    const auto got = core::batchedMatmul(q, k.transpose(2, 3), 0.125);
    const auto want =
        torch::matmul(q.to(torch::kFloat64), k.transpose(2, 3).to(torch::kFloat64)) * 0.125;
    EXPECT_LT((got.to(torch::kFloat64) - want).abs().max().item<double>(), 1e-4) << round;
  }
}

TEST(AttentionMatmul, AutogradNodeGivesTorchsGradients) {
  torch::manual_seed(2);
  const auto q0 = heads(2, 6, 3, 4);
  const auto k0 = heads(2, 6, 3, 4);
  const auto weight = torch::randn({2, 3, 6, 6});
  auto run = [&](bool ours) {
    auto q = q0.detach().clone().requires_grad_(true);
    auto k = k0.detach().clone().requires_grad_(true);
    auto scores = ours ? core::attentionMatmul(q, k.transpose(2, 3), 0.5)
                       : torch::matmul(q, k.transpose(2, 3)) * 0.5;
    (scores * weight).sum().backward();
    return std::vector<torch::Tensor>{scores.detach(), q.grad(), k.grad()};
  };
  const auto ours = run(true);
  const auto torchs = run(false);
  for (size_t i = 0; i < ours.size(); ++i) {
    expectClose(ours[i], torchs[i]);
  }
}

TEST(AttentionMatmul, MismatchedOperandsAreAnErrorNotACrash) {
  if (!core::batchedGemmAvailable()) {
    GTEST_SKIP() << "no OpenBLAS sgemm_ in this process";
  }
  auto out = torch::empty({2, 3, 4, 5});
  EXPECT_ANY_THROW(
      core::batchedGemm(torch::randn({2, 3, 4, 6}), torch::randn({2, 3, 7, 5}), out, 1.0f));
  EXPECT_ANY_THROW(core::batchedGemm(torch::randn({2, 3, 4, 6}),
                                     torch::randn({2, 3, 6, 5}).to(torch::kFloat64), out, 1.0f));
}

}  // namespace
}  // namespace childtune::test
