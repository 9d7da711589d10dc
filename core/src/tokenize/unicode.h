#pragma once
// UTF-8 handling and the character classes that Hugging Face `tokenizers` (0.15, Rust) uses.
// Rust takes its classes from several crates that each froze a different Unicode version; the
// functions here reproduce those exact sets on top of utf8proc (see unicode.cpp for how).

#include <cstddef>
#include <string>
#include <string_view>

namespace childtune::core::detail {

// Throws Error{Data} "invalid UTF-8 in <what> at byte N: <reason>" unless `text` is well-formed
// UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
void validateUtf8(std::string_view text, std::string_view what);

// Decodes well-formed UTF-8 (call validateUtf8 first) into code points.
std::u32string decodeUtf8(std::string_view text);

// Decodes the code point starting at `pos` of well-formed UTF-8 and advances `pos` past it.
char32_t nextCodePoint(std::string_view text, std::size_t& pos);

void appendUtf8(std::string& out, char32_t cp);
std::string encodeUtf8(std::u32string_view text);

// Rust `char::is_whitespace` (the Unicode White_Space property); also Rust regex `\s`.
bool isWhitespace(char32_t cp);

// BertNormalizer (clean_text): removed characters (NUL, U+FFFD and Cc/Cf/Co except \t \n \r)
// and characters replaced by a plain space (\t, \n, \r and White_Space).
bool isBertRemoved(char32_t cp);
bool isBertWhitespace(char32_t cp);

// BertPreTokenizer: ASCII punctuation or a Unicode punctuation category (Pc Pd Ps Pe Pi Pf Po).
bool isBertPunctuation(char32_t cp);

// BertNormalizer (handle_chinese_chars): the CJK ideograph blocks that get spaces around them.
bool isChineseChar(char32_t cp);

// BertNormalizer (strip_accents): canonical decomposition (NFD) of `text`, then every
// non-spacing mark (Mn) removed. Appends to `out`.
void appendNfdWithoutMarks(std::u32string_view text, std::u32string& out);

// Rust `char::to_lowercase` (full mapping, e.g. U+0130 -> "i\u0307"). Appends to `out`.
void appendLowercase(char32_t cp, std::u32string& out);

// Classes of the GPT-2 split regex as Oniguruma sees them: \p{L}, \p{N}, \s, everything else.
enum class RegexClass : unsigned char { Letter, Number, Space, Other };
RegexClass regexClass(char32_t cp);

// Rust regex `\w` (Alphabetic, marks, decimal digits, connector punctuation, joiners), used for
// `single_word` added tokens.
bool isWordChar(char32_t cp);

}  // namespace childtune::core::detail
