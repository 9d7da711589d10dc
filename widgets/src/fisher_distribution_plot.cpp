#include "childtune/widgets/fisher_distribution_plot.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <cmath>

#include "childtune/widgets/palette_colors.h"
#include "childtune/widgets/plot_theme.h"
#include "childtune/widgets/qcustomplot_include.h"

namespace childtune::widgets {

namespace {

// Baseline offset of the layer labels: next to the low part of a ridge.
constexpr double kLabelOffset = 0.3;

QString percent(double fraction) {
  return FisherDistributionPlot::tr("%1 %").arg(QLocale().toString(fraction * 100.0, 'f', 1));
}

struct RidgePoint {
  double log10Score;
  double value;
};

}  // namespace

FisherDistributionPlot::FisherDistributionPlot(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("fisherDistributionPlot"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("distributionPlot"));
  plot_->setAccessibleName(tr("Fisher score distribution per layer with the global threshold"));
  plot_->setMinimumSize(360, 260);
  plot_->setMouseTracking(true);
  plot_->installEventFilter(this);
  plot_->setInteractions(QCP::Interactions());
  plot_->xAxis->setScaleType(QCPAxis::stLogarithmic);
  plot_->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  plot_->xAxis->setNumberFormat(QStringLiteral("eb"));
  plot_->xAxis->setNumberPrecision(0);
  plot_->xAxis->setLabel(tr("Fisher score (log scale)"));
  plot_->yAxis->setLabel(tr("Encoder layer"));
  plot_->yAxis2->setVisible(true);
  plot_->yAxis2->setLabel(tr("In child network"));
  for (QCPAxis* axis : {plot_->yAxis, plot_->yAxis2}) {
    axis->setSubTicks(false);
    axis->setTickLength(0, 0);
    axis->grid()->setVisible(false);
  }
  plot_->xAxis->grid()->setSubGridVisible(false);

  thresholdLine_ = new QCPItemStraightLine(plot_);
  thresholdLabel_ = new QCPItemText(plot_);
  thresholdLabel_->position->setTypeX(QCPItemPosition::ptPlotCoords);
  thresholdLabel_->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
  thresholdLabel_->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
  thresholdLabel_->setPadding(QMargins(4, 2, 4, 2));
  thresholdLabel_->setClipToAxisRect(false);
  emptyText_ = new QCPItemText(plot_);
  emptyText_->position->setType(QCPItemPosition::ptAxisRectRatio);
  emptyText_->position->setCoords(0.5, 0.5);
  emptyText_->setText(tr("No Fisher information yet"));
  layout->addWidget(plot_);
  rebuild();
}

FisherDistributionPlot::~FisherDistributionPlot() = default;

void FisherDistributionPlot::setSummary(const core::FisherSummary& summary) {
  summary_ = summary;
  rebuild();
}

void FisherDistributionPlot::clear() { setSummary(core::FisherSummary{}); }

QString FisherDistributionPlot::fractionLabel(int layer) const {
  if (layer < 0 || static_cast<size_t>(layer) >= layerFractions_.size()) {
    return {};
  }
  return percent(layerFractions_[static_cast<size_t>(layer)]);
}

double FisherDistributionPlot::thresholdLinePosition() const {
  return thresholdLine_->visible() ? thresholdLine_->point1->key() : 0.0;
}

double FisherDistributionPlot::ridgeValue(int layer, int bin) const {
  if (layer < 0 || static_cast<size_t>(layer) >= layerCounts_.size() || peakDensity_ <= 0.0) {
    return 0.0;
  }
  const auto& counts = layerCounts_[static_cast<size_t>(layer)];
  double total = 0.0;
  for (const double c : counts) {
    total += c;
  }
  const double density = total > 0.0 ? counts[static_cast<size_t>(bin)] / total : 0.0;
  return layer + kRidgeHeight * density / peakDensity_;
}

QString FisherDistributionPlot::layerToolTip(int layer) const {
  if (layer < 0 || static_cast<size_t>(layer) >= layerFractions_.size()) {
    return {};
  }
  return tr("Layer %1: %2 of its %3 weights score at or above the global threshold %4")
      .arg(QLocale().toString(layer), fractionLabel(layer),
           compactCount(layerElements_[static_cast<size_t>(layer)]),
           QLocale().toString(summary_.threshold, 'e', 2));
}

void FisherDistributionPlot::rebuild() {
  for (QCPGraph* graph : below_) {
    plot_->removeGraph(graph);
  }
  for (QCPGraph* graph : above_) {
    plot_->removeGraph(graph);
  }
  for (QCPGraph* graph : baselines_) {
    plot_->removeGraph(graph);
  }
  below_.clear();
  above_.clear();
  baselines_.clear();
  layerCounts_.clear();
  layerFractions_.clear();
  layerElements_.clear();
  peakDensity_ = 0.0;

  const int layers = summary_.numLayers;
  const core::LogHistogram* edges = nullptr;
  for (const core::FisherCell& cell : summary_.cells) {
    if (cell.histogram.bins() > 0) {
      edges = &cell.histogram;
      break;
    }
  }
  const bool empty = layers <= 0 || edges == nullptr;
  emptyText_->setVisible(empty);
  thresholdLine_->setVisible(!empty);
  thresholdLabel_->setVisible(!empty);
  plot_->yAxis2->setVisible(!empty);
  if (empty) {
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    plot_->xAxis->setRange(1e-12, 1e-3);
    plot_->yAxis->setRange(0, 1);
    restyle();
    return;
  }

  const int bins = edges->bins();
  const double log10Min = edges->log10Min;
  const double width = (edges->log10Max - edges->log10Min) / bins;
  layerCounts_.assign(static_cast<size_t>(layers), std::vector<double>(static_cast<size_t>(bins)));
  std::vector<int64_t> selected(static_cast<size_t>(layers), 0);
  layerElements_.assign(static_cast<size_t>(layers), 0);
  for (const core::FisherCell& cell : summary_.cells) {
    if (cell.layer < 0 || cell.layer >= layers) {
      continue;
    }
    const auto l = static_cast<size_t>(cell.layer);
    for (int b = 0; b < std::min(bins, cell.histogram.bins()); ++b) {
      layerCounts_[l][static_cast<size_t>(b)] +=
          static_cast<double>(cell.histogram.counts[static_cast<size_t>(b)]);
    }
    selected[l] += cell.selected;
    layerElements_[l] += cell.elements;
  }
  int firstBin = bins;
  int lastBin = -1;
  std::vector<double> totals(static_cast<size_t>(layers), 0.0);
  for (int l = 0; l < layers; ++l) {
    const auto& counts = layerCounts_[static_cast<size_t>(l)];
    for (int b = 0; b < bins; ++b) {
      const double c = counts[static_cast<size_t>(b)];
      totals[static_cast<size_t>(l)] += c;
      if (c > 0.0) {
        firstBin = std::min(firstBin, b);
        lastBin = std::max(lastBin, b);
      }
    }
    layerFractions_.push_back(layerElements_[static_cast<size_t>(l)] > 0
                                  ? static_cast<double>(selected[static_cast<size_t>(l)]) /
                                        static_cast<double>(layerElements_[static_cast<size_t>(l)])
                                  : 0.0);
  }
  if (lastBin < 0) {
    firstBin = 0;
    lastBin = bins - 1;
  }
  for (int l = 0; l < layers; ++l) {
    const auto& counts = layerCounts_[static_cast<size_t>(l)];
    for (int b = 0; b < bins; ++b) {
      if (totals[static_cast<size_t>(l)] > 0.0) {
        peakDensity_ =
            std::max(peakDensity_, counts[static_cast<size_t>(b)] / totals[static_cast<size_t>(l)]);
      }
    }
  }
  const double xLow = log10Min + std::max(0, firstBin - 1) * width;
  const double xHigh = log10Min + std::min(bins, lastBin + 2) * width;
  const double t = summary_.threshold > 0.0 ? std::log10(summary_.threshold) : xLow;

  auto layerTicker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  auto fractionTicker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  for (int l = 0; l < layers; ++l) {
    layerTicker->addTick(l + kLabelOffset, QLocale().toString(l));
    fractionTicker->addTick(l + kLabelOffset, fractionLabel(l));

    std::vector<RidgePoint> points;
    points.push_back({xLow, static_cast<double>(l)});
    for (int b = std::max(0, firstBin - 1); b < std::min(bins, lastBin + 2); ++b) {
      points.push_back({log10Min + (b + 0.5) * width, ridgeValue(l, b)});
    }
    points.push_back({xHigh, static_cast<double>(l)});
    QVector<double> belowKeys;
    QVector<double> belowValues;
    QVector<double> aboveKeys;
    QVector<double> aboveValues;
    for (size_t i = 0; i < points.size(); ++i) {
      const RidgePoint& p = points[i];
      if (i > 0) {
        const RidgePoint& q = points[i - 1];
        if (q.log10Score < t && p.log10Score > t) {
          // The ridge's height where the threshold crosses it (linear in log10 score).
          const double f = (t - q.log10Score) / (p.log10Score - q.log10Score);
          const double v = q.value + f * (p.value - q.value);
          belowKeys << std::pow(10.0, t);
          belowValues << v;
          aboveKeys << std::pow(10.0, t);
          aboveValues << v;
        }
      }
      if (p.log10Score <= t) {
        belowKeys << std::pow(10.0, p.log10Score);
        belowValues << p.value;
      }
      if (p.log10Score >= t) {
        aboveKeys << std::pow(10.0, p.log10Score);
        aboveValues << p.value;
      }
    }
    QCPGraph* baseline = plot_->addGraph();
    baseline->setData({std::pow(10.0, xLow), std::pow(10.0, xHigh)},
                      {static_cast<double>(l), static_cast<double>(l)});
    QCPGraph* below = plot_->addGraph();
    below->setData(belowKeys, belowValues, true);
    below->setChannelFillGraph(baseline);
    QCPGraph* above = plot_->addGraph();
    above->setData(aboveKeys, aboveValues, true);
    above->setChannelFillGraph(baseline);
    baselines_.push_back(baseline);
    below_.push_back(below);
    above_.push_back(above);
  }
  plot_->yAxis->setTicker(layerTicker);
  plot_->yAxis2->setTicker(fractionTicker);
  plot_->xAxis->setRange(std::pow(10.0, xLow), std::pow(10.0, xHigh));
  plot_->yAxis->setRange(-0.15, layers - 1 + kRidgeHeight + 0.35);
  plot_->yAxis2->setRange(plot_->yAxis->range());

  thresholdLine_->point1->setCoords(summary_.threshold, 0.0);
  thresholdLine_->point2->setCoords(summary_.threshold, 1.0);
  thresholdLabel_->position->setCoords(summary_.threshold, 0.0);
  // The label sits on the side of the cut-off with more room (the axis is log10 from xLow to
  // xHigh), so a cut-off in the right half does not push the text past the plot's edge.
  const bool rightHalf = xHigh > xLow && (t - xLow) / (xHigh - xLow) > 0.5;
  thresholdLabel_->setPositionAlignment((rightHalf ? Qt::AlignRight : Qt::AlignLeft) |
                                        Qt::AlignTop);
  thresholdLabel_->setText(tr("Global threshold %1\n(p_D = %2)")
                               .arg(QLocale().toString(summary_.threshold, 'e', 2),
                                    QLocale().toString(summary_.pD, 'f', 2)));
  restyle();
}

void FisherDistributionPlot::restyle() {
  const QPalette pal = palette();
  applyPlotTheme(*plot_, pal, font());
  plot_->yAxis->grid()->setVisible(false);
  plot_->yAxis2->grid()->setVisible(false);
  const QColor base = pal.color(QPalette::Base);
  const QColor text = pal.color(QPalette::Text);
  const QColor accent = pal.color(QPalette::Highlight);
  QColor muted = blend(base, text, 0.45);
  QColor mutedFill = blend(base, text, 0.16);
  QColor accentFill = accent;
  accentFill.setAlphaF(0.55f);
  for (size_t l = 0; l < below_.size(); ++l) {
    baselines_[l]->setPen(QPen(blend(base, text, 0.25), 1));
    below_[l]->setPen(QPen(muted, 1.2));
    below_[l]->setBrush(mutedFill);
    above_[l]->setPen(QPen(accent, 1.6));
    above_[l]->setBrush(accentFill);
  }
  const QColor cut = seriesColor(2, pal);
  thresholdLine_->setPen(QPen(cut, 2, Qt::DashLine));
  thresholdLabel_->setColor(cut);
  QColor labelFill = base;
  labelFill.setAlpha(230);
  thresholdLabel_->setBrush(labelFill);
  QFont bold = font();
  bold.setBold(true);
  thresholdLabel_->setFont(bold);
  emptyText_->setColor(blend(base, text, 0.55));
  emptyText_->setFont(font());
  plot_->yAxis2->setTickLabelColor(accent.lightness() > 150 && !isDark(pal) ? text : accent);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

double FisherDistributionPlot::replotNow() {
  rebuild();
  plot_->replot(QCustomPlot::rpImmediateRefresh);
  return plot_->replotTime();
}

void FisherDistributionPlot::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
    restyle();
  }
}

bool FisherDistributionPlot::eventFilter(QObject* watched, QEvent* event) {
  if (watched == plot_ && event->type() == QEvent::MouseMove && !layerFractions_.empty()) {
    const auto* mouse = static_cast<QMouseEvent*>(event);
    const QPoint pos = mouse->position().toPoint();
    if (plot_->axisRect()->rect().contains(pos)) {
      const auto layer = static_cast<int>(std::floor(plot_->yAxis->pixelToCoord(pos.y())));
      const QString tip = layerToolTip(layer);
      if (!tip.isEmpty()) {
        QToolTip::showText(mouse->globalPosition().toPoint(), tip, plot_);
        return false;
      }
    }
    QToolTip::hideText();
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace childtune::widgets
