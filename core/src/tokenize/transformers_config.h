#pragma once
// What transformers adds on top of a tokenizer's files: AutoTokenizer's choice of class, the
// special tokens from tokenizer_config.json / special_tokens_map.json / added_tokens.json that
// PreTrainedTokenizerFast registers, and the class-specific overrides (BertTokenizerFast's
// normalizer flags, RobertaTokenizerFast's add_prefix_space and lstrip mask token), as in
// transformers 4.38.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "tokenize/added_vocabulary.h"
#include "tokenize/pipeline_tokenizer.h"

namespace childtune::core::detail {

// Which transformers tokenizer class loads the folder; decides defaults and overrides.
enum class Family { Bert, Roberta, Other };

// From tokenizer_config.json's tokenizer_class ("BertTokenizerFast", ...).
Family familyFromClass(std::string name);
// From config.json's model_type; nullopt when ChildTune does not know it.
std::optional<Family> familyFromModelType(std::string_view modelType);

// A special-token setting as transformers holds it: a plain string or an AddedToken object.
struct SpecialValue {
  AddedToken token;
  bool isObject = false;
  bool fromDecoder = false;  // the very object listed in added_tokens_decoder
};

// What from_pretrained gathers from tokenizer_config.json, special_tokens_map.json,
// added_tokens.json and tokenizer.json before it instantiates the fast tokenizer class.
struct TokenizerConfig {
  std::filesystem::path file;
  nlohmann::json config = nlohmann::json::object();  // tokenizer_config.json ({} when absent)
  std::optional<std::string> tokenizerClass;
  // Special-token attributes given by the files (tokenizer_config.json, and
  // special_tokens_map.json unless tokenizer_config.json has added_tokens_decoder). A missing
  // attribute falls back to the class default; a JSON null means "no such token".
  std::map<std::string, std::optional<SpecialValue>, std::less<>> specials;
  std::vector<std::optional<SpecialValue>> additionalSpecials;
  // The effective added_tokens_decoder, by id.
  std::vector<std::pair<int64_t, AddedToken>> decoder;
};

// Reads tokenizer_config.json, special_tokens_map.json and added_tokens.json from `dir` (each
// optional) the way from_pretrained does; `tokenizerJson` (may be null) supplies the added tokens
// when tokenizer_config.json has no added_tokens_decoder. Throws Error{Data} on malformed files.
TokenizerConfig readTokenizerConfig(const std::filesystem::path& dir,
                                    const nlohmann::json* tokenizerJson);

// The value the tokenizer class ends up with for one special-token attribute ("cls_token", ...).
std::optional<SpecialValue> resolveSpecial(const TokenizerConfig& config, Family family,
                                           std::string_view attribute);
// Its content only.
std::optional<std::string> configString(const TokenizerConfig& config, Family family,
                                        std::string_view attribute);

// PreTrainedTokenizerFast.__init__: registers added_tokens_decoder and the special tokens.
void addConfiguredTokens(TokenizerPipeline& pipeline, const TokenizerConfig& config, Family family);

// What BertTokenizerFast / RobertaTokenizerFast change after building the backend.
void applyClassOverrides(TokenizerPipeline& pipeline, const TokenizerConfig& config, Family family);

}  // namespace childtune::core::detail
