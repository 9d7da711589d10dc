// The task picker's "not found — Locate… / Download…": Locate… validates the chosen folder for the
// current task (GLUE folder, data root or the task's own folder), refuses one without the task's
// files and is remembered in QSettings by the main window; Download… runs the GLUE download dialog
// against a local HTTP server (no internet) and the picker then shows the new location and preview.

#include <gtest/gtest.h>

#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <map>

#include "childtune/tasks.h"
#include "childtune/widgets/task_picker_widget.h"
#include "download_dialog.h"
#include "fake_http_server.h"
#include "glue_downloader.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "run_setup_page.h"
#include "support/test_env.h"
#include "support/zip_builder.h"

namespace childtune::test {
namespace {

namespace fs = std::filesystem;

QString qs(const fs::path& path) { return QString::fromStdString(path.string()); }

void writeRte(const fs::path& glue, int rows) {
  std::string text = "index\tsentence1\tsentence2\tlabel\n";
  for (int i = 0; i < rows; ++i) {
    text += std::to_string(i) + "\ta sentence " + std::to_string(i) + "\tanother\tentailment\n";
  }
  writeFile(glue / "RTE" / "train.tsv", text);
  writeFile(glue / "RTE" / "dev.tsv", text);
}

class TaskDataTest : public ::testing::Test {
 protected:
  void SetUp() override { QSettings().clear(); }
  void TearDown() override { QSettings().clear(); }

