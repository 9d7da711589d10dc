// `childtune-cli inspect` and `childtune-cli tokenize`.

#include <cstdio>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "childtune/error.h"
#include "childtune/model_info.h"
#include "childtune/tokenizer.h"
#include "cli_args.h"
#include "commands.h"

namespace childtune::app::cli {

namespace {

using core::ModuleKind;

std::string withThousands(int64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  const int len = static_cast<int>(digits.size());
  for (int i = 0; i < len; ++i) {
    out += digits[static_cast<size_t>(i)];
    if ((len - i - 1) % 3 == 0 && i != len - 1) {
      out += ',';
    }
  }
  return out;
}

std::string millions(int64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fM", static_cast<double>(n) / 1e6);
  return buf;
}

std::string megabytes(int64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

std::string percent(int64_t part, int64_t total) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%5.1f%%",
                total > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(total) : 0.0);
  return buf;
}

constexpr ModuleKind kAllKinds[] = {ModuleKind::Embeddings,
                                    ModuleKind::Query,
                                    ModuleKind::Key,
                                    ModuleKind::Value,
                                    ModuleKind::AttentionOutput,
                                    ModuleKind::Intermediate,
                                    ModuleKind::Output,
                                    ModuleKind::LayerNorm,
                                    ModuleKind::Pooler,
                                    ModuleKind::Head,
                                    ModuleKind::Other};

nlohmann::ordered_json summaryJson(const core::ModelSummary& s) {
  nlohmann::ordered_json j;
  const auto& c = s.config;
  j["model_dir"] = s.files.dir.string();
  j["model_type"] = c.modelType;
  j["num_hidden_layers"] = c.numHiddenLayers;
  j["hidden_size"] = c.hiddenSize;
  j["num_attention_heads"] = c.numAttentionHeads;
  j["intermediate_size"] = c.intermediateSize;
  j["embedding_size"] = c.embeddingSize;
  j["vocab_size"] = c.vocabSize;
  j["max_position_embeddings"] = c.maxPositionEmbeddings;
  j["hidden_act"] = c.hiddenAct;
  j["tokenizer"] = s.tokenizerKind;
  j["total_parameters"] = s.totalParameters;
  nlohmann::ordered_json byKind = nlohmann::ordered_json::object();
  for (const auto kind : kAllKinds) {
    const auto it = s.parametersByKind.find(kind);
    if (it != s.parametersByKind.end()) {
      byKind[std::string(core::toString(kind))] = it->second;
    }
  }
  j["parameters_by_kind"] = byKind;
  j["parameters_per_layer"] = s.parametersPerLayer;
  j["has_classifier_head"] = s.hasClassifierHead;
  nlohmann::ordered_json weights = nlohmann::ordered_json::array();
  for (const auto& shard : s.files.weightShards) {
    weights.push_back(shard.filename().string());
  }
  j["weight_files"] = weights;
  j["weight_bytes"] = s.weightBytes;
  nlohmann::ordered_json params = nlohmann::ordered_json::array();
  for (const auto& p : s.parameters) {
    nlohmann::ordered_json pj;
    pj["name"] = p.name;
    pj["shape"] = p.shape;
    pj["dtype"] = p.dtype;
    pj["kind"] = std::string(core::toString(p.kind.kind));
    pj["layer"] = p.kind.layer;
    params.push_back(pj);
  }
  j["parameters"] = params;
  return j;
}

void printSummary(const core::ModelSummary& s, std::ostream& out) {
  const auto& c = s.config;
  out << "Model        " << s.files.dir.string() << "\n";
  out << "Architecture " << c.modelType << ": " << c.numHiddenLayers << " layers, hidden "
      << c.hiddenSize << ", " << c.numAttentionHeads << " heads, intermediate "
      << c.intermediateSize;
  if (c.embeddingSize != c.hiddenSize) {
    out << ", embedding " << c.embeddingSize;
  }
  out << ", activation " << c.hiddenAct << "\n";
  out << "Vocabulary   " << withThousands(c.vocabSize) << " tokens (" << s.tokenizerKind
      << "), max " << c.maxPositionEmbeddings << " positions\n";
  std::string dtypes;
  for (const auto& p : s.parameters) {
    if (dtypes.find(p.dtype) == std::string::npos) {
      dtypes += (dtypes.empty() ? "" : "/") + p.dtype;
    }
  }
  out << "Weights      " << s.files.weightShards.size() << " file(s), " << megabytes(s.weightBytes)
      << ", " << dtypes << "\n";
  out << "Parameters   " << withThousands(s.totalParameters) << " (" << millions(s.totalParameters)
      << ")" << (s.hasClassifierHead ? ", with a classification head" : ", no classification head")
      << "\n\n";
  out << "By module kind\n";
  for (const auto kind : kAllKinds) {
    const auto it = s.parametersByKind.find(kind);
    if (it == s.parametersByKind.end()) {
      continue;
    }
    char line[128];
    std::snprintf(line, sizeof line, "  %-18s %14s  %s\n",
                  std::string(core::toString(kind)).c_str(), withThousands(it->second).c_str(),
                  percent(it->second, s.totalParameters).c_str());
    out << line;
  }
  out << "\nPer encoder layer\n";
  for (size_t i = 0; i < s.parametersPerLayer.size(); ++i) {
    char line[128];
    std::snprintf(line, sizeof line, "  layer %-12zu %14s  %s\n", i,
                  withThousands(s.parametersPerLayer[i]).c_str(),
                  percent(s.parametersPerLayer[i], s.totalParameters).c_str());
    out << line;
  }
}

core::TruncationStrategy parseTruncation(const std::string& text) {
  if (text == "longest_first") {
    return core::TruncationStrategy::LongestFirst;
  }
  if (text == "only_first") {
    return core::TruncationStrategy::OnlyFirst;
  }
  if (text == "only_second") {
    return core::TruncationStrategy::OnlySecond;
  }
  if (text == "none") {
    return core::TruncationStrategy::DoNotTruncate;
  }
  throw UsageError(
      "option --truncation must be longest_first, only_first, only_second or none, got '" + text +
      "'");
}

}  // namespace

