#include "childtune/widgets/training_chart_widget.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "childtune/widgets/palette_colors.h"
#include "childtune/widgets/plot_theme.h"
#include "childtune/widgets/qcustomplot_include.h"

namespace childtune::widgets {

namespace {

constexpr double kMaxSmoothing = 0.99;
constexpr int kSliderSteps = 99;  // slider value / 100 = smoothing weight

// TensorBoard's debiased EMA, one point at a time.
struct Ema {
  double last = 0.0;
  int count = 0;
  double push(double value, double weight) {
    if (!std::isfinite(value)) {
      return value;
    }
    last = last * weight + (1.0 - weight) * value;
    ++count;
    const double debias = 1.0 - std::pow(weight, count);
    return debias > 0.0 ? last / debias : value;
  }
};

std::vector<std::pair<double, double>> pointsOf(const QCPGraph* graph) {
  std::vector<std::pair<double, double>> points;
  if (graph == nullptr) {
    return points;
  }
  points.reserve(static_cast<size_t>(graph->data()->size()));
  for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
    points.emplace_back(it->key, it->value);
  }
  return points;
}

QString csvField(const QString& text) {
  if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
      !text.contains(QLatin1Char('\n'))) {
    return text;
  }
  QString quoted = text;
  quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
  return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvNumber(double value) { return QString::number(value, 'g', 12); }

// Scatter shapes that tell metrics apart when several share one run colour.
QCPScatterStyle::ScatterShape metricShape(int index) {
  static constexpr std::array<QCPScatterStyle::ScatterShape, 4> kShapes = {
      QCPScatterStyle::ssCircle, QCPScatterStyle::ssSquare, QCPScatterStyle::ssTriangle,
      QCPScatterStyle::ssDiamond};
  return kShapes[static_cast<size_t>(index) % kShapes.size()];
}

bool ensureParentDir(const QString& path, QString* error) {
  const QFileInfo info(path);
  if (!info.absoluteDir().exists()) {
    if (error != nullptr) {
      *error = TrainingChartWidget::tr("The folder %1 does not exist.")
                   .arg(QDir::toNativeSeparators(info.absolutePath()));
    }
    return false;
  }
  return true;
}

}  // namespace

void TrainingChartWidget::ValueExtent::add(double value) {
  if (!std::isfinite(value)) {
    return;
  }
  lo = std::min(lo, value);
  hi = std::max(hi, value);
  if (value > 0.0) {
    positiveLo = std::min(positiveLo, value);
    positiveHi = std::max(positiveHi, value);
  }
}

TrainingChartWidget::TrainingChartWidget(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("trainingChart"));
  runLabel_ = tr("This run");
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(4);
  buildToolbar();
  layout->addWidget(toolbar_);
  buildPlot();
  layout->addWidget(plot_, 1);

  flushTimer_ = new QTimer(this);
  flushTimer_->setSingleShot(true);
  flushTimer_->setInterval(kFlushIntervalMs);
  connect(flushTimer_, &QTimer::timeout, this, &TrainingChartWidget::flush);
  restyle();
}

TrainingChartWidget::~TrainingChartWidget() = default;

