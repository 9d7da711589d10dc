#include "childtune/widgets/weight_map_view.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QTimer>
#include <QToolButton>
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
// Square cells unless the tensor is much longer than wide (then it fills the view instead).
constexpr double kMaxSquareAspect = 8.0;

QString count(int64_t n) { return QLocale().toString(static_cast<qlonglong>(n)); }

}  // namespace

WeightMapView::WeightMapView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("weightMapView"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* header = new QHBoxLayout;
  titleLabel_ = new QLabel(this);
  titleLabel_->setObjectName(QStringLiteral("weightMapTitle"));
  titleLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  titleLabel_->setWordWrap(true);
  header->addWidget(titleLabel_, 1);

  const auto makeToggle = [this](const QString& text, const QString& name, const QString& tip) {
    auto* button = new QToolButton(this);
    button->setText(text);
    button->setObjectName(name);
    button->setAccessibleName(text);
    button->setToolTip(tip);
    button->setCheckable(true);
    button->setAutoRaise(false);
    return button;
  };
  fisherButton_ =
      makeToggle(tr("Fisher scores"), QStringLiteral("showFisher"),
                 tr("Colour each block by the largest Fisher score in it (log scale)."));
  maskButton_ =
      makeToggle(tr("Child network"), QStringLiteral("showMask"),
                 tr("Colour each block by the fraction of its weights in the child network."));
  auto* group = new QButtonGroup(this);
  group->setExclusive(true);
  group->addButton(fisherButton_);
  group->addButton(maskButton_);
  fisherButton_->setChecked(true);
  connect(fisherButton_, &QToolButton::toggled, this, [this](bool on) {
    if (on) {
      setDisplay(Display::Fisher);
    }
  });
  connect(maskButton_, &QToolButton::toggled, this, [this](bool on) {
    if (on) {
      setDisplay(Display::Mask);
    }
  });
  resetButton_ = new QToolButton(this);
  resetButton_->setObjectName(QStringLiteral("resetWeightMapView"));
  resetButton_->setText(tr("Reset view"));
  resetButton_->setAccessibleName(tr("Reset weight map view"));
  resetButton_->setToolTip(tr("Show the whole tensor again (also: double-click the map)."));
  connect(resetButton_, &QToolButton::clicked, this, &WeightMapView::resetView);
  header->addWidget(fisherButton_);
  header->addWidget(maskButton_);
  header->addSpacing(8);
  header->addWidget(resetButton_);
  layout->addLayout(header);

  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("weightMapPlot"));
  plot_->setAccessibleName(tr("Weight map"));
  plot_->setMinimumSize(300, 240);
  plot_->setMouseTracking(true);
  plot_->installEventFilter(this);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->setNoAntialiasingOnDrag(true);
  connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent*) { resetView(); });
  plot_->yAxis->setRangeReversed(true);
  plot_->xAxis->setLabel(tr("Column"));
  plot_->yAxis->setLabel(tr("Row"));
  colorMap_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
  colorMap_->setInterpolate(false);
  colorMap_->setTightBoundary(false);
  scale_ = new QCPColorScale(plot_);
  scale_->setType(QCPAxis::atRight);
  scale_->setBarWidth(14);
  plot_->plotLayout()->addElement(0, 1, scale_);
  colorMap_->setColorScale(scale_);
  auto* margins = new QCPMarginGroup(plot_);
  plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  layout->addWidget(plot_, 1);

  emptyLabel_ = new QLabel(tr("Click a cell of the heatmap to see that weight matrix."), plot_);
  emptyLabel_->setAlignment(Qt::AlignCenter);
  emptyLabel_->setWordWrap(true);
  rebuild();
}

WeightMapView::~WeightMapView() = default;

void WeightMapView::setWeightMap(const core::WeightMap& map) {
  map_ = map;
  const auto cells = static_cast<size_t>(std::max(0, map_.mapRows)) *
                     static_cast<size_t>(std::max(0, map_.mapCols));
  // Inconsistent input is shown as empty, not read out of bounds.
  if (map_.fisher.size() != cells || map_.childFraction.size() != cells) {
    map_.mapRows = 0;
    map_.mapCols = 0;
  }
  rebuild();
  resetView();
}

void WeightMapView::clear() { setWeightMap(core::WeightMap{}); }

void WeightMapView::setDisplay(Display display) {
  (display == Display::Fisher ? fisherButton_ : maskButton_)->setChecked(true);
  if (display == display_) {
    return;
  }
  display_ = display;
  rebuild();
  Q_EMIT displayChanged(display);
}

double WeightMapView::blockRows() const {
  return map_.mapRows > 0 ? static_cast<double>(std::max<int64_t>(map_.rows, 1)) / map_.mapRows
                          : 1.0;
}

double WeightMapView::blockCols() const {
  return map_.mapCols > 0 ? static_cast<double>(std::max<int64_t>(map_.cols, 1)) / map_.mapCols
                          : 1.0;
}

