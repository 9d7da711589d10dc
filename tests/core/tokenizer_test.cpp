// Tokenizer unit tests on hand-built vocabularies in temporary folders: BERT normalization and
// punctuation, CJK, accents, control characters, WordPiece, byte-level BPE, added tokens, pair
// encoding, every truncation strategy and every kind of bad input.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "childtune/error.h"
#include "childtune/tokenizer.h"
#include "support/test_env.h"
#include "tokenize/pre_tokenizer.h"
#include "tokenize/unicode.h"

namespace childtune::core {
namespace {

using test::errorOf;
using test::TempDir;
using test::writeFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// --- fixtures ----------------------------------------------------------------------------------

const std::vector<std::string> kWordPieceVocab = {
    "[PAD]", "[UNK]",   "[CLS]",      "[SEP]", "[MASK]", "hello", "world", "un",    "##want",
    "##ed",  "want",    ",",          "!",     "?",      ".",     "$",     "+",     "^",
    "`",     "|",       "~",          "¿",     "—",      "cafe",  "café",  "Hello", "中",
    "文",    "i",       "##\xcc\x87", "a",     "##a",    "b",     "c",     "d",     "x",
    "y",     "the",     "cat",        "sat",   "on",     "mat",   "dog",   "ran",   "istanbul",
    "ist",   "##anbul", "'",          "s",     "-",      "é",     "##é"};

std::string joinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) {
    text += line;
    text += '\n';
  }
  return text;
}

// A BERT folder with only vocab.txt (+ tokenizer_config.json when `config` is not empty).
void writeWordPieceDir(const std::filesystem::path& dir, const nlohmann::json& config = {}) {
  writeFile(dir / "vocab.txt", joinLines(kWordPieceVocab));
  if (!config.is_null()) {
    writeFile(dir / "tokenizer_config.json", config.dump());
  }
}

int64_t wpId(const std::string& token) {
  for (std::size_t i = 0; i < kWordPieceVocab.size(); ++i) {
    if (kWordPieceVocab[i] == token) {
      return static_cast<int64_t>(i);
    }
  }
  ADD_FAILURE() << "no token " << token;
  return -1;
}

// GPT-2's bytes_to_unicode, written independently of the implementation under test.
std::string byteChar(int b) {
  const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
  int cp = b;
  if (!printable) {
    int n = 0;
    for (int k = 0; k < b; ++k) {
      const bool p = (k >= '!' && k <= '~') || (k >= 0xA1 && k <= 0xAC) || k >= 0xAE;
      n += p ? 0 : 1;
    }
    cp = 256 + n;
  }
  std::string out;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return out;
}

const std::string kG = byteChar(' ');   // "Ġ"
const std::string kC = byteChar('\n');  // "Ċ"

// A RoBERTa folder: vocab.json with the specials, all 256 byte characters and a few merges.
const std::vector<std::pair<std::string, std::string>> kMerges = {
    {"h", "e"},         {"l", "l"},       {"he", "ll"},      {"hell", "o"},      {kG, "w"},
    {"o", "r"},         {kG + "w", "or"}, {kG + "wor", "l"}, {kG + "worl", "d"}, {kG, "h"},
    {kG + "h", "ello"}, {"e", "llo"},     {"ll", "o"},       {"a", "a"}};

nlohmann::json bpeVocab() {
  nlohmann::json vocab = nlohmann::json::object();
  int64_t next = 0;
  for (const char* special : {"<s>", "<pad>", "</s>", "<unk>", "<mask>"}) {
    vocab[special] = next++;
  }
  for (int b = 0; b < 256; ++b) {
    vocab[byteChar(b)] = next++;
  }
  for (const auto& [left, right] : kMerges) {
    if (!vocab.contains(left + right)) {
      vocab[left + right] = next++;
    }
  }
  return vocab;
}

std::string mergesText() {
  std::string text = "#version: 0.2\n";
  for (const auto& [left, right] : kMerges) {
    text.append(left).append(" ").append(right).append("\n");
  }
  return text;
}

void writeBpeDir(const std::filesystem::path& dir, const nlohmann::json& config = {}) {
  writeFile(dir / "vocab.json", bpeVocab().dump());
  writeFile(dir / "merges.txt", mergesText());
  if (!config.is_null()) {
    writeFile(dir / "tokenizer_config.json", config.dump());
  }
}

int64_t bpeId(const std::string& token) { return bpeVocab().at(token).get<int64_t>(); }

EncodeOptions options(int maxLength, TruncationStrategy strategy, bool addSpecialTokens = true) {
  EncodeOptions o;
  o.maxLength = maxLength;
  o.truncation = strategy;
  o.addSpecialTokens = addSpecialTokens;
  return o;
}

class WordPieceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    writeWordPieceDir(dir_.path());
    tokenizer_ = Tokenizer::fromDirectory(dir_.path(), "bert");
  }
  std::vector<std::string> tokens(std::string_view text) { return tokenizer_->tokenize(text); }

  TempDir dir_;
  std::unique_ptr<Tokenizer> tokenizer_;
};

// --- WordPiece / BERT basic tokenizer -----------------------------------------------------------

