#pragma once
// Runs training jobs off the GUI thread. Each run gets its own TrainingWorker thread, owned here,
// and a generation id; the controller re-emits the events of the current run only, so late
// events of a run that was stopped or replaced never reach the views. All public methods are for
// the GUI thread.

#include <QObject>
#include <QString>
#include <memory>
#include <vector>

#include "training_events.h"
#include "training_worker.h"

namespace childtune::app {

class QtTrainingObserver;
class TrainingWorker;

class TrainingController : public QObject {
  Q_OBJECT

 public:
  explicit TrainingController(QObject* parent = nullptr);
  // Asks every run to stop, then waits for its thread (a step or a Fisher batch at most).
  ~TrainingController() override;
  TrainingController(const TrainingController&) = delete;
  TrainingController& operator=(const TrainingController&) = delete;

  // Starts `config` on a new thread and returns its run id. A run still in progress is asked to
  // stop first and its remaining events are dropped (it ends in the background). The config is
  // validated on the training thread: a bad one ends in runFailed.
  RunId start(const core::RunConfig& config);
  // Continues run `storeRunId` of the run store at storePath() from its newest checkpoint (from
  // step 0 when none is left on disk), recording under the same id. Returns 0 and emits
  // runFailed for a run that cannot be resumed (unknown id, unreadable store).
  RunId resumeStored(qint64 storeRunId);
  // Runs are recorded into this run store (empty path: not recorded). Default: not recorded.
  void setStorePath(const QString& path) { storePath_ = path; }
  QString storePath() const { return storePath_; }
  // Trainer::requestStop(): the run stops at its next check and ends with runStopped.
  void stop();
  // Training waits between steps (phase Paused) until resume() or stop().
  void pause();
  void resume();

  RunId currentRunId() const { return currentId_; }
  // The current run has started and not yet ended (finished, failed or stopped).
  bool isRunning() const { return running_; }
  bool isPaused() const { return paused_; }
  bool isStopping() const { return stopping_; }
  // Threads still alive, the current run's and runs that are winding down.
  int activeThreads() const { return static_cast<int>(workers_.size()); }

  // Connects an observer's events to this controller, which re-emits those of the current run.
  // start() does this for every run; public so tests can inject events of any run id.
  void connectObserver(QtTrainingObserver* observer);

 Q_SIGNALS:
  void runStarted(childtune::app::RunId runId);
  // The current run was recorded into the run store under storeRunId.
  void runRecorded(childtune::app::RunId runId, qint64 storeRunId);
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
  // After the last evaluation: how far the weights moved from the pretrained ones.
  void weightMovementReady(childtune::app::RunId runId,
                           const childtune::app::WeightMovementPtr& movement);
  // The run's last event: exactly one of these three.
  void runFinished(childtune::app::RunId runId, const childtune::core::RunResult& result);
  void runFailed(childtune::app::RunId runId, const QString& message);
  void runStopped(childtune::app::RunId runId);
  // isRunning() / isPaused() / isStopping() changed.
  void stateChanged();

 private:
  TrainingWorker* currentWorker() const;
  void endCurrent(RunId runId);
  void reap(TrainingWorker* worker);

  RunId launch(const core::RunConfig& config, RunRecording recording);

  QString storePath_;
  RunId nextId_ = 1;
  RunId currentId_ = 0;
  bool running_ = false;
  bool paused_ = false;
  bool stopping_ = false;
  // Threads that have not ended yet, the current one last.
  std::vector<std::unique_ptr<TrainingWorker>> workers_;
};

}  // namespace childtune::app
