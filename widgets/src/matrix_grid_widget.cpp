#include "childtune/widgets/matrix_grid_widget.h"

#include <QEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "childtune/widgets/palette_colors.h"

namespace childtune::widgets {

namespace {

constexpr int kPlaceholderCells = 8;  // rows and columns drawn while there is no block
constexpr int kPreferredCell = 18;    // px
constexpr int kMinimumCell = 8;       // px

// ColorBrewer RdBu ends; blended towards the base colour by |value| / range.
QColor negativeColor(const QPalette& palette) {
  return isDark(palette) ? QColor(0x6b, 0xae, 0xd6) : QColor(0x21, 0x66, 0xac);
}
QColor positiveColor(const QPalette& palette) {
  return isDark(palette) ? QColor(0xf4, 0x6d, 0x43) : QColor(0xb2, 0x18, 0x2b);
}

}  // namespace

QString formatCellValue(double value) {
  if (value == 0.0) {
    return QStringLiteral("0");
  }
  const double magnitude = std::abs(value);
  if (magnitude >= 0.01 && magnitude < 1000.0) {
    return QString::number(value, 'f', 4);
  }
  return QString::number(value, 'e', 3);
}

MatrixGridWidget::MatrixGridWidget(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
  policy.setHeightForWidth(true);
  setSizePolicy(policy);
  updateAccessibleDescription();
}

void MatrixGridWidget::setTitle(const QString& title) {
  title_ = title;
  setAccessibleName(title);
  update();
}

void MatrixGridWidget::setScaleKind(GridScale scale) {
  scale_ = scale;
  update();
}

void MatrixGridWidget::setBlock(const core::MatrixBlock& block) {
  const bool reshaped = block.rows != block_.rows || block.cols != block_.cols;
  block_ = block;
  range_ = 0.0;
  for (const float v : block_.values) {
    range_ = std::max(range_, static_cast<double>(std::abs(v)));
  }
  if (reshaped) {
    updateGeometry();
  }
  updateAccessibleDescription();
  update();
}

void MatrixGridWidget::setMaskOverlay(const core::MatrixBlock& masked) {
  overlay_ = masked;
  update();
}

void MatrixGridWidget::setDetail(const QString& label, const core::MatrixBlock& values) {
  detailLabel_ = label;
  detail_ = values;
}

void MatrixGridWidget::clear() {
  setBlock({});
  overlay_ = {};
  detail_ = {};
  detailLabel_.clear();
}

QRect MatrixGridWidget::gridRect() const {
  const int rows = block_.empty() ? kPlaceholderCells : block_.rows;
  const int cols = block_.empty() ? kPlaceholderCells : block_.cols;
  const int line = fontMetrics().height();
  const QRect area = rect().adjusted(2, line + 6, -2, -(line + 6));
  const int cell = std::max(2, std::min(area.width() / cols, area.height() / rows));
  const QSize size(cell * cols, cell * rows);
  // Centred both ways, so the operators between the grids line up with their middles.
  return {QPoint(area.left() + (area.width() - size.width()) / 2,
                 area.top() + (area.height() - size.height()) / 2),
          size};
}

QRect MatrixGridWidget::cellRect(int row, int col) const {
  if (block_.empty() || row < 0 || col < 0 || row >= block_.rows || col >= block_.cols) {
    return {};
  }
  const QRect grid = gridRect();
  const int cell = grid.width() / block_.cols;
  return {grid.left() + col * cell, grid.top() + row * cell, cell, cell};
}

bool MatrixGridWidget::cellAt(const QPoint& pos, int* row, int* col) const {
  if (block_.empty()) {
    return false;
  }
  const QRect grid = gridRect();
  if (!grid.contains(pos)) {
    return false;
  }
  const int cell = grid.width() / block_.cols;
  const int c = (pos.x() - grid.left()) / cell;
  const int r = (pos.y() - grid.top()) / cell;
  if (r < 0 || c < 0 || r >= block_.rows || c >= block_.cols) {
    return false;
  }
  *row = r;
  *col = c;
  return true;
}

QColor MatrixGridWidget::cellColor(int row, int col) const {
  const QPalette& pal = palette();
  const QColor base = pal.color(QPalette::Base);
  if (block_.empty() || row < 0 || col < 0 || row >= block_.rows || col >= block_.cols) {
    return base;
  }
  const double v = block_.at(row, col);
  if (scale_ == GridScale::Mask) {
    return v != 0.0 ? pal.color(QPalette::Highlight)
                    : blend(base, pal.color(QPalette::WindowText), 0.10);
  }
  if (range_ <= 0.0 || v == 0.0) {
    return base;
  }
  const double t = std::clamp(std::abs(v) / range_, 0.0, 1.0);
  return blend(base, v < 0.0 ? negativeColor(pal) : positiveColor(pal), t);
}

QString MatrixGridWidget::cellToolTip(int row, int col) const {
  if (block_.empty() || row < 0 || col < 0 || row >= block_.rows || col >= block_.cols) {
    return {};
  }
  const double v = block_.at(row, col);
  QString text = tr("%1\nrow %2, column %3").arg(title_).arg(row).arg(col);
  if (scale_ == GridScale::Mask) {
    text += QLatin1Char('\n') + (v != 0.0 ? tr("kept (1)") : tr("dropped (0)"));
  } else {
    text += QLatin1Char('\n') + tr("value %1").arg(formatCellValue(v));
  }
  if (!detailLabel_.isEmpty() && detail_.rows == block_.rows && detail_.cols == block_.cols) {
    text +=
        QLatin1Char('\n') + tr("%1 %2").arg(detailLabel_, formatCellValue(detail_.at(row, col)));
  }
  return text;
}

QString MatrixGridWidget::footerText() const {
  if (block_.empty()) {
    return tr("no step yet");
  }
  if (scale_ == GridScale::Mask) {
    const auto kept = std::count_if(block_.values.begin(), block_.values.end(),
                                    [](float v) { return v != 0.0f; });
    return tr("%1 of %2 kept").arg(kept).arg(block_.values.size());
  }
  return tr("colour range ±%1").arg(formatCellValue(range_));
}

int MatrixGridWidget::heightForWidth(int width) const {
  const int rows = block_.empty() ? kPlaceholderCells : block_.rows;
  const int cols = block_.empty() ? kPlaceholderCells : block_.cols;
  const int cell = std::max(kMinimumCell, (width - 4) / cols);
  return rows * cell + 2 * (fontMetrics().height() + 6);
}

QSize MatrixGridWidget::sizeHint() const {
  const int rows = block_.empty() ? kPlaceholderCells : block_.rows;
  const int cols = block_.empty() ? kPlaceholderCells : block_.cols;
  const int line = fontMetrics().height();
  const int width = std::max(cols * kPreferredCell, fontMetrics().horizontalAdvance(title_)) + 4;
  return {width, rows * kPreferredCell + 2 * (line + 6)};
}

QSize MatrixGridWidget::minimumSizeHint() const {
  const int rows = block_.empty() ? kPlaceholderCells : block_.rows;
  const int cols = block_.empty() ? kPlaceholderCells : block_.cols;
  const int line = fontMetrics().height();
  return {cols * kMinimumCell + 4, rows * kMinimumCell + 2 * (line + 6)};
}

bool MatrixGridWidget::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    int row = 0;
    int col = 0;
    if (cellAt(help->pos(), &row, &col)) {
      QToolTip::showText(help->globalPos(), cellToolTip(row, col), this, cellRect(row, col));
    } else {
      QToolTip::hideText();
      event->ignore();
    }
    return true;
  }
  return QWidget::event(event);
}

