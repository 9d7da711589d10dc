#pragma once
// The pipeline that a `tokenizers` tokenizer.json describes (model, normalizer, pre-tokenizer,
// post-processor, added tokens), as tokenizers 0.15 deserializes it.

#include <cstdint>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "tokenize/added_vocabulary.h"
#include "tokenize/json_reader.h"
#include "tokenize/model.h"
#include "tokenize/pipeline_tokenizer.h"

namespace childtune::core::detail {

// Ids beyond this are treated as corrupt files rather than allocated (largest real vocabularies
// are ~250k).
constexpr int64_t kMaxTokenId = int64_t{1} << 24;

// `document` is the parsed `file`. Throws Error{Data} for malformed contents and Error{Config}
// for pipeline parts ChildTune does not implement (e.g. a Unigram model).
TokenizerPipeline loadTokenizerJson(const std::filesystem::path& file,
                                    const nlohmann::json& document);

// {"token": id, ...} into `out`; `where` names the object for messages.
void readVocabObject(const nlohmann::json& vocab, const std::string& where, Vocab& out);

// An added-token object ({"content": ..., "lstrip": ..., ...}); `defaultSpecial` applies when
// "special" is missing, and "normalized" then defaults to the opposite of special.
AddedToken addedTokenFromJson(const JsonObject& object, bool defaultSpecial);

}  // namespace childtune::core::detail
