#pragma once
// One pass of ChildTuningAdamW's update over a float32 range: the gradient mask, both moment
// updates, the bias-corrected step and the decoupled weight decay read and write each element
// once, where the op-by-op update runs seven tensor ops (fourteen passes over memory). Per
// element it computes what those ops compute, in their order and rounding (LibTorch's vector
// kernels contract a * b + c into one fused multiply-add; so does this):
//   g = g * mask                      (Child-Tuning_D's fixed 0/1 mask; absent: unchanged)
//   m = fma(g, 1 - b1, m * b1)        m.mul_(b1).add_(g, 1 - b1)
//   v = fma((1 - b2) * g, g, v * b2)  v.mul_(b2).addcmul_(g, g, 1 - b2)
//   p = p + (-step * m) / (sqrt(v) + eps)
//   p = fma(p, -lr * wd, p)           only for the decay group
// The gradient mask is either a fixed 0/1 mask (Child-Tuning_D) or Child-Tuning_F's counter mask
// (util/counter_mask.h's draws: g = draw(key, e) < threshold ? g * scale : 0), drawn in the
// update's own loop, so the masked gradient never makes a trip through memory. Whether it is
// written back is the caller's choice (the trainer's mask-density statistic reads it on the steps
// it samples; writing it costs one more pass over the gradient).
// AVX-512 or AVX2+FMA where the CPU has them, a scalar loop elsewhere; all give the same bits.
// Torch-free.

#include <cstdint>

namespace childtune::core::detail {

// The update's scalars, each rounded to float32 once, as LibTorch rounds a double Scalar for a
// float32 tensor op.
struct AdamWScalars {
  float beta1 = 0.9f;
  float oneMinusBeta1 = 0.1f;
  float beta2 = 0.999f;
  float oneMinusBeta2 = 0.001f;
  float eps = 1e-8f;
  float negStepSize = 0.0f;  // -lr * sqrt(1 - b2^t) / (1 - b1^t)
  bool decay = false;
  float negDecay = 0.0f;  // -lr * weight decay
};

struct AdamWMask {
  const bool* fixed = nullptr;  // bool bytes (0 or 1) shaped like the parameter; null: none
  // Child-Tuning_F's counter mask; the draws are numbered from element 0 of the parameter.
  bool counter = false;
  uint64_t key = 0;
  uint32_t threshold = 0;
  float scale = 1.0f;
  // true: grad[begin, end) holds the masked gradient afterwards; false: the masked or the
  // unmasked one, whichever was cheaper (the AVX-512 body leaves it untouched).
  bool storeMaskedGrad = true;
};

// Elements [begin, end) of a parameter.
void adamwUpdate(float* param, float* grad, float* expAvg, float* expAvgSq, const AdamWMask& mask,
                 int64_t begin, int64_t end, const AdamWScalars& s);

}  // namespace childtune::core::detail