void MatrixGridWidget::mouseMoveEvent(QMouseEvent* event) {
  int row = -1;
  int col = -1;
  if (!cellAt(event->position().toPoint(), &row, &col)) {
    row = -1;
    col = -1;
  }
  if (row != hoveredRow_ || col != hoveredCol_) {
    hoveredRow_ = row;
    hoveredCol_ = col;
    update();
  }
  QWidget::mouseMoveEvent(event);
}

void MatrixGridWidget::leaveEvent(QEvent* event) {
  hoveredRow_ = -1;
  hoveredCol_ = -1;
  update();
  QWidget::leaveEvent(event);
}

void MatrixGridWidget::paintEvent(QPaintEvent* /*event*/) {
  QPainter painter(this);
  const QPalette& pal = palette();
  const QRect grid = gridRect();
  const int line = fontMetrics().height();

  QFont titleFont = font();
  titleFont.setBold(true);
  painter.setFont(titleFont);
  painter.setPen(pal.color(QPalette::WindowText));
  painter.drawText(QRect(0, grid.top() - line - 6, width(), line + 4),
                   Qt::AlignHCenter | Qt::AlignVCenter,
                   QFontMetrics(titleFont).elidedText(title_, Qt::ElideRight, width()));

  const QColor gridLine = blend(pal.color(QPalette::Base), pal.color(QPalette::WindowText), 0.18);
  if (block_.empty()) {
    painter.fillRect(grid, pal.color(QPalette::Base));
    painter.setPen(QPen(gridLine, 1));
    painter.drawRect(grid.adjusted(0, 0, -1, -1));
  } else {
    const int cell = grid.width() / block_.cols;
    const bool hatch = overlay_.rows == block_.rows && overlay_.cols == block_.cols;
    const QColor hatchColor =
        blend(pal.color(QPalette::Base), pal.color(QPalette::WindowText), 0.45);
    for (int r = 0; r < block_.rows; ++r) {
      for (int c = 0; c < block_.cols; ++c) {
        const QRect cr(grid.left() + c * cell, grid.top() + r * cell, cell, cell);
        painter.fillRect(cr, cellColor(r, c));
        const bool dropped = (scale_ == GridScale::Mask && block_.at(r, c) == 0.0f) ||
                             (hatch && overlay_.at(r, c) == 0.0f);
        if (dropped) {
          painter.fillRect(cr, QBrush(hatchColor, Qt::BDiagPattern));
        }
      }
    }
    painter.setPen(QPen(gridLine, 1));
    for (int i = 0; i <= block_.cols; ++i) {
      painter.drawLine(grid.left() + i * cell, grid.top(), grid.left() + i * cell,
                       grid.top() + block_.rows * cell);
    }
    for (int i = 0; i <= block_.rows; ++i) {
      painter.drawLine(grid.left(), grid.top() + i * cell, grid.left() + block_.cols * cell,
                       grid.top() + i * cell);
    }
    if (hoveredRow_ >= 0) {
      painter.setPen(QPen(pal.color(QPalette::WindowText), 2));
      painter.drawRect(cellRect(hoveredRow_, hoveredCol_).adjusted(1, 1, -1, -1));
    }
  }

  painter.setFont(font());
  painter.setPen(pal.color(QPalette::PlaceholderText));
  QString footer = footerText();
  if (painter.fontMetrics().horizontalAdvance(footer) > width() && !block_.empty() &&
      scale_ != GridScale::Mask) {
    // A narrow grid (five side by side at 1280 px): the range alone, not cut off mid-number.
    footer = QStringLiteral("±") + formatCellValue(range_);
  }
  painter.drawText(QRect(0, grid.bottom() + 4, width(), line + 2), Qt::AlignHCenter | Qt::AlignTop,
                   footer);
}

void MatrixGridWidget::updateAccessibleDescription() {
  setAccessibleDescription(
      block_.empty()
          ? tr("empty")
          : tr("%1 by %2 matrix, %3").arg(block_.rows).arg(block_.cols).arg(footerText()));
}

}  // namespace childtune::widgets
