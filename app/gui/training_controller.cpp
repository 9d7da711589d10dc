#include "training_controller.h"

#include "childtune/error.h"
#include "childtune/run_store.h"
#include "qt_training_observer.h"
#include "training_worker.h"

namespace childtune::app {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
  registerTrainingMetaTypes();
}

TrainingController::~TrainingController() {
  for (const auto& worker : workers_) {
    worker->requestStop();
  }
  for (const auto& worker : workers_) {
    worker->quit();
    worker->wait();
  }
}

void TrainingController::connectObserver(QtTrainingObserver* observer) {
  // Each event is re-emitted only while it belongs to the current run. The lambdas run on the GUI
  // thread (the observer emits on the training thread, `this` lives here: queued).
  connect(observer, &QtTrainingObserver::phaseChanged, this, [this](RunId id, core::Phase phase) {
    if (id != currentId_) {
      return;
    }
    const bool paused = phase == core::Phase::Paused;
    if (paused != paused_) {
      paused_ = paused;
      Q_EMIT stateChanged();
    }
    Q_EMIT phaseChanged(id, phase);
  });
  connect(observer, &QtTrainingObserver::stepDone, this,
          [this](RunId id, const core::StepStats& stats) {
            if (id == currentId_) {
              Q_EMIT stepDone(id, stats);
            }
          });
  connect(observer, &QtTrainingObserver::evaluated, this,
          [this](RunId id, const core::EvalStats& stats) {
            if (id == currentId_) {
              Q_EMIT evaluated(id, stats);
            }
          });
  connect(observer, &QtTrainingObserver::fisherProgress, this,
          [this](RunId id, qint64 done, qint64 total) {
            if (id == currentId_) {
              Q_EMIT fisherProgress(id, done, total);
            }
          });
  connect(observer, &QtTrainingObserver::childNetworkSelected, this,
          [this](RunId id, const core::ChildNetworkStats& stats) {
            if (id == currentId_) {
              Q_EMIT childNetworkSelected(id, stats);
            }
          });
  connect(observer, &QtTrainingObserver::logLine, this, [this](RunId id, const QString& line) {
    if (id == currentId_) {
      Q_EMIT logLine(id, line);
    }
  });
  connect(observer, &QtTrainingObserver::inputsKnown, this,
          [this](RunId id, const core::RunInputs& inputs) {
            if (id == currentId_) {
              Q_EMIT inputsKnown(id, inputs);
            }
          });
  connect(observer, &QtTrainingObserver::fisherAnalysisReady, this,
          [this](RunId id, const FisherAnalysisPtr& analysis, const core::FisherSummary& summary) {
            if (id == currentId_) {
              Q_EMIT fisherAnalysisReady(id, analysis, summary);
            }
          });
  connect(observer, &QtTrainingObserver::childMasksReady, this,
          [this](RunId id, const PackedMasksPtr& masks) {
            if (id == currentId_) {
              Q_EMIT childMasksReady(id, masks);
            }
          });
  connect(observer, &QtTrainingObserver::checkpointWritten, this,
          [this](RunId id, const core::CheckpointInfo& info) {
            if (id == currentId_) {
              Q_EMIT checkpointWritten(id, info);
            }
          });
  connect(observer, &QtTrainingObserver::weightMovementReady, this,
          [this](RunId id, const WeightMovementPtr& movement) {
            if (id == currentId_) {
              Q_EMIT weightMovementReady(id, movement);
            }
          });
}

RunId TrainingController::start(const core::RunConfig& config) {
  RunRecording recording;
  recording.storePath = storePath_.toStdString();
  return launch(config, std::move(recording));
}

RunId TrainingController::resumeStored(qint64 storeRunId) {
  RunRecording recording;
  recording.storePath = storePath_.toStdString();
  recording.resumeRunId = storeRunId;
  core::RunConfig config;
  try {
    if (storePath_.isEmpty()) {
      throw Error(ErrorCode::Config, "no run store is set: nothing to resume");
    }
    core::RunStore store(recording.storePath);
    const auto record = store.run(storeRunId);
    config = core::RunConfig::fromJson(record.configJson, "run " + std::to_string(storeRunId));
    if (const auto checkpoint = store.latestCheckpoint(storeRunId)) {
      recording.checkpointDir = checkpoint->dir;
      recording.checkpointStep = checkpoint->step;
    }
  } catch (const std::exception& error) {
    const RunId id = nextId_++;
    Q_EMIT runFailed(id, describeError(error));
    return 0;
  }
  return launch(config, std::move(recording));
}

RunId TrainingController::launch(const core::RunConfig& config, RunRecording recording) {
  if (TrainingWorker* previous = currentWorker(); previous != nullptr && running_) {
    previous->requestStop();
  }
  const RunId id = nextId_++;
  currentId_ = id;
  running_ = true;
  paused_ = false;
  stopping_ = false;

  auto worker = std::make_unique<TrainingWorker>(id, config, std::move(recording));
  TrainingWorker* raw = worker.get();
  connectObserver(raw->observer());
  connect(raw, &TrainingWorker::runRecorded, this, [this](RunId runId, qint64 storeRunId) {
    if (runId == currentId_) {
      Q_EMIT runRecorded(runId, storeRunId);
    }
  });
  connect(raw, &TrainingWorker::runFinished, this,
          [this](RunId runId, const core::RunResult& result) {
            if (runId == currentId_) {
              endCurrent(runId);
              Q_EMIT runFinished(runId, result);
            }
          });
  connect(raw, &TrainingWorker::runFailed, this, [this](RunId runId, const QString& message) {
    if (runId == currentId_) {
      endCurrent(runId);
      Q_EMIT runFailed(runId, message);
    }
  });
  connect(raw, &TrainingWorker::runStopped, this, [this](RunId runId) {
    if (runId == currentId_) {
      endCurrent(runId);
      Q_EMIT runStopped(runId);
    }
  });
  // QThread::finished is emitted on the worker thread after run() returned; reaping happens here.
  connect(raw, &QThread::finished, this, [this, raw] { reap(raw); });
  workers_.push_back(std::move(worker));
  Q_EMIT runStarted(id);
  Q_EMIT stateChanged();
  raw->start();
  return id;
}

void TrainingController::stop() {
  TrainingWorker* worker = currentWorker();
  if (worker == nullptr || !running_) {
    return;
  }
  worker->requestStop();
  if (!stopping_) {
    stopping_ = true;
    Q_EMIT stateChanged();
  }
}

void TrainingController::pause() {
  if (TrainingWorker* worker = currentWorker(); worker != nullptr && running_) {
    worker->requestPause();
  }
}

void TrainingController::resume() {
  if (TrainingWorker* worker = currentWorker(); worker != nullptr && running_) {
    worker->resumeTraining();
  }
}

TrainingWorker* TrainingController::currentWorker() const {
  for (const auto& worker : workers_) {
    if (worker->runId() == currentId_) {
      return worker.get();
    }
  }
  return nullptr;
}

void TrainingController::endCurrent(RunId runId) {
  if (runId != currentId_ || !running_) {
    return;
  }
  running_ = false;
  paused_ = false;
  stopping_ = false;
  Q_EMIT stateChanged();
}

void TrainingController::reap(TrainingWorker* worker) {
  for (auto it = workers_.begin(); it != workers_.end(); ++it) {
    if (it->get() == worker) {
      (*it)->wait();  // run() has returned; this only joins the thread
      workers_.erase(it);
      return;
    }
  }
}

}  // namespace childtune::app
