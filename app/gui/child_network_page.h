#pragma once
// The Child network view: for Child-Tuning_D runs, the layer x module heatmap of the child
// network (ChildNetworkHeatmap), each layer's Fisher distribution against the one global cut-off
// (FisherDistributionPlot), the drill-down into a weight matrix (WeightMapView, from
// FisherAnalysis::weightMap) and the p_D what-if slider (WhatIfControl), which re-thresholds the
// cached scores on the GUI thread (FisherAnalysis::summarize is const, thread-safe and fast).
// For Child-Tuning_F runs, the sampled mask density per layer (MaskDensityPlot).

#include <QString>
#include <QWidget>

#include "training_events.h"

class QComboBox;
class QLabel;
class QStackedWidget;

namespace childtune::widgets {
class ChildNetworkHeatmap;
class FisherDistributionPlot;
class MaskDensityPlot;
class WeightMapView;
class WhatIfControl;
}  // namespace childtune::widgets

namespace childtune::app {

class TrainingController;

class ChildNetworkPage : public QWidget {
  Q_OBJECT

 public:
  explicit ChildNetworkPage(QWidget* parent = nullptr);

  void connectController(TrainingController* controller);
  // A new run: clears the view and remembers the method (and p) to show the right panels.
  void beginRun(RunId runId, const core::RunConfig& config);

  // Shows a Fisher analysis (from a run, or loaded) and its summary at the run's p_D.
  void setAnalysis(const FisherAnalysisPtr& analysis, const core::FisherSummary& summary);
  // Re-thresholds the cached scores at `pD` and updates heatmap, distributions and drill-down.
  // Returns the time it took in milliseconds.
  double rethreshold(double pD);
  // Drill-down into one (layer, module kind) cell: its first weight matrix.
  void showCell(int layer, core::ModuleKind kind);
  // The Child-Tuning_F mask density of one step.
  void showMaskDensity(qint64 step, const std::vector<double>& densities);

  bool hasAnalysis() const { return analysis_ != nullptr; }
  const core::FisherSummary& summary() const { return summary_; }
  QString drillDownTensor() const;

  widgets::ChildNetworkHeatmap* heatmap() const { return heatmap_; }
  widgets::FisherDistributionPlot* distribution() const { return distribution_; }
  widgets::WeightMapView* weightMap() const { return weightMap_; }
  widgets::WhatIfControl* whatIf() const { return whatIf_; }
  widgets::MaskDensityPlot* maskDensity() const { return maskDensity_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void updateStats();
  void showTensor(const QString& name);
  void showPlaceholder();

  RunId runId_ = 0;
  core::Method method_ = core::Method::Vanilla;
  double pF_ = 1.0;
  FisherAnalysisPtr analysis_;
  core::FisherSummary summary_;
  int drillLayer_ = -1;
  core::ModuleKind drillKind_ = core::ModuleKind::Other;

  QStackedWidget* stack_ = nullptr;
  QLabel* placeholder_ = nullptr;
  QWidget* fisherPage_ = nullptr;
  QLabel* stats_ = nullptr;
  QLabel* drillTitle_ = nullptr;
  QComboBox* tensorCombo_ = nullptr;
  widgets::ChildNetworkHeatmap* heatmap_ = nullptr;
  widgets::FisherDistributionPlot* distribution_ = nullptr;
  widgets::WeightMapView* weightMap_ = nullptr;
  widgets::WhatIfControl* whatIf_ = nullptr;
  widgets::MaskDensityPlot* maskDensity_ = nullptr;
};

}  // namespace childtune::app
