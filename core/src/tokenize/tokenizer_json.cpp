#include "tokenize/tokenizer_json.h"

#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "childtune/error.h"
#include "tokenize/bpe_model.h"
#include "tokenize/wordpiece_model.h"

namespace childtune::core::detail {

using nlohmann::json;

AddedToken addedTokenFromJson(const JsonObject& object, bool defaultSpecial) {
  AddedToken token;
  token.content = object.requireString("content");
  token.special = object.getBool("special", defaultSpecial);
  token.singleWord = object.getBool("single_word", false);
  token.lstrip = object.getBool("lstrip", false);
  token.rstrip = object.getBool("rstrip", false);
  token.normalized = object.getBool("normalized", !token.special);
  return token;
}

void readVocabObject(const json& vocab, const std::string& where, Vocab& out) {
  if (!vocab.is_object()) {
    throw Error(ErrorCode::Data, where + " must be an object of token -> id");
  }
  for (const auto& [token, id] : vocab.items()) {
    if (!id.is_number_integer()) {
      throw Error(ErrorCode::Data, concat(where, "['", token,
                                          "'] must be an integer id, but it is ", id.type_name()));
    }
    const auto value = id.get<int64_t>();
    if (value < 0 || value >= kMaxTokenId) {
      throw Error(ErrorCode::Data, concat(where, "['", token, "'] has id ", std::to_string(value),
                                          " outside [0, ", std::to_string(kMaxTokenId), ")"));
    }
    out.add(token, value);
  }
}

namespace {

std::unique_ptr<Normalizer> parseNormalizer(const JsonObject& root) {
  const json* value = root.find("normalizer");
  if (value == nullptr) {
    return nullptr;
  }
  const JsonObject normalizer(*value, root.field("normalizer"));
  const std::string type = normalizer.requireString("type");
  if (type == "BertNormalizer") {
    BertNormalizerOptions options;
    options.cleanText = normalizer.getBool("clean_text", true);
    options.handleChineseChars = normalizer.getBool("handle_chinese_chars", true);
    options.stripAccents = normalizer.getOptionalBool("strip_accents");
    options.lowercase = normalizer.getBool("lowercase", true);
    return std::make_unique<BertNormalizer>(options);
  }
  throw Error(ErrorCode::Config, normalizer.field("type") + ": normalizer '" + type +
                                     "' is not supported (supported: BertNormalizer or none)");
}

std::unique_ptr<PreTokenizer> parsePreTokenizer(const JsonObject& root) {
  const json* value = root.find("pre_tokenizer");
  if (value == nullptr) {
    return nullptr;
  }
  const JsonObject pre(*value, root.field("pre_tokenizer"));
  const std::string type = pre.requireString("type");
  if (type == "BertPreTokenizer") {
    return std::make_unique<BertPreTokenizer>();
  }
  if (type == "ByteLevel") {
    return std::make_unique<ByteLevelPreTokenizer>(pre.getBool("add_prefix_space", true),
                                                   pre.getBool("use_regex", true));
  }
  throw Error(ErrorCode::Config,
              pre.field("type") + ": pre-tokenizer '" + type +
                  "' is not supported (supported: BertPreTokenizer, ByteLevel or none)");
}

std::vector<std::pair<std::string, std::string>> parseJsonMerges(const json& merges,
                                                                 const std::string& where) {
  std::vector<std::pair<std::string, std::string>> result;
  result.reserve(merges.size());
  for (std::size_t i = 0; i < merges.size(); ++i) {
    const json& merge = merges[i];
    const std::string at = where + "[" + std::to_string(i) + "]";
    if (merge.is_string()) {
      const auto text = merge.get<std::string>();
      const auto space = text.find(' ');
      if (space == std::string::npos || text.find(' ', space + 1) != std::string::npos) {
        throw Error(
            ErrorCode::Data,
            concat(at, " must be two tokens separated by one space, but it is '", text, "'"));
      }
      result.emplace_back(text.substr(0, space), text.substr(space + 1));
    } else if (merge.is_array() && merge.size() == 2 && merge[0].is_string() &&
               merge[1].is_string()) {
      result.emplace_back(merge[0].get<std::string>(), merge[1].get<std::string>());
    } else {
      throw Error(ErrorCode::Data, at + " must be \"left right\" or [left, right]");
    }
  }
  return result;
}

std::unique_ptr<TokenizerModel> parseModel(const JsonObject& root) {
  const JsonObject model = root.requireObject("model");
  std::string type = model.getString("type", "");
  if (type.empty()) {
    // Old files leave the model untagged; tokenizers then tells them apart by their fields.
    if (model.has("merges")) {
      type = "BPE";
    } else if (model.has("continuing_subword_prefix") || model.has("max_input_chars_per_word")) {
      type = "WordPiece";
    } else if (model.find("vocab") != nullptr && model.find("vocab")->is_array()) {
      type = "Unigram";
    }
  }
  if (type == "WordPiece") {
    Vocab vocab;
    readVocabObject(model.find("vocab") != nullptr ? *model.find("vocab") : json(),
                    model.field("vocab"), vocab);
    WordPieceOptions options;
    options.unkToken = model.getString("unk_token", "[UNK]");
    options.continuingSubwordPrefix = model.getString("continuing_subword_prefix", "##");
    const int64_t maxChars = model.getInt("max_input_chars_per_word", 100);
    if (maxChars < 0) {
      throw Error(ErrorCode::Data, model.field("max_input_chars_per_word") + " must be >= 0");
    }
    options.maxInputCharsPerWord = static_cast<std::size_t>(maxChars);
    return std::make_unique<WordPieceModel>(std::move(vocab), std::move(options), model.where());
  }
  if (type == "BPE") {
    Vocab vocab;
    readVocabObject(model.find("vocab") != nullptr ? *model.find("vocab") : json(),
                    model.field("vocab"), vocab);
    const auto merges = parseJsonMerges(model.requireArray("merges"), model.field("merges"));
    if (const json* dropout = model.find("dropout")) {
      if (!dropout->is_number() || dropout->get<double>() != 0.0) {
        throw Error(
            ErrorCode::Config,
            model.field("dropout") + ": BPE dropout is random and not supported; set it to null");
      }
    }
    BpeOptions options;
    options.unkToken = model.getOptionalString("unk_token");
    options.continuingSubwordPrefix = model.getString("continuing_subword_prefix", "");
    options.endOfWordSuffix = model.getString("end_of_word_suffix", "");
    options.fuseUnk = model.getBool("fuse_unk", false);
    options.byteFallback = model.getBool("byte_fallback", false);
    if (model.getBool("ignore_merges", false)) {
      throw Error(ErrorCode::Config, model.field("ignore_merges") + ": not supported");
    }
    return std::make_unique<BpeModel>(std::move(vocab), merges, std::move(options), model.where());
  }
  if (type == "Unigram") {
    throw Error(ErrorCode::Config, model.field("type") +
                                       ": tokenizer model 'Unigram' is not supported yet "
                                       "(ChildTune reads WordPiece and BPE)");
  }
  throw Error(ErrorCode::Config, model.field("type") + ": tokenizer model '" +
                                     (type.empty() ? "(missing)" : type) +
                                     "' is not supported (supported: WordPiece, BPE)");
}

int64_t specialTokenId(const std::string& where, const json& pair) {
  // ["[CLS]", 101]
  if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() ||
      !pair[1].is_number_integer()) {
    throw Error(ErrorCode::Data, where + " must be [token, id]");
  }
  return pair[1].get<int64_t>();
}

PostProcessor parseTemplate(const JsonObject& processor) {
  std::map<std::string, std::vector<int64_t>, std::less<>> specials;
  if (const json* tokens = processor.find("special_tokens")) {
    const JsonObject map(*tokens, processor.field("special_tokens"));
    for (const auto& [name, value] : tokens->items()) {
      const JsonObject entry(value, map.field(name));
      std::vector<int64_t> ids;
      for (const json& id : entry.requireArray("ids")) {
        if (!id.is_number_integer()) {
          throw Error(ErrorCode::Data, entry.field("ids") + " must hold integer ids");
        }
        ids.push_back(id.get<int64_t>());
      }
      specials[name] = std::move(ids);
    }
  }
  auto parsePieces = [&](std::string_view key) {
    std::vector<TemplatePiece> pieces;
    const json& list = processor.requireArray(key);
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string where = processor.field(key) + "[" + std::to_string(i) + "]";
      const JsonObject piece(list[i], where);
      TemplatePiece result;
      if (const json* sequence = piece.find("Sequence")) {
        const JsonObject body(*sequence, where + ".Sequence");
        const std::string id = body.requireString("id");
        if (id != "A" && id != "B") {
          throw Error(ErrorCode::Data, body.field("id") + R"( must be "A" or "B")");
        }
        result.kind = id == "A" ? TemplatePiece::Kind::SequenceA : TemplatePiece::Kind::SequenceB;
        result.typeId = body.getInt("type_id", 0);
      } else if (const json* special = piece.find("SpecialToken")) {
        const JsonObject body(*special, where + ".SpecialToken");
        const std::string id = body.requireString("id");
        const auto it = specials.find(id);
        if (it == specials.end()) {
          throw Error(ErrorCode::Data, body.field("id") + ": special token '" + id +
                                           "' is not listed in " +
                                           processor.field("special_tokens"));
        }
        result.kind = TemplatePiece::Kind::Special;
        result.ids = it->second;
        result.typeId = body.getInt("type_id", 0);
      } else {
        throw Error(ErrorCode::Data, where + " must be a Sequence or a SpecialToken");
      }
      pieces.push_back(std::move(result));
    }
    return pieces;
  };
  PostProcessor result;
  result.single = parsePieces("single");
  result.pair = parsePieces("pair");
  return result;
}

