#pragma once
// The Child network view: for Child-Tuning_D runs, the layer x module heatmap of the child
// network (ChildNetworkHeatmap), each layer's Fisher distribution against the one global cut-off
// (FisherDistributionPlot), the drill-down into a weight matrix (WeightMapView, from
// FisherAnalysis::weightMap) and the p_D what-if slider (WhatIfControl), which re-thresholds the
// cached scores on the GUI thread (FisherAnalysis::summarize is const, thread-safe and fast).
// For Child-Tuning_F runs, the sampled mask density per layer (MaskDensityPlot).
// Two more tabs: "Where weights moved" (WeightMovementHeatmap after training, next to the run's
// own child network at its p_D) and "Compare runs" (OverlapHeatmap: Jaccard per layer x module
// kind between the child networks of the current run and of runs in the run store).

#include <QString>
#include <QWidget>
#include <optional>
#include <vector>

#include "training_events.h"

class QComboBox;
class QLabel;
class QStackedWidget;
class QTabWidget;

namespace childtune::widgets {
class ChildNetworkHeatmap;
class FisherDistributionPlot;
class MaskDensityPlot;
class OverlapHeatmap;
class WeightMapView;
class WeightMovementHeatmap;
class WhatIfControl;
struct OverlapColumn;
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
  // After training: how far the weights moved (the "Where weights moved" tab).
  void setWeightMovement(const WeightMovementPtr& movement);
  // The current run's child-network masks (compared in the "Compare runs" tab).
  void setRunMasks(const PackedMasksPtr& masks);
  // The current run's id in the run store (left out of the stored runs offered for comparison).
  void setStoreRunId(qint64 storeRunId) { storeRunId_ = storeRunId; }

  // The run store the comparison reads; by default the controller's.
  void setStorePath(const QString& path) { storePath_ = path; }
  QString storePath() const;
  // Re-reads the stored runs that can have a child network into both comparison combos.
  void refreshComparableRuns();
  // Compares two child networks, each the current run's (nullopt) or a stored run's, and shows
  // the Jaccard index per layer for all maskable weights and per module kind. Returns false (and
  // says why in the tab) when either side has no child network.
  bool compareRuns(std::optional<qint64> runA, std::optional<qint64> runB);
  // The overlap columns of two child networks: "All", then one per module kind present, in the
  // heatmap's column order; Jaccard per encoder layer.
  static std::vector<widgets::OverlapColumn> overlapColumns(const std::vector<core::PackedMask>& a,
                                                            const std::vector<core::PackedMask>& b);

  bool hasAnalysis() const { return analysis_ != nullptr; }
  const core::FisherSummary& summary() const { return summary_; }
  QString drillDownTensor() const;

  widgets::ChildNetworkHeatmap* heatmap() const { return heatmap_; }
  widgets::FisherDistributionPlot* distribution() const { return distribution_; }
  widgets::WeightMapView* weightMap() const { return weightMap_; }
  widgets::WhatIfControl* whatIf() const { return whatIf_; }
  widgets::MaskDensityPlot* maskDensity() const { return maskDensity_; }
  widgets::WeightMovementHeatmap* movement() const { return movement_; }
  widgets::ChildNetworkHeatmap* runHeatmap() const { return runHeatmap_; }
  widgets::OverlapHeatmap* overlap() const { return overlap_; }
  QComboBox* compareA() const { return compareA_; }
  QComboBox* compareB() const { return compareB_; }
  QTabWidget* tabs() const { return tabs_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void updateStats();
  void showTensor(const QString& name);
  void showPlaceholder();
  void buildMovementTab();
  void buildCompareTab();
  void compareSelected();
  void updateRunHeatmap();
  void updateMovementNote();
  // The masks of one side of a comparison; empty (with `why` set) when there are none.
  std::vector<core::PackedMask> masksOf(std::optional<qint64> run, QString* why) const;

  TrainingController* controller_ = nullptr;
  QString storePath_;
  qint64 storeRunId_ = -1;
  PackedMasksPtr masks_;
  // The run's own child network: the summary at its p_D with the counts of the masks it trained
  // (the ablations' masks are not the top-Fisher ones).
  core::FisherSummary runSummary_;
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

  QTabWidget* tabs_ = nullptr;
  QWidget* movementPage_ = nullptr;
  QLabel* movementNote_ = nullptr;
  widgets::ChildNetworkHeatmap* runHeatmap_ = nullptr;
  widgets::WeightMovementHeatmap* movement_ = nullptr;
  QWidget* comparePage_ = nullptr;
  QLabel* compareLabelA_ = nullptr;
  QLabel* compareLabelB_ = nullptr;
  QComboBox* compareA_ = nullptr;
  QComboBox* compareB_ = nullptr;
  QLabel* compareStatus_ = nullptr;
  widgets::OverlapHeatmap* overlap_ = nullptr;
};

}  // namespace childtune::app
