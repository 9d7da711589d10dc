#include "tokenize/pre_tokenizer.h"

#include <array>

#include "tokenize/unicode.h"

namespace childtune::core::detail {
namespace {

std::array<std::string, 256> makeByteLevelTable() {
  // GPT-2 bytes_to_unicode: printable Latin-1 bytes stand for themselves, the other 68 bytes
  // map to U+0100 onwards in byte order.
  std::array<std::string, 256> table;
  char32_t next = 256;
  for (int b = 0; b < 256; ++b) {
    const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
    const char32_t cp = printable ? static_cast<char32_t>(b) : next++;
    appendUtf8(table[static_cast<std::size_t>(b)], cp);
  }
  return table;
}

struct CodePoint {
  char32_t cp;
  std::size_t begin;
  std::size_t end;
  RegexClass cls;
};

}  // namespace

const std::string& byteLevelChar(unsigned char b) {
  static const std::array<std::string, 256> kTable = makeByteLevelTable();
  return kTable[b];
}

void BertPreTokenizer::split(std::string_view text, std::vector<std::string>& words) const {
  std::size_t wordBegin = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t begin = pos;
    const char32_t cp = nextCodePoint(text, pos);
    const bool space = isWhitespace(cp);
    if (!space && !isBertPunctuation(cp)) {
      continue;
    }
    if (begin > wordBegin) {
      words.emplace_back(text.substr(wordBegin, begin - wordBegin));
    }
    if (!space) {
      words.emplace_back(text.substr(begin, pos - begin));
    }
    wordBegin = pos;
  }
  if (text.size() > wordBegin) {
    words.emplace_back(text.substr(wordBegin));
  }
}

std::vector<std::pair<std::size_t, std::size_t>> gpt2Split(std::string_view text) {
  std::vector<CodePoint> cps;
  cps.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t begin = pos;
    const char32_t cp = nextCodePoint(text, pos);
    cps.push_back({cp, begin, pos, regexClass(cp)});
  }
  const std::size_t n = cps.size();
  std::vector<std::pair<std::size_t, std::size_t>> pieces;
  std::size_t i = 0;
  auto runOf = [&](std::size_t from, RegexClass cls) {
    std::size_t j = from;
    while (j < n && cps[j].cls == cls) {
      ++j;
    }
    return j;
  };
  auto ascii = [&](std::size_t k, char c) {
    return k < n && cps[k].cp == static_cast<char32_t>(c);
  };
  while (i < n) {
    std::size_t j = i;  // end (exclusive, in code points) of the match at i
    // 's|'t|'re|'ve|'m|'ll|'d (case-sensitive, ASCII only)
    if (cps[i].cp == U'\'') {
      if (ascii(i + 1, 's') || ascii(i + 1, 't') || ascii(i + 1, 'm') || ascii(i + 1, 'd')) {
        j = i + 2;
      } else if ((ascii(i + 1, 'r') && ascii(i + 2, 'e')) ||
                 (ascii(i + 1, 'v') && ascii(i + 2, 'e')) ||
                 (ascii(i + 1, 'l') && ascii(i + 2, 'l'))) {
        j = i + 3;
      }
    }
    if (j == i) {
      // ` ?\p{L}+`, ` ?\p{N}+`, ` ?[^\s\p{L}\p{N}]+`: the optional space is a plain U+0020.
      for (RegexClass cls : {RegexClass::Letter, RegexClass::Number, RegexClass::Other}) {
        if (cps[i].cls == cls) {
          j = runOf(i, cls);
          break;
        }
        if (cps[i].cp == U' ' && i + 1 < n && cps[i + 1].cls == cls) {
          j = runOf(i + 1, cls);
          break;
        }
      }
    }
    if (j == i) {
      // `\s+(?!\S)` backs off one character when the run is followed by a non-space, unless
      // that would leave it empty, in which case `\s+` takes the single character.
      const std::size_t runEnd = runOf(i, RegexClass::Space);
      if (runEnd == n || runEnd - i == 1) {
        j = runEnd;
      } else {
        j = runEnd - 1;
      }
    }
    pieces.emplace_back(cps[i].begin, cps[j - 1].end);
    i = j;
  }
  return pieces;
}

void ByteLevelPreTokenizer::split(std::string_view text, std::vector<std::string>& words) const {
  std::string prefixed;
  if (addPrefixSpace_ && text.front() != ' ') {
    prefixed.reserve(text.size() + 1);
    prefixed.push_back(' ');
    prefixed.append(text);
    text = prefixed;
  }
  auto emit = [&](std::string_view piece) {
    std::string word;
    word.reserve(piece.size() * 2);
    for (char c : piece) {
      word += byteLevelChar(static_cast<unsigned char>(c));
    }
    words.push_back(std::move(word));
  };
  if (!useRegex_) {
    emit(text);
    return;
  }
  for (const auto& [begin, end] : gpt2Split(text)) {
    emit(text.substr(begin, end - begin));
  }
}

}  // namespace childtune::core::detail
