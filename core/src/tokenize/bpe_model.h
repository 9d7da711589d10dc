#pragma once
// Byte-pair encoding (RoBERTa, GPT-2): a word starts as single characters and the adjacent pair
// with the lowest merge rank is merged until no ranked pair remains.

#include <cstddef>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tokenize/model.h"

namespace childtune::core::detail {

struct BpeOptions {
  std::optional<std::string> unkToken;  // std::nullopt: unknown characters are dropped
  std::string continuingSubwordPrefix;
  std::string endOfWordSuffix;
  bool fuseUnk = false;
  bool byteFallback = false;  // unknown characters as <0xXX> byte tokens when present
};

class BpeModel final : public TokenizerModel {
 public:
  // `merges` in rank order. Throws Error{Data} naming `source` when a merge refers to a token
  // missing from `vocab` (with the merge's 1-based position) or the unk token is missing.
  BpeModel(Vocab vocab, const std::vector<std::pair<std::string, std::string>>& merges,
           BpeOptions options, const std::string& source);

  TokenizerKind kind() const override { return TokenizerKind::ByteLevelBpe; }
  void tokenize(std::string_view word, std::vector<int64_t>& ids) const override;
  const Vocab& vocab() const override { return vocab_; }

 private:
  struct MergeTarget {
    uint32_t rank;
    int64_t id;
  };
  static uint64_t pairKey(int64_t left, int64_t right) {
    return (static_cast<uint64_t>(left) << 32) | static_cast<uint64_t>(right);
  }
  std::vector<int64_t> merge(std::string_view word) const;

  Vocab vocab_;
  BpeOptions options_;
  std::optional<int64_t> unkId_;
  std::unordered_map<uint64_t, MergeTarget> merges_;

  // Word -> ids cache, shared by all threads (encode() is const and thread-safe).
  static constexpr std::size_t kCacheCapacity = 10000;
  static constexpr std::size_t kMaxCachedWordBytes = 256;
  mutable std::shared_mutex cacheMutex_;
  mutable std::unordered_map<std::string, std::vector<int64_t>, StringHash, std::equal_to<>>
      cache_;  // guarded by cacheMutex_
};

}  // namespace childtune::core::detail
