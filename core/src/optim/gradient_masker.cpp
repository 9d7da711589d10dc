#include "optim/gradient_masker.h"

#include <ATen/Parallel.h>

#include <cmath>

#include "childtune/error.h"
#include "util/counter_mask.h"
#include "util/counter_rng.h"

namespace childtune::core {

namespace {

using detail::counterBits;
using detail::mix64;

// One 64-bit key per (seed, step, parameter); elements are counted from it.
inline uint64_t streamKey(uint64_t seed, int64_t step, size_t index) {
  uint64_t k = mix64(seed + 0x9E3779B97F4A7C15ULL);
  k = mix64(k ^ (static_cast<uint64_t>(step) * 0xD1B54A32D192ED03ULL));
  return mix64(k ^ (static_cast<uint64_t>(index) * 0x8CB92BA72F3D8DD7ULL));
}

// Two 32-bit draws per 64-bit mix: element 2j uses the low half, 2j+1 the high half.
inline uint32_t draw(uint64_t key, int64_t element) {
  const uint64_t r = counterBits(key, element >> 1);
  return (element & 1) ? static_cast<uint32_t>(r >> 32) : static_cast<uint32_t>(r);
}

}  // namespace

uint32_t BernoulliMasker::thresholdFor(double p) {
  // keep when draw < threshold; p == 1 keeps everything (handled before drawing).
  const double t = std::floor(p * 4294967296.0);
  return t >= 4294967295.0 ? 0xFFFFFFFFu : static_cast<uint32_t>(t);
}

bool BernoulliMasker::keep(uint64_t seed, int64_t step, size_t index, int64_t element,
                           uint32_t threshold) {
  return draw(streamKey(seed, step, index), element) < threshold;
}

BernoulliMasker::BernoulliMasker(double p, uint64_t seed)
    : p_(p), seed_(seed), threshold_(thresholdFor(p)) {
  if (!(p > 0.0 && p <= 1.0)) {
    throw Error(ErrorCode::Config,
                "Child-Tuning_F keep probability p_F must be in (0, 1], got " + std::to_string(p));
  }
}

void BernoulliMasker::apply(size_t index, torch::Tensor& grad) {
  if (p_ >= 1.0) {
    return;  // keeps every element and scales by 1: exactly vanilla
  }
  if (!grad.device().is_cpu()) {
    // Fused dropout: out = grad * mask / p with mask ~ Bernoulli(p), generated on the device.
    auto generator = at::globalContext().defaultGenerator(grad.device());
    {
      std::lock_guard<std::mutex> lock(generator.mutex());
      generator.set_current_seed(streamKey(seed_, step_, index));
    }
    torch::NoGradGuard noGrad;
    grad.copy_(torch::dropout(grad, 1.0 - p_, /*train=*/true));
    return;
  }
  TORCH_CHECK(grad.is_contiguous() && grad.scalar_type() == torch::kFloat32,
              "BernoulliMasker expects a contiguous float32 CPU gradient");
  auto* data = grad.data_ptr<float>();
  const auto key = streamKey(seed_, step_, index);
  const uint32_t threshold = threshold_;
  // The released code multiplies by (mask / p) computed in float32.
  const auto scale = static_cast<float>(1.0 / p_);
  constexpr int64_t kGrain = 1 << 15;
  // Chunks start at even elements so each 64-bit draw feeds two elements of the same chunk.
  const int64_t n = grad.numel();
  at::parallel_for(0, (n + 1) / 2, kGrain / 2, [&](int64_t begin, int64_t end) {
    detail::scaleByCounterMask(data, data, n, begin, end, key, threshold, scale);
  });
}

std::optional<GradientMasker::Fused> BernoulliMasker::fused(size_t index) const {
  Fused f;
  if (p_ < 1.0) {
    f.kind = Fused::Kind::Counter;
    f.key = streamKey(seed_, step_, index);
    f.threshold = threshold_;
    f.scale = static_cast<float>(1.0 / p_);
  }
  return f;
}

FixedMasker::FixedMasker(std::vector<torch::Tensor> masks) : masks_(std::move(masks)) {}

void FixedMasker::apply(size_t index, torch::Tensor& grad) {
  if (index >= masks_.size() || !masks_[index].defined()) {
    return;
  }
  auto& mask = masks_[index];
  if (mask.device() != grad.device()) {
    mask = mask.to(grad.device());  // once: masks made on the CPU for a model on a GPU
  }
  grad.mul_(mask);
}

std::optional<GradientMasker::Fused> FixedMasker::fused(size_t index) const {
  Fused f;
  if (index < masks_.size() && masks_[index].defined()) {
    if (!masks_[index].device().is_cpu() || masks_[index].scalar_type() != torch::kBool ||
        !masks_[index].is_contiguous()) {
      return std::nullopt;
    }
    f.kind = Fused::Kind::Fixed;
    f.fixed = masks_[index];
  }
  return f;
}

SequenceMasker::SequenceMasker(std::vector<std::vector<torch::Tensor>> masks, double p)
    : masks_(std::move(masks)), p_(p) {}

void SequenceMasker::apply(size_t index, torch::Tensor& grad) {
  const auto& stepMasks = masks_.at(static_cast<size_t>(step_));
  if (index < stepMasks.size() && stepMasks[index].defined()) {
    grad.mul_(stepMasks[index].to(grad.scalar_type()) / p_);
  }
}

}  // namespace childtune::core
