#pragma once
// A small matrix (e.g. an 8 x 8 block of a weight matrix) drawn as coloured cells: values on a
// diverging scale symmetric around zero (blue negative, red positive, the palette's base colour
// at zero) or as a 0/1 mask. A title above, the colour scale's range below; hovering a cell shows
// its row, column and exact value (and an optional second value such as a Fisher score).

#include <QColor>
#include <QRect>
#include <QString>
#include <QVector>
#include <QWidget>

#include "childtune/step_through.h"

namespace childtune::widgets {

enum class GridScale {
  Diverging,  // colour by value / max |value| of the block
  Mask,       // 1 = kept (highlight colour), 0 = dropped (muted, hatched)
};

class MatrixGridWidget : public QWidget {
  Q_OBJECT

 public:
  explicit MatrixGridWidget(QWidget* parent = nullptr);

  void setTitle(const QString& title);
  QString title() const { return title_; }
  void setScaleKind(GridScale scale);
  GridScale scaleKind() const { return scale_; }

  // Shows `block`. An empty block clears the grid (cells are drawn empty).
  void setBlock(const core::MatrixBlock& block);
  const core::MatrixBlock& block() const { return block_; }
  // Cells whose `masked` entry is 0 get a hatch, so a dropped gradient element can be traced
  // through the gradient, update and weight grids. Empty = no hatching.
  void setMaskOverlay(const core::MatrixBlock& masked);
  // A second value per cell shown on hover, e.g. {"Fisher", scores}. Empty label = none.
  void setDetail(const QString& label, const core::MatrixBlock& values);
  // The range of the colour scale: max |value| of the block (0 for an all-zero block).
  double colorRange() const { return range_; }
  void clear();

  // Geometry and content at the current size (widget coordinates).
  QRect cellRect(int row, int col) const;
  bool cellAt(const QPoint& pos, int* row, int* col) const;
  QColor cellColor(int row, int col) const;
  QString cellToolTip(int row, int col) const;

  // Square cells: the height follows the width (title and footer lines included).
  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override;
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  bool event(QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;

 private:
  QRect gridRect() const;
  QString footerText() const;
  void updateAccessibleDescription();

  QString title_;
  GridScale scale_ = GridScale::Diverging;
  core::MatrixBlock block_;
  core::MatrixBlock overlay_;
  QString detailLabel_;
  core::MatrixBlock detail_;
  double range_ = 0.0;
  int hoveredRow_ = -1;
  int hoveredCol_ = -1;
};

// Formats a value for a cell tooltip or a scale label: "-1.234e-03", "0.5012", "0".
QString formatCellValue(double value);

}  // namespace childtune::widgets