QString WeightMapView::title() const {
  if (isEmpty()) {
    return tr("No weight matrix selected");
  }
  const QString name = QString::fromStdString(map_.name);
  QString shape = map_.rows <= 1 ? tr("%1 values").arg(count(map_.cols))
                                 : tr("%1 × %2").arg(count(map_.rows), count(map_.cols));
  if (map_.mapRows != map_.rows || map_.mapCols != map_.cols) {
    shape += QLatin1Char(' ') + tr("(%1 × %2 blocks of %3 × %4)")
                                    .arg(QLocale().toString(map_.mapRows),
                                         QLocale().toString(map_.mapCols),
                                         QLocale().toString(blockRows(), 'g', 3),
                                         QLocale().toString(blockCols(), 'g', 3));
  }
  return tr("%1 · %2").arg(name, shape);
}

double WeightMapView::drawnValue(int row, int column) const {
  if (isEmpty() || row < 0 || column < 0 || row >= map_.mapRows || column >= map_.mapCols) {
    return kNaN;
  }
  // One-row or one-column maps are stored doubled (QCPColorMap needs two cells per axis).
  return colorMap_->data()->cell(map_.mapCols == 1 ? 0 : column, map_.mapRows == 1 ? 0 : row);
}

std::pair<double, double> WeightMapView::colorRange() const {
  return {scale_->dataRange().lower, scale_->dataRange().upper};
}

void WeightMapView::rebuild() {
  titleLabel_->setText(title());
  const bool empty = isEmpty();
  emptyLabel_->setVisible(empty);
  colorMap_->setVisible(!empty);
  scale_->setVisible(!empty);
  fisherButton_->setEnabled(!empty);
  maskButton_->setEnabled(!empty);
  resetButton_->setEnabled(!empty);
  if (empty) {
    colorMap_->data()->clear();
    restyle();
    return;
  }
  const int dataCols = std::max(2, map_.mapCols);
  const int dataRows = std::max(2, map_.mapRows);
  const double cols = static_cast<double>(std::max<int64_t>(map_.cols, 1));
  const double rows = static_cast<double>(std::max<int64_t>(map_.rows, 1));
  colorMap_->data()->setSize(dataCols, dataRows);
  const double cellW = cols / dataCols;
  const double cellH = rows / dataRows;
  colorMap_->data()->setRange(QCPRange(0.5 * cellW, cols - 0.5 * cellW),
                              QCPRange(0.5 * cellH, rows - 0.5 * cellH));
  double minPositive = std::numeric_limits<double>::infinity();
  double maxValue = 0.0;
  for (const float v : map_.fisher) {
    if (v > 0.0f) {
      minPositive = std::min(minPositive, static_cast<double>(v));
      maxValue = std::max(maxValue, static_cast<double>(v));
    }
  }
  if (!std::isfinite(minPositive)) {
    minPositive = 1e-12;
    maxValue = 1e-11;
  }
  for (int j = 0; j < dataRows; ++j) {
    const int row = j * map_.mapRows / dataRows;
    for (int k = 0; k < dataCols; ++k) {
      const int column = k * map_.mapCols / dataCols;
      const auto index = static_cast<size_t>(row) * static_cast<size_t>(map_.mapCols) +
                         static_cast<size_t>(column);
      double value = 0.0;
      if (display_ == Display::Fisher) {
        // Zeros have no logarithm: drawn as the smallest score.
        value = std::max(static_cast<double>(map_.fisher[index]), minPositive);
      } else {
        value = static_cast<double>(map_.childFraction[index]);
      }
      colorMap_->data()->setCell(k, j, value);
    }
  }
  if (display_ == Display::Fisher) {
    scale_->setDataScaleType(QCPAxis::stLogarithmic);
    scale_->setDataRange(
        QCPRange(minPositive, maxValue > minPositive ? maxValue : minPositive * 10));
    scale_->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    scale_->axis()->setNumberFormat(QStringLiteral("eb"));
    scale_->axis()->setNumberPrecision(0);
    scale_->setLabel(tr("Max Fisher score in block"));
    colorMap_->setGradient(sequentialGradient());
  } else {
    scale_->setDataScaleType(QCPAxis::stLinear);
    scale_->setDataRange(QCPRange(0.0, 1.0));
    scale_->axis()->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    scale_->axis()->setNumberFormat(QStringLiteral("g"));
    scale_->axis()->setNumberPrecision(2);
    scale_->setLabel(tr("Fraction in child network"));
    colorMap_->setGradient(maskGradient(palette()));
  }
  restyle();
}

