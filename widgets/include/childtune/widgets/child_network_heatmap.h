#pragma once
// The child network as a heatmap: encoder layers (rows, layer 0 at the bottom) x module kinds
// (columns, in the summary's order). Each cell shows, by mode, the fraction of its weights in
// the child network (linear 0..1) or its mean / max Fisher score (log10 colour scale). Hovering
// shows a cell's numbers; clicking it (or Enter on the keyboard-selected cell) emits cellClicked
// for the drill-down. Thread: GUI thread only.

#include <QWidget>
#include <optional>
#include <utility>
#include <vector>

#include "childtune/fisher_summary.h"
#include "childtune/widgets/module_kind_axis.h"

class QComboBox;
class QCPColorMap;
class QCPColorScale;
class QCPItemRect;
class QCPItemText;
class QCustomPlot;
class QLabel;

namespace childtune::widgets {

class ChildNetworkHeatmap : public QWidget {
  Q_OBJECT

 public:
  enum class Mode { Fraction, MeanFisher, MaxFisher };
  Q_ENUM(Mode)
  using Cell = std::pair<int, core::ModuleKind>;  // (layer, kind)

  explicit ChildNetworkHeatmap(QWidget* parent = nullptr);
  ~ChildNetworkHeatmap() override;

  void setSummary(const core::FisherSummary& summary);
  void clear();
  const core::FisherSummary& summary() const { return summary_; }
  bool isEmpty() const { return summary_.cells.empty(); }

  void setMode(Mode mode);
  Mode mode() const { return mode_; }

  // The value a cell is drawn with in the current mode: fraction in [0, 1] or the Fisher score;
  // NaN when the model has no such cell.
  double cellValue(int layer, core::ModuleKind kind) const;
  // The value stored in the colour map's data at the cell (what is painted).
  double drawnValue(int layer, core::ModuleKind kind) const;
  // The cell under `pos` in the plot's coordinates; nullopt outside the cells.
  std::optional<Cell> cellAt(const QPoint& pos) const;
  // Centre of a cell in the plot's coordinates (for tests and keyboard focus).
  QPoint cellCenter(int layer, core::ModuleKind kind) const;
  // Multi-line text shown on hover: layer, kind, elements, selected, fraction, mean/median/max.
  QString cellToolTip(int layer, core::ModuleKind kind) const;
  // The one-line caption above the map (fraction, weights, p_D, threshold).
  QString caption() const;

  // Keyboard selection (arrow keys move it, Enter/Space emits cellClicked).
  void setCurrentCell(int layer, core::ModuleKind kind);
  std::optional<Cell> currentCell() const { return current_; }

  // Colour range of the current mode (log modes: the positive min..max of the cells).
  std::pair<double, double> colorRange() const;
  // How the module columns are labelled at the current width (full, short or turned).
  ModuleLabelStyle columnLabelStyle() const { return labelStyle_; }

  QCustomPlot* plot() const { return plot_; }
  // Rebuilds and replots synchronously; returns the replot time in milliseconds (benchmarks).
  double replotNow();

 Q_SIGNALS:
  void cellClicked(int layer, core::ModuleKind kind);
  void modeChanged(childtune::widgets::ChildNetworkHeatmap::Mode mode);

 protected:
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  const core::FisherCell* findCell(int layer, core::ModuleKind kind) const;
  int columnOf(core::ModuleKind kind) const;
  void rebuild();
  void restyle();
  void updateMarkers();
  void placeRect(QCPItemRect* item, const std::optional<Cell>& cell);
  void moveCurrent(int dLayer, int dColumn);

  QLabel* captionLabel_ = nullptr;
  QComboBox* modeBox_ = nullptr;
  QCustomPlot* plot_ = nullptr;
  QCPColorMap* map_ = nullptr;
  QCPColorScale* scale_ = nullptr;
  QCPItemRect* hoverMarker_ = nullptr;
  QCPItemRect* currentMarker_ = nullptr;
  std::vector<QCPItemText*> valueLabels_;
  QLabel* emptyLabel_ = nullptr;

  core::FisherSummary summary_;
  Mode mode_ = Mode::Fraction;
  ModuleLabelStyle labelStyle_ = ModuleLabelStyle::Full;
  std::optional<Cell> hover_;
  std::optional<Cell> current_;
};

}  // namespace childtune::widgets
