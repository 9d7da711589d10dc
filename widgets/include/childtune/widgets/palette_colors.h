#pragma once
// Colours derived from the current QPalette, so every view follows the system's light or dark
// scheme. Fixed hues (module kinds, token segments) are blended towards the palette's base
// colour instead of being used raw, which keeps text readable on both schemes.

#include <QColor>
#include <QPalette>
#include <QString>

#include "childtune/model_info.h"

namespace childtune::widgets {

// True when the window background is dark (lightness below the middle).
bool isDark(const QPalette& palette);

// Linear blend in RGB: t = 0 gives `from`, t = 1 gives `to`.
QColor blend(const QColor& from, const QColor& to, qreal t);

// A distinct, colour-blind-friendly hue per module kind (Tableau 10), lightened on dark palettes.
QColor moduleKindColor(core::ModuleKind kind, const QPalette& palette);

// The translated, human-readable name of a module kind ("Query", "Attention output", ...).
QString moduleKindLabel(core::ModuleKind kind);

// Number formatting for the views: "22.7 M", "147.5 k", "512", in the current locale.
QString compactCount(qint64 count);
// "86.7 MiB", "12.0 KiB", "512 bytes".
QString byteSize(qint64 bytes);

}  // namespace childtune::widgets
