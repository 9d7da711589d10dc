// Tokenizer::fromDirectory: builds the `tokenizers` pipeline from tokenizer.json
// (tokenizer_json.cpp) or from the legacy vocabulary files (legacy_files.cpp), then applies what
// transformers' fast tokenizer classes change on top (transformers_config.cpp).

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "childtune/error.h"
#include "childtune/tokenizer.h"
#include "tokenize/json_reader.h"
#include "tokenize/legacy_files.h"
#include "tokenize/pipeline_tokenizer.h"
#include "tokenize/tokenizer_json.h"
#include "tokenize/transformers_config.h"

namespace childtune::core {

std::string_view toString(TokenizerKind kind) {
  switch (kind) {
    case TokenizerKind::WordPiece:
      return "WordPiece";
    case TokenizerKind::ByteLevelBpe:
      return "ByteLevelBPE";
    case TokenizerKind::Unigram:
      return "Unigram";
  }
  return "unknown";
}

namespace {

namespace fs = std::filesystem;
using detail::addConfiguredTokens;
using detail::applyClassOverrides;
using detail::configString;
using detail::Family;
using detail::familyFromClass;
using detail::familyFromModelType;
using detail::loadLegacyBpe;
using detail::loadLegacyWordPiece;
using detail::loadTokenizerJson;
using detail::readTokenizerConfig;
using detail::TokenizerConfig;
using nlohmann::json;

// The post-processor's ids go straight into the model input, so each must be a known token.
void checkSpecialIds(const detail::TokenizerPipeline& pipeline, const fs::path& dir) {
  for (const auto* pieces : {&pipeline.postProcessor.single, &pipeline.postProcessor.pair}) {
    for (const detail::TemplatePiece& piece : *pieces) {
      for (int64_t id : piece.ids) {
        if (pipeline.added.tokenForId(id) == nullptr && pipeline.model->vocab().token(id).empty()) {
          throw Error(ErrorCode::Data, (dir / "tokenizer.json").string() +
                                           ": post_processor special token id " +
                                           std::to_string(id) + " is not in the vocabulary");
        }
      }
    }
  }
}

int64_t resolvePadId(const detail::PipelineTokenizer& tokenizer, const TokenizerConfig& config,
                     Family family, const fs::path& dir) {
  if (auto pad = configString(config, family, "pad_token")) {
    if (auto id = tokenizer.tokenToId(*pad)) {
      return *id;
    }
    throw Error(ErrorCode::Data, dir.string() + ": the pad token '" + *pad +
                                     "' is neither in the vocabulary nor an added token");
  }
  for (std::string_view candidate : {"[PAD]", "<pad>"}) {
    if (auto id = tokenizer.tokenToId(candidate)) {
      return *id;
    }
  }
  throw Error(ErrorCode::Data,
              dir.string() + ": no padding token (set pad_token in tokenizer_config.json)");
}

}  // namespace

std::unique_ptr<Tokenizer> Tokenizer::fromDirectory(const std::filesystem::path& dir,
                                                    std::string_view modelType) {
  if (!fs::exists(dir)) {
    throw Error(ErrorCode::Io, "tokenizer folder " + dir.string() + " does not exist");
  }
  if (!fs::is_directory(dir)) {
    throw Error(ErrorCode::Io, "tokenizer folder " + dir.string() + " is not a directory");
  }
  const fs::path tokenizerJson = dir / "tokenizer.json";
  std::optional<json> document;
  if (fs::exists(tokenizerJson)) {
    document = detail::readJsonFile(tokenizerJson);
  }
  const TokenizerConfig config = readTokenizerConfig(dir, document ? &*document : nullptr);
  std::optional<Family> family =
      config.tokenizerClass ? std::optional<Family>(familyFromClass(*config.tokenizerClass))
                            : familyFromModelType(modelType);

  detail::TokenizerPipeline pipeline;
  if (document) {
    pipeline = loadTokenizerJson(tokenizerJson, *document);
  } else {
    const bool hasVocabTxt = fs::exists(dir / "vocab.txt");
    const bool hasBpeFiles = fs::exists(dir / "vocab.json") || fs::exists(dir / "merges.txt");
    if (!hasVocabTxt && !hasBpeFiles) {
      throw Error(ErrorCode::Io, "no tokenizer files in " + dir.string() +
                                     ": looked for tokenizer.json, vocab.txt (WordPiece) and "
                                     "vocab.json + merges.txt (byte-level BPE)");
    }
    if (!family || *family == Family::Other) {
      throw Error(ErrorCode::Config,
                  "unknown model type '" + std::string(modelType) + "'" +
                      (config.tokenizerClass ? " (tokenizer_class '" + *config.tokenizerClass + "')"
                                             : std::string()) +
                      " for the legacy tokenizer files in " + dir.string() +
                      "; without tokenizer.json ChildTune knows bert, electra, distilbert, "
                      "mobilebert (vocab.txt) and roberta (vocab.json + merges.txt)");
    }
    if (*family == Family::Bert) {
      if (!hasVocabTxt) {
        throw Error(ErrorCode::Io, "model type '" + std::string(modelType) + "' needs " +
                                       (dir / "tokenizer.json").string() + " or " +
                                       (dir / "vocab.txt").string() + "; neither exists");
      }
      pipeline = loadLegacyWordPiece(dir, config);
    } else {
      for (const char* name : {"vocab.json", "merges.txt"}) {
        if (!fs::exists(dir / name)) {
          throw Error(ErrorCode::Io, "model type '" + std::string(modelType) + "' needs " +
                                         (dir / "tokenizer.json").string() +
                                         " or vocab.json + merges.txt; " + (dir / name).string() +
                                         " does not exist");
        }
      }
      pipeline = loadLegacyBpe(dir, config);
    }
  }
  const Family effective = family.value_or(Family::Other);
  addConfiguredTokens(pipeline, config, effective);
  checkSpecialIds(pipeline, dir);
  applyClassOverrides(pipeline, config, effective);
  auto tokenizer = std::make_unique<detail::PipelineTokenizer>(std::move(pipeline));
  // The pad id needs the finished tokenizer's lookups (added tokens first, then the model).
  const int64_t padId = resolvePadId(*tokenizer, config, effective, dir);
  tokenizer->setPadId(padId);
  return tokenizer;
}

}  // namespace childtune::core
