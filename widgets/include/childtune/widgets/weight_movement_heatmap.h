#pragma once
// Where fine-tuning moved the weights: encoder layers (rows, layer 0 at the bottom) x module
// kinds (columns, in the same order as ChildNetworkHeatmap) coloured by, per cell, the relative
// change ||Δw|| / ||w0||, the mean |Δw| or the fraction of weights that changed at all, on a
// linear or log10 colour scale. Hovering shows a cell's numbers; clicking one emits cellClicked.
// Thread: GUI thread only.

#include <QWidget>
#include <optional>
#include <utility>
#include <vector>

#include "childtune/weight_movement.h"
#include "childtune/widgets/module_kind_axis.h"

class QCheckBox;
class QComboBox;
class QCPColorMap;
class QCPColorScale;
class QCPItemRect;
class QCPItemText;
class QCustomPlot;
class QLabel;

namespace childtune::widgets {

class WeightMovementHeatmap : public QWidget {
  Q_OBJECT

 public:
  enum class Measure { RelativeChange, MeanAbsDelta, ChangedFraction };
  Q_ENUM(Measure)
  using Cell = std::pair<int, core::ModuleKind>;  // (layer, kind)

  explicit WeightMovementHeatmap(QWidget* parent = nullptr);
  ~WeightMovementHeatmap() override;

  void setMovement(const core::WeightMovement& movement);
  void clear();
  const core::WeightMovement& movement() const { return movement_; }
  bool isEmpty() const { return movement_.cells.empty(); }

  void setMeasure(Measure measure);
  Measure measure() const { return measure_; }
  // Log10 colour scale (cells with a zero value are then drawn empty). Default: on.
  void setLogScale(bool on);
  bool logScale() const { return log_; }

  // The value of a cell in the current measure; NaN when the model has no such cell.
  double cellValue(int layer, core::ModuleKind kind) const;
  // The value stored in the colour map at the cell (NaN: drawn transparent).
  double drawnValue(int layer, core::ModuleKind kind) const;
  std::optional<Cell> cellAt(const QPoint& pos) const;
  QPoint cellCenter(int layer, core::ModuleKind kind) const;
  // Multi-line hover text: layer, kind, weights, changed, mean/max |Δw|, ||Δw||, ||w0||, ratio.
  QString cellToolTip(int layer, core::ModuleKind kind) const;
  QString caption() const;
  std::pair<double, double> colorRange() const;
  ModuleLabelStyle columnLabelStyle() const { return labelStyle_; }

  QCustomPlot* plot() const { return plot_; }

 Q_SIGNALS:
  void cellClicked(int layer, core::ModuleKind kind);
  void measureChanged(childtune::widgets::WeightMovementHeatmap::Measure measure);

 protected:
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  int columnOf(core::ModuleKind kind) const;
  void rebuild();
  void restyle();
  void placeHover();

  QLabel* captionLabel_ = nullptr;
  QComboBox* measureBox_ = nullptr;
  QCheckBox* logBox_ = nullptr;
  QCustomPlot* plot_ = nullptr;
  QCPColorMap* map_ = nullptr;
  QCPColorScale* scale_ = nullptr;
  QCPItemRect* hoverMarker_ = nullptr;
  std::vector<QCPItemText*> valueLabels_;
  QLabel* emptyLabel_ = nullptr;

  core::WeightMovement movement_;
  Measure measure_ = Measure::RelativeChange;
  bool log_ = true;
  ModuleLabelStyle labelStyle_ = ModuleLabelStyle::Full;
  std::optional<Cell> hover_;
};

}  // namespace childtune::widgets
