#include "childtune/widgets/learn_view.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <exception>

#include "childtune/error.h"
#include "childtune/model_info.h"
#include "childtune/widgets/child_tuning_diagram.h"
#include "childtune/widgets/matrix_grid_widget.h"
#include "childtune/widgets/message_banner.h"
#include "childtune/widgets/palette_colors.h"
#include "childtune/widgets/sparkline_widget.h"

namespace childtune::widgets {

namespace {

constexpr int kDefaultStepsPerSecond = 4;
constexpr int kMaxLossPoints = 400;  // the sparkline keeps the most recent steps

QLabel* operatorLabel(const QString& text, const QString& toolTip, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  QFont f = label->font();
  f.setPointSizeF(f.pointSizeF() * 1.3);
  label->setFont(f);
  label->setAlignment(Qt::AlignCenter);
  label->setToolTip(toolTip);
  label->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
  return label;
}

int countKept(const core::MatrixBlock& mask) {
  return static_cast<int>(
      std::count_if(mask.values.begin(), mask.values.end(), [](float v) { return v != 0.0f; }));
}

}  // namespace

LearnView::LearnView(QWidget* parent, StepSourceFactory factory)
    : QWidget(parent), factory_(std::move(factory)) {
  if (!factory_) {
    factory_ = [](const core::StepThroughOptions& options) -> std::unique_ptr<core::StepSource> {
      return std::make_unique<core::StepThrough>(options);
    };
  }
  timer_ = new QTimer(this);
  timer_->setInterval(1000 / kDefaultStepsPerSecond);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->setChildrenCollapsible(false);
  splitter->addWidget(makeExplanation());
  splitter->addWidget(makeStepThrough());
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 2);
  splitter->setSizes({460, 980});
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(splitter);

  connect(timer_, &QTimer::timeout, this, &LearnView::stepOnce);
  reset();
}

LearnView::~LearnView() = default;

QWidget* LearnView::makeExplanation() {
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto* page = new QWidget(scroll);
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(12, 12, 12, 12);
  explanation_ = new QLabel(page);
  explanation_->setWordWrap(true);
  explanation_->setTextFormat(Qt::RichText);
  explanation_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  explanation_->setAccessibleName(tr("Explanation of fine-tuning and Child-Tuning"));
  explanation_->setText(explanationHtml());
  diagram_ = new ChildTuningDiagram(page);
  layout->addWidget(explanation_);
  layout->addWidget(diagram_);
  layout->addStretch(1);
  scroll->setWidget(page);
  scroll->setMinimumWidth(340);
  return scroll;
}

QString LearnView::explanationHtml() const {
  return tr(
      "<h3>Fine-tuning</h3>"
      "<p>A pretrained language model already knows a lot about text. To teach it a task, such "
      "as telling positive from negative reviews, we put a small classifier on top and keep "
      "training <i>all</i> of its weights on labelled examples. Each step runs a batch through "
      "the model, measures the loss, back-propagates a gradient to every weight, clips the "
      "length of all gradients together to at most 1, and lets AdamW turn each gradient into a "
      "small update.</p>"
      "<h3>Child-Tuning</h3>"
      "<p>Child-Tuning (Xu et al., EMNLP 2021) updates only a <b>child network</b>, a subset of "
      "the weights, by setting the other gradients to zero before the optimizer sees them. "
      "Changing fewer weights keeps more of what pretraining learned, which often helps on "
      "small datasets.</p>"
      "<p><b>Child-Tuning_F</b> (task-free): at every step each gradient element is kept with "
      "probability p_F, a fresh Bernoulli draw, and the kept ones are multiplied by 1/p_F so the "
      "gradient stays the same on average. The mask covers every parameter. A dropped weight "
      "can still move a little through Adam's momentum from earlier steps.</p>"
      "<p><b>Child-Tuning_D</b> (task-driven): before training, the Fisher information of each "
      "encoder weight (its squared gradient, averaged over the training data) measures how much "
      "the task depends on it. The top p_D of all encoder weights, cut by one global threshold, "
      "form the child network, fixed for the whole run; their gradients pass unscaled. Encoder "
      "weights outside it never get a gradient, so only weight decay changes them. Embeddings, "
      "pooler and classifier are always updated.</p>"
      "<p>The step-through trains a tiny BERT on a toy sentiment task with ChildTune's own "
      "optimizer and masks, one real step at a time.</p>");
}

