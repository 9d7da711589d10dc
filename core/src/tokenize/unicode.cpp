#include "tokenize/unicode.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>

#include "childtune/error.h"

namespace childtune::core::detail {
namespace {

struct Range {
  char32_t first;
  char32_t last;
};

template <std::size_t N>
bool inRanges(const std::array<Range, N>& ranges, char32_t cp) {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), cp,
                             [](char32_t value, const Range& r) { return value < r.first; });
  if (it == ranges.begin()) {
    return false;
  }
  --it;
  return cp <= it->last;
}

int category(char32_t cp) {
  return utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->category;
}

// --- Unicode-version corrections ------------------------------------------------------------
// `tokenizers` 0.15 takes Cc/Cf/Co, P* and Mn from the `unicode_categories` 0.1 crate (old
// Unicode tables), NFD from `unicode-normalization` and \p{L}/\p{N} from Oniguruma, while
// utf8proc 2.8 carries Unicode 15. The tables below list exactly the code points where the two
// disagree. They were derived by running all 1,112,064 scalar values through tokenizers 0.15.2
// (BertNormalizer, BertPreTokenizer, ByteLevel) and through the utf8proc-only rules and diffing;
// Rust's to_lowercase agreed everywhere. tokenizer_test pins a sample of them.

// Cf/Co per utf8proc that the crate does not know (so `tokenizers` keeps them).
constexpr std::array<Range, 4> kNotControlInRust{
    {{0x0890, 0x0891}, {0x08E2, 0x08E2}, {0x110CD, 0x110CD}, {0x13430, 0x1343F}}};
// Punctuation per utf8proc that the crate does not know, and the reverse (recategorised since).
constexpr std::array<Range, 32> kNotPunctuationInRust{
    {{0x061D, 0x061D},   {0x09FD, 0x09FD},   {0x0A76, 0x0A76},   {0x0C77, 0x0C77},
     {0x0C84, 0x0C84},   {0x1B7D, 0x1B7E},   {0x2E43, 0x2E4F},   {0x2E52, 0x2E5D},
     {0x10EAD, 0x10EAD}, {0x10F55, 0x10F59}, {0x10F86, 0x10F89}, {0x1144B, 0x1144F},
     {0x1145A, 0x1145B}, {0x1145D, 0x1145D}, {0x11660, 0x1166C}, {0x116B9, 0x116B9},
     {0x1183B, 0x1183B}, {0x11944, 0x11946}, {0x119E2, 0x119E2}, {0x11A3F, 0x11A46},
     {0x11A9A, 0x11A9C}, {0x11A9E, 0x11AA2}, {0x11B00, 0x11B09}, {0x11C41, 0x11C45},
     {0x11C70, 0x11C71}, {0x11EF7, 0x11EF8}, {0x11F43, 0x11F4F}, {0x11FFF, 0x11FFF},
     {0x12FF1, 0x12FF2}, {0x16E97, 0x16E9A}, {0x16FE2, 0x16FE2}, {0x1E95E, 0x1E95F}}};
constexpr std::array<Range, 2> kExtraPunctuationInRust{{{0x166D, 0x166D}, {0x111C9, 0x111C9}}};
// Mn per utf8proc that the crate does not know (kept by strip_accents), and the reverse.
constexpr std::array<Range, 91> kNotMarkInRust{
    {{0x07FD, 0x07FD},   {0x0898, 0x089F},   {0x08CA, 0x08E1},   {0x09FE, 0x09FE},
     {0x0AFA, 0x0AFF},   {0x0B55, 0x0B55},   {0x0C04, 0x0C04},   {0x0C3C, 0x0C3C},
     {0x0D00, 0x0D00},   {0x0D3B, 0x0D3C},   {0x0D81, 0x0D81},   {0x0EBA, 0x0EBA},
     {0x0ECE, 0x0ECE},   {0x180F, 0x180F},   {0x1885, 0x1886},   {0x1ABF, 0x1ACE},
     {0x1DF6, 0x1DFB},   {0xA82C, 0xA82C},   {0xA8C5, 0xA8C5},   {0xA8FF, 0xA8FF},
     {0xA9BD, 0xA9BD},   {0x10D24, 0x10D27}, {0x10EAB, 0x10EAC}, {0x10EFD, 0x10EFF},
     {0x10F46, 0x10F50}, {0x10F82, 0x10F85}, {0x11070, 0x11070}, {0x11073, 0x11074},
     {0x110C2, 0x110C2}, {0x111C9, 0x111C9}, {0x111CF, 0x111CF}, {0x1123E, 0x1123E},
     {0x11241, 0x11241}, {0x1133B, 0x1133B}, {0x11438, 0x1143F}, {0x11442, 0x11444},
     {0x11446, 0x11446}, {0x1145E, 0x1145E}, {0x1182F, 0x11837}, {0x11839, 0x1183A},
     {0x1193B, 0x1193C}, {0x1193E, 0x1193E}, {0x11943, 0x11943}, {0x119D4, 0x119D7},
     {0x119DA, 0x119DB}, {0x119E0, 0x119E0}, {0x11A01, 0x11A0A}, {0x11A33, 0x11A38},
     {0x11A3B, 0x11A3E}, {0x11A47, 0x11A47}, {0x11A51, 0x11A56}, {0x11A59, 0x11A5B},
     {0x11A8A, 0x11A96}, {0x11A98, 0x11A99}, {0x11C30, 0x11C36}, {0x11C38, 0x11C3D},
     {0x11C3F, 0x11C3F}, {0x11C92, 0x11CA7}, {0x11CAA, 0x11CB0}, {0x11CB2, 0x11CB3},
     {0x11CB5, 0x11CB6}, {0x11D31, 0x11D36}, {0x11D3A, 0x11D3A}, {0x11D3C, 0x11D3D},
     {0x11D3F, 0x11D45}, {0x11D47, 0x11D47}, {0x11D90, 0x11D91}, {0x11D95, 0x11D95},
     {0x11D97, 0x11D97}, {0x11EF3, 0x11EF4}, {0x11F00, 0x11F01}, {0x11F36, 0x11F3A},
     {0x11F40, 0x11F40}, {0x11F42, 0x11F42}, {0x13440, 0x13440}, {0x13447, 0x13455},
     {0x16F4F, 0x16F4F}, {0x16FE4, 0x16FE4}, {0x1CF00, 0x1CF2D}, {0x1CF30, 0x1CF46},
     {0x1E000, 0x1E006}, {0x1E008, 0x1E018}, {0x1E01B, 0x1E021}, {0x1E023, 0x1E024},
     {0x1E026, 0x1E02A}, {0x1E08F, 0x1E08F}, {0x1E130, 0x1E136}, {0x1E2AE, 0x1E2AE},
     {0x1E2EC, 0x1E2EF}, {0x1E4EC, 0x1E4EF}, {0x1E944, 0x1E94A}}};
