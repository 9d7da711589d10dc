#include "tokenize/bpe_model.h"

#include <array>
#include <cstdio>
#include <mutex>
#include <queue>

#include "childtune/error.h"

namespace childtune::core::detail {
namespace {

// A symbol of the word being merged: a doubly linked list over a vector, like tokenizers' Word.
struct Symbol {
  int64_t id;
  std::ptrdiff_t prev;
  std::ptrdiff_t next;
  std::size_t bytes;  // 0 once merged into its left neighbour
};

struct Candidate {
  uint32_t rank;
  std::size_t pos;
  int64_t newId;
  // Lowest rank first, then leftmost: the priority order of tokenizers' merge_all.
  bool operator<(const Candidate& other) const {
    return rank != other.rank ? rank > other.rank : pos > other.pos;
  }
};

}  // namespace

BpeModel::BpeModel(Vocab vocab, const std::vector<std::pair<std::string, std::string>>& merges,
                   BpeOptions options, const std::string& source)
    : vocab_(std::move(vocab)), options_(std::move(options)) {
  if (options_.unkToken) {
    unkId_ = vocab_.find(*options_.unkToken);
    if (!unkId_) {
      throw Error(ErrorCode::Data, source + ": the BPE unk token '" + *options_.unkToken +
                                       "' is not in the vocabulary");
    }
  }
  if (vocab_.size() > (int64_t{1} << 32)) {
    throw Error(ErrorCode::Data, source + ": vocabulary ids above 2^32 are not supported");
  }
  const std::size_t prefixLength = options_.continuingSubwordPrefix.size();
  merges_.reserve(merges.size());
  for (std::size_t rank = 0; rank < merges.size(); ++rank) {
    // Named references, not a structured binding: the lambda below captures them.
    const std::string& left = merges[rank].first;
    const std::string& right = merges[rank].second;
    auto describe = [&] {
      std::string text = source;
      text.append(": merge ").append(std::to_string(rank + 1));
      text.append(" ('").append(left).append(" ").append(right).append("')");
      return text;
    };
    const auto leftId = vocab_.find(left);
    const auto rightId = vocab_.find(right);
    if (!leftId || !rightId) {
      throw Error(ErrorCode::Data, describe() + " uses token '" + (leftId ? right : left) +
                                       "' that is not in the vocabulary");
    }
    // tokenizers drops the first prefix-length bytes of the right token unconditionally.
    if (right.size() < prefixLength ||
        (prefixLength < right.size() &&
         (static_cast<unsigned char>(right[prefixLength]) & 0xC0u) == 0x80u)) {
      throw Error(ErrorCode::Data, describe() + " cannot drop the continuing-subword prefix '" +
                                       options_.continuingSubwordPrefix + "' from '" + right + "'");
    }
    std::string merged = left;
    merged.append(right, prefixLength);
    const auto mergedId = vocab_.find(merged);
    if (!mergedId) {
      throw Error(ErrorCode::Data,
                  describe() + " produces '" + merged + "' that is not in the vocabulary");
    }
    merges_.insert_or_assign(pairKey(*leftId, *rightId),
                             MergeTarget{static_cast<uint32_t>(rank), *mergedId});
  }
}

std::vector<int64_t> BpeModel::merge(std::string_view word) const {
  std::vector<Symbol> symbols;
  symbols.reserve(word.size());
  // An unknown-character run waiting to be emitted (tokenizers' `unk`), kept in plain variables
  // because fuse_unk extends it in place.
  bool hasPendingUnk = false;
  int64_t pendingUnkId = 0;
  std::size_t pendingUnkBytes = 0;
  auto addSymbol = [&](int64_t id, std::size_t bytes) {
    const auto index = static_cast<std::ptrdiff_t>(symbols.size());
    if (!symbols.empty()) {
      symbols.back().next = index;
    }
    symbols.push_back({id, index - 1, -1, bytes});
  };
  std::string piece;
  std::size_t pos = 0;
  while (pos < word.size()) {
    std::size_t end = pos + 1;
    while (end < word.size() && (static_cast<unsigned char>(word[end]) & 0xC0u) == 0x80u) {
      ++end;
    }
    const std::size_t bytes = end - pos;
    piece.clear();
    if (pos > 0) {
      piece += options_.continuingSubwordPrefix;
    }
    piece.append(word.substr(pos, bytes));
    if (end == word.size()) {
      piece += options_.endOfWordSuffix;
    }
    pos = end;
    if (const auto id = vocab_.find(piece)) {
      if (hasPendingUnk) {
        addSymbol(pendingUnkId, pendingUnkBytes);
        hasPendingUnk = false;
      }
      addSymbol(*id, bytes);
      continue;
    }
    if (options_.byteFallback) {
      std::vector<int64_t> byteIds;
      for (char c : piece) {
        std::array<char, 8> name{};
        std::snprintf(name.data(), name.size(), "<0x%02X>", static_cast<unsigned char>(c));
        const auto byteId = vocab_.find(name.data());
        if (!byteId) {
          byteIds.clear();
          break;
        }
        byteIds.push_back(*byteId);
      }
      if (!byteIds.empty()) {
        for (int64_t byteId : byteIds) {
          addSymbol(byteId, 1);
        }
        continue;
      }
    }
    if (unkId_) {
      if (hasPendingUnk && options_.fuseUnk) {
        pendingUnkBytes += bytes;
      } else {
        if (hasPendingUnk) {
          addSymbol(pendingUnkId, pendingUnkBytes);
        }
        hasPendingUnk = true;
        pendingUnkId = *unkId_;
        pendingUnkBytes = bytes;
      }
    }
  }
  if (hasPendingUnk) {
    addSymbol(pendingUnkId, pendingUnkBytes);
  }

  std::priority_queue<Candidate> queue;
  auto consider = [&](std::size_t left) {
    const Symbol& a = symbols[left];
    if (a.next < 0) {
      return;
    }
    const auto it = merges_.find(pairKey(a.id, symbols[static_cast<std::size_t>(a.next)].id));
    if (it != merges_.end()) {
      queue.push({it->second.rank, left, it->second.id});
    }
  };
  for (std::size_t i = 0; i + 1 < symbols.size(); ++i) {
    consider(i);
  }
  while (!queue.empty()) {
    const Candidate top = queue.top();
    queue.pop();
    Symbol& left = symbols[top.pos];
    if (left.bytes == 0 || left.next < 0) {
      continue;
    }
    const auto rightPos = static_cast<std::size_t>(left.next);
    Symbol& right = symbols[rightPos];
    // Skip entries made stale by an earlier merge of either symbol.
    const auto it = merges_.find(pairKey(left.id, right.id));
    if (it == merges_.end() || it->second.id != top.newId) {
      continue;
    }
    left.id = top.newId;
    left.bytes += right.bytes;
    left.next = right.next;
    right.bytes = 0;
    if (right.next >= 0) {
      symbols[static_cast<std::size_t>(right.next)].prev = static_cast<std::ptrdiff_t>(top.pos);
    }
    if (left.prev >= 0) {
      consider(static_cast<std::size_t>(left.prev));
    }
    consider(top.pos);
  }
  std::vector<int64_t> ids;
  ids.reserve(symbols.size());
  for (const Symbol& s : symbols) {
    if (s.bytes != 0) {
      ids.push_back(s.id);
    }
  }
  return ids;
}

void BpeModel::tokenize(std::string_view word, std::vector<int64_t>& ids) const {
  const bool cacheable = word.size() <= kMaxCachedWordBytes;
  if (cacheable) {
    std::shared_lock lock(cacheMutex_);
    const auto it = cache_.find(word);
    if (it != cache_.end()) {
      ids.insert(ids.end(), it->second.begin(), it->second.end());
      return;
    }
  }
  std::vector<int64_t> merged = merge(word);
  ids.insert(ids.end(), merged.begin(), merged.end());
  if (cacheable) {
    std::unique_lock lock(cacheMutex_);
    if (cache_.size() < kCacheCapacity) {
      cache_.try_emplace(std::string(word), std::move(merged));
    }
  }
}

}  // namespace childtune::core::detail
