#include "optim/child_tuning_adamw.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "childtune/error.h"
#include "util/adamw_kernel.h"

namespace childtune::core {

bool usesWeightDecay(const std::string& name) {
  return name.find("bias") == std::string::npos &&
         name.find("LayerNorm.weight") == std::string::npos;
}

ChildTuningAdamW::ChildTuningAdamW(
    const std::vector<std::pair<std::string, torch::Tensor>>& namedParams, AdamWOptions options)
    : options_(options) {
  if (!(options.beta1 >= 0.0 && options.beta1 < 1.0 && options.beta2 >= 0.0 &&
        options.beta2 < 1.0)) {
    throw Error(ErrorCode::Config, "Adam betas must be in [0, 1)");
  }
  if (!(options.eps >= 0.0) || !(options.weightDecay >= 0.0)) {
    throw Error(ErrorCode::Config, "Adam eps and weight decay must be non-negative");
  }
  entries_.reserve(namedParams.size());
  for (const auto& [name, param] : namedParams) {
    Entry e;
    e.name = name;
    e.param = param;
    e.decay = usesWeightDecay(name);
    entries_.push_back(std::move(e));
  }
}

void ChildTuningAdamW::step(double lr) {
  torch::NoGradGuard noGrad;
  ++steps_;
  if (masker_) {
    masker_->beginStep(steps_ - 1);
  }
  const double b1 = options_.beta1;
  const double b2 = options_.beta2;
  double stepSize = lr;
  if (options_.correctBias) {
    const double bc1 = 1.0 - std::pow(b1, static_cast<double>(steps_));
    const double bc2 = 1.0 - std::pow(b2, static_cast<double>(steps_));
    stepSize = stepSize * std::sqrt(bc2) / bc1;
  }
  const Update u{b1, b2, options_.eps, stepSize, lr * options_.weightDecay};
  // Parameters for the tensor-op path, by weight-decay group.
  std::array<TensorLists, 2> lists;
  for (size_t i = 0; i < entries_.size(); ++i) {
    Entry& e = entries_[i];
    auto grad = e.param.mutable_grad();
    if (!grad.defined()) {
      continue;
    }
    if (!e.expAvg.defined()) {
      e.expAvg = torch::zeros_like(e.param, torch::MemoryFormat::Contiguous);
      e.expAvgSq = torch::zeros_like(e.param, torch::MemoryFormat::Contiguous);
    }
    if (fusedStep(i, grad, u)) {
      continue;
    }
    if (masker_) {
      masker_->apply(i, grad);
    }
    auto& l = lists[e.decay && options_.weightDecay > 0.0 ? 1 : 0];
    l.params.push_back(e.param);
    l.grads.push_back(grad);
    l.expAvg.push_back(e.expAvg);
    l.expAvgSq.push_back(e.expAvgSq);
  }
  for (size_t group = 0; group < lists.size(); ++group) {
    const auto& l = lists[group];
    if (l.params.empty()) {
      continue;
    }
    // The released per-parameter ops, each over all tensors of the group at once: on CUDA one
    // multi-tensor kernel launch per op instead of one per tensor (LibTorch falls back to a loop
    // of the same ops elsewhere). Element by element the same arithmetic.
    torch::_foreach_mul_(l.expAvg, b1);
    torch::_foreach_add_(l.expAvg, l.grads, 1.0 - b1);
    torch::_foreach_mul_(l.expAvgSq, b2);
    torch::_foreach_addcmul_(l.expAvgSq, l.grads, l.grads, 1.0 - b2);
    auto denom = torch::_foreach_sqrt(l.expAvgSq);
    torch::_foreach_add_(denom, options_.eps);
    torch::_foreach_addcdiv_(l.params, l.expAvg, denom, -stepSize);
    if (group == 1) {
      torch::_foreach_add_(l.params, l.params, -lr * options_.weightDecay);
    }
  }
}

bool ChildTuningAdamW::fusedStep(size_t index, torch::Tensor& grad, const Update& u) {
  Entry& e = entries_[index];
  const int64_t n = e.param.numel();
  auto fits = [n](const torch::Tensor& t) {
    return t.device().is_cpu() && t.scalar_type() == torch::kFloat32 && t.is_contiguous() &&
           t.numel() == n;
  };
  if (!fits(e.param) || !fits(grad) || !fits(e.expAvg) || !fits(e.expAvgSq)) {
    return false;
  }
  GradientMasker::Fused mask;
  if (masker_) {
    if (auto f = masker_->fused(index)) {
      mask = *f;
    } else {
      masker_->apply(index, grad);  // in place, before the moments, as the op path
    }
  }
  if (mask.kind == GradientMasker::Fused::Kind::Fixed && mask.fixed.numel() != n) {
    throw Error(ErrorCode::Internal, "the child-network mask of '" + e.name + "' has " +
                                         std::to_string(mask.fixed.numel()) +
                                         " elements, the parameter " + std::to_string(n));
  }
  detail::AdamWScalars s;
  s.beta1 = static_cast<float>(u.beta1);
  s.oneMinusBeta1 = static_cast<float>(1.0 - u.beta1);
  s.beta2 = static_cast<float>(u.beta2);
  s.oneMinusBeta2 = static_cast<float>(1.0 - u.beta2);
  s.eps = static_cast<float>(u.eps);
  s.negStepSize = static_cast<float>(-u.stepSize);
  s.decay = e.decay && options_.weightDecay > 0.0;
  s.negDecay = static_cast<float>(-u.lrTimesDecay);
  float* p = e.param.data_ptr<float>();
  float* g = grad.data_ptr<float>();
  float* m = e.expAvg.data_ptr<float>();
  float* v = e.expAvgSq.data_ptr<float>();
  detail::AdamWMask kernelMask;
  kernelMask.fixed =
      mask.kind == GradientMasker::Fused::Kind::Fixed ? mask.fixed.data_ptr<bool>() : nullptr;
  kernelMask.counter = mask.kind == GradientMasker::Fused::Kind::Counter;
  kernelMask.key = mask.key;
  kernelMask.threshold = mask.threshold;
  kernelMask.scale = mask.scale;
  kernelMask.storeMaskedGrad = keepMaskedGradients_;
  // Pairs of elements, so that each 64-bit draw of the counter mask stays in one block; blocks
  // small enough that, where the kernel masks in a pass of its own (no AVX-512), the gradient it
  // just wrote is still in cache for the update.
  constexpr int64_t kBlockPairs = 4096;
  at::parallel_for(0, (n + 1) / 2, kBlockPairs, [&](int64_t begin, int64_t end) {
    for (int64_t b = begin; b < end; b += kBlockPairs) {
      const int64_t e2 = std::min(end, b + kBlockPairs);
      detail::adamwUpdate(p, g, m, v, kernelMask, 2 * b, std::min(2 * e2, n), s);
    }
  });
  // Raw writes bypass autograd's version counter: bump it as the in-place ops would.
  e.param.unsafeGetTensorImpl()->bump_version();
  return true;
}

void ChildTuningAdamW::zeroGrad() {
  // Set to none, as torch.optim does since 2.0: the next backward writes each gradient instead of
  // adding it to zeros (no memset, no accumulation pass). Numerically the same: 0 + g == g.
  for (auto& e : entries_) {
    e.param.mutable_grad().reset();
  }
}

void ChildTuningAdamW::restoreState(int64_t steps, const std::vector<torch::Tensor>& expAvg,
                                    const std::vector<torch::Tensor>& expAvgSq) {
  if (expAvg.size() != entries_.size() || expAvgSq.size() != entries_.size()) {
    throw Error(ErrorCode::Data, "optimizer state has " + std::to_string(expAvg.size()) +
                                     " tensors, the model has " + std::to_string(entries_.size()));
  }
  torch::NoGradGuard noGrad;
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (expAvg[i].sizes() != entries_[i].param.sizes() ||
        expAvgSq[i].sizes() != entries_[i].param.sizes()) {
      throw Error(ErrorCode::Data,
                  "optimizer state for '" + entries_[i].name + "' has the wrong shape");
    }
    auto& e = entries_[i];
    e.expAvg = torch::zeros_like(e.param, torch::MemoryFormat::Contiguous).copy_(expAvg[i]);
    e.expAvgSq = torch::zeros_like(e.param, torch::MemoryFormat::Contiguous).copy_(expAvgSq[i]);
  }
  steps_ = steps;
}

