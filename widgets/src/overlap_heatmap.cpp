#include "childtune/widgets/overlap_heatmap.h"

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

QString jaccardText(double value) { return QLocale().toString(value, 'f', 2); }

}  // namespace

OverlapHeatmap::OverlapHeatmap(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("overlapHeatmap"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  captionLabel_ = new QLabel(this);
  captionLabel_->setObjectName(QStringLiteral("overlapCaption"));
  captionLabel_->setWordWrap(true);
  layout->addWidget(captionLabel_);
  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("overlapPlot"));
  plot_->setAccessibleName(tr("Child network overlap per layer (Jaccard index)"));
  plot_->setMinimumSize(240, 240);
  plot_->setMouseTracking(true);
  plot_->installEventFilter(this);
  map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
  map_->setInterpolate(false);
  map_->setTightBoundary(false);
  scale_ = new QCPColorScale(plot_);
  scale_->setType(QCPAxis::atRight);
  scale_->setBarWidth(14);
  scale_->setDataRange(QCPRange(0.0, 1.0));
  scale_->setLabel(tr("Jaccard index"));
  plot_->plotLayout()->addElement(0, 1, scale_);
  map_->setColorScale(scale_);  // the map takes the scale's gradient: set it afterwards
  map_->setGradient(sequentialGradient());
  map_->setDataRange(QCPRange(0.0, 1.0));
  auto* margins = new QCPMarginGroup(plot_);
  plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  plot_->yAxis->setLabel(tr("Encoder layer"));
  for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
    axis->setSubTicks(false);
    axis->setTickLength(0, 3);
  }
  layout->addWidget(plot_, 1);
  emptyLabel_ = new QLabel(tr("Select two runs with child networks to compare them."), plot_);
  emptyLabel_->setAlignment(Qt::AlignCenter);
  emptyLabel_->setWordWrap(true);
  rebuild();
}

OverlapHeatmap::~OverlapHeatmap() = default;

void OverlapHeatmap::setColumns(const std::vector<OverlapColumn>& columns) {
  columns_ = columns;
  layers_ = 0;
  for (const OverlapColumn& column : columns_) {
    layers_ = std::max(layers_, static_cast<int>(column.perLayer.size()));
  }
  rebuild();
}

void OverlapHeatmap::setOverlap(const QString& label, const core::MaskOverlap& overlap) {
  setColumns({OverlapColumn{label, overlap.perLayer, overlap.overall}});
}

void OverlapHeatmap::clear() { setColumns({}); }

double OverlapHeatmap::drawnValue(int layer, int column) const {
  if (layer < 0 || column < 0 || layer >= layers_ || column >= columnCount()) {
    return kNaN;
  }
  // One-column or one-layer maps are stored doubled (QCPColorMap needs two cells per axis).
  return map_->data()->cell(columnCount() == 1 ? 0 : column, layers_ == 1 ? 0 : layer);
}

QString OverlapHeatmap::cellText(int layer, int column) const {
  if (layer < 0 || column < 0 || layer >= layers_ || column >= columnCount()) {
    return {};
  }
  return labels_[static_cast<size_t>(layer * columnCount() + column)]->text();
}

QString OverlapHeatmap::cellToolTip(int layer, int column) const {
  if (layer < 0 || column < 0 || layer >= layers_ || column >= columnCount()) {
    return {};
  }
  const double value = drawnValue(layer, column);
  return tr("%1\nLayer %2: Jaccard %3")
      .arg(columns_[static_cast<size_t>(column)].label, QLocale().toString(layer),
           std::isfinite(value) ? jaccardText(value) : tr("not in both runs"));
}

std::optional<std::pair<int, int>> OverlapHeatmap::cellAt(const QPoint& pos) const {
  if (columns_.empty() || layers_ == 0 || !plot_->axisRect()->rect().contains(pos)) {
    return std::nullopt;
  }
  const auto column = static_cast<int>(std::floor(plot_->xAxis->pixelToCoord(pos.x()) + 0.5));
  const auto layer = static_cast<int>(std::floor(plot_->yAxis->pixelToCoord(pos.y()) + 0.5));
  if (column < 0 || column >= columnCount() || layer < 0 || layer >= layers_) {
    return std::nullopt;
  }
  return std::pair{layer, column};
}

QPoint OverlapHeatmap::cellCenter(int layer, int column) const {
  return {static_cast<int>(std::lround(plot_->xAxis->coordToPixel(column))),
          static_cast<int>(std::lround(plot_->yAxis->coordToPixel(layer)))};
}

