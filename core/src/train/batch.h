#pragma once
// A padded batch of encoded examples, ready for the model.

#include <cstdint>
#include <vector>

#include <torch/torch.h>

#include "childtune/tokenizer.h"

namespace childtune::core {

struct Batch {
  torch::Tensor inputIds;       // (B, T) int64, padded with the tokenizer's pad id
  torch::Tensor tokenTypeIds;   // (B, T) int64
  torch::Tensor attentionMask;  // (B, T) int64, 1 for real tokens
  torch::Tensor labels;         // (B) int64 class ids, or (B) float32 regression targets
  int64_t numTokens = 0;        // real (unpadded) tokens in the batch

  int64_t size() const { return inputIds.defined() ? inputIds.size(0) : 0; }
  Batch to(const torch::Device& device) const;
};

// Pads `encodings` to the longest one (or to `padTo` when > 0, as the released code pads to 128),
// then up to a multiple of `padMultiple`: on a GPU, 8 keeps the number of distinct batch shapes
// small (kernels that build a plan per shape, such as cuDNN attention, build a few instead of one
// per batch) and the matrix sizes tensor-core friendly.
// labels: class ids (regression == false) or scores (regression == true), one per encoding.
Batch collate(const std::vector<const Encoding*>& encodings, const std::vector<int64_t>& classIds,
              const std::vector<float>& scores, bool regression, int64_t padId, int64_t padTo = 0,
              int64_t padMultiple = 1);

// The padding multiple the trainer uses on `device`: 8 on CUDA, 1 (none) elsewhere.
int64_t padMultipleFor(const torch::Device& device);

}  // namespace childtune::core
