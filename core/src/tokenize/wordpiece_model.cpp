#include "tokenize/wordpiece_model.h"

#include "childtune/error.h"
#include "tokenize/unicode.h"

namespace childtune::core::detail {

WordPieceModel::WordPieceModel(Vocab vocab, WordPieceOptions options, const std::string& source)
    : vocab_(std::move(vocab)), options_(std::move(options)) {
  const auto unk = vocab_.find(options_.unkToken);
  if (!unk) {
    throw Error(ErrorCode::Data, source + ": the WordPiece unk token '" + options_.unkToken +
                                     "' is not in the vocabulary");
  }
  unkId_ = *unk;
}

void WordPieceModel::tokenize(std::string_view word, std::vector<int64_t>& ids) const {
  std::size_t chars = 0;
  for (char c : word) {
    chars += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u ? 1 : 0;
  }
  if (chars > options_.maxInputCharsPerWord) {
    ids.push_back(unkId_);
    return;
  }
  const std::size_t firstNew = ids.size();
  std::string candidate;
  candidate.reserve(options_.continuingSubwordPrefix.size() + word.size());
  std::size_t start = 0;
  while (start < word.size()) {
    std::size_t end = word.size();
    std::optional<int64_t> found;
    while (start < end) {
      std::string_view piece = word.substr(start, end - start);
      if (start > 0) {
        candidate.assign(options_.continuingSubwordPrefix);
        candidate.append(piece);
        piece = candidate;
      }
      found = vocab_.find(piece);
      if (found) {
        break;
      }
      // Back off one whole character.
      do {
        --end;
      } while (end > start && (static_cast<unsigned char>(word[end]) & 0xC0u) == 0x80u);
    }
    if (!found) {
      ids.resize(firstNew);
      ids.push_back(unkId_);
      return;
    }
    ids.push_back(*found);
    start = end;
  }
}

}  // namespace childtune::core::detail