TEST_F(WordPieceTest, EncodesSingleSentenceWithClsAndSep) {
  EXPECT_EQ(tokenizer_->kind(), TokenizerKind::WordPiece);
  EXPECT_EQ(toString(tokenizer_->kind()), "WordPiece");
  const Encoding e = tokenizer_->encode("Hello, World!", std::nullopt, EncodeOptions{});
  EXPECT_THAT(e.tokens, ElementsAre("[CLS]", "hello", ",", "world", "!", "[SEP]"));
  EXPECT_THAT(e.ids, ElementsAre(2, wpId("hello"), wpId(","), wpId("world"), wpId("!"), 3));
  EXPECT_THAT(e.typeIds, ElementsAre(0, 0, 0, 0, 0, 0));
  EXPECT_THAT(e.attentionMask, ElementsAre(1, 1, 1, 1, 1, 1));
}

TEST_F(WordPieceTest, SplitsSubwordsGreedilyLongestFirst) {
  EXPECT_THAT(tokens("unwanted"), ElementsAre("un", "##want", "##ed"));
  EXPECT_THAT(tokens("wanted"), ElementsAre("want", "##ed"));
  // A word that cannot be covered becomes one [UNK], not a partial split.
  EXPECT_THAT(tokens("unwantedx hello"), ElementsAre("[UNK]", "hello"));
}

TEST_F(WordPieceTest, LowercasesAndStripsAccentsByDefault) {
  // strip_accents follows lowercase: É -> E -> e; the vocabulary's "café" is unreachable.
  EXPECT_THAT(tokens("CAFÉ Café"), ElementsAre("cafe", "cafe"));
  // İ decomposes to I + U+0307; the mark is stripped before lowercasing.
  EXPECT_THAT(tokens("İ"), ElementsAre("i"));
  EXPECT_THAT(tokens("İSTANBUL"), ElementsAre("istanbul"));
}

TEST(WordPieceConfig, KeepsCaseAndAccentsWhenConfigured) {
  TempDir dir;
  writeWordPieceDir(dir.path(), {{"do_lower_case", false}});
  const auto tokenizer = Tokenizer::fromDirectory(dir.path(), "bert");
  EXPECT_THAT(tokenizer->tokenize("Hello hello café Café"),
              ElementsAre("Hello", "hello", "café", "[UNK]"));
}

TEST(WordPieceConfig, LowercaseWithoutStrippingUsesFullUnicodeLowercase) {
  TempDir dir;
  writeWordPieceDir(dir.path(), {{"do_lower_case", true}, {"strip_accents", false}});
  const auto tokenizer = Tokenizer::fromDirectory(dir.path(), "bert");
  // Rust's char::to_lowercase maps İ to "i" + U+0307 (two characters).
  EXPECT_THAT(tokenizer->tokenize("İ"), ElementsAre("i", "##\xcc\x87"));
  EXPECT_THAT(tokenizer->tokenize("CAFÉ"), ElementsAre("café"));
}

TEST_F(WordPieceTest, IsolatesEveryPunctuationCharacter) {
  // ASCII symbols count as punctuation for BERT even where Unicode says "symbol".
  EXPECT_THAT(tokens("a$b+c^d`x|y~a"),
              ElementsAre("a", "$", "b", "+", "c", "^", "d", "`", "x", "|", "y", "~", "a"));
  EXPECT_THAT(tokens("¿a—b?"), ElementsAre("¿", "a", "—", "b", "?"));
  // A non-ASCII math symbol is not punctuation: the word stays whole and is unknown.
  EXPECT_THAT(tokens("a≈b"), ElementsAre("[UNK]"));
  EXPECT_THAT(tokens("cat's"), ElementsAre("cat", "'", "s"));
}

TEST_F(WordPieceTest, PutsSpacesAroundCjkIdeographs) {
  EXPECT_THAT(tokens("hello中文world"), ElementsAre("hello", "中", "文", "world"));
}

TEST_F(WordPieceTest, DropsControlCharactersAndNormalizesWhitespace) {
  // NUL, U+200B (Cf), U+FFFD and \v vanish; tab, NBSP and CR LF become spaces.
  const std::string text = std::string("hel") + '\0' + "lo wo\xe2\x80\x8brld\tx\xc2\xa0y\r\nun" +
                           "\xef\xbf\xbd" + "want\x0b" + "ed";
  EXPECT_THAT(tokens(text), ElementsAre("hello", "world", "x", "y", "un", "##want", "##ed"));
  EXPECT_THAT(tokens(" \t\n\xe3\x80\x80 "), ElementsAre());
}

TEST_F(WordPieceTest, LongWordBecomesUnknown) {
  const std::string hundred(100, 'a');
  const auto parts = tokens(hundred);
  ASSERT_EQ(parts.size(), 100u);
  EXPECT_EQ(parts[0], "a");
  EXPECT_EQ(parts[99], "##a");
  EXPECT_THAT(tokens(hundred + "a"), ElementsAre("[UNK]"));
}

