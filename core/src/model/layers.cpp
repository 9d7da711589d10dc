#include "model/layers.h"

#include <cmath>

#include "model/torch_compat.h"

namespace childtune::core {

namespace {
thread_local bool skipInit = false;
}  // namespace

SkipParameterInit::SkipParameterInit() : previous_(skipInit) { skipInit = true; }
SkipParameterInit::~SkipParameterInit() { skipInit = previous_; }
bool SkipParameterInit::active() { return skipInit; }

LinearImpl::LinearImpl(int64_t inFeatures, int64_t outFeatures)
    : inFeatures_(inFeatures), outFeatures_(outFeatures) {
  reset();
}

void LinearImpl::reset() {
  weight = register_parameter("weight", torch::empty({outFeatures_, inFeatures_}));
  bias = register_parameter("bias", torch::empty({outFeatures_}));
  if (SkipParameterInit::active()) {
    return;
  }
  // torch::nn::LinearImpl::reset_parameters, draw for draw.
  torch::nn::init::kaiming_uniform_(weight, std::sqrt(5.0));
  const double bound = 1.0 / std::sqrt(static_cast<double>(inFeatures_));
  torch::nn::init::uniform_(bias, -bound, bound);
}

EmbeddingImpl::EmbeddingImpl(int64_t numEmbeddings, int64_t dim, std::optional<int64_t> paddingIdx)
    : numEmbeddings_(numEmbeddings), dim_(dim), paddingIdx_(paddingIdx) {
  reset();
}

void EmbeddingImpl::reset() {
  weight = register_parameter("weight", torch::empty({numEmbeddings_, dim_}));
  if (SkipParameterInit::active()) {
    return;
  }
  // torch::nn::EmbeddingImpl::reset_parameters.
  torch::nn::init::normal_(weight);
  if (paddingIdx_) {
    torch::NoGradGuard noGrad;
    weight[*paddingIdx_].fill_(0);
  }
}

namespace {

class GeluLinearFunction : public torch::autograd::Function<GeluLinearFunction> {
 public:
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& pre,
                               const torch::Tensor& weight, const torch::Tensor& bias) {
    ctx->save_for_backward({pre, weight});
    return torch::linear(torch::gelu(pre), weight, bias);
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const auto& pre = saved[0];
    const auto& weight = saved[1];
    const auto grad = grads[0].reshape({-1, weight.size(0)});  // (N, out)
    torch::Tensor gradPre;
    torch::Tensor gradWeight;
    torch::Tensor gradBias;
    if (ctx->needs_input_grad(1)) {
      gradWeight = grad.t().mm(torch::gelu(pre).reshape({-1, weight.size(1)}));
    }
    if (ctx->needs_input_grad(2)) {
      gradBias = grad.sum(0);
    }
    if (ctx->needs_input_grad(0)) {
      gradPre = at::gelu_backward(grad.mm(weight).view(pre.sizes()), pre);
    }
    return {gradPre, gradWeight, gradBias};
  }
};

}  // namespace

torch::Tensor geluLinear(const torch::Tensor& pre, const Linear& linear) {
  const bool fused = torch::GradMode::is_enabled() && pre.requires_grad() && pre.is_cpu() &&
                     pre.scalar_type() == torch::kFloat32 &&
                     linear->weight.scalar_type() == torch::kFloat32 &&
                     !compat::cpuAutocastEnabled();
  if (!fused) {
    return linear->forward(torch::gelu(pre));
  }
  return GeluLinearFunction::apply(pre, linear->weight, linear->bias);
}

}  // namespace childtune::core
