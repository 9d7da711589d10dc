#pragma once
// Step-through of Child-Tuning for teaching: a tiny BERT made in memory, trained one real
// optimizer step at a time by the real ChildTuningAdamW with the real Bernoulli / Fisher masks,
// reporting for a small block of one weight matrix exactly what the optimizer saw and did.
//
// Torch-free: the Learn view includes this header. Everything runs on the caller's thread; a
// step of the tiny model takes about a millisecond on a CPU.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "childtune/run_config.h"

namespace childtune::core {

struct StepThroughOptions {
  Method method = Method::ChildTuningF;  // any Method; the ct-d variants estimate Fisher once
  double p = 0.3;                        // p_F or p_D in (0, 1]; ignored by Vanilla
  double learningRate = 3e-3;  // constant, no warmup or decay: the tiny model learns in ~50 steps
  double weightDecay = 0.01;   // AdamW decoupled decay on weights (not biases/LayerNorm)
  double maxGradNorm = 1.0;    // global L2 clip before the mask, as in training
  uint64_t seed = 42;          // model init, data, batch order and Bernoulli masks
  // The watched weight matrix, a Hugging Face name of the tiny model (see watchableParameters()).
  // The default, layer 0's value matrix, holds a good share of Child-Tuning_D's child network at
  // p_D = 0.3; at initialisation query and key get almost no Fisher information (the attention
  // is nearly uniform, so their gradients are tiny) and fall entirely outside it.
  std::string parameter = "bert.encoder.layer.0.attention.self.value.weight";
  int blockRows = 8;  // the top-left blockRows x blockCols of the matrix (clamped to its shape)
  int blockCols = 8;

  // Throws Error{Config} naming the field and value.
  void validate() const;
};

// A row-major rows x cols block of float32 values.
struct MatrixBlock {
  int rows = 0;
  int cols = 0;
  std::vector<float> values;  // size rows * cols

  float at(int row, int col) const {
    return values[static_cast<size_t>(row) * static_cast<size_t>(cols) + static_cast<size_t>(col)];
  }
  bool empty() const { return values.empty(); }
};

// What does not change between steps.
struct StepThroughInfo {
  StepThroughOptions options;    // as given, block size clamped to the matrix
  std::string modelDescription;  // "BERT, 2 layers, hidden 16, 2 heads, vocabulary 40"
  int64_t matrixRows = 0;        // shape of the whole watched matrix (out x in features)
  int64_t matrixCols = 0;
  int64_t totalParameters = 0;     // elements in the whole model
  int64_t maskableParameters = 0;  // encoder-layer elements (what Child-Tuning_D may mask)
  int64_t trainExamples = 0;       // synthetic sentiment examples
  int batchSize = 0;
  // Child-Tuning_D only (empty / 0 otherwise): Fisher scores of the watched block, estimated
  // once before training with estimateFisher, and the child network chosen by
  // selectChildNetwork (one global threshold over all encoder weights).
  MatrixBlock fisher;
  double fisherThreshold = 0.0;
  int64_t childSelected = 0;
  MatrixBlock initialWeights;  // the watched block before the first step
};

// One optimizer step, exactly as ChildTuningAdamW performed it, for the watched block.
struct StepFrame {
  int64_t step = 0;        // 1 for the first optimizer step
  double loss = 0.0;       // the training batch's loss, computed before this update
  double gradNorm = 0.0;   // global L2 norm of all gradients before clipping
  double clipScale = 1.0;  // factor clipping applied to every gradient (1 = not clipped)
  double learningRate = 0.0;
  MatrixBlock weightsBefore;
  MatrixBlock gradient;        // after global clipping, before the mask
  MatrixBlock mask;            // 0/1: the Bernoulli draw of this step (F) or the fixed child (D)
  MatrixBlock maskedGradient;  // what Adam received: grad * mask / p (F), grad * mask (D)
  MatrixBlock update;          // weightsAfter - weightsBefore (Adam step plus weight decay)
  MatrixBlock weightsAfter;
  // Over all elements of the model: the fraction whose gradient passed the mask this step.
  double keptFraction = 1.0;
};

// What the Learn view drives; StepThrough is the real implementation.
class StepSource {
 public:
  virtual ~StepSource() = default;
  virtual const StepThroughInfo& info() const = 0;
  // Runs one optimizer step. Throws childtune::Error (e.g. Numerical for a non-finite loss).
  virtual StepFrame step() = 0;
};

class StepThrough final : public StepSource {
 public:
  // Builds the tiny model and data from options.seed; for the ct-d methods estimates Fisher
  // scores over the whole synthetic training set and selects the child network.
  // Throws Error{Config} for invalid options or an unknown parameter name.
  explicit StepThrough(const StepThroughOptions& options);
  ~StepThrough() override;
  StepThrough(const StepThrough&) = delete;
  StepThrough& operator=(const StepThrough&) = delete;

  const StepThroughInfo& info() const override;
  StepFrame step() override;

  // Weight matrices of the tiny model worth watching (2-D encoder weights), in model order.
  static std::vector<std::string> watchableParameters();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace childtune::core