void TrainingChartWidget::buildToolbar() {
  toolbar_ = new QWidget(this);
  toolbar_->setObjectName(QStringLiteral("chartToolbar"));
  auto* bar = new QHBoxLayout(toolbar_);
  bar->setContentsMargins(0, 0, 0, 0);

  auto* smoothingLabel = new QLabel(tr("Smoothing"), toolbar_);
  smoothingSlider_ = new QSlider(Qt::Horizontal, toolbar_);
  smoothingSlider_->setObjectName(QStringLiteral("smoothingSlider"));
  smoothingSlider_->setAccessibleName(tr("Loss smoothing"));
  smoothingSlider_->setToolTip(
      tr("Exponential moving average of the training loss, as in TensorBoard (0 = raw)."));
  smoothingSlider_->setRange(0, kSliderSteps);
  smoothingSlider_->setValue(static_cast<int>(std::lround(smoothing_ * 100.0)));
  smoothingSlider_->setMaximumWidth(160);
  smoothingLabel->setBuddy(smoothingSlider_);
  smoothingValue_ = new QLabel(toolbar_);
  smoothingValue_->setObjectName(QStringLiteral("smoothingValue"));
  smoothingValue_->setMinimumWidth(
      smoothingValue_->fontMetrics().horizontalAdvance(QStringLiteral("0.000")));
  connect(smoothingSlider_, &QSlider::valueChanged, this,
          [this](int value) { setSmoothing(static_cast<double>(value) / 100.0); });

  logScaleBox_ = new QCheckBox(tr("Log scale"), toolbar_);
  logScaleBox_->setObjectName(QStringLiteral("logScaleLoss"));
  logScaleBox_->setAccessibleName(tr("Logarithmic loss axis"));
  logScaleBox_->setToolTip(tr("Show the training loss on a logarithmic axis."));
  connect(logScaleBox_, &QCheckBox::toggled, this, &TrainingChartWidget::setLogScaleLoss);

  resetButton_ = new QToolButton(toolbar_);
  resetButton_->setObjectName(QStringLiteral("resetView"));
  resetButton_->setText(tr("Reset view"));
  resetButton_->setAccessibleName(tr("Reset chart view"));
  resetButton_->setToolTip(
      tr("Fit all curves again after zooming or panning (also: double-click the chart)."));
  resetButton_->setToolButtonStyle(Qt::ToolButtonTextOnly);
  connect(resetButton_, &QToolButton::clicked, this, &TrainingChartWidget::resetView);

  exportButton_ = new QToolButton(toolbar_);
  exportButton_->setObjectName(QStringLiteral("exportChart"));
  exportButton_->setText(tr("Export"));
  exportButton_->setAccessibleName(tr("Export chart"));
  exportButton_->setToolTip(tr("Save the chart as an image or PDF, or its data as CSV."));
  exportButton_->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(exportButton_);
  menu->addAction(tr("PNG Image…"), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Chart as PNG"), QString(),
                                                      tr("PNG images (*.png)"));
    QString error;
    if (!path.isEmpty() && !exportPng(path, &error)) {
      QMessageBox::warning(this, tr("Export Failed"), error);
    }
  });
  menu->addAction(tr("PDF Document…"), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Chart as PDF"), QString(),
                                                      tr("PDF documents (*.pdf)"));
    QString error;
    if (!path.isEmpty() && !exportPdf(path, &error)) {
      QMessageBox::warning(this, tr("Export Failed"), error);
    }
  });
  menu->addAction(tr("CSV Data…"), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Chart Data as CSV"),
                                                      QString(), tr("CSV files (*.csv)"));
    QString error;
    if (!path.isEmpty() && !exportCsv(path, &error)) {
      QMessageBox::warning(this, tr("Export Failed"), error);
    }
  });
  exportButton_->setMenu(menu);

  bar->addWidget(smoothingLabel);
  bar->addWidget(smoothingSlider_);
  bar->addWidget(smoothingValue_);
  bar->addSpacing(12);
  bar->addWidget(logScaleBox_);
  bar->addStretch(1);
  bar->addWidget(resetButton_);
  bar->addWidget(exportButton_);
}

