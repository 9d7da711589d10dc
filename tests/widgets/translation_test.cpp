// Translations: the German and Simplified Chinese catalogues compiled in under :/i18n load and
// translate known strings (plural forms included), and the "ui/language" setting (and the
// Language menu that writes it) selects which one installTranslators() loads.

#include <gtest/gtest.h>
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QList>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>
#include <QWidget>
#include <memory>

#include "app_setup.h"
#include "gui_test_support.h"
#include "language_settings.h"

namespace childtune::app {
namespace {

constexpr char kMainWindow[] = "childtune::app::MainWindow";
constexpr char kTokenizerPage[] = "childtune::app::TokenizerPage";

QString translated(const char* context, const char* source, int n = -1) {
  return QCoreApplication::translate(context, source, nullptr, n);
}

// Removes exactly the translators installed while it lived (the test main installs English).
class TranslatorGuard {
 public:
  TranslatorGuard() : before_(qApp->findChildren<QTranslator*>()) {}
  ~TranslatorGuard() {
    for (QTranslator* translator : qApp->findChildren<QTranslator*>()) {
      if (!before_.contains(translator)) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
      }
    }
  }
  TranslatorGuard(const TranslatorGuard&) = delete;
  TranslatorGuard& operator=(const TranslatorGuard&) = delete;

 private:
  QList<QTranslator*> before_;
};

class TranslationTest : public ::testing::Test {
 protected:
  void SetUp() override { QSettings().clear(); }
  void TearDown() override { QSettings().clear(); }
};

TEST_F(TranslationTest, CataloguesAreCompiledIntoResources) {
  initResources();
  for (const char* name :
       {":/i18n/childtune_de.qm", ":/i18n/childtune_zh_CN.qm", ":/i18n/childtune_en.qm"}) {
    EXPECT_TRUE(QFile::exists(QString::fromLatin1(name))) << name;
  }
}

TEST_F(TranslationTest, GermanTranslatesTheMainWindowMenus) {
  ASSERT_EQ(translated(kMainWindow, "&File"), QStringLiteral("&File"));
  const test::ScopedTranslators german(QLocale(QLocale::German, QLocale::Germany));
  EXPECT_EQ(translated(kMainWindow, "&File"), QStringLiteral("&Datei"));
  EXPECT_EQ(translated(kMainWindow, "Preferences"), QStringLiteral("Einstellungen"));
}

TEST_F(TranslationTest, SimplifiedChineseTranslatesTheMainWindowMenus) {
  const test::ScopedTranslators chinese(QLocale(QLocale::Chinese, QLocale::China));
  EXPECT_EQ(translated(kMainWindow, "&File"), QStringLiteral("文件(&F)"));
  EXPECT_EQ(translated(kMainWindow, "Preferences"), QStringLiteral("首选项"));
  EXPECT_EQ(translated("LanguageMenu", "&Language"), QStringLiteral("语言(&L)"));
}

TEST_F(TranslationTest, ChineseHasOnePluralFormThatKeepsTheCount) {
  const test::ScopedTranslators chinese(QLocale(QLocale::Chinese, QLocale::China));
  EXPECT_EQ(translated(kTokenizerPage, "%n token(s)", 1), QStringLiteral("1 个词元"));
  EXPECT_EQ(translated(kTokenizerPage, "%n token(s)", 6), QStringLiteral("6 个词元"));
}

TEST_F(TranslationTest, UnsetOrUnknownSettingMeansSystemLanguage) {
  EXPECT_EQ(languageSetting(), QStringLiteral("system"));
  QSettings().setValue(QLatin1String(kLanguageSettingsKey), QStringLiteral("klingon"));
  EXPECT_EQ(languageSetting(), QStringLiteral("system"));
  EXPECT_EQ(localeForLanguage(QStringLiteral("system")), QLocale::system());
  setLanguageSetting(QStringLiteral("xx"));
  EXPECT_EQ(QSettings().value(QLatin1String(kLanguageSettingsKey)).toString(),
            QStringLiteral("system"));
}

TEST_F(TranslationTest, SettingSelectsTheLanguageInstalled) {
  setLanguageSetting(QStringLiteral("zh_CN"));
  {
    const TranslatorGuard guard;
    EXPECT_TRUE(installTranslators(*qApp));
    EXPECT_EQ(translated(kMainWindow, "&File"), QStringLiteral("文件(&F)"));
  }
  EXPECT_EQ(translated(kMainWindow, "&File"), QStringLiteral("&File"));
  setLanguageSetting(QStringLiteral("de"));
  {
    const TranslatorGuard guard;
    EXPECT_TRUE(installTranslators(*qApp));
    EXPECT_EQ(translated(kMainWindow, "&File"), QStringLiteral("&Datei"));
  }
  setLanguageSetting(QStringLiteral("en"));
  {
    const TranslatorGuard guard;
    installTranslators(*qApp);
    EXPECT_EQ(translated(kMainWindow, "&File"), QStringLiteral("&File"));
    // The English catalogue still supplies the plural forms.
    EXPECT_EQ(translated(kTokenizerPage, "%n token(s)", 1), QStringLiteral("1 token"));
  }
}

TEST_F(TranslationTest, LanguageMenuStoresTheChoiceAndSaysItAppliesAfterRestart) {
  setLanguageSetting(QStringLiteral("de"));
  QWidget window;
  QMenu* menu = createLanguageMenu(&window);
  ASSERT_NE(menu, nullptr);
  EXPECT_EQ(menu->parent(), &window);
  const QList<QAction*> actions = menu->actions();
  ASSERT_EQ(actions.size(), availableLanguages().size());
  QStringList codes;
  for (QAction* action : actions) {
    codes << action->data().toString();
    EXPECT_TRUE(action->isCheckable());
    EXPECT_EQ(action->isChecked(), action->data().toString() == QStringLiteral("de"));
  }
  EXPECT_EQ(codes, (QStringList{QStringLiteral("system"), QStringLiteral("en"),
                                QStringLiteral("de"), QStringLiteral("zh_CN")}));

  actions.at(3)->trigger();
  EXPECT_EQ(languageSetting(), QStringLiteral("zh_CN"));
  EXPECT_TRUE(actions.at(3)->isChecked());
  EXPECT_FALSE(actions.at(2)->isChecked());
  auto* notice = window.findChild<QMessageBox*>(QStringLiteral("languageRestartNotice"));
  ASSERT_NE(notice, nullptr);
  EXPECT_TRUE(notice->text().contains(QStringLiteral("restart")));
  notice->close();
  QApplication::processEvents();

  actions.at(0)->trigger();
  EXPECT_EQ(languageSetting(), QStringLiteral("system"));
}

}  // namespace
}  // namespace childtune::app
