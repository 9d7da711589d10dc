// Token chips: segments, special and unknown tokens, layout, colours, tooltips, keyboard.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <QApplication>
#include <QImage>
#include <QKeyEvent>
#include <QPalette>
#include <QSignalSpy>
#include <QTest>

#include "childtune/widgets/token_view_widget.h"

namespace childtune::widgets {
namespace {

using ::testing::HasSubstr;

// "[CLS] hello world [SEP] again [SEP]" with BERT's type ids; 100 is [UNK].
core::Encoding bertPair() {
  core::Encoding e;
  e.ids = {101, 7592, 100, 102, 2153, 102};
  e.typeIds = {0, 0, 0, 0, 1, 1};
  e.attentionMask = {1, 1, 1, 1, 1, 1};
  e.tokens = {"[CLS]", "hello", "[UNK]", "[SEP]", "again", "[SEP]"};
  return e;
}

SpecialTokenIds bertSpecials() {
  SpecialTokenIds ids;
  ids.special = {0, 101, 102, 103};
  ids.unknown = 100;
  return ids;
}

// "<s> hi </s></s> there </s>": RoBERTa gives every token type id 0.
core::Encoding robertaPair() {
  core::Encoding e;
  e.ids = {0, 20760, 2, 2, 89, 2};
  e.typeIds = {0, 0, 0, 0, 0, 0};
  e.attentionMask = {1, 1, 1, 1, 1, 1};
  e.tokens = {"<s>", "Ġhi", "</s>", "</s>", "Ġthere", "</s>"};
  return e;
}

std::vector<int> segments(const QVector<TokenChip>& chips) {
  std::vector<int> out;
  for (const TokenChip& chip : chips) {
    out.push_back(chip.segment);
  }
  return out;
}

std::vector<TokenKind> kinds(const QVector<TokenChip>& chips) {
  std::vector<TokenKind> out;
  for (const TokenChip& chip : chips) {
    out.push_back(chip.kind);
  }
  return out;
}

QPalette darkPalette() {
  QPalette p;
  p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
  p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
  p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
  p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
  p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
  return p;
}

TEST(MakeTokenChipsTest, TakesSegmentsFromBertTypeIds) {
  const QVector<TokenChip> chips = makeTokenChips(bertPair(), bertSpecials(), true);
  ASSERT_EQ(chips.size(), 6);
  EXPECT_EQ(segments(chips), (std::vector<int>{0, 0, 0, 0, 1, 1}));
  EXPECT_EQ(kinds(chips),
            (std::vector<TokenKind>{TokenKind::Special, TokenKind::Text, TokenKind::Unknown,
                                    TokenKind::Special, TokenKind::Text, TokenKind::Special}));
  EXPECT_EQ(chips[1].text, "hello");
  EXPECT_EQ(chips[1].id, 7592);
  EXPECT_EQ(chips[4].typeId, 1);
}

TEST(MakeTokenChipsTest, DerivesRobertaSegmentsFromTheSeparators) {
  SpecialTokenIds ids;
  ids.special = {0, 1, 2};
  ids.unknown = 3;
  const QVector<TokenChip> chips = makeTokenChips(robertaPair(), ids, true);
  // The separator run after the first text still belongs to it, as in BERT.
  EXPECT_EQ(segments(chips), (std::vector<int>{0, 0, 0, 0, 1, 1}));
  EXPECT_EQ(chips[4].typeId, 0);
  // Without a pair everything is segment A.
  EXPECT_EQ(segments(makeTokenChips(robertaPair(), ids, false)), (std::vector<int>(6, 0)));
}

TEST(MakeTokenChipsTest, FallsBackToIdsWhenTokensAreMissing) {
  core::Encoding e;
  e.ids = {5, 6};
  e.typeIds = {0, 0};
  const QVector<TokenChip> chips = makeTokenChips(e, {}, false);
  ASSERT_EQ(chips.size(), 2);
  EXPECT_EQ(chips[1].text, "6");
  EXPECT_EQ(chips[1].kind, TokenKind::Text);
}

class TokenViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    view_.resize(600, 200);
    view_.setChips(makeTokenChips(bertPair(), bertSpecials(), true));
  }
  TokenViewWidget view_;
};

