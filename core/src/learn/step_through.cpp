#include "childtune/step_through.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <utility>

#include <torch/torch.h>

#include "childtune/error.h"
#include "fisher/child_network.h"
#include "learn/recording_masker.h"
#include "model/transformer.h"
#include "optim/child_tuning_adamw.h"
#include "optim/gradient_masker.h"
#include "train/batch.h"

namespace childtune::core {

namespace {

// The tiny task's vocabulary: [PAD] [UNK] [CLS] [SEP], then 10 positive words, 10 negative
// words and 16 neutral ones (ids only; the model never sees text).
constexpr int64_t kPadId = 0;
constexpr int64_t kClsId = 2;
constexpr int64_t kSepId = 3;
constexpr int64_t kFirstPositive = 4;
constexpr int64_t kFirstNegative = 14;
constexpr int64_t kFirstNeutral = 24;
constexpr int64_t kVocabSize = 40;
constexpr int64_t kPolarWords = 10;
constexpr int64_t kNeutralWords = kVocabSize - kFirstNeutral;
constexpr int kTrainExamples = 64;
constexpr int kBatchSize = 8;

// A 2-layer BERT small enough that one step takes about a millisecond. Dropout is off so that
// a frame depends only on the seed and never on LibTorch's process-wide generator, which a
// training run on another thread may be drawing from at the same time.
ModelConfig tinyConfig() {
  ModelConfig c;
  c.modelType = "bert";
  c.vocabSize = kVocabSize;
  c.hiddenSize = 16;
  c.numHiddenLayers = 2;
  c.numAttentionHeads = 2;
  c.intermediateSize = 32;
  c.embeddingSize = 16;
  c.hiddenAct = "gelu";
  c.hiddenDropoutProb = 0.0;
  c.attentionProbsDropoutProb = 0.0;
  c.maxPositionEmbeddings = 16;
  c.typeVocabSize = 2;
  c.layerNormEps = 1e-12;
  c.initializerRange = 0.02;
  c.padTokenId = kPadId;
  c.numLabels = 2;
  return c;
}

// transformers' BertPreTrainedModel._init_weights from an explicit generator: matrices and
// embeddings ~ N(0, initializer_range), biases 0, LayerNorm weights 1 (and the padding row of
// the word embeddings 0).
void initializeWeights(SequenceClassifier& model, uint64_t seed) {
  torch::NoGradGuard noGrad;
  auto generator = at::detail::createCPUGenerator(seed);
  const double std = model->config().initializerRange;
  for (auto& item : model->named_parameters(/*recurse=*/true)) {
    const std::string& name = item.key();
    auto& value = item.value();
    if (name.ends_with("LayerNorm.weight")) {
      value.fill_(1.0);
    } else if (name.ends_with(".bias")) {
      value.zero_();
    } else {
      value.normal_(0.0, std, generator);
      if (name.ends_with("word_embeddings.weight")) {
        value[kPadId].zero_();
      }
    }
  }
}

// Uniform integer in [0, n) from raw mt19937_64 output (its sequence is fixed by the standard;
// std::uniform_int_distribution's is not).
int64_t draw(std::mt19937_64& rng, int64_t n) {
  return static_cast<int64_t>(rng() % static_cast<uint64_t>(n));
}

// Sentiment-like sequences: label 1 (positive) when positive words outnumber negative ones.
// Each example holds 1-3 words of its label's polarity, fewer of the other, and neutral filler.
struct TinyData {
  std::vector<Encoding> encodings;
  std::vector<int64_t> labels;
};

TinyData makeData(uint64_t seed) {
  std::mt19937_64 rng(seed ^ 0x5E47153E7ULL);
  TinyData data;
  for (int i = 0; i < kTrainExamples; ++i) {
    const int64_t label = i % 2;  // balanced classes
    const int64_t major = 1 + draw(rng, 3);
    const int64_t minor = draw(rng, major);
    const int64_t neutral = 1 + draw(rng, 4);
    const int64_t majorFirst = label == 1 ? kFirstPositive : kFirstNegative;
    const int64_t minorFirst = label == 1 ? kFirstNegative : kFirstPositive;
    std::vector<int64_t> words;
    for (int64_t k = 0; k < major; ++k) {
      words.push_back(majorFirst + draw(rng, kPolarWords));
    }
    for (int64_t k = 0; k < minor; ++k) {
      words.push_back(minorFirst + draw(rng, kPolarWords));
    }
    for (int64_t k = 0; k < neutral; ++k) {
      words.push_back(kFirstNeutral + draw(rng, kNeutralWords));
    }
    for (size_t k = words.size(); k > 1; --k) {  // Fisher-Yates
      std::swap(words[k - 1], words[static_cast<size_t>(draw(rng, static_cast<int64_t>(k)))]);
    }
    Encoding e;
    e.ids.push_back(kClsId);
    e.ids.insert(e.ids.end(), words.begin(), words.end());
    e.ids.push_back(kSepId);
    e.typeIds.assign(e.ids.size(), 0);
    e.attentionMask.assign(e.ids.size(), 1);
    data.encodings.push_back(std::move(e));
    data.labels.push_back(label);
  }
  return data;
}

// Batches of one epoch in a seeded shuffled order.
std::vector<Batch> epochBatches(const TinyData& data, uint64_t seed, int64_t epoch) {
  std::vector<size_t> order(data.encodings.size());
  for (size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  std::mt19937_64 rng(seed + 0x9E3779B97F4A7C15ULL * static_cast<uint64_t>(epoch + 1));
  for (size_t k = order.size(); k > 1; --k) {
    std::swap(order[k - 1], order[static_cast<size_t>(draw(rng, static_cast<int64_t>(k)))]);
  }
  std::vector<Batch> batches;
  for (size_t start = 0; start < order.size(); start += kBatchSize) {
    std::vector<const Encoding*> encodings;
    std::vector<int64_t> labels;
    for (size_t i = start; i < std::min(order.size(), start + kBatchSize); ++i) {
      encodings.push_back(&data.encodings[order[i]]);
      labels.push_back(data.labels[order[i]]);
    }
    batches.push_back(collate(encodings, labels, {}, /*regression=*/false, kPadId));
  }
  return batches;
}

MatrixBlock blockOf(const torch::Tensor& matrix, int rows, int cols) {
  const auto block = matrix.detach()
                         .index({torch::indexing::Slice(0, rows), torch::indexing::Slice(0, cols)})
                         .to(torch::kFloat32)
                         .contiguous();
  MatrixBlock out;
  out.rows = rows;
  out.cols = cols;
  const float* data = block.data_ptr<float>();
  out.values.assign(data, data + block.numel());
  return out;
}

}  // namespace

void StepThroughOptions::validate() const {
  const bool masked = method != Method::Vanilla;
  if (masked && !(p > 0.0 && p <= 1.0)) {
    throw Error(ErrorCode::Config, "step-through: p must be in (0, 1], got " + std::to_string(p));
  }
  if (!(learningRate > 0.0) || !std::isfinite(learningRate)) {
    throw Error(ErrorCode::Config, "step-through: learning rate must be positive, got " +
                                       std::to_string(learningRate));
  }
  if (!(weightDecay >= 0.0) || !std::isfinite(weightDecay)) {
    throw Error(ErrorCode::Config, "step-through: weight decay must be non-negative, got " +
                                       std::to_string(weightDecay));
  }
  if (!(maxGradNorm > 0.0) || !std::isfinite(maxGradNorm)) {
    throw Error(ErrorCode::Config, "step-through: max gradient norm must be positive, got " +
                                       std::to_string(maxGradNorm));
  }
  if (blockRows < 1 || blockCols < 1) {
    throw Error(ErrorCode::Config, "step-through: block must be at least 1 x 1, got " +
                                       std::to_string(blockRows) + " x " +
                                       std::to_string(blockCols));
  }
}

struct StepThrough::Impl {
  StepThroughInfo info;
  SequenceClassifier model{nullptr};
  TinyData data;
  std::vector<torch::Tensor> params;  // model order, the optimizer's entries
  size_t watched = 0;
  std::unique_ptr<ChildTuningAdamW> optimizer;
  detail::RecordingMasker* recorder = nullptr;  // owned by the optimizer
  std::vector<Batch> epoch;
  int64_t steps = 0;

