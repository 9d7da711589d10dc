#include "qt_training_observer.h"

namespace childtune::app {

QtTrainingObserver::QtTrainingObserver(RunId runId, QObject* parent)
    : QObject(parent), runId_(runId) {
  registerTrainingMetaTypes();
}

void QtTrainingObserver::onPhase(core::Phase phase) { Q_EMIT phaseChanged(runId_, phase); }

void QtTrainingObserver::onStep(const core::StepStats& stats) { Q_EMIT stepDone(runId_, stats); }

void QtTrainingObserver::onEvaluation(const core::EvalStats& stats) {
  Q_EMIT evaluated(runId_, stats);
}

void QtTrainingObserver::onFisherProgress(int64_t done, int64_t total) {
  Q_EMIT fisherProgress(runId_, static_cast<qint64>(done), static_cast<qint64>(total));
}

void QtTrainingObserver::onChildNetwork(const core::ChildNetworkStats& stats) {
  Q_EMIT childNetworkSelected(runId_, stats);
}

void QtTrainingObserver::onLog(const std::string& line) {
  Q_EMIT logLine(runId_, QString::fromStdString(line));
}

void QtTrainingObserver::onInputs(const core::RunInputs& inputs) {
  Q_EMIT inputsKnown(runId_, inputs);
}

void QtTrainingObserver::onFisherAnalysis(
    const std::shared_ptr<const core::FisherAnalysis>& analysis,
    const core::FisherSummary& summary) {
  Q_EMIT fisherAnalysisReady(runId_, analysis, summary);
}

void QtTrainingObserver::onChildMasks(const std::vector<core::PackedMask>& masks) {
  // One copy into shared immutable storage; every receiver then shares it.
  Q_EMIT childMasksReady(runId_, std::make_shared<const std::vector<core::PackedMask>>(masks));
}

void QtTrainingObserver::onCheckpoint(const core::CheckpointInfo& info) {
  Q_EMIT checkpointWritten(runId_, info);
}

void QtTrainingObserver::onWeightMovement(const core::WeightMovement& movement) {
  Q_EMIT weightMovementReady(runId_, std::make_shared<const core::WeightMovement>(movement));
}

}  // namespace childtune::app
