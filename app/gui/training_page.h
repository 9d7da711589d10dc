#pragma once
// The Training view: Start / Pause / Resume / Stop, the phase with a progress bar and ETA (the
// Fisher pass has its own bar), the live charts (TrainingChartWidget, fed from the controller's
// signals; it buffers and replots at most every 40 ms) and the run's log.

#include <QElapsedTimer>
#include <QString>
#include <QWidget>

#include "training_events.h"

class QAction;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QToolButton;

namespace childtune::widgets {
class TrainingChartWidget;
}

namespace childtune::app {

class TrainingController;

class TrainingPage : public QWidget {
  Q_OBJECT

 public:
  explicit TrainingPage(QWidget* parent = nullptr);

  // Listens to the controller's (already run-id-filtered) events.
  void connectController(TrainingController* controller);
  // Start, Pause, Resume and Stop buttons show these actions (owned by the main window).
  void setActions(QAction* start, QAction* pause, QAction* resume, QAction* stop);

  // Clears the view for a new run described by `title` ("SST-2 · ct-d · p 0.3 · seed 42").
  void beginRun(RunId runId, const QString& title);

  QString phaseText() const;
  QString etaText() const;
  int progressValue() const;
  int fisherProgressValue() const;
  QString lastEvaluationText() const;
  widgets::TrainingChartWidget* chart() const { return chart_; }
  QPlainTextEdit* logView() const { return log_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void onPhase(core::Phase phase);
  void onStep(const core::StepStats& stats);
  void onEvaluation(const core::EvalStats& stats);
  void onFisherProgress(qint64 done, qint64 total);
  void appendLog(const QString& line);
  void setEnded(const QString& phase, const QString& text);
  static QString formatDuration(double seconds);
  QString phaseName(core::Phase phase) const;

  RunId runId_ = 0;
  core::Phase phase_ = core::Phase::Finished;
  QElapsedTimer fisherTimer_;

  QLabel* title_ = nullptr;
  QLabel* phaseLabel_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* eta_ = nullptr;
  QLabel* fisherLabel_ = nullptr;
  QProgressBar* fisherProgress_ = nullptr;
  QLabel* lastEval_ = nullptr;
  widgets::TrainingChartWidget* chart_ = nullptr;
  QPlainTextEdit* log_ = nullptr;
  QToolButton* startButton_ = nullptr;
  QToolButton* pauseButton_ = nullptr;
  QToolButton* resumeButton_ = nullptr;
  QToolButton* stopButton_ = nullptr;
};

}  // namespace childtune::app
