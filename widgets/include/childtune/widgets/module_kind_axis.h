#pragma once
// Module-kind column labels for the layer x module heatmaps (ChildNetworkHeatmap,
// WeightMovementHeatmap). Seven kinds side by side in a plot of ordinary width do not fit their
// full names ("Attention output" ran into "Intermediate"), so the labels are chosen for the
// width each column has: full names, else short ones ("Attn. out"), else the short ones turned
// by 45 degrees. The full name is the tooltip over a label (moduleKindColumnAtLabel).
// Thread: GUI thread only.

#include <QString>
#include <optional>
#include <vector>

#include "childtune/model_info.h"

class QCPAxis;
class QCPColorMap;
class QCPColorScale;
class QCustomPlot;
class QFont;
class QPoint;

namespace childtune::widgets {

enum class ModuleLabelStyle { Full, Short, ShortRotated };

// The colour map of a layer x module heatmap on `plot`'s main axes: uninterpolated cells, a
// colour scale on the right sharing the axis rect's top and bottom margins, axes titled
// "Module" / "Encoder layer" without grid or sub-ticks.
struct LayerModuleMap {
  QCPColorMap* map = nullptr;
  QCPColorScale* scale = nullptr;
};
LayerModuleMap addLayerModuleMap(QCustomPlot& plot);

// The translated short name of a module kind ("Attn. out", "Interm.", "LN").
QString moduleKindShortLabel(core::ModuleKind kind);

// The first style whose widest label (plus a gap) fits `columnWidth` pixels in `font`.
ModuleLabelStyle chooseModuleLabelStyle(const std::vector<core::ModuleKind>& kinds,
                                        double columnWidth, const QFont& font);

// Tick labels for `kinds` at x = 0 .. n-1 on `axis`, in `style` (text ticker and rotation).
void setModuleKindTicks(QCPAxis& axis, const std::vector<core::ModuleKind>& kinds,
                        ModuleLabelStyle style);

// Re-chooses the style for the axis rect's current width (call after each layout, e.g. from
// QCustomPlot::afterLayout); updates `style` and the ticks and returns true when it changed, so
// the caller replots (the labels' height changes the layout).
bool fitModuleKindTicks(QCPAxis& axis, const std::vector<core::ModuleKind>& kinds,
                        ModuleLabelStyle& style);

// The column whose tick label lies under `pos` (plot widget coordinates): below the axis rect,
// within the tick label band; nullopt elsewhere.
std::optional<int> moduleKindColumnAtLabel(const QCPAxis& axis, int columns, const QPoint& pos);

}  // namespace childtune::widgets
