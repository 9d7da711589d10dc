#include "optim/child_tuning_adamw.h"

#include <cmath>

#include "childtune/error.h"

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
  for (size_t i = 0; i < entries_.size(); ++i) {
    Entry& e = entries_[i];
    auto grad = e.param.mutable_grad();
    if (!grad.defined()) {
      continue;
    }
    if (masker_) {
      masker_->apply(i, grad);
    }
    if (!e.expAvg.defined()) {
      e.expAvg = torch::zeros_like(e.param, torch::MemoryFormat::Contiguous);
      e.expAvgSq = torch::zeros_like(e.param, torch::MemoryFormat::Contiguous);
    }
    e.expAvg.mul_(b1).add_(grad, 1.0 - b1);
    e.expAvgSq.mul_(b2).addcmul_(grad, grad, 1.0 - b2);
    const auto denom = e.expAvgSq.sqrt().add_(options_.eps);
    e.param.addcdiv_(e.expAvg, denom, -stepSize);
    if (e.decay && options_.weightDecay > 0.0) {
      e.param.add_(e.param, -lr * options_.weightDecay);
    }
  }
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
  std::vector<torch::Tensor> norms;
  for (const auto& p : params) {
    if (p.grad().defined()) {
      norms.push_back(p.grad().norm(2.0));
    }
  }
  if (norms.empty()) {
    return 0.0;
  }
  const auto total = torch::stack(norms).norm(2.0).item<double>();
  const double coef = maxNorm / (total + 1e-6);
  if (coef < 1.0) {
    for (const auto& p : params) {
      if (p.grad().defined()) {
        p.grad().mul_(coef);
      }
    }
  }
  return total;
}

}  // namespace childtune::core
