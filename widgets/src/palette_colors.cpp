#include "childtune/widgets/palette_colors.h"

#include <QCoreApplication>
#include <QLocale>
#include <array>

namespace childtune::widgets {

bool isDark(const QPalette& palette) { return palette.color(QPalette::Window).lightness() < 128; }

QColor blend(const QColor& from, const QColor& to, qreal t) {
  const auto mix = [t](qreal a, qreal b) { return a + (b - a) * t; };
  QColor result;
  result.setRgbF(static_cast<float>(mix(from.redF(), to.redF())),
                 static_cast<float>(mix(from.greenF(), to.greenF())),
                 static_cast<float>(mix(from.blueF(), to.blueF())),
                 static_cast<float>(mix(from.alphaF(), to.alphaF())));
  return result;
}

QColor moduleKindColor(core::ModuleKind kind, const QPalette& palette) {
  // Indexed by ModuleKind; Tableau 10 with grey for "other".
  static constexpr std::array<QRgb, core::kNumModuleKinds> kColors = {
      0x4e79a7,  // Embeddings
      0xf28e2b,  // Query
      0xe15759,  // Key
      0x76b7b2,  // Value
      0x59a14f,  // AttentionOutput
      0xedc948,  // Intermediate
      0xb07aa1,  // Output
      0xff9da7,  // LayerNorm
      0x9c755f,  // Pooler
      0xbab0ac,  // Head
      0x8c8c8c,  // Other
  };
  const auto index = static_cast<size_t>(kind);
  QColor color(index < kColors.size() ? kColors[index] : kColors.back());
  return isDark(palette) ? color.lighter(112) : color;
}

QString moduleKindLabel(core::ModuleKind kind) {
  using core::ModuleKind;
  switch (kind) {
    case ModuleKind::Embeddings:
      return QCoreApplication::translate("childtune::widgets::ModuleKind", "Embeddings");
    case ModuleKind::Query:
      return QCoreApplication::translate("childtune::widgets::ModuleKind", "Query");
    case ModuleKind::Key:
      return QCoreApplication::translate("childtune::widgets::ModuleKind", "Key");
    case ModuleKind::Value:
      return QCoreApplication::translate("childtune::widgets::ModuleKind", "Value");
    case ModuleKind::AttentionOutput:
      return QCoreApplication::translate("childtune::widgets::ModuleKind", "Attention output");
    case ModuleKind::Intermediate:
      return QCoreApplication::translate("childtune::widgets::ModuleKind", "Intermediate");
    case ModuleKind::Output:
      return QCoreApplication::translate("childtune::widgets::ModuleKind", "Output");
    case ModuleKind::LayerNorm:
      return QCoreApplication::translate("childtune::widgets::ModuleKind", "LayerNorm");
    case ModuleKind::Pooler:
      return QCoreApplication::translate("childtune::widgets::ModuleKind", "Pooler");
    case ModuleKind::Head:
      return QCoreApplication::translate("childtune::widgets::ModuleKind", "Classifier head");
    case ModuleKind::Other:
      return QCoreApplication::translate("childtune::widgets::ModuleKind", "Other");
  }
  return QCoreApplication::translate("childtune::widgets::ModuleKind", "Other");
}

QString compactCount(qint64 count) {
  const QLocale locale;
  if (count >= 1'000'000'000) {
    return QCoreApplication::translate("childtune::widgets::Format", "%1 G")
        .arg(locale.toString(static_cast<double>(count) / 1e9, 'f', 2));
  }
  if (count >= 1'000'000) {
    return QCoreApplication::translate("childtune::widgets::Format", "%1 M")
        .arg(locale.toString(static_cast<double>(count) / 1e6, 'f', 1));
  }
  if (count >= 10'000) {
    return QCoreApplication::translate("childtune::widgets::Format", "%1 k")
        .arg(locale.toString(static_cast<double>(count) / 1e3, 'f', 1));
  }
  return locale.toString(count);
}

QString byteSize(qint64 bytes) {
  const QLocale locale;
  constexpr double kKiB = 1024.0;
  if (bytes >= 1024LL * 1024 * 1024) {
    return QCoreApplication::translate("childtune::widgets::Format", "%1 GiB")
        .arg(locale.toString(static_cast<double>(bytes) / (kKiB * kKiB * kKiB), 'f', 2));
  }
  if (bytes >= 1024LL * 1024) {
    return QCoreApplication::translate("childtune::widgets::Format", "%1 MiB")
        .arg(locale.toString(static_cast<double>(bytes) / (kKiB * kKiB), 'f', 1));
  }
  if (bytes >= 1024) {
    return QCoreApplication::translate("childtune::widgets::Format", "%1 KiB")
        .arg(locale.toString(static_cast<double>(bytes) / kKiB, 'f', 1));
  }
  const int count = static_cast<int>(bytes);
  return QCoreApplication::translate("childtune::widgets::Format", "%n byte(s)", nullptr, count);
}

}  // namespace childtune::widgets
