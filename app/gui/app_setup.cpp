#include "app_setup.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>
#include <mutex>

#include "childtune/build_info.h"
#include "language_settings.h"

// Q_INIT_RESOURCE must be used outside any namespace. The resources live in a static library, so
// without this reference the linker would drop them.
static void initChildTuneResources() { Q_INIT_RESOURCE(childtune); }

namespace childtune::app {

void initResources() {
  static std::once_flag once;
  std::call_once(once, [] { initChildTuneResources(); });
}

void setApplicationIdentity() {
  QCoreApplication::setOrganizationName(QStringLiteral("ChildTune"));
  QCoreApplication::setOrganizationDomain(QStringLiteral("childtune.org"));
  QCoreApplication::setApplicationName(QStringLiteral("childtune"));
  QCoreApplication::setApplicationVersion(QString::fromUtf8(childtune::kVersion));
}

bool installTranslators(QCoreApplication& app, const QLocale& locale) {
  initResources();
  // Qt's own strings (standard buttons, file dialogs).
  auto* qtTranslator = new QTranslator(&app);
  if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                         QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QCoreApplication::installTranslator(qtTranslator);
  } else {
    delete qtTranslator;
  }
  auto* translator = new QTranslator(&app);
  if (translator->load(locale, QStringLiteral("childtune"), QStringLiteral("_"),
                       QStringLiteral(":/i18n"))) {
    QCoreApplication::installTranslator(translator);
    return true;
  }
  // No translation for this language: English, whose plural forms ("1 layer", "6 layers") come
  // from childtune_en.qm since the sources say "%n layer(s)".
  if (translator->load(QStringLiteral(":/i18n/childtune_en.qm"))) {
    QCoreApplication::installTranslator(translator);
  } else {
    delete translator;
  }
  return false;
}

bool installTranslators(QCoreApplication& app) {
  return installTranslators(app, localeForLanguage(languageSetting()));
}

QIcon applicationIcon() {
  initResources();
  QIcon icon;
  // The PNGs are rendered from childtune.svg by resources/render_icons.py; Qt only reads the
  // SVG itself when its SVG icon engine is installed.
  for (const int size : {16, 24, 32, 48, 64, 128, 256}) {
    icon.addFile(QStringLiteral(":/childtune/icons/childtune-%1.png").arg(size), QSize(size, size));
  }
  icon.addFile(QStringLiteral(":/childtune/icons/childtune.svg"));
  return icon;
}

}  // namespace childtune::app