constexpr std::array<Range, 1> kExtraMarkInRust{{{0x1734, 0x1734}}};
// \p{L} or \p{N} per utf8proc but unknown to Oniguruma, so they fall in the "other" class.
constexpr std::array<Range, 16> kOtherInOniguruma{{{0x1123F, 0x11240},
                                                   {0x11F02, 0x11F02},
                                                   {0x11F04, 0x11F10},
                                                   {0x11F12, 0x11F33},
                                                   {0x11F50, 0x11F59},
                                                   {0x1342F, 0x1342F},
                                                   {0x13441, 0x13446},
                                                   {0x1B132, 0x1B132},
                                                   {0x1B155, 0x1B155},
                                                   {0x1D2C0, 0x1D2D3},
                                                   {0x1DF25, 0x1DF2A},
                                                   {0x1E030, 0x1E06D},
                                                   {0x1E4D0, 0x1E4EB},
                                                   {0x1E4F0, 0x1E4F9},
                                                   {0x2B739, 0x2B739},
                                                   {0x31350, 0x323AF}}};

bool isControlCategory(char32_t cp) {
  const int cat = category(cp);
  if (cat != UTF8PROC_CATEGORY_CC && cat != UTF8PROC_CATEGORY_CF && cat != UTF8PROC_CATEGORY_CO) {
    return false;
  }
  return !inRanges(kNotControlInRust, cp);
}

bool isUnicodePunctuation(char32_t cp) {
  const int cat = category(cp);
  if (cat < UTF8PROC_CATEGORY_PC || cat > UTF8PROC_CATEGORY_PO) {
    return inRanges(kExtraPunctuationInRust, cp);
  }
  return !inRanges(kNotPunctuationInRust, cp);
}

bool isNonspacingMark(char32_t cp) {
  if (category(cp) != UTF8PROC_CATEGORY_MN) {
    return inRanges(kExtraMarkInRust, cp);
  }
  return !inRanges(kNotMarkInRust, cp);
}

[[noreturn]] void throwBadUtf8(std::string_view what, std::size_t offset, const char* reason) {
  throw Error(ErrorCode::Data, "invalid UTF-8 in " + std::string(what) + " at byte " +
                                   std::to_string(offset) + ": " + reason);
}

}  // namespace

void validateUtf8(std::string_view text, std::string_view what) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char b0 = bytes[i];
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t minimum = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      len = 2;
      cp = b0 & 0x1Fu;
      minimum = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3;
      cp = b0 & 0x0Fu;
      minimum = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4;
      cp = b0 & 0x07u;
      minimum = 0x10000;
    } else if (b0 >= 0x80 && b0 <= 0xBF) {
      throwBadUtf8(what, i, "unexpected continuation byte");
    } else {
      throwBadUtf8(what, i, "byte cannot start a character");
    }
    if (i + len > n) {
      throwBadUtf8(what, i, "truncated character at end of text");
    }
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned char b = bytes[i + k];
      if ((b & 0xC0u) != 0x80u) {
        throwBadUtf8(what, i, "missing continuation byte");
      }
      cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < minimum) {
      throwBadUtf8(what, i, "overlong encoding");
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      throwBadUtf8(what, i, "encoded surrogate");
    }
    if (cp > 0x10FFFF) {
      throwBadUtf8(what, i, "code point above U+10FFFF");
    }
    i += len;
  }
}

