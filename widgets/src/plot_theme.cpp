#include "childtune/widgets/plot_theme.h"

#include <array>

#include "childtune/widgets/palette_colors.h"
#include "childtune/widgets/qcustomplot_include.h"

namespace childtune::widgets {

namespace {

void styleAxis(QCPAxis& axis, const QPalette& palette, const QFont& font) {
  const QColor base = palette.color(QPalette::Base);
  const QColor text = palette.color(QPalette::Text);
  const QColor line = blend(base, text, 0.55);
  const QColor grid = blend(base, text, 0.12);
  const QColor subGrid = blend(base, text, 0.06);
  axis.setBasePen(QPen(line, 1));
  axis.setTickPen(QPen(line, 1));
  axis.setSubTickPen(QPen(line, 1));
  axis.setTickLabelColor(text);
  axis.setLabelColor(text);
  axis.setTickLabelFont(font);
  axis.setLabelFont(font);
  axis.grid()->setPen(QPen(grid, 1, Qt::SolidLine));
  axis.grid()->setSubGridPen(QPen(subGrid, 1, Qt::SolidLine));
  axis.grid()->setZeroLinePen(Qt::NoPen);
}

}  // namespace

void applyPlotTheme(QCustomPlot& plot, const QPalette& palette, const QFont& font) {
  const QColor base = palette.color(QPalette::Base);
  const QColor text = palette.color(QPalette::Text);
  plot.setBackground(base);
  const QList<QCPAxisRect*> rects = plot.axisRects();
  for (QCPAxisRect* rect : rects) {
    rect->setBackground(Qt::NoBrush);
    const QList<QCPAxis*> axes = rect->axes();
    for (QCPAxis* axis : axes) {
      styleAxis(*axis, palette, font);
    }
  }
  const QList<QCPLayoutElement*> elements = plot.plotLayout()->elements(true);
  for (QCPLayoutElement* element : elements) {
    if (auto* scale = qobject_cast<QCPColorScale*>(element)) {
      styleAxis(*scale->axis(), palette, font);
      scale->axis()->grid()->setVisible(false);
    }
  }
  // Legends live in the axis rects' inset layouts, not in the main layout.
  for (QCPAxisRect* rect : rects) {
    for (int i = 0; i < rect->insetLayout()->elementCount(); ++i) {
      if (auto* legend = qobject_cast<QCPLegend*>(rect->insetLayout()->elementAt(i))) {
        QColor fill = base;
        fill.setAlpha(220);
        legend->setBrush(fill);
        legend->setBorderPen(QPen(blend(base, text, 0.2), 1));
        legend->setTextColor(text);
        legend->setFont(font);
        legend->setSelectedTextColor(text);
      }
    }
  }
  for (int i = 0; i < plot.itemCount(); ++i) {
    if (auto* label = qobject_cast<QCPItemText*>(plot.item(i))) {
      label->setColor(text);
    }
  }
}

QColor seriesColor(int index, const QPalette& palette) {
  static constexpr std::array<QRgb, 10> kColors = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2,
                                                   0x59a14f, 0xedc948, 0xb07aa1, 0xff9da7,
                                                   0x9c755f, 0xbab0ac};
  const auto n = static_cast<int>(kColors.size());
  const QColor color(kColors[static_cast<size_t>(((index % n) + n) % n)]);
  return isDark(palette) ? color.lighter(120) : color;
}

QCPColorGradient sequentialGradient() {
  QCPColorGradient gradient;
  gradient.clearColorStops();
  // Viridis sampled at nine points.
  gradient.setColorStopAt(0.000, QColor(0x44, 0x01, 0x54));
  gradient.setColorStopAt(0.125, QColor(0x47, 0x2c, 0x7a));
  gradient.setColorStopAt(0.250, QColor(0x3b, 0x51, 0x8b));
  gradient.setColorStopAt(0.375, QColor(0x2c, 0x71, 0x8e));
  gradient.setColorStopAt(0.500, QColor(0x21, 0x90, 0x8d));
  gradient.setColorStopAt(0.625, QColor(0x27, 0xad, 0x81));
  gradient.setColorStopAt(0.750, QColor(0x5c, 0xc8, 0x63));
  gradient.setColorStopAt(0.875, QColor(0xaa, 0xdc, 0x32));
  gradient.setColorStopAt(1.000, QColor(0xfd, 0xe7, 0x25));
  gradient.setColorInterpolation(QCPColorGradient::ciRGB);
  gradient.setNanHandling(QCPColorGradient::nhTransparent);
  gradient.setLevelCount(256);
  return gradient;
}

QCPColorGradient maskGradient(const QPalette& palette) {
  QCPColorGradient gradient;
  gradient.clearColorStops();
  const QColor base = palette.color(QPalette::Base);
  const QColor text = palette.color(QPalette::Text);
  gradient.setColorStopAt(0.0, blend(base, text, 0.08));
  gradient.setColorStopAt(1.0, palette.color(QPalette::Highlight));
  gradient.setColorInterpolation(QCPColorGradient::ciRGB);
  gradient.setNanHandling(QCPColorGradient::nhTransparent);
  gradient.setLevelCount(256);
  return gradient;
}

QColor contrastingText(const QColor& background) {
  // Relative luminance (sRGB coefficients, no gamma: close enough to pick black or white).
  const double luminance =
      0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
  return luminance > 0.5 ? QColor(Qt::black) : QColor(Qt::white);
}

}  // namespace childtune::widgets
