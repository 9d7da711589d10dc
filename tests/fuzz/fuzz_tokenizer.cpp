// libFuzzer target: arbitrary bytes as text (and pair) for a WordPiece and a byte-level BPE
// tokenizer. Must never crash; invalid UTF-8 must throw childtune::Error{Data}; every encoding
// must be consistent (equal lengths, ids in range, truncation respected).
//
// Input layout: byte 0 = options (truncation strategy, pair or not, special tokens), byte 1 =
// max_length, byte 2 = where the pair starts (fraction of the rest), then the text bytes.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <system_error>

#include "childtune/error.h"
#include "childtune/tokenizer.h"

namespace {

namespace fs = std::filesystem;
using childtune::Error;
using childtune::ErrorCode;
using childtune::core::EncodeOptions;
using childtune::core::Encoding;
using childtune::core::Tokenizer;
using childtune::core::TruncationStrategy;

void writeText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    std::abort();
  }
}

// GPT-2 bytes_to_unicode for byte `b`, UTF-8 encoded.
std::string byteChar(int b) {
  auto printable = [](int k) {
    return (k >= '!' && k <= '~') || (k >= 0xA1 && k <= 0xAC) || k >= 0xAE;
  };
  int cp = b;
  if (!printable(b)) {
    cp = 256;
    for (int k = 0; k < b; ++k) {
      cp += printable(k) ? 0 : 1;
    }
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

struct Tokenizers {
  fs::path dir;
  std::unique_ptr<Tokenizer> wordPiece;
  std::unique_ptr<Tokenizer> bpe;

  Tokenizers() {
    dir = fs::temp_directory_path() /
          ("childtune-fuzz-tokenizer-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir / "wp");
    fs::create_directories(dir / "bpe");
    writeText(dir / "wp" / "vocab.txt",
              "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\na\n##a\n##s\nun\n##want\n##ed\n,\n.\n!\n"
              "中\né\n##é\ni\n##\xcc\x87\n");
    writeText(dir / "wp" / "tokenizer_config.json",
              R"({"do_lower_case": true, "strip_accents": false})");
    std::string vocab = R"({"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "<mask>": 4)";
    int next = 5;
    auto addToken = [&](const std::string& token) {
      std::string escaped;
      for (char c : token) {
        if (c == '"' || c == '\\') {
          escaped.push_back('\\');
        }
        escaped.push_back(c);
      }
      vocab += ", \"" + escaped + "\": " + std::to_string(next++);
    };
    for (int b = 0; b < 256; ++b) {
      addToken(byteChar(b));
    }
    const std::string g = byteChar(' ');
    for (const char* merged : {"th", "the", "he", "aa"}) {
      addToken(merged);
    }
    addToken(g + "t");
    addToken(g + "the");
    vocab += "}";
    writeText(dir / "bpe" / "vocab.json", vocab);
    writeText(dir / "bpe" / "merges.txt",
              "#version: 0.2\nt h\nth e\nh e\na a\n" + g + " t\n" + g + "t he\n");
    wordPiece = Tokenizer::fromDirectory(dir / "wp", "bert");
    bpe = Tokenizer::fromDirectory(dir / "bpe", "roberta");
  }
  ~Tokenizers() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

// Independent of the implementation under test: RFC 3629 well-formedness.
bool validUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    uint32_t cp = 0;
    if (b < 0x80) {
      ++i;
      continue;
    } else if ((b & 0xE0) == 0xC0) {
      n = 1;
      cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      n = 2;
      cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      n = 3;
      cp = b & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) {
      return false;  // the continuation bytes i+1 .. i+n run past the end
    }
    for (std::size_t k = 1; k <= n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) {
        return false;
      }
      cp = (cp << 6) | (c & 0x3F);
    }
    const uint32_t minimum = n == 1 ? 0x80 : n == 2 ? 0x800 : 0x10000;
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

void check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "invariant violated: %s\n", what);
    std::abort();
  }
}

void exercise(const Tokenizer& tokenizer, std::string_view text,
              std::optional<std::string_view> pair, const EncodeOptions& options) {
  const bool valid = validUtf8(text) && (!pair || validUtf8(*pair));
  try {
    const Encoding e = tokenizer.encode(text, pair, options);
    check(valid, "invalid UTF-8 was accepted");
    check(e.ids.size() == e.typeIds.size(), "ids/typeIds length");
    check(e.ids.size() == e.attentionMask.size(), "ids/attentionMask length");
    check(e.ids.size() == e.tokens.size(), "ids/tokens length");
    if (options.truncation != TruncationStrategy::DoNotTruncate) {
      check(e.ids.size() <= static_cast<std::size_t>(options.maxLength), "max_length exceeded");
    }
    for (std::size_t i = 0; i < e.ids.size(); ++i) {
      check(e.ids[i] >= 0 && e.ids[i] < tokenizer.vocabSize(), "id out of range");
      check(e.tokens[i] == tokenizer.idToToken(e.ids[i]), "token string mismatch");
      check(e.attentionMask[i] == 1, "attention mask");
    }
  } catch (const Error& e) {
    if (!valid) {
      check(e.code() == ErrorCode::Data, "invalid UTF-8 must be a Data error");
    } else {
      check(e.code() == ErrorCode::Config, "valid text may only fail on impossible truncation");
    }
  }
  if (valid) {
    for (const std::string& token : tokenizer.tokenize(text)) {
      check(tokenizer.tokenToId(token).has_value(), "tokenize() returned an unknown token");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static const Tokenizers tokenizers;
  if (size < 3) {
    return 0;
  }
  const uint8_t flags = data[0];
  EncodeOptions options;
  constexpr TruncationStrategy kStrategies[] = {
      TruncationStrategy::LongestFirst, TruncationStrategy::OnlyFirst,
      TruncationStrategy::OnlySecond, TruncationStrategy::DoNotTruncate};
  options.truncation = kStrategies[flags & 3];
  options.addSpecialTokens = (flags & 8) == 0;
  options.maxLength = data[1] % 40;
  const std::string_view rest(reinterpret_cast<const char*>(data + 3), size - 3);
  std::optional<std::string_view> pair;
  std::string_view text = rest;
  if ((flags & 4) != 0) {
    const std::size_t cut = rest.size() * data[2] / 256;
    text = rest.substr(0, cut);
    pair = rest.substr(cut);
  }
  exercise(*tokenizers.wordPiece, text, pair, options);
  exercise(*tokenizers.bpe, text, pair, options);
  return 0;
}
