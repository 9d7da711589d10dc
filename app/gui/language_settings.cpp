#include "language_settings.h"

#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QWidget>
#include <algorithm>

namespace childtune::app {

namespace {

bool isKnownLanguage(const QString& code) {
  const QList<LanguageOption> options = availableLanguages();
  return std::any_of(options.begin(), options.end(),
                     [&code](const LanguageOption& option) { return option.code == code; });
}

}  // namespace

QList<LanguageOption> availableLanguages() {
  // Language names stay in their own language so a user can find theirs in any interface
  // language; only "System default" is translated.
  return {
      {QString::fromLatin1(kSystemLanguage),
       QCoreApplication::translate("LanguageMenu", "System default")},
      {QStringLiteral("en"), QStringLiteral("English")},
      {QStringLiteral("de"), QStringLiteral("Deutsch")},
      {QStringLiteral("zh_CN"), QStringLiteral("简体中文")},
  };
}

QString languageSetting() {
  const QString code =
      QSettings()
          .value(QLatin1String(kLanguageSettingsKey), QLatin1String(kSystemLanguage))
          .toString();
  return isKnownLanguage(code) ? code : QString::fromLatin1(kSystemLanguage);
}

void setLanguageSetting(const QString& code) {
  QSettings().setValue(QLatin1String(kLanguageSettingsKey),
                       isKnownLanguage(code) ? code : QString::fromLatin1(kSystemLanguage));
}

QLocale localeForLanguage(const QString& code) {
  if (code.isEmpty() || code == QLatin1String(kSystemLanguage) || !isKnownLanguage(code)) {
    return QLocale::system();
  }
  return QLocale(code);
}

QMenu* createLanguageMenu(QWidget* parent) {
  auto* menu = new QMenu(QCoreApplication::translate("LanguageMenu", "&Language"), parent);
  menu->setObjectName(QStringLiteral("languageMenu"));
  auto* group = new QActionGroup(menu);
  group->setExclusive(true);
  const QString current = languageSetting();
  for (const LanguageOption& option : availableLanguages()) {
    QAction* action = menu->addAction(option.displayName);
    action->setCheckable(true);
    action->setChecked(option.code == current);
    action->setData(option.code);
    action->setObjectName(QStringLiteral("language_") + option.code);
    group->addAction(action);
    QObject::connect(action, &QAction::triggered, menu, [parent, code = option.code] {
      if (code == languageSetting()) {
        return;
      }
      setLanguageSetting(code);
      // Non-modal, so choosing a language never blocks the window (or a test).
      auto* box = new QMessageBox(
          QMessageBox::Information, QCoreApplication::translate("LanguageMenu", "Language"),
          QCoreApplication::translate("LanguageMenu",
                                      "The new language applies after ChildTune is restarted."),
          QMessageBox::Ok, parent);
      box->setObjectName(QStringLiteral("languageRestartNotice"));
      box->setAttribute(Qt::WA_DeleteOnClose);
      box->open();
    });
  }
  return menu;
}

}  // namespace childtune::app
