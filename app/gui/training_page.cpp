#include "training_page.h"

#include <QAction>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScrollArea>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "childtune/widgets/training_chart_widget.h"
#include "training_controller.h"

namespace childtune::app {

namespace {

constexpr int kProgressScale = 1000;  // progress bars count in 0.1 % units
constexpr int kMaxLogLines = 2000;

}  // namespace

TrainingPage::TrainingPage(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("trainingPage"));
  title_ = new QLabel(this);
  title_->setObjectName(QStringLiteral("trainingTitle"));
  title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont titleFont = title_->font();
  titleFont.setBold(true);
  title_->setFont(titleFont);
  title_->setWordWrap(true);

  auto* buttons = new QHBoxLayout;
  for (QToolButton** button : {&startButton_, &pauseButton_, &resumeButton_, &stopButton_}) {
    *button = new QToolButton(this);
    (*button)->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    buttons->addWidget(*button);
  }
  buttons->addSpacing(12);
  buttons->addWidget(title_, 1);

  phaseLabel_ = new QLabel(this);
  phaseLabel_->setObjectName(QStringLiteral("phaseLabel"));
  progress_ = new QProgressBar(this);
  progress_->setObjectName(QStringLiteral("trainingProgress"));
  progress_->setRange(0, kProgressScale);
  progress_->setValue(0);
  eta_ = new QLabel(this);
  eta_->setObjectName(QStringLiteral("etaLabel"));
  eta_->setMinimumWidth(
      eta_->fontMetrics().horizontalAdvance(QStringLiteral("ETA 00:00:00 ·  "
                                                           "000.0 ex/s")));
  fisherLabel_ = new QLabel(this);
  fisherProgress_ = new QProgressBar(this);
  fisherProgress_->setObjectName(QStringLiteral("fisherProgress"));
  fisherProgress_->setRange(0, kProgressScale);
  fisherProgress_->setValue(0);
  lastEval_ = new QLabel(this);
  lastEval_->setObjectName(QStringLiteral("lastEvaluation"));
  lastEval_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* status = new QGridLayout;
  status->addWidget(phaseLabel_, 0, 0);
  status->addWidget(progress_, 0, 1);
  status->addWidget(eta_, 0, 2);
  status->addWidget(fisherLabel_, 1, 0);
  status->addWidget(fisherProgress_, 1, 1);
  status->addWidget(lastEval_, 2, 0, 1, 3);
  status->setColumnStretch(1, 1);

  chart_ = new widgets::TrainingChartWidget(this);
  chart_->setObjectName(QStringLiteral("trainingChart"));
  log_ = new QPlainTextEdit(this);
  log_->setObjectName(QStringLiteral("trainingLog"));
  log_->setReadOnly(true);
  log_->setMaximumBlockCount(kMaxLogLines);
  log_->setLineWrapMode(QPlainTextEdit::NoWrap);
  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->addWidget(chart_);
  splitter->addWidget(log_);
  splitter->setStretchFactor(0, 5);
  splitter->setStretchFactor(1, 1);

  // Everything sits in a scroll area: on a small screen (800 x 600) the charts keep a usable size
  // and the page scrolls instead of forcing the window larger.
  auto* content = new QWidget(this);
  auto* contentLayout = new QVBoxLayout(content);
  contentLayout->addLayout(buttons);
  contentLayout->addLayout(status);
  contentLayout->addWidget(splitter, 1);
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(content);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(scroll);
  retranslate();
  fisherLabel_->hide();
  fisherProgress_->hide();
}