QWidget* LearnView::makeStepThrough() {
  auto* page = new QWidget(this);
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(12, 12, 12, 12);
  layout->setSpacing(10);

  auto* heading = new QLabel(tr("<h3>Step through one optimizer step at a time</h3>"), page);
  heading->setTextFormat(Qt::RichText);
  layout->addWidget(heading);

  // ---- Settings
  method_ = new QComboBox(page);
  method_->addItem(tr("Fine-tuning (vanilla)"), static_cast<int>(core::Method::Vanilla));
  method_->addItem(tr("Child-Tuning_F"), static_cast<int>(core::Method::ChildTuningF));
  method_->addItem(tr("Child-Tuning_D"), static_cast<int>(core::Method::ChildTuningD));
  method_->setCurrentIndex(2);
  method_->setAccessibleName(tr("Method"));
  method_->setToolTip(tr("Which weights get a gradient at each step"));
  p_ = new QDoubleSpinBox(page);
  p_->setRange(0.05, 1.0);
  p_->setSingleStep(0.05);
  p_->setDecimals(2);
  p_->setValue(0.3);
  p_->setAccessibleName(tr("Reserve fraction p"));
  p_->setToolTip(tr("The fraction of weights in the child network (p_D) or kept per step (p_F)"));
  pLabel_ = new QLabel(page);
  matrix_ = new QComboBox(page);
  for (const auto& name : core::StepThrough::watchableParameters()) {
    const auto kind = core::classifyParameter(name);
    matrix_->addItem(tr("Layer %1 · %2").arg(kind.layer).arg(moduleKindLabel(kind.kind)),
                     QString::fromStdString(name));
  }
  // The core's default (a value matrix): at initialisation query and key get almost no Fisher
  // information, so Child-Tuning_D would show an empty child network there.
  matrix_->setCurrentIndex(
      std::max(0, matrix_->findData(QString::fromStdString(core::StepThroughOptions{}.parameter))));
  matrix_->setAccessibleName(tr("Watched weight matrix"));
  matrix_->setToolTip(tr("The weight matrix whose top-left 8 × 8 block is shown"));
  learningRate_ = new QDoubleSpinBox(page);
  learningRate_->setRange(0.0001, 0.05);
  learningRate_->setDecimals(4);
  learningRate_->setSingleStep(0.0005);
  learningRate_->setValue(0.003);
  learningRate_->setAccessibleName(tr("Learning rate"));
  learningRate_->setToolTip(
      tr("AdamW's step size; the first Adam step moves a weight by about "
         "this much"));
  seed_ = new QSpinBox(page);
  seed_->setRange(0, 1000000);
  seed_->setValue(42);
  seed_->setAccessibleName(tr("Seed"));
  seed_->setToolTip(
      tr("Seeds the tiny model, its data and the Bernoulli masks: the same seed "
         "gives the same steps"));
  speed_ = new QSpinBox(page);
  speed_->setRange(1, 30);
  speed_->setValue(kDefaultStepsPerSecond);
  speed_->setSuffix(tr(" steps/s"));
  speed_->setAccessibleName(tr("Play speed"));
  speed_->setToolTip(tr("Steps per second while playing"));

  auto* settings = new QGridLayout();
  settings->setHorizontalSpacing(10);
  settings->addWidget(new QLabel(tr("Method"), page), 0, 0);
  settings->addWidget(method_, 0, 1);
  settings->addWidget(pLabel_, 0, 2);
  settings->addWidget(p_, 0, 3);
  settings->addWidget(new QLabel(tr("Matrix"), page), 0, 4);
  settings->addWidget(matrix_, 0, 5);
  settings->addWidget(new QLabel(tr("Learning rate"), page), 1, 0);
  settings->addWidget(learningRate_, 1, 1);
  settings->addWidget(new QLabel(tr("Seed"), page), 1, 2);
  settings->addWidget(seed_, 1, 3);
  settings->addWidget(new QLabel(tr("Speed"), page), 1, 4);
  settings->addWidget(speed_, 1, 5);
  settings->setColumnStretch(6, 1);
  layout->addLayout(settings);

  // ---- Transport
  const auto makeButton = [page](const QString& text, QStyle::StandardPixmap icon,
                                 const QString& toolTip) {
    auto* button = new QPushButton(page->style()->standardIcon(icon), text, page);
    button->setToolTip(toolTip);
    button->setAccessibleName(text);
    return button;
  };
  play_ = makeButton(tr("Play"), QStyle::SP_MediaPlay, tr("Take a step at the chosen speed"));
  pause_ = makeButton(tr("Pause"), QStyle::SP_MediaPause, tr("Stop after the current step"));
  step_ = makeButton(tr("Step"), QStyle::SP_MediaSkipForward, tr("Take exactly one step"));
  reset_ = makeButton(tr("Reset"), QStyle::SP_BrowserReload,
                      tr("Start again from the same initial weights (step 0)"));
  modelLine_ = new QLabel(page);
  modelLine_->setForegroundRole(QPalette::PlaceholderText);
  // Wrapped: unwrapped, its one long line sets the view's minimum width (wider than 1280 px).
  modelLine_->setWordWrap(true);
  auto* transport = new QHBoxLayout();
  transport->addWidget(play_);
  transport->addWidget(pause_);
  transport->addWidget(step_);
  transport->addWidget(reset_);
  transport->addSpacing(12);
  transport->addWidget(modelLine_, 1);
  layout->addLayout(transport);

  banner_ = new MessageBanner(page);
  layout->addWidget(banner_);

  // ---- The five grids, read left to right as the step computes them
  gradientGrid_ = new MatrixGridWidget(page);
  maskGrid_ = new MatrixGridWidget(page);
  maskedGrid_ = new MatrixGridWidget(page);
  updateGrid_ = new MatrixGridWidget(page);
  weightsGrid_ = new MatrixGridWidget(page);
  maskGrid_->setScaleKind(GridScale::Mask);
  auto* grids = new QHBoxLayout();
  grids->setSpacing(4);
  grids->addWidget(gradientGrid_, 1);
  grids->addWidget(operatorLabel(QStringLiteral("⊙"), tr("element-wise product"), page));
  grids->addWidget(maskGrid_, 1);
  grids->addWidget(operatorLabel(QStringLiteral("→"), tr("masked (and rescaled)"), page));
  grids->addWidget(maskedGrid_, 1);
  grids->addWidget(
      operatorLabel(tr("Adam\n→"), tr("AdamW: moments, bias correction, weight decay"), page));
  grids->addWidget(updateGrid_, 1);
  grids->addWidget(operatorLabel(QStringLiteral("+"), tr("added to the weights"), page));
  grids->addWidget(weightsGrid_, 1);
  layout->addLayout(grids);

  auto* legend = new QLabel(
      tr("Blue negative, red positive, white zero; each grid scales to its largest value. "
         "Hatched cells got no gradient this step. Hover a cell for its exact value."),
      page);
  legend->setWordWrap(true);
  legend->setForegroundRole(QPalette::PlaceholderText);
  layout->addWidget(legend);

  loss_ = new SparklineWidget(page);
  loss_->setLabel(tr("loss"));
  loss_->setFixedHeight(loss_->fontMetrics().height() * 4 + 12);
  layout->addWidget(loss_);
  stats_ = new QLabel(page);
  stats_->setWordWrap(true);
  stats_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(stats_);

  caption_ = new QLabel(page);
  caption_->setWordWrap(true);
  caption_->setTextFormat(Qt::RichText);
  caption_->setFrameShape(QFrame::StyledPanel);
  caption_->setMargin(8);
  caption_->setAutoFillBackground(true);
  caption_->setBackgroundRole(QPalette::AlternateBase);
  caption_->setAccessibleName(tr("What this step did"));
  caption_->setMinimumHeight(caption_->fontMetrics().height() * 4 + 16);
  caption_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  layout->addWidget(caption_);
  layout->addStretch(1);

  connect(play_, &QPushButton::clicked, this, &LearnView::play);
  connect(pause_, &QPushButton::clicked, this, &LearnView::pause);
  connect(step_, &QPushButton::clicked, this, &LearnView::stepOnce);
  connect(reset_, &QPushButton::clicked, this, &LearnView::reset);
  connect(speed_, &QSpinBox::valueChanged, this,
          [this](int stepsPerSecond) { timer_->setInterval(1000 / stepsPerSecond); });
  // A different configuration is a different run: start it from step 0.
  connect(method_, &QComboBox::currentIndexChanged, this, &LearnView::reset);
  connect(matrix_, &QComboBox::currentIndexChanged, this, &LearnView::reset);
  connect(p_, &QDoubleSpinBox::valueChanged, this, &LearnView::reset);
  connect(learningRate_, &QDoubleSpinBox::valueChanged, this, &LearnView::reset);
  connect(seed_, &QSpinBox::valueChanged, this, &LearnView::reset);
  return page;
}

