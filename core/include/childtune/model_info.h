#pragma once
// What a model directory holds, read from config.json and the safetensors headers only (no
// weights are loaded, no torch types): for `childtune-cli inspect` and the GUI's model picker.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace childtune::core {

// The architecture hyper-parameters ChildTune uses, parsed from a Hugging Face config.json.
struct ModelConfig {
  std::string modelType;           // "bert" | "roberta" | "electra"
  int64_t vocabSize = 0;           // 30522
  int64_t hiddenSize = 0;          // 768
  int64_t numHiddenLayers = 0;     // 12
  int64_t numAttentionHeads = 0;   // 12
  int64_t intermediateSize = 0;    // 3072
  int64_t embeddingSize = 0;       // ELECTRA may differ from hiddenSize; else == hiddenSize
  std::string hiddenAct = "gelu";  // gelu | gelu_new | relu | gelu_fast | ...
  double hiddenDropoutProb = 0.1;
  double attentionProbsDropoutProb = 0.1;
  std::optional<double> classifierDropout;  // overrides hiddenDropoutProb in the head
  int64_t maxPositionEmbeddings = 512;
  int64_t typeVocabSize = 2;
  double layerNormEps = 1e-12;
  double initializerRange = 0.02;
  int64_t padTokenId = 0;
  std::string positionEmbeddingType = "absolute";
  int64_t numLabels = 2;    // from config (id2label) when present; a run may override
  std::string problemType;  // "" | "regression" | "single_label_classification"

  // Parses and validates config.json. Throws Error{Config} naming the file and field.
  static ModelConfig fromJsonFile(const std::filesystem::path& path);
  static ModelConfig fromJsonText(std::string_view text, const std::string& sourceName);
  int64_t headDim() const { return hiddenSize / numAttentionHeads; }
};

// Where the parts of a Hugging Face model directory are.
struct ModelFiles {
  std::filesystem::path dir;
  std::filesystem::path config;                       // config.json
  std::vector<std::filesystem::path> weightShards;    // model.safetensors or the index's shards
  std::optional<std::filesystem::path> weightIndex;   // model.safetensors.index.json if sharded
  std::vector<std::filesystem::path> tokenizerFiles;  // tokenizer.json / vocab.txt / ...

  // Locates the files. Throws Error: Io when the folder or config.json is missing, Model when
  // only pytorch_model.bin (pickle) is present (with a hint on converting to safetensors), Data
  // when no tokenizer file exists.
  static ModelFiles locate(const std::filesystem::path& dir);
};

// Module kinds used for parameter counts, Fisher summaries and the heatmaps.
enum class ModuleKind {
  Embeddings,
  Query,
  Key,
  Value,
  AttentionOutput,
  Intermediate,
  Output,
  LayerNorm,  // the two LayerNorms inside a layer
  Pooler,
  Head,  // classifier
  Other,
};
inline constexpr int kNumModuleKinds = 11;
std::string_view toString(ModuleKind kind);  // "query", "attention-output", ...

struct ParameterKind {
  ModuleKind kind = ModuleKind::Other;
  int layer = -1;  // encoder layer index, -1 outside the encoder layers
};
// Classifies a Hugging Face parameter name, with or without the architecture prefix:
// "bert.encoder.layer.3.attention.self.query.weight" -> {Query, 3}.
ParameterKind classifyParameter(std::string_view name);

struct ParameterInfo {
  std::string name;   // Hugging Face name as stored in the checkpoint
  std::string dtype;  // safetensors dtype, "F32"
  std::vector<int64_t> shape;
  int64_t numel = 0;
  ParameterKind kind;
};

struct ModelSummary {
  ModelFiles files;
  ModelConfig config;
  std::string tokenizerKind;              // "wordpiece" | "byte-level-bpe" | ...
  std::vector<ParameterInfo> parameters;  // as stored in the checkpoint (buffers excluded)
  int64_t totalParameters = 0;
  std::map<ModuleKind, int64_t> parametersByKind;
  std::vector<int64_t> parametersPerLayer;  // size numHiddenLayers
  bool hasClassifierHead = false;
  int64_t weightBytes = 0;  // on disk
};

// Reads config.json and the safetensors headers. Throws childtune::Error on any bad input.
ModelSummary inspectModel(const std::filesystem::path& dir);

}  // namespace childtune::core
