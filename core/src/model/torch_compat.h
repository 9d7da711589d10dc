#pragma once
// Every LibTorch version switch lives here. Supported: LibTorch 1.13 (Debian 12's CPU build) and
// 2.x (e.g. the CUDA builds that ship with PyPI torch).

#include <torch/torch.h>
#include <torch/version.h>

#define CHILDTUNE_TORCH_AT_LEAST(major, minor) \
  (TORCH_VERSION_MAJOR > (major) ||            \
   (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

namespace childtune::core::compat {

// at::scaled_dot_product_attention became public API in 2.0; 1.13 only has private variants.
inline constexpr bool kHasScaledDotProductAttention = CHILDTUNE_TORCH_AT_LEAST(2, 0);

// q, k, v: (B, heads, T, headDim); additiveMask: (B, 1, 1, T), 0 for keep and a large negative
// number for masked keys (broadcast over heads and queries). Returns (B, heads, T, headDim).
inline torch::Tensor scaledDotProductAttention(const torch::Tensor& q, const torch::Tensor& k,
                                               const torch::Tensor& v,
                                               const torch::Tensor& additiveMask, double dropoutP,
                                               bool training) {
#if CHILDTUNE_TORCH_AT_LEAST(2, 0)
  return at::scaled_dot_product_attention(q, k, v, additiveMask, training ? dropoutP : 0.0);
#else
  const double scale = 1.0 / std::sqrt(static_cast<double>(q.size(-1)));
  auto scores = torch::matmul(q, k.transpose(-1, -2)).mul_(scale);  // (B, heads, T, T)
  scores.add_(additiveMask);
  auto probs = torch::softmax(scores, -1);
  if (training && dropoutP > 0.0) {
    probs = torch::dropout(probs, dropoutP, /*train=*/true);
  }
  return torch::matmul(probs, v);
#endif
}

}  // namespace childtune::core::compat