int runInspect(const std::vector<std::string>& args) {
  const ParsedArgs parsed(args, {{"json", false}});
  if (parsed.positional().size() != 1) {
    throw UsageError("inspect needs exactly one MODEL_DIR (see childtune-cli --help)");
  }
  const auto summary = core::inspectModel(parsed.positional()[0]);
  if (parsed.flag("json")) {
    std::cout << summaryJson(summary).dump(2) << "\n";
  } else {
    printSummary(summary, std::cout);
  }
  return 0;
}

int runTokenize(const std::vector<std::string>& args) {
  const ParsedArgs parsed(
      args,
      {{"json", false}, {"max-length", true}, {"truncation", true}, {"no-special-tokens", false}});
  const auto& pos = parsed.positional();
  if (pos.size() < 2 || pos.size() > 3) {
    throw UsageError("tokenize needs MODEL_DIR TEXT [PAIR] (see childtune-cli --help)");
  }
  const auto config =
      core::ModelConfig::fromJsonFile(std::filesystem::path(pos[0]) / "config.json");
  const auto tokenizer = core::Tokenizer::fromDirectory(pos[0], config.modelType);
  core::EncodeOptions options;
  options.maxLength = static_cast<int>(parsed.intValue("max-length", 1, 1 << 20).value_or(128));
  options.truncation = parseTruncation(parsed.value("truncation").value_or("longest_first"));
  options.addSpecialTokens = !parsed.flag("no-special-tokens");
  std::optional<std::string_view> pair;
  if (pos.size() == 3) {
    pair = pos[2];
  }
  const auto enc = tokenizer->encode(pos[1], pair, options);
  if (parsed.flag("json")) {
    nlohmann::ordered_json j;
    j["input_ids"] = enc.ids;
    j["token_type_ids"] = enc.typeIds;
    j["attention_mask"] = enc.attentionMask;
    j["tokens"] = enc.tokens;
    std::cout << j.dump() << "\n";
    return 0;
  }
  std::cout << enc.ids.size() << " tokens\n";
  for (size_t i = 0; i < enc.ids.size(); ++i) {
    char line[64];
    std::snprintf(line, sizeof line, "%5zu  %8lld  %lld  ", i, static_cast<long long>(enc.ids[i]),
                  static_cast<long long>(enc.typeIds[i]));
    std::cout << line << enc.tokens[i] << "\n";
  }
  return 0;
}

}  // namespace childtune::app::cli