double linearScheduleLr(double baseLr, int64_t step, int64_t warmupSteps, int64_t totalSteps) {
  if (step < warmupSteps) {
    return baseLr * static_cast<double>(step) /
           static_cast<double>(std::max<int64_t>(1, warmupSteps));
  }
  const double remaining = static_cast<double>(totalSteps - step) /
                           static_cast<double>(std::max<int64_t>(1, totalSteps - warmupSteps));
  return baseLr * std::max(0.0, remaining);
}

double clipGradNorm(const std::vector<torch::Tensor>& params, double maxNorm) {
  torch::NoGradGuard noGrad;
  std::vector<torch::Tensor> grads;
  grads.reserve(params.size());
  for (const auto& p : params) {
    if (p.grad().defined()) {
      grads.push_back(p.grad());
    }
  }
  if (grads.empty()) {
    return 0.0;
  }
  // On CUDA one multi-tensor kernel for all norms and one for the scaling instead of one launch
  // per tensor; on the CPU per-tensor norms (what the golden tests pinned down).
  std::vector<torch::Tensor> norms;
  if (grads.front().is_cuda()) {
    norms = torch::_foreach_norm(grads, 2.0);
  } else {
    norms.reserve(grads.size());
    for (const auto& g : grads) {
      norms.push_back(g.norm(2.0));
    }
  }
  const auto total = torch::stack(norms).norm(2.0).item<double>();
  const double coef = maxNorm / (total + 1e-6);
  if (coef < 1.0) {
    torch::_foreach_mul_(grads, coef);
  }
  return total;
}

}  // namespace childtune::core