  TempDir dir_;
  // Neither the environment nor the app's data folder holds any task.
  ScopedEnv glueEnv_{"CHILDTUNE_GLUE_DIR", std::nullopt};
  ScopedEnv home_{"CHILDTUNE_HOME", (dir_ / "home").string()};
};

TEST_F(TaskDataTest, LocateAcceptsTheGlueFolderADataRootOrTheTaskFolder) {
  writeRte(dir_ / "data" / "glue", 5);
  widgets::TaskPickerWidget picker;
  picker.show();
  ASSERT_TRUE(picker.setCurrentTask(QStringLiteral("RTE")));
  EXPECT_FALSE(picker.isTrainable());
  EXPECT_TRUE(picker.locationText().contains(QStringLiteral("Locate… / Download…")))
      << picker.locationText().toStdString();
  EXPECT_TRUE(picker.downloadButton()->isVisible());
  EXPECT_TRUE(picker.locateButton()->isVisible());

  // The task's own folder: its parent becomes the GLUE folder.
  QSignalSpy located(&picker, &widgets::TaskPickerWidget::folderLocated);
  EXPECT_EQ(picker.locateFolder(qs(dir_ / "data" / "glue" / "RTE")), QString());
  EXPECT_EQ(picker.locatedGlueDir(), qs(dir_ / "data" / "glue"));
  EXPECT_TRUE(picker.isTrainable());
  EXPECT_TRUE(picker.locationText().contains(QStringLiteral("the folder you located")));
  EXPECT_EQ(picker.previewTable()->rowCount(), 5);
  EXPECT_FALSE(picker.downloadButton()->isVisible());
  ASSERT_EQ(located.size(), 1);
  EXPECT_EQ(located.first().at(0).toString(), qs(dir_ / "data" / "glue"));

  // The data root above glue/ (a trailing separator does not matter).
  picker.setLocatedGlueDir({});
  EXPECT_EQ(picker.locateFolder(qs(dir_ / "data") + QStringLiteral("/")), QString());
  EXPECT_EQ(picker.locatedGlueDir(), qs(dir_ / "data" / "glue"));
  EXPECT_TRUE(picker.isTrainable());
}

TEST_F(TaskDataTest, LocateRefusesAFolderWithoutTheTasksFilesAndKeepsTheOldOne) {
  writeRte(dir_ / "glue", 3);
  writeFile(dir_ / "wrong" / "RTE" / "train.tsv", "index\tsentence1\tsentence2\tlabel\n");
  widgets::TaskPickerWidget picker;
  picker.show();
  picker.setCurrentTask(QStringLiteral("RTE"));
  ASSERT_EQ(picker.locateFolder(qs(dir_ / "glue")), QString());
  QSignalSpy located(&picker, &widgets::TaskPickerWidget::folderLocated);

  // train.tsv but no dev.tsv: not a place to train from.
  const QString problem = picker.locateFolder(qs(dir_ / "wrong"));
  EXPECT_TRUE(problem.contains(qs(dir_ / "wrong"))) << problem.toStdString();
  EXPECT_TRUE(problem.contains(QStringLiteral("RTE/train.tsv"))) << problem.toStdString();
  EXPECT_TRUE(problem.contains(QStringLiteral("RTE/dev.tsv"))) << problem.toStdString();
  EXPECT_EQ(picker.locateError(), problem);
  EXPECT_TRUE(picker.findChild<QLabel*>(QStringLiteral("locateProblem"))->isVisible());
  EXPECT_EQ(located.size(), 0);
  EXPECT_EQ(picker.locatedGlueDir(), qs(dir_ / "glue"));
  EXPECT_TRUE(picker.isTrainable());

  // An empty folder next to the good one is refused the same way; choosing another task clears
  // the message.
  fs::create_directories(dir_ / "empty");
  EXPECT_FALSE(picker.locateFolder(qs(dir_ / "empty")).isEmpty());
  picker.setCurrentTask(QStringLiteral("CoLA"));
  EXPECT_TRUE(picker.locateError().isEmpty());
  EXPECT_FALSE(picker.findChild<QLabel*>(QStringLiteral("locateProblem"))->isVisible());
}

TEST_F(TaskDataTest, SnliIsLocatedNextToTheGlueFolderAndHasNoDownload) {
  writeFile(dir_ / "data" / "snli" / "snli_1.0_train.txt", "x");
  widgets::TaskPickerWidget picker;
  picker.show();
  ASSERT_TRUE(picker.setCurrentTask(QStringLiteral("SNLI")));
  EXPECT_FALSE(picker.downloadButton()->isVisible());
  EXPECT_FALSE(picker.locationText().contains(QStringLiteral("Download")));
  const core::TaskSpec& snli = core::taskByName("SNLI");
  for (const core::SplitFile& file : snli.splits) {
    writeFile(dir_ / "data" / "snli" / file.fileName, "x");
  }
  // A folder next to it is not it.
  fs::create_directories(dir_ / "data" / "other");
  EXPECT_FALSE(picker.locateFolder(qs(dir_ / "data" / "other")).isEmpty());
  EXPECT_TRUE(picker.locatedGlueDir().isEmpty());
  // The preset's own folder: the GLUE folder is data/glue, which need not exist.
  EXPECT_EQ(picker.locateFolder(qs(dir_ / "data" / "snli")), QString());
  EXPECT_EQ(picker.locatedGlueDir(), qs(dir_ / "data" / "glue"));
  EXPECT_TRUE(picker.isTrainable());
  // The data root and the GLUE folder name the same place.
  picker.setLocatedGlueDir({});
  EXPECT_EQ(picker.locateFolder(qs(dir_ / "data")), QString());
  EXPECT_EQ(picker.locatedGlueDir(), qs(dir_ / "data" / "glue"));
  picker.setLocatedGlueDir({});
  fs::create_directories(dir_ / "data" / "glue");
  EXPECT_EQ(picker.locateFolder(qs(dir_ / "data" / "glue")), QString());
  EXPECT_EQ(picker.locatedGlueDir(), qs(dir_ / "data" / "glue"));
}

TEST_F(TaskDataTest, TheMainWindowRemembersTheLocatedFolder) {
  writeRte(dir_ / "glue", 3);
  const QString key = QStringLiteral("run/locatedGlueDir");
  {
    // --screenshots runs without settings: nothing is written.
    app::MainWindow window(app::StartupOptions{QString(), QString(), false});
    window.runSetupPage()->taskPicker()->setCurrentTask(QStringLiteral("RTE"));
    ASSERT_EQ(window.runSetupPage()->taskPicker()->locateFolder(qs(dir_ / "glue")), QString());
    EXPECT_FALSE(QSettings().contains(key));
  }
  {
    app::MainWindow window(app::StartupOptions{QString(), QString(), true});
    app::RunSetupPage* page = window.runSetupPage();
    EXPECT_TRUE(page->taskPicker()->locatedGlueDir().isEmpty());
    page->taskPicker()->setCurrentTask(QStringLiteral("RTE"));
    ASSERT_EQ(page->taskPicker()->locateFolder(qs(dir_ / "glue" / "RTE")), QString());
    EXPECT_EQ(page->config().dataDir, (dir_ / "glue").string());
    // Written when located, not only when the window closes.
    EXPECT_EQ(QSettings().value(key).toString(), qs(dir_ / "glue"));
  }
  app::MainWindow next(app::StartupOptions{QString(), QString(), true});
  EXPECT_EQ(next.runSetupPage()->taskPicker()->locatedGlueDir(), qs(dir_ / "glue"));
  EXPECT_EQ(next.runSetupPage()->config().dataDir, (dir_ / "glue").string());
  next.runSetupPage()->taskPicker()->setCurrentTask(QStringLiteral("RTE"));
  EXPECT_TRUE(next.runSetupPage()->taskPicker()->isTrainable());
}

// Serves RTE.zip with Range support; everything else is a 404.
class RteServer {
 public:
  RteServer()
      : server_([this](const HttpRequest& request) {
          ++requests;
          if (request.path != "/glue/data/RTE.zip") {
            return HttpResponse::text(404, "not here");
          }
          HttpResponse r;
          r.body = archive_;
          r.rangeable = true;
          return r;
        }) {}

