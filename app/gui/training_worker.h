#pragma once
// One training run on its own thread: run() (the thread's body) calls core::Trainer::run() and
// reports how it ended with a signal tagged with the run id. Grad mode and the CUDA device are
// thread-local in LibTorch, so the whole run stays on this thread.

#include <QString>
#include <QThread>
#include <memory>

#include "qt_training_observer.h"

namespace childtune::app {

class TrainingWorker final : public QThread {
  Q_OBJECT

 public:
  // Builds the Trainer (which only stores the configuration; all work happens in run()).
  TrainingWorker(RunId runId, const core::RunConfig& config, QObject* parent = nullptr);
  ~TrainingWorker() override;

  RunId runId() const { return runId_; }
  // Events of this run; connect before start().
  QtTrainingObserver* observer() const { return observer_.get(); }

  // Thread-safe (they set atomics / notify a condition variable); call from the GUI thread.
  void requestStop();
  void requestPause();
  void resumeTraining();

 Q_SIGNALS:
  // Exactly one of these is emitted, from the worker thread, as the run's last event.
  void runFinished(childtune::app::RunId runId, const childtune::core::RunResult& result);
  void runFailed(childtune::app::RunId runId, const QString& message);
  void runStopped(childtune::app::RunId runId);

 protected:
  void run() override;

 private:
  const RunId runId_;
  // The observer must outlive the trainer, which holds a pointer to it.
  std::unique_ptr<QtTrainingObserver> observer_;
  std::unique_ptr<core::Trainer> trainer_;
};

// "message — hint" of a childtune::Error, what() of anything else.
QString describeError(const std::exception& error);

}  // namespace childtune::app
