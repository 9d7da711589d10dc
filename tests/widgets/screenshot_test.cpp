// Writes a PNG of each main view for the tiny reference models (light and dark palette) and, when
// CHILDTUNE_MODEL_DIR is set, for the real default model, into ${CMAKE_BINARY_DIR}/screenshots.
// The images are for people to look at (and for the docs); the test checks they were written
// completely and show the window.

#include <gtest/gtest.h>
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

#include "childtune/widgets/model_details_widget.h"
#include "childtune/widgets/token_view_widget.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "support/test_env.h"
#include "tokenizer_page.h"

namespace childtune::app {
namespace {

namespace fs = std::filesystem;

QString qs(const fs::path& path) { return QString::fromStdString(path.string()); }

void writeAndCheck(MainWindow& window, const fs::path& dir) {
  fs::remove_all(dir);
  window.resize(1280, 800);
  window.show();
  QString error;
  const QStringList files = window.writeScreenshots(qs(dir), &error);
  EXPECT_TRUE(error.isEmpty()) << error.toStdString();
  ASSERT_EQ(files.size(), 8);
  for (const char* name : {"model.png", "model-tensors.png", "tokenizer.png", "setup.png",
                           "training.png", "child-network.png", "learn.png", "history.png"}) {
    const QString path = QDir(qs(dir)).filePath(name);
    EXPECT_TRUE(files.contains(path)) << name;
    const QImage image(path);
    ASSERT_FALSE(image.isNull()) << name;
    EXPECT_EQ(image.size(), window.size() * window.devicePixelRatio()) << name;
    // Not a blank image: a real window has many colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
      for (int x = 0; x < image.width(); x += 7) {
        colours.insert(image.pixel(x, y));
      }
    }
    EXPECT_GT(colours.size(), 20) << name;
  }
  // The window is left as it was.
  EXPECT_EQ(window.currentView(), MainWindow::View::Model);
}

class ScreenshotTest : public ::testing::Test {
 protected:
  test::TempDir tmp_;
  test::ScopedEnv home_{"CHILDTUNE_HOME", (tmp_ / "home").string()};
  test::ScopedEnv hub_{"HF_HUB_CACHE", (tmp_ / "hub").string()};
};

TEST_F(ScreenshotTest, TinyModels) {
  for (const std::string name : {"tiny-bert", "tiny-roberta", "tiny-electra"}) {
    SCOPED_TRACE(name);
    const fs::path model = test::makeReferenceModel(tmp_ / "home" / "models", name);
    MainWindow window(StartupOptions{qs(model), QString(), false});
    ASSERT_NE(window.tokenizer(), nullptr);
    writeAndCheck(window, test::screenshotDir() / name);
  }
}

TEST_F(ScreenshotTest, DarkPalette) {
  const fs::path model = test::makeReferenceModel(tmp_ / "home" / "models", "tiny-bert");
  const QPalette original = QApplication::palette();
  // setStyle() deletes the old style, so only its name is kept.
  const QString originalStyle = QApplication::style()->name();
  QStyle* fusion = QStyleFactory::create("Fusion");
  ASSERT_NE(fusion, nullptr);
  QApplication::setStyle(fusion);  // the app takes ownership
  QPalette dark;
  dark.setColor(QPalette::Window, QColor(0x2d, 0x2d, 0x30));
  dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
  dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
  dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x28));
  dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
  dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x38));
  dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
  dark.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
  dark.setColor(QPalette::HighlightedText, QColor(0x10, 0x10, 0x10));
  dark.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
  dark.setColor(QPalette::ToolTipBase, QColor(0x35, 0x35, 0x38));
  dark.setColor(QPalette::ToolTipText, QColor(0xe8, 0xe8, 0xe8));
  QApplication::setPalette(dark);
  {
    MainWindow window(StartupOptions{qs(model), QString(), false});
    writeAndCheck(window, test::screenshotDir() / "tiny-bert-dark");
    const QImage image(qs(test::screenshotDir() / "tiny-bert-dark" / "model.png"));
    // Mostly dark: the window background is the dark palette's.
    const QColor corner = image.pixelColor(image.width() / 2, image.height() - 40);
    EXPECT_LT(corner.lightness(), 100);
  }
  QApplication::setPalette(original);
  QApplication::setStyle(QStyleFactory::create(originalStyle));
}

TEST_F(ScreenshotTest, UnusableModel) {
  const fs::path model = tmp_ / "home" / "models" / "pickled-bert";
  test::writeFile(model / "config.json",
                  test::readFile(test::referenceDir() / "models" / "tiny-bert" / "config.json"));
  test::writeFile(model / "vocab.txt", "[PAD]\n[UNK]\n");
  test::writeFile(model / "pytorch_model.bin", "pickle");
  test::makeReferenceModel(tmp_ / "home" / "models", "tiny-roberta");
  MainWindow window(StartupOptions{qs(model), QString(), false});
  EXPECT_EQ(window.modelDetails()->page(), widgets::ModelDetailsWidget::Page::Problem);
  writeAndCheck(window, test::screenshotDir() / "unusable");
}

TEST_F(ScreenshotTest, GermanInterface) {
  const test::ScopedTranslators german(QLocale(QLocale::German, QLocale::Germany));
  const fs::path model = test::makeReferenceModel(tmp_ / "home" / "models", "tiny-bert");
  MainWindow window(StartupOptions{qs(model), QString(), false});
  writeAndCheck(window, test::screenshotDir() / "tiny-bert-de");
}

TEST_F(ScreenshotTest, EmptyState) {
  MainWindow window(StartupOptions{QString(), QString(), false});
  writeAndCheck(window, test::screenshotDir() / "empty");
}

TEST_F(ScreenshotTest, RealDefaultModel) {
  CHILDTUNE_REQUIRE_ENV_DIR(modelDir, "CHILDTUNE_MODEL_DIR");
  MainWindow window(StartupOptions{qs(modelDir), QString(), false});
  ASSERT_NE(window.tokenizer(), nullptr);
  EXPECT_EQ(window.modelDetails()->fieldValue("layers"), "6");
  EXPECT_EQ(window.modelDetails()->fieldValue("hiddenSize"), "384");
  // The start-up example, encoded as transformers 4.38.2 does (AutoTokenizer on this folder).
  window.tokenizerPage()->encodeNow();
  EXPECT_EQ(window.tokenizerPage()->encoding().ids,
            (std::vector<int64_t>{101,   1996, 4248,  2829, 4419, 8974, 100,  1998, 14523,
                                  2058,  1996, 13971, 3899, 1012, 102,  2775, 1011, 17372,
                                  14409, 2069, 1037,  4942, 7159, 6198, 1012, 102}));
  const auto& chips = window.tokenizerPage()->tokenView()->chips();
  ASSERT_EQ(chips.size(), 26);
  EXPECT_EQ(chips[6].kind, widgets::TokenKind::Unknown);  // the cup of coffee
  EXPECT_EQ(chips[14].kind, widgets::TokenKind::Special);
  EXPECT_EQ(chips[15].segment, 1);
  writeAndCheck(window, test::screenshotDir() / "all-MiniLM-L6-v2");
}

}  // namespace
}  // namespace childtune::app