core::StepThroughOptions LearnView::options() const {
  core::StepThroughOptions o;
  o.method = static_cast<core::Method>(method_->currentData().toInt());
  o.p = p_->value();
  o.learningRate = learningRate_->value();
  o.seed = static_cast<uint64_t>(seed_->value());
  o.parameter = matrix_->currentData().toString().toStdString();
  return o;
}

void LearnView::setOptions(const core::StepThroughOptions& options) {
  // One reset at the end, not one per control.
  const QSignalBlocker blockMethod(method_);
  const QSignalBlocker blockMatrix(matrix_);
  const QSignalBlocker blockP(p_);
  const QSignalBlocker blockLearningRate(learningRate_);
  const QSignalBlocker blockSeed(seed_);
  const int methodIndex = method_->findData(static_cast<int>(options.method));
  if (methodIndex >= 0) {
    method_->setCurrentIndex(methodIndex);
  }
  const int matrixIndex = matrix_->findData(QString::fromStdString(options.parameter));
  if (matrixIndex >= 0) {
    matrix_->setCurrentIndex(matrixIndex);
  }
  p_->setValue(options.p);
  learningRate_->setValue(options.learningRate);
  seed_->setValue(static_cast<int>(std::min<uint64_t>(options.seed, 1000000)));
  reset();
}