TEST(WordPieceConfig, LongWordLimitCountsCharactersNotBytes) {
  TempDir dir;
  writeWordPieceDir(dir.path(), {{"do_lower_case", false}});
  const auto tokenizer = Tokenizer::fromDirectory(dir.path(), "bert");
  // 100 "é" are 200 bytes but 100 characters: still within max_input_chars_per_word.
  std::string word;
  for (int i = 0; i < 100; ++i) {
    word += "é";
  }
  const auto parts = tokenizer->tokenize(word);
  ASSERT_EQ(parts.size(), 100u);
  EXPECT_EQ(parts[0], "é");
  EXPECT_EQ(parts[1], "##é");
  EXPECT_THAT(tokenizer->tokenize(word + "é"), ElementsAre("[UNK]"));
}

TEST_F(WordPieceTest, EncodesPairsWithTypeIds) {
  const Encoding e = tokenizer_->encode("the cat", std::string_view("a dog"), EncodeOptions{});
  EXPECT_THAT(e.tokens, ElementsAre("[CLS]", "the", "cat", "[SEP]", "a", "dog", "[SEP]"));
  EXPECT_THAT(e.typeIds, ElementsAre(0, 0, 0, 0, 1, 1, 1));
  EXPECT_EQ(tokenizer_->numSpecialTokens(false), 2);
  EXPECT_EQ(tokenizer_->numSpecialTokens(true), 3);
}

TEST_F(WordPieceTest, EmptyTextAndEmptyPair) {
  const Encoding e = tokenizer_->encode("", std::nullopt, EncodeOptions{});
  EXPECT_THAT(e.tokens, ElementsAre("[CLS]", "[SEP]"));
  // transformers treats an empty pair as no pair at all (`if text_pair:`).
  const Encoding p = tokenizer_->encode("the", std::string_view(""), EncodeOptions{});
  EXPECT_THAT(p.tokens, ElementsAre("[CLS]", "the", "[SEP]"));
}

TEST_F(WordPieceTest, RecognisesSpecialTokensInRawText) {
  EXPECT_THAT(tokens("the [MASK] sat"), ElementsAre("the", "[MASK]", "sat"));
  EXPECT_THAT(tokens("x[MASK]y"), ElementsAre("x", "[MASK]", "y"));
  // Special tokens match the raw text, so a lowercase spelling is ordinary text.
  EXPECT_THAT(tokens("[mask]"), ElementsAre("[UNK]", "[UNK]", "[UNK]"));
}

TEST_F(WordPieceTest, WithoutSpecialTokensKeepsTypeIds) {
  const Encoding e = tokenizer_->encode(
      "the cat", std::string_view("a dog"),
      options(128, TruncationStrategy::LongestFirst, /*addSpecialTokens=*/false));
  EXPECT_THAT(e.tokens, ElementsAre("the", "cat", "a", "dog"));
  EXPECT_THAT(e.typeIds, ElementsAre(0, 0, 1, 1));
}

TEST_F(WordPieceTest, LookupsAndPadding) {
  EXPECT_EQ(tokenizer_->padId(), 0);
  EXPECT_EQ(tokenizer_->vocabSize(), static_cast<int64_t>(kWordPieceVocab.size()));
  EXPECT_EQ(tokenizer_->tokenToId("hello"), wpId("hello"));
  EXPECT_EQ(tokenizer_->tokenToId("[MASK]"), 4);
  EXPECT_EQ(tokenizer_->tokenToId("nope"), std::nullopt);
  EXPECT_EQ(tokenizer_->idToToken(wpId("world")), "world");
  EXPECT_EQ(tokenizer_->idToToken(-1), "");
  EXPECT_EQ(tokenizer_->idToToken(100000), "");
}

TEST_F(WordPieceTest, RejectsInvalidUtf8WithByteOffset) {
  const std::string bad = std::string("ab") + "\xC3\x28";
  const std::string message =
      errorOf([&] { tokenizer_->encode(bad, std::nullopt, EncodeOptions{}); }, ErrorCode::Data);
  EXPECT_THAT(message, HasSubstr("UTF-8"));
  EXPECT_THAT(message, HasSubstr("byte 2"));
  const std::string pairMessage =
      errorOf([&] { tokenizer_->encode("ok", std::string_view("\xED\xA0\x80"), EncodeOptions{}); },
              ErrorCode::Data);
  EXPECT_THAT(pairMessage, HasSubstr("pair"));
  EXPECT_THAT(pairMessage, HasSubstr("surrogate"));
  errorOf([&] { tokenizer_->tokenize("\xC0\xAF"); }, ErrorCode::Data);          // overlong
  errorOf([&] { tokenizer_->tokenize("\xF4\x90\x80\x80"); }, ErrorCode::Data);  // > U+10FFFF
  errorOf([&] { tokenizer_->tokenize("abc\xE4\xB8"); }, ErrorCode::Data);       // truncated
}

// --- truncation ---------------------------------------------------------------------------------

class TruncationTest : public WordPieceTest {
 protected:
  Encoding encode(std::string_view a, std::optional<std::string_view> b, int maxLength,
                  TruncationStrategy strategy) {
    return tokenizer_->encode(a, b, options(maxLength, strategy));
  }
};

