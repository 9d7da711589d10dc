#pragma once
// Fisher information estimation and child-network selection for Child-Tuning_D.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "model/transformer.h"
#include "train/batch.h"

namespace childtune::core {

enum class FisherEstimator {
  BatchClipped,  // the released code: per batch, each tensor's gradient clipped to L2 norm <= 1,
                 // squared, averaged over batches
  PerExample,    // the paper's definition: squared per-example gradients, averaged over examples
};

struct FisherOptions {
  FisherEstimator estimator = FisherEstimator::BatchClipped;
  double maxGradNorm = 1.0;  // per-tensor clip for BatchClipped
};

// Which parameters Child-Tuning_D may mask: the released rule, names containing "layer" (the
// encoder layers); embeddings, pooler and classifier are never masked.
bool isMaskableParameter(const std::string& name);

struct FisherScores {
  std::vector<std::string> names;     // maskable parameters, in model order
  std::vector<torch::Tensor> scores;  // float32 CPU, shaped like each parameter
  int64_t batches = 0;                // batches (or examples, PerExample) averaged over
  int64_t numElements() const;
};

// Progress: (batches done, batches total). Stop: polled between batches; a stop throws
// Error{Cancelled}. The model is left in training mode with zeroed gradients.
FisherScores estimateFisher(SequenceClassifier& model, const std::vector<Batch>& batches,
                            const FisherOptions& options, const torch::Device& device,
                            const std::function<void(int64_t, int64_t)>& progress = {},
                            const std::atomic<bool>* stop = nullptr);
// The same over `count` batches (holding `examples` examples in all) made on demand by
// `batchAt(i)`, collated one at a time, so a large training set is never held as tensors at once.
FisherScores estimateFisher(SequenceClassifier& model, int64_t count, int64_t examples,
                            const std::function<Batch(int64_t)>& batchAt,
                            const FisherOptions& options, const torch::Device& device,
                            const std::function<void(int64_t, int64_t)>& progress = {},
                            const std::atomic<bool>* stop = nullptr);

// numpy.percentile(values, q) with the default 'linear' method, reproduced exactly (float32
// data interpolated in float32, as numpy 1.26 does for a float32 array and a scalar q), found in
// O(n) without copying or sorting the data (fisher/order_statistics.h). REQUIRES: no NaN (throws
// Error{Numerical}), 0 <= q <= 100, at least one element.
double percentile(const std::vector<const float*>& chunks, const std::vector<int64_t>& sizes,
                  double q);

enum class SelectionRule {
  TopFisher,     // Child-Tuning_D: scores >= the global percentile at 100 (1 - p_D)
  LowestFisher,  // ablation: the lowest-scoring elements, same count
  Random,        // ablation: a random child network of the same size
};

struct ChildNetwork {
  std::vector<std::string> names;
  std::vector<torch::Tensor> masks;  // bool, shaped like each parameter
  double threshold = 0.0;            // the global Fisher cut-off (TopFisher)
  int64_t selected = 0;
  int64_t total = 0;
  double fraction() const {
    return total > 0 ? static_cast<double>(selected) / static_cast<double>(total) : 0.0;
  }
};

// REQUIRES: 0 < pD <= 1. `seed` drives the Random rule only.
ChildNetwork selectChildNetwork(const FisherScores& fisher, double pD,
                                SelectionRule rule = SelectionRule::TopFisher, uint64_t seed = 0);

}  // namespace childtune::core
