// Tokenizers against Hugging Face goldens (tests/reference, written by make_reference.py):
// every case of tokenizer_cases.json for the tiny WordPiece and BPE tokenizers (from
// tokenizer.json and from the legacy vocabulary files alone) and for all-MiniLM-L6-v2, and the
// ids of every GLUE dev example (hashes in glue_tokens/) for all-MiniLM-L6-v2 and tiny-bpe.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "childtune/error.h"
#include "childtune/tokenizer.h"
#include "support/test_env.h"

namespace childtune::core {
namespace {

namespace fs = std::filesystem;
using test::readFile;
using test::referenceDir;
using test::TempDir;

const nlohmann::json& referenceCases() {
  static const nlohmann::json cases =
      nlohmann::json::parse(readFile(referenceDir() / "tokenizer_cases.json"));
  return cases;
}

TruncationStrategy strategyFromName(const std::string& name) {
  if (name == "longest_first") {
    return TruncationStrategy::LongestFirst;
  }
  if (name == "only_first") {
    return TruncationStrategy::OnlyFirst;
  }
  if (name == "only_second") {
    return TruncationStrategy::OnlySecond;
  }
  ADD_FAILURE() << "unknown truncation strategy " << name;
  return TruncationStrategy::LongestFirst;
}

template <typename T>
std::string list(const std::vector<T>& values) {
  std::ostringstream out;
  out << "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    out << (i > 0 ? ", " : "") << values[i];
  }
  out << "]";
  return out.str();
}

// Checks every case of tokenizer_cases.json for `name` against `tokenizer`.
void checkCases(const Tokenizer& tokenizer, const std::string& name, const std::string& label) {
  const nlohmann::json& root = referenceCases();
  const nlohmann::json& cases = root.at("cases");
  const nlohmann::json& expected = root.at("expected").at(name);
  ASSERT_EQ(cases.size(), expected.size());
  ASSERT_GT(cases.size(), 40u);
  int failures = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const nlohmann::json& c = cases[i];
    const nlohmann::json& want = expected[i];
    const auto text = c.at("text").get<std::string>();
    std::optional<std::string> pair;
    if (!c.at("pair").is_null()) {
      pair = c.at("pair").get<std::string>();
    }
    EncodeOptions options;
    options.maxLength = c.at("max_length").get<int>();
    options.truncation = strategyFromName(c.at("truncation").get<std::string>());
    const std::string where = label + " case " + std::to_string(i) + " " + c.dump();
    std::optional<Encoding> got;
    std::string error;
    try {
      got = tokenizer.encode(text, pair ? std::optional<std::string_view>(*pair) : std::nullopt,
                             options);
    } catch (const Error& e) {
      error = e.what();
      EXPECT_EQ(e.code(), ErrorCode::Config) << where << ": " << e.what();
    }
    if (want.value("error", false)) {
      EXPECT_FALSE(got.has_value())
          << where << ": Hugging Face raises, but we returned " << list(got->ids);
      failures += got.has_value() ? 1 : 0;
      continue;
    }
    if (!got) {
      ADD_FAILURE() << where << ": unexpected error " << error;
      ++failures;
      continue;
    }
    const auto wantIds = want.at("ids").get<std::vector<int64_t>>();
    const auto wantTypes = want.at("type_ids").get<std::vector<int64_t>>();
    const auto wantTokens = want.at("tokens").get<std::vector<std::string>>();
    const bool same = got->ids == wantIds && got->typeIds == wantTypes && got->tokens == wantTokens;
    EXPECT_TRUE(same) << where << "\n  expected ids " << list(wantIds) << " types "
                      << list(wantTypes) << "\n  actual   ids " << list(got->ids) << " types "
                      << list(got->typeIds) << "\n  expected tokens " << list(wantTokens)
                      << "\n  actual   tokens " << list(got->tokens);
    EXPECT_EQ(got->attentionMask, std::vector<int64_t>(got->ids.size(), 1)) << where;
    failures += same ? 0 : 1;
  }
  EXPECT_EQ(failures, 0) << label << ": " << failures << " of " << cases.size() << " cases differ";
}

// A copy of `source` with only the files a pre-tokenizer.json transformers would have.
void copyLegacyFiles(const fs::path& source, const fs::path& target) {
  int copied = 0;
  for (const char* name : {"vocab.txt", "vocab.json", "merges.txt", "tokenizer_config.json",
                           "special_tokens_map.json"}) {
    if (fs::exists(source / name)) {
      fs::copy_file(source / name, target / name);
      ++copied;
    }
  }
  ASSERT_GE(copied, 2) << "no legacy tokenizer files in " << source;
  ASSERT_FALSE(fs::exists(target / "tokenizer.json"));
}

