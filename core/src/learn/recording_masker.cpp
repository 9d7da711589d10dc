#include "learn/recording_masker.h"

namespace childtune::core::detail {

RecordingMasker::RecordingMasker(std::unique_ptr<GradientMasker> inner, size_t watchedIndex)
    : inner_(std::move(inner)), watched_(watchedIndex) {}

void RecordingMasker::beginStep(int64_t step) {
  gradientIn_ = torch::Tensor();
  gradientOut_ = torch::Tensor();
  mask_ = torch::Tensor();
  kept_ = 0;
  seen_ = 0;
  if (inner_) {
    inner_->beginStep(step);
  }
}

void RecordingMasker::apply(size_t index, torch::Tensor& grad) {
  torch::NoGradGuard noGrad;
  torch::Tensor keep;
  if (inner_) {
    // Same shape, dtype and (contiguous) layout as the gradient the masker is about to see.
    auto probe = torch::ones(grad.sizes(), grad.options());
    inner_->apply(index, probe);
    keep = probe.ne(0);
  } else {
    keep = torch::ones(grad.sizes(), grad.options().dtype(torch::kBool));
  }
  kept_ += keep.sum().item<int64_t>();
  seen_ += grad.numel();
  if (index == watched_) {
    gradientIn_ = grad.detach().to(torch::kFloat32).clone();
    mask_ = keep;
  }
  if (inner_) {
    inner_->apply(index, grad);
  }
  if (index == watched_) {
    gradientOut_ = grad.detach().to(torch::kFloat32).clone();
  }
}

}  // namespace childtune::core::detail
