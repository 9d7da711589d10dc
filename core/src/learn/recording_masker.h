#pragma once
// A GradientMasker decorator that lets the Learn view's step-through report exactly what
// ChildTuningAdamW did without repeating any of its logic: it forwards every call to the real
// masker (or to none, for vanilla fine-tuning) and records, for one watched parameter, the
// gradient it was given (already clipped) and the gradient it handed back to Adam. For every
// parameter it also asks the real masker which elements it keeps, by masking a tensor of ones
// with the same (step, index): both masks in ChildTune are pure functions of those, so the probe
// sees the very mask the gradient got.

#include <cstdint>
#include <memory>

#include <torch/torch.h>

#include "optim/gradient_masker.h"

namespace childtune::core::detail {

class RecordingMasker final : public GradientMasker {
 public:
  // inner == nullptr: no masking (vanilla), every element kept.
  RecordingMasker(std::unique_ptr<GradientMasker> inner, size_t watchedIndex);

  void beginStep(int64_t step) override;
  void apply(size_t index, torch::Tensor& grad) override;

  // Of the last step, for the watched parameter (undefined before the first step or when it
  // had no gradient): shaped like the parameter, float32 copies.
  const torch::Tensor& gradientIn() const { return gradientIn_; }
  const torch::Tensor& gradientOut() const { return gradientOut_; }
  const torch::Tensor& mask() const { return mask_; }  // bool
  // Of the last step, over every parameter that had a gradient.
  int64_t keptElements() const { return kept_; }
  int64_t seenElements() const { return seen_; }

 private:
  std::unique_ptr<GradientMasker> inner_;
  size_t watched_;
  torch::Tensor gradientIn_;
  torch::Tensor gradientOut_;
  torch::Tensor mask_;
  int64_t kept_ = 0;
  int64_t seen_ = 0;
};

}  // namespace childtune::core::detail