void TrainingPage::retranslate() {
  if (runId_ == 0) {
    title_->setText(tr("No run yet: choose a model and a task, then Start (Ctrl+R)."));
    phaseLabel_->setText(tr("Idle"));
  } else {
    phaseLabel_->setText(phaseName(phase_));
  }
  fisherLabel_->setText(tr("Fisher information"));
  progress_->setAccessibleName(tr("Training progress"));
  fisherProgress_->setAccessibleName(tr("Fisher estimation progress"));
  phaseLabel_->setAccessibleName(tr("Phase"));
  eta_->setAccessibleName(tr("Estimated time left"));
  log_->setAccessibleName(tr("Training log"));
  chart_->setAccessibleName(tr("Training charts"));
  lastEval_->setAccessibleName(tr("Last evaluation"));
}

void TrainingPage::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
  }
}

void TrainingPage::setActions(QAction* start, QAction* pause, QAction* resume, QAction* stop) {
  startButton_->setDefaultAction(start);
  pauseButton_->setDefaultAction(pause);
  resumeButton_->setDefaultAction(resume);
  stopButton_->setDefaultAction(stop);
}

void TrainingPage::connectController(TrainingController* controller) {
  connect(controller, &TrainingController::phaseChanged, this, [this](RunId id, core::Phase phase) {
    if (id == runId_) {
      onPhase(phase);
    }
  });
  connect(controller, &TrainingController::stepDone, this,
          [this](RunId id, const core::StepStats& stats) {
            if (id == runId_) {
              onStep(stats);
            }
          });
  connect(controller, &TrainingController::evaluated, this,
          [this](RunId id, const core::EvalStats& stats) {
            if (id == runId_) {
              onEvaluation(stats);
            }
          });
  connect(controller, &TrainingController::fisherProgress, this,
          [this](RunId id, qint64 done, qint64 total) {
            if (id == runId_) {
              onFisherProgress(done, total);
            }
          });
  connect(controller, &TrainingController::logLine, this, [this](RunId id, const QString& line) {
    if (id == runId_) {
      appendLog(line);
    }
  });
  connect(controller, &TrainingController::runFinished, this,
          [this](RunId id, const core::RunResult& result) {
            if (id != runId_) {
              return;
            }
            QStringList metrics;
            for (const auto& [name, value] : result.final.metrics) {
              metrics << QStringLiteral("%1 %2").arg(QString::fromStdString(name),
                                                     QLocale().toString(value, 'f', 4));
            }
            setEnded(tr("Finished"), tr("Finished in %1: %2")
                                         .arg(formatDuration(result.totalSeconds),
                                              metrics.join(QStringLiteral(", "))));
          });
  connect(controller, &TrainingController::runFailed, this,
          [this](RunId id, const QString& message) {
            if (id == runId_) {
              setEnded(tr("Failed"), tr("Failed: %1").arg(message));
            }
          });
  connect(controller, &TrainingController::runStopped, this, [this](RunId id) {
    if (id == runId_) {
      setEnded(tr("Stopped"), tr("Stopped"));
    }
  });
}

void TrainingPage::beginRun(RunId runId, const QString& title) {
  runId_ = runId;
  phase_ = core::Phase::Loading;
  title_->setText(title);
  chart_->clear();
  chart_->setRunLabel(title);
  log_->clear();
  progress_->setValue(0);
  fisherProgress_->setValue(0);
  fisherLabel_->hide();
  fisherProgress_->hide();
  eta_->clear();
  lastEval_->clear();
  phaseLabel_->setText(phaseName(phase_));
}

QString TrainingPage::phaseName(core::Phase phase) const {
  switch (phase) {
    case core::Phase::Loading:
      return tr("Loading the model and data");
    case core::Phase::Tokenizing:
      return tr("Tokenizing");
    case core::Phase::Fisher:
      return tr("Estimating Fisher information");
    case core::Phase::Training:
      return tr("Training");
    case core::Phase::Evaluating:
      return tr("Evaluating");
    case core::Phase::Paused:
      return tr("Paused");
    case core::Phase::Finished:
      return tr("Finished");
  }
  return {};
}

