#pragma once
// The bridge from the training thread to Qt: a core::TrainingObserver whose callbacks (called on
// the training thread) only copy their values into signals tagged with the run id. Connected to
// receivers on the GUI thread, the signals are queued, so the callbacks return at once.

#include <QObject>
#include <QString>

#include "training_events.h"

namespace childtune::app {

class QtTrainingObserver : public QObject, public core::TrainingObserver {
  Q_OBJECT

 public:
  explicit QtTrainingObserver(RunId runId, QObject* parent = nullptr);

  RunId runId() const { return runId_; }

  // core::TrainingObserver, called on the training thread.
  void onPhase(core::Phase phase) override;
  void onStep(const core::StepStats& stats) override;
  void onEvaluation(const core::EvalStats& stats) override;
  void onFisherProgress(int64_t done, int64_t total) override;
  void onChildNetwork(const core::ChildNetworkStats& stats) override;
  void onLog(const std::string& line) override;
  void onInputs(const core::RunInputs& inputs) override;
  void onFisherAnalysis(const std::shared_ptr<const core::FisherAnalysis>& analysis,
                        const core::FisherSummary& summary) override;
  void onChildMasks(const std::vector<core::PackedMask>& masks) override;
  void onCheckpoint(const core::CheckpointInfo& info) override;
  void onWeightMovement(const core::WeightMovement& movement) override;

 Q_SIGNALS:
  void phaseChanged(childtune::app::RunId runId, childtune::core::Phase phase);
  void stepDone(childtune::app::RunId runId, const childtune::core::StepStats& stats);
  void evaluated(childtune::app::RunId runId, const childtune::core::EvalStats& stats);
  void fisherProgress(childtune::app::RunId runId, qint64 done, qint64 total);
  void childNetworkSelected(childtune::app::RunId runId,
                            const childtune::core::ChildNetworkStats& stats);
  void logLine(childtune::app::RunId runId, const QString& line);
  void inputsKnown(childtune::app::RunId runId, const childtune::core::RunInputs& inputs);
  void fisherAnalysisReady(childtune::app::RunId runId,
                           const childtune::app::FisherAnalysisPtr& analysis,
                           const childtune::core::FisherSummary& summary);
  void childMasksReady(childtune::app::RunId runId, const childtune::app::PackedMasksPtr& masks);
  void checkpointWritten(childtune::app::RunId runId, const childtune::core::CheckpointInfo& info);
  void weightMovementReady(childtune::app::RunId runId,
                           const childtune::app::WeightMovementPtr& movement);

 private:
  const RunId runId_;
};

}  // namespace childtune::app
