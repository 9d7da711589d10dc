#include "childtune/widgets/module_kind_axis.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <cmath>

#include "childtune/widgets/palette_colors.h"
#include "childtune/widgets/qcustomplot_include.h"

namespace childtune::widgets {

namespace {

// Pixels kept free between two neighbouring labels.
constexpr double kLabelGap = 8.0;
constexpr double kRotation = -45.0;  // degrees, reading up to the right

QString labelFor(core::ModuleKind kind, ModuleLabelStyle style) {
  return style == ModuleLabelStyle::Full ? moduleKindLabel(kind) : moduleKindShortLabel(kind);
}

}  // namespace

QString moduleKindShortLabel(core::ModuleKind kind) {
  using core::ModuleKind;
  switch (kind) {
    case ModuleKind::Embeddings:
      return QCoreApplication::translate("childtune::widgets::ModuleKindShort", "Embed.");
    case ModuleKind::Query:
      return QCoreApplication::translate("childtune::widgets::ModuleKindShort", "Query");
    case ModuleKind::Key:
      return QCoreApplication::translate("childtune::widgets::ModuleKindShort", "Key");
    case ModuleKind::Value:
      return QCoreApplication::translate("childtune::widgets::ModuleKindShort", "Value");
    case ModuleKind::AttentionOutput:
      return QCoreApplication::translate("childtune::widgets::ModuleKindShort", "Attn. out");
    case ModuleKind::Intermediate:
      return QCoreApplication::translate("childtune::widgets::ModuleKindShort", "Interm.");
    case ModuleKind::Output:
      return QCoreApplication::translate("childtune::widgets::ModuleKindShort", "Output");
    case ModuleKind::LayerNorm:
      return QCoreApplication::translate("childtune::widgets::ModuleKindShort", "LN");
    case ModuleKind::Pooler:
      return QCoreApplication::translate("childtune::widgets::ModuleKindShort", "Pooler");
    case ModuleKind::Head:
      return QCoreApplication::translate("childtune::widgets::ModuleKindShort", "Head");
    case ModuleKind::Other:
      break;
  }
  return QCoreApplication::translate("childtune::widgets::ModuleKindShort", "Other");
}

ModuleLabelStyle chooseModuleLabelStyle(const std::vector<core::ModuleKind>& kinds,
                                        double columnWidth, const QFont& font) {
  const QFontMetricsF metrics(font);
  for (const ModuleLabelStyle style : {ModuleLabelStyle::Full, ModuleLabelStyle::Short}) {
    double widest = 0.0;
    for (const core::ModuleKind kind : kinds) {
      widest = std::max(widest, metrics.horizontalAdvance(labelFor(kind, style)));
    }
    if (widest + kLabelGap <= columnWidth) {
      return style;
    }
  }
  return ModuleLabelStyle::ShortRotated;
}

void setModuleKindTicks(QCPAxis& axis, const std::vector<core::ModuleKind>& kinds,
                        ModuleLabelStyle style) {
  auto ticker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  for (size_t column = 0; column < kinds.size(); ++column) {
    ticker->addTick(static_cast<double>(column), labelFor(kinds[column], style));
  }
  axis.setTicker(ticker);
  axis.setTickLabelRotation(style == ModuleLabelStyle::ShortRotated ? kRotation : 0.0);
}

bool fitModuleKindTicks(QCPAxis& axis, const std::vector<core::ModuleKind>& kinds,
                        ModuleLabelStyle& style) {
  const int width = axis.axisRect()->width();
  if (kinds.empty() || width <= 0) {
    return false;
  }
  const ModuleLabelStyle fitting = chooseModuleLabelStyle(
      kinds, static_cast<double>(width) / static_cast<double>(kinds.size()), axis.tickLabelFont());
  if (fitting == style) {
    return false;
  }
  style = fitting;
  setModuleKindTicks(axis, kinds, style);
  return true;
}

std::optional<int> moduleKindColumnAtLabel(const QCPAxis& axis, int columns, const QPoint& pos) {
  const QRect rect = axis.axisRect()->rect();
  // The band under the axis rect that holds the tick labels (and the axis label below them).
  const int band = axis.axisRect()->margins().bottom();
  if (columns <= 0 || pos.y() <= rect.bottom() || pos.y() > rect.bottom() + band ||
      pos.x() < rect.left() || pos.x() > rect.right()) {
    return std::nullopt;
  }
  const auto column = static_cast<int>(std::floor(axis.pixelToCoord(pos.x()) + 0.5));
  if (column < 0 || column >= columns) {
    return std::nullopt;
  }
  return column;
}

LayerModuleMap addLayerModuleMap(QCustomPlot& plot) {
  LayerModuleMap out;
  out.map = new QCPColorMap(plot.xAxis, plot.yAxis);
  out.map->setInterpolate(false);
  out.map->setTightBoundary(false);
  out.scale = new QCPColorScale(&plot);
  plot.plotLayout()->addElement(0, 1, out.scale);
  out.scale->setType(QCPAxis::atRight);
  out.scale->setBarWidth(14);
  out.map->setColorScale(out.scale);
  auto* margins = new QCPMarginGroup(&plot);
  plot.axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  out.scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  plot.xAxis->setLabel(QCoreApplication::translate("LayerModuleMap", "Module"));
  plot.yAxis->setLabel(QCoreApplication::translate("LayerModuleMap", "Encoder layer"));
  for (QCPAxis* axis : {plot.xAxis, plot.yAxis}) {
    axis->grid()->setVisible(false);
    axis->setSubTicks(false);
    axis->setTickLength(0, 3);
  }
  return out;
}

}  // namespace childtune::widgets
