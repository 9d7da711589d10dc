#include "childtune/widgets/weight_movement_heatmap.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <cmath>
#include <limits>

#include "childtune/widgets/palette_colors.h"
#include "childtune/widgets/plot_theme.h"
#include "childtune/widgets/qcustomplot_include.h"

namespace childtune::widgets {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Value labels are drawn in the cells up to this many layers (beyond, they would not fit).
constexpr int kMaxLabelledLayers = 12;

QString scientific(double value) { return QLocale().toString(value, 'e', 2); }

QString percent(double fraction) {
  return WeightMovementHeatmap::tr("%1 %").arg(QLocale().toString(fraction * 100.0, 'f', 1));
}

}  // namespace

WeightMovementHeatmap::WeightMovementHeatmap(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("weightMovementHeatmap"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  captionLabel_ = new QLabel(this);
  captionLabel_->setObjectName(QStringLiteral("movementCaption"));
  captionLabel_->setWordWrap(true);
  layout->addWidget(captionLabel_);
  auto* header = new QHBoxLayout;
  auto* measureLabel = new QLabel(tr("Show:"), this);
  measureBox_ = new QComboBox(this);
  measureBox_->setObjectName(QStringLiteral("movementMeasure"));
  measureBox_->setAccessibleName(tr("Weight movement measure"));
  measureBox_->setToolTip(tr("What the colour of each layer × module cell shows."));
  measureBox_->addItem(tr("Relative change ‖Δw‖ / ‖w₀‖"),
                       static_cast<int>(Measure::RelativeChange));
  measureBox_->addItem(tr("Mean |Δw|"), static_cast<int>(Measure::MeanAbsDelta));
  measureBox_->addItem(tr("Fraction of weights changed"),
                       static_cast<int>(Measure::ChangedFraction));
  measureLabel->setBuddy(measureBox_);
  connect(measureBox_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int index) {
    setMeasure(static_cast<Measure>(measureBox_->itemData(index).toInt()));
  });
  logBox_ = new QCheckBox(tr("&Log scale"), this);
  logBox_->setObjectName(QStringLiteral("movementLogScale"));
  logBox_->setAccessibleName(tr("Logarithmic colour scale"));
  logBox_->setToolTip(
      tr("Colour by the logarithm of the value: small movements stay visible next to large "
         "ones."));
  logBox_->setChecked(log_);
  connect(logBox_, &QCheckBox::toggled, this, [this](bool on) { setLogScale(on); });
  header->addWidget(measureLabel);
  header->addWidget(measureBox_, 1);
  header->addWidget(logBox_);
  layout->addLayout(header);

  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("movementPlot"));
  plot_->setAccessibleName(tr("Where the weights moved, by layer and module"));
  plot_->setMouseTracking(true);
  plot_->setMinimumSize(320, 240);
  plot_->installEventFilter(this);
  plot_->setInteractions(QCP::Interactions());
  const LayerModuleMap layerModule = addLayerModuleMap(*plot_);
  map_ = layerModule.map;
  scale_ = layerModule.scale;
  hoverMarker_ = new QCPItemRect(plot_);
  hoverMarker_->setBrush(Qt::NoBrush);
  hoverMarker_->setVisible(false);
  hoverMarker_->setSelectable(false);
  connect(plot_, &QCustomPlot::afterLayout, this, [this] {
    if (!isEmpty() && fitModuleKindTicks(*plot_->xAxis, movement_.kinds, labelStyle_)) {
      plot_->replot(QCustomPlot::rpQueuedReplot);
    }
  });
  layout->addWidget(plot_, 1);

  emptyLabel_ = new QLabel(
      tr("Where the weights moved appears when a run has finished training: how far each layer "
         "and module went from the pretrained weights."),
      plot_);
  emptyLabel_->setAlignment(Qt::AlignCenter);
  emptyLabel_->setWordWrap(true);
  restyle();
  rebuild();
}

WeightMovementHeatmap::~WeightMovementHeatmap() = default;

void WeightMovementHeatmap::setMovement(const core::WeightMovement& movement) {
  movement_ = movement;
  if (hover_ && movement_.cell(hover_->first, hover_->second) == nullptr) {
    hover_.reset();
  }
  rebuild();
}

void WeightMovementHeatmap::clear() { setMovement(core::WeightMovement{}); }

