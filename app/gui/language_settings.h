#pragma once
// The user's choice of interface language: stored in QSettings under "ui/language", read by
// installTranslators() at start-up (app_setup.h), set from the Language menu.

#include <QList>
#include <QLocale>
#include <QString>

class QMenu;
class QWidget;

namespace childtune::app {

// QSettings key; the value is one of the codes of availableLanguages().
inline constexpr char kLanguageSettingsKey[] = "ui/language";
// Follow the system locale (also what an unset or unknown value means).
inline constexpr char kSystemLanguage[] = "system";

struct LanguageOption {
  QString code;         // "system", "en", "de", "zh_CN"
  QString displayName;  // in its own language ("Deutsch", "简体中文"), "System default" translated
};

// "system" first, then every language the app ships a translation for.
QList<LanguageOption> availableLanguages();

// The stored choice; "system" when unset or not one of availableLanguages().
QString languageSetting();
// Stores `code` ("system" or a language code); an unknown code is stored as "system".
void setLanguageSetting(const QString& code);

// The locale the translators load for `code`: QLocale::system() for "system".
QLocale localeForLanguage(const QString& code);

// A "&Language" menu owned by `parent` with one checkable entry per available language, the
// stored choice checked. Choosing one stores it and tells the user (non-modally, parented to
// `parent`) that it applies after a restart.
QMenu* createLanguageMenu(QWidget* parent);

}  // namespace childtune::app
