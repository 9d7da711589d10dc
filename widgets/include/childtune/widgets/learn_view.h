#pragma once
// The Learn view: on the left a short explanation of fine-tuning, Child-Tuning_F and
// Child-Tuning_D with a diagram; on the right a step-through that trains a tiny BERT one real
// optimizer step at a time (core::StepThrough: the real ChildTuningAdamW and masks) and shows,
// for a small block of one weight matrix, the gradient, the mask, the masked and rescaled
// gradient, the update Adam applied and the new weights, with Play / Pause / Step / Reset.
//
// Steps run on the GUI thread: one step of the tiny model takes about a millisecond and
// Child-Tuning_D's Fisher pass at Reset a few more, far below a frame, so a worker thread would
// add nothing but complexity. The view sees only the torch-free step_through.h.

#include <QString>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

#include "childtune/step_through.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;

namespace childtune::widgets {

class ChildTuningDiagram;
class MatrixGridWidget;
class MessageBanner;
class SparklineWidget;

class LearnView : public QWidget {
  Q_OBJECT

 public:
  // Makes the step source for a configuration. May throw childtune::Error (shown in the view).
  using StepSourceFactory =
      std::function<std::unique_ptr<core::StepSource>(const core::StepThroughOptions&)>;

  // `factory` empty: core::StepThrough, the real optimizer on the tiny model.
  explicit LearnView(QWidget* parent = nullptr, StepSourceFactory factory = {});
  ~LearnView() override;

  // The configuration the controls describe.
  core::StepThroughOptions options() const;
  // Sets the controls and resets the step-through to step 0.
  void setOptions(const core::StepThroughOptions& options);

  bool isPlaying() const;
  // Optimizer steps shown since the last reset.
  qint64 stepsTaken() const { return frame_ ? frame_->step : 0; }
  const std::optional<core::StepFrame>& currentFrame() const { return frame_; }
  // The step source's description (nullptr when it could not be built: see errorText()).
  const core::StepThroughInfo* info() const;
  QString captionText() const;
  QString errorText() const;
  // Milliseconds between steps while playing.
  int playIntervalMs() const;

  MatrixGridWidget* gradientGrid() const { return gradientGrid_; }
  MatrixGridWidget* maskGrid() const { return maskGrid_; }
  MatrixGridWidget* maskedGradientGrid() const { return maskedGrid_; }
  MatrixGridWidget* updateGrid() const { return updateGrid_; }
  MatrixGridWidget* weightsGrid() const { return weightsGrid_; }
  SparklineWidget* lossSparkline() const { return loss_; }
  ChildTuningDiagram* diagram() const { return diagram_; }

 public Q_SLOTS:
  void play();
  void pause();
  // Runs one optimizer step and shows it.
  void stepOnce();
  // Rebuilds the tiny model from the controls (same seed: the same run again) at step 0.
  void reset();

 Q_SIGNALS:
  void frameShown(qint64 step);
  void playingChanged(bool playing);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QWidget* makeExplanation();
  QWidget* makeStepThrough();
  QString explanationHtml() const;
  void showFrame(const core::StepFrame& frame);
  void showInitialState();
  void updateCaption();
  void updateControls();
  void updateGridTitles();
  void showError(const QString& text);

  StepSourceFactory factory_;
  std::unique_ptr<core::StepSource> source_;
  std::optional<core::StepFrame> frame_;
  QString error_;

  QLabel* explanation_ = nullptr;
  ChildTuningDiagram* diagram_ = nullptr;
  QComboBox* method_ = nullptr;
  QLabel* pLabel_ = nullptr;
  QDoubleSpinBox* p_ = nullptr;
  QComboBox* matrix_ = nullptr;
  QDoubleSpinBox* learningRate_ = nullptr;
  QSpinBox* seed_ = nullptr;
  QSpinBox* speed_ = nullptr;  // steps per second while playing
  QPushButton* play_ = nullptr;
  QPushButton* pause_ = nullptr;
  QPushButton* step_ = nullptr;
  QPushButton* reset_ = nullptr;
  MessageBanner* banner_ = nullptr;
  QLabel* modelLine_ = nullptr;
  MatrixGridWidget* gradientGrid_ = nullptr;
  MatrixGridWidget* maskGrid_ = nullptr;
  MatrixGridWidget* maskedGrid_ = nullptr;
  MatrixGridWidget* updateGrid_ = nullptr;
  MatrixGridWidget* weightsGrid_ = nullptr;
  SparklineWidget* loss_ = nullptr;
  QLabel* stats_ = nullptr;
  QLabel* caption_ = nullptr;
  QTimer* timer_ = nullptr;
};

}  // namespace childtune::widgets