bool LearnView::isPlaying() const { return timer_->isActive(); }

int LearnView::playIntervalMs() const { return timer_->interval(); }

const core::StepThroughInfo* LearnView::info() const {
  return source_ ? &source_->info() : nullptr;
}

QString LearnView::captionText() const { return caption_->text(); }

QString LearnView::errorText() const { return error_; }

void LearnView::play() {
  if (!source_ || timer_->isActive()) {
    return;
  }
  timer_->start();
  updateControls();
  Q_EMIT playingChanged(true);
}

void LearnView::pause() {
  if (!timer_->isActive()) {
    return;
  }
  timer_->stop();
  updateControls();
  Q_EMIT playingChanged(false);
}

void LearnView::stepOnce() {
  if (!source_) {
    return;
  }
  try {
    showFrame(source_->step());
  } catch (const Error& e) {
    pause();
    showError(QString::fromStdString(e.what()));
  } catch (const std::exception& e) {
    pause();
    showError(QString::fromStdString(e.what()));
  }
}

void LearnView::reset() {
  pause();
  source_.reset();
  frame_.reset();
  error_.clear();
  banner_->dismiss();
  try {
    source_ = factory_(options());
  } catch (const Error& e) {
    showError(QString::fromStdString(e.what()));
  } catch (const std::exception& e) {
    showError(QString::fromStdString(e.what()));
  }
  loss_->clear();
  showInitialState();
}

