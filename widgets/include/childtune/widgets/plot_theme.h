#pragma once
// Styling shared by the QCustomPlot views: axes, grids, legends and colour scales in the current
// palette's colours, distinct series colours, and the colour gradients of the heatmaps.

#include <QColor>
#include <QFont>
#include <QPalette>

class QCustomPlot;
class QCPColorGradient;

namespace childtune::widgets {

// Applies the palette (background = Base, text = Text, light grids) and `font` to every axis
// rect, legend and colour scale currently in `plot`. Call again on a palette or font change.
void applyPlotTheme(QCustomPlot& plot, const QPalette& palette, const QFont& font);

// The index-th of ten distinct, colour-blind-friendly series colours (Tableau 10, cycling),
// lightened on dark palettes.
QColor seriesColor(int index, const QPalette& palette);

// Perceptually uniform sequential gradient (viridis) for Fisher scores and fractions; NaN
// cells are drawn transparent.
QCPColorGradient sequentialGradient();

// From the palette's base colour to its highlight colour: for masks (0 = not in the child
// network, 1 = all in it).
QCPColorGradient maskGradient(const QPalette& palette);

// Black or white, whichever reads better on `background`.
QColor contrastingText(const QColor& background);

}  // namespace childtune::widgets
