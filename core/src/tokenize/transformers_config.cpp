#include "tokenize/transformers_config.h"

#include <algorithm>
#include <array>
#include <set>

#include "childtune/error.h"
#include "tokenize/json_reader.h"
#include "tokenize/normalizer.h"
#include "tokenize/pre_tokenizer.h"
#include "tokenize/tokenizer_json.h"

namespace childtune::core::detail {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 7> kSpecialAttributes = {
    "bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"};

// A string or {"content": ..., ...} value from a config file; nullopt for JSON null.
std::optional<SpecialValue> specialValueFromJson(const json& value, const std::string& where,
                                                 bool forceSpecial) {
  if (value.is_null()) {
    return std::nullopt;
  }
  SpecialValue result;
  if (value.is_string()) {
    result.token.content = value.get<std::string>();
    return result;
  }
  if (value.is_object()) {
    result.token = addedTokenFromJson(JsonObject(value, where), forceSpecial);
    if (forceSpecial) {
      result.token.special = true;
    }
    result.isObject = true;
    return result;
  }
  throw Error(ErrorCode::Data, where + " must be a string or a token object, but it is " +
                                   std::string(value.type_name()));
}

int64_t parseTokenIdKey(const std::string& key, const std::string& where) {
  int64_t id = -1;
  try {
    std::size_t used = 0;
    id = std::stoll(key, &used);
    if (used != key.size()) {
      id = -1;
    }
  } catch (const std::exception&) {
    id = -1;
  }
  if (id < 0 || id >= kMaxTokenId) {
    throw Error(ErrorCode::Data, where + ": '" + key + "' is not a valid token id");
  }
  return id;
}

std::optional<std::string> classDefault(Family family, std::string_view attribute) {
  // The keyword defaults of BertTokenizerFast and RobertaTokenizerFast.__init__.
  struct Default {
    Family family;
    std::string_view attribute;
    const char* token;
  };
  static constexpr Default kDefaults[] = {
      {Family::Bert, "unk_token", "[UNK]"},   {Family::Bert, "sep_token", "[SEP]"},
      {Family::Bert, "pad_token", "[PAD]"},   {Family::Bert, "cls_token", "[CLS]"},
      {Family::Bert, "mask_token", "[MASK]"}, {Family::Roberta, "bos_token", "<s>"},
      {Family::Roberta, "eos_token", "</s>"}, {Family::Roberta, "unk_token", "<unk>"},
      {Family::Roberta, "sep_token", "</s>"}, {Family::Roberta, "pad_token", "<pad>"},
      {Family::Roberta, "cls_token", "<s>"},  {Family::Roberta, "mask_token", "<mask>"},
  };
  for (const Default& entry : kDefaults) {
    if (entry.family == family && entry.attribute == attribute) {
      return std::string(entry.token);
    }
  }
  return std::nullopt;
}

// from_pretrained swaps a configured special token for the added_tokens_decoder entry with the
// same content (last one wins).
void mapToDecoder(const TokenizerConfig& config, std::optional<SpecialValue>& value) {
  if (!value) {
    return;
  }
  for (std::size_t i = config.decoder.size(); i-- > 0;) {
    const AddedToken& token = config.decoder[i].second;
    if (token.content == value->token.content) {
      value = SpecialValue{token, true, true};
      return;
    }
  }
}

}  // namespace

Family familyFromClass(std::string name) {
  if (name.size() > 4 && name.ends_with("Fast")) {
    name.resize(name.size() - 4);
  }
  static const std::set<std::string, std::less<>> kBert = {
      "BertTokenizer", "ElectraTokenizer", "DistilBertTokenizer", "MobileBertTokenizer"};
  if (kBert.contains(name)) {
    return Family::Bert;
  }
  if (name == "RobertaTokenizer") {
    return Family::Roberta;
  }
  return Family::Other;
}

std::optional<Family> familyFromModelType(std::string_view modelType) {
  if (modelType == "bert" || modelType == "electra" || modelType == "distilbert" ||
      modelType == "mobilebert") {
    return Family::Bert;
  }
  if (modelType == "roberta") {
    return Family::Roberta;
  }
  return std::nullopt;
}

