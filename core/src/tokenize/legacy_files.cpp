#include "tokenize/legacy_files.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "childtune/error.h"
#include "tokenize/bpe_model.h"
#include "tokenize/json_reader.h"
#include "tokenize/tokenizer_json.h"
#include "tokenize/unicode.h"
#include "tokenize/wordpiece_model.h"

namespace childtune::core::detail {

namespace fs = std::filesystem;

namespace {

// Python's text-mode line reading: \n, \r\n and \r all end a line; the terminator is dropped.
std::vector<std::string_view> universalLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t begin = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(begin, i - begin));
      i += (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
      begin = i;
    } else {
      ++i;
    }
  }
  if (begin < text.size()) {
    lines.push_back(text.substr(begin));
  }
  return lines;
}

// Python str.split() on whitespace.
std::vector<std::string_view> splitWhitespace(std::string_view line) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  std::size_t wordBegin = std::string_view::npos;
  while (pos < line.size()) {
    const std::size_t begin = pos;
    const char32_t cp = nextCodePoint(line, pos);
    const bool space = isWhitespace(cp) || (cp >= 0x1C && cp <= 0x1F);
    if (space) {
      if (wordBegin != std::string_view::npos) {
        parts.push_back(line.substr(wordBegin, begin - wordBegin));
        wordBegin = std::string_view::npos;
      }
    } else if (wordBegin == std::string_view::npos) {
      wordBegin = begin;
    }
  }
  if (wordBegin != std::string_view::npos) {
    parts.push_back(line.substr(wordBegin));
  }
  return parts;
}

int64_t requireVocabId(const Vocab& vocab, const std::optional<std::string>& token,
                       std::string_view role, const fs::path& file) {
  if (!token) {
    throw Error(ErrorCode::Config, "the " + std::string(role) + " token is not set in " +
                                       file.parent_path().string() + "/tokenizer_config.json");
  }
  const auto id = vocab.find(*token);
  if (!id) {
    throw Error(ErrorCode::Data, file.string() + ": the " + std::string(role) + " token '" +
                                     *token + "' is not in the vocabulary");
  }
  return *id;
}

}  // namespace

TokenizerPipeline loadLegacyWordPiece(const fs::path& dir, const TokenizerConfig& config) {
  const fs::path vocabFile = dir / "vocab.txt";
  const std::string text = readTextFile(vocabFile);
  validateUtf8(text, vocabFile.string());
  Vocab vocab;
  const auto lines = universalLines(text);
  if (lines.empty()) {
    throw Error(ErrorCode::Data, vocabFile.string() + " is empty");
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    vocab.add(std::string(lines[i]), static_cast<int64_t>(i));
  }
  const JsonObject settings(config.config, config.file.string());
  BertNormalizerOptions options;
  options.lowercase = settings.getBool("do_lower_case", true);
  options.stripAccents = settings.getOptionalBool("strip_accents");
  options.handleChineseChars = settings.getBool("tokenize_chinese_chars", true);

  TokenizerPipeline pipeline;
  WordPieceOptions wordPiece;
  wordPiece.unkToken = configString(config, Family::Bert, "unk_token").value_or("[UNK]");
  const int64_t clsId =
      requireVocabId(vocab, configString(config, Family::Bert, "cls_token"), "cls", vocabFile);
  const int64_t sepId =
      requireVocabId(vocab, configString(config, Family::Bert, "sep_token"), "sep", vocabFile);
  pipeline.model =
      std::make_unique<WordPieceModel>(std::move(vocab), std::move(wordPiece), vocabFile.string());
  pipeline.normalizer = std::make_unique<BertNormalizer>(options);
  pipeline.preTokenizer = std::make_unique<BertPreTokenizer>();
  pipeline.postProcessor = PostProcessor::bert(clsId, sepId);
  return pipeline;
}

TokenizerPipeline loadLegacyBpe(const fs::path& dir, const TokenizerConfig& config) {
  const fs::path vocabFile = dir / "vocab.json";
  const fs::path mergesFile = dir / "merges.txt";
  Vocab vocab;
  readVocabObject(readJsonFile(vocabFile), vocabFile.string(), vocab);

  const std::string text = readTextFile(mergesFile);
  validateUtf8(text, mergesFile.string());
  // RobertaTokenizer reads read().split("\n")[1:-1]: the first line is the "#version" header and
  // whatever follows the last newline is dropped.
  std::string normalizedText;
  normalizedText.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      normalizedText.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
    } else {
      normalizedText.push_back(text[i]);
    }
  }
  std::vector<std::string_view> lines;
  {
    std::string_view rest = normalizedText;
    while (true) {
      const auto newline = rest.find('\n');
      if (newline == std::string_view::npos) {
        lines.push_back(rest);
        break;
      }
      lines.push_back(rest.substr(0, newline));
      rest.remove_prefix(newline + 1);
    }
  }
  std::vector<std::pair<std::string, std::string>> merges;
  for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
    const auto parts = splitWhitespace(lines[i]);
    if (parts.size() != 2) {
      throw Error(ErrorCode::Data, mergesFile.string() + ": line " + std::to_string(i + 1) +
                                       " must hold two tokens separated by a space, but it is '" +
                                       std::string(lines[i]) + "'");
    }
    merges.emplace_back(parts[0], parts[1]);
  }
  const JsonObject settings(config.config, config.file.string());
  const int64_t clsId =
      requireVocabId(vocab, configString(config, Family::Roberta, "cls_token"), "cls", vocabFile);
  const int64_t sepId =
      requireVocabId(vocab, configString(config, Family::Roberta, "sep_token"), "sep", vocabFile);

  TokenizerPipeline pipeline;
  pipeline.model = std::make_unique<BpeModel>(std::move(vocab), merges, BpeOptions{},
                                              vocabFile.string() + " + merges.txt");
  pipeline.preTokenizer =
      std::make_unique<ByteLevelPreTokenizer>(settings.getBool("add_prefix_space", false), true);
  pipeline.postProcessor = PostProcessor::roberta(clsId, sepId);
  return pipeline;
}

}  // namespace childtune::core::detail
