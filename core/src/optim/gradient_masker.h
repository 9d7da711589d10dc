#pragma once
// Gradient masks for Child-Tuning, applied in place to the (already clipped) gradient before the
// Adam moment updates, exactly where the released ChildTuningAdamW applies them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <torch/torch.h>

namespace childtune::core {

class GradientMasker {
 public:
  virtual ~GradientMasker() = default;
  // Called once per optimizer step before the first apply().
  virtual void beginStep(int64_t step) { (void)step; }
  // Masks `grad` of parameter number `index` in place.
  virtual void apply(size_t index, torch::Tensor& grad) = 0;

  // How an optimizer that fuses the mask into its own pass over a CPU float32 gradient may apply
  // it instead of calling apply(). std::nullopt: it must call apply() (decorators that watch the
  // calls, masks given as tensors of another kind).
  struct Fused {
    enum class Kind { None, Fixed, Counter };
    Kind kind = Kind::None;
    torch::Tensor fixed;  // Kind::Fixed: bool mask shaped like the parameter
    // Kind::Counter: g = draw(key, e) < threshold ? g * scale : 0 (util/counter_mask.h)
    uint64_t key = 0;
    uint32_t threshold = 0;
    float scale = 1.0f;
  };
  virtual std::optional<Fused> fused(size_t index) const {
    (void)index;
    return std::nullopt;
  }
};

// Child-Tuning_F: keeps each gradient element with probability p and scales kept ones by 1/p.
// On the CPU no mask tensor is materialised: a counter-based generator keyed by (seed, step,
// parameter index, element index) decides each element in one pass over the gradient, so the
// result is the same for any number of threads and reproducible from the seed.
// On CUDA it uses LibTorch's fused dropout kernel seeded from the same counter.
class BernoulliMasker final : public GradientMasker {
 public:
  // REQUIRES: 0 < p <= 1.
  BernoulliMasker(double p, uint64_t seed);
  void beginStep(int64_t step) override { step_ = step; }
  void apply(size_t index, torch::Tensor& grad) override;
  std::optional<Fused> fused(size_t index) const override;

  // The keep decision for one element, exposed for tests of the generator's statistics.
  static bool keep(uint64_t seed, int64_t step, size_t index, int64_t element, uint32_t threshold);
  static uint32_t thresholdFor(double p);

 private:
  double p_;
  uint64_t seed_;
  int64_t step_ = 0;
  uint32_t threshold_;
};

// Child-Tuning_D (and tests): fixed 0/1 masks per parameter index; parameters without a mask are
// left untouched. Masks are bool tensors shaped like their parameter.
class FixedMasker final : public GradientMasker {
 public:
  explicit FixedMasker(std::vector<torch::Tensor> masks);  // undefined tensor = no mask
  void apply(size_t index, torch::Tensor& grad) override;
  std::optional<Fused> fused(size_t index) const override;

 private:
  std::vector<torch::Tensor> masks_;
};

// Tests: a given mask sequence per step (float 0/1 multiplied as mask / p, like the released F
// mode with its sampled masks replaced by these).
class SequenceMasker final : public GradientMasker {
 public:
  // masks[step][index]
  SequenceMasker(std::vector<std::vector<torch::Tensor>> masks, double p);
  void beginStep(int64_t step) override { step_ = step; }
  void apply(size_t index, torch::Tensor& grad) override;

 private:
  std::vector<std::vector<torch::Tensor>> masks_;
  double p_;
  int64_t step_ = 0;
};

}  // namespace childtune::core