TEST_F(TokenViewTest, HasOneChipPerToken) {
  EXPECT_EQ(view_.chipCount(), 6);
  EXPECT_EQ(view_.chips()[2].text, "[UNK]");
  view_.clear();
  EXPECT_EQ(view_.chipCount(), 0);
  EXPECT_TRUE(view_.chipRect(0).isNull());
}

TEST_F(TokenViewTest, ChipsDoNotOverlapAndFitTheWidth) {
  for (int i = 0; i < view_.chipCount(); ++i) {
    const QRect rect = view_.chipRect(i);
    EXPECT_FALSE(rect.isEmpty()) << i;
    EXPECT_LE(rect.right(), view_.width()) << i;
    EXPECT_GE(rect.left(), 0) << i;
    for (int j = i + 1; j < view_.chipCount(); ++j) {
      EXPECT_FALSE(rect.intersects(view_.chipRect(j))) << i << " and " << j;
    }
    // Wide enough for the text: nothing is elided at this width.
    EXPECT_GE(rect.width(), view_.fontMetrics().horizontalAdvance(view_.chips()[i].text)) << i;
  }
  EXPECT_EQ(view_.chipAt(view_.chipRect(3).center()), 3);
  EXPECT_EQ(view_.chipAt(QPoint(-5, -5)), -1);
}

TEST_F(TokenViewTest, WrapsIntoLinesWhenNarrow) {
  QVector<TokenChip> many;
  for (int i = 0; i < 60; ++i) {
    many.push_back({QStringLiteral("token%1").arg(i), i, 0, 0, TokenKind::Text});
  }
  view_.setChips(many);
  view_.resize(300, 100);
  int lines = 1;
  for (int i = 1; i < view_.chipCount(); ++i) {
    if (view_.chipRect(i).top() > view_.chipRect(i - 1).top()) {
      ++lines;
      EXPECT_LT(view_.chipRect(i).left(), view_.chipRect(i - 1).left());
    }
    EXPECT_LE(view_.chipRect(i).right(), 300);
  }
  EXPECT_GT(lines, 3);
  EXPECT_GT(view_.heightForWidth(300), view_.heightForWidth(3000));
  EXPECT_EQ(view_.heightForWidth(300), view_.chipRect(59).bottom() + 1 + 6);
  EXPECT_TRUE(view_.hasHeightForWidth());
  EXPECT_TRUE(view_.sizePolicy().hasHeightForWidth());
}

TEST_F(TokenViewTest, ElidesATokenWiderThanTheView) {
  view_.setChips({{QString(300, QLatin1Char('x')), 1, 0, 0, TokenKind::Text}});
  view_.resize(200, 100);
  EXPECT_LE(view_.chipRect(0).right(), 200);
}

TEST_F(TokenViewTest, ColoursSegmentsSpecialAndUnknownDifferently) {
  const QColor segmentA = view_.chipColors(1).background;
  const QColor unknown = view_.chipColors(2).background;
  const QColor special = view_.chipColors(3).background;
  const QColor segmentB = view_.chipColors(4).background;
  EXPECT_NE(segmentA, segmentB);
  EXPECT_NE(special, segmentA);
  EXPECT_NE(special, segmentB);
  EXPECT_NE(unknown, segmentA);
  EXPECT_NE(unknown, segmentB);
  EXPECT_NE(unknown, special);
  EXPECT_EQ(view_.chipColors(0).background, special);  // [CLS] and [SEP] alike
  EXPECT_EQ(view_.chipColors(5).background, special);
  EXPECT_EQ(view_.chipColors(1).text, view_.palette().color(QPalette::Text));
}

TEST_F(TokenViewTest, PaintsTheChipColours) {
  const QImage image = view_.grab().toImage();
  for (const int i : {1, 4}) {
    const QRect rect = view_.chipRect(i);
    // Inside the rounded border, left of the centred text.
    const QPoint inside(rect.left() + 3, rect.center().y());
    const qreal dpr = image.devicePixelRatio();
    const QColor painted =
        image.pixelColor(QPoint(qRound(inside.x() * dpr), qRound(inside.y() * dpr)));
    const QColor expected = view_.chipColors(i).background;
    EXPECT_NEAR(painted.red(), expected.red(), 3) << i;
    EXPECT_NEAR(painted.green(), expected.green(), 3) << i;
    EXPECT_NEAR(painted.blue(), expected.blue(), 3) << i;
  }
}

