#pragma once
// Process-wide setup of the desktop app: resources, translations, identity, icon.

#include <QIcon>
#include <QLocale>

class QCoreApplication;

namespace childtune::app {

// Registers the compiled-in resources (icon, translations). Idempotent.
void initResources();

// Application name, organisation, version and desktop file name; the QSettings location
// follows from them.
void setApplicationIdentity();

// Installs Qt's own and ChildTune's translators for `locale` on `app` (translators are owned by
// the app). Returns whether a ChildTune translation for the locale was found; English needs none.
bool installTranslators(QCoreApplication& app, const QLocale& locale);
// The same for the language chosen in the settings ("ui/language", language_settings.h), the
// system locale unless the user picked one. Call after setApplicationIdentity().
bool installTranslators(QCoreApplication& app);

// The application icon (scalable SVG when Qt's SVG plugin is present, PNG sizes always).
QIcon applicationIcon();

}  // namespace childtune::app