TEST_F(TruncationTest, LongestFirstSingle) {
  EXPECT_THAT(encode("a b c d", std::nullopt, 4, TruncationStrategy::LongestFirst).tokens,
              ElementsAre("[CLS]", "a", "b", "[SEP]"));
  EXPECT_THAT(encode("a b c d", std::nullopt, 2, TruncationStrategy::LongestFirst).tokens,
              ElementsAre("[CLS]", "[SEP]"));
  EXPECT_EQ(encode("a b c d", std::nullopt, 6, TruncationStrategy::LongestFirst).ids.size(), 6u);
}

TEST_F(TruncationTest, LongestFirstPairCutsTheLongerOne) {
  const Encoding e = encode("a b c d x y", "the cat", 8, TruncationStrategy::LongestFirst);
  EXPECT_THAT(e.tokens, ElementsAre("[CLS]", "a", "b", "c", "[SEP]", "the", "cat", "[SEP]"));
  EXPECT_THAT(e.typeIds, ElementsAre(0, 0, 0, 0, 0, 1, 1, 1));
  const Encoding f = encode("the", "a b c d x y", 8, TruncationStrategy::LongestFirst);
  EXPECT_THAT(f.tokens, ElementsAre("[CLS]", "the", "[SEP]", "a", "b", "c", "d", "[SEP]"));
}

TEST_F(TruncationTest, LongestFirstPairSplitsEvenlyWithTheOddTokenToThePair) {
  // Both too long: budget 5 -> 2 for the first, 3 for the second (tokenizers' closed form).
  const Encoding e = encode("a b c d", "x y a b", 8, TruncationStrategy::LongestFirst);
  EXPECT_THAT(e.tokens, ElementsAre("[CLS]", "a", "b", "[SEP]", "x", "y", "a", "[SEP]"));
  const Encoding f = encode("a b c d", "x y a b c d", 9, TruncationStrategy::LongestFirst);
  EXPECT_THAT(f.tokens, ElementsAre("[CLS]", "a", "b", "c", "[SEP]", "x", "y", "a", "[SEP]"));
  // Exactly the special tokens: both sequences vanish.
  EXPECT_THAT(encode("a b", "x y", 3, TruncationStrategy::LongestFirst).tokens,
              ElementsAre("[CLS]", "[SEP]", "[SEP]"));
}

TEST_F(TruncationTest, OnlyFirstAndOnlySecond) {
  EXPECT_THAT(encode("a b c d", "x y", 7, TruncationStrategy::OnlyFirst).tokens,
              ElementsAre("[CLS]", "a", "b", "[SEP]", "x", "y", "[SEP]"));
  EXPECT_THAT(encode("a b", "x y a b", 7, TruncationStrategy::OnlySecond).tokens,
              ElementsAre("[CLS]", "a", "b", "[SEP]", "x", "y", "[SEP]"));
  // only_second without a pair is fine while nothing needs cutting.
  EXPECT_THAT(encode("a b", std::nullopt, 8, TruncationStrategy::OnlySecond).tokens,
              ElementsAre("[CLS]", "a", "b", "[SEP]"));
}

TEST_F(TruncationTest, DoNotTruncateIgnoresMaxLength) {
  EXPECT_EQ(encode("a b c d", "x y", 1, TruncationStrategy::DoNotTruncate).ids.size(), 9u);
}

TEST_F(TruncationTest, ImpossibleRequestsThrowConfigErrors) {
  EXPECT_THAT(errorOf([&] { encode("a b c d", std::nullopt, 3, TruncationStrategy::OnlySecond); },
                      ErrorCode::Config),
              HasSubstr("only_second needs a second sequence"));
  EXPECT_THAT(
      errorOf([&] { encode("a", "x y a b", 5, TruncationStrategy::OnlyFirst); }, ErrorCode::Config),
      HasSubstr("only_first cannot reach max_length 5"));
  EXPECT_THAT(
      errorOf([&] { encode("a b c", "x", 5, TruncationStrategy::OnlySecond); }, ErrorCode::Config),
      HasSubstr("only_second cannot reach max_length 5"));
  EXPECT_THAT(
      errorOf([&] { encode("a", "x", 2, TruncationStrategy::LongestFirst); }, ErrorCode::Config),
      HasSubstr("max_length 2 cannot hold the 3 special tokens"));
  EXPECT_THAT(errorOf([&] { encode("a", std::nullopt, 1, TruncationStrategy::OnlyFirst); },
                      ErrorCode::Config),
              HasSubstr("max_length 1"));
}

// --- byte-level BPE -----------------------------------------------------------------------------

class BpeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    writeBpeDir(dir_.path());
    tokenizer_ = Tokenizer::fromDirectory(dir_.path(), "roberta");
  }
  TempDir dir_;
  std::unique_ptr<Tokenizer> tokenizer_;
};

TEST_F(BpeTest, MergesByRankAndAddsRobertaSpecials) {
  EXPECT_EQ(tokenizer_->kind(), TokenizerKind::ByteLevelBpe);
  EXPECT_EQ(toString(tokenizer_->kind()), "ByteLevelBPE");
  const Encoding e = tokenizer_->encode("hello world", std::nullopt, EncodeOptions{});
  EXPECT_THAT(e.tokens, ElementsAre("<s>", "hello", kG + "world", "</s>"));
  EXPECT_THAT(e.ids, ElementsAre(0, bpeId("hello"), bpeId(kG + "world"), 2));
  EXPECT_THAT(e.typeIds, ElementsAre(0, 0, 0, 0));
  // " hello": Ġh is ranked before "e llo"... but h+e comes first, so Ġ stays alone.
  EXPECT_THAT(tokenizer_->tokenize(" hello"), ElementsAre(kG, "hello"));
  // Repeated pairs merge left to right.
  EXPECT_THAT(tokenizer_->tokenize("aaa"), ElementsAre("aa", "a"));
}

