#include "childtune/widgets/mask_density_plot.h"

#include <QLocale>
#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "childtune/widgets/palette_colors.h"
#include "childtune/widgets/plot_theme.h"
#include "childtune/widgets/qcustomplot_include.h"

namespace childtune::widgets {

namespace {

QString percent(double fraction) {
  return MaskDensityPlot::tr("%1 %").arg(QLocale().toString(fraction * 100.0, 'f', 1));
}

}  // namespace

MaskDensityPlot::MaskDensityPlot(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("maskDensityPlot"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("maskDensity"));
  plot_->setAccessibleName(tr("Sampled gradient mask density per layer"));
  plot_->setMinimumSize(300, 200);
  plot_->setMouseTracking(true);
  plot_->installEventFilter(this);
  plot_->plotLayout()->insertRow(0);
  titleElement_ = new QCPTextElement(plot_);
  plot_->plotLayout()->addElement(0, 0, titleElement_);
  bars_ = new QCPBars(plot_->xAxis, plot_->yAxis);
  bars_->setWidth(0.7);
  plot_->xAxis->setLabel(tr("Encoder layer"));
  plot_->yAxis->setLabel(tr("Mask density"));
  plot_->xAxis->grid()->setVisible(false);
  plot_->xAxis->setSubTicks(false);
  plot_->xAxis->setTickLength(0, 3);
  plot_->yAxis->setNumberFormat(QStringLiteral("f"));
  plot_->yAxis->setNumberPrecision(2);
  expectedLine_ = new QCPItemStraightLine(plot_);
  expectedLabel_ = new QCPItemText(plot_);
  expectedLabel_->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
  expectedLabel_->position->setTypeY(QCPItemPosition::ptPlotCoords);
  expectedLabel_->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
  expectedLabel_->setPadding(QMargins(2, 0, 4, 2));
  emptyText_ = new QCPItemText(plot_);
  emptyText_->position->setType(QCPItemPosition::ptAxisRectRatio);
  emptyText_->position->setCoords(0.5, 0.5);
  emptyText_->setText(tr("No Child-Tuning_F masks sampled yet"));
  layout->addWidget(plot_);
  clear();
  restyle();
}

MaskDensityPlot::~MaskDensityPlot() = default;

void MaskDensityPlot::setDensities(qint64 step, const std::vector<double>& densities, double pF) {
  step_ = step;
  pF_ = pF;
  densities_ = densities;
  QVector<double> keys;
  QVector<double> values;
  double top = pF;
  for (size_t i = 0; i < densities.size(); ++i) {
    keys << static_cast<double>(i);
    values << densities[i];
    if (std::isfinite(densities[i])) {
      top = std::max(top, densities[i]);
    }
  }
  bars_->setData(keys, values, true);
  const bool empty = densities.empty();
  emptyText_->setVisible(empty);
  expectedLine_->setVisible(!empty);
  expectedLabel_->setVisible(!empty);
  expectedLine_->point1->setCoords(0.0, pF);
  expectedLine_->point2->setCoords(1.0, pF);
  expectedLabel_->position->setCoords(1.0, pF);
  expectedLabel_->setText(tr("expected p_F = %1").arg(QLocale().toString(pF, 'f', 2)));
  titleElement_->setText(title());

  auto ticker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  const int every = densities.size() > 24 ? 2 : 1;
  for (size_t i = 0; i < densities.size(); i += static_cast<size_t>(every)) {
    ticker->addTick(static_cast<double>(i), QLocale().toString(static_cast<int>(i)));
  }
  plot_->xAxis->setTicker(ticker);
  plot_->xAxis->setRange(-0.6, std::max<double>(1.0, static_cast<double>(densities.size())) - 0.4);
  // Room above the tallest bar and the line for the label.
  plot_->yAxis->setRange(0.0, std::min(1.0, std::max(0.05, top * 1.25)));
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void MaskDensityPlot::clear() {
  setDensities(-1, {}, 0.0);
  titleElement_->setText(title());
}

std::vector<double> MaskDensityPlot::barValues() const {
  std::vector<double> values;
  for (auto it = bars_->data()->constBegin(); it != bars_->data()->constEnd(); ++it) {
    values.push_back(it->value);
  }
  return values;
}

double MaskDensityPlot::expectedLineValue() const { return expectedLine_->point1->value(); }

QString MaskDensityPlot::title() const {
  if (step_ < 0 || densities_.empty()) {
    return tr("Sampled gradient mask density");
  }
  return tr("Sampled gradient mask density at step %1").arg(QLocale().toString(step_));
}

QString MaskDensityPlot::layerToolTip(int layer) const {
  if (layer < 0 || static_cast<size_t>(layer) >= densities_.size()) {
    return {};
  }
  return tr("Layer %1: %2 of the gradient kept (expected %3)")
      .arg(QLocale().toString(layer), percent(densities_[static_cast<size_t>(layer)]),
           percent(pF_));
}

void MaskDensityPlot::restyle() {
  const QPalette pal = palette();
  applyPlotTheme(*plot_, pal, font());
  plot_->xAxis->grid()->setVisible(false);
  const QColor accent = seriesColor(0, pal);
  bars_->setPen(QPen(accent.darker(115), 1));
  QColor fill = accent;
  fill.setAlphaF(0.75f);
  bars_->setBrush(fill);
  const QColor line = seriesColor(2, pal);
  expectedLine_->setPen(QPen(line, 2, Qt::DashLine));
  expectedLabel_->setColor(line);
  const QColor base = pal.color(QPalette::Base);
  const QColor text = pal.color(QPalette::Text);
  emptyText_->setColor(blend(base, text, 0.55));
  titleElement_->setTextColor(text);
  QFont titleFont = font();
  titleFont.setBold(true);
  titleElement_->setFont(titleFont);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void MaskDensityPlot::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
    restyle();
  }
}

bool MaskDensityPlot::eventFilter(QObject* watched, QEvent* event) {
  if (watched == plot_ && event->type() == QEvent::MouseMove) {
    const auto* mouse = static_cast<QMouseEvent*>(event);
    const QPoint pos = mouse->position().toPoint();
    const auto layer = static_cast<int>(std::lround(plot_->xAxis->pixelToCoord(pos.x())));
    const QString tip = plot_->axisRect()->rect().contains(pos) ? layerToolTip(layer) : QString();
    if (tip.isEmpty()) {
      QToolTip::hideText();
    } else {
      QToolTip::showText(mouse->globalPosition().toPoint(), tip, plot_);
    }
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace childtune::widgets
