#pragma once
// Command-line options of the `childtune` desktop app.

#include <QString>
#include <QStringList>

namespace childtune::app {

struct StartupOptions {
  QString modelDir;  // --model DIR: select this model at startup (added if not listed)
  // --screenshots DIR (alias --screenshot-dir): train a tiny demo model, write a PNG of each main
  // view, then quit.
  QString screenshotDir;
  // Whether to read and write QSettings (off for screenshots, so they do not depend on, or
  // change, the user's saved state).
  bool useSettings = true;
};

// Parses the arguments (argv[0] included). On --help or --version, or on an error, returns false
// and sets `message` to the text to print (and `isError` when it is an error).
bool parseStartupOptions(const QStringList& arguments, StartupOptions* options, QString* message,
                         bool* isError);

}  // namespace childtune::app
