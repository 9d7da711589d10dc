#include "startup_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include "childtune/build_info.h"

namespace childtune::app {

bool parseStartupOptions(const QStringList& arguments, StartupOptions* options, QString* message,
                         bool* isError) {
  *isError = false;
  QCommandLineParser parser;
  parser.setApplicationDescription(QCoreApplication::translate(
      "childtune::app::StartupOptions",
      "ChildTune: look inside BERT, RoBERTa and ELECTRA models and fine-tune them with "
      "Child-Tuning."));
  const QCommandLineOption helpOption = parser.addHelpOption();
  // Not addVersionOption(): it reads QCoreApplication::applicationVersion(), and the options are
  // parsed before the application object exists.
  const QCommandLineOption versionOption(
      {QStringLiteral("v"), QStringLiteral("version")},
      QCoreApplication::translate("childtune::app::StartupOptions", "Print the version and exit."));
  parser.addOption(versionOption);
  const QCommandLineOption modelOption(
      QStringLiteral("model"),
      QCoreApplication::translate("childtune::app::StartupOptions",
                                  "Select the model in folder <dir> at startup."),
      QCoreApplication::translate("childtune::app::StartupOptions", "dir"));
  const QCommandLineOption screenshotOption(
      {QStringLiteral("screenshots"), QStringLiteral("screenshot-dir")},
      QCoreApplication::translate(
          "childtune::app::StartupOptions",
          "Train a tiny model made on the spot (no network needed), write a PNG of each main "
          "view into <dir>, then quit."),
      QCoreApplication::translate("childtune::app::StartupOptions", "dir"));
  parser.addOption(modelOption);
  parser.addOption(screenshotOption);

  if (!parser.parse(arguments)) {
    *isError = true;
    *message = parser.errorText() + QLatin1Char('\n') + parser.helpText();
    return false;
  }
  if (parser.isSet(helpOption)) {
    *message = parser.helpText();
    return false;
  }
  if (parser.isSet(versionOption)) {
    *message = QStringLiteral("childtune %1\n").arg(QString::fromUtf8(childtune::kVersion));
    return false;
  }
  if (!parser.positionalArguments().isEmpty()) {
    *isError = true;
    *message =
        QCoreApplication::translate("childtune::app::StartupOptions", "unexpected argument: %1")
            .arg(parser.positionalArguments().constFirst()) +
        QLatin1Char('\n') + parser.helpText();
    return false;
  }
  if (parser.isSet(modelOption)) {
    const QString dir = parser.value(modelOption);
    if (!QFileInfo(dir).isDir()) {
      *isError = true;
      *message = QCoreApplication::translate("childtune::app::StartupOptions",
                                             "--model: %1 is not a folder")
                     .arg(dir);
      return false;
    }
    options->modelDir = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
  }
  if (parser.isSet(screenshotOption)) {
    options->screenshotDir = QFileInfo(parser.value(screenshotOption)).absoluteFilePath();
    options->useSettings = false;
  }
  return true;
}

}  // namespace childtune::app
