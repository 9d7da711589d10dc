#include "childtune/widgets/sparkline_widget.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

#include "childtune/widgets/palette_colors.h"

namespace childtune::widgets {

SparklineWidget::SparklineWidget(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void SparklineWidget::setLabel(const QString& label) {
  label_ = label;
  setAccessibleName(label);
  update();
}

void SparklineWidget::setValues(QVector<double> values) {
  values_ = std::move(values);
  setAccessibleDescription(summaryText());
  update();
}

void SparklineWidget::appendValue(double value) {
  values_.append(value);
  setAccessibleDescription(summaryText());
  update();
}

void SparklineWidget::clear() { setValues({}); }

QString SparklineWidget::summaryText() const {
  if (values_.isEmpty()) {
    return tr("%1: no steps yet").arg(label_);
  }
  const auto [lo, hi] = std::minmax_element(values_.begin(), values_.end());
  return tr("%1 %2 (min %3, max %4)")
      .arg(label_)
      .arg(values_.back(), 0, 'f', 4)
      .arg(*lo, 0, 'f', 3)
      .arg(*hi, 0, 'f', 3);
}

QSize SparklineWidget::sizeHint() const { return {360, fontMetrics().height() * 2 + 12}; }

QSize SparklineWidget::minimumSizeHint() const { return {160, fontMetrics().height() * 2 + 12}; }

void SparklineWidget::paintEvent(QPaintEvent* /*event*/) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  const QPalette& pal = palette();
  const QString summary = summaryText();
  const int textWidth = fontMetrics().horizontalAdvance(summary) + 12;
  const QRectF plot = QRectF(rect()).adjusted(2, 4, -textWidth, -4);
  painter.fillRect(plot, blend(pal.color(QPalette::Base), pal.color(QPalette::Window), 0.3));
  painter.setPen(QPen(blend(pal.color(QPalette::Base), pal.color(QPalette::WindowText), 0.2), 1));
  painter.drawRect(plot);

  if (values_.size() >= 2) {
    const auto [lo, hi] = std::minmax_element(values_.begin(), values_.end());
    const double span = std::max(*hi - *lo, 1e-12);
    QPainterPath path;
    const double n = static_cast<double>(values_.size() - 1);
    for (qsizetype i = 0; i < values_.size(); ++i) {
      const QPointF pt(plot.left() + 3 + (plot.width() - 6) * static_cast<double>(i) / n,
                       plot.bottom() - 3 - (plot.height() - 6) * (values_[i] - *lo) / span);
      if (i == 0) {
        path.moveTo(pt);
      } else {
        path.lineTo(pt);
      }
    }
    painter.setPen(QPen(pal.color(QPalette::Highlight), 1.6));
    painter.drawPath(path);
    painter.setBrush(pal.color(QPalette::Highlight));
    painter.drawEllipse(path.currentPosition(), 2.5, 2.5);
  }
  painter.setPen(pal.color(QPalette::WindowText));
  painter.drawText(QRectF(plot.right() + 8, 0, textWidth, height()),
                   Qt::AlignLeft | Qt::AlignVCenter, summary);
}

}  // namespace childtune::widgets
