#pragma once
// How much two child networks agree: the Jaccard index |A n B| / |A u B| of their masks per
// encoder layer (rows, layer 0 at the bottom) for one or more pairs of runs (columns), coloured
// 0..1 with the value written in each cell. Thread: GUI thread only.

#include <QString>
#include <QWidget>
#include <optional>
#include <utility>
#include <vector>

#include "childtune/fisher_summary.h"

class QCPColorMap;
class QCPColorScale;
class QCPItemText;
class QCustomPlot;
class QLabel;

namespace childtune::widgets {

// One pair of runs: its label ("SST-2 vs MRPC", "seed 1 vs seed 2") and Jaccard per layer
// (index = layer; NaN where a layer is missing in either run).
struct OverlapColumn {
  QString label;
  std::vector<double> perLayer;
  double overall = 0.0;
};

class OverlapHeatmap : public QWidget {
  Q_OBJECT

 public:
  explicit OverlapHeatmap(QWidget* parent = nullptr);
  ~OverlapHeatmap() override;

  void setColumns(const std::vector<OverlapColumn>& columns);
  // One pair, from the core's mask comparison.
  void setOverlap(const QString& label, const core::MaskOverlap& overlap);
  void clear();

  int columnCount() const { return static_cast<int>(columns_.size()); }
  int layerCount() const { return layers_; }
  // The painted value of a cell (NaN when missing), and the text written in it.
  double drawnValue(int layer, int column) const;
  QString cellText(int layer, int column) const;
  QString cellToolTip(int layer, int column) const;
  // (layer, column) under a position in the plot's coordinates.
  std::optional<std::pair<int, int>> cellAt(const QPoint& pos) const;
  QPoint cellCenter(int layer, int column) const;

  QCustomPlot* plot() const { return plot_; }

 protected:
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void rebuild();
  void restyle();

  QLabel* captionLabel_ = nullptr;
  QCustomPlot* plot_ = nullptr;
  QCPColorMap* map_ = nullptr;
  QCPColorScale* scale_ = nullptr;
  QLabel* emptyLabel_ = nullptr;
  std::vector<QCPItemText*> labels_;  // [layer * columns + column]
  std::vector<OverlapColumn> columns_;
  int layers_ = 0;
};

}  // namespace childtune::widgets
