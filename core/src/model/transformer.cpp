#include "model/transformer.h"

#include <cmath>
#include <limits>

#include "childtune/error.h"
#include "model/attention_matmul.h"
#include "model/fast_dropout.h"
#include "model/weight_names.h"

namespace childtune::core {

namespace nn = torch::nn;

namespace {

nn::LayerNorm makeLayerNorm(const ModelConfig& c, int64_t size) {
  return nn::LayerNorm(nn::LayerNormOptions({size}).eps(c.layerNormEps).elementwise_affine(true));
}

double classifierDropout(const ModelConfig& c) {
  return c.classifierDropout.value_or(c.hiddenDropoutProb);
}

}  // namespace

bool isExactGelu(const std::string& name) { return name == "gelu" || name == "gelu_python"; }

torch::Tensor applyActivation(const torch::Tensor& x, const std::string& name) {
  if (isExactGelu(name)) {
    return torch::gelu(x);
  }
  if (name == "gelu_new" || name == "gelu_pytorch_tanh") {
    // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), written out as transformers does.
    constexpr double kSqrt2OverPi = 0.7978845608028654;
    return 0.5 * x * (1.0 + torch::tanh(kSqrt2OverPi * (x + 0.044715 * torch::pow(x, 3.0))));
  }
  if (name == "gelu_fast") {
    return 0.5 * x * (1.0 + torch::tanh(x * 0.7978845608 * (1.0 + 0.044715 * x * x)));
  }
  if (name == "quick_gelu") {
    return x * torch::sigmoid(1.702 * x);
  }
  if (name == "relu") {
    return torch::relu(x);
  }
  if (name == "silu" || name == "swish") {
    return torch::silu(x);
  }
  if (name == "tanh") {
    return torch::tanh(x);
  }
  throw Error(ErrorCode::Config, "unsupported activation '" + name + "'");
}

torch::Tensor additiveAttentionMask(const torch::Tensor& attentionMask, torch::Dtype dtype) {
  // (B, T) -> (B, 1, 1, T)
  const double lowest = dtype == torch::kFloat64 ? std::numeric_limits<double>::lowest()
                        : dtype == torch::kBFloat16
                            ? -3.3895313892515355e38  // torch.finfo(torch.bfloat16).min
                        : dtype == torch::kFloat16 ? -65504.0
                                                   : std::numeric_limits<float>::lowest();
  auto keep = attentionMask.to(dtype).unsqueeze(1).unsqueeze(2);
  return (1.0 - keep) * lowest;
}

torch::Tensor positionIds(const torch::Tensor& inputIds, const ModelConfig& config) {
  if (config.modelType == "roberta") {
    auto notPad = inputIds.ne(config.padTokenId).to(torch::kInt64);
    return torch::cumsum(notPad, 1).mul(notPad).add(config.padTokenId);
  }
  return torch::arange(inputIds.size(1), inputIds.options()).unsqueeze(0).expand_as(inputIds);
}

EmbeddingsImpl::EmbeddingsImpl(const ModelConfig& config) : config_(config) {
  std::optional<int64_t> padding;
  if (config.modelType == "roberta") {
    padding = config.padTokenId;
  }
  wordEmbeddings_ = register_module("word_embeddings",
                                    Embedding(config.vocabSize, config.embeddingSize, padding));
  positionEmbeddings_ = register_module(
      "position_embeddings", Embedding(config.maxPositionEmbeddings, config.embeddingSize));
  tokenTypeEmbeddings_ = register_module("token_type_embeddings",
                                         Embedding(config.typeVocabSize, config.embeddingSize));
  layerNorm_ = register_module("LayerNorm", makeLayerNorm(config, config.embeddingSize));
  dropout_ = register_module("dropout", nn::Dropout(config.hiddenDropoutProb));
}

torch::Tensor EmbeddingsImpl::forward(const torch::Tensor& inputIds,
                                      const torch::Tensor& tokenTypeIds) {
  const auto positions = positionIds(inputIds, config_);
  auto x = wordEmbeddings_->forward(inputIds) + tokenTypeEmbeddings_->forward(tokenTypeIds);
  x = x + positionEmbeddings_->forward(positions);  // (B, T, E)
  return applyDropout(dropout_, layerNorm_->forward(x));
}

SelfAttentionImpl::SelfAttentionImpl(const ModelConfig& config)
    : numHeads_(config.numAttentionHeads),
      headDim_(config.headDim()),
      dropoutP_(config.attentionProbsDropoutProb) {
  const auto h = config.hiddenSize;
  query_ = register_module("query", Linear(h, h));
  key_ = register_module("key", Linear(h, h));
  value_ = register_module("value", Linear(h, h));
}

torch::Tensor TokenPacking::unpack(const torch::Tensor& packed) const {
  // index_copy_ into fresh zeros: autograd's backward for `packed` is one index_select.
  return torch::zeros({batch * length, packed.size(1)}, packed.options())
      .index_copy_(0, index, packed);
}

torch::Tensor SelfAttentionImpl::forward(const torch::Tensor& hidden,
                                         const torch::Tensor& additiveMask,
                                         const TokenPacking* packing) {
  const auto b = packing != nullptr ? packing->batch : hidden.size(0);
  const auto t = packing != nullptr ? packing->length : hidden.size(1);
  // (B, T, H) or packed (N, H) -> (B, heads, T, headDim). Packed: pad rows are zero; as keys
  // they are masked out, as values they get weight 0, as queries their rows are dropped below.
  auto split = [&](const torch::Tensor& x) {
    const auto padded = packing != nullptr ? packing->unpack(x) : x;
    return padded.view({b, t, numHeads_, headDim_}).transpose(1, 2);
  };
  const auto query = query_->forward(hidden);
  const auto key = key_->forward(hidden);
  const auto value = value_->forward(hidden);
  if (packing != nullptr && !packing->offsets.empty() && batchedGemmAvailable() &&
      query.scalar_type() == torch::kFloat32 && key.scalar_type() == torch::kFloat32 &&
      value.scalar_type() == torch::kFloat32 && !detail::usesTorchDropout()) {
    return varlenAttention(query, key, value, packing->offsets, numHeads_, dropoutP_,
                           is_training());
  }
  const auto q = split(query);
  const auto k = split(key);
  const auto v = split(value);
  auto context = compat::scaledDotProductAttention(q, k, v, additiveMask, dropoutP_, is_training());
  if (packing != nullptr) {
    return packing->pack(context.transpose(1, 2).reshape({b * t, numHeads_ * headDim_}));
  }
  return context.transpose(1, 2).reshape({b, t, numHeads_ * headDim_});  // (B, T, H)
}

ResidualOutputImpl::ResidualOutputImpl(int64_t inFeatures, const ModelConfig& config) {
  dense_ = register_module("dense", Linear(inFeatures, config.hiddenSize));
  layerNorm_ = register_module("LayerNorm", makeLayerNorm(config, config.hiddenSize));
  dropout_ = register_module("dropout", nn::Dropout(config.hiddenDropoutProb));
}

torch::Tensor ResidualOutputImpl::forward(const torch::Tensor& x, const torch::Tensor& residual) {
  return layerNorm_->forward(applyDropout(dropout_, dense_->forward(x)) + residual);
}

torch::Tensor ResidualOutputImpl::forwardActivated(const torch::Tensor& pre,
                                                   const std::string& activation,
                                                   const torch::Tensor& residual) {
  const auto dense = isExactGelu(activation) ? geluLinear(pre, dense_)
                                             : dense_->forward(applyActivation(pre, activation));
  return layerNorm_->forward(applyDropout(dropout_, dense) + residual);
}

AttentionImpl::AttentionImpl(const ModelConfig& config) {
  self_ = register_module("self", SelfAttention(config));
  output_ = register_module("output", ResidualOutput(config.hiddenSize, config));
}

torch::Tensor AttentionImpl::forward(const torch::Tensor& hidden, const torch::Tensor& additiveMask,
                                     const TokenPacking* packing) {
  return output_->forward(self_->forward(hidden, additiveMask, packing), hidden);
}

IntermediateImpl::IntermediateImpl(const ModelConfig& config) : activation_(config.hiddenAct) {
  dense_ = register_module("dense", Linear(config.hiddenSize, config.intermediateSize));
}

torch::Tensor IntermediateImpl::preActivation(const torch::Tensor& x) { return dense_->forward(x); }

TransformerLayerImpl::TransformerLayerImpl(const ModelConfig& config) {
  attention_ = register_module("attention", Attention(config));
  intermediate_ = register_module("intermediate", Intermediate(config));
  output_ = register_module("output", ResidualOutput(config.intermediateSize, config));
}

torch::Tensor TransformerLayerImpl::forward(const torch::Tensor& hidden,
                                            const torch::Tensor& additiveMask,
                                            const TokenPacking* packing) {
  const auto attended = attention_->forward(hidden, additiveMask, packing);
  return output_->forwardActivated(intermediate_->preActivation(attended),
                                   intermediate_->activation(), attended);
}

EncoderStackImpl::EncoderStackImpl(const ModelConfig& config) {
  layers_ = register_module("layer", nn::ModuleList());
  for (int64_t i = 0; i < config.numHiddenLayers; ++i) {
    layers_->push_back(TransformerLayer(config));
  }
}

torch::Tensor EncoderStackImpl::forward(torch::Tensor hidden, const torch::Tensor& additiveMask,
                                        const TokenPacking* packing) {
  for (const auto& layer : *layers_) {
    hidden = layer->as<TransformerLayerImpl>()->forward(hidden, additiveMask, packing);
  }
  return hidden;
}

PoolerImpl::PoolerImpl(const ModelConfig& config) {
  dense_ = register_module("dense", Linear(config.hiddenSize, config.hiddenSize));
}

torch::Tensor PoolerImpl::forward(const torch::Tensor& hidden) {
  return torch::tanh(dense_->forward(hidden.select(1, 0)));
}

EncoderModelImpl::EncoderModelImpl(const ModelConfig& config, bool withPooler) : config_(config) {
  embeddings_ = register_module("embeddings", Embeddings(config));
  if (config.embeddingSize != config.hiddenSize) {
    embeddingsProject_ =
        register_module("embeddings_project", Linear(config.embeddingSize, config.hiddenSize));
  }
  encoder_ = register_module("encoder", EncoderStack(config));
  if (withPooler) {
    pooler_ = register_module("pooler", Pooler(config));
  }
}

EncoderOutput EncoderModelImpl::forward(const torch::Tensor& inputIds,
                                        const torch::Tensor& tokenTypeIds,
                                        const torch::Tensor& attentionMask) {
  TORCH_CHECK(inputIds.dim() == 2, "input_ids must be (B, T)");
  if (inputIds.size(1) > config_.maxPositionEmbeddings -
                             (config_.modelType == "roberta" ? config_.padTokenId + 1 : 0)) {
    throw Error(
        ErrorCode::Config,
        "sequence length " + std::to_string(inputIds.size(1)) +
            " exceeds what the model's position embeddings allow (max_position_embeddings " +
            std::to_string(config_.maxPositionEmbeddings) + ")");
  }
  auto hidden = embeddings_->forward(inputIds, tokenTypeIds);  // (B, T, E)
  if (embeddingsProject_) {
    hidden = embeddingsProject_->forward(hidden);  // (B, T, H)
  }
  const auto mask = additiveAttentionMask(attentionMask, hidden.scalar_type());
  EncoderOutput out;
  // Training on the CPU: the token-wise layers skip padding (the bulk of the work on long-tailed
  // tasks: RTE's batches of 16 are padded to ~126 tokens for ~65 real ones). Not in eval mode,
  // where transformers' values at pad positions are part of the output, nor on CUDA (not
  // measured there yet).
  const auto real = attentionMask.ne(0);
  if (skipPadding_ && is_training() && hidden.device().is_cpu() && real.numel() > 0 &&
      !real.all().item<bool>()) {
    TokenPacking packing;
    packing.batch = hidden.size(0);
    packing.length = hidden.size(1);
    packing.index = real.reshape({-1}).nonzero().reshape({-1});
    const auto counts = real.sum(1).to(torch::kCPU, torch::kInt64).contiguous();
    packing.offsets.assign(1, 0);
    for (int64_t b = 0; b < counts.size(0); ++b) {
      packing.offsets.push_back(packing.offsets.back() + counts.data_ptr<int64_t>()[b]);
    }
    const auto width = hidden.size(2);
    hidden = packing.pack(hidden.reshape({packing.batch * packing.length, width}));
    out.lastHiddenState = packing.unpack(encoder_->forward(hidden, mask, &packing))
                              .view({packing.batch, packing.length, width});
  } else {
    out.lastHiddenState = encoder_->forward(hidden, mask);
  }
  if (pooler_) {
    out.pooledOutput = pooler_->forward(out.lastHiddenState);
  }
  return out;
}

ClassificationHeadImpl::ClassificationHeadImpl(const ModelConfig& config, int64_t numLabels,
                                               std::string activation)
    : activation_(std::move(activation)) {
  dropout_ = register_module("dropout", nn::Dropout(classifierDropout(config)));
  dense_ = register_module("dense", Linear(config.hiddenSize, config.hiddenSize));
  outProj_ = register_module("out_proj", Linear(config.hiddenSize, numLabels));
}

torch::Tensor ClassificationHeadImpl::forward(const torch::Tensor& hidden) {
  auto x = applyDropout(dropout_, hidden.select(1, 0));
  x = applyActivation(dense_->forward(x), activation_);
  return outProj_->forward(applyDropout(dropout_, x));
}

SequenceClassifierImpl::SequenceClassifierImpl(const ModelConfig& config, int64_t numLabels)
    : config_(config),
      numLabels_(numLabels),
      prefix_(detail::architecturePrefix(config.modelType)) {
  if (numLabels < 1) {
    throw Error(ErrorCode::Config,
                "num_labels must be at least 1, got " + std::to_string(numLabels));
  }
  const bool bert = config.modelType == "bert";
  base_ = register_module(prefix_, EncoderModel(config, /*withPooler=*/bert));
  if (bert) {
    dropout_ = register_module("dropout", nn::Dropout(classifierDropout(config)));
    linearClassifier_ = register_module("classifier", Linear(config.hiddenSize, numLabels));
  } else {
    headClassifier_ = register_module(
        "classifier",
        ClassificationHead(config, numLabels, config.modelType == "roberta" ? "tanh" : "gelu"));
  }
}

ClassifierOutput SequenceClassifierImpl::forward(const torch::Tensor& inputIds,
                                                 const torch::Tensor& tokenTypeIds,
                                                 const torch::Tensor& attentionMask) {
  ClassifierOutput out;
  out.encoder = base_->forward(inputIds, tokenTypeIds, attentionMask);
  if (linearClassifier_) {
    out.logits = linearClassifier_->forward(applyDropout(dropout_, out.encoder.pooledOutput));
  } else {
    out.logits = headClassifier_->forward(out.encoder.lastHiddenState);
  }
  return out;
}

torch::Tensor SequenceClassifierImpl::loss(const torch::Tensor& logits,
                                           const torch::Tensor& labels) const {
  if (isRegression()) {
    return torch::mse_loss(logits.squeeze(-1), labels.to(logits.scalar_type()));
  }
  return torch::cross_entropy_loss(logits, labels.to(torch::kInt64));
}

void SequenceClassifierImpl::initializeHead(const at::Generator& generator) {
  const double std = config_.initializerRange;
  for (auto& item : named_parameters(/*recurse=*/true)) {
    if (!item.key().starts_with("classifier.")) {
      continue;
    }
    torch::NoGradGuard noGrad;
    if (item.key().ends_with(".bias")) {
      item.value().zero_();
    } else {
      item.value().normal_(0.0, std, generator);
    }
  }
}

void SequenceClassifierImpl::initializePooler(const at::Generator& generator) {
  for (auto& item : named_parameters(/*recurse=*/true)) {
    if (!item.key().starts_with(prefix_ + ".pooler.")) {
      continue;
    }
    torch::NoGradGuard noGrad;
    if (item.key().ends_with(".bias")) {
      item.value().zero_();
    } else {
      item.value().normal_(0.0, config_.initializerRange, generator);
    }
  }
}

}  // namespace childtune::core
