#include "childtune/run_recorder.h"

#include <algorithm>
#include <utility>

namespace childtune::core {

std::unique_ptr<RunRecorder> RunRecorder::start(const std::filesystem::path& storePath,
                                                const RunConfig& config, TrainingObserver* next,
                                                RecorderOptions options, const std::string& name) {
  RunStore store(storePath);
  const int64_t id = store.createRun(config, RunStatus::Running, name);
  return std::unique_ptr<RunRecorder>(new RunRecorder(std::move(store), id, next, options));
}

std::unique_ptr<RunRecorder> RunRecorder::resume(const std::filesystem::path& storePath,
                                                 int64_t runId, int64_t fromStep,
                                                 TrainingObserver* next, RecorderOptions options) {
  RunStore store(storePath);  // opening marks the run interrupted if its process is gone
  const RunRecord record = store.run(runId);
  if (record.status == RunStatus::Finished) {
    throw Error(ErrorCode::Config, "run " + std::to_string(runId) + " has already finished");
  }
  if (record.status == RunStatus::Running) {
    throw Error(ErrorCode::Config,
                "run " + std::to_string(runId) + " is still running (pid " +
                    std::to_string(record.ownerPid) + " on " + record.ownerHost + ")",
                "stop that process first");
  }
  {
    RunStore::Batch batch(store);
    store.truncateAfter(runId, fromStep);
    store.markRunning(runId);
    batch.commit();
  }
  return std::unique_ptr<RunRecorder>(new RunRecorder(std::move(store), runId, next, options));
}

RunRecorder::RunRecorder(RunStore store, int64_t runId, TrainingObserver* next,
                         RecorderOptions options)
    : store_(std::move(store)),
      runId_(runId),
      next_(next),
      options_(options),
      lastFlush_(std::chrono::steady_clock::now()) {
  pendingSteps_.reserve(static_cast<size_t>(std::max<int64_t>(options_.batchSteps, 1)));
}

RunRecorder::~RunRecorder() {
  if (!ended_) {
    end(RunStatus::Failed, "the run ended without reporting a result");
  }
}

void RunRecorder::flush() {
  if (pendingSteps_.empty() && pendingEvals_.empty() && pendingCheckpoints_.empty()) {
    lastFlush_ = std::chrono::steady_clock::now();
    return;
  }
  RunStore::Batch batch(store_);
  store_.appendSteps(runId_, pendingSteps_);
  for (const auto& e : pendingEvals_) {
    store_.addEvaluation(runId_, e);
  }
  for (const auto& c : pendingCheckpoints_) {
    store_.addCheckpoint(runId_, c);
  }
  batch.commit();
  pendingSteps_.clear();
  pendingEvals_.clear();
  pendingCheckpoints_.clear();
  lastFlush_ = std::chrono::steady_clock::now();
}

void RunRecorder::finish() {
  flush();
  store_.markFinished(runId_);
  ended_ = true;
}

void RunRecorder::fail(const Error& error) noexcept {
  end(error.code() == ErrorCode::Cancelled ? RunStatus::Stopped : RunStatus::Failed, error.what());
}

void RunRecorder::fail(const std::string& message) noexcept { end(RunStatus::Failed, message); }

void RunRecorder::end(RunStatus status, const std::string& message) noexcept {
  ended_ = true;
  try {
    flush();
  } catch (const std::exception&) {
    // The rows could not be written (disk full?): the status below matters more.
    pendingSteps_.clear();
    pendingEvals_.clear();
    pendingCheckpoints_.clear();
  }
  try {
    store_.markEnded(runId_, status, message);
  } catch (const std::exception&) {
    // Left `running`: the next open of the store marks it interrupted once this process ends.
  }
}

void RunRecorder::onPhase(Phase phase) {
  if (next_ != nullptr) {
    next_->onPhase(phase);
  }
  // Make everything visible before a wait (pause) or the end.
  if (phase == Phase::Paused || phase == Phase::Finished || phase == Phase::Evaluating) {
    flush();
  }
}

void RunRecorder::onStep(const StepStats& stats) {
  if (next_ != nullptr) {
    next_->onStep(stats);
  }
  pendingSteps_.push_back(stats);
  if (static_cast<int64_t>(pendingSteps_.size()) >= options_.batchSteps ||
      std::chrono::steady_clock::now() - lastFlush_ >= options_.batchInterval) {
    flush();
  }
}

void RunRecorder::onEvaluation(const EvalStats& stats) {
  if (next_ != nullptr) {
    next_->onEvaluation(stats);
  }
  pendingEvals_.push_back(stats);
  flush();
}

void RunRecorder::onFisherProgress(int64_t done, int64_t total) {
  if (next_ != nullptr) {
    next_->onFisherProgress(done, total);
  }
}

void RunRecorder::onChildNetwork(const ChildNetworkStats& stats) {
  if (next_ != nullptr) {
    next_->onChildNetwork(stats);
  }
}

void RunRecorder::onLog(const std::string& line) {
  if (next_ != nullptr) {
    next_->onLog(line);
  }
}

void RunRecorder::onInputs(const RunInputs& inputs) {
  if (next_ != nullptr) {
    next_->onInputs(inputs);
  }
  store_.setInputs(runId_, inputs);
}

void RunRecorder::onFisherAnalysis(const std::shared_ptr<const FisherAnalysis>& analysis,
                                   const FisherSummary& summary) {
  if (next_ != nullptr) {
    next_->onFisherAnalysis(analysis, summary);
  }
  std::vector<WeightMap> maps;
  if (analysis != nullptr && options_.weightMapSide > 0) {
    maps.reserve(analysis->tensors().size());
    for (const auto& t : analysis->tensors()) {
      maps.push_back(analysis->weightMap(t.name, summary.pD, options_.weightMapSide));
    }
  }
  RunStore::Batch batch(store_);
  store_.saveFisherSummary(runId_, summary);
  store_.saveWeightMaps(runId_, maps);
  batch.commit();
}

void RunRecorder::onChildMasks(const std::vector<PackedMask>& masks) {
  if (next_ != nullptr) {
    next_->onChildMasks(masks);
  }
  store_.saveMasks(runId_, masks);
}

void RunRecorder::onCheckpoint(const CheckpointInfo& info) {
  if (next_ != nullptr) {
    next_->onCheckpoint(info);
  }
  // With the steps up to it, so a resume from this checkpoint finds its steps recorded.
  pendingCheckpoints_.push_back(info);
  flush();
}

void RunRecorder::onWeightMovement(const WeightMovement& movement) {
  if (next_ != nullptr) {
    next_->onWeightMovement(movement);
  }
}

}  // namespace childtune::core