PostProcessor parseOneProcessor(const JsonObject& processor, bool& addsTokens) {
  const std::string type = processor.requireString("type");
  addsTokens = true;
  if (type == "TemplateProcessing") {
    return parseTemplate(processor);
  }
  if (type == "BertProcessing" || type == "RobertaProcessing") {
    const json* cls = processor.find("cls");
    const json* sep = processor.find("sep");
    if (cls == nullptr || sep == nullptr) {
      throw Error(ErrorCode::Data, processor.where() + " needs both cls and sep");
    }
    const int64_t clsId = specialTokenId(processor.field("cls"), *cls);
    const int64_t sepId = specialTokenId(processor.field("sep"), *sep);
    return type == "BertProcessing" ? PostProcessor::bert(clsId, sepId)
                                    : PostProcessor::roberta(clsId, sepId);
  }
  if (type == "ByteLevel") {
    addsTokens = false;  // only trims offsets
    return PostProcessor::none();
  }
  throw Error(ErrorCode::Config, processor.field("type") + ": post-processor '" + type +
                                     "' is not supported (supported: TemplateProcessing, "
                                     "BertProcessing, RobertaProcessing, ByteLevel, Sequence)");
}

PostProcessor parsePostProcessor(const JsonObject& root) {
  const json* value = root.find("post_processor");
  if (value == nullptr) {
    return PostProcessor::none();
  }
  const JsonObject processor(*value, root.field("post_processor"));
  if (processor.requireString("type") != "Sequence") {
    bool addsTokens = false;
    return parseOneProcessor(processor, addsTokens);
  }
  const json& list = processor.requireArray("processors");
  std::optional<PostProcessor> chosen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const JsonObject item(list[i], processor.field("processors") + "[" + std::to_string(i) + "]");
    bool addsTokens = false;
    PostProcessor parsed = parseOneProcessor(item, addsTokens);
    if (addsTokens) {
      if (chosen) {
        throw Error(ErrorCode::Config,
                    processor.field("processors") +
                        ": more than one processor that adds special tokens is not supported");
      }
      chosen = std::move(parsed);
    }
  }
  return chosen ? *chosen : PostProcessor::none();
}

}  // namespace

TokenizerPipeline loadTokenizerJson(const std::filesystem::path& file, const json& document) {
  const JsonObject root(document, file.string());
  TokenizerPipeline pipeline;
  pipeline.model = parseModel(root);
  pipeline.normalizer = parseNormalizer(root);
  pipeline.preTokenizer = parsePreTokenizer(root);
  pipeline.postProcessor = parsePostProcessor(root);
  if (const json* added = root.find("added_tokens")) {
    if (!added->is_array()) {
      throw Error(ErrorCode::Data, root.field("added_tokens") + " must be an array");
    }
    std::vector<AddedToken> tokens;
    for (std::size_t i = 0; i < added->size(); ++i) {
      const JsonObject entry((*added)[i],
                             root.field("added_tokens") + "[" + std::to_string(i) + "]");
      AddedToken token = addedTokenFromJson(entry, false);
      token.normalized = entry.getBool("normalized", !token.special);
      tokens.push_back(std::move(token));
    }
    pipeline.added.addTokens(tokens, pipeline.model->vocab(), pipeline.normalizer.get());
  }
  return pipeline;
}

}  // namespace childtune::core::detail
