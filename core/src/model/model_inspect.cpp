// ModelFiles::locate, parameter classification and inspectModel: everything about a model
// directory that needs no weights and no torch.

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "childtune/error.h"
#include "childtune/model_info.h"
#include "io/safetensors.h"
#include "model/weight_names.h"

namespace childtune::core {

namespace fs = std::filesystem;

namespace {

bool isFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

const std::vector<std::string>& tokenizerFileNames() {
  static const std::vector<std::string> kNames = {
      "tokenizer.json",         "vocab.txt", "vocab.json", "merges.txt", "tokenizer_config.json",
      "special_tokens_map.json"};
  return kNames;
}

}  // namespace

ModelFiles ModelFiles::locate(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw Error(ErrorCode::Io, dir.string() + ": model folder does not exist or is not a folder");
  }
  ModelFiles files;
  files.dir = dir;
  files.config = dir / "config.json";
  if (!isFile(files.config)) {
    throw Error(ErrorCode::Io, (dir / "config.json").string() +
                                   ": missing (a Hugging Face model folder needs config.json)");
  }
  if (isFile(dir / "model.safetensors")) {
    files.weightShards.push_back(dir / "model.safetensors");
  } else if (isFile(dir / "model.safetensors.index.json")) {
    files.weightIndex = dir / "model.safetensors.index.json";
    const auto map = io::readSafetensorsIndex(*files.weightIndex);
    std::set<std::string> shards;
    for (const auto& [tensor, shard] : map) {
      shards.insert(shard);
    }
    if (shards.empty()) {
      throw Error(ErrorCode::Data, files.weightIndex->string() + ": weight_map lists no tensors");
    }
    for (const auto& shard : shards) {
      if (!isFile(dir / shard)) {
        throw Error(ErrorCode::Io, files.weightIndex->string() + ": shard '" + shard +
                                       "' is listed but " + (dir / shard).string() +
                                       " does not exist");
      }
      files.weightShards.push_back(dir / shard);
    }
  } else if (isFile(dir / "pytorch_model.bin") || isFile(dir / "pytorch_model.bin.index.json")) {
    throw Error(ErrorCode::Model,
                dir.string() +
                    ": only pytorch_model.bin (a Python pickle) was found; ChildTune "
                    "does not load pickles, which can hide arbitrary objects (and "
                    "LibTorch cannot read Hugging Face's OrderedDict pickles)",
                "convert it to safetensors: python3 -c \"from transformers import AutoModel; "
                "AutoModel.from_pretrained('" +
                    dir.string() + "').save_pretrained('" + dir.string() +
                    "', safe_serialization=True)\"");
  } else {
    throw Error(ErrorCode::Model, dir.string() +
                                      ": no weights found (looked for model.safetensors and "
                                      "model.safetensors.index.json)");
  }
  for (const auto& name : tokenizerFileNames()) {
    if (isFile(dir / name)) {
      files.tokenizerFiles.push_back(dir / name);
    }
  }
  const bool hasTokenizer = isFile(dir / "tokenizer.json") || isFile(dir / "vocab.txt") ||
                            (isFile(dir / "vocab.json") && isFile(dir / "merges.txt"));
  if (!hasTokenizer) {
    throw Error(ErrorCode::Data, dir.string() +
                                     ": no tokenizer files (looked for tokenizer.json, vocab.txt, "
                                     "vocab.json + merges.txt)");
  }
  return files;
}

std::string_view toString(ModuleKind kind) {
  switch (kind) {
    case ModuleKind::Embeddings:
      return "embeddings";
    case ModuleKind::Query:
      return "query";
    case ModuleKind::Key:
      return "key";
    case ModuleKind::Value:
      return "value";
    case ModuleKind::AttentionOutput:
      return "attention-output";
    case ModuleKind::Intermediate:
      return "intermediate";
    case ModuleKind::Output:
      return "output";
    case ModuleKind::LayerNorm:
      return "layernorm";
    case ModuleKind::Pooler:
      return "pooler";
    case ModuleKind::Head:
      return "head";
    case ModuleKind::Other:
      return "other";
  }
  return "other";
}

