#include "tokenize/post_processor.h"

#include <algorithm>

#include "childtune/error.h"

namespace childtune::core::detail {
namespace {

TemplatePiece special(int64_t id, int64_t typeId) {
  return {TemplatePiece::Kind::Special, {id}, typeId};
}
TemplatePiece sequenceA(int64_t typeId) { return {TemplatePiece::Kind::SequenceA, {}, typeId}; }
TemplatePiece sequenceB(int64_t typeId) { return {TemplatePiece::Kind::SequenceB, {}, typeId}; }

std::string_view strategyName(TruncationStrategy strategy) {
  switch (strategy) {
    case TruncationStrategy::LongestFirst:
      return "longest_first";
    case TruncationStrategy::OnlyFirst:
      return "only_first";
    case TruncationStrategy::OnlySecond:
      return "only_second";
    case TruncationStrategy::DoNotTruncate:
      return "do_not_truncate";
  }
  return "?";
}

}  // namespace

PostProcessor PostProcessor::none() { return {{sequenceA(0)}, {sequenceA(0), sequenceB(1)}}; }

PostProcessor PostProcessor::bert(int64_t clsId, int64_t sepId) {
  return {{special(clsId, 0), sequenceA(0), special(sepId, 0)},
          {special(clsId, 0), sequenceA(0), special(sepId, 0), sequenceB(1), special(sepId, 1)}};
}

PostProcessor PostProcessor::roberta(int64_t clsId, int64_t sepId) {
  return {{special(clsId, 0), sequenceA(0), special(sepId, 0)},
          {special(clsId, 0), sequenceA(0), special(sepId, 0), special(sepId, 0), sequenceB(0),
           special(sepId, 0)}};
}

int PostProcessor::numSpecialTokens(bool isPair) const {
  std::size_t count = 0;
  for (const TemplatePiece& piece : isPair ? pair : single) {
    if (piece.kind == TemplatePiece::Kind::Special) {
      count += piece.ids.size();
    }
  }
  return static_cast<int>(count);
}

void PostProcessor::apply(const std::vector<int64_t>& a, const std::vector<int64_t>* b,
                          bool addSpecialTokens, std::vector<int64_t>& ids,
                          std::vector<int64_t>& typeIds) const {
  for (const TemplatePiece& piece : b != nullptr ? pair : single) {
    const std::vector<int64_t>* source = nullptr;
    switch (piece.kind) {
      case TemplatePiece::Kind::SequenceA:
        source = &a;
        break;
      case TemplatePiece::Kind::SequenceB:
        source = b;
        break;
      case TemplatePiece::Kind::Special:
        source = addSpecialTokens ? &piece.ids : nullptr;
        break;
    }
    if (source == nullptr) {
      continue;
    }
    ids.insert(ids.end(), source->begin(), source->end());
    typeIds.insert(typeIds.end(), source->size(), piece.typeId);
  }
}

void truncateSequences(std::vector<int64_t>& a, std::vector<int64_t>* b, int maxLength,
                       TruncationStrategy strategy, int numSpecialTokens) {
  if (strategy == TruncationStrategy::DoNotTruncate) {
    return;
  }
  if (maxLength < numSpecialTokens) {
    throw Error(ErrorCode::Config, "max_length " + std::to_string(maxLength) + " cannot hold the " +
                                       std::to_string(numSpecialTokens) + " special tokens of " +
                                       (b != nullptr ? "a pair" : "a single sequence"));
  }
  const auto budget = static_cast<std::size_t>(maxLength - numSpecialTokens);
  if (budget == 0) {
    a.clear();
    if (b != nullptr) {
      b->clear();
    }
    return;
  }
  const std::size_t total = a.size() + (b != nullptr ? b->size() : 0);
  if (total <= budget) {
    return;
  }
  const std::size_t toRemove = total - budget;
  switch (strategy) {
    case TruncationStrategy::LongestFirst: {
      if (b == nullptr) {
        a.resize(budget);
        return;
      }
      // tokenizers' closed form: the shorter keeps its length if the longer can absorb the cut,
      // else both get half (the second sequence gets the odd token).
      std::size_t n1 = a.size();
      std::size_t n2 = b->size();
      const bool swapped = n1 > n2;
      if (swapped) {
        std::swap(n1, n2);
      }
      n2 = n1 > budget ? n1 : std::max(n1, budget - n1);
      if (n1 + n2 > budget) {
        n1 = budget / 2;
        n2 = n1 + budget % 2;
      }
      if (swapped) {
        std::swap(n1, n2);
      }
      a.resize(std::min(a.size(), n1));
      b->resize(std::min(b->size(), n2));
      return;
    }
    case TruncationStrategy::OnlyFirst:
    case TruncationStrategy::OnlySecond: {
      std::vector<int64_t>* target = &a;
      if (strategy == TruncationStrategy::OnlySecond) {
        if (b == nullptr) {
          throw Error(ErrorCode::Config,
                      "truncation only_second needs a second sequence, but there is none (" +
                          std::to_string(total + static_cast<std::size_t>(numSpecialTokens)) +
                          " tokens > max_length " + std::to_string(maxLength) + ")");
        }
        target = b;
      }
      if (target->size() <= toRemove) {
        throw Error(ErrorCode::Config, "truncation " + std::string(strategyName(strategy)) +
                                           " cannot reach max_length " + std::to_string(maxLength) +
                                           ": it would have to remove " + std::to_string(toRemove) +
                                           " tokens from a sequence of " +
                                           std::to_string(target->size()));
      }
      target->resize(target->size() - toRemove);
      return;
    }
    case TruncationStrategy::DoNotTruncate:
      return;
  }
}

}  // namespace childtune::core::detail