TokenizerConfig readTokenizerConfig(const fs::path& dir, const json* tokenizerJson) {
  TokenizerConfig result;
  result.file = dir / "tokenizer_config.json";
  if (fs::exists(result.file)) {
    result.config = readJsonFile(result.file);
  }
  const JsonObject config(result.config, result.file.string());
  result.tokenizerClass = config.getOptionalString("tokenizer_class");
  for (std::string_view attribute : kSpecialAttributes) {
    const auto it = result.config.find(attribute);
    if (it != result.config.end()) {
      result.specials[std::string(attribute)] =
          specialValueFromJson(*it, config.field(attribute), false);
    }
  }
  auto readAdditional = [&](const json& list, const std::string& where, bool forceSpecial) {
    result.additionalSpecials.clear();
    if (list.is_null()) {
      return;
    }
    if (!list.is_array()) {
      throw Error(ErrorCode::Data, where + " must be a list of tokens");
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      result.additionalSpecials.push_back(
          specialValueFromJson(list[i], where + "[" + std::to_string(i) + "]", forceSpecial));
    }
  };
  if (const auto it = result.config.find("additional_special_tokens"); it != result.config.end()) {
    readAdditional(*it, config.field("additional_special_tokens"), false);
  }

  std::map<int64_t, AddedToken> decoder;
  if (const auto it = result.config.find("added_tokens_decoder"); it != result.config.end()) {
    const JsonObject decoderObject(*it, config.field("added_tokens_decoder"));
    for (const auto& [key, value] : it->items()) {
      const int64_t id = parseTokenIdKey(key, decoderObject.where());
      decoder.insert_or_assign(
          id, addedTokenFromJson(JsonObject(value, decoderObject.field(key)), false));
    }
  } else {
    // Legacy configuration: special_tokens_map.json wins over tokenizer_config.json, and the
    // added tokens come from added_tokens.json and tokenizer.json.
    const fs::path mapFile = dir / "special_tokens_map.json";
    if (fs::exists(mapFile)) {
      const json map = readJsonFile(mapFile);
      const JsonObject mapObject(map, mapFile.string());
      for (const auto& [key, value] : map.items()) {
        if (key == "additional_special_tokens") {
          readAdditional(value, mapObject.field(key), true);
        } else if (std::find(kSpecialAttributes.begin(), kSpecialAttributes.end(), key) !=
                   kSpecialAttributes.end()) {
          result.specials[key] = specialValueFromJson(value, mapObject.field(key), true);
        }
      }
    }
    const fs::path addedFile = dir / "added_tokens.json";
    if (fs::exists(addedFile)) {
      const json added = readJsonFile(addedFile);
      const JsonObject addedObject(added, addedFile.string());
      std::set<std::string, std::less<>> specialContents;
      for (const auto& [attribute, value] : result.specials) {
        if (value) {
          specialContents.insert(value->token.content);
        }
      }
      for (const auto& value : result.additionalSpecials) {
        if (value) {
          specialContents.insert(value->token.content);
        }
      }
      for (const auto& [content, id] : added.items()) {
        if (!id.is_number_integer() || id.get<int64_t>() < 0 || id.get<int64_t>() >= kMaxTokenId) {
          throw Error(ErrorCode::Data, addedObject.field(content) + " must be a token id");
        }
        AddedToken token;
        token.content = content;
        token.special = specialContents.contains(content);
        token.normalized = !token.special;
        decoder.insert_or_assign(id.get<int64_t>(), token);
      }
    }
    if (tokenizerJson != nullptr) {
      const auto added = tokenizerJson->find("added_tokens");
      if (added != tokenizerJson->end() && added->is_array()) {
        for (std::size_t i = 0; i < added->size(); ++i) {
          const JsonObject entry((*added)[i],
                                 "tokenizer.json.added_tokens[" + std::to_string(i) + "]");
          decoder.insert_or_assign(entry.requireInt("id"), addedTokenFromJson(entry, false));
        }
      }
    }
  }
  result.decoder.assign(decoder.begin(), decoder.end());
  return result;
}

