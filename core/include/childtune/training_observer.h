#pragma once
// Progress of a training run, reported from the training thread (torch-free value types only).
// Every method is called on the training thread and must return quickly: the GUI adapter just
// copies the values into queued signals.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "childtune/fisher_summary.h"
#include "childtune/weight_movement.h"

namespace childtune::core {

enum class Phase { Loading, Tokenizing, Fisher, Training, Evaluating, Paused, Finished };
std::string_view toString(Phase phase);

struct StepStats {
  int64_t step = 0;  // optimizer steps done (1-based)
  int64_t totalSteps = 0;
  int epoch = 0;                   // 0-based
  double loss = 0.0;               // this batch's loss
  double learningRate = 0.0;       // lr used for this step
  double gradNorm = 0.0;           // global L2 norm before clipping
  double examplesPerSecond = 0.0;  // over the last step
  double tokensPerSecond = 0.0;
  double elapsedSeconds = 0.0;
  // Child-Tuning_F only, every StepStats::kDensityEvery steps (else empty): the fraction of
  // gradient elements the sampled mask kept, per encoder layer (index = layer).
  std::vector<double> maskDensityByLayer;
  static constexpr int64_t kDensityEvery = 10;
};

struct EvalStats {
  int64_t step = 0;
  int epoch = 0;
  std::string split;                                    // "dev", "dev_mismatched"
  std::vector<std::pair<std::string, double>> metrics;  // "accuracy" -> 0.71, ...
  double combined = 0.0;                                // GLUE combined score (mean of the metrics)
  double loss = 0.0;
};

struct ChildNetworkStats {
  double pD = 0.0;
  double threshold = 0.0;
  int64_t selected = 0;
  int64_t total = 0;
};

// Identity of a run's inputs, reported once after loading (for the run store).
struct RunInputs {
  std::string modelDir;
  std::string weightsSha256;  // of the weight file(s), concatenated in shard order
  std::vector<std::pair<std::string, std::string>> dataFiles;  // path -> SHA-256
  std::string device;                                          // "cpu (2 threads)", "cuda:0 (H100)"
  std::string programVersion;
  int64_t trainExamples = 0;
  int64_t totalSteps = 0;
  int numLayers = 0;
};

struct CheckpointInfo {
  int64_t step = 0;
  std::string dir;  // holds model.safetensors, optimizer.safetensors, state.json
};

class TrainingObserver {
 public:
  virtual ~TrainingObserver() = default;
  virtual void onPhase(Phase phase) { (void)phase; }
  virtual void onStep(const StepStats& stats) { (void)stats; }
  virtual void onEvaluation(const EvalStats& stats) { (void)stats; }
  virtual void onFisherProgress(int64_t done, int64_t total) { (void)done, (void)total; }
  virtual void onChildNetwork(const ChildNetworkStats& stats) { (void)stats; }
  virtual void onLog(const std::string& line) { (void)line; }
  virtual void onInputs(const RunInputs& inputs) { (void)inputs; }
  // Child-Tuning_D variants, once after the Fisher pass: the cached scores (shared, immutable,
  // thread-safe to query from any thread) and the summary at the run's p_D.
  virtual void onFisherAnalysis(const std::shared_ptr<const FisherAnalysis>& analysis,
                                const FisherSummary& summary) {
    (void)analysis, (void)summary;
  }
  // The masks actually used (ablations included), once before the first step.
  virtual void onChildMasks(const std::vector<PackedMask>& masks) { (void)masks; }
  // After a checkpoint was written completely (atomically renamed into place).
  virtual void onCheckpoint(const CheckpointInfo& info) { (void)info; }
  // Once at the end of a run that trained, after the last evaluation: how far each tensor moved
  // from the pretrained weights. Not for a stopped run (measuring re-reads the checkpoint, and a
  // stop must stay quick).
  virtual void onWeightMovement(const WeightMovement& movement) { (void)movement; }
};

}  // namespace childtune::core