TEST_F(BpeTest, PairsUseDoubleSeparatorAndTypeIdZero) {
  const Encoding e = tokenizer_->encode("hello", std::string_view("world"), EncodeOptions{});
  EXPECT_THAT(e.tokens, ElementsAre("<s>", "hello", "</s>", "</s>", "w", "or", "l", "d", "</s>"));
  EXPECT_THAT(e.typeIds, ElementsAre(0, 0, 0, 0, 0, 0, 0, 0, 0));
  EXPECT_EQ(tokenizer_->numSpecialTokens(false), 2);
  EXPECT_EQ(tokenizer_->numSpecialTokens(true), 4);
  EXPECT_EQ(tokenizer_->padId(), 1);
}

TEST_F(BpeTest, SplitsWithTheGpt2Pattern) {
  EXPECT_THAT(tokenizer_->tokenize("don't"), ElementsAre("d", "o", "n", "'", "t"));
  const std::string text = "a   b\n";
  EXPECT_THAT(tokenizer_->tokenize(text), ElementsAre("a", kG, kG, kG, "b", kC));
  EXPECT_THAT(tokenizer_->tokenize("é"), ElementsAre(byteChar(0xC3), byteChar(0xA9)));
}

TEST(Gpt2Split, MatchesTheRegexAlternatives) {
  auto pieces = [](std::string_view text) {
    std::vector<std::string> out;
    for (const auto& [begin, end] : detail::gpt2Split(text)) {
      out.emplace_back(text.substr(begin, end - begin));
    }
    return out;
  };
  EXPECT_THAT(pieces("I'm it's we'll 'RE"),
              ElementsAre("I", "'m", " it", "'s", " we", "'ll", " '", "RE"));
  EXPECT_THAT(pieces("abc 123 !? x"), ElementsAre("abc", " 123", " !?", " x"));
  EXPECT_THAT(pieces("a   b  "), ElementsAre("a", "  ", " b", "  "));
  EXPECT_THAT(pieces("a\n\nb"), ElementsAre("a", "\n", "\n", "b"));
  EXPECT_THAT(pieces("x\xc2\xa0y"), ElementsAre("x", "\xc2\xa0", "y"));
  EXPECT_THAT(pieces("naïve café42"), ElementsAre("naïve", " café", "42"));
}

TEST_F(BpeTest, MaskTokenSwallowsTheSpaceBeforeIt) {
  EXPECT_THAT(tokenizer_->tokenize("hello <mask>"), ElementsAre("hello", "<mask>"));
  EXPECT_THAT(tokenizer_->tokenize("<mask> world"), ElementsAre("<mask>", kG + "world"));
  EXPECT_THAT(tokenizer_->tokenize("<s>hello</s>"), ElementsAre("<s>", "hello", "</s>"));
}

TEST(BpeConfig, AddPrefixSpaceFromTokenizerConfig) {
  TempDir dir;
  writeBpeDir(dir.path(), {{"add_prefix_space", true}});
  const auto tokenizer = Tokenizer::fromDirectory(dir.path(), "roberta");
  EXPECT_THAT(tokenizer->tokenize("world"), ElementsAre(kG + "world"));
}