struct TinyTokenizer {
  const char* name;
  const char* modelType;
  TokenizerKind kind;
};

void PrintTo(const TinyTokenizer& tiny, std::ostream* out) { *out << tiny.name; }

class TinyTokenizerCases : public ::testing::TestWithParam<TinyTokenizer> {};

TEST_P(TinyTokenizerCases, FromTokenizerJson) {
  const TinyTokenizer& tiny = GetParam();
  const fs::path dir = referenceDir() / "tokenizers" / tiny.name;
  ASSERT_TRUE(fs::exists(dir / "tokenizer.json")) << dir;
  const auto tokenizer = Tokenizer::fromDirectory(dir, tiny.modelType);
  EXPECT_EQ(tokenizer->kind(), tiny.kind);
  checkCases(*tokenizer, tiny.name, std::string(tiny.name) + " (tokenizer.json)");
}

TEST_P(TinyTokenizerCases, FromLegacyFilesOnly) {
  const TinyTokenizer& tiny = GetParam();
  TempDir dir;
  copyLegacyFiles(referenceDir() / "tokenizers" / tiny.name, dir.path());
  const auto tokenizer = Tokenizer::fromDirectory(dir.path(), tiny.modelType);
  EXPECT_EQ(tokenizer->kind(), tiny.kind);
  checkCases(*tokenizer, tiny.name, std::string(tiny.name) + " (legacy files)");
}

INSTANTIATE_TEST_SUITE_P(
    Reference, TinyTokenizerCases,
    ::testing::Values(TinyTokenizer{"tiny-wordpiece", "bert", TokenizerKind::WordPiece},
                      TinyTokenizer{"tiny-bpe", "roberta", TokenizerKind::ByteLevelBpe}),
    [](const ::testing::TestParamInfo<TinyTokenizer>& paramInfo) {
      return paramInfo.param.kind == TokenizerKind::WordPiece ? std::string("TinyWordPiece")
                                                              : std::string("TinyBpe");
    });

TEST(MiniLmTokenizer, ReferenceCases) {
  CHILDTUNE_REQUIRE_ENV_DIR(model, "CHILDTUNE_MODEL_DIR");
  const auto tokenizer = Tokenizer::fromDirectory(model, "bert");
  EXPECT_EQ(tokenizer->kind(), TokenizerKind::WordPiece);
  EXPECT_EQ(tokenizer->vocabSize(), 30522);
  EXPECT_EQ(tokenizer->padId(), 0);
  checkCases(*tokenizer, "minilm", "minilm (tokenizer.json)");
}

TEST(MiniLmTokenizer, ReferenceCasesFromVocabTxt) {
  CHILDTUNE_REQUIRE_ENV_DIR(model, "CHILDTUNE_MODEL_DIR");
  TempDir dir;
  copyLegacyFiles(model, dir.path());
  const auto tokenizer = Tokenizer::fromDirectory(dir.path(), "bert");
  checkCases(*tokenizer, "minilm", "minilm (vocab.txt)");
}

// --- GLUE dev sets ------------------------------------------------------------------------------

struct GlueTask {
  const char* name;
  int textColumn;
  int pairColumn;  // -1: single sentence
  bool hasHeader;
};

constexpr GlueTask kGlueTasks[] = {
    {"CoLA", 3, -1, false}, {"SST-2", 0, -1, true}, {"MRPC", 3, 4, true}, {"STS-B", 7, 8, true},
    {"QNLI", 1, 2, true},   {"RTE", 1, 2, true},    {"WNLI", 1, 2, true},
};

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  while (true) {
    const auto end = text.find(separator, begin);
    if (end == std::string::npos) {
      parts.push_back(text.substr(begin));
      return parts;
    }
    parts.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
}

// Dev rows exactly as make_reference.py reads them.
std::vector<std::vector<std::string>> readDevRows(const fs::path& file, bool hasHeader) {
  std::string data = readFile(file);
  if (data.rfind("\xEF\xBB\xBF", 0) == 0) {
    data.erase(0, 3);
  }
  std::vector<std::string> lines = split(data, '\n');
  if (!lines.empty() && lines.back().empty()) {
    lines.pop_back();
  }
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = hasHeader ? 1 : 0; i < lines.size(); ++i) {
    rows.push_back(split(lines[i], '\t'));
  }
  return rows;
}