ParameterKind classifyParameter(std::string_view fullName) {
  const std::string_view name = detail::stripArchitecturePrefix(fullName);
  ParameterKind result;
  if (name.starts_with("embeddings.") || name.starts_with("embeddings_project.")) {
    result.kind = ModuleKind::Embeddings;
    return result;
  }
  if (name.starts_with("pooler.")) {
    result.kind = ModuleKind::Pooler;
    return result;
  }
  if (name.starts_with("classifier.")) {
    result.kind = ModuleKind::Head;
    return result;
  }
  constexpr std::string_view kLayerPrefix = "encoder.layer.";
  if (!name.starts_with(kLayerPrefix)) {
    return result;
  }
  std::string_view rest = name.substr(kLayerPrefix.size());
  const auto dot = rest.find('.');
  int layer = -1;
  const auto [ptr, ec] = std::from_chars(
      rest.data(), rest.data() + (dot == std::string_view::npos ? rest.size() : dot), layer);
  if (ec != std::errc() || dot == std::string_view::npos || ptr != rest.data() + dot) {
    return result;
  }
  rest = rest.substr(dot + 1);
  result.layer = layer;
  if (rest.starts_with("attention.self.query.")) {
    result.kind = ModuleKind::Query;
  } else if (rest.starts_with("attention.self.key.")) {
    result.kind = ModuleKind::Key;
  } else if (rest.starts_with("attention.self.value.")) {
    result.kind = ModuleKind::Value;
  } else if (rest.starts_with("attention.output.dense.")) {
    result.kind = ModuleKind::AttentionOutput;
  } else if (rest.starts_with("attention.output.LayerNorm.") ||
             rest.starts_with("output.LayerNorm.")) {
    result.kind = ModuleKind::LayerNorm;
  } else if (rest.starts_with("intermediate.dense.")) {
    result.kind = ModuleKind::Intermediate;
  } else if (rest.starts_with("output.dense.")) {
    result.kind = ModuleKind::Output;
  } else {
    result.kind = ModuleKind::Other;
  }
  return result;
}

namespace {

std::string detectTokenizerKind(const ModelFiles& files) {
  const fs::path tj = files.dir / "tokenizer.json";
  if (isFile(tj)) {
    std::ifstream in(tj, std::ios::binary);
    try {
      const auto j = nlohmann::json::parse(in);
      auto type = j.at("model").at("type").get<std::string>();
      if (type == "WordPiece") {
        return "wordpiece";
      }
      if (type == "BPE") {
        return "byte-level-bpe";
      }
      if (type == "Unigram") {
        return "unigram";
      }
      return type;
    } catch (const nlohmann::json::exception& e) {
      throw Error(ErrorCode::Data,
                  tj.string() + ": cannot read the tokenizer model type: " + e.what());
    }
  }
  if (isFile(files.dir / "vocab.txt")) {
    return "wordpiece";
  }
  return "byte-level-bpe";
}

}  // namespace

ModelSummary inspectModel(const fs::path& dir) {
  ModelSummary s;
  s.files = ModelFiles::locate(dir);
  s.config = ModelConfig::fromJsonFile(s.files.config);
  s.tokenizerKind = detectTokenizerKind(s.files);
  s.parametersPerLayer.assign(static_cast<size_t>(s.config.numHiddenLayers), 0);
  for (const auto& shard : s.files.weightShards) {
    const auto file = io::SafetensorsFile::open(shard);
    std::error_code ec;
    s.weightBytes += static_cast<int64_t>(fs::file_size(shard, ec));
    for (const auto& t : file.tensors()) {
      if (detail::isBufferName(t.name)) {
        continue;
      }
      ParameterInfo p;
      p.name = t.name;
      p.dtype = std::string(io::toString(t.dtype));
      p.shape = t.shape;
      p.numel = t.numel();
      p.kind = classifyParameter(t.name);
      s.totalParameters += p.numel;
      s.parametersByKind[p.kind.kind] += p.numel;
      if (p.kind.layer >= 0 && p.kind.layer < s.config.numHiddenLayers) {
        s.parametersPerLayer[static_cast<size_t>(p.kind.layer)] += p.numel;
      }
      if (p.kind.kind == ModuleKind::Head) {
        s.hasClassifierHead = true;
      }
      s.parameters.push_back(std::move(p));
    }
  }
  std::sort(s.parameters.begin(), s.parameters.end(),
            [](const ParameterInfo& a, const ParameterInfo& b) { return a.name < b.name; });
  return s;
}

}  // namespace childtune::core
