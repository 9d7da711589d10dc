#pragma once
// BERT-family encoders and sequence-classification heads in LibTorch, built so that
// named_parameters() yields exactly the Hugging Face names of `XxxForSequenceClassification`
// ("bert.encoder.layer.3.attention.self.query.weight", "classifier.out_proj.bias", ...): the
// checkpoint loader, Child-Tuning_D's parameter selection and the GUI all key on those names.
//
// Shapes: B = batch, T = sequence length, H = hidden size, E = embedding size (ELECTRA may have
// E != H), L = number of labels.

#include <string>

#include "childtune/model_info.h"
#include "model/layers.h"
#include "model/torch_compat.h"

namespace childtune::core {

// Applies a Hugging Face `hidden_act` by name (validated by ModelConfig).
torch::Tensor applyActivation(const torch::Tensor& x, const std::string& name);
// The names applyActivation computes as the exact (erf) GELU.
bool isExactGelu(const std::string& name);

// (B, T) 0/1 attention mask -> (B, 1, 1, T) additive mask: 0 where attended, the dtype's lowest
// finite value where masked (what transformers adds to the attention scores).
torch::Tensor additiveAttentionMask(const torch::Tensor& attentionMask, torch::Dtype dtype);

// Position ids as each architecture computes them. BERT/ELECTRA: 0..T-1. RoBERTa: counted over
// non-padding tokens starting at padding_idx + 1; padding tokens get padding_idx.
torch::Tensor positionIds(const torch::Tensor& inputIds, const ModelConfig& config);

// The real (non-padding) tokens of a (B, T) batch, for running the token-wise layers (every
// linear layer, LayerNorm, GELU, dropout) on (N, H) instead of (B, T, H): only attention needs the
// padded layout. Results at real positions are those of the padded computation (pad keys get no
// attention weight either way); pad positions are not computed.
struct TokenPacking {
  torch::Tensor index;  // (N) int64: b * T + t of each real token, ascending
  int64_t batch = 0;
  int64_t length = 0;
  // Sequence b's real tokens are rows [offsets[b], offsets[b + 1]) of the packed layout (B + 1
  // entries): attention runs per sequence on them (model/attention_matmul.h's varlenAttention)
  // where it can, else on the padded layout.
  std::vector<int64_t> offsets;
  // (N, C) -> (B * T, C) with zeros at pad positions.
  torch::Tensor unpack(const torch::Tensor& packed) const;
  // (B * T, C) -> (N, C)
  torch::Tensor pack(const torch::Tensor& padded) const { return padded.index_select(0, index); }
};

class EmbeddingsImpl : public torch::nn::Module {
 public:
  explicit EmbeddingsImpl(const ModelConfig& config);
  // inputIds, tokenTypeIds: (B, T) int64 -> (B, T, E)
  torch::Tensor forward(const torch::Tensor& inputIds, const torch::Tensor& tokenTypeIds);

 private:
  ModelConfig config_;
  Embedding wordEmbeddings_{nullptr};
  Embedding positionEmbeddings_{nullptr};
  Embedding tokenTypeEmbeddings_{nullptr};
  torch::nn::LayerNorm layerNorm_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
};
TORCH_MODULE(Embeddings);

class SelfAttentionImpl : public torch::nn::Module {
 public:
  explicit SelfAttentionImpl(const ModelConfig& config);
  // hidden: (B, T, H); additiveMask: (B, 1, 1, T) -> context (B, T, H). With `packing`, hidden
  // and context are (N, H).
  torch::Tensor forward(const torch::Tensor& hidden, const torch::Tensor& additiveMask,
                        const TokenPacking* packing = nullptr);

 private:
  int64_t numHeads_;
  int64_t headDim_;
  double dropoutP_;
  Linear query_{nullptr};
  Linear key_{nullptr};
  Linear value_{nullptr};
};
TORCH_MODULE(SelfAttention);

// dense -> dropout -> LayerNorm(x + residual): attention.output and output in HF.
class ResidualOutputImpl : public torch::nn::Module {
 public:
  ResidualOutputImpl(int64_t inFeatures, const ModelConfig& config);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& residual);
  // The same with x = activation(pre), where the activation can be folded into dense's autograd
  // node (geluLinear: the feed-forward output keeps only `pre` for its backward pass).
  torch::Tensor forwardActivated(const torch::Tensor& pre, const std::string& activation,
                                 const torch::Tensor& residual);

 private:
  Linear dense_{nullptr};
  torch::nn::LayerNorm layerNorm_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
};
TORCH_MODULE(ResidualOutput);

class AttentionImpl : public torch::nn::Module {
 public:
  explicit AttentionImpl(const ModelConfig& config);
  torch::Tensor forward(const torch::Tensor& hidden, const torch::Tensor& additiveMask,
                        const TokenPacking* packing = nullptr);

 private:
  SelfAttention self_{nullptr};
  ResidualOutput output_{nullptr};
};
TORCH_MODULE(Attention);

class IntermediateImpl : public torch::nn::Module {
 public:
  explicit IntermediateImpl(const ModelConfig& config);
  // (B, T, H) -> (B, T, intermediate): dense(x) before the activation, which the output block
  // applies (ResidualOutput::forwardActivated, so GELU can be recomputed in backward).
  torch::Tensor preActivation(const torch::Tensor& x);
  const std::string& activation() const { return activation_; }

