#pragma once
// Normalizers of the `tokenizers` pipeline: text -> normalized text, before pre-tokenization.

#include <optional>
#include <string>
#include <string_view>

namespace childtune::core::detail {

class Normalizer {
 public:
  virtual ~Normalizer() = default;
  // REQUIRES: `text` is valid UTF-8.
  virtual std::string normalize(std::string_view text) const = 0;
};

struct BertNormalizerOptions {
  bool cleanText = true;             // drop control chars, map every whitespace to ' '
  bool handleChineseChars = true;    // put spaces around CJK ideographs
  std::optional<bool> stripAccents;  // NFD + drop Mn; std::nullopt: follow `lowercase`
  bool lowercase = true;             // full Unicode lowercase, per character
};

// The `BertNormalizer` of tokenizers: clean_text, then handle_chinese_chars, then strip_accents,
// then lowercase, in that order.
class BertNormalizer final : public Normalizer {
 public:
  explicit BertNormalizer(BertNormalizerOptions options) : options_(options) {}
  std::string normalize(std::string_view text) const override;
  const BertNormalizerOptions& options() const { return options_; }

 private:
  BertNormalizerOptions options_;
};

}  // namespace childtune::core::detail
