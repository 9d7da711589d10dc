// The main window end to end on real (tiny) model folders: --model, the catalog, the Model and
// Tokenizer views against Hugging Face's ids, errors in the message area, settings, menus.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTest>
#include <QTimer>
#include <QTranslator>

#include "app_setup.h"
#include "childtune/build_info.h"
#include "childtune/widgets/message_banner.h"
#include "childtune/widgets/model_catalog_model.h"
#include "childtune/widgets/model_details_widget.h"
#include "childtune/widgets/model_picker_widget.h"
#include "gui_test_support.h"
#include "language_settings.h"
#include "main_window.h"
#include "startup_options.h"
#include "support/test_env.h"
#include "tokenizer_page.h"

namespace childtune::app {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using widgets::ModelDetailsWidget;

QString qs(const fs::path& path) { return QString::fromStdString(path.string()); }

class MainWindowTest : public ::testing::Test {
 protected:
  void SetUp() override { QSettings().clear(); }
  void TearDown() override { QSettings().clear(); }

  StartupOptions options(const fs::path& model = {}, bool useSettings = false) const {
    StartupOptions o;
    o.modelDir = model.empty() ? QString() : qs(model);
    o.useSettings = useSettings;
    return o;
  }
  fs::path homeModels() const { return tmp_ / "home" / "models"; }