void TrainingChartWidget::buildPlot() {
  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("trainingPlot"));
  plot_->setAccessibleName(tr("Training curves"));
  plot_->setMinimumHeight(240);
  plot_->setAutoAddPlottableToLegend(false);
  plot_->setNoAntialiasingOnDrag(true);
  // Wide pens over tens of thousands of segments: one polyline call instead of one per segment.
  plot_->setPlottingHints(QCP::phFastPolylines | QCP::phCacheLabels);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->installEventFilter(this);
  connect(plot_, &QCustomPlot::afterReplot, this, [this] { ++replotCount_; });
  connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent*) { resetView(); });

  plot_->plotLayout()->clear();
  auto* margins = new QCPMarginGroup(plot_);
  const auto makeRect = [&](int row, const QString& yLabel, double stretch) {
    auto* rect = new QCPAxisRect(plot_);
    plot_->plotLayout()->addElement(row, 0, rect);
    plot_->plotLayout()->setRowStretchFactor(row, stretch);
    rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    rect->axis(QCPAxis::atLeft)->setLabel(yLabel);
    rect->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    rect->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    rect->axis(QCPAxis::atBottom)->setRange(0, 100);
    connect(rect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [this, rect](const QCPRange&) { syncStepRange(rect); });
    return rect;
  };
  lossRect_ = makeRect(0, tr("Training loss"), 1.6);
  metricRect_ = makeRect(1, tr("Dev metric"), 1.0);
  lrRect_ = makeRect(2, tr("Learning rate"), 0.8);
  lrRect_->axis(QCPAxis::atBottom)->setLabel(tr("Step"));
  lossRect_->axis(QCPAxis::atLeft)->setRange(0, 1);
  metricRect_->axis(QCPAxis::atLeft)->setRange(0, 1);
  lrRect_->axis(QCPAxis::atLeft)->setRange(0, 1e-4);
  lrRect_->axis(QCPAxis::atLeft)->setNumberFormat(QStringLiteral("g"));
  lrRect_->axis(QCPAxis::atLeft)->setNumberPrecision(2);
  // The panel is short: three labels (0, half, top) instead of five that touch.
  lrRect_->axis(QCPAxis::atLeft)->ticker()->setTickStepStrategy(QCPAxisTicker::tssMeetTickCount);
  lrRect_->axis(QCPAxis::atLeft)->ticker()->setTickCount(2);

  const auto makeLegend = [](QCPAxisRect* rect, Qt::Alignment where) {
    auto* legend = new QCPLegend;
    rect->insetLayout()->addElement(legend, where);
    legend->setLayer(QStringLiteral("legend"));
    legend->setVisible(true);
    legend->setIconSize(18, 10);
    return legend;
  };
  // Loss falls and metrics rise: each legend sits where its curves usually are not.
  lossLegend_ = makeLegend(lossRect_, Qt::AlignTop | Qt::AlignRight);
  metricLegend_ = makeLegend(metricRect_, Qt::AlignBottom | Qt::AlignRight);

  const auto makeGraph = [this](QCPAxisRect* rect) {
    QCPGraph* graph = plot_->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    graph->setAdaptiveSampling(true);
    return graph;
  };
  rawLoss_ = makeGraph(lossRect_);
  smoothLoss_ = makeGraph(lossRect_);
  learningRate_ = makeGraph(lrRect_);

  emptyText_ = new QCPItemText(plot_);
  emptyText_->setClipAxisRect(lossRect_);
  emptyText_->position->setAxisRect(lossRect_);
  emptyText_->position->setType(QCPItemPosition::ptAxisRectRatio);
  emptyText_->position->setCoords(0.5, 0.5);
  emptyText_->setText(tr("No training steps yet"));
}

std::vector<double> TrainingChartWidget::smoothed(const std::vector<double>& values,
                                                  double weight) {
  const double w = std::clamp(weight, 0.0, kMaxSmoothing);
  std::vector<double> result;
  result.reserve(values.size());
  Ema ema;
  for (const double value : values) {
    result.push_back(ema.push(value, w));
  }
  return result;
}

void TrainingChartWidget::appendStep(double step, double loss, double lr) {
  pendingSteps_.push_back({step, loss, lr});
  if (!flushTimer_->isActive()) {
    flushTimer_->start();
  }
}

void TrainingChartWidget::appendEval(double step, const QString& metric, double value) {
  pendingEvals_.push_back({step, metric, value});
  if (!flushTimer_->isActive()) {
    flushTimer_->start();
  }
}

int TrainingChartWidget::pendingPointCount() const {
  return static_cast<int>(pendingSteps_.size() + pendingEvals_.size());
}

bool TrainingChartWidget::flushPending() const { return flushTimer_->isActive(); }