TEST_F(TokenViewTest, FollowsADarkPalette) {
  const QColor lightA = view_.chipColors(1).background;
  view_.setPalette(darkPalette());
  const QColor darkA = view_.chipColors(1).background;
  EXPECT_NE(lightA, darkA);
  EXPECT_LT(darkA.lightness(), 128);
  EXPECT_EQ(view_.chipColors(1).text, QColor(0xee, 0xee, 0xee));
  EXPECT_NE(view_.chipColors(1).background, view_.chipColors(4).background);
}

TEST_F(TokenViewTest, ToolTipShowsIdTypeIdAndKind) {
  const std::string text = view_.chipToolTip(4).toStdString();
  EXPECT_THAT(text, HasSubstr("again"));
  EXPECT_THAT(text, HasSubstr("id 2153"));
  EXPECT_THAT(text, HasSubstr("type id 1"));
  EXPECT_THAT(text, HasSubstr("segment B"));
  EXPECT_THAT(view_.chipToolTip(2).toStdString(), HasSubstr("unknown"));
  EXPECT_THAT(view_.chipToolTip(0).toStdString(), HasSubstr("special"));
  EXPECT_TRUE(view_.chipToolTip(99).isEmpty());
}

TEST_F(TokenViewTest, ArrowKeysMoveTheCurrentChip) {
  QSignalSpy changed(&view_, &TokenViewWidget::currentChipChanged);
  EXPECT_EQ(view_.currentChip(), -1);
  QTest::keyClick(&view_, Qt::Key_Right);
  EXPECT_EQ(view_.currentChip(), 0);
  QTest::keyClick(&view_, Qt::Key_End);
  EXPECT_EQ(view_.currentChip(), 5);
  QTest::keyClick(&view_, Qt::Key_Right);  // stays at the end
  EXPECT_EQ(view_.currentChip(), 5);
  QTest::keyClick(&view_, Qt::Key_Left);
  EXPECT_EQ(view_.currentChip(), 4);
  QTest::keyClick(&view_, Qt::Key_Home);
  EXPECT_EQ(view_.currentChip(), 0);
  EXPECT_EQ(changed.count(), 4);
  EXPECT_THAT(view_.accessibleDescription().toStdString(), HasSubstr("[CLS]"));
  QTest::mouseClick(&view_, Qt::LeftButton, {}, view_.chipRect(2).center());
  EXPECT_EQ(view_.currentChip(), 2);
}

TEST_F(TokenViewTest, DescribesTheTokensForAccessibility) {
  EXPECT_FALSE(view_.accessibleName().isEmpty());
  EXPECT_THAT(view_.accessibleDescription().toStdString(), HasSubstr("hello [UNK] [SEP]"));
  view_.setPlaceholderText("Nothing yet");
  view_.clear();
  EXPECT_EQ(view_.accessibleDescription(), "Nothing yet");
}

TEST(TokenLegendTest, ShowsFourChips) {
  TokenLegendWidget legend;
  EXPECT_GT(legend.sizeHint().width(), 4 * legend.fontMetrics().horizontalAdvance("Pair"));
  EXPECT_GT(legend.sizeHint().height(), legend.fontMetrics().height());
  EXPECT_THAT(legend.accessibleDescription().toStdString(), HasSubstr("Unknown"));
  legend.resize(legend.sizeHint());
  EXPECT_FALSE(legend.grab().isNull());
}

TEST(TokenChipColorsTest, KeepTextReadableOnBothPalettes) {
  for (const QPalette& palette : {QApplication::palette(), darkPalette()}) {
    for (const TokenKind kind : {TokenKind::Text, TokenKind::Special, TokenKind::Unknown}) {
      for (const int segment : {0, 1}) {
        const ChipColors colors = tokenChipColors(kind, segment, palette);
        // Enough lightness difference between text and chip for legible text.
        EXPECT_GT(std::abs(colors.text.lightness() - colors.background.lightness()), 90)
            << static_cast<int>(kind) << " " << segment;
      }
    }
  }
}

}  // namespace
}  // namespace childtune::widgets
