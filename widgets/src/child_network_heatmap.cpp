#include "childtune/widgets/child_network_heatmap.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
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

QString score(double value) { return QLocale().toString(value, 'e', 2); }

QString percent(double fraction) {
  return ChildNetworkHeatmap::tr("%1 %").arg(QLocale().toString(fraction * 100.0, 'f', 1));
}

}  // namespace

ChildNetworkHeatmap::ChildNetworkHeatmap(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("childNetworkHeatmap"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* header = new QHBoxLayout;
  captionLabel_ = new QLabel(this);
  captionLabel_->setObjectName(QStringLiteral("heatmapCaption"));
  captionLabel_->setWordWrap(true);
  captionLabel_->setTextFormat(Qt::RichText);
  header->addWidget(captionLabel_, 1);
  auto* modeLabel = new QLabel(tr("Show:"), this);
  modeBox_ = new QComboBox(this);
  modeBox_->setObjectName(QStringLiteral("heatmapMode"));
  modeBox_->setAccessibleName(tr("Heatmap value"));
  modeBox_->setToolTip(tr("What the colour of each layer × module cell shows."));
  modeBox_->addItem(tr("Fraction in child network"), static_cast<int>(Mode::Fraction));
  modeBox_->addItem(tr("Mean Fisher score (log)"), static_cast<int>(Mode::MeanFisher));
  modeBox_->addItem(tr("Max Fisher score (log)"), static_cast<int>(Mode::MaxFisher));
  modeLabel->setBuddy(modeBox_);
  connect(modeBox_, qOverload<int>(&QComboBox::currentIndexChanged), this,
          [this](int index) { setMode(static_cast<Mode>(modeBox_->itemData(index).toInt())); });
  header->addWidget(modeLabel);
  header->addWidget(modeBox_);
  layout->addLayout(header);

  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("heatmapPlot"));
  plot_->setAccessibleName(tr("Child network by layer and module"));
  plot_->setFocusPolicy(Qt::StrongFocus);
  plot_->setMouseTracking(true);
  plot_->setMinimumSize(320, 240);
  plot_->installEventFilter(this);
  plot_->setInteractions(QCP::Interactions());
  const LayerModuleMap layerModule = addLayerModuleMap(*plot_);
  map_ = layerModule.map;
  scale_ = layerModule.scale;

  hoverMarker_ = new QCPItemRect(plot_);
  currentMarker_ = new QCPItemRect(plot_);
  for (QCPItemRect* marker : {hoverMarker_, currentMarker_}) {
    marker->setBrush(Qt::NoBrush);
    marker->setVisible(false);
    marker->setSelectable(false);
  }
  // The column labels that fit depend on the axis rect's width, known after each layout.
  connect(plot_, &QCustomPlot::afterLayout, this, [this] {
    if (!summary_.cells.empty() && fitModuleKindTicks(*plot_->xAxis, summary_.kinds, labelStyle_)) {
      plot_->replot(QCustomPlot::rpQueuedReplot);
    }
  });
  layout->addWidget(plot_, 1);

  emptyLabel_ =
      new QLabel(tr("No Fisher information yet: estimate it with Child-Tuning_D."), plot_);
  emptyLabel_->setAlignment(Qt::AlignCenter);
  emptyLabel_->setWordWrap(true);
  restyle();
  rebuild();
}

ChildNetworkHeatmap::~ChildNetworkHeatmap() = default;

void ChildNetworkHeatmap::setSummary(const core::FisherSummary& summary) {
  summary_ = summary;
  const auto keep = [this](std::optional<Cell>& cell) {
    if (cell && (findCell(cell->first, cell->second) == nullptr)) {
      cell.reset();
    }
  };
  keep(hover_);
  keep(current_);
  rebuild();
}

void ChildNetworkHeatmap::clear() { setSummary(core::FisherSummary{}); }

void ChildNetworkHeatmap::setMode(Mode mode) {
  const int index = modeBox_->findData(static_cast<int>(mode));
  if (modeBox_->currentIndex() != index) {
    const QSignalBlocker blocker(modeBox_);
    modeBox_->setCurrentIndex(index);
  }
  if (mode == mode_) {
    return;
  }
  mode_ = mode;
  rebuild();
  Q_EMIT modeChanged(mode);
}

