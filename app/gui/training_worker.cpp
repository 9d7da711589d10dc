#include "training_worker.h"

#include "childtune/error.h"
#include "childtune/run_recorder.h"

namespace childtune::app {

QString describeError(const std::exception& error) {
  if (const auto* ctError = dynamic_cast<const childtune::Error*>(&error)) {
    QString text = QString::fromStdString(ctError->message());
    if (!ctError->hint().empty()) {
      text += QStringLiteral(" — ") + QString::fromStdString(ctError->hint());
    }
    return text;
  }
  return QString::fromLocal8Bit(error.what());
}

// Passes every event to a target chosen when the run starts (the recorder exists only on the
// worker thread, which owns its store connection).
class TrainingWorker::Forwarder final : public core::TrainingObserver {
 public:
  explicit Forwarder(core::TrainingObserver* target) : target_(target) {}
  void setTarget(core::TrainingObserver* target) { target_ = target; }
  void onPhase(core::Phase phase) override { target_->onPhase(phase); }
  void onStep(const core::StepStats& stats) override { target_->onStep(stats); }
  void onEvaluation(const core::EvalStats& stats) override { target_->onEvaluation(stats); }
  void onFisherProgress(int64_t done, int64_t total) override {
    target_->onFisherProgress(done, total);
  }
  void onChildNetwork(const core::ChildNetworkStats& stats) override {
    target_->onChildNetwork(stats);
  }
  void onLog(const std::string& line) override { target_->onLog(line); }
  void onInputs(const core::RunInputs& inputs) override { target_->onInputs(inputs); }
  void onFisherAnalysis(const std::shared_ptr<const core::FisherAnalysis>& analysis,
                        const core::FisherSummary& summary) override {
    target_->onFisherAnalysis(analysis, summary);
  }
  void onChildMasks(const std::vector<core::PackedMask>& masks) override {
    target_->onChildMasks(masks);
  }
  void onCheckpoint(const core::CheckpointInfo& info) override { target_->onCheckpoint(info); }
  void onWeightMovement(const core::WeightMovement& movement) override {
    target_->onWeightMovement(movement);
  }

 private:
  core::TrainingObserver* target_;
};

TrainingWorker::TrainingWorker(RunId runId, const core::RunConfig& config, RunRecording recording,
                               QObject* parent)
    : QThread(parent),
      runId_(runId),
      config_(config),
      recording_(std::move(recording)),
      observer_(std::make_unique<QtTrainingObserver>(runId)),
      forwarder_(std::make_unique<Forwarder>(observer_.get())),
      trainer_(std::make_unique<core::Trainer>(config, forwarder_.get())) {
  setObjectName(QStringLiteral("training-run-%1").arg(runId));
}

TrainingWorker::~TrainingWorker() {
  // The owner waits for the thread before deleting it; this keeps a forgotten wait from turning
  // into a use-after-free of the trainer.
  requestStop();
  wait();
}

void TrainingWorker::requestStop() { trainer_->requestStop(); }

void TrainingWorker::requestPause() { trainer_->requestPause(); }

void TrainingWorker::resumeTraining() { trainer_->resumeTraining(); }

void TrainingWorker::run() {
  // Qt code uses no exceptions: everything the core throws ends here as a signal.
  std::unique_ptr<core::RunRecorder> recorder;
  try {
    if (!recording_.storePath.empty()) {
      recorder = recording_.resumeRunId
                     ? core::RunRecorder::resume(recording_.storePath, *recording_.resumeRunId,
                                                 recording_.checkpointStep, observer_.get())
                     : core::RunRecorder::start(recording_.storePath, config_, observer_.get());
      forwarder_->setTarget(recorder.get());
      Q_EMIT runRecorded(runId_, static_cast<qint64>(recorder->runId()));
    }
    const core::RunResult result = recording_.checkpointDir.empty()
                                       ? trainer_->run()
                                       : trainer_->resume(recording_.checkpointDir);
    if (recorder) {
      recorder->finish();
    }
    Q_EMIT runFinished(runId_, result);
  } catch (const childtune::Error& error) {
    if (recorder) {
      recorder->fail(error);
    }
    if (error.code() == ErrorCode::Cancelled) {
      Q_EMIT runStopped(runId_);
    } else {
      Q_EMIT runFailed(runId_, describeError(error));
    }
  } catch (const std::exception& error) {
    if (recorder) {
      recorder->fail(std::string("unexpected error: ") + error.what());
    }
    Q_EMIT runFailed(runId_, describeError(error));
  } catch (...) {
    if (recorder) {
      recorder->fail(std::string("unknown error in the training thread"));
    }
    Q_EMIT runFailed(runId_, tr("unknown error in the training thread"));
  }
  // The recorder's events went to observer_; nothing may reach the destroyed recorder now.
  forwarder_->setTarget(observer_.get());
}

}  // namespace childtune::app