  test::TempDir tmp_;
  test::ScopedEnv home_{"CHILDTUNE_HOME", (tmp_ / "home").string()};
  test::ScopedEnv hub_{"HF_HUB_CACHE", (tmp_ / "hub").string()};
};

void expectTokenizerLoaded(const MainWindow& window) {
  ASSERT_NE(window.tokenizer(), nullptr)
      << "message area: " << window.messageBanner()->text().toStdString();
  EXPECT_TRUE(window.tokenizerPage()->hasTokenizer());
}

TEST_F(MainWindowTest, OpensTheModelGivenOnTheCommandLine) {
  const fs::path model = test::makeReferenceModel(tmp_ / "elsewhere", "tiny-bert");
  MainWindow window(options(model));
  EXPECT_EQ(window.currentModelDir(), qs(model));
  EXPECT_EQ(window.modelPicker()->currentPath(), qs(model));
  EXPECT_EQ(window.modelDetails()->page(), ModelDetailsWidget::Page::Details);
  EXPECT_EQ(window.modelDetails()->fieldValue("layers"), "2");
  EXPECT_EQ(window.modelDetails()->fieldValue("hiddenSize"), "32");
  EXPECT_EQ(window.statusModelText(), qs(model));
  EXPECT_THAT(window.windowTitle().toStdString(), HasSubstr("tiny-bert"));
  expectTokenizerLoaded(window);
  EXPECT_THAT(window.statusTokenizerText().toStdString(), HasSubstr("WordPiece"));
  EXPECT_FALSE(window.messageBanner()->isVisibleTo(&window));
  // Listed for this session only, as an added folder.
  const int row = window.catalogModel()->rowForPath(qs(model));
  ASSERT_GE(row, 0);
  EXPECT_EQ(window.catalogModel()->entryAt(row)->source, core::ModelSource::UserFolder);
  EXPECT_TRUE(window.userFolders().isEmpty());
}

TEST_F(MainWindowTest, OpensEachArchitecture) {
  for (const std::string name : {"tiny-bert", "tiny-roberta", "tiny-electra"}) {
    SCOPED_TRACE(name);
    const fs::path model = test::makeReferenceModel(tmp_.path(), name);
    MainWindow window(options(model));
    EXPECT_EQ(window.modelDetails()->page(), ModelDetailsWidget::Page::Details);
    EXPECT_EQ(window.modelDetails()->fieldValue("layers"), "2");
    expectTokenizerLoaded(window);
  }
  MainWindow roberta(options(tmp_ / "tiny-roberta"));
  EXPECT_EQ(roberta.modelDetails()->fieldValue("architecture"), "RoBERTa");
  EXPECT_THAT(roberta.statusTokenizerText().toStdString(), HasSubstr("BPE"));
}

// The Tokenizer view shows exactly the ids Hugging Face's tokenizer produced
// (tests/reference/models/*/expected.json), as chips and as text.
TEST_F(MainWindowTest, TokenizerViewShowsHuggingFaceIds) {
  for (const std::string name : {"tiny-bert", "tiny-roberta", "tiny-electra"}) {
    SCOPED_TRACE(name);
    const fs::path model = test::makeReferenceModel(tmp_.path(), name);
    MainWindow window(options(model));
    expectTokenizerLoaded(window);
    TokenizerPage* page = window.tokenizerPage();
    page->setTruncation(core::TruncationStrategy::DoNotTruncate);
    for (const test::ReferenceInput& input : test::referenceInputs(name)) {
      SCOPED_TRACE(input.text);
      page->setText(QString::fromStdString(input.text));
      page->setPairText(input.pair ? QString::fromStdString(*input.pair) : QString());
      page->encodeNow();
      EXPECT_TRUE(page->errorText().isEmpty()) << page->errorText().toStdString();
      EXPECT_EQ(page->encoding().ids, input.ids);
      EXPECT_EQ(page->encoding().typeIds, input.typeIds);
      const auto& chips = page->tokenView()->chips();
      ASSERT_EQ(chips.size(), static_cast<qsizetype>(input.ids.size()));
      for (qsizetype i = 0; i < chips.size(); ++i) {
        EXPECT_EQ(chips[i].id, input.ids[static_cast<size_t>(i)]);
        EXPECT_EQ(chips[i].text.toStdString(), page->encoding().tokens[static_cast<size_t>(i)]);
      }
      EXPECT_EQ(chips.front().kind, widgets::TokenKind::Special);
      EXPECT_EQ(chips.back().kind, widgets::TokenKind::Special);
      const bool anyPairChip = std::any_of(chips.begin(), chips.end(),
                                           [](const auto& chip) { return chip.segment == 1; });
      EXPECT_EQ(anyPairChip, input.pair.has_value());
      QStringList ids;
      for (const int64_t id : input.ids) {
        ids << QString::number(id);
      }
      EXPECT_EQ(page->idsText(), "[" + ids.join(", ") + "]");
      EXPECT_THAT(page->countsText().toStdString(),
                  HasSubstr(std::to_string(input.ids.size()) + " tokens"));
    }
  }
}

TEST_F(MainWindowTest, ReEncodesLiveAsYouType) {
  const fs::path model = test::makeReferenceModel(tmp_.path(), "tiny-bert");
  MainWindow window(options(model));
  expectTokenizerLoaded(window);
  TokenizerPage* page = window.tokenizerPage();
  page->setPairText(QString());
  page->setText(QString());
  page->encodeNow();
  EXPECT_EQ(page->tokenView()->chipCount(), 2);  // [CLS] [SEP]
  auto* text = page->findChild<QPlainTextEdit*>("tokenizerText");
  ASSERT_NE(text, nullptr);
  QTest::keyClicks(text, "yes, yes");
  // The view updates after a typing pause, without any explicit call.
  core::EncodeOptions encodeOptions;
  encodeOptions.maxLength = page->maxLength();
  const core::Encoding expected =
      window.tokenizer()->encode("yes, yes", std::nullopt, encodeOptions);
  ASSERT_GT(expected.ids.size(), 4u);
  EXPECT_TRUE(QTest::qWaitFor(
      [&] { return page->tokenView()->chipCount() == static_cast<int>(expected.ids.size()); },
      2000))
      << page->tokenView()->chipCount();
  EXPECT_EQ(page->encoding().ids, expected.ids);
  EXPECT_EQ(page->tokenView()->chips()[1].text.toStdString(), expected.tokens[1]);
}

TEST_F(MainWindowTest, MaxLengthTruncationAndSpecialTokens) {
  const fs::path model = test::makeReferenceModel(tmp_.path(), "tiny-bert");
  MainWindow window(options(model));
  expectTokenizerLoaded(window);
  TokenizerPage* page = window.tokenizerPage();
  page->setText("The committee approved the new budget after a long debate.");
  page->setPairText(QString());
  page->setTruncation(core::TruncationStrategy::LongestFirst);
  page->setMaxLength(6);
  page->encodeNow();
  EXPECT_EQ(page->encoding().ids.size(), 6u);
  EXPECT_EQ(page->tokenView()->chipCount(), 6);
  EXPECT_THAT(page->countsText().toStdString(), HasSubstr("truncated from 22"));
  auto* maxLength = page->findChild<QSpinBox*>("tokenizerMaxLength");
  ASSERT_NE(maxLength, nullptr);
  EXPECT_TRUE(maxLength->isEnabled());
  // tiny-bert has 64 positions: a longer max length is flagged.
  const auto* hint = page->findChild<QLabel*>("tokenizerMaxLengthHint");
  ASSERT_NE(hint, nullptr);
  const auto hintText = [hint] { return hint->text(); };
  EXPECT_THAT(hintText().toStdString(), HasSubstr("takes up to 64"));
  page->setMaxLength(100);
  EXPECT_THAT(hintText().toStdString(), HasSubstr("more than the 64 positions"));
  page->setMaxLength(6);
  page->setTruncation(core::TruncationStrategy::DoNotTruncate);
  page->encodeNow();
  EXPECT_FALSE(maxLength->isEnabled());
  EXPECT_EQ(page->encoding().ids.size(), 22u);

  page->setAddSpecialTokens(false);
  page->encodeNow();
  EXPECT_EQ(page->encoding().ids.size(), 20u);
  EXPECT_EQ(page->tokenView()->chips().front().kind, widgets::TokenKind::Text);
}

TEST_F(MainWindowTest, ShowsEncodingErrorsInThePage) {
  const fs::path model = test::makeReferenceModel(tmp_.path(), "tiny-bert");
  MainWindow window(options(model));
  expectTokenizerLoaded(window);
  TokenizerPage* page = window.tokenizerPage();
  auto* problem = page->findChild<widgets::MessageBanner*>("tokenizerProblem");
  ASSERT_NE(problem, nullptr);
  page->setText("A long enough sentence.");
  page->setPairText(QString());
  page->setMaxLength(4);  // too short, and the only segment that may lose tokens is missing
  page->setTruncation(core::TruncationStrategy::OnlySecond);
  page->encodeNow();
  EXPECT_FALSE(page->errorText().isEmpty());
  EXPECT_TRUE(problem->isVisibleTo(page));
  EXPECT_THAT(problem->text().toStdString(), HasSubstr(page->errorText().toStdString()));
  EXPECT_EQ(page->tokenView()->chipCount(), 0);
  EXPECT_FALSE(page->copyIdsButton()->isEnabled());

  page->setTruncation(core::TruncationStrategy::LongestFirst);
  page->setMaxLength(1);  // no room for [CLS] and [SEP]
  page->encodeNow();
  EXPECT_FALSE(page->errorText().isEmpty());

  page->setMaxLength(64);
  page->encodeNow();
  EXPECT_TRUE(page->errorText().isEmpty());
  EXPECT_FALSE(problem->isVisibleTo(page));
  EXPECT_GT(page->tokenView()->chipCount(), 2);
  // The window-wide message area stays free for other news.
  EXPECT_FALSE(window.messageBanner()->isVisibleTo(&window));
}

TEST_F(MainWindowTest, CopiesTheIdsToTheClipboard) {
  const fs::path model = test::makeReferenceModel(tmp_.path(), "tiny-bert");
  MainWindow window(options(model));
  expectTokenizerLoaded(window);
  TokenizerPage* page = window.tokenizerPage();
  page->setText("Yes.");
  page->setPairText(QString());
  page->encodeNow();
  ASSERT_TRUE(page->copyIdsButton()->isEnabled());
  QApplication::clipboard()->clear();
  QTest::mouseClick(page->copyIdsButton(), Qt::LeftButton);
  EXPECT_EQ(QApplication::clipboard()->text(), "[2, 59, 113, 17, 3]");
}

TEST_F(MainWindowTest, ShowsWhyAModelIsUnusable) {
  const fs::path model = tmp_ / "pickled";
  test::writeFile(model / "config.json",
                  test::readFile(test::referenceDir() / "models" / "tiny-bert" / "config.json"));
  test::writeFile(model / "vocab.txt", "[PAD]\n[UNK]\n");
  test::writeFile(model / "pytorch_model.bin", "pickle");
  MainWindow window(options(model));
  EXPECT_EQ(window.currentModelDir(), qs(model));
  EXPECT_EQ(window.modelDetails()->page(), ModelDetailsWidget::Page::Problem);
  EXPECT_THAT(window.modelDetails()->problemText().toStdString(), HasSubstr("pytorch_model.bin"));
  EXPECT_EQ(window.tokenizer(), nullptr);
  EXPECT_FALSE(window.tokenizerPage()->hasTokenizer());
  EXPECT_THAT(window.tokenizerPage()->tokenView()->accessibleDescription().toStdString(),
              HasSubstr("pytorch_model.bin"));
}

TEST_F(MainWindowTest, ReportsATokenizerThatFailsToLoadWithoutBlocking) {
  const fs::path model = test::makeReferenceModel(tmp_.path(), "tiny-bert");
  // Passes inspection (the model type is readable) but cannot be loaded: no vocabulary.
  test::writeFile(model / "tokenizer.json", R"({"model": {"type": "WordPiece"}})");
  fs::remove(model / "vocab.txt");
  MainWindow window(options(model));
  EXPECT_EQ(window.modelDetails()->page(), ModelDetailsWidget::Page::Details);
  EXPECT_EQ(window.tokenizer(), nullptr);
  EXPECT_TRUE(window.messageBanner()->isVisibleTo(&window));
  EXPECT_EQ(window.messageBanner()->level(), widgets::MessageBanner::Level::Error);
  EXPECT_THAT(window.messageBanner()->text().toStdString(), HasSubstr("tokenizer"));
  // Dismissable, and the app keeps working.
  window.messageBanner()->dismiss();
  EXPECT_FALSE(window.messageBanner()->isVisibleTo(&window));
}

TEST_F(MainWindowTest, ReportsAMissingModelFolder) {
  MainWindow window(options());
  EXPECT_FALSE(window.selectModel(qs(tmp_ / "no-such-model")));
  EXPECT_TRUE(window.messageBanner()->isVisibleTo(&window));
  EXPECT_THAT(window.messageBanner()->text().toStdString(), HasSubstr("no-such-model"));
}

TEST_F(MainWindowTest, StartsWithTheDefaultModelFromTheChildTuneHome) {
  test::makeReferenceModel(homeModels(), "tiny-bert", "a-first");
  const fs::path minilm = test::makeReferenceModel(homeModels(), "tiny-bert", "all-MiniLM-L6-v2");
  MainWindow window(options());
  EXPECT_EQ(window.catalogModel()->rowCount(), 2);
  EXPECT_EQ(window.currentModelDir(), qs(minilm));
}

TEST_F(MainWindowTest, OtherwiseStartsWithTheFirstUsableModel) {
  fs::create_directories(homeModels() / "a-broken");
  const fs::path good = test::makeReferenceModel(homeModels(), "tiny-bert", "b-good");
  MainWindow window(options());
  EXPECT_EQ(window.currentModelDir(), qs(good));
}

TEST_F(MainWindowTest, StartsEmptyWithoutModels) {
  MainWindow window(options());
  EXPECT_EQ(window.catalogModel()->rowCount(), 0);
  EXPECT_TRUE(window.modelPicker()->isShowingEmptyText());
  const auto* hint = window.modelPicker()->findChild<QLabel*>("modelListEmpty");
  ASSERT_NE(hint, nullptr);
  EXPECT_THAT(hint->text().toStdString(), HasSubstr(homeModels().string()));
  EXPECT_TRUE(window.currentModelDir().isEmpty());
  EXPECT_EQ(window.modelDetails()->page(), ModelDetailsWidget::Page::Empty);
  EXPECT_FALSE(window.tokenizerPage()->hasTokenizer());
}

TEST_F(MainWindowTest, RemembersTheLastModelTheGeometryAndTheInputs) {
  const fs::path first = test::makeReferenceModel(homeModels(), "tiny-bert", "a-first");
  const fs::path second = test::makeReferenceModel(homeModels(), "tiny-roberta", "b-second");
  {
    MainWindow window(options(second, true));
    window.resize(1000, 650);
    window.show();
    window.tokenizerPage()->setText("remember me");
    window.tokenizerPage()->setMaxLength(33);
    window.setCurrentView(MainWindow::View::Tokenizer);
    window.close();
  }
  MainWindow window(options({}, true));
  EXPECT_EQ(window.currentModelDir(), qs(second));
  EXPECT_NE(window.currentModelDir(), qs(first));
  EXPECT_EQ(window.size(), QSize(1000, 650));
  EXPECT_EQ(window.tokenizerPage()->text(), "remember me");
  EXPECT_EQ(window.tokenizerPage()->maxLength(), 33);
  EXPECT_EQ(window.currentView(), MainWindow::View::Tokenizer);
}

TEST_F(MainWindowTest, AddedFoldersArePersistedAndRemovable) {
  const fs::path collection = tmp_ / "collection";
  const fs::path a = test::makeReferenceModel(collection, "tiny-bert", "a-model");
  test::makeReferenceModel(collection, "tiny-electra", "b-model");
  {
    MainWindow window(options({}, true));
    window.addModelFolder(qs(collection));
    EXPECT_EQ(window.currentModelDir(), qs(a));
    EXPECT_EQ(window.userFolders(), QStringList{qs(collection)});
    EXPECT_EQ(window.catalogModel()->rowCount(), 2);
    window.close();
  }
  MainWindow window(options({}, true));
  EXPECT_EQ(window.userFolders(), QStringList{qs(collection)});
  ASSERT_EQ(window.catalogModel()->rowCount(), 2);
  EXPECT_EQ(window.currentModelDir(), qs(a));
  auto* remove = window.findChild<QAction*>("removeFolderAction");
  ASSERT_NE(remove, nullptr);
  EXPECT_TRUE(remove->isEnabled());
  remove->trigger();
  EXPECT_EQ(window.catalogModel()->rowCount(), 0);
  EXPECT_TRUE(window.userFolders().isEmpty());
  EXPECT_TRUE(window.currentModelDir().isEmpty());
  EXPECT_EQ(window.modelDetails()->page(), ModelDetailsWidget::Page::Empty);
}

TEST_F(MainWindowTest, RefreshKeepsTheSelectionAndShowsChanges) {
  const fs::path model = test::makeReferenceModel(homeModels(), "tiny-bert");
  MainWindow window(options(model));
  ASSERT_EQ(window.modelDetails()->page(), ModelDetailsWidget::Page::Details);
  window.refreshCatalog();
  EXPECT_EQ(window.currentModelDir(), qs(model));
  EXPECT_EQ(window.modelDetails()->page(), ModelDetailsWidget::Page::Details);
  // The weights disappear: after a refresh the same model shows why it is unusable.
  fs::remove(model / "model.safetensors");
  auto* refresh = window.findChild<QAction*>("refreshAction");
  ASSERT_NE(refresh, nullptr);
  refresh->trigger();
  EXPECT_EQ(window.currentModelDir(), qs(model));
  EXPECT_EQ(window.modelDetails()->page(), ModelDetailsWidget::Page::Problem);
  EXPECT_THAT(window.modelDetails()->problemText().toStdString(), HasSubstr("no weights"));
  EXPECT_EQ(window.tokenizer(), nullptr);
}

TEST_F(MainWindowTest, MenusToolbarAndViewSwitching) {
  MainWindow window(options());
  QStringList menus;
  for (QAction* action : window.menuBar()->actions()) {
    menus << action->text();
  }
  EXPECT_EQ(menus, (QStringList{"&File", "&View", "&Training", "&Language", "&Help"}));
  QStringList fileItems;
  for (QAction* action : window.menuBar()->actions().front()->menu()->actions()) {
    fileItems << action->text();
  }
  EXPECT_TRUE(fileItems.contains(QStringLiteral("Download &Model…")))
      << fileItems.join('|').toStdString();
  EXPECT_TRUE(fileItems.contains(QStringLiteral("Download &GLUE Data…")));
  ASSERT_NE(window.historyView(), nullptr);
  for (const char* name : {"addModelFolderAction", "refreshAction", "quitAction", "modelViewAction",
                           "tokenizerViewAction", "fullScreenAction", "aboutAction"}) {
    auto* action = window.findChild<QAction*>(name);
    ASSERT_NE(action, nullptr) << name;
    EXPECT_FALSE(action->text().isEmpty()) << name;
  }
  auto* tokenizerView = window.findChild<QAction*>("tokenizerViewAction");
  tokenizerView->trigger();
  EXPECT_EQ(window.currentView(), MainWindow::View::Tokenizer);
  window.setCurrentView(MainWindow::View::Model);
  EXPECT_TRUE(window.findChild<QAction*>("modelViewAction")->isChecked());
  EXPECT_FALSE(tokenizerView->isChecked());

  auto* fullScreen = window.findChild<QAction*>("fullScreenAction");
  EXPECT_TRUE(fullScreen->shortcuts().contains(QKeySequence(Qt::Key_F11)));
  window.show();
  fullScreen->trigger();
  EXPECT_TRUE(window.isFullScreen());
  fullScreen->trigger();
  EXPECT_FALSE(window.isFullScreen());
  EXPECT_FALSE(fullScreen->isChecked());

  EXPECT_THAT(window.aboutText().toStdString(), HasSubstr(childtune::kVersion));
  EXPECT_FALSE(window.windowIcon().isNull());
  EXPECT_FALSE(window.windowIcon().pixmap(32, 32).isNull());
}

TEST_F(MainWindowTest, PreferencesChooseTheLanguage) {
  MainWindow window(options());
  window.show();
  // The dialog is modal: pick German and accept it from inside its event loop.
  bool sawDialog = false;
  QTimer::singleShot(0, &window, [&sawDialog] {
    auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
    ASSERT_NE(dialog, nullptr);
    auto* language = dialog->findChild<QComboBox*>("preferencesLanguage");
    ASSERT_NE(language, nullptr);
    EXPECT_EQ(language->currentData().toString(), QStringLiteral("system"));
    const int german = language->findData(QStringLiteral("de"));
    ASSERT_GE(german, 0);
    language->setCurrentIndex(german);
    sawDialog = true;
    dialog->accept();
  });
  window.findChild<QAction*>("preferencesAction")->trigger();
  EXPECT_TRUE(sawDialog);
  EXPECT_EQ(languageSetting(), QStringLiteral("de"));
  EXPECT_TRUE(window.findChild<QAction*>("language_de")->isChecked());
  EXPECT_THAT(window.messageBanner()->text().toStdString(), HasSubstr("restarted"));
}

TEST_F(MainWindowTest, FitsASmallScreen) {
  const fs::path model = test::makeReferenceModel(tmp_.path(), "tiny-bert");
  MainWindow window(options(model));
  EXPECT_LE(window.minimumSizeHint().width(), 800);
  EXPECT_LE(window.minimumSizeHint().height(), 600);
  window.resize(800, 600);
  window.show();
  EXPECT_EQ(window.size(), QSize(800, 600));
}

TEST(StartupOptionsTest, ParsesModelAndScreenshotDir) {
  test::TempDir tmp;
  StartupOptions options;
  QString message;
  bool isError = true;
  ASSERT_TRUE(parseStartupOptions(
      {"childtune", "--model", qs(tmp.path()) + "/./", "--screenshot-dir", "shots"}, &options,
      &message, &isError))
      << message.toStdString();
  EXPECT_FALSE(isError);
  EXPECT_EQ(options.modelDir, qs(tmp.path()));
  EXPECT_TRUE(QFileInfo(options.screenshotDir).isAbsolute());
  EXPECT_TRUE(options.screenshotDir.endsWith("/shots"));
  EXPECT_FALSE(options.useSettings);  // screenshots neither read nor change the settings

  StartupOptions plain;
  ASSERT_TRUE(parseStartupOptions({"childtune"}, &plain, &message, &isError));
  EXPECT_TRUE(plain.useSettings);
  EXPECT_TRUE(plain.modelDir.isEmpty());
}

TEST(StartupOptionsTest, RejectsBadArguments) {
  StartupOptions options;
  QString message;
  bool isError = false;
  EXPECT_FALSE(parseStartupOptions({"childtune", "--model", "/no/such/folder"}, &options, &message,
                                   &isError));
  EXPECT_TRUE(isError);
  EXPECT_THAT(message.toStdString(), HasSubstr("/no/such/folder"));
  EXPECT_THAT(message.toStdString(), HasSubstr("--model"));

  EXPECT_FALSE(parseStartupOptions({"childtune", "--frobnicate"}, &options, &message, &isError));
  EXPECT_TRUE(isError);
  EXPECT_THAT(message.toStdString(), HasSubstr("frobnicate"));

  EXPECT_FALSE(parseStartupOptions({"childtune", "extra"}, &options, &message, &isError));
  EXPECT_TRUE(isError);
  EXPECT_THAT(message.toStdString(), HasSubstr("extra"));

  EXPECT_FALSE(parseStartupOptions({"childtune", "--version"}, &options, &message, &isError));
  EXPECT_FALSE(isError);
  EXPECT_THAT(message.toStdString(), HasSubstr(childtune::kVersion));

  EXPECT_FALSE(parseStartupOptions({"childtune", "--help"}, &options, &message, &isError));
  EXPECT_FALSE(isError);
  EXPECT_THAT(message.toStdString(), HasSubstr("--screenshot-dir"));
}

TEST(TranslationTest, GermanIsCompiledInAndComplete) {
  {
    const test::ScopedTranslators german(QLocale(QLocale::German, QLocale::Germany));
    EXPECT_EQ(QCoreApplication::translate("childtune::app::MainWindow", "&Quit"), "&Beenden");
    EXPECT_EQ(
        QCoreApplication::translate("childtune::app::TokenizerPage", "%n token(s)", nullptr, 1),
        "1 Token");
    MainWindow window(StartupOptions{QString(), QString(), false});
    QStringList menus;
    for (QAction* action : window.menuBar()->actions()) {
      menus << action->text();
    }
    EXPECT_EQ(menus, (QStringList{"&Datei", "&Ansicht", "&Training", "&Sprache", "&Hilfe"}));
  }
  // Back to English.
  EXPECT_EQ(QCoreApplication::translate("childtune::app::MainWindow", "&Quit"), "&Quit");
}

TEST(TranslationTest, EnglishPluralsComeFromTheEnglishCatalog) {
  EXPECT_EQ(QCoreApplication::translate("childtune::app::TokenizerPage", "%n token(s)", nullptr, 1),
            "1 token");
  EXPECT_EQ(QCoreApplication::translate("childtune::app::TokenizerPage", "%n token(s)", nullptr, 5),
            "5 tokens");
}

}  // namespace
}  // namespace childtune::app
