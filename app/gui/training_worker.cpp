#include "training_worker.h"

#include "childtune/error.h"

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

TrainingWorker::TrainingWorker(RunId runId, const core::RunConfig& config, QObject* parent)
    : QThread(parent),
      runId_(runId),
      observer_(std::make_unique<QtTrainingObserver>(runId)),
      trainer_(std::make_unique<core::Trainer>(config, observer_.get())) {
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
  try {
    const core::RunResult result = trainer_->run();
    Q_EMIT runFinished(runId_, result);
  } catch (const childtune::Error& error) {
    if (error.code() == ErrorCode::Cancelled) {
      Q_EMIT runStopped(runId_);
    } else {
      Q_EMIT runFailed(runId_, describeError(error));
    }
  } catch (const std::exception& error) {
    Q_EMIT runFailed(runId_, describeError(error));
  } catch (...) {
    Q_EMIT runFailed(runId_, tr("unknown error in the training thread"));
  }
}

}  // namespace childtune::app
