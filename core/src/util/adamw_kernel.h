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
// The masked gradient is written back (the trainer's mask-density statistic reads it).
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

// Elements [begin, end) of a parameter; `mask` (bool bytes, 0 or 1) may be null.
void adamwUpdate(float* param, float* grad, float* expAvg, float* expAvgSq, const bool* mask,
                 int64_t begin, int64_t end, const AdamWScalars& s);

}  // namespace childtune::core::detail
