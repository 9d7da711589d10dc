// childtune: the ChildTune desktop app.
#include <QApplication>
#include <QFileInfo>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

#include "app_setup.h"
#include "childtune/runtime.h"
#include "main_window.h"
#include "startup_options.h"

int main(int argc, char* argv[]) {
  // The options are parsed before QApplication exists, so --help and --version work without a
  // display (and a bad option fails before a window could flash up).
  QStringList arguments;
  for (int i = 0; i < argc; ++i) {
    const QString argument = QString::fromLocal8Bit(argv[i]);
    arguments << (i == 0 ? QFileInfo(argument).fileName() : argument);
  }
  childtune::app::StartupOptions options;
  QString message;
  bool isError = false;
  if (!childtune::app::parseStartupOptions(arguments, &options, &message, &isError)) {
    std::fputs(qPrintable(message), isError ? stderr : stdout);
    return isError ? 2 : 0;
  }

  // LibTorch's thread count ($CHILDTUNE_THREADS or all cores) before the status bar reports it.
  childtune::core::initializeRuntime();
  QApplication app(argc, argv);
  childtune::app::setApplicationIdentity();
  childtune::app::installTranslators(app);
  QApplication::setWindowIcon(childtune::app::applicationIcon());
  QGuiApplication::setDesktopFileName(QStringLiteral("childtune"));

  childtune::app::MainWindow window(options);
  window.show();
  if (options.screenshotDir.isEmpty()) {
    return QApplication::exec();
  }

  int status = 0;
  QTemporaryDir demoDir;
  QTimer::singleShot(0, &window, [&window, &options, &status, &demoDir] {
    QString error;
    // Two real (short) training runs on a tiny model, recorded in a store inside demoDir, so the
    // training, child-network and history views show real data. A failure is reported, but the
    // views are still written.
    constexpr int kTrainTimeoutMs = 90000;
    if (!demoDir.isValid() || !window.prepareDemo(demoDir.path(), &error) ||
        !window.trainDemoRuns(kTrainTimeoutMs, &error)) {
      std::fprintf(stderr, "childtune: demo training: %s\n", qPrintable(error));
      status = 1;
      error.clear();
    }
    const QStringList files = window.writeScreenshots(options.screenshotDir, &error);
    for (const QString& file : files) {
      std::fprintf(stdout, "%s\n", qPrintable(file));
    }
    if (!error.isEmpty()) {
      std::fprintf(stderr, "childtune: %s\n", qPrintable(error));
      status = 1;
    }
    QApplication::exit(status);
  });
  QApplication::exec();
  return status;
}
