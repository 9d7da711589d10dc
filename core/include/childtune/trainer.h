#pragma once
// The training facade: one call runs a whole fine-tuning job (load, tokenize, Fisher for
// Child-Tuning_D, train, evaluate) on the calling thread. Torch-free header.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "childtune/fisher_summary.h"
#include "childtune/run_config.h"
#include "childtune/training_observer.h"

namespace childtune::core {

struct RunResult {
  RunConfig config;
  std::vector<EvalStats> evaluations;  // in order
  EvalStats final;  // last evaluation on the main dev split (what the paper reports)
  EvalStats best;   // best combined score on the main dev split
  int64_t steps = 0;
  int64_t trainExamples = 0;
  double trainSeconds = 0.0;
  double fisherSeconds = 0.0;
  double totalSeconds = 0.0;
  std::optional<ChildNetworkStats> childNetwork;  // the ct-d variants
  double childFraction =
      1.0;  // fraction of maskable elements in the child network (1 for vanilla, p_F for ct-f)
  std::vector<double> losses;  // per step

  std::string toJson() const;
};

struct LoadedCheckpoint;

// What `childtune-cli fisher` and the GUI's "estimate only" produce: the Fisher pass and the
// child network, without training.
struct ChildNetworkResult {
  RunConfig config;
  std::shared_ptr<const FisherAnalysis> analysis;
  FisherSummary summary;          // at the config's p_D
  std::vector<PackedMask> masks;  // the child network actually selected (ablations included)
  ChildNetworkStats stats;
  double fisherSeconds = 0.0;
};

class Trainer {
 public:
  // REQUIRES: observer outlives the Trainer (may be nullptr).
  Trainer(RunConfig config, TrainingObserver* observer);
  ~Trainer();
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  // Runs the job. Throws childtune::Error (Config before any work for bad settings; Cancelled
  // when stopped; Numerical for NaN/Inf loss naming the step; Data/Io/Model for bad inputs).
  RunResult run();
  // Continues the run saved in `checkpointDir` (written by this run's config with
  // checkpointEverySteps): weights, optimizer moments, scheduler position, data order and RNG
  // state are restored, so on the CPU the rest of the run is bit-for-bit the uninterrupted one.
  // Throws Error{Io/Data} naming the file for a missing or corrupt checkpoint, Error{Config}
  // when the checkpoint's config differs from this Trainer's in anything but outDir/threads.
  RunResult resume(const std::string& checkpointDir);
  // Loads, tokenizes and runs only the Fisher pass and the selection. REQUIRES a ct-d method
  // (Error{Config} otherwise).
  ChildNetworkResult computeChildNetwork();
  // The configuration a checkpoint was written with (to resume it). Throws like resume().
  static RunConfig checkpointConfig(const std::string& checkpointDir);

  // Thread-safe: the run stops at the next check (between steps, inside Fisher and evaluation).
  void requestStop();
  // Thread-safe: training waits between steps (Phase::Paused) until resumeTraining() or a stop.
  void requestPause();
  void resumeTraining();
  bool paused() const;
  const std::atomic<bool>& stopFlag() const { return stop_; }

 private:
  RunResult execute(const LoadedCheckpoint* resume);

  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> stop_{false};
};

}  // namespace childtune::core
