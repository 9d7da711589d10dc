#include "model/checkpoint.h"

#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "childtune/error.h"
#include "io/safetensors.h"
#include "model/weight_names.h"

namespace childtune::core {

namespace fs = std::filesystem;

namespace {

std::string shapeString(c10::IntArrayRef shape) {
  std::string out = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    out += (i ? ", " : "") + std::to_string(shape[i]);
  }
  return out + "]";
}

std::optional<torch::Dtype> torchFloatType(io::DType dtype) {
  switch (dtype) {
    case io::DType::F32:
      return torch::kFloat32;
    case io::DType::F16:
      return torch::kFloat16;
    case io::DType::BF16:
      return torch::kBFloat16;
    case io::DType::F64:
      return torch::kFloat64;
    default:
      return std::nullopt;
  }
}

struct StoredTensor {
  const io::SafetensorsFile* file = nullptr;
  const io::TensorInfo* info = nullptr;
};

bool isHeadName(const std::string& name) { return name.starts_with("classifier."); }

// Copies a stored tensor into `target` (any device), converting the dtype. The source aliases the
// mapping; torch::from_blob needs element alignment, which safetensors guarantees only when the
// writer padded the header: fall back to an aligned temporary for odd files.
void copyInto(torch::Tensor& target, const StoredTensor& stored, torch::Dtype sourceType) {
  const auto bytes = stored.file->bytes(*stored.info);
  const auto elementBytes = static_cast<uintptr_t>(io::elementSize(stored.info->dtype));
  torch::NoGradGuard noGrad;
  if (bytes.empty()) {
    return;
  }
  if (reinterpret_cast<uintptr_t>(bytes.data()) % elementBytes == 0) {
    auto source = torch::from_blob(const_cast<std::byte*>(bytes.data()), stored.info->shape,
                                   torch::TensorOptions().dtype(sourceType));
    target.copy_(source);
  } else {
    auto aligned = torch::empty(stored.info->shape, torch::TensorOptions().dtype(sourceType));
    std::memcpy(aligned.data_ptr(), bytes.data(), bytes.size());
    target.copy_(aligned);
  }
}

}  // namespace

LoadReport loadWeights(SequenceClassifier& model, const ModelFiles& files, uint64_t seed) {
  const auto& config = model->config();
  std::vector<io::SafetensorsFile> shards;
  shards.reserve(files.weightShards.size());
  for (const auto& path : files.weightShards) {
    shards.push_back(io::SafetensorsFile::open(path));
    shards.back().prefetch();  // read ahead while the tensors are matched and copied
  }

  LoadReport report;
  std::map<std::string, StoredTensor> stored;  // canonical name -> tensor
  for (const auto& shard : shards) {
    for (const auto& info : shard.tensors()) {
      if (detail::isBufferName(info.name)) {
        report.unexpected.push_back(info.name);
        continue;
      }
      const auto canonical = detail::canonicalWeightName(info.name, config.modelType);
      const auto [it, inserted] = stored.emplace(canonical, StoredTensor{&shard, &info});
      if (!inserted) {
        throw Error(ErrorCode::Model, shard.path().string() + ": tensor '" + info.name +
                                          "' duplicates '" + it->second.info->name + "' in " +
                                          it->second.file->path().string());
      }
    }
  }

  bool headMissing = false;
  bool poolerMissing = false;
  std::set<std::string> used;
  for (auto& item : model->named_parameters(/*recurse=*/true)) {
    const std::string& name = item.key();
    torch::Tensor& param = item.value();
    const auto it = stored.find(name);
    const bool optional = isHeadName(name) || name.starts_with(model->prefix() + ".pooler.");
    if (it == stored.end()) {
      if (!optional) {
        std::string where =
            files.weightShards.size() == 1 ? files.weightShards[0].string() : files.dir.string();
        throw Error(ErrorCode::Model, where + ": missing tensor '" + name + "' (expected shape " +
                                          shapeString(param.sizes()) + " for model_type '" +
                                          config.modelType + "')");
      }
      (isHeadName(name) ? headMissing : poolerMissing) = true;
      report.initialized.push_back(name);
      continue;
    }
    used.insert(name);
    const auto& info = *it->second.info;
    const auto sourceType = torchFloatType(info.dtype);
    if (!sourceType) {
      throw Error(ErrorCode::Model, it->second.file->path().string() + ": tensor '" + info.name +
                                        "' has dtype " + std::string(io::toString(info.dtype)) +
                                        ", expected a floating-point type (F32, F16, BF16, F64)");
    }
    if (c10::IntArrayRef(info.shape) != param.sizes()) {
      if (isHeadName(name)) {
        // A head trained for another label count: start a fresh one, like transformers'
        // ignore_mismatched_sizes=True.
        headMissing = true;
        report.reinitializedMismatched.push_back(name);
        continue;
      }
      throw Error(ErrorCode::Model, it->second.file->path().string() + ": tensor '" + info.name +
                                        "' has shape " + shapeString(info.shape) + ", expected " +
                                        shapeString(param.sizes()) + " from config.json");
    }
    copyInto(param, it->second, *sourceType);
    // The mapped pages of a copied tensor would otherwise stay in this process's resident set
    // next to the parameter: a second full copy of the model at the peak.
    it->second.file->release(info);
  }
  for (const auto& [name, tensor] : stored) {
    if (!used.contains(name)) {
      report.unexpected.push_back(tensor.info->name);
    }
  }
  auto generator = at::detail::createCPUGenerator(seed);
  if (headMissing) {
    model->initializeHead(generator);
  }
  if (poolerMissing) {
    model->initializePooler(generator);
  }
  return report;
}

