#include "tokenize/pipeline_tokenizer.h"

#include <algorithm>

#include "tokenize/unicode.h"

namespace childtune::core::detail {

PipelineTokenizer::PipelineTokenizer(TokenizerPipeline pipeline) : pipeline_(std::move(pipeline)) {}

std::vector<int64_t> PipelineTokenizer::encodeSequence(std::string_view text,
                                                       std::string_view what) const {
  validateUtf8(text, what);
  std::vector<int64_t> ids;
  std::vector<AddedVocabulary::Split> rawPieces;
  std::vector<AddedVocabulary::Split> normalizedPieces;
  std::vector<std::string> words;
  std::string normalized;
  pipeline_.added.splitRaw(text, rawPieces);
  for (const auto& raw : rawPieces) {
    if (raw.id) {
      ids.push_back(*raw.id);
      continue;
    }
    normalized =
        pipeline_.normalizer ? pipeline_.normalizer->normalize(raw.text) : std::string(raw.text);
    normalizedPieces.clear();
    pipeline_.added.splitNormalized(normalized, normalizedPieces);
    for (const auto& piece : normalizedPieces) {
      if (piece.id) {
        ids.push_back(*piece.id);
        continue;
      }
      words.clear();
      if (pipeline_.preTokenizer) {
        pipeline_.preTokenizer->split(piece.text, words);
      } else {
        words.emplace_back(piece.text);
      }
      for (const std::string& word : words) {
        pipeline_.model->tokenize(word, ids);
      }
    }
  }
  return ids;
}

Encoding PipelineTokenizer::encode(std::string_view text, std::optional<std::string_view> pair,
                                   const EncodeOptions& options) const {
  std::vector<int64_t> a = encodeSequence(text, "the text");
  std::optional<std::vector<int64_t>> b;
  // transformers tests `if text_pair:`, so an empty pair is no pair at all.
  if (pair && !pair->empty()) {
    b = encodeSequence(*pair, "the text pair");
  }
  std::vector<int64_t>* bPtr = b ? &*b : nullptr;
  const int special =
      options.addSpecialTokens ? pipeline_.postProcessor.numSpecialTokens(bPtr != nullptr) : 0;
  truncateSequences(a, bPtr, options.maxLength, options.truncation, special);

  Encoding encoding;
  pipeline_.postProcessor.apply(a, bPtr, options.addSpecialTokens, encoding.ids, encoding.typeIds);
  encoding.attentionMask.assign(encoding.ids.size(), 1);
  encoding.tokens.reserve(encoding.ids.size());
  for (int64_t id : encoding.ids) {
    encoding.tokens.push_back(idToToken(id));
  }
  return encoding;
}

std::vector<std::string> PipelineTokenizer::tokenize(std::string_view text) const {
  std::vector<std::string> tokens;
  for (int64_t id : encodeSequence(text, "the text")) {
    tokens.push_back(idToToken(id));
  }
  return tokens;
}

int64_t PipelineTokenizer::vocabSize() const {
  int64_t size = pipeline_.model->vocab().size();
  const auto& added = pipeline_.added.tokensById();
  if (!added.empty()) {
    size = std::max(size, added.rbegin()->first + 1);
  }
  return size;
}

std::optional<int64_t> PipelineTokenizer::tokenToId(std::string_view token) const {
  if (auto id = pipeline_.added.find(token)) {
    return id;
  }
  return pipeline_.model->vocab().find(token);
}

std::string PipelineTokenizer::idToToken(int64_t id) const {
  if (const AddedToken* token = pipeline_.added.tokenForId(id)) {
    return token->content;
  }
  return std::string(pipeline_.model->vocab().token(id));
}

}  // namespace childtune::core::detail
