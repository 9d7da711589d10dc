#pragma once
// ChildTuningAdamW: transformers' (pre-4.x torch-free) AdamW with the Child-Tuning gradient mask,
// matching the released Child-Tuning code step for step:
//   g <- mask(g)            after global clipping; D: fixed child mask, F: Bernoulli / p
//   m <- b1 m + (1 - b1) g
//   v <- b2 v + (1 - b2) g^2
//   p <- p - lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)
//   p <- p - lr * wd * p    decoupled decay, only for the decay group
// Masked elements still move through momentum in F mode; in D mode non-child elements never get
// a gradient, so their Adam update is exactly zero and only weight decay changes them.
//
// Contiguous float32 CPU parameters are updated in one fused pass each, the mask included
// (util/adamw_kernel.h: per element the same arithmetic as the released ops); the others (CUDA,
// other layouts) run the released ops as multi-tensor (_foreach_) ops per weight-decay group.
//
// The moments are the optimizer's own tensors (not LibTorch's optimizer state map, whose key
// type changed in 2.2), saved and restored by name for checkpoints.
//
// Thread: one training thread owns an optimizer.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <torch/torch.h>

#include "optim/gradient_masker.h"

namespace childtune::core {

struct AdamWOptions {
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weightDecay = 0.01;
  bool correctBias = true;
};

// Hugging Face's grouping: no weight decay for names containing "bias" or "LayerNorm.weight".
bool usesWeightDecay(const std::string& name);

class ChildTuningAdamW {
 public:
  ChildTuningAdamW(const std::vector<std::pair<std::string, torch::Tensor>>& namedParams,
                   AdamWOptions options);

  // nullptr = vanilla (no mask).
  void setMasker(std::unique_ptr<GradientMasker> masker) { masker_ = std::move(masker); }
  GradientMasker* masker() const { return masker_.get(); }

  // One update with learning rate `lr` from the parameters' current .grad() (already clipped).
  // Parameters without a gradient are skipped, like torch optimizers do.
  void step(double lr);
  // true (the default): after step() each masked parameter's .grad() holds the masked gradient,
  // as the released code leaves it. false: the masked or the unmasked one, whichever was cheaper
  // (the fused CPU pass then skips writing the gradient back: one pass over memory less).
  void setKeepMaskedGradients(bool keep) { keepMaskedGradients_ = keep; }
  // Drops every gradient (undefined, not zero-filled).
  void zeroGrad();
  int64_t stepsTaken() const { return steps_; }

  struct Entry {
    std::string name;
    torch::Tensor param;
    bool decay = true;
    // m and v, same shape as param; allocated (zeros) at the first step that has a gradient
    // for it, as torch.optim does, so a Fisher pass before training does not hold them.
    // Undefined until then.
    torch::Tensor expAvg;
    torch::Tensor expAvgSq;
  };
  const std::vector<Entry>& entries() const { return entries_; }
  // For checkpoint restore: replaces the moments and step count. Shapes must match.
  void restoreState(int64_t steps, const std::vector<torch::Tensor>& expAvg,
                    const std::vector<torch::Tensor>& expAvgSq);

 private:
  struct Update {
    double beta1;
    double beta2;
    double eps;
    double stepSize;  // lr * sqrt(1 - b2^t) / (1 - b1^t)
    double lrTimesDecay;
  };
  struct TensorLists {
    std::vector<torch::Tensor> params;
    std::vector<torch::Tensor> grads;
    std::vector<torch::Tensor> expAvg;
    std::vector<torch::Tensor> expAvgSq;
  };
  // The whole update of parameter `index` (mask included) in one pass when it and its gradient
  // and moments are contiguous float32 CPU tensors; false (nothing done) otherwise.
  bool fusedStep(size_t index, torch::Tensor& grad, const Update& u);

  std::vector<Entry> entries_;
  AdamWOptions options_;
  std::unique_ptr<GradientMasker> masker_;
  bool keepMaskedGradients_ = true;
  int64_t steps_ = 0;
};

// transformers' get_linear_schedule_with_warmup: the lr used at optimizer step `step` (0-based,
// the scheduler is stepped after each optimizer step, so step 0 uses 0 when warmup > 0).
double linearScheduleLr(double baseLr, int64_t step, int64_t warmupSteps, int64_t totalSteps);

// torch.nn.utils.clip_grad_norm_ over all gradients (L2): scales every gradient by
// maxNorm / (norm + 1e-6) when that is below 1. Returns the total norm before clipping.
double clipGradNorm(const std::vector<torch::Tensor>& params, double maxNorm);

}  // namespace childtune::core