void OverlapHeatmap::rebuild() {
  for (QCPItemText* label : labels_) {
    plot_->removeItem(label);
  }
  labels_.clear();
  const int columns = columnCount();
  const bool empty = columns == 0 || layers_ == 0;
  emptyLabel_->setVisible(empty);
  map_->setVisible(!empty);
  scale_->setVisible(!empty);
  if (empty) {
    captionLabel_->setText(tr("Child network overlap"));
    map_->data()->clear();
    plot_->xAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    restyle();
    return;
  }
  QStringList overall;
  for (const OverlapColumn& column : columns_) {
    overall << tr("%1: %2").arg(column.label, jaccardText(column.overall));
  }
  captionLabel_->setText(tr("Child network overlap (Jaccard, all layers) · %1")
                             .arg(overall.join(QStringLiteral(" · "))));
  // Cell centres at integer coordinates; a single column or layer is stored as two cells
  // spanning the same unit square.
  const int dataColumns = std::max(2, columns);
  const int dataLayers = std::max(2, layers_);
  map_->data()->setSize(dataColumns, dataLayers);
  map_->data()->setRange(columns == 1 ? QCPRange(-0.25, 0.25) : QCPRange(0, columns - 1),
                         layers_ == 1 ? QCPRange(-0.25, 0.25) : QCPRange(0, layers_ - 1));
  for (int j = 0; j < dataLayers; ++j) {
    const int layer = j * layers_ / dataLayers;
    for (int k = 0; k < dataColumns; ++k) {
      const int column = k * columns / dataColumns;
      const auto& values = columns_[static_cast<size_t>(column)].perLayer;
      const double value =
          static_cast<size_t>(layer) < values.size() ? values[static_cast<size_t>(layer)] : kNaN;
      map_->data()->setCell(k, j, value);
    }
  }
  QCPColorGradient gradient = sequentialGradient();  // color() is not const
  const QCPRange range(0.0, 1.0);
  for (int layer = 0; layer < layers_; ++layer) {
    for (int column = 0; column < columns; ++column) {
      const double value = drawnValue(layer, column);
      auto* label = new QCPItemText(plot_);
      label->setClipToAxisRect(true);
      label->setSelectable(false);
      label->position->setCoords(column, layer);
      label->setText(std::isfinite(value) ? jaccardText(value) : QStringLiteral("–"));
      label->setColor(std::isfinite(value)
                          ? contrastingText(QColor(gradient.color(value, range, false)))
                          : palette().color(QPalette::Text));
      labels_.push_back(label);
    }
  }
  auto columnTicker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  for (int column = 0; column < columns; ++column) {
    columnTicker->addTick(column, columns_[static_cast<size_t>(column)].label);
  }
  plot_->xAxis->setTicker(columnTicker);
  auto layerTicker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  const int every = layers_ > 24 ? 2 : 1;
  for (int layer = 0; layer < layers_; layer += every) {
    layerTicker->addTick(layer, QLocale().toString(layer));
  }
  plot_->yAxis->setTicker(layerTicker);
  plot_->xAxis->setRange(-0.5, columns - 0.5);
  plot_->yAxis->setRange(-0.5, layers_ - 0.5);
  restyle();
}

void OverlapHeatmap::restyle() {
  std::vector<QColor> labelColors;
  labelColors.reserve(labels_.size());
  for (const QCPItemText* label : labels_) {
    labelColors.push_back(label->color());
  }
  applyPlotTheme(*plot_, palette(), font());
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  for (size_t i = 0; i < labels_.size(); ++i) {
    labels_[i]->setColor(labelColors[i]);
    labels_[i]->setFont(small);
  }
  plot_->xAxis->grid()->setVisible(false);
  plot_->yAxis->grid()->setVisible(false);
  QPalette hint = emptyLabel_->palette();
  hint.setColor(QPalette::WindowText,
                blend(palette().color(QPalette::Base), palette().color(QPalette::Text), 0.55));
  emptyLabel_->setPalette(hint);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void OverlapHeatmap::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
    rebuild();
  }
}

bool OverlapHeatmap::eventFilter(QObject* watched, QEvent* event) {
  if (watched != plot_) {
    return QWidget::eventFilter(watched, event);
  }
  if (event->type() == QEvent::Resize) {
    emptyLabel_->setGeometry(plot_->rect());
  } else if (event->type() == QEvent::MouseMove) {
    const auto* mouse = static_cast<QMouseEvent*>(event);
    if (const auto cell = cellAt(mouse->position().toPoint())) {
      QToolTip::showText(mouse->globalPosition().toPoint(), cellToolTip(cell->first, cell->second),
                         plot_);
    } else {
      QToolTip::hideText();
    }
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace childtune::widgets