void TrainingChartWidget::flush() {
  flushTimer_->stop();
  // Nothing new (a redraw): the view already fits the data.
  const bool changed = !pendingSteps_.empty() || !pendingEvals_.empty();
  if (!pendingSteps_.empty()) {
    const auto n = static_cast<qsizetype>(pendingSteps_.size());
    QVector<double> keys(n);
    QVector<double> losses(n);
    QVector<double> smooth(n);
    QVector<double> lrs(n);
    Ema ema{emaLast_, emaCount_};
    for (qsizetype i = 0; i < n; ++i) {
      const PendingStep& p = pendingSteps_[static_cast<size_t>(i)];
      keys[i] = p.step;
      losses[i] = p.loss;
      smooth[i] = ema.push(p.loss, smoothing_);
      lrs[i] = p.lr;
    }
    emaLast_ = ema.last;
    emaCount_ = ema.count;
    ValueExtent& rawExtent = extents_[rawLoss_];
    ValueExtent& smoothExtent = extents_[smoothLoss_];
    ValueExtent& lrExtent = extents_[learningRate_];
    for (qsizetype i = 0; i < n; ++i) {
      rawExtent.add(losses[i]);
      smoothExtent.add(smooth[i]);
      lrExtent.add(lrs[i]);
    }
    // Appended in step order: alreadySorted skips QCustomPlot's sort of the whole container.
    rawLoss_->addData(keys, losses, true);
    smoothLoss_->addData(keys, smooth, true);
    learningRate_->addData(keys, lrs, true);
    for (QCPGraph* graph : {rawLoss_, smoothLoss_, learningRate_}) {
      updateAntialiasing(graph);
    }
    pendingSteps_.clear();
  }
  for (const EvalPoint& e : pendingEvals_) {
    QCPGraph* graph = liveEvalGraph(e.metric);
    graph->addData(e.step, e.value);
    extents_[graph].add(e.value);
  }
  pendingEvals_.clear();
  // The live run is in the legend once it has points (the History view's chart shows overlays
  // only).
  if (rawLoss_->data()->isEmpty()) {
    smoothLoss_->removeFromLegend(lossLegend_);
  } else if (!lossLegend_->hasItemWithPlottable(smoothLoss_)) {
    smoothLoss_->addToLegend(lossLegend_);
  }
  emptyText_->setVisible(rawLoss_->data()->isEmpty() && overlays_.empty());
  if (changed) {
    rescaleIfFollowing();
  }
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingChartWidget::measureGraph(const QCPGraph* graph) {
  ValueExtent extent;
  for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
    extent.add(it->value);
  }
  extents_[graph] = extent;
}

void TrainingChartWidget::updateAntialiasing(QCPGraph* graph) const {
  // The three panels share their width (one margin group).
  const int width = std::max(1, lossRect_->width());
  graph->setAntialiased(graph->dataCount() <= kAntialiasedPointsPerPixel * width);
}

double TrainingChartWidget::flushAndReplotNow() {
  flush();
  plot_->replot(QCustomPlot::rpImmediateRefresh);
  return plot_->replotTime();
}

QCPGraph* TrainingChartWidget::liveEvalGraph(const QString& metric) {
  if (QCPGraph* existing = liveEvals_.value(metric)) {
    return existing;
  }
  QCPGraph* graph =
      plot_->addGraph(metricRect_->axis(QCPAxis::atBottom), metricRect_->axis(QCPAxis::atLeft));
  graph->setName(metric);
  liveEvals_.insert(metric, graph);
  if (!metricOrder_.contains(metric)) {
    metricOrder_ << metric;
  }
  graph->addToLegend(metricLegend_);
  restyle();
  return graph;
}

