#include "childtune/widgets/child_tuning_diagram.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <array>
#include <cstdint>

#include "childtune/widgets/palette_colors.h"

namespace childtune::widgets {

namespace {

constexpr int kLayers = 3;
constexpr int kCellCols = 12;
constexpr int kCellRows = 2;
// Part 0: embeddings, 1..kLayers: encoder layers (bottom to top), kLayers + 1: pooler+classifier.
constexpr int kParts = kLayers + 2;
// How strongly each drawn layer scores in Fisher (bottom to top): one global threshold gives the
// upper layers more of the child network, as the Child-network view shows for real models.
constexpr std::array<double, kLayers> kLayerFisherBias = {0.55, 1.0, 1.45};

// A fixed pseudo-random number in [0, 1) per cell (splitmix64 finaliser).
double cellNoise(uint64_t a, uint64_t b, uint64_t c) {
  uint64_t z = a * 0x9E3779B97F4A7C15ULL + b * 0xBF58476D1CE4E5B9ULL + c * 0x94D049BB133111EBULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) / 9007199254740992.0;
}

}  // namespace

ChildTuningDiagram::ChildTuningDiagram(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
  setAccessibleName(tr("Diagram: which weights each method updates"));
  setAccessibleDescription(
      tr("Fine-tuning updates every weight. Child-Tuning_F updates a new random fraction p_F of "
         "every weight tensor at each step, scaled by 1/p_F. Child-Tuning_D updates a fixed "
         "fraction p_D of the encoder weights chosen by Fisher information, plus all embedding, "
         "pooler and classifier weights."));
}

void ChildTuningDiagram::setFractions(double pF, double pD) {
  pF_ = std::clamp(pF, 0.0, 1.0);
  pD_ = std::clamp(pD, 0.0, 1.0);
  update();
}

int ChildTuningDiagram::heightForWidth(int width) const {
  const int line = fontMetrics().height();
  const double cell = std::clamp((width / 3.0 - 16.0) / kCellCols, 5.0, 11.0);
  const double stack = kLayers * (kCellRows * cell + 8) + 2 * (cell + 8);
  // Titles, the stack, two caption lines, the parts line and the colour legend.
  return static_cast<int>(line * 6 + stack + 24);
}

QSize ChildTuningDiagram::sizeHint() const { return {420, heightForWidth(420)}; }

QSize ChildTuningDiagram::minimumSizeHint() const { return {300, heightForWidth(300)}; }

bool ChildTuningDiagram::updated(Panel panel, int part, int row, int col) const {
  switch (panel) {
    case Panel::FineTuning:
      return true;
    case Panel::ChildTuningF:
      // Every tensor, embeddings and classifier included, keeps a random p_F of its gradient.
      return cellNoise(static_cast<uint64_t>(part), static_cast<uint64_t>(row),
                       static_cast<uint64_t>(col)) < pF_;
    case Panel::ChildTuningD: {
      if (part == 0 || part == kParts - 1) {
        return true;  // never masked
      }
      // An illustrative Fisher score; the cut keeps about p_D of all encoder cells.
      const double score = kLayerFisherBias[static_cast<size_t>(part - 1)] *
                           cellNoise(static_cast<uint64_t>(part) + 17, static_cast<uint64_t>(row),
                                     static_cast<uint64_t>(col));
      return score > 1.0 - pD_;
    }
  }
  return false;
}