  torch::Tensor watchedBlock() const {
    return params[watched].detach().index({torch::indexing::Slice(0, info.options.blockRows),
                                           torch::indexing::Slice(0, info.options.blockCols)});
  }
};

StepThrough::StepThrough(const StepThroughOptions& options) : impl_(std::make_unique<Impl>()) {
  options.validate();
  Impl& s = *impl_;
  s.info.options = options;
  const ModelConfig config = tinyConfig();
  s.model = SequenceClassifier(config, config.numLabels);
  initializeWeights(s.model, options.seed);
  s.model->train();
  s.data = makeData(options.seed);

  std::vector<std::pair<std::string, torch::Tensor>> named;
  bool found = false;
  for (const auto& item : s.model->named_parameters(/*recurse=*/true)) {
    if (item.key() == options.parameter) {
      found = true;
      s.watched = named.size();
    }
    named.emplace_back(item.key(), item.value());
    s.params.push_back(item.value());
    s.info.totalParameters += item.value().numel();
    if (isMaskableParameter(item.key())) {
      s.info.maskableParameters += item.value().numel();
    }
  }
  if (!found || s.params[s.watched].dim() != 2) {
    throw Error(
        ErrorCode::Config,
        "step-through: '" + options.parameter + "' is not a weight matrix of the tiny model",
        "use one of StepThrough::watchableParameters(), e.g. " +
            std::string("bert.encoder.layer.0.attention.self.query.weight"));
  }
  const auto& matrix = s.params[s.watched];
  s.info.matrixRows = matrix.size(0);
  s.info.matrixCols = matrix.size(1);
  s.info.options.blockRows =
      static_cast<int>(std::min<int64_t>(options.blockRows, s.info.matrixRows));
  s.info.options.blockCols =
      static_cast<int>(std::min<int64_t>(options.blockCols, s.info.matrixCols));
  s.info.modelDescription = "BERT, " + std::to_string(config.numHiddenLayers) + " layers, hidden " +
                            std::to_string(config.hiddenSize) + ", " +
                            std::to_string(config.numAttentionHeads) + " heads, vocabulary " +
                            std::to_string(config.vocabSize);
  s.info.trainExamples = kTrainExamples;
  s.info.batchSize = kBatchSize;
  s.info.initialWeights = blockOf(matrix, s.info.options.blockRows, s.info.options.blockCols);

  AdamWOptions adam;
  adam.weightDecay = options.weightDecay;
  s.optimizer = std::make_unique<ChildTuningAdamW>(named, adam);

  std::unique_ptr<GradientMasker> inner;
  if (options.method == Method::ChildTuningF) {
    inner = std::make_unique<BernoulliMasker>(options.p, options.seed);
  } else if (usesFisher(options.method)) {
    // As the trainer does: Fisher over one pass of the training set, then one global cut-off.
    const auto fisher = estimateFisher(s.model, epochBatches(s.data, options.seed, -1), {},
                                       torch::Device(torch::kCPU));
    const auto rule = options.method == Method::ChildTuningD         ? SelectionRule::TopFisher
                      : options.method == Method::ChildTuningDLowest ? SelectionRule::LowestFisher
                                                                     : SelectionRule::Random;
    const auto child = selectChildNetwork(fisher, options.p, rule, options.seed);
    std::vector<torch::Tensor> masks(named.size());
    for (size_t i = 0; i < child.names.size(); ++i) {
      for (size_t j = 0; j < named.size(); ++j) {
        if (named[j].first == child.names[i]) {
          masks[j] = child.masks[i];
        }
      }
      if (fisher.names[i] == options.parameter) {
        s.info.fisher =
            blockOf(fisher.scores[i], s.info.options.blockRows, s.info.options.blockCols);
      }
    }
    s.info.fisherThreshold = child.threshold;
    s.info.childSelected = child.selected;
    inner = std::make_unique<FixedMasker>(std::move(masks));
  }
  auto recorder = std::make_unique<detail::RecordingMasker>(std::move(inner), s.watched);
  s.recorder = recorder.get();
  s.optimizer->setMasker(std::move(recorder));
}

StepThrough::~StepThrough() = default;

const StepThroughInfo& StepThrough::info() const { return impl_->info; }

StepFrame StepThrough::step() {
  Impl& s = *impl_;
  const auto& opt = s.info.options;
  const auto batchesPerEpoch = (kTrainExamples + kBatchSize - 1) / kBatchSize;
  if (s.steps % batchesPerEpoch == 0) {
    s.epoch = epochBatches(s.data, opt.seed, s.steps / batchesPerEpoch);
  }
  const Batch& batch = s.epoch[static_cast<size_t>(s.steps % batchesPerEpoch)];

  StepFrame frame;
  frame.step = s.steps + 1;
  frame.learningRate = opt.learningRate;
  const auto out = s.model->forward(batch.inputIds, batch.tokenTypeIds, batch.attentionMask);
  auto loss = s.model->loss(out.logits, batch.labels);
  frame.loss = loss.item<double>();
  if (!std::isfinite(frame.loss)) {
    throw Error(ErrorCode::Numerical,
                "step-through: loss is not finite at step " + std::to_string(frame.step),
                "lower the learning rate");
  }
  loss.backward();
  frame.gradNorm = clipGradNorm(s.params, opt.maxGradNorm);
  // clipGradNorm's rule, restated only to report the factor it used.
  const double coef = opt.maxGradNorm / (frame.gradNorm + 1e-6);
  frame.clipScale = coef < 1.0 ? coef : 1.0;

  const int rows = opt.blockRows;
  const int cols = opt.blockCols;
  const auto before = s.watchedBlock().clone();
  s.optimizer->step(opt.learningRate);
  const auto after = s.watchedBlock().clone();
  s.optimizer->zeroGrad();
  ++s.steps;

  if (!s.recorder->gradientIn().defined()) {
    throw Error(ErrorCode::Internal, "step-through: '" + opt.parameter +
                                         "' received no gradient at step " +
                                         std::to_string(frame.step));
  }
  frame.weightsBefore = blockOf(before, rows, cols);
  frame.weightsAfter = blockOf(after, rows, cols);
  frame.update = blockOf(after - before, rows, cols);
  frame.gradient = blockOf(s.recorder->gradientIn(), rows, cols);
  frame.maskedGradient = blockOf(s.recorder->gradientOut(), rows, cols);
  frame.mask = blockOf(s.recorder->mask().to(torch::kFloat32), rows, cols);
  frame.keptFraction = s.recorder->seenElements() > 0
                           ? static_cast<double>(s.recorder->keptElements()) /
                                 static_cast<double>(s.recorder->seenElements())
                           : 0.0;
  return frame;
}

std::vector<std::string> StepThrough::watchableParameters() {
  const ModelConfig config = tinyConfig();
  SequenceClassifier model(config, config.numLabels);
  std::vector<std::string> names;
  for (const auto& item : model->named_parameters(/*recurse=*/true)) {
    if (item.value().dim() == 2 && isMaskableParameter(item.key())) {
      names.push_back(item.key());
    }
  }
  return names;
}

}  // namespace childtune::core
