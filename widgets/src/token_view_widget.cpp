#include "childtune/widgets/token_view_widget.h"

#include <QEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QStyleOptionFocusRect>
#include <QToolTip>
#include <algorithm>

#include "childtune/widgets/palette_colors.h"

namespace childtune::widgets {

namespace {

constexpr int kMargin = 6;    // around the chip area, px
constexpr int kPadX = 7;      // text to chip edge, horizontally
constexpr int kPadY = 3;      // and vertically
constexpr int kSpacingX = 4;  // between chips on a line
constexpr int kSpacingY = 5;  // between lines
constexpr int kMinChipWidth = 20;
constexpr qreal kRadius = 5.0;

QColor accentA(const QPalette& palette) {
  QColor highlight = palette.color(QPalette::Highlight);
  if (highlight.hsvHue() < 0 || highlight.hsvSaturation() < 60) {
    highlight = QColor(0x30, 0x8c, 0xc6);  // Fusion's highlight, for monochrome palettes
  }
  return highlight;
}

// Orange next to a blue highlight (the pair colour-blind readers tell apart best); blue when the
// system highlight is itself orange-ish.
QColor accentB(const QPalette& palette) {
  const int hueA = accentA(palette).hsvHue();
  const int hue = (hueA >= 0 && (std::abs(hueA - 30) < 50 || hueA > 340)) ? 210 : 30;
  return QColor::fromHsv(hue, 200, 235);
}

void paintChip(QPainter& painter, const QRect& rect, const QString& text, const ChipColors& colors,
               const QFont& font, bool dashed, qreal borderWidth) {
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  QPen pen(colors.border, borderWidth);
  if (dashed) {
    pen.setStyle(Qt::DashLine);
  }
  painter.setPen(pen);
  painter.setBrush(colors.background);
  const qreal inset = borderWidth / 2.0;
  painter.drawRoundedRect(QRectF(rect).adjusted(inset, inset, -inset, -inset), kRadius, kRadius);
  painter.setFont(font);
  painter.setPen(colors.text);
  const QRect textRect = rect.adjusted(kPadX, 0, -kPadX, 0);
  // elidedText() can cut a text whose advance equals the width by rounding, so only texts that
  // really do not fit are elided.
  const QFontMetrics metrics(font);
  const QString shown =
      metrics.horizontalAdvance(text) <= textRect.width()
          ? text
          : metrics.elidedText(text, Qt::ElideRight, std::max(textRect.width(), 0));
  painter.drawText(textRect, Qt::AlignCenter | Qt::TextSingleLine, shown);
  painter.restore();
}

QString segmentName(int segment) {
  return segment == 0 ? TokenViewWidget::tr("A") : TokenViewWidget::tr("B");
}

}  // namespace

QVector<TokenChip> makeTokenChips(const core::Encoding& encoding, const SpecialTokenIds& ids,
                                  bool hasPair) {
  const size_t count = encoding.ids.size();
  const bool typeIdsSplit = std::any_of(encoding.typeIds.begin(), encoding.typeIds.end(),
                                        [](int64_t typeId) { return typeId != 0; });
  QVector<TokenChip> chips;
  chips.reserve(static_cast<qsizetype>(count));
  // Structural segments for "<s> A </s></s> B </s>": the separator run after A's content still
  // belongs to A (as "[CLS] A [SEP]" all have type id 0 in BERT); B starts with the next content.
  bool seenContent = false;
  bool afterSeparator = false;
  bool inPair = false;
  for (size_t i = 0; i < count; ++i) {
    TokenChip chip;
    chip.id = encoding.ids[i];
    chip.typeId = i < encoding.typeIds.size() ? encoding.typeIds[i] : 0;
    chip.text = i < encoding.tokens.size() ? QString::fromStdString(encoding.tokens[i])
                                           : QString::number(chip.id);
    if (ids.unknown && chip.id == *ids.unknown) {
      chip.kind = TokenKind::Unknown;
    } else if (ids.special.count(chip.id) > 0) {
      chip.kind = TokenKind::Special;
    }
    if (typeIdsSplit) {
      chip.segment = chip.typeId > 0 ? 1 : 0;
    } else if (hasPair) {
      if (chip.kind == TokenKind::Special) {
        afterSeparator = afterSeparator || (seenContent && !inPair);
      } else {
        inPair = inPair || afterSeparator;
        seenContent = true;
      }
      chip.segment = inPair ? 1 : 0;
    }
    chips.push_back(std::move(chip));
  }
  return chips;
}

ChipColors tokenChipColors(TokenKind kind, int segment, const QPalette& palette) {
  const QColor base = palette.color(QPalette::Base);
  const QColor text = palette.color(QPalette::Text);
  const bool dark = isDark(palette);
  ChipColors colors;
  colors.text = text;
  switch (kind) {
    case TokenKind::Text: {
      const QColor accent = segment == 0 ? accentA(palette) : accentB(palette);
      colors.background = blend(base, accent, dark ? 0.38 : 0.22);
      colors.border = blend(base, accent, dark ? 0.85 : 0.7);
      break;
    }
    case TokenKind::Special:
      colors.background = blend(base, text, dark ? 0.22 : 0.12);
      colors.border = blend(base, text, 0.45);
      break;
    case TokenKind::Unknown: {
      const QColor red(0xd6, 0x27, 0x28);
      colors.background = blend(base, red, dark ? 0.45 : 0.25);
      colors.border = dark ? red.lighter(130) : red;
      break;
    }
  }
  return colors;
}

TokenViewWidget::TokenViewWidget(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("tokenView"));
  setAccessibleName(tr("Tokens"));
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setBackgroundRole(QPalette::Base);
  setAutoFillBackground(true);
  QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
  policy.setHeightForWidth(true);
  setSizePolicy(policy);
  placeholder_ = tr("No tokens");
  updateAccessibleDescription();
}

