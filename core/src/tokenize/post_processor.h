#pragma once
// Post-processing (special tokens and type ids around one or two sequences) and truncation, with
// the semantics of tokenizers' TemplateProcessing / BertProcessing / RobertaProcessing and
// truncate_encodings.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "childtune/tokenizer.h"

namespace childtune::core::detail {

struct TemplatePiece {
  enum class Kind { SequenceA, SequenceB, Special };
  Kind kind = Kind::SequenceA;
  std::vector<int64_t> ids;  // Special only
  int64_t typeId = 0;
};

// A template for a single sequence and for a pair. BertProcessing and RobertaProcessing are
// templates too; "no post-processor" is [A:0] / [A:0 B:1] without special tokens.
struct PostProcessor {
  std::vector<TemplatePiece> single;
  std::vector<TemplatePiece> pair;

  static PostProcessor none();
  // [CLS] A [SEP] / [CLS] A [SEP] B [SEP] with type ids 0 / 1 (BERT).
  static PostProcessor bert(int64_t clsId, int64_t sepId);
  // <s> A </s> / <s> A </s> </s> B </s>, every type id 0 (RoBERTa).
  static PostProcessor roberta(int64_t clsId, int64_t sepId);

  int numSpecialTokens(bool isPair) const;
  // Concatenates per the template. With addSpecialTokens false only the sequences remain, but
  // they keep the template's type ids.
  void apply(const std::vector<int64_t>& a, const std::vector<int64_t>* b, bool addSpecialTokens,
             std::vector<int64_t>& ids, std::vector<int64_t>& typeIds) const;
};

// Shortens `a` (and `b`) in place as tokenizers does for `strategy` so that, together with
// `numSpecialTokens`, they fit `maxLength`. Throws Error{Config} when that is impossible (maxLength
// below the special tokens, only_second without a pair, or the chosen sequence too short).
void truncateSequences(std::vector<int64_t>& a, std::vector<int64_t>* b, int maxLength,
                       TruncationStrategy strategy, int numSpecialTokens);

}  // namespace childtune::core::detail