void LearnView::showError(const QString& text) {
  error_ = text;
  banner_->showMessage(MessageBanner::Level::Error, text);
  updateControls();
}

void LearnView::showInitialState() {
  for (auto* grid : {gradientGrid_, maskGrid_, maskedGrid_, updateGrid_, weightsGrid_}) {
    grid->clear();
  }
  if (source_) {
    const auto& info = source_->info();
    weightsGrid_->setBlock(info.initialWeights);
    if (!info.fisher.empty()) {
      maskGrid_->setDetail(tr("Fisher score"), info.fisher);
    }
    modelLine_->setText(tr("Tiny %1 · %2 examples, batch %3 · %4 weights")
                            .arg(QString::fromStdString(info.modelDescription))
                            .arg(info.trainExamples)
                            .arg(info.batchSize)
                            .arg(compactCount(info.totalParameters)));
  } else {
    modelLine_->clear();
  }
  updateGridTitles();
  updateCaption();
  updateControls();
}

void LearnView::showFrame(const core::StepFrame& frame) {
  frame_ = frame;
  gradientGrid_->setBlock(frame.gradient);
  maskGrid_->setBlock(frame.mask);
  maskedGrid_->setBlock(frame.maskedGradient);
  maskedGrid_->setMaskOverlay(frame.mask);
  updateGrid_->setBlock(frame.update);
  updateGrid_->setMaskOverlay(frame.mask);
  weightsGrid_->setBlock(frame.weightsAfter);
  loss_->appendValue(frame.loss);
  if (loss_->values().size() > kMaxLossPoints) {
    loss_->setValues(loss_->values().mid(loss_->values().size() - kMaxLossPoints));
  }
  updateCaption();
  updateControls();
  Q_EMIT frameShown(frame.step);
}

void LearnView::updateGridTitles() {
  const auto method = options().method;
  const double p = p_->value();
  gradientGrid_->setTitle(tr("Gradient (clipped)"));
  weightsGrid_->setTitle(tr("Weights"));
  updateGrid_->setTitle(tr("Update Δw"));
  switch (method) {
    case core::Method::ChildTuningF:
      maskGrid_->setTitle(tr("Bernoulli mask"));
      maskedGrid_->setTitle(tr("Masked × 1/%1").arg(p, 0, 'g', 3));
      break;
    case core::Method::Vanilla:
      maskGrid_->setTitle(tr("Mask (all kept)"));
      maskedGrid_->setTitle(tr("Gradient to Adam"));
      break;
    default:
      maskGrid_->setTitle(tr("Fisher child mask"));
      maskedGrid_->setTitle(tr("Masked gradient"));
      break;
  }
  pLabel_->setText(method == core::Method::ChildTuningF ? tr("p_F") : tr("p_D"));
  p_->setEnabled(method != core::Method::Vanilla);
  diagram_->setFractions(method == core::Method::ChildTuningF ? p : 0.3,
                         method == core::Method::ChildTuningD ? p : 0.3);
}

void LearnView::updateControls() {
  const bool ready = source_ != nullptr && error_.isEmpty();
  const bool playing = timer_->isActive();
  play_->setEnabled(ready && !playing);
  pause_->setEnabled(playing);
  step_->setEnabled(ready && !playing);
  reset_->setEnabled(true);
}