void TokenViewWidget::setChips(QVector<TokenChip> chips) {
  chips_ = std::move(chips);
  hovered_ = -1;
  if (current_ >= chipCount()) {
    current_ = chipCount() - 1;
  }
  relayout();
  updateGeometry();
  updateAccessibleDescription();
  update();
}

void TokenViewWidget::clear() { setChips({}); }

void TokenViewWidget::setPlaceholderText(const QString& text) {
  placeholder_ = text;
  update();
}

QFont TokenViewWidget::chipFont(TokenKind kind) const {
  QFont chip = font();
  if (kind == TokenKind::Special || kind == TokenKind::Unknown) {
    chip.setBold(true);
  }
  return chip;
}

QVector<QRect> TokenViewWidget::layoutChips(int width, int* height) const {
  QVector<QRect> rects;
  rects.reserve(chips_.size());
  const QFontMetrics plain(chipFont(TokenKind::Text));
  const QFontMetrics bold(chipFont(TokenKind::Special));
  const int chipHeight = std::max(plain.height(), bold.height()) + 2 * kPadY;
  const int right = std::max(width - kMargin, kMargin + kMinChipWidth);
  int x = kMargin;
  int y = kMargin;
  for (const TokenChip& chip : chips_) {
    const QFontMetrics& metrics = chip.kind == TokenKind::Text ? plain : bold;
    int chipWidth = std::max(metrics.horizontalAdvance(chip.text) + 2 * kPadX, kMinChipWidth);
    chipWidth = std::min(chipWidth, right - kMargin);  // a token wider than the view is elided
    if (x > kMargin && x + chipWidth > right) {
      x = kMargin;
      y += chipHeight + kSpacingY;
    }
    rects.push_back(QRect(x, y, chipWidth, chipHeight));
    x += chipWidth + kSpacingX;
  }
  if (height != nullptr) {
    *height = chips_.isEmpty() ? chipHeight + 2 * kMargin : y + chipHeight + kMargin;
  }
  return rects;
}

