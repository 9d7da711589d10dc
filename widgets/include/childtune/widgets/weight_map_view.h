#pragma once
// Drill-down into one weight tensor: its Fisher scores (max-pooled blocks, log colour scale) or
// its child-network mask (fraction of each block selected), zoomable with the wheel and
// pannable by dragging; row 0 at the top as in the matrix. Axes count source rows/columns.
// Thread: GUI thread only.

#include <QWidget>
#include <optional>
#include <utility>

#include "childtune/fisher_summary.h"

class QCPColorMap;
class QCPColorScale;
class QCustomPlot;
class QLabel;
class QToolButton;

namespace childtune::widgets {

class WeightMapView : public QWidget {
  Q_OBJECT

 public:
  enum class Display { Fisher, Mask };
  Q_ENUM(Display)
  using Block = std::pair<int, int>;  // (pooled row, pooled column)

  explicit WeightMapView(QWidget* parent = nullptr);
  ~WeightMapView() override;

  void setWeightMap(const core::WeightMap& map);
  void clear();
  const core::WeightMap& weightMap() const { return map_; }
  bool isEmpty() const { return map_.mapRows <= 0 || map_.mapCols <= 0; }

  void setDisplay(Display display);
  Display display() const { return display_; }

  // "bert.encoder.layer.3.attention.self.query.weight · 768 × 768 (256 × 256 blocks of 3 × 3)".
  QString title() const;
  // The value painted for a pooled block (Fisher: the block's max score; Mask: its fraction);
  // NaN outside the map.
  double drawnValue(int row, int column) const;
  // The pooled block under a position in the plot's coordinates.
  std::optional<Block> blockAt(const QPoint& pos) const;
  QPoint blockCenter(int row, int column) const;
  // Source rows/columns of the block and both of its values.
  QString blockToolTip(int row, int column) const;
  std::pair<double, double> colorRange() const;

  void resetView();
  QCustomPlot* plot() const { return plot_; }

 Q_SIGNALS:
  void displayChanged(childtune::widgets::WeightMapView::Display display);

 protected:
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void rebuild();
  void restyle();
  double blockRows() const;  // source rows per pooled row
  double blockCols() const;

  QLabel* titleLabel_ = nullptr;
  QToolButton* fisherButton_ = nullptr;
  QToolButton* maskButton_ = nullptr;
  QToolButton* resetButton_ = nullptr;
  QCustomPlot* plot_ = nullptr;
  QCPColorMap* colorMap_ = nullptr;
  QCPColorScale* scale_ = nullptr;
  QLabel* emptyLabel_ = nullptr;

  core::WeightMap map_;
  Display display_ = Display::Fisher;
  // True while the whole tensor is shown (no zoom/pan since): resizes then refit the view.
  bool fitted_ = true;
};

}  // namespace childtune::widgets
