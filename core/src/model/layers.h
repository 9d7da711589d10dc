#pragma once
// Linear and Embedding layers with torch::nn's parameter names ("weight", "bias"), forward and
// initialisation, whose random initialisation can be skipped for a model that a checkpoint is
// about to overwrite: LibTorch's own layers always draw their initial values (serially, from
// one generator), which was about 30 % of loading a BERT-large-sized checkpoint.

#include <cstdint>
#include <optional>

#include <torch/torch.h>

namespace childtune::core {

// While one of these lives, Linear and Embedding layers built on this thread leave their
// parameters uninitialised (torch::empty). Only for code that then writes every parameter:
// loadPretrained (which initialises the head and pooler itself when the checkpoint lacks them).
class SkipParameterInit {
 public:
  SkipParameterInit();
  ~SkipParameterInit();
  SkipParameterInit(const SkipParameterInit&) = delete;
  SkipParameterInit& operator=(const SkipParameterInit&) = delete;
  static bool active();

 private:
  bool previous_;
};

// y = x W^T + b; W: (out, in). Initialised like torch::nn::Linear (Kaiming-uniform weight,
// uniform(+-1/sqrt(in)) bias, the same draws in the same order).
class LinearImpl : public torch::nn::Cloneable<LinearImpl> {
 public:
  LinearImpl(int64_t inFeatures, int64_t outFeatures);
  void reset() override;
  torch::Tensor forward(const torch::Tensor& x) const { return torch::linear(x, weight, bias); }

  torch::Tensor weight;
  torch::Tensor bias;

 private:
  int64_t inFeatures_;
  int64_t outFeatures_;
};
TORCH_MODULE(Linear);

// Rows of `weight` by id; the padding row (if any) gets no gradient. Initialised like
// torch::nn::Embedding (standard normal, padding row zero).
class EmbeddingImpl : public torch::nn::Cloneable<EmbeddingImpl> {
 public:
  EmbeddingImpl(int64_t numEmbeddings, int64_t dim, std::optional<int64_t> paddingIdx = {});
  void reset() override;
  torch::Tensor forward(const torch::Tensor& ids) const {
    return torch::embedding(weight, ids, paddingIdx_.value_or(-1));
  }

  torch::Tensor weight;

 private:
  int64_t numEmbeddings_;
  int64_t dim_;
  std::optional<int64_t> paddingIdx_;
};
TORCH_MODULE(Embedding);

// linear(gelu(pre)) (exact, erf-based GELU) as one autograd node that keeps `pre` and recomputes
// gelu(pre) in the backward pass instead of holding both from forward to backward: the
// feed-forward block's largest activation (B, T, intermediate) per layer, once instead of twice.
// Float32 CPU tensors outside autocast; anything else (and evaluation) is the two plain calls.
torch::Tensor geluLinear(const torch::Tensor& pre, const Linear& linear);

}  // namespace childtune::core
