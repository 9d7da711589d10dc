#pragma once
// Loading Hugging Face checkpoints (safetensors) into a SequenceClassifier, and exporting one
// back in a form `transformers` loads.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "childtune/model_info.h"
#include "model/transformer.h"

namespace childtune::core {

struct LoadOptions {
  std::optional<int64_t> numLabels;  // default: the config's num_labels
  uint64_t seed = 42;                // for heads the checkpoint lacks
  torch::Device device = torch::kCPU;
};

struct LoadReport {
  std::vector<std::string> initialized;  // parameters not in the checkpoint, freshly initialised
  std::vector<std::string> unexpected;   // checkpoint tensors the model has no use for
  std::vector<std::string> reinitializedMismatched;  // head tensors whose shape did not fit
};

struct LoadedModel {
  ModelFiles files;
  ModelConfig config;
  SequenceClassifier model{nullptr};
  LoadReport report;
};

// Builds the architecture from config.json and copies the weights in. Accepts names with or
// without the architecture prefix, legacy LayerNorm gamma/beta, and F32/F16/BF16/F64 storage
// (converted to float32). Weights are copied straight from the memory-mapped file into the
// parameters: no second full copy is ever held.
// Throws Error{Model} naming the file and tensor for a missing encoder tensor, a shape mismatch
// or a non-float dtype; the classification head and BERT's pooler may be absent (initialised
// from options.seed like transformers does).
LoadedModel loadPretrained(const std::filesystem::path& dir, const LoadOptions& options = {});

// Copies the weights of `files` into `model` (same rules as loadPretrained).
LoadReport loadWeights(SequenceClassifier& model, const ModelFiles& files, uint64_t seed);

// Writes `model` as a Hugging Face model folder: model.safetensors (float32, HF names) and
// config.json (with num_labels and architectures). Tokenizer files are the caller's business.
void exportModel(SequenceClassifier& model, const std::filesystem::path& dir);

}  // namespace childtune::core