std::optional<SpecialValue> resolveSpecial(const TokenizerConfig& config, Family family,
                                           std::string_view attribute) {
  std::optional<SpecialValue> value;
  const auto configured = config.specials.find(attribute);
  if (configured != config.specials.end()) {
    value = configured->second;
    mapToDecoder(config, value);
  } else if (auto fallback = classDefault(family, attribute)) {
    value = SpecialValue{};
    value->token.content = *fallback;
  }
  if (value && !value->isObject && family == Family::Roberta && attribute == "mask_token") {
    // RobertaTokenizerFast: a plain-string mask token swallows the space before it.
    value->token.lstrip = true;
    value->token.normalized = false;
    value->isObject = true;
  }
  return value;
}

namespace {

// all_special_tokens_extended: the attributes in order, then the additional ones, first of each
// content only.
std::vector<SpecialValue> allSpecialTokens(const TokenizerConfig& config, Family family) {
  std::vector<SpecialValue> values;
  std::set<std::string, std::less<>> seen;
  for (std::string_view attribute : kSpecialAttributes) {
    if (auto value = resolveSpecial(config, family, attribute)) {
      if (seen.insert(value->token.content).second) {
        values.push_back(*value);
      }
    }
  }
  for (auto value : config.additionalSpecials) {
    if (!value) {
      continue;
    }
    if (seen.insert(value->token.content).second) {
      values.push_back(*value);
    }
  }
  return values;
}

}  // namespace

void addConfiguredTokens(TokenizerPipeline& pipeline, const TokenizerConfig& config,
                         Family family) {
  struct Pending {
    AddedToken token;
    bool isObject;
  };
  std::vector<Pending> pending;
  std::set<std::string, std::less<>> encoder;
  for (const auto& [id, token] : pipeline.added.tokensById()) {
    encoder.insert(token.content);
  }
  for (const auto& [id, token] : config.decoder) {
    pending.push_back({token, true});
    encoder.insert(token.content);
  }
  const std::vector<SpecialValue> specials = allSpecialTokens(config, family);
  std::set<std::string, std::less<>> specialContents;
  for (const SpecialValue& value : specials) {
    specialContents.insert(value.token.content);
  }
  for (const SpecialValue& value : specials) {
    if (!value.isObject) {
      if (!encoder.contains(value.token.content)) {
        pending.push_back({value.token, false});
      }
      continue;
    }
    if (value.fromDecoder) {
      continue;
    }
    const bool listed = std::any_of(pending.begin(), pending.end(), [&](const Pending& p) {
      return p.isObject && p.token == value.token;
    });
    if (!listed) {
      pending.push_back({value.token, true});
    }
  }
  std::size_t i = 0;
  while (i < pending.size()) {
    auto isSpecial = [&](const Pending& p) {
      return (p.isObject && p.token.special) || specialContents.contains(p.token.content);
    };
    const bool special = isSpecial(pending[i]);
    std::vector<AddedToken> batch;
    while (i < pending.size() && isSpecial(pending[i]) == special) {
      AddedToken token = pending[i].token;
      if (!pending[i].isObject) {
        token.normalized = !special;  // tokenizers' default for a plain string
      }
      token.special = special;
      batch.push_back(std::move(token));
      ++i;
    }
    pipeline.added.addTokens(batch, pipeline.model->vocab(), pipeline.normalizer.get());
  }
}

std::optional<std::string> configString(const TokenizerConfig& config, Family family,
                                        std::string_view attribute) {
  auto value = resolveSpecial(config, family, attribute);
  return value ? std::optional<std::string>(value->token.content) : std::nullopt;
}

void applyClassOverrides(TokenizerPipeline& pipeline, const TokenizerConfig& config,
                         Family family) {
  const JsonObject settings(config.config, config.file.string());
  if (family == Family::Bert) {
    if (auto* bert = dynamic_cast<BertNormalizer*>(pipeline.normalizer.get())) {
      BertNormalizerOptions options = bert->options();
      options.lowercase = settings.getBool("do_lower_case", true);
      options.stripAccents = settings.getOptionalBool("strip_accents");
      options.handleChineseChars = settings.getBool("tokenize_chinese_chars", true);
      pipeline.normalizer = std::make_unique<BertNormalizer>(options);
    }
  } else if (family == Family::Roberta) {
    if (auto* byteLevel = dynamic_cast<ByteLevelPreTokenizer*>(pipeline.preTokenizer.get())) {
      byteLevel->setAddPrefixSpace(settings.getBool("add_prefix_space", false));
    }
  }
}

}  // namespace childtune::core::detail
