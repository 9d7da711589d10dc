#pragma once
// Where fine-tuning moved the weights: |Δw| = |w_trained - w_pretrained| per parameter tensor and
// per encoder layer x module kind (the grid of the FisherSummary heatmap), as torch-free values
// for the GUI, the CLI and tests. The trainer measures it once at the end of a run by re-reading
// the pretrained tensors from the model folder one at a time (no second copy of the model is
// held during the run) and reports it through TrainingObserver::onWeightMovement.

#include <cstdint>
#include <string>
#include <vector>

#include "childtune/model_info.h"

namespace childtune::core {

// Sums over a set of elements, from which every statistic below derives; sums, so that tensors
// add up to cells exactly.
struct MovementSums {
  int64_t elements = 0;
  int64_t changed = 0;             // elements with Δw != 0 (exactly)
  double sumAbsDelta = 0.0;        // Σ |Δw|
  double maxAbsDelta = 0.0;        // max |Δw|
  double sumSquaredDelta = 0.0;    // Σ Δw²   (||Δw||²)
  double sumSquaredInitial = 0.0;  // Σ w0²   (||w0||²)

  void add(const MovementSums& other);
  double meanAbsDelta() const;    // Σ|Δw| / elements; 0 when empty
  double deltaNorm() const;       // ||Δw||_2
  double initialNorm() const;     // ||w0||_2
  double relativeChange() const;  // ||Δw|| / ||w0||; 0 when ||w0|| = 0 and nothing moved
  double changedFraction() const;
};

// One compared parameter tensor.
struct TensorMovement {
  std::string name;  // Hugging Face parameter name
  int layer = -1;    // encoder layer, -1 outside the layers (embeddings, pooler, head)
  ModuleKind kind = ModuleKind::Other;
  std::vector<int64_t> shape;
  MovementSums sums;
};

// One encoder layer x module kind cell: the sums of its tensors.
struct MovementCell {
  int layer = 0;
  ModuleKind kind = ModuleKind::Other;
  MovementSums sums;
};

struct WeightMovement {
  int64_t step = 0;  // optimizer steps done when measured
  int numLayers = 0;
  std::vector<ModuleKind> kinds;        // columns, in the FisherSummary's display order
  std::vector<MovementCell> cells;      // numLayers x kinds.size(), row-major by layer
  std::vector<TensorMovement> tensors;  // every compared parameter, in model order
  // Parameters with no pretrained counterpart (a freshly initialised classifier head or pooler):
  // not compared.
  std::vector<std::string> notPretrained;
  MovementSums encoder;  // all encoder-layer tensors together
  MovementSums overall;  // every compared tensor

  bool empty() const { return tensors.empty(); }
  // nullptr when the layer/kind pair has no parameters.
  const MovementCell* cell(int layer, ModuleKind kind) const;
  const TensorMovement* tensor(const std::string& name) const;
};

// Groups per-tensor sums into the layer x kind grid: encoder-layer tensors (layer >= 0) only,
// kinds in the order Query, Key, Value, AttentionOutput, Intermediate, Output, LayerNorm, ...
// (those present), as FisherAnalysis::summarize does. `numLayers` may exceed the largest layer
// seen (empty cells are kept so the grid is complete).
WeightMovement summarizeMovement(std::vector<TensorMovement> tensors, int numLayers,
                                 int64_t step = 0);

}  // namespace childtune::core
