#pragma once
// Tokenizers built from the pre-tokenizer.json files the way transformers converts a slow
// tokenizer (convert_slow_tokenizer's BertConverter / RobertaConverter): vocab.txt for WordPiece,
// vocab.json + merges.txt for byte-level BPE.

#include <filesystem>

#include "tokenize/pipeline_tokenizer.h"
#include "tokenize/transformers_config.h"

namespace childtune::core::detail {

// From dir/vocab.txt with the normalizer flags and special tokens of `config`. Throws Error{Data}
// naming vocab.txt when the file is malformed or lacks the unk, cls or sep token.
TokenizerPipeline loadLegacyWordPiece(const std::filesystem::path& dir,
                                      const TokenizerConfig& config);

// From dir/vocab.json and dir/merges.txt. Throws Error{Data} naming the file (and the merges.txt
// line) when they are malformed or lack the cls or sep token.
TokenizerPipeline loadLegacyBpe(const std::filesystem::path& dir, const TokenizerConfig& config);

}  // namespace childtune::core::detail
