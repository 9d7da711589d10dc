// The Learn view: its grids show exactly the real step-through's frames, Play / Pause / Step /
// Reset drive it, errors from the core are shown, and screenshots for people to look at.

#include <gtest/gtest.h>
#include <QApplication>
#include <QImage>
#include <QPalette>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include "childtune/error.h"
#include "childtune/step_through.h"
#include "childtune/widgets/child_tuning_diagram.h"
#include "childtune/widgets/learn_view.h"
#include "childtune/widgets/matrix_grid_widget.h"
#include "childtune/widgets/sparkline_widget.h"
#include "gui_test_support.h"

namespace childtune::widgets {
namespace {

core::StepThroughOptions optionsFor(core::Method method, double p = 0.3, uint64_t seed = 7) {
  core::StepThroughOptions o;
  o.method = method;
  o.p = p;
  o.seed = seed;
  return o;
}

void expectBlock(const MatrixGridWidget* grid, const core::MatrixBlock& expected) {
  ASSERT_NE(grid, nullptr);
  EXPECT_EQ(grid->block().rows, expected.rows) << grid->title().toStdString();
  EXPECT_EQ(grid->block().cols, expected.cols) << grid->title().toStdString();
  EXPECT_EQ(grid->block().values, expected.values) << grid->title().toStdString();
}

QPushButton* button(const LearnView& view, const QString& name) {
  for (auto* b : view.findChildren<QPushButton*>()) {
    if (b->accessibleName() == name) {
      return b;
    }
  }
  return nullptr;
}

TEST(LearnViewTest, StepShowsTheRealOptimizerFrame) {
  for (const auto method :
       {core::Method::Vanilla, core::Method::ChildTuningF, core::Method::ChildTuningD}) {
    SCOPED_TRACE(std::string(core::toString(method)));
    LearnView view;
    view.setOptions(optionsFor(method));
    EXPECT_EQ(view.options().method, method);
    EXPECT_EQ(view.options().seed, 7u);
    core::StepThrough reference(optionsFor(method));
    QSignalSpy shown(&view, &LearnView::frameShown);
    QVector<double> losses;
    for (int i = 0; i < 3; ++i) {
      button(view, QStringLiteral("Step"))->click();
      const core::StepFrame f = reference.step();
      losses.append(f.loss);
      ASSERT_TRUE(view.currentFrame().has_value());
      EXPECT_EQ(view.stepsTaken(), i + 1);
      expectBlock(view.gradientGrid(), f.gradient);
      expectBlock(view.maskGrid(), f.mask);
      expectBlock(view.maskedGradientGrid(), f.maskedGradient);
      expectBlock(view.updateGrid(), f.update);
      expectBlock(view.weightsGrid(), f.weightsAfter);
    }
    EXPECT_EQ(shown.count(), 3);
    EXPECT_EQ(view.lossSparkline()->values(), losses);
    EXPECT_TRUE(view.captionText().contains(method == core::Method::Vanilla ? "Fine-tuning"
                                            : method == core::Method::ChildTuningF
                                                ? "Child-Tuning_F"
                                                : "Child-Tuning_D"))
        << view.captionText().toStdString();
  }
}

TEST(LearnViewTest, ChildTuningDShowsFisherOnTheMaskAndFTitlesTheRescale) {
  LearnView view;
  view.setOptions(optionsFor(core::Method::ChildTuningD));
  ASSERT_NE(view.info(), nullptr);
  const auto& fisher = view.info()->fisher;
  ASSERT_FALSE(fisher.empty());
  view.stepOnce();
  const QString tip = view.maskGrid()->cellToolTip(2, 3);
  EXPECT_TRUE(tip.contains("Fisher score " + formatCellValue(fisher.at(2, 3))))
      << tip.toStdString();
  EXPECT_TRUE(view.captionText().contains("Fisher"));

  view.setOptions(optionsFor(core::Method::ChildTuningF, 0.25));
  EXPECT_EQ(view.stepsTaken(), 0);
  EXPECT_EQ(view.maskedGradientGrid()->title(), "Masked × 1/0.25");
  EXPECT_EQ(view.maskGrid()->title(), "Bernoulli mask");
  EXPECT_TRUE(view.info()->fisher.empty());
}

TEST(LearnViewTest, PlayAdvancesAndPauseStops) {
  LearnView view;
  view.setOptions(optionsFor(core::Method::ChildTuningF));
  QSignalSpy playing(&view, &LearnView::playingChanged);
  button(view, QStringLiteral("Play"))->click();
  EXPECT_TRUE(view.isPlaying());
  EXPECT_FALSE(button(view, QStringLiteral("Step"))->isEnabled());
  EXPECT_TRUE(button(view, QStringLiteral("Pause"))->isEnabled());
  QTRY_VERIFY_WITH_TIMEOUT(view.stepsTaken() >= 3, 5000);
  button(view, QStringLiteral("Pause"))->click();
  EXPECT_FALSE(view.isPlaying());
  const qint64 stopped = view.stepsTaken();
  QTest::qWait(3 * view.playIntervalMs());
  EXPECT_EQ(view.stepsTaken(), stopped);
  EXPECT_EQ(playing.count(), 2);
  EXPECT_EQ(view.lossSparkline()->values().size(), stopped);
}

TEST(LearnViewTest, ResetReturnsToStepZeroAndReplaysTheSameRun) {
  LearnView view;
  view.setOptions(optionsFor(core::Method::ChildTuningD));
  const core::MatrixBlock initial = view.info()->initialWeights;
  expectBlock(view.weightsGrid(), initial);
  view.stepOnce();
  const core::StepFrame first = *view.currentFrame();
  view.stepOnce();
  view.stepOnce();
  view.play();
  button(view, QStringLiteral("Reset"))->click();
  EXPECT_FALSE(view.isPlaying());
  EXPECT_EQ(view.stepsTaken(), 0);
  EXPECT_FALSE(view.currentFrame().has_value());
  expectBlock(view.weightsGrid(), initial);
  EXPECT_TRUE(view.gradientGrid()->block().empty());
  EXPECT_TRUE(view.updateGrid()->block().empty());
  EXPECT_TRUE(view.lossSparkline()->values().isEmpty());
  EXPECT_TRUE(view.captionText().contains("Step 0"));
  view.stepOnce();
  EXPECT_EQ(view.currentFrame()->loss, first.loss);
  EXPECT_EQ(view.currentFrame()->update.values, first.update.values);
}

TEST(LearnViewTest, VanillaDisablesP) {
  LearnView view;
  view.setOptions(optionsFor(core::Method::Vanilla));
  bool pEnabled = true;
  for (auto* child : view.findChildren<QWidget*>()) {
    if (child->accessibleName() == "Reserve fraction p") {
      pEnabled = child->isEnabled();
    }
  }
  EXPECT_FALSE(pEnabled);
  EXPECT_EQ(view.maskGrid()->title(), "Mask (all kept)");
}

TEST(LearnViewTest, CoreErrorsAreShownAndDisableStepping) {
  LearnView failing(nullptr,
                    [](const core::StepThroughOptions&) -> std::unique_ptr<core::StepSource> {
                      throw Error(ErrorCode::Config, "step-through: p must be in (0, 1], got 0");
                    });
  EXPECT_EQ(failing.info(), nullptr);
  EXPECT_TRUE(failing.errorText().contains("p must be in")) << failing.errorText().toStdString();
  EXPECT_FALSE(button(failing, QStringLiteral("Step"))->isEnabled());
  EXPECT_FALSE(button(failing, QStringLiteral("Play"))->isEnabled());
  failing.stepOnce();  // no source: nothing happens, nothing crashes
  EXPECT_EQ(failing.stepsTaken(), 0);
}

TEST(MatrixGridWidgetTest, ColoursDivergeAroundZeroAndTooltipsShowValues) {
  MatrixGridWidget grid;
  grid.setTitle("Update");
  grid.resize(200, 220);
  core::MatrixBlock block;
  block.rows = 2;
  block.cols = 2;
  block.values = {-0.5f, 0.0f, 0.25f, 0.5f};
  grid.setBlock(block);
  EXPECT_DOUBLE_EQ(grid.colorRange(), 0.5);
  const QColor base = grid.palette().color(QPalette::Base);
  EXPECT_EQ(grid.cellColor(0, 1), base);
  const QColor negative = grid.cellColor(0, 0);
  const QColor positive = grid.cellColor(1, 1);
  EXPECT_GT(negative.blue(), negative.red());
  EXPECT_GT(positive.red(), positive.blue());
  // Half the range is half-way between the base colour and the full colour.
  EXPECT_GT(grid.cellColor(1, 0).lightness(), positive.lightness());
  EXPECT_TRUE(grid.cellToolTip(1, 0).contains("row 1, column 0"));
  EXPECT_TRUE(grid.cellToolTip(1, 0).contains("0.2500"));
  int row = -1;
  int col = -1;
  ASSERT_TRUE(grid.cellAt(grid.cellRect(1, 0).center(), &row, &col));
  EXPECT_EQ(row, 1);
  EXPECT_EQ(col, 0);
  EXPECT_FALSE(grid.cellAt(QPoint(0, 0), &row, &col));

  grid.setScaleKind(GridScale::Mask);
  block.values = {1.0f, 0.0f, 0.0f, 1.0f};
  grid.setBlock(block);
  EXPECT_EQ(grid.cellColor(0, 0), grid.palette().color(QPalette::Highlight));
  EXPECT_NE(grid.cellColor(0, 1), grid.palette().color(QPalette::Highlight));
  EXPECT_TRUE(grid.cellToolTip(0, 1).contains("dropped"));
  EXPECT_TRUE(grid.accessibleDescription().contains("2 of 4 kept"));
}

void saveScreenshot(QWidget& widget, const std::string& name) {
  const auto dir = test::screenshotDir();
  std::filesystem::create_directories(dir);
  const QString path = QString::fromStdString((dir / name).string());
  const QImage image = widget.grab().toImage();
  ASSERT_TRUE(image.save(path)) << path.toStdString();
  QSet<QRgb> colours;
  for (int y = 0; y < image.height(); y += 5) {
    for (int x = 0; x < image.width(); x += 5) {
      colours.insert(image.pixel(x, y));
    }
  }
  EXPECT_GT(colours.size(), 20) << name;
}

TEST(LearnViewTest, Screenshots) {
  LearnView view;
  view.resize(1440, 900);
  view.show();
  view.setOptions(optionsFor(core::Method::ChildTuningD, 0.3, 42));
  for (int i = 0; i < 40; ++i) {
    view.stepOnce();
  }
  QApplication::processEvents();
  saveScreenshot(view, "learn.png");

  view.setOptions(optionsFor(core::Method::ChildTuningF, 0.3, 42));
  for (int i = 0; i < 40; ++i) {
    view.stepOnce();
  }
  QApplication::processEvents();
  saveScreenshot(view, "learn-ct-f.png");
}

}  // namespace
}  // namespace childtune::widgets