  app::GlueSources sources() const {
    app::GlueSources s;
    s.archiveBase = server_.url(QStringLiteral("/glue/data/"));
    s.mrpcTrain = server_.url(QStringLiteral("/none"));
    s.mrpcTest = server_.url(QStringLiteral("/none"));
    s.mrpcDevIds = server_.url(QStringLiteral("/none"));
    return s;
  }

  int requests = 0;

 private:
  QByteArray archive_ =
      QByteArray::fromStdString(ZipBuilder()
                                    .add("RTE/train.tsv",
                                         "index\tsentence1\tsentence2\tlabel\n"
                                         "0\tA dog runs.\tAn animal moves.\tentailment\n"
                                         "1\tIt rains.\tThe sun shines.\tnot_entailment\n")
                                    .add("RTE/dev.tsv",
                                         "index\tsentence1\tsentence2\tlabel\n"
                                         "0\tA cat sleeps.\tAn animal rests.\tentailment\n"
                                         "1\tIt snows.\tIt is hot.\tnot_entailment\n")
                                    .build());
  FakeHttpServer server_;
};

// Clicks the picker's Download… and waits until the dialog reports the task ready.
app::DownloadDialog* downloadThroughThePicker(app::RunSetupPage& page) {
  page.taskPicker()->downloadButton()->click();
  auto* dialog = page.findChild<app::DownloadDialog*>(QStringLiteral("taskDownloadDialog"));
  if (dialog == nullptr) {
    ADD_FAILURE() << "Download… opened no dialog";
    return nullptr;
  }
  EXPECT_EQ(dialog->kind(), app::DownloadDialog::Kind::Glue);
  EXPECT_EQ(dialog->name(), QStringLiteral("RTE"));
  EXPECT_TRUE(dialog->isVisible());
  for (int i = 0; i < 600 && !page.taskPicker()->isTrainable(); ++i) {
    QTest::qWait(50);
  }
  EXPECT_TRUE(dialog->errorText().isEmpty()) << dialog->errorText().toStdString();
  return dialog;
}

TEST_F(TaskDataTest, DownloadIntoTheAppsDataFolderShowsTheTaskThere) {
  RteServer server;
  app::RunSetupPage page;
  page.show();
  const fs::path appGlue = app::defaultGlueDir();
  EXPECT_EQ(appGlue, dir_ / "home" / "data" / "glue");
  page.setGlueDownloadTarget(appGlue, server.sources());
  page.taskPicker()->setCurrentTask(QStringLiteral("RTE"));
  ASSERT_FALSE(page.taskPicker()->isTrainable());
  ASSERT_TRUE(page.taskPicker()->downloadButton()->isVisible());
  QSignalSpy changed(&page, &app::RunSetupPage::configChanged);

  ASSERT_NE(downloadThroughThePicker(page), nullptr);
  widgets::TaskPickerWidget* picker = page.taskPicker();
  ASSERT_TRUE(picker->isTrainable()) << picker->locationText().toStdString();
  EXPECT_GT(server.requests, 0);
  EXPECT_TRUE(picker->locatedGlueDir().isEmpty());  // found where the app looks anyway
  EXPECT_TRUE(picker->locationText().contains(QStringLiteral("the app's data folder")))
      << picker->locationText().toStdString();
  EXPECT_TRUE(picker->locationText().contains(qs(appGlue / "RTE")));
  EXPECT_FALSE(picker->downloadButton()->isVisible());
  ASSERT_EQ(picker->previewTable()->rowCount(), 2);
  EXPECT_EQ(picker->previewTable()->item(0, 0)->text(), QStringLiteral("A cat sleeps."));
  EXPECT_GE(changed.size(), 1);
}

TEST_F(TaskDataTest, DownloadWhileAnotherFolderIsLocatedLocatesTheDownloadFolder) {
  RteServer server;
  fs::create_directories(dir_ / "other" / "CoLA");
  app::RunSetupPage page;
  page.show();
  page.taskPicker()->setLocatedGlueDir(qs(dir_ / "other"));
  page.setGlueDownloadTarget(dir_ / "downloads" / "glue", server.sources());
  page.taskPicker()->setCurrentTask(QStringLiteral("RTE"));
  ASSERT_FALSE(page.taskPicker()->isTrainable());

  ASSERT_NE(downloadThroughThePicker(page), nullptr);
  widgets::TaskPickerWidget* picker = page.taskPicker();
  ASSERT_TRUE(picker->isTrainable()) << picker->locationText().toStdString();
  EXPECT_EQ(picker->locatedGlueDir(), qs(dir_ / "downloads" / "glue"));
  EXPECT_EQ(page.config().dataDir, (dir_ / "downloads" / "glue").string());
  EXPECT_EQ(picker->previewTable()->rowCount(), 2);
}

}  // namespace
}  // namespace childtune::test
