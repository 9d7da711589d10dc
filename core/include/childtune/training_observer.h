#pragma once
// Progress of a training run, reported from the training thread (torch-free value types only).
// Every method is called on the training thread and must return quickly: the GUI adapter just
// copies the values into queued signals.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace childtune::core {

enum class Phase { Loading, Tokenizing, Fisher, Training, Evaluating, Finished };
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

class TrainingObserver {
 public:
  virtual ~TrainingObserver() = default;
  virtual void onPhase(Phase phase) { (void)phase; }
  virtual void onStep(const StepStats& stats) { (void)stats; }
  virtual void onEvaluation(const EvalStats& stats) { (void)stats; }
  virtual void onFisherProgress(int64_t done, int64_t total) { (void)done, (void)total; }
  virtual void onChildNetwork(const ChildNetworkStats& stats) { (void)stats; }
  virtual void onLog(const std::string& line) { (void)line; }
};

}  // namespace childtune::core
