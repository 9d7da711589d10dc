#include "tokenize/normalizer.h"

#include "tokenize/unicode.h"

namespace childtune::core::detail {

std::string BertNormalizer::normalize(std::string_view text) const {
  bool ascii = true;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  const bool strip = options_.stripAccents.value_or(options_.lowercase);
  if (ascii) {
    // Fast path: for ASCII every step is a per-byte map (no CJK, no accents).
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
      auto cp = static_cast<char32_t>(static_cast<unsigned char>(c));
      if (options_.cleanText) {
        if (isBertRemoved(cp)) {
          continue;
        }
        if (isBertWhitespace(cp)) {
          cp = U' ';
        }
      }
      if (options_.lowercase && cp >= 'A' && cp <= 'Z') {
        cp += 32;
      }
      out.push_back(static_cast<char>(cp));
    }
    return out;
  }

  std::u32string chars;
  chars.reserve(text.size() + 8);
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = nextCodePoint(text, pos);
    if (options_.cleanText) {
      if (isBertRemoved(cp)) {
        continue;
      }
      if (isBertWhitespace(cp)) {
        cp = U' ';
      }
    }
    if (options_.handleChineseChars && isChineseChar(cp)) {
      chars.push_back(U' ');
      chars.push_back(cp);
      chars.push_back(U' ');
      continue;
    }
    chars.push_back(cp);
  }
  if (strip) {
    std::u32string stripped;
    stripped.reserve(chars.size());
    appendNfdWithoutMarks(chars, stripped);
    chars.swap(stripped);
  }
  if (options_.lowercase) {
    std::u32string lowered;
    lowered.reserve(chars.size());
    for (char32_t cp : chars) {
      appendLowercase(cp, lowered);
    }
    chars.swap(lowered);
  }
  return encodeUtf8(chars);
}

}  // namespace childtune::core::detail
