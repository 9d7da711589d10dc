// main() of every GUI test binary: an offscreen QApplication, QStandardPaths in test mode (so
// QSettings never touches the user's configuration) and model locations pointing at an empty
// temporary folder (so the user's models never show up in a test).
#include <gtest/gtest.h>
#include <QApplication>
#include <QLocale>
#include <QStandardPaths>

#include "app_setup.h"
#include "support/test_env.h"

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
  }
  QStandardPaths::setTestModeEnabled(true);
  const childtune::test::TempDir locations;
  qputenv("CHILDTUNE_HOME", QByteArray::fromStdString((locations / "home").string()));
  qputenv("HF_HUB_CACHE", QByteArray::fromStdString((locations / "hub").string()));
  QApplication app(argc, argv);
  childtune::app::setApplicationIdentity();
  // As the app does for an English system: the English plural forms ("1 layer", "2 layers").
  childtune::app::installTranslators(app, QLocale(QLocale::English, QLocale::UnitedStates));
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