void TrainingChartWidget::setRunLabel(const QString& label) {
  runLabel_ = label.isEmpty() ? tr("This run") : label;
  smoothLoss_->setName(runLabel_);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingChartWidget::clear() {
  pendingSteps_.clear();
  pendingEvals_.clear();
  flushTimer_->stop();
  rawLoss_->data()->clear();
  smoothLoss_->data()->clear();
  learningRate_->data()->clear();
  smoothLoss_->removeFromLegend(lossLegend_);
  for (QCPGraph* graph : {rawLoss_, smoothLoss_, learningRate_}) {
    extents_.remove(graph);
    graph->setAntialiased(true);
  }
  for (QCPGraph* graph : std::as_const(liveEvals_)) {
    dropGraph(graph);
  }
  liveEvals_.clear();
  emaLast_ = 0.0;
  emaCount_ = 0;
  userView_ = false;
  metricOrder_.clear();
  for (const Overlay& overlay : overlays_) {
    for (auto it = overlay.evals.cbegin(); it != overlay.evals.cend(); ++it) {
      if (!metricOrder_.contains(it.key())) {
        metricOrder_ << it.key();
      }
    }
  }
  emptyText_->setVisible(overlays_.empty());
  rescaleAll();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingChartWidget::dropGraph(QCPGraph* graph) {
  // QCustomPlot removes a plottable only from its default legend; ours are extra legends.
  graph->removeFromLegend(lossLegend_);
  graph->removeFromLegend(metricLegend_);
  extents_.remove(graph);
  plot_->removeGraph(graph);
}

int TrainingChartWidget::nextOverlayColor() const {
  // Colour 0 is the live run's; overlays take the lowest free index after it.
  for (int index = 1;; ++index) {
    const bool used = std::any_of(overlays_.begin(), overlays_.end(),
                                  [index](const Overlay& o) { return o.colorIndex == index; });
    if (!used) {
      return index;
    }
  }
}

void TrainingChartWidget::addOverlay(const QString& runLabel, const std::vector<double>& steps,
                                     const std::vector<double>& losses,
                                     const std::vector<EvalPoint>& evals,
                                     const std::vector<std::pair<double, double>>& learningRates) {
  removeOverlay(runLabel);
  Overlay overlay;
  overlay.label = runLabel;
  overlay.colorIndex = nextOverlayColor();
  const size_t n = std::min(steps.size(), losses.size());
  overlay.steps.assign(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(n));
  overlay.losses.assign(losses.begin(), losses.begin() + static_cast<std::ptrdiff_t>(n));
  overlay.loss =
      plot_->addGraph(lossRect_->axis(QCPAxis::atBottom), lossRect_->axis(QCPAxis::atLeft));
  overlay.loss->setAdaptiveSampling(true);
  overlay.loss->setName(runLabel);
  overlay.loss->addToLegend(lossLegend_);
  const std::vector<double> smooth = smoothed(overlay.losses, smoothing_);
  overlay.loss->setData(QVector<double>(overlay.steps.begin(), overlay.steps.end()),
                        QVector<double>(smooth.begin(), smooth.end()));
  measureGraph(overlay.loss);
  updateAntialiasing(overlay.loss);
  if (!learningRates.empty()) {
    overlay.lr = plot_->addGraph(lrRect_->axis(QCPAxis::atBottom), lrRect_->axis(QCPAxis::atLeft));
    overlay.lr->setAdaptiveSampling(true);
    overlay.lr->setName(runLabel);
    QVector<double> keys;
    QVector<double> values;
    keys.reserve(static_cast<qsizetype>(learningRates.size()));
    values.reserve(static_cast<qsizetype>(learningRates.size()));
    for (const auto& [step, lr] : learningRates) {
      keys << step;
      values << lr;
    }
    overlay.lr->setData(keys, values);
    measureGraph(overlay.lr);
  }
  for (const EvalPoint& e : evals) {
    QCPGraph* graph = overlay.evals.value(e.metric);
    if (graph == nullptr) {
      graph =
          plot_->addGraph(metricRect_->axis(QCPAxis::atBottom), metricRect_->axis(QCPAxis::atLeft));
      graph->setName(tr("%1: %2").arg(runLabel, e.metric));
      graph->addToLegend(metricLegend_);
      overlay.evals.insert(e.metric, graph);
      if (!metricOrder_.contains(e.metric)) {
        metricOrder_ << e.metric;
      }
    }
    graph->addData(e.step, e.value);
    extents_[graph].add(e.value);
  }
  overlays_.push_back(std::move(overlay));
  emptyText_->setVisible(false);
  restyle();
  rescaleIfFollowing();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingChartWidget::removeOverlay(const QString& runLabel) {
  const auto it = std::find_if(overlays_.begin(), overlays_.end(),
                               [&runLabel](const Overlay& o) { return o.label == runLabel; });
  if (it == overlays_.end()) {
    return;
  }
  dropGraph(it->loss);
  if (it->lr != nullptr) {
    dropGraph(it->lr);
  }
  for (QCPGraph* graph : std::as_const(it->evals)) {
    dropGraph(graph);
  }
  overlays_.erase(it);
  emptyText_->setVisible(rawLoss_->data()->isEmpty() && overlays_.empty());
  rescaleIfFollowing();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingChartWidget::clearOverlays() {
  while (!overlays_.empty()) {
    removeOverlay(overlays_.back().label);
  }
}

QStringList TrainingChartWidget::overlayLabels() const {
  QStringList labels;
  for (const Overlay& overlay : overlays_) {
    labels << overlay.label;
  }
  return labels;
}

void TrainingChartWidget::setSmoothing(double weight) {
  const double clamped = std::clamp(weight, 0.0, kMaxSmoothing);
  const int sliderValue = static_cast<int>(std::lround(clamped * 100.0));
  smoothingValue_->setText(QLocale().toString(clamped, 'f', 2));
  if (smoothingSlider_->value() != sliderValue) {
    const QSignalBlocker blocker(smoothingSlider_);
    smoothingSlider_->setValue(sliderValue);
  }
  if (clamped == smoothing_) {
    return;
  }
  smoothing_ = clamped;
  rebuildSmoothed();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingChartWidget::rebuildSmoothed() {
  flush();
  QVector<double> keys;
  std::vector<double> raw;
  keys.reserve(rawLoss_->data()->size());
  raw.reserve(static_cast<size_t>(rawLoss_->data()->size()));
  for (auto it = rawLoss_->data()->constBegin(); it != rawLoss_->data()->constEnd(); ++it) {
    keys.push_back(it->key);
    raw.push_back(it->value);
  }
  const std::vector<double> smooth = smoothed(raw, smoothing_);
  smoothLoss_->setData(keys, QVector<double>(smooth.begin(), smooth.end()), true);
  measureGraph(smoothLoss_);
  Ema ema;
  for (const double value : raw) {
    ema.push(value, smoothing_);
  }
  emaLast_ = ema.last;
  emaCount_ = ema.count;
  for (Overlay& overlay : overlays_) {
    const std::vector<double> s = smoothed(overlay.losses, smoothing_);
    overlay.loss->setData(QVector<double>(overlay.steps.begin(), overlay.steps.end()),
                          QVector<double>(s.begin(), s.end()));
    measureGraph(overlay.loss);
  }
}

void TrainingChartWidget::setLogScaleLoss(bool enabled) {
  if (logScaleBox_->isChecked() != enabled) {
    const QSignalBlocker blocker(logScaleBox_);
    logScaleBox_->setChecked(enabled);
  }
  if (enabled == logScaleLoss_) {
    return;
  }
  logScaleLoss_ = enabled;
  applyLossScale();
  rescaleAll();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingChartWidget::applyLossScale() {
  QCPAxis* axis = lossRect_->axis(QCPAxis::atLeft);
  if (logScaleLoss_) {
    axis->setScaleType(QCPAxis::stLogarithmic);
    axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    axis->setNumberFormat(QStringLiteral("gb"));
    axis->setNumberPrecision(0);
  } else {
    axis->setScaleType(QCPAxis::stLinear);
    axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    axis->setNumberFormat(QStringLiteral("g"));
    axis->setNumberPrecision(3);
  }
}

void TrainingChartWidget::resetView() {
  userView_ = false;
  rescaleAll();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingChartWidget::rescaleIfFollowing() {
  if (!userView_) {
    rescaleAll();
  }
}

void TrainingChartWidget::rescaleAll() {
  bool anyKey = false;
  QCPRange keyRange;
  for (QCPAxisRect* rect : {lossRect_, metricRect_, lrRect_}) {
    bool anyValue = false;
    QCPRange valueRange;
    const QCPAxis* valueAxis = rect->axis(QCPAxis::atLeft);
    const QCP::SignDomain domain =
        valueAxis->scaleType() == QCPAxis::stLogarithmic ? QCP::sdPositive : QCP::sdBoth;
    const QList<QCPGraph*> graphs = rect->graphs();
    for (const QCPGraph* graph : graphs) {
      bool found = false;
      const QCPRange keys = graph->getKeyRange(found);
      if (found) {
        keyRange = anyKey ? QCPRange(std::min(keyRange.lower, keys.lower),
                                     std::max(keyRange.upper, keys.upper))
                          : keys;
        anyKey = true;
      }
      // The running extent instead of graph->getValueRange(), which scans every point.
      const ValueExtent extent = extents_.value(graph);
      const bool positive = domain == QCP::sdPositive;
      const double lo = positive ? extent.positiveLo : extent.lo;
      const double hi = positive ? extent.positiveHi : extent.hi;
      // An empty graph's extent is (+inf, -inf): test before building a QCPRange, whose
      // constructor would swap it into (-inf, +inf) and make every fit invalid.
      if (lo <= hi) {
        const QCPRange values(lo, hi);
        valueRange = anyValue ? QCPRange(std::min(valueRange.lower, values.lower),
                                         std::max(valueRange.upper, values.upper))
                              : values;
        anyValue = true;
      }
    }
    if (!anyValue) {
      continue;
    }
    QCPAxis* axis = rect->axis(QCPAxis::atLeft);
    if (domain == QCP::sdPositive) {
      const double lower = valueRange.lower / 1.15;
      const double upper = valueRange.upper * 1.15;
      axis->setRange(lower, upper > lower ? upper : lower * 10.0);
    } else {
      const double span = valueRange.size();
      const double pad =
          span > 0.0 ? span * 0.06 : std::max(std::abs(valueRange.upper) * 0.1, 1e-9);
      axis->setRange(valueRange.lower - pad, valueRange.upper + pad);
    }
  }
  if (anyKey) {
    const double upper = keyRange.upper > keyRange.lower ? keyRange.upper : keyRange.lower + 1.0;
    lossRect_->axis(QCPAxis::atBottom)->setRange(keyRange.lower, upper);
  } else {
    lossRect_->axis(QCPAxis::atBottom)->setRange(0, 100);
  }
}

void TrainingChartWidget::syncStepRange(const QCPAxisRect* source) {
  if (syncingRange_) {
    return;
  }
  syncingRange_ = true;
  const QCPRange range = source->axis(QCPAxis::atBottom)->range();
  for (QCPAxisRect* rect : {lossRect_, metricRect_, lrRect_}) {
    if (rect != source) {
      rect->axis(QCPAxis::atBottom)->setRange(range);
    }
  }
  syncingRange_ = false;
}

void TrainingChartWidget::setToolbarVisible(bool visible) { toolbar_->setVisible(visible); }

bool TrainingChartWidget::exportPng(const QString& path, QString* error, int width, int height) {
  flush();
  if (!ensureParentDir(path, error)) {
    return false;
  }
  if (!plot_->savePng(path, width, height)) {
    if (error != nullptr) {
      *error = tr("Could not write the image %1.").arg(QDir::toNativeSeparators(path));
    }
    return false;
  }
  return true;
}

bool TrainingChartWidget::exportPdf(const QString& path, QString* error, int width, int height) {
  flush();
  if (!ensureParentDir(path, error)) {
    return false;
  }
  if (!plot_->savePdf(path, width, height, QCP::epNoCosmetic, QString(), tr("Training curves"))) {
    if (error != nullptr) {
      *error = tr("Could not write the PDF %1.").arg(QDir::toNativeSeparators(path));
    }
    return false;
  }
  return true;
}

bool TrainingChartWidget::exportCsv(const QString& path, QString* error) {
  flush();
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
    if (error != nullptr) {
      *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    }
    return false;
  }
  QString text = QStringLiteral("run,series,step,value\n");
  const auto writeGraph = [&text](const QString& run, const QString& series,
                                  const QCPGraph* graph) {
    const QString prefix = csvField(run) + QLatin1Char(',') + csvField(series) + QLatin1Char(',');
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
      text +=
          prefix + csvNumber(it->key) + QLatin1Char(',') + csvNumber(it->value) + QLatin1Char('\n');
    }
  };
  writeGraph(runLabel_, QStringLiteral("loss"), rawLoss_);
  writeGraph(runLabel_, QStringLiteral("loss_smoothed"), smoothLoss_);
  writeGraph(runLabel_, QStringLiteral("lr"), learningRate_);
  for (const QString& metric : std::as_const(metricOrder_)) {
    if (const QCPGraph* graph = liveEvals_.value(metric)) {
      writeGraph(runLabel_, QStringLiteral("eval:") + metric, graph);
    }
  }
  for (const Overlay& overlay : overlays_) {
    const QString prefix = csvField(overlay.label) + QStringLiteral(",loss,");
    for (size_t i = 0; i < overlay.steps.size(); ++i) {
      text += prefix + csvNumber(overlay.steps[i]) + QLatin1Char(',') +
              csvNumber(overlay.losses[i]) + QLatin1Char('\n');
    }
    writeGraph(overlay.label, QStringLiteral("loss_smoothed"), overlay.loss);
    for (const QString& metric : std::as_const(metricOrder_)) {
      if (const QCPGraph* graph = overlay.evals.value(metric)) {
        writeGraph(overlay.label, QStringLiteral("eval:") + metric, graph);
      }
    }
  }
  const QByteArray bytes = text.toUtf8();
  if (file.write(bytes) != bytes.size() || !file.commit()) {
    if (error != nullptr) {
      *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    }
    return false;
  }
  return true;
}

std::vector<std::pair<double, double>> TrainingChartWidget::lossPoints() const {
  return pointsOf(rawLoss_);
}

std::vector<std::pair<double, double>> TrainingChartWidget::smoothedLossPoints() const {
  return pointsOf(smoothLoss_);
}

std::vector<std::pair<double, double>> TrainingChartWidget::learningRatePoints() const {
  return pointsOf(learningRate_);
}

std::vector<std::pair<double, double>> TrainingChartWidget::overlayLearningRatePoints(
    const QString& runLabel) const {
  for (const Overlay& overlay : overlays_) {
    if (overlay.label == runLabel) {
      return overlay.lr != nullptr ? pointsOf(overlay.lr)
                                   : std::vector<std::pair<double, double>>{};
    }
  }
  return {};
}

std::vector<std::pair<double, double>> TrainingChartWidget::evalPoints(
    const QString& metric) const {
  return pointsOf(liveEvals_.value(metric));
}

QStringList TrainingChartWidget::metrics() const { return metricOrder_; }

void TrainingChartWidget::restyle() {
  if (plot_ == nullptr) {
    return;
  }
  const QPalette pal = palette();
  applyPlotTheme(*plot_, pal, font());
  const QColor live = seriesColor(0, pal);
  QColor faint = live;
  faint.setAlphaF(0.28f);
  rawLoss_->setPen(QPen(faint, 1));
  smoothLoss_->setPen(QPen(live, 2));
  smoothLoss_->setName(runLabel_);
  learningRate_->setPen(QPen(live, 1.5));
  for (auto it = liveEvals_.cbegin(); it != liveEvals_.cend(); ++it) {
    const int index = static_cast<int>(metricOrder_.indexOf(it.key()));
    it.value()->setPen(QPen(live, 1.5));
    it.value()->setScatterStyle(
        QCPScatterStyle(metricShape(index), live, pal.color(QPalette::Base), 7));
  }
  for (const Overlay& overlay : overlays_) {
    const QColor color = seriesColor(overlay.colorIndex, pal);
    overlay.loss->setPen(QPen(color, 1.6));
    if (overlay.lr != nullptr) {
      overlay.lr->setPen(QPen(color, 1.2));
    }
    for (auto it = overlay.evals.cbegin(); it != overlay.evals.cend(); ++it) {
      const int index = static_cast<int>(metricOrder_.indexOf(it.key()));
      it.value()->setPen(QPen(color, 1.2, Qt::DashLine));
      it.value()->setScatterStyle(QCPScatterStyle(metricShape(index), color, color, 6));
    }
  }
  QColor hint = blend(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.5);
  emptyText_->setColor(hint);
  emptyText_->setFont(font());
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingChartWidget::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
    restyle();
  }
}

bool TrainingChartWidget::eventFilter(QObject* watched, QEvent* event) {
  if (watched == plot_) {
    if (event->type() == QEvent::Wheel) {
      userView_ = true;
    } else if (event->type() == QEvent::MouseMove) {
      const auto* mouse = static_cast<QMouseEvent*>(event);
      if (mouse->buttons() & Qt::LeftButton) {
        userView_ = true;
      }
    }
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace childtune::widgets