void TrainingPage::onPhase(core::Phase phase) {
  phase_ = phase;
  phaseLabel_->setText(phaseName(phase));
  if (phase == core::Phase::Fisher) {
    fisherTimer_.start();
    fisherLabel_->show();
    fisherProgress_->show();
  }
  if (phase == core::Phase::Finished) {
    progress_->setValue(kProgressScale);
  }
  appendLog(QStringLiteral("[%1]").arg(QString::fromUtf8(core::toString(phase).data())));
}

void TrainingPage::onStep(const core::StepStats& stats) {
  if (stats.totalSteps > 0) {
    progress_->setValue(static_cast<int>(kProgressScale * stats.step / stats.totalSteps));
    progress_->setFormat(
        tr("step %1 / %2 · epoch %3").arg(stats.step).arg(stats.totalSteps).arg(stats.epoch + 1));
    const double eta = stats.step > 0 ? stats.elapsedSeconds / static_cast<double>(stats.step) *
                                            static_cast<double>(stats.totalSteps - stats.step)
                                      : 0.0;
    eta_->setText(
        tr("ETA %1 · %2 ex/s")
            .arg(formatDuration(eta), QLocale().toString(stats.examplesPerSecond, 'f', 1)));
  }
  chart_->appendStep(static_cast<double>(stats.step), stats.loss, stats.learningRate);
}

void TrainingPage::onEvaluation(const core::EvalStats& stats) {
  QStringList parts;
  for (const auto& [name, value] : stats.metrics) {
    const QString metric = stats.split == "dev"
                               ? QString::fromStdString(name)
                               : QStringLiteral("%1 (%2)").arg(QString::fromStdString(name),
                                                               QString::fromStdString(stats.split));
    chart_->appendEval(static_cast<double>(stats.step), metric, value);
    parts << QStringLiteral("%1 %2").arg(metric, QLocale().toString(value, 'f', 4));
  }
  lastEval_->setText(tr("Step %1 (%2): %3 · loss %4")
                         .arg(stats.step)
                         .arg(QString::fromStdString(stats.split), parts.join(QStringLiteral(", ")),
                              QLocale().toString(stats.loss, 'f', 4)));
}

void TrainingPage::onFisherProgress(qint64 done, qint64 total) {
  if (total <= 0) {
    return;
  }
  fisherLabel_->show();
  fisherProgress_->show();
  fisherProgress_->setValue(static_cast<int>(kProgressScale * done / total));
  fisherProgress_->setFormat(tr("batch %1 / %2").arg(done).arg(total));
  if (done > 0 && fisherTimer_.isValid()) {
    const double elapsed = static_cast<double>(fisherTimer_.elapsed()) / 1000.0;
    const double eta = elapsed / static_cast<double>(done) * static_cast<double>(total - done);
    eta_->setText(tr("ETA %1 (Fisher)").arg(formatDuration(eta)));
  }
}

void TrainingPage::appendLog(const QString& line) { log_->appendPlainText(line); }

void TrainingPage::setEnded(const QString& phase, const QString& text) {
  phaseLabel_->setText(phase);
  eta_->clear();
  appendLog(text);
  title_->setText(title_->text().section(QStringLiteral(" — "), 0, 0) + QStringLiteral(" — ") +
                  text);
}

QString TrainingPage::formatDuration(double seconds) {
  const auto total = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  const long long h = total / 3600;
  const long long m = (total / 60) % 60;
  const long long s = total % 60;
  if (h > 0) {
    return QStringLiteral("%1:%2:%3")
        .arg(h)
        .arg(m, 2, 10, QLatin1Char('0'))
        .arg(s, 2, 10, QLatin1Char('0'));
  }
  return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QString TrainingPage::phaseText() const { return phaseLabel_->text(); }
QString TrainingPage::etaText() const { return eta_->text(); }
int TrainingPage::progressValue() const { return progress_->value(); }
int TrainingPage::fisherProgressValue() const { return fisherProgress_->value(); }
QString TrainingPage::lastEvaluationText() const { return lastEval_->text(); }

}  // namespace childtune::app