 private:
  std::string activation_;
  Linear dense_{nullptr};
};
TORCH_MODULE(Intermediate);

class TransformerLayerImpl : public torch::nn::Module {
 public:
  explicit TransformerLayerImpl(const ModelConfig& config);
  torch::Tensor forward(const torch::Tensor& hidden, const torch::Tensor& additiveMask,
                        const TokenPacking* packing = nullptr);

 private:
  Attention attention_{nullptr};
  Intermediate intermediate_{nullptr};
  ResidualOutput output_{nullptr};
};
TORCH_MODULE(TransformerLayer);

class EncoderStackImpl : public torch::nn::Module {
 public:
  explicit EncoderStackImpl(const ModelConfig& config);
  torch::Tensor forward(torch::Tensor hidden, const torch::Tensor& additiveMask,
                        const TokenPacking* packing = nullptr);

 private:
  torch::nn::ModuleList layers_{nullptr};
};
TORCH_MODULE(EncoderStack);

class PoolerImpl : public torch::nn::Module {
 public:
  explicit PoolerImpl(const ModelConfig& config);
  torch::Tensor forward(const torch::Tensor& hidden);  // (B, T, H) -> (B, H): tanh(W h[:, 0])

 private:
  Linear dense_{nullptr};
};
TORCH_MODULE(Pooler);

struct EncoderOutput {
  // (B, T, H). In training mode on the CPU, batches with padding skip the pad tokens in every
  // token-wise layer (TokenPacking): their rows here are zero, not transformers' values (which
  // nothing reads: the heads use position 0). In eval mode every position is computed.
  torch::Tensor lastHiddenState;
  torch::Tensor pooledOutput;  // (B, H) for BERT; undefined for RoBERTa/ELECTRA
};

// The bare encoder (HF BertModel / RobertaModel / ElectraModel, as used inside
// XxxForSequenceClassification: RoBERTa and ELECTRA there have no pooler).
class EncoderModelImpl : public torch::nn::Module {
 public:
  EncoderModelImpl(const ModelConfig& config, bool withPooler);
  // inputIds, tokenTypeIds, attentionMask: (B, T) int64
  EncoderOutput forward(const torch::Tensor& inputIds, const torch::Tensor& tokenTypeIds,
                        const torch::Tensor& attentionMask);
  // Whether training-mode CPU passes skip pad tokens (TokenPacking); on by default. Off: every
  // position is computed, as transformers does (benchmarks compare engines at equal padding).
  void setSkipPadding(bool skip) { skipPadding_ = skip; }

 private:
  ModelConfig config_;
  bool skipPadding_ = true;
  Embeddings embeddings_{nullptr};
  Linear embeddingsProject_{nullptr};  // ELECTRA with E != H
  EncoderStack encoder_{nullptr};
  Pooler pooler_{nullptr};
};
TORCH_MODULE(EncoderModel);

// RoBERTa/ELECTRA head: h[:, 0] -> dropout -> dense -> tanh|gelu -> dropout -> out_proj.
class ClassificationHeadImpl : public torch::nn::Module {
 public:
  ClassificationHeadImpl(const ModelConfig& config, int64_t numLabels, std::string activation);
  torch::Tensor forward(const torch::Tensor& hidden);  // (B, T, H) -> (B, L)

 private:
  std::string activation_;
  torch::nn::Dropout dropout_{nullptr};
  Linear dense_{nullptr};
  Linear outProj_{nullptr};
};
TORCH_MODULE(ClassificationHead);

struct ClassifierOutput {
  torch::Tensor logits;  // (B, L)
  EncoderOutput encoder;
};

// XxxForSequenceClassification. numLabels == 1 is regression (MSE loss), else cross-entropy.
class SequenceClassifierImpl : public torch::nn::Module {
 public:
  SequenceClassifierImpl(const ModelConfig& config, int64_t numLabels);

  ClassifierOutput forward(const torch::Tensor& inputIds, const torch::Tensor& tokenTypeIds,
                           const torch::Tensor& attentionMask);

  // logits (B, L); labels (B) int64 for classification, float for regression.
  torch::Tensor loss(const torch::Tensor& logits, const torch::Tensor& labels) const;

  const ModelConfig& config() const { return config_; }
  int64_t numLabels() const { return numLabels_; }
  // See EncoderModelImpl::setSkipPadding.
  void setSkipPadding(bool skip) { base_->setSkipPadding(skip); }
  bool isRegression() const { return numLabels_ == 1; }
  // "bert" / "roberta" / "electra": the submodule holding the encoder.
  const std::string& prefix() const { return prefix_; }

  // Re-initialises the classification head as transformers does (weights ~ N(0, init_range),
  // biases 0) from `generator`, e.g. when the checkpoint has no head for this task.
  void initializeHead(const at::Generator& generator);
  // Same for the pooler (BERT checkpoints without one).
  void initializePooler(const at::Generator& generator);

 private:
  ModelConfig config_;
  int64_t numLabels_;
  std::string prefix_;
  EncoderModel base_{nullptr};
  Linear linearClassifier_{nullptr};            // BERT
  ClassificationHead headClassifier_{nullptr};  // RoBERTa, ELECTRA
  torch::nn::Dropout dropout_{nullptr};         // BERT: between pooler and classifier
};
TORCH_MODULE(SequenceClassifier);

}  // namespace childtune::core
