#pragma once
// WordPiece (BERT): greedy longest-match-first over the vocabulary, one [UNK] for a word that
// cannot be covered or that is longer than maxInputCharsPerWord characters.

#include <string>

#include "tokenize/model.h"

namespace childtune::core::detail {

struct WordPieceOptions {
  std::string unkToken = "[UNK]";
  std::string continuingSubwordPrefix = "##";
  std::size_t maxInputCharsPerWord = 100;
};

class WordPieceModel final : public TokenizerModel {
 public:
  // Throws Error{Data} naming `source` when the unk token is not in `vocab`.
  WordPieceModel(Vocab vocab, WordPieceOptions options, const std::string& source);

  TokenizerKind kind() const override { return TokenizerKind::WordPiece; }
  void tokenize(std::string_view word, std::vector<int64_t>& ids) const override;
  const Vocab& vocab() const override { return vocab_; }

 private:
  Vocab vocab_;
  WordPieceOptions options_;
  int64_t unkId_ = 0;
};

}  // namespace childtune::core::detail
