// The attention's batched products (model/attention_matmul.h) against torch::matmul: every
// operand layout the attention produces (heads split from (B, T, H) activations, transposed
// keys, the token-major context), empty and single-row shapes, and the autograd node's gradients.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "model/attention_matmul.h"
#include "model/fast_dropout.h"

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

// Attention of each packed sequence over its own tokens with torch ops; `mask` (flat, each
// sequence's (heads, L, L) block in turn) multiplies the weights when defined.
torch::Tensor referenceVarlen(const torch::Tensor& q, const torch::Tensor& k,
                              const torch::Tensor& v, const std::vector<int64_t>& offsets,
                              int64_t heads, const torch::Tensor& mask) {
  const int64_t width = q.size(1);
  const int64_t d = width / heads;
  std::vector<torch::Tensor> outs;
  int64_t at = 0;
  for (size_t s = 0; s + 1 < offsets.size(); ++s) {
    const int64_t len = offsets[s + 1] - offsets[s];
    if (len == 0) {
      continue;
    }
    auto split = [&](const torch::Tensor& x) {
      return x.narrow(0, offsets[s], len).view({len, heads, d}).transpose(0, 1);
    };
    auto probs = torch::softmax(
        torch::matmul(split(q), split(k).transpose(1, 2)) / std::sqrt(static_cast<double>(d)), -1);
    if (mask.defined()) {
      probs = probs * mask.narrow(0, at, heads * len * len).view({heads, len, len});
    }
    at += heads * len * len;
    outs.push_back(torch::matmul(probs, split(v)).transpose(0, 1).reshape({len, width}));
  }
  return torch::cat(outs);
}

class VarlenAttention : public ::testing::TestWithParam<double> {};

// Sequences of different lengths (one empty, one a single token), against the per-sequence
// reference: values and the gradients of q, k and v; with dropout, the mask is the one
// applyDropout draws from the same generator state, applied again in backward.
TEST_P(VarlenAttention, MatchesPerSequenceAttentionInValuesAndGradients) {
  if (!core::batchedGemmAvailable()) {
    GTEST_SKIP() << "no OpenBLAS sgemm_ in this process";
  }
  const double p = GetParam();
  const std::vector<int64_t> offsets = {0, 5, 5, 6, 13, 22};
  const int64_t heads = 3;
  torch::manual_seed(4);
  const auto q0 = torch::randn({22, 12});
  const auto k0 = torch::randn({22, 12});
  const auto v0 = torch::randn({22, 12});
  const auto upstream = torch::randn({22, 12});
  auto run = [&](bool ours) {
    auto q = q0.clone().requires_grad_(true);
    auto k = k0.clone().requires_grad_(true);
    auto v = v0.clone().requires_grad_(true);
    torch::manual_seed(77);
    torch::Tensor out;
    if (ours) {
      out = core::varlenAttention(q, k, v, offsets, heads, p, /*training=*/true);
    } else {
      torch::Tensor mask;
      if (p > 0.0) {
        const auto draw = core::detail::drawDropout(p);
        int64_t total = 0;
        for (size_t s = 0; s + 1 < offsets.size(); ++s) {
          total += heads * (offsets[s + 1] - offsets[s]) * (offsets[s + 1] - offsets[s]);
        }
        mask = core::detail::applyDropoutMask(torch::ones({total}), draw.key, draw.threshold,
                                              draw.scale);
        EXPECT_GT(mask.eq(0).sum().item<int64_t>(), 0);
      }
      out = referenceVarlen(q, k, v, offsets, heads, mask);
    }
    (out * upstream).sum().backward();
    return std::vector<torch::Tensor>{out.detach(), q.grad(), k.grad(), v.grad()};
  };
  const auto ours = run(true);
  const auto reference = run(false);
  const char* names[] = {"context", "q grad", "k grad", "v grad"};
  for (size_t i = 0; i < ours.size(); ++i) {
    const double scale = reference[i].abs().max().item<double>();
    EXPECT_LE((ours[i] - reference[i]).abs().max().item<double>(), 1e-5 * scale) << names[i];
  }
}

INSTANTIATE_TEST_SUITE_P(Dropout, VarlenAttention, ::testing::Values(0.0, 0.3));

TEST(VarlenAttentionErrors, OffsetsThatDoNotCoverTheRowsAreAnError) {
  if (!core::batchedGemmAvailable()) {
    GTEST_SKIP() << "no OpenBLAS sgemm_ in this process";
  }
  const auto x = torch::randn({6, 4});
  EXPECT_ANY_THROW(core::varlenAttention(x, x, x, {0, 3, 5}, 2, 0.0, false));
  EXPECT_ANY_THROW(core::varlenAttention(x, x, x, {0, 4, 3, 6}, 2, 0.0, false));
  EXPECT_ANY_THROW(core::varlenAttention(x, x, x, {0, 6}, 3, 0.0, false));
}

}  // namespace
}  // namespace childtune::test
