#pragma once
// Dropout for float32 CPU tensors without a stored mask: the keep decisions come from a
// counter-based generator keyed by one 64-bit draw from LibTorch's default CPU generator, so the
// backward pass regenerates the mask instead of keeping a float mask the size of the input, and
// the mask costs one hash per two elements instead of a Bernoulli sample per element.
//
// Semantics are torch::dropout's: training keeps each element with probability 1 - p and scales
// kept ones by 1 / (1 - p) (in float32); evaluation is the identity. Runs are reproducible from
// torch::manual_seed and resume exactly from a saved CPU generator state, like torch's dropout;
// the masks themselves differ from torch's. Other devices and dtypes (CUDA, bf16 autocast) use
// torch::dropout.

#include <torch/torch.h>

namespace childtune::core {

torch::Tensor applyDropout(const torch::Tensor& x, double p, bool training);

// applyDropout(probs, p, training) then matmul with v, as one autograd node that keeps `probs`
// (not the dropped copy) for the backward pass and regenerates the mask there: one
// (B, heads, T, T) tensor per layer less held from forward to backward (attention dropout).
// Same values and the same masks as the two calls; other devices and dtypes use the two calls.
torch::Tensor dropoutMatmul(const torch::Tensor& probs, const torch::Tensor& v, double p,
                            bool training);

// The module's probability and training flag, applied with applyDropout.
inline torch::Tensor applyDropout(const torch::nn::Dropout& module, const torch::Tensor& x) {
  return applyDropout(x, module->options.p(), module->is_training());
}

namespace detail {
// Benchmarks only (bench_train --torch-dropout): route every call to torch::dropout, to measure
// the two side by side in one build. Process-wide; not for use while a model is training.
void setUseTorchDropout(bool use);
bool usesTorchDropout();

// One dropout call's mask as applyDropout draws it: the stream key (one 64-bit draw from the
// default CPU generator), the keep threshold for probability 1 - p and the scale 1 / (1 - p).
struct DropoutDraw {
  uint64_t key = 0;
  uint32_t threshold = 0;
  float scale = 1.0f;
};
DropoutDraw drawDropout(double p);

// out[i] = keep(key, i) ? x[i] * scale : 0 over the contiguous float32 CPU tensor x, with
// keep(key, i) = the i-th 32-bit draw of the stream `key` < threshold (util/counter_rng.h).
torch::Tensor applyDropoutMask(const torch::Tensor& x, uint64_t key, uint32_t threshold,
                               float scale);
}  // namespace detail

}  // namespace childtune::core