void ChildTuningDiagram::paintPanel(QPainter& painter, const QRectF& area, Panel panel) const {
  const QPalette& pal = palette();
  const int line = fontMetrics().height();
  const QColor text = pal.color(QPalette::WindowText);
  const QColor muted = blend(pal.color(QPalette::Base), text, 0.12);
  const QColor frame = blend(pal.color(QPalette::Base), text, 0.30);
  const QColor on = pal.color(QPalette::Highlight);
  const QColor fixedOn = isDark(pal) ? QColor(0x8c, 0xc6, 0x7a) : QColor(0x3b, 0x8c, 0x3e);

  QFont bold = font();
  bold.setBold(true);
  painter.setFont(bold);
  painter.setPen(text);
  QString title;
  QString caption;
  switch (panel) {
    case Panel::FineTuning:
      title = tr("Fine-tuning");
      caption = tr("every weight,\nevery step");
      break;
    case Panel::ChildTuningF:
      title = tr("Child-Tuning_F");
      caption = tr("random %1% per step,\nkept ones ×1/p_F").arg(qRound(pF_ * 100));
      break;
    case Panel::ChildTuningD:
      title = tr("Child-Tuning_D");
      caption = tr("fixed top %1%\nof encoder by Fisher").arg(qRound(pD_ * 100));
      break;
  }
  painter.drawText(QRectF(area.left(), area.top(), area.width(), line + 4), Qt::AlignCenter, title);
  painter.setFont(font());

  const double cell = std::clamp((area.width() - 16.0) / kCellCols, 5.0, 11.0);
  const double stackWidth = cell * kCellCols;
  const double left = area.left() + (area.width() - stackWidth) / 2.0;
  double y = area.top() + line * 2 + 4;
  // Top to bottom: classifier, layers kLayers..1, embeddings.
  for (int part = kParts - 1; part >= 0; --part) {
    const bool bar = part == 0 || part == kParts - 1;
    const int rows = bar ? 1 : kCellRows;
    const QRectF box(left - 3, y - 3, stackWidth + 6, rows * cell + 6);
    painter.setPen(QPen(frame, 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(box, 3, 3);
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < kCellCols; ++c) {
        const QRectF cr(left + c * cell + 0.5, y + r * cell + 0.5, cell - 1, cell - 1);
        const bool isOn = updated(panel, part, r, c);
        const bool always = panel == Panel::ChildTuningD && bar;
        painter.fillRect(cr, isOn ? (always ? fixedOn : on) : muted);
      }
    }
    y += rows * cell + 8;
  }

  painter.setPen(text);
  painter.drawText(QRectF(area.left(), y, area.width(), line * 2 + 6),
                   Qt::AlignHCenter | Qt::AlignTop, caption);
}

void ChildTuningDiagram::paintEvent(QPaintEvent* /*event*/) {
  QPainter painter(this);
  const QPalette& pal = palette();
  const int line = fontMetrics().height();
  const double panelWidth = width() / 3.0;
  const double stackTop = line * 2 + 4;
  const double cell = std::clamp((panelWidth - 16.0) / kCellCols, 5.0, 11.0);

  // Labels for the stack, on the left margin of the first panel would crowd it; the legend
  // below names the parts instead.
  for (int i = 0; i < 3; ++i) {
    paintPanel(painter, QRectF(i * panelWidth, 0, panelWidth, height()), static_cast<Panel>(i));
  }
  const double stackHeight = kLayers * (kCellRows * cell + 8) + 2 * (cell + 8);
  const double legendY = stackTop + stackHeight + line * 2 + 10;
  const QColor text = pal.color(QPalette::WindowText);
  painter.setPen(blend(pal.color(QPalette::Base), text, 0.75));
  painter.drawText(QRectF(0, legendY, width(), line + 4), Qt::AlignHCenter | Qt::AlignTop,
                   tr("bottom: embeddings · middle: layers · top: classifier"));
  const QColor on = pal.color(QPalette::Highlight);
  const QColor fixedOn = isDark(pal) ? QColor(0x8c, 0xc6, 0x7a) : QColor(0x3b, 0x8c, 0x3e);
  const QColor muted = blend(pal.color(QPalette::Base), text, 0.12);
  const std::array<std::pair<QColor, QString>, 3> items = {std::pair{on, tr("updated")},
                                                           std::pair{fixedOn, tr("always updated")},
                                                           std::pair{muted, tr("frozen")}};
  double total = 0.0;
  for (const auto& [color, label] : items) {
    total += 14 + fontMetrics().horizontalAdvance(label) + 16;
  }
  double x = (width() - total) / 2.0;
  const double y = legendY + line + 4;
  for (const auto& [color, label] : items) {
    painter.fillRect(QRectF(x, y + (line - 10) / 2.0, 10, 10), color);
    painter.setPen(text);
    const double w = fontMetrics().horizontalAdvance(label);
    painter.drawText(QRectF(x + 14, y, w + 2, line), Qt::AlignLeft | Qt::AlignVCenter, label);
    x += 14 + w + 16;
  }
}

}  // namespace childtune::widgets