const core::FisherCell* ChildNetworkHeatmap::findCell(int layer, core::ModuleKind kind) const {
  const int column = columnOf(kind);
  if (column < 0 || layer < 0 || layer >= summary_.numLayers) {
    return nullptr;
  }
  // Row-major by layer when complete; otherwise searched (a summary may leave cells out).
  const auto k = static_cast<size_t>(summary_.kinds.size());
  const size_t index = static_cast<size_t>(layer) * k + static_cast<size_t>(column);
  if (index < summary_.cells.size() && summary_.cells[index].layer == layer &&
      summary_.cells[index].kind == kind) {
    return summary_.cells[index].elements > 0 ? &summary_.cells[index] : nullptr;
  }
  for (const core::FisherCell& cell : summary_.cells) {
    if (cell.layer == layer && cell.kind == kind) {
      return cell.elements > 0 ? &cell : nullptr;
    }
  }
  return nullptr;
}

int ChildNetworkHeatmap::columnOf(core::ModuleKind kind) const {
  for (size_t i = 0; i < summary_.kinds.size(); ++i) {
    if (summary_.kinds[i] == kind) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

double ChildNetworkHeatmap::cellValue(int layer, core::ModuleKind kind) const {
  const core::FisherCell* cell = findCell(layer, kind);
  if (cell == nullptr) {
    return kNaN;
  }
  switch (mode_) {
    case Mode::Fraction:
      return cell->fraction();
    case Mode::MeanFisher:
      return cell->mean;
    case Mode::MaxFisher:
      return cell->max;
  }
  return kNaN;
}

double ChildNetworkHeatmap::drawnValue(int layer, core::ModuleKind kind) const {
  const int column = columnOf(kind);
  if (column < 0 || layer < 0 || layer >= map_->data()->valueSize()) {
    return kNaN;
  }
  return map_->data()->cell(column, layer);
}

std::pair<double, double> ChildNetworkHeatmap::colorRange() const {
  return {scale_->dataRange().lower, scale_->dataRange().upper};
}

void ChildNetworkHeatmap::rebuild() {
  const int layers = summary_.numLayers;
  const auto columns = static_cast<int>(summary_.kinds.size());
  const bool empty = layers <= 0 || columns <= 0 || summary_.cells.empty();
  emptyLabel_->setVisible(empty);
  modeBox_->setEnabled(!empty);
  captionLabel_->setText(caption());
  for (QCPItemText* label : valueLabels_) {
    plot_->removeItem(label);
  }
  valueLabels_.clear();
  if (empty) {
    map_->data()->clear();
    map_->setVisible(false);
    scale_->setVisible(false);
    hoverMarker_->setVisible(false);
    currentMarker_->setVisible(false);
    plot_->xAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    plot_->replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  map_->setVisible(true);
  scale_->setVisible(true);
  map_->data()->setSize(columns, layers);
  // Cell centres at integer coordinates: column index, layer index.
  map_->data()->setRange(QCPRange(0, columns - 1), QCPRange(0, layers - 1));
  double lo = std::numeric_limits<double>::infinity();
  double hi = 0.0;
  for (int layer = 0; layer < layers; ++layer) {
    for (int column = 0; column < columns; ++column) {
      double value = cellValue(layer, summary_.kinds[static_cast<size_t>(column)]);
      if (mode_ != Mode::Fraction && !(value > 0.0)) {
        value = kNaN;  // no logarithm: drawn transparent
      }
      if (std::isfinite(value)) {
        lo = std::min(lo, value);
        hi = std::max(hi, value);
      }
      map_->data()->setCell(column, layer, value);
    }
  }
  QCPAxis* scaleAxis = scale_->axis();
  if (mode_ == Mode::Fraction) {
    scale_->setDataScaleType(QCPAxis::stLinear);
    scale_->setDataRange(QCPRange(0.0, 1.0));
    scaleAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    scaleAxis->setNumberFormat(QStringLiteral("g"));
    scale_->setLabel(tr("Fraction in child network"));
  } else {
    if (!std::isfinite(lo)) {
      lo = 1e-12;
      hi = 1e-4;
    }
    if (hi <= lo) {
      hi = lo * 10.0;
    }
    scale_->setDataScaleType(QCPAxis::stLogarithmic);
    scale_->setDataRange(QCPRange(lo, hi));
    scaleAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    scaleAxis->setNumberFormat(QStringLiteral("eb"));
    scaleAxis->setNumberPrecision(0);
    scale_->setLabel(mode_ == Mode::MeanFisher ? tr("Mean Fisher score") : tr("Max Fisher score"));
  }
  map_->setGradient(sequentialGradient());

  setModuleKindTicks(*plot_->xAxis, summary_.kinds, labelStyle_);
  auto layerTicker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  // Every layer labelled up to 24; beyond, every other one.
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
    const bool log = mode_ != Mode::Fraction;
    for (int layer = 0; layer < layers; ++layer) {
      for (int column = 0; column < columns; ++column) {
        const double value = map_->data()->cell(column, layer);
        if (!std::isfinite(value)) {
          continue;
        }
        auto* label = new QCPItemText(plot_);
        label->setClipToAxisRect(true);
        label->position->setCoords(column, layer);
        label->setText(log ? QLocale().toString(value, 'e', 1)
                           : QLocale().toString(value * 100.0, 'f', 1));
        label->setColor(contrastingText(QColor(gradient.color(value, range, log))));
        label->setSelectable(false);
        valueLabels_.push_back(label);
      }
    }
  }
  restyle();
  updateMarkers();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString ChildNetworkHeatmap::caption() const {
  if (summary_.cells.empty()) {
    return tr("Child network");
  }
  return tr("Child network: %1 of %2 weights (%3) at p<sub>D</sub> = %4 · global threshold %5")
      .arg(compactCount(summary_.selected), compactCount(summary_.total),
           percent(summary_.fraction()), QLocale().toString(summary_.pD, 'f', 2),
           score(summary_.threshold));
}

QString ChildNetworkHeatmap::cellToolTip(int layer, core::ModuleKind kind) const {
  const core::FisherCell* cell = findCell(layer, kind);
  if (cell == nullptr) {
    return {};
  }
  const QLocale locale;
  QStringList lines;
  lines << tr("Layer %1 · %2").arg(locale.toString(layer), moduleKindLabel(kind));
  lines << tr("Weights: %1").arg(locale.toString(static_cast<qlonglong>(cell->elements)));
  lines << tr("In child network: %1 (%2)")
               .arg(locale.toString(static_cast<qlonglong>(cell->selected)),
                    percent(cell->fraction()));
  lines << tr("Fisher mean: %1").arg(score(cell->mean));
  lines << tr("Fisher median: %1").arg(score(cell->median));
  lines << tr("Fisher max: %1").arg(score(cell->max));
  return lines.join(QLatin1Char('\n'));
}

std::optional<ChildNetworkHeatmap::Cell> ChildNetworkHeatmap::cellAt(const QPoint& pos) const {
  if (summary_.cells.empty() || !plot_->axisRect()->rect().contains(pos)) {
    return std::nullopt;
  }
  const double x = plot_->xAxis->pixelToCoord(pos.x());
  const double y = plot_->yAxis->pixelToCoord(pos.y());
  const auto column = static_cast<int>(std::floor(x + 0.5));
  const auto layer = static_cast<int>(std::floor(y + 0.5));
  if (column < 0 || column >= static_cast<int>(summary_.kinds.size()) || layer < 0 ||
      layer >= summary_.numLayers) {
    return std::nullopt;
  }
  const core::ModuleKind kind = summary_.kinds[static_cast<size_t>(column)];
  if (findCell(layer, kind) == nullptr) {
    return std::nullopt;
  }
  return Cell{layer, kind};
}

QPoint ChildNetworkHeatmap::cellCenter(int layer, core::ModuleKind kind) const {
  return {static_cast<int>(std::lround(plot_->xAxis->coordToPixel(columnOf(kind)))),
          static_cast<int>(std::lround(plot_->yAxis->coordToPixel(layer)))};
}

void ChildNetworkHeatmap::setCurrentCell(int layer, core::ModuleKind kind) {
  if (findCell(layer, kind) == nullptr) {
    return;
  }
  current_ = Cell{layer, kind};
  plot_->setAccessibleDescription(cellToolTip(layer, kind));
  updateMarkers();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ChildNetworkHeatmap::moveCurrent(int dLayer, int dColumn) {
  if (summary_.cells.empty()) {
    return;
  }
  Cell cell = current_.value_or(Cell{summary_.numLayers - 1, summary_.kinds.front()});
  if (current_) {
    const int columns = static_cast<int>(summary_.kinds.size());
    const int layer = std::clamp(cell.first + dLayer, 0, summary_.numLayers - 1);
    const int column = std::clamp(columnOf(cell.second) + dColumn, 0, columns - 1);
    cell = Cell{layer, summary_.kinds[static_cast<size_t>(column)]};
  }
  setCurrentCell(cell.first, cell.second);
}

void ChildNetworkHeatmap::placeRect(QCPItemRect* item, const std::optional<Cell>& cell) {
  item->setVisible(cell.has_value() && !summary_.cells.empty());
  if (!item->visible()) {
    return;
  }
  const double x = columnOf(cell->second);
  const double y = cell->first;
  item->topLeft->setCoords(x - 0.5, y + 0.5);
  item->bottomRight->setCoords(x + 0.5, y - 0.5);
}

void ChildNetworkHeatmap::updateMarkers() {
  placeRect(hoverMarker_, hover_ != current_ ? hover_ : std::nullopt);
  placeRect(currentMarker_, plot_->hasFocus() || current_ ? current_ : std::nullopt);
}

double ChildNetworkHeatmap::replotNow() {
  rebuild();
  plot_->replot(QCustomPlot::rpImmediateRefresh);
  return plot_->replotTime();
}

void ChildNetworkHeatmap::restyle() {
  const QPalette pal = palette();
  // Value labels keep their contrasting colours: theme them first, then restore.
  std::vector<QColor> labelColors;
  labelColors.reserve(valueLabels_.size());
  for (const QCPItemText* label : valueLabels_) {
    labelColors.push_back(label->color());
  }
  applyPlotTheme(*plot_, pal, font());
  for (size_t i = 0; i < valueLabels_.size(); ++i) {
    valueLabels_[i]->setColor(labelColors[i]);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    valueLabels_[i]->setFont(small);
  }
  plot_->xAxis->grid()->setVisible(false);
  plot_->yAxis->grid()->setVisible(false);
  const QColor text = pal.color(QPalette::Text);
  hoverMarker_->setPen(QPen(text, 1.5));
  currentMarker_->setPen(QPen(pal.color(QPalette::Highlight), 3));
  QPalette hint = emptyLabel_->palette();
  hint.setColor(QPalette::WindowText, blend(pal.color(QPalette::Base), text, 0.55));
  emptyLabel_->setPalette(hint);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ChildNetworkHeatmap::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
    rebuild();
  }
}

bool ChildNetworkHeatmap::eventFilter(QObject* watched, QEvent* event) {
  if (watched != plot_) {
    return QWidget::eventFilter(watched, event);
  }
  switch (event->type()) {
    case QEvent::Resize:
      emptyLabel_->setGeometry(plot_->rect());
      break;
    case QEvent::MouseMove: {
      const auto* mouse = static_cast<QMouseEvent*>(event);
      const std::optional<Cell> cell = cellAt(mouse->position().toPoint());
      if (cell != hover_) {
        hover_ = cell;
        updateMarkers();
        plot_->replot(QCustomPlot::rpQueuedReplot);
      }
      if (cell) {
        QToolTip::showText(mouse->globalPosition().toPoint(),
                           cellToolTip(cell->first, cell->second), plot_);
      } else if (const auto column =
                     moduleKindColumnAtLabel(*plot_->xAxis, static_cast<int>(summary_.kinds.size()),
                                             mouse->position().toPoint())) {
        // Short column labels: the full module name on hover.
        QToolTip::showText(mouse->globalPosition().toPoint(),
                           moduleKindLabel(summary_.kinds[static_cast<size_t>(*column)]), plot_);
      } else {
        QToolTip::hideText();
      }
      break;
    }
    case QEvent::Leave:
      if (hover_) {
        hover_.reset();
        updateMarkers();
        plot_->replot(QCustomPlot::rpQueuedReplot);
      }
      break;
    case QEvent::MouseButtonPress: {
      const auto* mouse = static_cast<QMouseEvent*>(event);
      if (mouse->button() == Qt::LeftButton) {
        if (const std::optional<Cell> cell = cellAt(mouse->position().toPoint())) {
          setCurrentCell(cell->first, cell->second);
          Q_EMIT cellClicked(cell->first, cell->second);
          return true;
        }
      }
      break;
    }
    case QEvent::KeyPress: {
      const auto* key = static_cast<QKeyEvent*>(event);
      switch (key->key()) {
        case Qt::Key_Up:
          moveCurrent(1, 0);
          return true;
        case Qt::Key_Down:
          moveCurrent(-1, 0);
          return true;
        case Qt::Key_Left:
          moveCurrent(0, -1);
          return true;
        case Qt::Key_Right:
          moveCurrent(0, 1);
          return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Space:
          if (current_) {
            Q_EMIT cellClicked(current_->first, current_->second);
            return true;
          }
          break;
        default:
          break;
      }
      break;
    }
    case QEvent::FocusIn:
    case QEvent::FocusOut:
      updateMarkers();
      plot_->replot(QCustomPlot::rpQueuedReplot);
      break;
    default:
      break;
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace childtune::widgets
