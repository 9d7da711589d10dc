#pragma once
// Tokenizer models (word -> ids): WordPiece and byte-level BPE today; Unigram slots in as another
// TokenizerModel.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "childtune/tokenizer.h"

namespace childtune::core::detail {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};

// token <-> id, lookups by string_view without allocating.
class Vocab {
 public:
  // Later duplicates of a token win, as in a Python dict. REQUIRES: 0 <= id (callers bound it).
  void add(std::string token, int64_t id);
  std::optional<int64_t> find(std::string_view token) const {
    const auto it = ids_.find(token);
    return it == ids_.end() ? std::nullopt : std::optional<int64_t>(it->second);
  }
  // "" when no token has this id.
  std::string_view token(int64_t id) const {
    return id >= 0 && id < static_cast<int64_t>(tokens_.size())
               ? std::string_view(tokens_[static_cast<std::size_t>(id)])
               : std::string_view();
  }
  // One past the largest id.
  int64_t size() const { return static_cast<int64_t>(tokens_.size()); }
  std::size_t count() const { return ids_.size(); }

 private:
  std::unordered_map<std::string, int64_t, StringHash, std::equal_to<>> ids_;
  std::vector<std::string> tokens_;
};

class TokenizerModel {
 public:
  virtual ~TokenizerModel() = default;
  virtual TokenizerKind kind() const = 0;
  // Appends the ids of one pre-tokenized word (non-empty, valid UTF-8).
  virtual void tokenize(std::string_view word, std::vector<int64_t>& ids) const = 0;
  virtual const Vocab& vocab() const = 0;
};

}  // namespace childtune::core::detail
