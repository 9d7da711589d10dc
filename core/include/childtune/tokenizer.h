#pragma once
// Tokenizers that reproduce Hugging Face `tokenizers`/`transformers` exactly: WordPiece with the
// BERT basic tokenizer (BERT, ELECTRA), byte-level BPE (RoBERTa), and Unigram later (XLNet).
// Torch-free: the GUI includes this header.
//
// Thread safety: a Tokenizer is immutable after construction; encode() may be called from any
// number of threads at once.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace childtune::core {

enum class TokenizerKind { WordPiece, ByteLevelBpe, Unigram };

std::string_view toString(TokenizerKind kind);

// Same meaning as transformers' `truncation=` strategies.
enum class TruncationStrategy { LongestFirst, OnlyFirst, OnlySecond, DoNotTruncate };

struct EncodeOptions {
  int maxLength = 128;  // including special tokens; ignored with DoNotTruncate
  TruncationStrategy truncation = TruncationStrategy::LongestFirst;
  bool addSpecialTokens = true;
};

// One encoded example, unpadded: all three vectors have the same length.
struct Encoding {
  std::vector<int64_t> ids;
  std::vector<int64_t> typeIds;        // token_type_ids: 0 for the first segment, 1 for the pair
                                       // (BERT); all 0 for RoBERTa
  std::vector<int64_t> attentionMask;  // all 1 (padding is the batcher's job)
  std::vector<std::string> tokens;     // the token strings, for display
};

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;

  // Loads from a Hugging Face model directory: tokenizer.json when present, else vocab.txt
  // (+ tokenizer_config.json for do_lower_case) for WordPiece, or vocab.json + merges.txt for
  // byte-level BPE. `modelType` ("bert", "roberta", "electra", ...) decides the special-token
  // template when only the legacy files exist.
  // Throws childtune::Error naming the file and what is wrong (missing file, bad JSON, unknown
  // tokenizer model type, token not in vocab, ...).
  static std::unique_ptr<Tokenizer> fromDirectory(const std::filesystem::path& dir,
                                                  std::string_view modelType);

  virtual TokenizerKind kind() const = 0;

  // Text (and optional pair) -> ids with special tokens, type ids and truncation exactly as
  // transformers' `tokenizer(text, pair, truncation=..., max_length=...)` does; like there, an
  // empty pair counts as no pair. Truncation that cannot reach maxLength (maxLength below the
  // special tokens, only_second without a pair, a too short sequence) throws Error{Config}.
  // REQUIRES: text is valid UTF-8 (invalid UTF-8 throws Error{Data}).
  virtual Encoding encode(std::string_view text, std::optional<std::string_view> pair,
                          const EncodeOptions& options) const = 0;

  // Text -> token strings without special tokens (transformers' `tokenize`).
  virtual std::vector<std::string> tokenize(std::string_view text) const = 0;

  virtual int64_t vocabSize() const = 0;
  virtual std::optional<int64_t> tokenToId(std::string_view token) const = 0;
  virtual std::string idToToken(int64_t id) const = 0;  // "" when out of range
  virtual int64_t padId() const = 0;
  // Special-token ids added around one sequence and around a pair (2 and 3 for BERT; 2 and 4
  // for RoBERTa) — what truncation must leave room for.
  virtual int numSpecialTokens(bool pair) const = 0;
};

}  // namespace childtune::core
