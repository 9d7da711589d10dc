#pragma once
// The `tokenizers` pipeline behind every Tokenizer: added tokens -> normalizer -> pre-tokenizer
// -> model -> truncation -> post-processor.

#include <memory>
#include <string>

#include "childtune/tokenizer.h"
#include "tokenize/added_vocabulary.h"
#include "tokenize/model.h"
#include "tokenize/normalizer.h"
#include "tokenize/post_processor.h"
#include "tokenize/pre_tokenizer.h"

namespace childtune::core::detail {

struct TokenizerPipeline {
  std::unique_ptr<Normalizer> normalizer;      // may be null
  std::unique_ptr<PreTokenizer> preTokenizer;  // may be null: each piece is one word
  std::unique_ptr<TokenizerModel> model;
  AddedVocabulary added;
  PostProcessor postProcessor = PostProcessor::none();
  int64_t padId = 0;
};

class PipelineTokenizer final : public Tokenizer {
 public:
  // REQUIRES: pipeline.model is set.
  explicit PipelineTokenizer(TokenizerPipeline pipeline);

  TokenizerKind kind() const override { return pipeline_.model->kind(); }
  Encoding encode(std::string_view text, std::optional<std::string_view> pair,
                  const EncodeOptions& options) const override;
  std::vector<std::string> tokenize(std::string_view text) const override;
  int64_t vocabSize() const override;
  std::optional<int64_t> tokenToId(std::string_view token) const override;
  std::string idToToken(int64_t id) const override;
  int64_t padId() const override { return pipeline_.padId; }
  int numSpecialTokens(bool pair) const override {
    return pipeline_.postProcessor.numSpecialTokens(pair);
  }

  void setPadId(int64_t id) { pipeline_.padId = id; }

  // The ids of one sequence without special tokens or truncation.
  std::vector<int64_t> encodeSequence(std::string_view text, std::string_view what) const;

 private:
  TokenizerPipeline pipeline_;
};

}  // namespace childtune::core::detail
