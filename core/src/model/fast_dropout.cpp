#include "model/fast_dropout.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

#include <atomic>
#include <mutex>

#include "model/attention_matmul.h"
#include "util/counter_mask.h"
#include "util/counter_rng.h"

namespace childtune::core {

namespace detail {

namespace {
std::atomic<bool> useTorchDropout{false};
}  // namespace

void setUseTorchDropout(bool use) { useTorchDropout.store(use); }
bool usesTorchDropout() { return useTorchDropout.load(std::memory_order_relaxed); }

torch::Tensor applyDropoutMask(const torch::Tensor& x, uint64_t key, uint32_t threshold,
                               float scale) {
  const auto in = x.contiguous();
  auto out = torch::empty_like(in, torch::MemoryFormat::Contiguous);
  const float* src = in.data_ptr<float>();
  float* dst = out.data_ptr<float>();
  const int64_t n = in.numel();
  constexpr int64_t kGrain = 1 << 14;  // pairs of elements per task at least
  at::parallel_for(0, (n + 1) / 2, kGrain, [&](int64_t begin, int64_t end) {
    scaleByCounterMask(src, dst, n, begin, end, key, threshold, scale);
  });
  return out;
}

}  // namespace detail

namespace {

// One 64-bit key per dropout call from the default CPU generator: torch::manual_seed and the
// generator state saved in checkpoints fix every mask.
uint64_t drawKey() {
  auto generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  return generator.get<at::CPUGeneratorImpl>()->random64();
}

// One dropout call's mask: the stream key, keep threshold and scale. Saved in the autograd
// context so that backward regenerates exactly the forward pass's mask.
struct CounterMask {
  uint64_t key;
  uint32_t threshold;
  float scale;

  static CounterMask draw(double p) {
    const auto d = detail::drawDropout(p);
    return {d.key, d.threshold, d.scale};
  }
  static CounterMask load(torch::autograd::AutogradContext* ctx) {
    return {static_cast<uint64_t>(ctx->saved_data["key"].toInt()),
            static_cast<uint32_t>(ctx->saved_data["threshold"].toInt()),
            static_cast<float>(ctx->saved_data["scale"].toDouble())};
  }
  void save(torch::autograd::AutogradContext* ctx) const {
    ctx->saved_data["key"] = static_cast<int64_t>(key);
    ctx->saved_data["threshold"] = static_cast<int64_t>(threshold);
    ctx->saved_data["scale"] = static_cast<double>(scale);
  }
  torch::Tensor apply(const torch::Tensor& x) const {
    return detail::applyDropoutMask(x, key, threshold, scale);
  }
};

class DropoutFunction : public torch::autograd::Function<DropoutFunction> {
 public:
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x,
                               double p) {
    const auto mask = CounterMask::draw(p);
    mask.save(ctx);
    return mask.apply(x);
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    return {CounterMask::load(ctx).apply(grads[0]), torch::Tensor()};
  }
};

class DropoutMatmulFunction : public torch::autograd::Function<DropoutMatmulFunction> {
 public:
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& probs,
                               const torch::Tensor& v, double p) {
    const auto mask = CounterMask::draw(p);
    mask.save(ctx);
    ctx->save_for_backward({probs, v});
    return batchedMatmul(mask.apply(probs), v, 1.0, /*tokenMajor=*/true);
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    const auto mask = CounterMask::load(ctx);
    const auto saved = ctx->get_saved_variables();
    const auto& probs = saved[0];
    const auto& v = saved[1];
    const auto& grad = grads[0];
    torch::Tensor gradV;
    if (ctx->needs_input_grad(1)) {
      gradV = batchedMatmul(mask.apply(probs).transpose(-1, -2), grad);
    }
    torch::Tensor gradProbs;
    if (ctx->needs_input_grad(0)) {
      gradProbs = mask.apply(batchedMatmul(grad, v.transpose(-1, -2)));
    }
    return {gradProbs, gradV, torch::Tensor()};
  }
};

}  // namespace

namespace detail {
DropoutDraw drawDropout(double p) {
  return {drawKey(), keepThreshold(1.0 - p), static_cast<float>(1.0 / (1.0 - p))};
}
}  // namespace detail

torch::Tensor dropoutMatmul(const torch::Tensor& probs, const torch::Tensor& v, double p,
                            bool training) {
  if (!training || p <= 0.0 || p >= 1.0 || !probs.device().is_cpu() ||
      probs.scalar_type() != torch::kFloat32 || v.scalar_type() != torch::kFloat32 ||
      detail::useTorchDropout.load(std::memory_order_relaxed)) {
    return attentionMatmul(applyDropout(probs, p, training), v, 1.0);
  }
  return DropoutMatmulFunction::apply(probs, v, p);
}

torch::Tensor applyDropout(const torch::Tensor& x, double p, bool training) {
  if (!training || p <= 0.0) {
    return x;
  }
  if (p >= 1.0 || !x.device().is_cpu() || x.scalar_type() != torch::kFloat32 ||
      detail::useTorchDropout.load(std::memory_order_relaxed)) {
    return torch::dropout(x, p, /*train=*/true);
  }
  return DropoutFunction::apply(x, p);
}

}  // namespace childtune::core
