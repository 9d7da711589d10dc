#pragma once
// Shows an encoding as coloured chips that wrap like text: segment A and segment B in two
// colours, special tokens ([CLS], <s>, ...) neutral and bold, unknown tokens red with a dashed
// border. Hovering a chip shows its id, type id and segment; the arrow keys move a focus chip.

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QRect>
#include <QString>
#include <QVector>
#include <QWidget>
#include <optional>
#include <set>

#include "childtune/tokenizer.h"

namespace childtune::widgets {

enum class TokenKind { Text, Special, Unknown };

struct TokenChip {
  QString text;
  qint64 id = 0;
  qint64 typeId = 0;
  int segment = 0;  // 0: the text (A), 1: the pair (B)
  TokenKind kind = TokenKind::Text;
};

struct SpecialTokenIds {
  std::set<int64_t> special;       // [CLS], [SEP], [PAD], [MASK], <s>, </s>, ...
  std::optional<int64_t> unknown;  // [UNK] / <unk>
};

// Chips for an encoding. Segments come from the type ids when they distinguish the pair (BERT);
// otherwise (RoBERTa's type ids are all 0) from the structure: with a pair, the content after
// the first separator run that follows segment A's content is segment B.
QVector<TokenChip> makeTokenChips(const core::Encoding& encoding, const SpecialTokenIds& ids,
                                  bool hasPair);

// Chip colours for the palette; the token view and its legend share them.
struct ChipColors {
  QColor background;
  QColor border;
  QColor text;
};
ChipColors tokenChipColors(TokenKind kind, int segment, const QPalette& palette);

class TokenViewWidget : public QWidget {
  Q_OBJECT

 public:
  explicit TokenViewWidget(QWidget* parent = nullptr);

  void setChips(QVector<TokenChip> chips);
  void clear();
  const QVector<TokenChip>& chips() const { return chips_; }
  int chipCount() const { return static_cast<int>(chips_.size()); }

  // Geometry at the current width (widget coordinates); an empty rect when out of range.
  QRect chipRect(int index) const;
  int chipAt(const QPoint& pos) const;  // -1 when none
  ChipColors chipColors(int index) const;
  QString chipToolTip(int index) const;
  int currentChip() const { return current_; }
  void setCurrentChip(int index);
  // Text shown when there are no chips.
  void setPlaceholderText(const QString& text);

  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override;
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 Q_SIGNALS:
  void currentChipChanged(int index);

 protected:
  bool event(QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  QFont chipFont(TokenKind kind) const;
  // Lays the chips out for `width`; returns the rects and the total height.
  QVector<QRect> layoutChips(int width, int* height) const;
  void relayout() const;
  void updateAccessibleDescription();

  QVector<TokenChip> chips_;
  // Chip geometry for layoutWidth_, recomputed lazily when the width changes.
  mutable QVector<QRect> rects_;
  mutable int layoutWidth_ = -1;
  int hovered_ = -1;
  int current_ = -1;
  QString placeholder_;
};

// A one-line legend of the chip colours (segment A, segment B, special, unknown).
class TokenLegendWidget : public QWidget {
  Q_OBJECT

 public:
  explicit TokenLegendWidget(QWidget* parent = nullptr);
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override { return sizeHint(); }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  struct Item {
    QString label;
    TokenKind kind;
    int segment;
  };
  QVector<Item> items() const;
};

}  // namespace childtune::widgets