void TokenViewWidget::relayout() const {
  layoutWidth_ = width();
  rects_ = layoutChips(layoutWidth_, nullptr);
}

int TokenViewWidget::heightForWidth(int width) const {
  int height = 0;
  layoutChips(width, &height);
  return height;
}

QSize TokenViewWidget::sizeHint() const {
  const int width = std::max(this->width(), 300);
  return {width, heightForWidth(width)};
}

QSize TokenViewWidget::minimumSizeHint() const {
  const QFontMetrics metrics(chipFont(TokenKind::Special));
  return {kMinChipWidth + 2 * kMargin, metrics.height() + 2 * kPadY + 2 * kMargin};
}

QRect TokenViewWidget::chipRect(int index) const {
  if (layoutWidth_ != width()) {
    relayout();
  }
  if (index < 0 || index >= rects_.size()) {
    return {};
  }
  return rects_[index];
}

int TokenViewWidget::chipAt(const QPoint& pos) const {
  for (int i = 0; i < chipCount(); ++i) {
    if (chipRect(i).contains(pos)) {
      return i;
    }
  }
  return -1;
}

ChipColors TokenViewWidget::chipColors(int index) const {
  if (index < 0 || index >= chipCount()) {
    return {};
  }
  const TokenChip& chip = chips_[index];
  return tokenChipColors(chip.kind, chip.segment, palette());
}

QString TokenViewWidget::chipToolTip(int index) const {
  if (index < 0 || index >= chipCount()) {
    return {};
  }
  const TokenChip& chip = chips_[index];
  QString kind;
  switch (chip.kind) {
    case TokenKind::Text:
      kind = tr("segment %1").arg(segmentName(chip.segment));
      break;
    case TokenKind::Special:
      kind = tr("special token, segment %1").arg(segmentName(chip.segment));
      break;
    case TokenKind::Unknown:
      kind = tr("unknown token: the text is not in the vocabulary");
      break;
  }
  return tr("“%1” — position %2\nid %3 · type id %4\n%5")
      .arg(chip.text)
      .arg(index)
      .arg(chip.id)
      .arg(chip.typeId)
      .arg(kind);
}

void TokenViewWidget::setCurrentChip(int index) {
  const int clamped = chips_.isEmpty() ? -1 : std::clamp(index, 0, chipCount() - 1);
  if (clamped == current_) {
    return;
  }
  current_ = clamped;
  update();
  updateAccessibleDescription();
  Q_EMIT currentChipChanged(current_);
}

void TokenViewWidget::updateAccessibleDescription() {
  if (chips_.isEmpty()) {
    setAccessibleDescription(placeholder_);
    return;
  }
  QStringList texts;
  constexpr int kMaxListed = 64;
  for (int i = 0; i < std::min(chipCount(), kMaxListed); ++i) {
    texts << chips_[i].text;
  }
  QString description =
      tr("%n token(s): %1", nullptr, chipCount()).arg(texts.join(QLatin1Char(' ')));
  if (current_ >= 0) {
    description += QLatin1Char('\n') + chipToolTip(current_);
  }
  setAccessibleDescription(description);
}

bool TokenViewWidget::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const int index = chipAt(help->pos());
    if (index >= 0) {
      QToolTip::showText(help->globalPos(), chipToolTip(index), this, chipRect(index));
    } else {
      QToolTip::hideText();
      event->ignore();
    }
    return true;
  }
  return QWidget::event(event);
}

void TokenViewWidget::paintEvent(QPaintEvent* /*event*/) {
  if (layoutWidth_ != width()) {
    relayout();
  }
  QPainter painter(this);
  if (chips_.isEmpty()) {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin),
                     Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, placeholder_);
    return;
  }
  for (int i = 0; i < chipCount(); ++i) {
    const TokenChip& chip = chips_[i];
    const ChipColors colors = tokenChipColors(chip.kind, chip.segment, palette());
    const qreal borderWidth = (i == hovered_ || chip.kind == TokenKind::Unknown) ? 2.0 : 1.0;
    paintChip(painter, rects_[i], chip.text, colors, chipFont(chip.kind),
              chip.kind == TokenKind::Unknown, borderWidth);
  }
  if (hasFocus() && current_ >= 0 && current_ < rects_.size()) {
    QStyleOptionFocusRect option;
    option.initFrom(this);
    option.rect = rects_[current_].adjusted(-2, -2, 2, 2);
    option.backgroundColor = palette().color(QPalette::Base);
    style()->drawPrimitive(QStyle::PE_FrameFocusRect, &option, &painter, this);
  }
}

