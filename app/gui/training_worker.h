#pragma once
// One training run on its own thread: run() (the thread's body) calls core::Trainer::run() and
// reports how it ended with a signal tagged with the run id. Grad mode and the CUDA device are
// thread-local in LibTorch, so the whole run stays on this thread.

#include <QString>
#include <QThread>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "qt_training_observer.h"

namespace childtune::app {

// Where a run is recorded (the SQLite run store) and, to resume a stored run, from where.
struct RunRecording {
  std::filesystem::path storePath;     // empty: not recorded
  std::optional<int64_t> resumeRunId;  // continue this stored run ...
  std::string checkpointDir;           // ... from this checkpoint ("" = from step 0)
  int64_t checkpointStep = 0;
};

class TrainingWorker final : public QThread {
  Q_OBJECT

 public:
  // Builds the Trainer (which only stores the configuration; all work happens in run()).
  TrainingWorker(RunId runId, const core::RunConfig& config, RunRecording recording = {},
                 QObject* parent = nullptr);
  ~TrainingWorker() override;

  RunId runId() const { return runId_; }
  // Events of this run; connect before start().
  QtTrainingObserver* observer() const { return observer_.get(); }

  // Thread-safe (they set atomics / notify a condition variable); call from the GUI thread.
  void requestStop();
  void requestPause();
  void resumeTraining();

 Q_SIGNALS:
  // The run's id in the run store, once recorded (worker thread).
  void runRecorded(childtune::app::RunId runId, qint64 storeRunId);
  // Exactly one of these is emitted, from the worker thread, as the run's last event.
  void runFinished(childtune::app::RunId runId, const childtune::core::RunResult& result);
  void runFailed(childtune::app::RunId runId, const QString& message);
  void runStopped(childtune::app::RunId runId);

 protected:
  void run() override;

 private:
  class Forwarder;

  const RunId runId_;
  const core::RunConfig config_;
  const RunRecording recording_;
  // The observers must outlive the trainer, which holds a pointer to the forwarder. The forwarder
  // sends events to the run recorder (which passes them on to observer_) or straight to observer_.
  std::unique_ptr<QtTrainingObserver> observer_;
  std::unique_ptr<Forwarder> forwarder_;
  std::unique_ptr<core::Trainer> trainer_;
};

// "message — hint" of a childtune::Error, what() of anything else.
QString describeError(const std::exception& error);

}  // namespace childtune::app