LoadedModel loadPretrained(const fs::path& dir, const LoadOptions& options) {
  LoadedModel loaded;
  loaded.files = ModelFiles::locate(dir);
  loaded.config = ModelConfig::fromJsonFile(loaded.files.config);
  const int64_t numLabels = options.numLabels.value_or(loaded.config.numLabels);
  {
    // loadWeights writes every parameter (or initialises the head and pooler itself).
    const SkipParameterInit uninitialised;
    loaded.model = SequenceClassifier(loaded.config, numLabels);
  }
  loaded.report = loadWeights(loaded.model, loaded.files, options.seed);
  loaded.model->to(options.device);
  return loaded;
}

void exportModel(SequenceClassifier& model, const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    throw Error(ErrorCode::Io, dir.string() + ": cannot create folder: " + ec.message());
  }
  std::vector<torch::Tensor> keepAlive;
  std::vector<io::TensorToWrite> tensors;
  for (const auto& item : model->named_parameters(/*recurse=*/true)) {
    auto cpu = item.value().detach().to(torch::kCPU, torch::kFloat32).contiguous();
    keepAlive.push_back(cpu);
    io::TensorToWrite t;
    t.name = item.key();
    t.dtype = io::DType::F32;
    t.shape.assign(cpu.sizes().begin(), cpu.sizes().end());
    t.data = std::span<const std::byte>(static_cast<const std::byte*>(cpu.data_ptr()),
                                        static_cast<size_t>(cpu.nbytes()));
    tensors.push_back(std::move(t));
  }
  io::writeSafetensors(dir / "model.safetensors", tensors, {{"format", "pt"}});

  const auto& c = model->config();
  nlohmann::ordered_json j;
  static const std::map<std::string, std::string> kArchitectures = {
      {"bert", "BertForSequenceClassification"},
      {"roberta", "RobertaForSequenceClassification"},
      {"electra", "ElectraForSequenceClassification"}};
  j["architectures"] = {kArchitectures.at(c.modelType)};
  j["model_type"] = c.modelType;
  j["vocab_size"] = c.vocabSize;
  j["hidden_size"] = c.hiddenSize;
  j["num_hidden_layers"] = c.numHiddenLayers;
  j["num_attention_heads"] = c.numAttentionHeads;
  j["intermediate_size"] = c.intermediateSize;
  if (c.modelType == "electra") {
    j["embedding_size"] = c.embeddingSize;
  }
  j["hidden_act"] = c.hiddenAct;
  j["hidden_dropout_prob"] = c.hiddenDropoutProb;
  j["attention_probs_dropout_prob"] = c.attentionProbsDropoutProb;
  if (c.classifierDropout) {
    j["classifier_dropout"] = *c.classifierDropout;
  }
  j["max_position_embeddings"] = c.maxPositionEmbeddings;
  j["type_vocab_size"] = c.typeVocabSize;
  j["layer_norm_eps"] = c.layerNormEps;
  j["initializer_range"] = c.initializerRange;
  j["pad_token_id"] = c.padTokenId;
  j["position_embedding_type"] = c.positionEmbeddingType;
  nlohmann::ordered_json id2label;
  nlohmann::ordered_json label2id;
  for (int64_t i = 0; i < model->numLabels(); ++i) {
    id2label[std::to_string(i)] = "LABEL_" + std::to_string(i);
    label2id["LABEL_" + std::to_string(i)] = i;
  }
  j["id2label"] = id2label;
  j["label2id"] = label2id;
  if (model->isRegression()) {
    j["problem_type"] = "regression";
  }
  const auto configPath = dir / "config.json";
  std::ofstream out(configPath, std::ios::binary | std::ios::trunc);
  out << j.dump(2) << "\n";
  out.close();
  if (!out) {
    throw Error(ErrorCode::Io, configPath.string() + ": write failed");
  }
}

}  // namespace childtune::core