// FNV-1a 64 over the ids then the type ids, each as 8-byte little-endian int64.
std::string idsHash(const Encoding& encoding) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  auto feed = [&](const std::vector<int64_t>& values) {
    for (int64_t value : values) {
      auto bits = static_cast<uint64_t>(value);
      for (int byte = 0; byte < 8; ++byte) {
        hash ^= bits & 0xFFu;
        hash *= 0x100000001b3ULL;
        bits >>= 8;
      }
    }
  };
  feed(encoding.ids);
  feed(encoding.typeIds);
  char text[17];
  std::snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

struct ExpectedRow {
  std::size_t row;
  std::size_t numIds;
  std::string hash;
};

std::vector<ExpectedRow> readExpectedHashes(const fs::path& file) {
  const std::vector<std::string> lines = split(readFile(file), '\n');
  EXPECT_FALSE(lines.empty());
  EXPECT_EQ(lines.front().rfind("# @generated", 0), 0u) << file;
  std::vector<ExpectedRow> rows;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) {
      continue;
    }
    const auto parts = split(lines[i], '\t');
    if (parts.size() != 3) {
      ADD_FAILURE() << file << " line " << i + 1 << " is malformed: " << lines[i];
      continue;
    }
    rows.push_back({std::stoul(parts[0]), std::stoul(parts[1]), parts[2]});
  }
  return rows;
}

void checkGlueHashes(const Tokenizer& tokenizer, const fs::path& glue, const std::string& name) {
  std::size_t total = 0;
  std::size_t failures = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const GlueTask& task : kGlueTasks) {
    const auto rows = readDevRows(glue / task.name / "dev.tsv", task.hasHeader);
    const auto expected = readExpectedHashes(referenceDir() / "glue_tokens" / name /
                                             (std::string(task.name) + ".tsv"));
    ASSERT_EQ(rows.size(), expected.size()) << task.name << ": dev rows vs expected hashes";
    EncodeOptions options;
    options.maxLength = 128;
    options.truncation = TruncationStrategy::LongestFirst;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      ASSERT_EQ(expected[i].row, i) << task.name;
      const auto& columns = rows[i];
      const int needed = std::max(task.textColumn, task.pairColumn);
      ASSERT_GT(static_cast<int>(columns.size()), needed) << task.name << " row " << i;
      const std::string& text = columns[static_cast<std::size_t>(task.textColumn)];
      std::optional<std::string_view> pair;
      if (task.pairColumn >= 0) {
        pair = columns[static_cast<std::size_t>(task.pairColumn)];
      }
      const Encoding encoding = tokenizer.encode(text, pair, options);
      ++total;
      if (encoding.ids.size() == expected[i].numIds && idsHash(encoding) == expected[i].hash) {
        continue;
      }
      if (++failures <= 5) {
        ADD_FAILURE() << name << " " << task.name << " row " << i << "\n  text: " << text
                      << (pair ? "\n  pair: " + std::string(*pair) : std::string())
                      << "\n  expected " << expected[i].numIds << " ids, hash " << expected[i].hash
                      << "\n  actual   " << encoding.ids.size() << " ids, hash "
                      << idsHash(encoding) << ": " << list(encoding.ids) << " types "
                      << list(encoding.typeIds);
      }
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(failures, 0u) << name << ": " << failures << " of " << total
                          << " GLUE dev examples differ";
  EXPECT_GT(total, 9000u);
  std::cout << name << ": " << total << " GLUE dev examples tokenized in " << seconds << " s\n";
}

TEST(GlueDevTokens, MiniLm) {
  CHILDTUNE_REQUIRE_ENV_DIR(model, "CHILDTUNE_MODEL_DIR");
  CHILDTUNE_REQUIRE_ENV_DIR(glue, "CHILDTUNE_GLUE_DIR");
  const auto tokenizer = Tokenizer::fromDirectory(model, "bert");
  checkGlueHashes(*tokenizer, glue, "minilm");
}

TEST(GlueDevTokens, TinyBpe) {
  CHILDTUNE_REQUIRE_ENV_DIR(glue, "CHILDTUNE_GLUE_DIR");
  const auto tokenizer =
      Tokenizer::fromDirectory(referenceDir() / "tokenizers" / "tiny-bpe", "roberta");
  checkGlueHashes(*tokenizer, glue, "tiny-bpe");
}

}  // namespace
}  // namespace childtune::core