void WeightMapView::resetView() {
  QCPAxisRect* rect = plot_->axisRect();
  rect->setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX);
  if (isEmpty()) {
    plot_->xAxis->setRange(0, 1);
    plot_->yAxis->setRange(0, 1);
    plot_->replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  const double cols = static_cast<double>(std::max<int64_t>(map_.cols, 1));
  const double rows = static_cast<double>(std::max<int64_t>(map_.rows, 1));
  // The axes span exactly the matrix: no empty band beside it.
  plot_->xAxis->setRange(0, cols);
  plot_->yAxis->setRange(0, rows);
  fitted_ = true;
  // The axis rect's size is known only after a layout pass.
  plot_->replot(QCustomPlot::rpImmediateRefresh);
  const double aspect = std::max(cols / rows, rows / cols);
  if (aspect <= kMaxSquareAspect && rect->width() > 0 && rect->height() > 0) {
    // Square source cells: shrink the axis rect (not widen a range) along the side with room to
    // spare; the colour scale in the same layout row follows its height.
    const double xPerPixel = cols / rect->width();
    const double yPerPixel = rows / rect->height();
    if (xPerPixel > yPerPixel) {
      rect->setMaximumSize(QWIDGETSIZE_MAX,
                           std::max(1, static_cast<int>(std::lround(rows / xPerPixel))));
    } else {
      rect->setMaximumSize(std::max(1, static_cast<int>(std::lround(cols / yPerPixel))),
                           QWIDGETSIZE_MAX);
    }
  }
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

std::optional<WeightMapView::Block> WeightMapView::blockAt(const QPoint& pos) const {
  if (isEmpty() || !plot_->axisRect()->rect().contains(pos)) {
    return std::nullopt;
  }
  const double x = plot_->xAxis->pixelToCoord(pos.x());
  const double y = plot_->yAxis->pixelToCoord(pos.y());
  const auto column = static_cast<int>(std::floor(x / blockCols()));
  const auto row = static_cast<int>(std::floor(y / blockRows()));
  if (x < 0 || y < 0 || row >= map_.mapRows || column >= map_.mapCols) {
    return std::nullopt;
  }
  return Block{row, column};
}

QPoint WeightMapView::blockCenter(int row, int column) const {
  return {static_cast<int>(std::lround(plot_->xAxis->coordToPixel((column + 0.5) * blockCols()))),
          static_cast<int>(std::lround(plot_->yAxis->coordToPixel((row + 0.5) * blockRows())))};
}

QString WeightMapView::blockToolTip(int row, int column) const {
  if (isEmpty() || row < 0 || column < 0 || row >= map_.mapRows || column >= map_.mapCols) {
    return {};
  }
  const auto index =
      static_cast<size_t>(row) * static_cast<size_t>(map_.mapCols) + static_cast<size_t>(column);
  const auto range = [](int block, double per, int64_t limit) {
    const auto first = static_cast<int64_t>(std::floor(block * per));
    const auto last = std::min<int64_t>(static_cast<int64_t>(std::ceil((block + 1) * per)) - 1,
                                        std::max<int64_t>(limit, 1) - 1);
    return first == last ? count(first) : tr("%1–%2").arg(count(first), count(last));
  };
  QStringList lines;
  if (map_.rows > 1) {
    lines << tr("Rows %1, columns %2")
                 .arg(range(row, blockRows(), map_.rows), range(column, blockCols(), map_.cols));
  } else {
    lines << tr("Elements %1").arg(range(column, blockCols(), map_.cols));
  }
  lines << tr("Max Fisher score: %1")
               .arg(QLocale().toString(static_cast<double>(map_.fisher[index]), 'e', 2));
  lines << tr("In child network: %1 %")
               .arg(QLocale().toString(static_cast<double>(map_.childFraction[index]) * 100.0, 'f',
                                       1));
  return lines.join(QLatin1Char('\n'));
}

void WeightMapView::restyle() {
  applyPlotTheme(*plot_, palette(), font());
  plot_->xAxis->grid()->setVisible(false);
  plot_->yAxis->grid()->setVisible(false);
  if (display_ == Display::Mask && !isEmpty()) {
    colorMap_->setGradient(maskGradient(palette()));
  }
  QPalette hint = emptyLabel_->palette();
  hint.setColor(QPalette::WindowText,
                blend(palette().color(QPalette::Base), palette().color(QPalette::Text), 0.55));
  emptyLabel_->setPalette(hint);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void WeightMapView::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
    restyle();
  }
}

bool WeightMapView::eventFilter(QObject* watched, QEvent* event) {
  if (watched != plot_) {
    return QWidget::eventFilter(watched, event);
  }
  if (event->type() == QEvent::Resize) {
    emptyLabel_->setGeometry(plot_->rect());
    if (fitted_) {
      QTimer::singleShot(0, this, &WeightMapView::resetView);
    }
  } else if (event->type() == QEvent::Wheel ||
             (event->type() == QEvent::MouseMove &&
              (static_cast<QMouseEvent*>(event)->buttons() & Qt::LeftButton))) {
    fitted_ = false;
  }
  if (event->type() == QEvent::MouseMove) {
    const auto* mouse = static_cast<QMouseEvent*>(event);
    if (const std::optional<Block> block = blockAt(mouse->position().toPoint())) {
      QToolTip::showText(mouse->globalPosition().toPoint(),
                         blockToolTip(block->first, block->second), plot_);
    } else {
      QToolTip::hideText();
    }
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace childtune::widgets
