#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "childtune/error.h"
#include "childtune/model_info.h"

namespace childtune::core {

namespace {

using nlohmann::json;

const std::set<std::string>& supportedActivations() {
  static const std::set<std::string> kActs = {
      "gelu", "gelu_new", "gelu_fast", "gelu_python", "relu",
      "silu", "swish",    "tanh",      "quick_gelu",  "gelu_pytorch_tanh"};
  return kActs;
}

class ConfigReader {
 public:
  ConfigReader(const json& j, const std::string& source) : j_(j), source_(source) {}

  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    throw Error(ErrorCode::Config, source_ + ": field '" + field + "' " + problem);
  }

  int64_t positiveInt(const std::string& field, std::optional<int64_t> fallback = {}) const {
    const auto it = j_.find(field);
    if (it == j_.end() || it->is_null()) {
      if (fallback) {
        return *fallback;
      }
      fail(field, "is missing");
    }
    if (!it->is_number_integer()) {
      fail(field, "must be an integer, got " + it->dump());
    }
    const auto value = it->get<int64_t>();
    if (value <= 0) {
      fail(field, "must be positive, got " + std::to_string(value));
    }
    return value;
  }

  double number(const std::string& field, double fallback, double lo, double hi) const {
    const auto it = j_.find(field);
    if (it == j_.end() || it->is_null()) {
      return fallback;
    }
    if (!it->is_number()) {
      fail(field, "must be a number, got " + it->dump());
    }
    const double value = it->get<double>();
    if (!(value >= lo && value <= hi)) {
      std::ostringstream os;
      os << "must be in [" << lo << ", " << hi << "], got " << value;
      fail(field, os.str());
    }
    return value;
  }

  std::string string(const std::string& field, const std::string& fallback) const {
    const auto it = j_.find(field);
    if (it == j_.end() || it->is_null()) {
      return fallback;
    }
    if (!it->is_string()) {
      fail(field, "must be a string, got " + it->dump());
    }
    return it->get<std::string>();
  }

 private:
  const json& j_;
  const std::string& source_;
};

}  // namespace

ModelConfig ModelConfig::fromJsonFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorCode::Io, "cannot open " + path.string());
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return fromJsonText(ss.str(), path.string());
}

ModelConfig ModelConfig::fromJsonText(std::string_view text, const std::string& sourceName) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw Error(ErrorCode::Config, sourceName + ": not valid JSON: " + e.what());
  }
  if (!j.is_object()) {
    throw Error(ErrorCode::Config, sourceName + ": expected a JSON object at the top level");
  }
  ConfigReader r(j, sourceName);
  ModelConfig c;
  c.modelType = r.string("model_type", "");
  if (c.modelType.empty()) {
    r.fail("model_type", R"(is missing (expected "bert", "roberta" or "electra"))");
  }
  if (c.modelType == "xlnet") {
    throw Error(ErrorCode::Config,
                sourceName +
                    ": model_type 'xlnet' is not supported yet (supported: bert, "
                    "roberta, electra)");
  }
  if (c.modelType != "bert" && c.modelType != "roberta" && c.modelType != "electra") {
    throw Error(ErrorCode::Config, sourceName + ": unknown model_type '" + c.modelType +
                                       "' (supported: bert, roberta, electra)");
  }
  c.vocabSize = r.positiveInt("vocab_size");
  c.hiddenSize = r.positiveInt("hidden_size");
  c.numHiddenLayers = r.positiveInt("num_hidden_layers");
  c.numAttentionHeads = r.positiveInt("num_attention_heads");
  c.intermediateSize = r.positiveInt("intermediate_size");
  c.embeddingSize = r.positiveInt("embedding_size", c.hiddenSize);
  if (c.modelType != "electra" && c.embeddingSize != c.hiddenSize) {
    r.fail("embedding_size", "differs from hidden_size, which only ELECTRA supports");
  }
  if (c.hiddenSize % c.numAttentionHeads != 0) {
    r.fail("hidden_size", "(" + std::to_string(c.hiddenSize) +
                              ") must be a multiple of num_attention_heads (" +
                              std::to_string(c.numAttentionHeads) + ")");
  }
  c.hiddenAct = r.string("hidden_act", "gelu");
  if (!supportedActivations().contains(c.hiddenAct)) {
    r.fail("hidden_act", "'" + c.hiddenAct + "' is not a supported activation");
  }
  c.hiddenDropoutProb = r.number("hidden_dropout_prob", 0.1, 0.0, 1.0);
  c.attentionProbsDropoutProb = r.number("attention_probs_dropout_prob", 0.1, 0.0, 1.0);
  if (const auto it = j.find("classifier_dropout"); it != j.end() && !it->is_null()) {
    c.classifierDropout = r.number("classifier_dropout", 0.1, 0.0, 1.0);
  }
  c.maxPositionEmbeddings = r.positiveInt("max_position_embeddings", 512);
  c.typeVocabSize = r.positiveInt("type_vocab_size", 2);
  c.layerNormEps = r.number("layer_norm_eps", 1e-12, 0.0, 1.0);
  c.initializerRange = r.number("initializer_range", 0.02, 0.0, 10.0);
  if (const auto it = j.find("pad_token_id"); it != j.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 0 || it->get<int64_t>() >= c.vocabSize) {
      r.fail("pad_token_id", "must be an integer in [0, vocab_size), got " + it->dump());
    }
    c.padTokenId = it->get<int64_t>();
  } else {
    c.padTokenId = c.modelType == "roberta" ? 1 : 0;
  }
  c.positionEmbeddingType = r.string("position_embedding_type", "absolute");
  if (c.positionEmbeddingType != "absolute") {
    r.fail("position_embedding_type",
           "'" + c.positionEmbeddingType + "' is not supported (only \"absolute\")");
  }
  if (c.modelType == "roberta" && c.maxPositionEmbeddings <= c.padTokenId + 1) {
    r.fail("max_position_embeddings", "leaves no room for RoBERTa's position offset");
  }
  if (const auto it = j.find("id2label"); it != j.end() && it->is_object() && !it->empty()) {
    c.numLabels = static_cast<int64_t>(it->size());
  }
  c.numLabels = r.positiveInt("num_labels", c.numLabels);
  c.problemType = r.string("problem_type", "");
  return c;
}

}  // namespace childtune::core
