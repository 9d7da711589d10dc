#pragma once
// Every LibTorch version switch lives here. Supported: LibTorch 1.13 (Debian 12's CPU build) and
// 2.x (e.g. the CUDA builds that ship with PyPI torch).

#include <torch/torch.h>
#include <torch/version.h>

#include <ATen/autocast_mode.h>

#include "model/attention_matmul.h"
#include "model/fast_dropout.h"

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
  auto scores = attentionMatmul(q, k.transpose(-1, -2), scale);  // (B, heads, T, T)
  scores.add_(additiveMask);
  return core::dropoutMatmul(torch::softmax(scores, -1), v, dropoutP, training);
#endif
}

// Whether CPU autocast is on for this thread (the API moved to device-type arguments in 2.4).
inline bool cpuAutocastEnabled() {
#if CHILDTUNE_TORCH_AT_LEAST(2, 4)
  return at::autocast::is_autocast_enabled(c10::DeviceType::CPU);
#else
  return at::autocast::is_cpu_enabled();
#endif
}

// bf16 autocast for a scope (forward passes and the loss; backward runs outside it, as PyTorch
// recommends). Disabled guards do nothing. The autocast API moved to device-type arguments in 2.4.
class AutocastGuard {
 public:
  AutocastGuard(c10::DeviceType device, bool enabled) : device_(device), enabled_(enabled) {
    if (!enabled_) {
      return;
    }
#if CHILDTUNE_TORCH_AT_LEAST(2, 4)
    previous_ = at::autocast::is_autocast_enabled(device_);
    previousDtype_ = at::autocast::get_autocast_dtype(device_);
    at::autocast::set_autocast_dtype(device_, at::kBFloat16);
    at::autocast::set_autocast_enabled(device_, true);
#else
    if (device_ == c10::DeviceType::CUDA) {
      previous_ = at::autocast::is_enabled();
      previousDtype_ = at::autocast::get_autocast_gpu_dtype();
      at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
      at::autocast::set_enabled(true);
    } else {
      previous_ = at::autocast::is_cpu_enabled();
      previousDtype_ = at::autocast::get_autocast_cpu_dtype();
      at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
      at::autocast::set_cpu_enabled(true);
    }
#endif
  }
  ~AutocastGuard() {
    if (!enabled_) {
      return;
    }
#if CHILDTUNE_TORCH_AT_LEAST(2, 4)
    at::autocast::set_autocast_enabled(device_, previous_);
    at::autocast::set_autocast_dtype(device_, previousDtype_);
#else
    if (device_ == c10::DeviceType::CUDA) {
      at::autocast::set_enabled(previous_);
      at::autocast::set_autocast_gpu_dtype(previousDtype_);
    } else {
      at::autocast::set_cpu_enabled(previous_);
      at::autocast::set_autocast_cpu_dtype(previousDtype_);
    }
#endif
    if (!previous_) {
      at::autocast::clear_cache();
    }
  }
  AutocastGuard(const AutocastGuard&) = delete;
  AutocastGuard& operator=(const AutocastGuard&) = delete;

 private:
  c10::DeviceType device_;
  bool enabled_;
  bool previous_ = false;
  at::ScalarType previousDtype_ = at::kBFloat16;
};

}  // namespace childtune::core::compat
