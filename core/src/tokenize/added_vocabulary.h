#pragma once
// Added and special tokens ([CLS], <mask>, user tokens) found in raw text before the model runs,
// with the semantics of tokenizers' AddedVocabulary: tokens that are not `normalized` match the
// raw text, the others match the normalized text; leftmost-longest; lstrip/rstrip swallow the
// whitespace around a match; single_word matches only between non-word characters.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tokenize/model.h"
#include "tokenize/normalizer.h"

namespace childtune::core::detail {

struct AddedToken {
  std::string content;
  bool singleWord = false;
  bool lstrip = false;
  bool rstrip = false;
  bool normalized = true;
  bool special = false;

  bool operator==(const AddedToken& other) const = default;
};

class AddedVocabulary {
 public:
  // A piece of text, and the added token's id when the piece is one.
  struct Split {
    std::string_view text;
    std::optional<int64_t> id;
  };

  // tokenizers' add_tokens: a token already present with identical settings is ignored; a token
  // whose content is in the model vocabulary keeps that id; others get the next free id. Rebuilds
  // the matchers, normalizing the patterns of `normalized` tokens with `normalizer` (may be null).
  void addTokens(const std::vector<AddedToken>& tokens, const Vocab& modelVocab,
                 const Normalizer* normalizer);

  std::optional<int64_t> find(std::string_view content) const;
  // nullptr when `id` is not an added token.
  const AddedToken* tokenForId(int64_t id) const;
  const std::map<int64_t, AddedToken>& tokensById() const { return byId_; }
  bool contains(std::string_view content) const { return find(content).has_value(); }

  // Splits `text` on the tokens that match raw text (pass 1) or normalized text (pass 2).
  // The views point into `text`. Empty pieces are dropped.
  void splitRaw(std::string_view text, std::vector<Split>& out) const {
    findMatches(text, raw_, out);
  }
  void splitNormalized(std::string_view text, std::vector<Split>& out) const {
    findMatches(text, normalized_, out);
  }

 private:
  struct Matcher {
    std::vector<std::string> patterns;
    std::vector<int64_t> ids;
    // Pattern indices by first byte, longest first (insertion order among equals).
    std::array<std::vector<uint32_t>, 256> byFirstByte;
  };
  void refresh(const Vocab& modelVocab, const Normalizer* normalizer);
  void findMatches(std::string_view text, const Matcher& matcher, std::vector<Split>& out) const;
  std::optional<int64_t> idOf(std::string_view content, const Vocab& modelVocab) const;

  std::unordered_map<std::string, int64_t, StringHash, std::equal_to<>> idByContent_;
  std::map<int64_t, AddedToken> byId_;
  std::vector<AddedToken> added_;    // non-special, in the order added (may repeat content)
  std::vector<AddedToken> special_;  // special, first version of each content
  std::unordered_set<std::string> specialContents_;
  Matcher raw_;
  Matcher normalized_;
};

}  // namespace childtune::core::detail
