#pragma once
// The global-threshold explainer: one ridgeline per encoder layer showing the distribution of
// its Fisher scores (the layer's cell histograms summed) on a shared log10 score axis, with the
// single global cut-off of Child-Tuning_D drawn as one vertical line across all of them. The
// part of each ridge above the cut-off is highlighted and the fraction of the layer's weights
// in the child network is written beside it, so it is visible why some layers get most of the
// child network. Thread: GUI thread only.

#include <QWidget>
#include <vector>

#include "childtune/fisher_summary.h"

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;

namespace childtune::widgets {

class FisherDistributionPlot : public QWidget {
  Q_OBJECT

 public:
  // Height of the tallest ridge, in layer units (ridges of neighbouring layers do not overlap).
  static constexpr double kRidgeHeight = 0.9;

  explicit FisherDistributionPlot(QWidget* parent = nullptr);
  ~FisherDistributionPlot() override;

  void setSummary(const core::FisherSummary& summary);
  void clear();
  bool isEmpty() const { return layerCounts_.empty(); }

  // Elements per log bin, summed over each layer's cells: [layer][bin].
  const std::vector<std::vector<double>>& layerCounts() const { return layerCounts_; }
  // Fraction of each layer's weights at or above the threshold (from the cells' selected counts).
  const std::vector<double>& layerFractions() const { return layerFractions_; }
  // The label written beside a layer's ridge ("42.1 %").
  QString fractionLabel(int layer) const;
  // Where the threshold line is drawn (score units); 0 when empty.
  double thresholdLinePosition() const;
  // Ridge top of `layer` at log bin `bin`, in plot units (layer + height): for tests.
  double ridgeValue(int layer, int bin) const;
  // Hover text for a layer.
  QString layerToolTip(int layer) const;

  QCustomPlot* plot() const { return plot_; }
  double replotNow();

 protected:
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void rebuild();
  void restyle();

  QCustomPlot* plot_ = nullptr;
  QCPItemStraightLine* thresholdLine_ = nullptr;
  QCPItemText* thresholdLabel_ = nullptr;
  QCPItemText* emptyText_ = nullptr;
  std::vector<QCPGraph*> below_;  // per layer: ridge part under the threshold
  std::vector<QCPGraph*> above_;  // per layer: ridge part over it
  std::vector<QCPGraph*> baselines_;

  core::FisherSummary summary_;
  std::vector<std::vector<double>> layerCounts_;
  std::vector<double> layerFractions_;
  std::vector<int64_t> layerElements_;
  double peakDensity_ = 0.0;
};

}  // namespace childtune::widgets
