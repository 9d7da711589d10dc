#pragma once
// RunRecorder: a TrainingObserver that writes a run into the run store as it trains.
//
// Steps are buffered and written in one transaction every `batchSteps` steps or `batchInterval`,
// whichever comes first, so logging costs the training thread one short commit per batch;
// evaluations, checkpoints, the Fisher summary, masks and weight maps are written at once
// (with the pending steps). A killed process leaves only whole batches, and the next open of
// the store marks the run `interrupted`.
//
// Threads: every method is called on the training thread, or by the thread that ran the
// Trainer after run()/resume() returned. The recorder owns its own store connection, so other
// threads read the store through their own RunStore meanwhile.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "childtune/error.h"
#include "childtune/run_config.h"
#include "childtune/run_store.h"
#include "childtune/training_observer.h"

namespace childtune::core {

struct RecorderOptions {
  int64_t batchSteps = 50;                        // steps per transaction, at most
  std::chrono::milliseconds batchInterval{1000};  // a pending step waits at most this long
  int weightMapSide = 64;                         // pooled tiles per tensor; 0 = none
};

class RunRecorder final : public TrainingObserver {
 public:
  // Records a new run of `config` (validated) as `running`, owned by this process. Every event
  // is passed on to `next` (may be nullptr; must outlive the recorder) before it is recorded.
  // Throws Error when the store cannot be opened or written.
  static std::unique_ptr<RunRecorder> start(const std::filesystem::path& storePath,
                                            const RunConfig& config,
                                            TrainingObserver* next = nullptr,
                                            RecorderOptions options = {},
                                            const std::string& name = {});
  // Continues run `runId` from its checkpoint at step `fromStep`: what was recorded after that
  // step is dropped (the resumed run records it again) and the run is `running` again.
  // Throws Error{Config} for a finished run or one still running in a live process.
  static std::unique_ptr<RunRecorder> resume(const std::filesystem::path& storePath, int64_t runId,
                                             int64_t fromStep, TrainingObserver* next = nullptr,
                                             RecorderOptions options = {});
  // Flushes; a run neither finished nor failed by then is marked failed. Never throws.
  ~RunRecorder() override;
  RunRecorder(const RunRecorder&) = delete;
  RunRecorder& operator=(const RunRecorder&) = delete;

  int64_t runId() const { return runId_; }
  RunStore& store() { return store_; }

  // Writes what is pending now. Throws Error (disk full, ...); the pending rows are kept.
  void flush();
  // Flushes and marks the run finished with its final metrics. Throws Error.
  void finish();
  // Marks the run stopped (Error{Cancelled}) or failed with the error's text, after flushing
  // what it can. Never throws: when even that write fails (disk full), the run stays `running`
  // and the next open of the store marks it interrupted.
  void fail(const Error& error) noexcept;
  void fail(const std::string& message) noexcept;

  void onPhase(Phase phase) override;
  void onStep(const StepStats& stats) override;
  void onEvaluation(const EvalStats& stats) override;
  void onFisherProgress(int64_t done, int64_t total) override;
  void onChildNetwork(const ChildNetworkStats& stats) override;
  void onLog(const std::string& line) override;
  void onInputs(const RunInputs& inputs) override;
  void onFisherAnalysis(const std::shared_ptr<const FisherAnalysis>& analysis,
                        const FisherSummary& summary) override;
  void onChildMasks(const std::vector<PackedMask>& masks) override;
  void onCheckpoint(const CheckpointInfo& info) override;
  // Passed on only: the run store has no table for it (the GUI shows it for the current run).
  void onWeightMovement(const WeightMovement& movement) override;

 private:
  RunRecorder(RunStore store, int64_t runId, TrainingObserver* next, RecorderOptions options);
  void end(RunStatus status, const std::string& message) noexcept;

  RunStore store_;
  int64_t runId_;
  TrainingObserver* next_;
  RecorderOptions options_;
  std::vector<StepStats> pendingSteps_;
  std::vector<EvalStats> pendingEvals_;
  std::vector<CheckpointInfo> pendingCheckpoints_;
  std::chrono::steady_clock::time_point lastFlush_;
  bool ended_ = false;
};

}  // namespace childtune::core