void TokenViewWidget::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  relayout();
}

void TokenViewWidget::mouseMoveEvent(QMouseEvent* event) {
  const int index = chipAt(event->position().toPoint());
  if (index != hovered_) {
    hovered_ = index;
    update();
  }
  QWidget::mouseMoveEvent(event);
}

void TokenViewWidget::mousePressEvent(QMouseEvent* event) {
  const int index = chipAt(event->position().toPoint());
  if (index >= 0) {
    setCurrentChip(index);
  }
  QWidget::mousePressEvent(event);
}

void TokenViewWidget::leaveEvent(QEvent* event) {
  if (hovered_ != -1) {
    hovered_ = -1;
    update();
  }
  QWidget::leaveEvent(event);
}

void TokenViewWidget::keyPressEvent(QKeyEvent* event) {
  if (chips_.isEmpty()) {
    QWidget::keyPressEvent(event);
    return;
  }
  switch (event->key()) {
    case Qt::Key_Right:
      setCurrentChip(current_ + 1);
      break;
    case Qt::Key_Left:
      setCurrentChip(current_ < 0 ? 0 : current_ - 1);
      break;
    case Qt::Key_Home:
      setCurrentChip(0);
      break;
    case Qt::Key_End:
      setCurrentChip(chipCount() - 1);
      break;
    default:
      QWidget::keyPressEvent(event);
      return;
  }
  if (current_ >= 0) {
    const QRect rect = chipRect(current_);
    QToolTip::showText(mapToGlobal(rect.bottomLeft()), chipToolTip(current_), this, rect);
  }
}

void TokenViewWidget::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::FontChange) {
    relayout();
    updateGeometry();
  }
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
    update();
  }
}

TokenLegendWidget::TokenLegendWidget(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("tokenLegend"));
  setAccessibleName(tr("Token colours"));
  QStringList labels;
  for (const Item& item : items()) {
    labels << item.label;
  }
  setAccessibleDescription(labels.join(QStringLiteral(", ")));
  setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

QVector<TokenLegendWidget::Item> TokenLegendWidget::items() const {
  return {{tr("Text"), TokenKind::Text, 0},
          {tr("Pair"), TokenKind::Text, 1},
          {tr("Special"), TokenKind::Special, 0},
          {tr("Unknown"), TokenKind::Unknown, 0}};
}

QSize TokenLegendWidget::sizeHint() const {
  QFont bold = font();
  bold.setBold(true);
  const QFontMetrics metrics(bold);
  int width = 0;
  for (const Item& item : items()) {
    width += metrics.horizontalAdvance(item.label) + 2 * kPadX + kSpacingX;
  }
  return {width, metrics.height() + 2 * kPadY};
}

void TokenLegendWidget::paintEvent(QPaintEvent* /*event*/) {
  QPainter painter(this);
  QFont bold = font();
  bold.setBold(true);
  int x = 0;
  for (const Item& item : items()) {
    const QFont& chipFont = item.kind == TokenKind::Text ? font() : bold;
    const int width = QFontMetrics(bold).horizontalAdvance(item.label) + 2 * kPadX;
    paintChip(painter, QRect(x, 0, width, height()), item.label,
              tokenChipColors(item.kind, item.segment, palette()), chipFont,
              item.kind == TokenKind::Unknown, item.kind == TokenKind::Unknown ? 2.0 : 1.0);
    x += width + kSpacingX;
  }
}

}  // namespace childtune::widgets