char32_t nextCodePoint(std::string_view text, std::size_t& pos) {
  const auto b0 = static_cast<unsigned char>(text[pos]);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  std::size_t len = 0;
  char32_t cp = 0;
  if (b0 < 0xE0) {
    len = 2;
    cp = b0 & 0x1Fu;
  } else if (b0 < 0xF0) {
    len = 3;
    cp = b0 & 0x0Fu;
  } else {
    len = 4;
    cp = b0 & 0x07u;
  }
  for (std::size_t k = 1; k < len; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[pos + k]) & 0x3Fu);
  }
  pos += len;
  return cp;
}

std::u32string decodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    out.push_back(nextCodePoint(text, pos));
  }
  return out;
}

void appendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string encodeUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : text) {
    appendUtf8(out, cp);
  }
  return out;
}

bool isWhitespace(char32_t cp) {
  switch (cp) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

bool isBertWhitespace(char32_t cp) {
  // \x0B, \x0C and \x85 are White_Space but also Cc: clean_text removes them before this test.
  return cp == '\t' || cp == '\n' || cp == '\r' || (isWhitespace(cp) && !isControlCategory(cp));
}

bool isBertRemoved(char32_t cp) {
  if (cp == 0 || cp == 0xFFFD) {
    return true;
  }
  if (cp == '\t' || cp == '\n' || cp == '\r') {
    return false;
  }
  return isControlCategory(cp);
}

bool isBertPunctuation(char32_t cp) {
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) ||
      (cp >= 123 && cp <= 126)) {
    return true;
  }
  return cp >= 0x80 && isUnicodePunctuation(cp);
}

bool isChineseChar(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F) ||
         (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B920 && cp <= 0x2CEAF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}

void appendNfdWithoutMarks(std::u32string_view text, std::u32string& out) {
  // Full NFD first (decomposition + canonical ordering), then the Mn filter: ordering must see
  // the marks that the filter later removes, exactly as `nfd().filter(..)` does in Rust.
  std::u32string nfd;
  nfd.reserve(text.size() + 8);
  std::array<utf8proc_int32_t, 32> buffer{};
  for (char32_t cp : text) {
    // U+11938 gained its canonical decomposition in Unicode 13, after the Rust crate's tables.
    if (cp < 0xC0 || cp == 0x11938) {
      nfd.push_back(cp);
      continue;
    }
    int boundclass = 0;
    const utf8proc_ssize_t n =
        utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), buffer.data(),
                                static_cast<utf8proc_ssize_t>(buffer.size()),
                                static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE), &boundclass);
    if (n <= 0 || n > static_cast<utf8proc_ssize_t>(buffer.size())) {
      nfd.push_back(cp);
      continue;
    }
    for (utf8proc_ssize_t k = 0; k < n; ++k) {
      nfd.push_back(static_cast<char32_t>(buffer[static_cast<std::size_t>(k)]));
    }
  }
  // Canonical ordering: stable sort of each run of non-starters by combining class.
  auto ccc = [](char32_t cp) {
    return utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->combining_class;
  };
  std::size_t i = 0;
  while (i < nfd.size()) {
    if (ccc(nfd[i]) == 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < nfd.size() && ccc(nfd[j]) != 0) {
      ++j;
    }
    if (j - i > 1) {
      std::stable_sort(nfd.begin() + static_cast<std::ptrdiff_t>(i),
                       nfd.begin() + static_cast<std::ptrdiff_t>(j),
                       [&](char32_t a, char32_t b) { return ccc(a) < ccc(b); });
    }
    i = j;
  }
  for (char32_t cp : nfd) {
    if (cp < 0x300 || !isNonspacingMark(cp)) {
      out.push_back(cp);
    }
  }
}

void appendLowercase(char32_t cp, std::u32string& out) {
  if (cp < 0x80) {
    out.push_back(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    return;
  }
  if (cp == 0x130) {
    // The one unconditional multi-character lowercase mapping (SpecialCasing.txt).
    out.push_back(U'i');
    out.push_back(0x307);
    return;
  }
  out.push_back(static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
}

RegexClass regexClass(char32_t cp) {
  if (isWhitespace(cp)) {
    return RegexClass::Space;
  }
  const int cat = category(cp);
  if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO &&
      inRanges(kOtherInOniguruma, cp)) {
    return RegexClass::Other;
  }
  if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
    return RegexClass::Letter;
  }
  if (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) {
    return RegexClass::Number;
  }
  return RegexClass::Other;
}

bool isWordChar(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           cp == '_';
  }
  if (cp == 0x200C || cp == 0x200D) {
    return true;
  }
  // Other_Alphabetic symbols (circled and squared Latin letters).
  if ((cp >= 0x24B6 && cp <= 0x24E9) || (cp >= 0x1F130 && cp <= 0x1F149) ||
      (cp >= 0x1F150 && cp <= 0x1F169) || (cp >= 0x1F170 && cp <= 0x1F189)) {
    return true;
  }
  const int cat = category(cp);
  return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ND) ||
         cat == UTF8PROC_CATEGORY_NL || cat == UTF8PROC_CATEGORY_PC;
}

}  // namespace childtune::core::detail
