#pragma once
// Pre-tokenizers of the `tokenizers` pipeline: normalized text -> words for the model.

#include <string>
#include <string_view>
#include <vector>

namespace childtune::core::detail {

class PreTokenizer {
 public:
  virtual ~PreTokenizer() = default;
  // Appends the words of `text` (valid UTF-8, non-empty) to `words`. Empty words never appear.
  virtual void split(std::string_view text, std::vector<std::string>& words) const = 0;
};

// `BertPreTokenizer`: drops whitespace, isolates every punctuation character.
class BertPreTokenizer final : public PreTokenizer {
 public:
  void split(std::string_view text, std::vector<std::string>& words) const override;
};

// `ByteLevel`: optional leading space, the GPT-2 split regex, then every byte mapped to its
// printable stand-in character (GPT-2's bytes_to_unicode).
class ByteLevelPreTokenizer final : public PreTokenizer {
 public:
  ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex)
      : addPrefixSpace_(addPrefixSpace), useRegex_(useRegex) {}
  void split(std::string_view text, std::vector<std::string>& words) const override;

  bool addPrefixSpace() const { return addPrefixSpace_; }
  void setAddPrefixSpace(bool value) { addPrefixSpace_ = value; }
  bool useRegex() const { return useRegex_; }

 private:
  bool addPrefixSpace_;
  bool useRegex_;
};

// The pieces (byte ranges [begin, end)) that the GPT-2 pattern
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// matches in `text`; they tile the whole text.
std::vector<std::pair<std::size_t, std::size_t>> gpt2Split(std::string_view text);

// The UTF-8 encoding of GPT-2's stand-in character for byte `b`.
const std::string& byteLevelChar(unsigned char b);

}  // namespace childtune::core::detail