void WeightMovementHeatmap::setMeasure(Measure measure) {
  const int index = measureBox_->findData(static_cast<int>(measure));
  if (measureBox_->currentIndex() != index) {
    const QSignalBlocker blocker(measureBox_);
    measureBox_->setCurrentIndex(index);
  }
  if (measure == measure_) {
    return;
  }
  measure_ = measure;
  rebuild();
  Q_EMIT measureChanged(measure);
}

void WeightMovementHeatmap::setLogScale(bool on) {
  if (logBox_->isChecked() != on) {
    const QSignalBlocker blocker(logBox_);
    logBox_->setChecked(on);
  }
  if (on == log_) {
    return;
  }
  log_ = on;
  rebuild();
}

int WeightMovementHeatmap::columnOf(core::ModuleKind kind) const {
  for (size_t i = 0; i < movement_.kinds.size(); ++i) {
    if (movement_.kinds[i] == kind) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

double WeightMovementHeatmap::cellValue(int layer, core::ModuleKind kind) const {
  const core::MovementCell* cell = movement_.cell(layer, kind);
  if (cell == nullptr) {
    return kNaN;
  }
  switch (measure_) {
    case Measure::RelativeChange:
      return cell->sums.relativeChange();
    case Measure::MeanAbsDelta:
      return cell->sums.meanAbsDelta();
    case Measure::ChangedFraction:
      return cell->sums.changedFraction();
  }
  return kNaN;
}

double WeightMovementHeatmap::drawnValue(int layer, core::ModuleKind kind) const {
  const int column = columnOf(kind);
  const int columns = static_cast<int>(movement_.kinds.size());
  if (isEmpty() || column < 0 || layer < 0 || layer >= movement_.numLayers) {
    return kNaN;
  }
  // A single column or layer is stored doubled (QCPColorMap needs two cells per axis).
  return map_->data()->cell(columns == 1 ? 0 : column, movement_.numLayers == 1 ? 0 : layer);
}

std::pair<double, double> WeightMovementHeatmap::colorRange() const {
  return {scale_->dataRange().lower, scale_->dataRange().upper};
}

void WeightMovementHeatmap::rebuild() {
  const int layers = movement_.numLayers;
  const auto columns = static_cast<int>(movement_.kinds.size());
  const bool empty = layers <= 0 || columns <= 0 || movement_.cells.empty();
  emptyLabel_->setVisible(empty);
  measureBox_->setEnabled(!empty);
  logBox_->setEnabled(!empty);
  captionLabel_->setText(caption());
  for (QCPItemText* label : valueLabels_) {
    plot_->removeItem(label);
  }
  valueLabels_.clear();
  map_->setVisible(!empty);
  scale_->setVisible(!empty);
  if (empty) {
    map_->data()->clear();
    hoverMarker_->setVisible(false);
    plot_->xAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    restyle();
    return;
  }
  const int dataColumns = std::max(2, columns);
  const int dataLayers = std::max(2, layers);
  map_->data()->setSize(dataColumns, dataLayers);
  // Cell centres at integer coordinates (column index, layer index); a single column or layer
  // is stored as two cells spanning the same unit square.
  map_->data()->setRange(columns == 1 ? QCPRange(-0.25, 0.25) : QCPRange(0, columns - 1),
                         layers == 1 ? QCPRange(-0.25, 0.25) : QCPRange(0, layers - 1));
  double lo = std::numeric_limits<double>::infinity();
  double hi = 0.0;
  for (int j = 0; j < dataLayers; ++j) {
    const int layer = j * layers / dataLayers;
    for (int k = 0; k < dataColumns; ++k) {
      const int column = k * columns / dataColumns;
      double value = cellValue(layer, movement_.kinds[static_cast<size_t>(column)]);
      if (!std::isfinite(value) || (log_ && !(value > 0.0))) {
        value = kNaN;  // no such cell, or no logarithm: drawn transparent
      }
      if (std::isfinite(value)) {
        lo = std::min(lo, value);
        hi = std::max(hi, value);
      }
      map_->data()->setCell(k, j, value);
    }
  }
  QCPAxis* scaleAxis = scale_->axis();
  if (log_) {
    if (!std::isfinite(lo)) {
      lo = 1e-8;
      hi = 1e-7;
    }
    if (hi <= lo) {
      hi = lo * 10.0;
    }
    scale_->setDataScaleType(QCPAxis::stLogarithmic);
    scaleAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    scaleAxis->setNumberFormat(QStringLiteral("eb"));
    scaleAxis->setNumberPrecision(0);
  } else {
    lo = 0.0;
    hi = measure_ == Measure::ChangedFraction ? 1.0 : (hi > 0.0 ? hi : 1.0);
    scale_->setDataScaleType(QCPAxis::stLinear);
    scaleAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    scaleAxis->setNumberFormat(QStringLiteral("g"));
    scaleAxis->setNumberPrecision(2);
  }
  scale_->setDataRange(QCPRange(lo, hi));
  switch (measure_) {
    case Measure::RelativeChange:
      scale_->setLabel(tr("‖Δw‖ / ‖w₀‖"));
      break;
    case Measure::MeanAbsDelta:
      scale_->setLabel(tr("Mean |Δw|"));
      break;
    case Measure::ChangedFraction:
      scale_->setLabel(tr("Fraction changed"));
      break;
  }
  map_->setGradient(sequentialGradient());

  setModuleKindTicks(*plot_->xAxis, movement_.kinds, labelStyle_);
  auto layerTicker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  const int every = layers > 24 ? 2 : 1;
  for (int layer = 0; layer < layers; layer += every) {
    layerTicker->addTick(layer, QLocale().toString(layer));
  }
  plot_->yAxis->setTicker(layerTicker);
  plot_->xAxis->setRange(-0.5, columns - 0.5);
  plot_->yAxis->setRange(-0.5, layers - 0.5);

  if (layers <= kMaxLabelledLayers) {
    QCPColorGradient gradient = map_->gradient();  // color() is not const
    const QCPRange range = scale_->dataRange();
    for (int layer = 0; layer < layers; ++layer) {
      for (int column = 0; column < columns; ++column) {
        const double value = drawnValue(layer, movement_.kinds[static_cast<size_t>(column)]);
        if (!std::isfinite(value)) {
          continue;
        }
        auto* label = new QCPItemText(plot_);
        label->setClipToAxisRect(true);
        label->setSelectable(false);
        label->position->setCoords(column, layer);
        label->setText(measure_ == Measure::ChangedFraction
                           ? QLocale().toString(value * 100.0, 'f', 0)
                           : QLocale().toString(value, 'e', 1));
        label->setColor(contrastingText(QColor(gradient.color(value, range, log_))));
        valueLabels_.push_back(label);
      }
    }
  }
  restyle();
  placeHover();
}

QString WeightMovementHeatmap::caption() const {
  if (isEmpty()) {
    return tr("Where the weights moved");
  }
  const core::MovementSums& encoder = movement_.encoder;
  return tr("Where the weights moved after %n step(s): encoder ‖Δw‖ / ‖w₀‖ = %1, mean |Δw| = %2, "
            "%3 of the weights changed",
            nullptr, static_cast<int>(movement_.step))
      .arg(scientific(encoder.relativeChange()), scientific(encoder.meanAbsDelta()),
           percent(encoder.changedFraction()));
}

QString WeightMovementHeatmap::cellToolTip(int layer, core::ModuleKind kind) const {
  const core::MovementCell* cell = movement_.cell(layer, kind);
  if (cell == nullptr) {
    return {};
  }
  const QLocale locale;
  const core::MovementSums& s = cell->sums;
  QStringList lines;
  lines << tr("Layer %1 · %2").arg(locale.toString(layer), moduleKindLabel(kind));
  lines << tr("Weights: %1").arg(locale.toString(static_cast<qlonglong>(s.elements)));
  lines << tr("Changed: %1 (%2)")
               .arg(locale.toString(static_cast<qlonglong>(s.changed)),
                    percent(s.changedFraction()));
  lines << tr("Mean |Δw|: %1").arg(scientific(s.meanAbsDelta()));
  lines << tr("Max |Δw|: %1").arg(scientific(s.maxAbsDelta));
  lines << tr("‖Δw‖: %1 · ‖w₀‖: %2").arg(scientific(s.deltaNorm()), scientific(s.initialNorm()));
  lines << tr("Relative change ‖Δw‖ / ‖w₀‖: %1").arg(scientific(s.relativeChange()));
  return lines.join(QLatin1Char('\n'));
}

std::optional<WeightMovementHeatmap::Cell> WeightMovementHeatmap::cellAt(const QPoint& pos) const {
  if (isEmpty() || !plot_->axisRect()->rect().contains(pos)) {
    return std::nullopt;
  }
  const auto column = static_cast<int>(std::floor(plot_->xAxis->pixelToCoord(pos.x()) + 0.5));
  const auto layer = static_cast<int>(std::floor(plot_->yAxis->pixelToCoord(pos.y()) + 0.5));
  if (column < 0 || column >= static_cast<int>(movement_.kinds.size()) || layer < 0 ||
      layer >= movement_.numLayers) {
    return std::nullopt;
  }
  const core::ModuleKind kind = movement_.kinds[static_cast<size_t>(column)];
  if (movement_.cell(layer, kind) == nullptr) {
    return std::nullopt;
  }
  return Cell{layer, kind};
}

QPoint WeightMovementHeatmap::cellCenter(int layer, core::ModuleKind kind) const {
  return {static_cast<int>(std::lround(plot_->xAxis->coordToPixel(columnOf(kind)))),
          static_cast<int>(std::lround(plot_->yAxis->coordToPixel(layer)))};
}

void WeightMovementHeatmap::placeHover() {
  hoverMarker_->setVisible(hover_.has_value() && !isEmpty());
  if (hoverMarker_->visible()) {
    const double x = columnOf(hover_->second);
    const double y = hover_->first;
    hoverMarker_->topLeft->setCoords(x - 0.5, y + 0.5);
    hoverMarker_->bottomRight->setCoords(x + 0.5, y - 0.5);
  }
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void WeightMovementHeatmap::restyle() {
  std::vector<QColor> labelColors;
  labelColors.reserve(valueLabels_.size());
  for (const QCPItemText* label : valueLabels_) {
    labelColors.push_back(label->color());
  }
  applyPlotTheme(*plot_, palette(), font());
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.85);
  for (size_t i = 0; i < valueLabels_.size(); ++i) {
    valueLabels_[i]->setColor(labelColors[i]);
    valueLabels_[i]->setFont(small);
  }
  plot_->xAxis->grid()->setVisible(false);
  plot_->yAxis->grid()->setVisible(false);
  hoverMarker_->setPen(QPen(palette().color(QPalette::Text), 1.5));
  QPalette hint = emptyLabel_->palette();
  hint.setColor(QPalette::WindowText,
                blend(palette().color(QPalette::Base), palette().color(QPalette::Text), 0.55));
  emptyLabel_->setPalette(hint);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void WeightMovementHeatmap::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
    rebuild();
  }
}

bool WeightMovementHeatmap::eventFilter(QObject* watched, QEvent* event) {
  if (watched != plot_) {
    return QWidget::eventFilter(watched, event);
  }
  switch (event->type()) {
    case QEvent::Resize:
      emptyLabel_->setGeometry(plot_->rect());
      break;
    case QEvent::MouseMove: {
      const auto* mouse = static_cast<QMouseEvent*>(event);
      const QPoint pos = mouse->position().toPoint();
      const std::optional<Cell> cell = cellAt(pos);
      if (cell != hover_) {
        hover_ = cell;
        placeHover();
      }
      if (cell) {
        QToolTip::showText(mouse->globalPosition().toPoint(),
                           cellToolTip(cell->first, cell->second), plot_);
      } else if (const auto column = moduleKindColumnAtLabel(
                     *plot_->xAxis, static_cast<int>(movement_.kinds.size()), pos)) {
        QToolTip::showText(mouse->globalPosition().toPoint(),
                           moduleKindLabel(movement_.kinds[static_cast<size_t>(*column)]), plot_);
      } else {
        QToolTip::hideText();
      }
      break;
    }
    case QEvent::Leave:
      if (hover_) {
        hover_.reset();
        placeHover();
      }
      break;
    case QEvent::MouseButtonPress: {
      const auto* mouse = static_cast<QMouseEvent*>(event);
      if (mouse->button() == Qt::LeftButton) {
        if (const std::optional<Cell> cell = cellAt(mouse->position().toPoint())) {
          Q_EMIT cellClicked(cell->first, cell->second);
          return true;
        }
      }
      break;
    }
    default:
      break;
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace childtune::widgets