void LearnView::updateCaption() {
  if (!source_) {
    stats_->clear();
    caption_->setText(tr("The step-through could not start; see the message above."));
    return;
  }
  const auto& info = source_->info();
  const auto method = info.options.method;
  const double p = info.options.p;
  const int cells = info.initialWeights.rows * info.initialWeights.cols;
  const QString matrix = matrix_->currentText();
  if (!frame_) {
    stats_->setText(tr("Step 0 · watching the top-left %1 × %2 of %3 (%4 × %5)")
                        .arg(info.initialWeights.rows)
                        .arg(info.initialWeights.cols)
                        .arg(matrix)
                        .arg(info.matrixRows)
                        .arg(info.matrixCols));
    QString text =
        tr("<b>Step 0.</b> The weights on the right are the tiny model's starting "
           "point. Press <b>Step</b> to run one real optimizer step, or <b>Play</b>.");
    if (method == core::Method::ChildTuningD || method == core::Method::ChildTuningDLowest ||
        method == core::Method::ChildTuningDRandom) {
      text += tr(" Fisher information was estimated over all %1 training examples: "
                 "%2 of %3 encoder weights (%4%) are above the global threshold %5 and form "
                 "the child network. Hover the mask to see each weight's Fisher score.")
                  .arg(info.trainExamples)
                  .arg(info.childSelected)
                  .arg(info.maskableParameters)
                  .arg(100.0 * static_cast<double>(info.childSelected) /
                           static_cast<double>(std::max<int64_t>(1, info.maskableParameters)),
                       0, 'f', 1)
                  .arg(formatCellValue(info.fisherThreshold));
    }
    caption_->setText(text);
    return;
  }
  const auto& f = *frame_;
  const int kept = countKept(f.mask);
  QString clip =
      f.clipScale < 1.0 ? tr("clipped ×%1").arg(f.clipScale, 0, 'f', 3) : tr("not clipped");
  stats_->setText(tr("Step %1 · loss %2 · gradient norm %3 (%4) · lr %5 · %6% of all weights "
                     "got a gradient")
                      .arg(f.step)
                      .arg(f.loss, 0, 'f', 4)
                      .arg(f.gradNorm, 0, 'f', 3)
                      .arg(clip)
                      .arg(f.learningRate, 0, 'g', 3)
                      .arg(100.0 * f.keptFraction, 0, 'f', 1));
  QString text;
  switch (method) {
    case core::Method::Vanilla:
      text = tr("<b>Fine-tuning</b> passes every gradient element to Adam (%1 of %2 here). "
                "Adam divides each by the running size of its own past gradients, so after the "
                "first steps every weight moves by roughly the learning rate, whatever its "
                "gradient's size.")
                 .arg(kept)
                 .arg(cells);
      break;
    case core::Method::ChildTuningF:
      text = tr("<b>Child-Tuning_F</b> drew a new Bernoulli mask for step %1: %2 of %3 "
                "elements here were kept (p_F = %4) and multiplied by 1/p_F = %5, so the "
                "gradient is unchanged on average. Hatched cells got no gradient this step; "
                "they still move a little through Adam's momentum from earlier steps and by "
                "weight decay. Press Step again: the mask changes.")
                 .arg(f.step)
                 .arg(kept)
                 .arg(cells)
                 .arg(p, 0, 'g', 3)
                 .arg(1.0 / p, 0, 'g', 3);
      break;
    default:
      text = tr("<b>Child-Tuning_D</b> uses the same child network at every step, chosen once "
                "from Fisher information: %1 of %2 elements here are in it. Their gradients "
                "pass unscaled. The hatched ones never get a gradient, so Adam leaves them "
                "alone and only weight decay (−lr · wd · w, a few millionths) shrinks them. "
                "Embeddings, pooler and classifier are always updated.")
                 .arg(kept)
                 .arg(cells);
      break;
  }
  caption_->setText(text);
}

void LearnView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    explanation_->setText(explanationHtml());
    updateGridTitles();
    updateCaption();
  }
  QWidget::changeEvent(event);
}

}  // namespace childtune::widgets