TEST_F(BpeTest, IsThreadSafe) {
  const std::vector<std::string> texts = {"hello world", "aaaa hello", "don't stop", "héllo wörld"};
  std::vector<std::vector<int64_t>> expected;
  expected.reserve(texts.size());
  for (const auto& text : texts) {
    expected.push_back(tokenizer_->encode(text, std::nullopt, EncodeOptions{}).ids);
  }
  std::vector<std::thread> threads;
  threads.reserve(4);
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        for (std::size_t i = 0; i < texts.size(); ++i) {
          // Fresh words each round so the cache keeps being written while others read it.
          const std::string fresh = texts[i] + " w" + std::to_string(round * 4 + t);
          tokenizer_->encode(fresh, std::nullopt, EncodeOptions{});
          if (tokenizer_->encode(texts[i], std::nullopt, EncodeOptions{}).ids != expected[i]) {
            ++failures[static_cast<std::size_t>(t)];
          }
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_THAT(failures, ElementsAre(0, 0, 0, 0));
}

// --- tokenizer.json -----------------------------------------------------------------------------

nlohmann::json wordPieceTokenizerJson() {
  nlohmann::json vocab = nlohmann::json::object();
  for (std::size_t i = 0; i < kWordPieceVocab.size(); ++i) {
    vocab[kWordPieceVocab[i]] = i;
  }
  auto special = [](int id, const char* content) {
    return nlohmann::json{{"id", id},        {"content", content}, {"single_word", false},
                          {"lstrip", false}, {"rstrip", false},    {"normalized", false},
                          {"special", true}};
  };
  return {{"version", "1.0"},
          {"added_tokens",
           {special(0, "[PAD]"), special(1, "[UNK]"), special(2, "[CLS]"), special(3, "[SEP]"),
            special(4, "[MASK]")}},
          {"normalizer",
           {{"type", "BertNormalizer"},
            {"clean_text", true},
            {"handle_chinese_chars", true},
            {"strip_accents", nullptr},
            {"lowercase", true}}},
          {"pre_tokenizer", {{"type", "BertPreTokenizer"}}},
          {"post_processor",
           {{"type", "TemplateProcessing"},
            {"single",
             {{{"SpecialToken", {{"id", "[CLS]"}, {"type_id", 0}}}},
              {{"Sequence", {{"id", "A"}, {"type_id", 0}}}},
              {{"SpecialToken", {{"id", "[SEP]"}, {"type_id", 0}}}}}},
            {"pair",
             {{{"SpecialToken", {{"id", "[CLS]"}, {"type_id", 0}}}},
              {{"Sequence", {{"id", "A"}, {"type_id", 0}}}},
              {{"SpecialToken", {{"id", "[SEP]"}, {"type_id", 0}}}},
              {{"Sequence", {{"id", "B"}, {"type_id", 1}}}},
              {{"SpecialToken", {{"id", "[SEP]"}, {"type_id", 1}}}}}},
            {"special_tokens",
             {{"[CLS]", {{"id", "[CLS]"}, {"ids", {2}}, {"tokens", {"[CLS]"}}}},
              {"[SEP]", {{"id", "[SEP]"}, {"ids", {3}}, {"tokens", {"[SEP]"}}}}}}}},
          {"model",
           {{"type", "WordPiece"},
            {"unk_token", "[UNK]"},
            {"continuing_subword_prefix", "##"},
            {"max_input_chars_per_word", 100},
            {"vocab", vocab}}}};
}

TEST(TokenizerJson, MatchesTheLegacyFiles) {
  TempDir jsonDir;
  TempDir legacyDir;
  writeFile(jsonDir / "tokenizer.json", wordPieceTokenizerJson().dump());
  writeWordPieceDir(legacyDir.path());
  const auto fromJson = Tokenizer::fromDirectory(jsonDir.path(), "bert");
  const auto fromLegacy = Tokenizer::fromDirectory(legacyDir.path(), "bert");
  for (const char* text : {"Hello, World! unwanted", "CAFÉ 中文 [MASK] x", "a\tb\x7f c"}) {
    const Encoding a = fromJson->encode(text, std::string_view("the cat"), EncodeOptions{});
    const Encoding b = fromLegacy->encode(text, std::string_view("the cat"), EncodeOptions{});
    EXPECT_EQ(a.ids, b.ids) << text;
    EXPECT_EQ(a.typeIds, b.typeIds) << text;
  }
}

TEST(TokenizerJson, UserAddedTokensMatchNormalizedText) {
  TempDir dir;
  nlohmann::json document = wordPieceTokenizerJson();
  const auto newId = static_cast<int64_t>(kWordPieceVocab.size());
  document["added_tokens"].push_back({{"id", newId},
                                      {"content", "NewWord"},
                                      {"single_word", false},
                                      {"lstrip", false},
                                      {"rstrip", false},
                                      {"normalized", true},
                                      {"special", false}});
  writeFile(dir / "tokenizer.json", document.dump());
  const auto tokenizer = Tokenizer::fromDirectory(dir.path(), "bert");
  // The pattern is normalized too ("newword"), so any casing in the text matches.
  EXPECT_THAT(tokenizer->tokenize("the NEWWORD newword"), ElementsAre("the", "NewWord", "NewWord"));
  EXPECT_EQ(tokenizer->tokenToId("NewWord"), newId);
  EXPECT_EQ(tokenizer->vocabSize(), newId + 1);
}

TEST(TokenizerJson, TokenizerConfigOverridesTheNormalizerLikeBertTokenizerFast) {
  TempDir dir;
  writeFile(dir / "tokenizer.json", wordPieceTokenizerJson().dump());
  writeFile(dir / "tokenizer_config.json",
            R"({"do_lower_case": false, "tokenizer_class": "BertTokenizer"})");
  const auto tokenizer = Tokenizer::fromDirectory(dir.path(), "bert");
  EXPECT_THAT(tokenizer->tokenize("Hello"), ElementsAre("Hello"));
}

// --- bad input ----------------------------------------------------------------------------------

TEST(TokenizerErrors, MissingFolder) {
  TempDir dir;
  const auto missing = dir / "nope";
  const std::string message =
      errorOf([&] { Tokenizer::fromDirectory(missing, "bert"); }, ErrorCode::Io);
  EXPECT_THAT(message, HasSubstr(missing.string()));
  EXPECT_THAT(message, HasSubstr("does not exist"));
}

TEST(TokenizerErrors, FolderWithoutTokenizerFilesListsWhatWasLookedFor) {
  TempDir dir;
  writeFile(dir / "config.json", "{}");
  const std::string message =
      errorOf([&] { Tokenizer::fromDirectory(dir.path(), "bert"); }, ErrorCode::Io);
  for (const char* name : {"tokenizer.json", "vocab.txt", "vocab.json", "merges.txt"}) {
    EXPECT_THAT(message, HasSubstr(name));
  }
}

TEST(TokenizerErrors, MalformedTokenizerJsonNamesFileAndPosition) {
  TempDir dir;
  writeFile(dir / "tokenizer.json", R"({"model": {"type": "WordPiece",, })");
  const std::string message =
      errorOf([&] { Tokenizer::fromDirectory(dir.path(), "bert"); }, ErrorCode::Data);
  EXPECT_THAT(message, HasSubstr("tokenizer.json"));
  EXPECT_THAT(message, HasSubstr("malformed JSON at byte 32"));
  EXPECT_THAT(message, HasSubstr("line 1, column 32"));
}

TEST(TokenizerErrors, UnigramIsNotSupportedYet) {
  TempDir dir;
  writeFile(dir / "tokenizer.json",
            R"({"model": {"type": "Unigram", "unk_id": 0, "vocab": [["<unk>", 0.0]]}})");
  const std::string message =
      errorOf([&] { Tokenizer::fromDirectory(dir.path(), "xlnet"); }, ErrorCode::Config);
  EXPECT_THAT(message, HasSubstr("tokenizer.json"));
  EXPECT_THAT(message, HasSubstr("Unigram"));
  EXPECT_THAT(message, HasSubstr("not supported yet"));
}

TEST(TokenizerErrors, UnsupportedPipelinePartsAndWrongTypes) {
  TempDir dir;
  nlohmann::json document = wordPieceTokenizerJson();
  document["normalizer"] = {{"type", "NFKC"}};
  writeFile(dir / "tokenizer.json", document.dump());
  EXPECT_THAT(errorOf([&] { Tokenizer::fromDirectory(dir.path(), "bert"); }, ErrorCode::Config),
              HasSubstr("normalizer 'NFKC' is not supported"));
  document = wordPieceTokenizerJson();
  document["model"]["vocab"]["hello"] = "five";
  writeFile(dir / "tokenizer.json", document.dump());
  const std::string message =
      errorOf([&] { Tokenizer::fromDirectory(dir.path(), "bert"); }, ErrorCode::Data);
  EXPECT_THAT(message, HasSubstr("model.vocab['hello'] must be an integer id"));
  document = wordPieceTokenizerJson();
  document["post_processor"]["single"][0]["SpecialToken"]["id"] = "[BOS]";
  writeFile(dir / "tokenizer.json", document.dump());
  EXPECT_THAT(errorOf([&] { Tokenizer::fromDirectory(dir.path(), "bert"); }, ErrorCode::Data),
              HasSubstr("special token '[BOS]' is not listed"));
  document = wordPieceTokenizerJson();
  document["post_processor"]["special_tokens"]["[SEP]"]["ids"] = {9999};
  writeFile(dir / "tokenizer.json", document.dump());
  EXPECT_THAT(errorOf([&] { Tokenizer::fromDirectory(dir.path(), "bert"); }, ErrorCode::Data),
              HasSubstr("special token id 9999 is not in the vocabulary"));
}

TEST(TokenizerErrors, UnknownModelTypeForLegacyFiles) {
  TempDir dir;
  writeWordPieceDir(dir.path());
  const std::string message =
      errorOf([&] { Tokenizer::fromDirectory(dir.path(), "gpt9"); }, ErrorCode::Config);
  EXPECT_THAT(message, HasSubstr("unknown model type 'gpt9'"));
  EXPECT_THAT(message, HasSubstr("roberta"));
}

TEST(TokenizerErrors, LegacyFilesOfTheWrongKind) {
  TempDir dir;
  writeBpeDir(dir.path());
  EXPECT_THAT(errorOf([&] { Tokenizer::fromDirectory(dir.path(), "bert"); }, ErrorCode::Io),
              HasSubstr("vocab.txt"));
  TempDir onlyVocab;
  writeFile(onlyVocab / "vocab.json", bpeVocab().dump());
  EXPECT_THAT(
      errorOf([&] { Tokenizer::fromDirectory(onlyVocab.path(), "roberta"); }, ErrorCode::Io),
      HasSubstr("merges.txt does not exist"));
}

TEST(TokenizerErrors, VocabularyWithoutUnkOrSpecialTokens) {
  TempDir noUnk;
  writeFile(noUnk / "vocab.txt", "[PAD]\n[CLS]\n[SEP]\nhello\n");
  std::string message =
      errorOf([&] { Tokenizer::fromDirectory(noUnk.path(), "bert"); }, ErrorCode::Data);
  EXPECT_THAT(message, HasSubstr("vocab.txt"));
  EXPECT_THAT(message, HasSubstr("unk token '[UNK]'"));

  TempDir noCls;
  writeFile(noCls / "vocab.txt", "[PAD]\n[UNK]\n[SEP]\nhello\n");
  message = errorOf([&] { Tokenizer::fromDirectory(noCls.path(), "bert"); }, ErrorCode::Data);
  EXPECT_THAT(message, HasSubstr("vocab.txt"));
  EXPECT_THAT(message, HasSubstr("cls token '[CLS]'"));

  TempDir noSep;
  nlohmann::json vocab = bpeVocab();
  vocab.erase("</s>");
  writeFile(noSep / "vocab.json", vocab.dump());
  writeFile(noSep / "merges.txt", mergesText());
  message = errorOf([&] { Tokenizer::fromDirectory(noSep.path(), "roberta"); }, ErrorCode::Data);
  EXPECT_THAT(message, HasSubstr("vocab.json"));
  EXPECT_THAT(message, HasSubstr("sep token '</s>'"));
}

TEST(TokenizerErrors, MalformedMergesNameTheLine) {
  TempDir dir;
  writeFile(dir / "vocab.json", bpeVocab().dump());
  writeFile(dir / "merges.txt", "#version: 0.2\nh e\nl l extra\no r\n");
  std::string message =
      errorOf([&] { Tokenizer::fromDirectory(dir.path(), "roberta"); }, ErrorCode::Data);
  EXPECT_THAT(message, HasSubstr("merges.txt: line 3"));
  EXPECT_THAT(message, HasSubstr("'l l extra'"));

  writeFile(dir / "merges.txt", "#version: 0.2\nh e\nq z\n");
  message = errorOf([&] { Tokenizer::fromDirectory(dir.path(), "roberta"); }, ErrorCode::Data);
  EXPECT_THAT(message, HasSubstr("merge 2"));
  EXPECT_THAT(message, HasSubstr("'qz' that is not in the vocabulary"));
}

TEST(TokenizerErrors, MalformedVocabJsonAndConfig) {
  TempDir dir;
  writeFile(dir / "vocab.json", "{\"a\": 1,");
  writeFile(dir / "merges.txt", mergesText());
  std::string message =
      errorOf([&] { Tokenizer::fromDirectory(dir.path(), "roberta"); }, ErrorCode::Data);
  EXPECT_THAT(message, HasSubstr("vocab.json"));
  EXPECT_THAT(message, HasSubstr("malformed JSON"));

  TempDir config;
  writeWordPieceDir(config.path());
  writeFile(config / "tokenizer_config.json", "[1, 2");
  message = errorOf([&] { Tokenizer::fromDirectory(config.path(), "bert"); }, ErrorCode::Data);
  EXPECT_THAT(message, HasSubstr("tokenizer_config.json"));

  writeFile(config / "tokenizer_config.json", R"({"do_lower_case": "yes"})");
  message = errorOf([&] { Tokenizer::fromDirectory(config.path(), "bert"); }, ErrorCode::Data);
  EXPECT_THAT(message, HasSubstr("tokenizer_config.json.do_lower_case must be true or false"));

  writeFile(config / "tokenizer_config.json", "[]");
  message = errorOf([&] { Tokenizer::fromDirectory(config.path(), "bert"); }, ErrorCode::Data);
  EXPECT_THAT(message, HasSubstr("must be a JSON object"));
}

// --- Unicode tables -----------------------------------------------------------------------------

// tokenizers 0.15 uses older Unicode tables than utf8proc; unicode.cpp corrects for that. These
// pin one code point of each correction (values checked against tokenizers 0.15.2).
TEST(UnicodeClasses, FollowTheReferenceTokenizersTables) {
  using namespace detail;
  EXPECT_TRUE(isBertRemoved(0x200B));   // Cf
  EXPECT_TRUE(isBertRemoved(0xE001));   // Co
  EXPECT_FALSE(isBertRemoved(0x08E2));  // Cf since Unicode 9, unknown to the crate
  EXPECT_FALSE(isBertRemoved(0x0378));  // unassigned stays
  EXPECT_TRUE(isBertWhitespace(0x3000));
  EXPECT_FALSE(isBertWhitespace(0x0B));     // removed as a control character instead
  EXPECT_TRUE(isBertPunctuation(0x166D));   // Po in old Unicode, So today
  EXPECT_FALSE(isBertPunctuation(0x2E52));  // Po added in Unicode 13
  EXPECT_TRUE(isBertPunctuation(0x00A7));   // §
  EXPECT_FALSE(isBertPunctuation(0x2248));  // ≈ (Sm)
  EXPECT_TRUE(isChineseChar(0x4E2D));
  EXPECT_FALSE(isChineseChar(0x3042));  // hiragana

  std::u32string stripped;
  appendNfdWithoutMarks(U"\u00e9\u1734\u0898\U00011938", stripped);
  EXPECT_EQ(stripped, std::u32string(U"e\u0898\U00011938"));

  std::u32string lowered;
  for (char32_t cp : std::u32string(U"\u0130\u03a3\u01c5A")) {
    appendLowercase(cp, lowered);
  }
  EXPECT_EQ(lowered, std::u32string(U"i\u0307\u03c3\u01c6a"));

  EXPECT_EQ(regexClass(U'a'), RegexClass::Letter);
  EXPECT_EQ(regexClass(0x0663), RegexClass::Number);
  EXPECT_EQ(regexClass(0x0085), RegexClass::Space);
  EXPECT_EQ(regexClass(0x0301), RegexClass::Other);
  EXPECT_EQ(regexClass(0x11F50), RegexClass::Other);  // Nd in Unicode 15, unknown to Oniguruma
}

}  // namespace
}  // namespace childtune::core
