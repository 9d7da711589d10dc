// GlueDownloader and the GLUE DownloadDialog against a local HTTP server serving zip archives
// built in the test (and the real MRPC source files when CHILDTUNE_GLUE_DIR is set): the unpacked
// layout is the one core::findGlueDir / taskAvailability read, hostile archives are refused, and
// MRPC is split exactly as download_glue_data.py splits it. No internet.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <QComboBox>
#include <QEventLoop>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <map>

#include "childtune/tasks.h"
#include "download_dialog.h"
#include "fake_http_server.h"
#include "glue_downloader.h"
#include "gui_test_support.h"
#include "support/test_env.h"
#include "support/zip_builder.h"

namespace childtune::app {
namespace {

namespace fs = std::filesystem;
using test::HttpRequest;
using test::HttpResponse;
using ::testing::HasSubstr;

// Serves every path in `files`, with Range support; everything else is a 404.
class FileServer {
 public:
  FileServer()
      : server_([this](const HttpRequest& request) {
          const auto it = files.find(QString::fromLatin1(request.path));
          if (it == files.end()) {
            return HttpResponse::text(404, "<Error><Code>NoSuchKey</Code></Error>");
          }
          HttpResponse r;
          r.body = it->second;
          r.rangeable = true;
          return r;
        }) {}
  std::map<QString, QByteArray> files;
  QUrl url(const QString& path) const { return server_.url(path); }
  const QList<HttpRequest>& requests() const { return server_.requests(); }

 private:
  test::FakeHttpServer server_;
};

struct Outcome {
  bool ok = false;
  QString message;
  QStringList ready;
};

Outcome run(GlueDownloader& downloader, const QStringList& tasks) {
  Outcome outcome;
  QEventLoop loop;
  QObject context;
  QObject::connect(&downloader, &GlueDownloader::succeeded, &context, [&] {
    outcome.ok = true;
    loop.quit();
  });
  QObject::connect(&downloader, &GlueDownloader::failed, &context, [&](const QString& message) {
    outcome.message = message;
    loop.quit();
  });
  QObject::connect(&downloader, &GlueDownloader::taskReady, &context,
                   [&](const QString& task, const QString&) { outcome.ready << task; });
  QTimer::singleShot(30'000, &loop, [&] {
    outcome.message = QStringLiteral("timed out");
    loop.quit();
  });
  downloader.start(tasks);
  loop.exec();
  return outcome;
}

std::string rteArchive() {
  return test::ZipBuilder()
      .add("RTE/", "", false)
      .add("RTE/train.tsv",
           "index\tsentence1\tsentence2\tlabel\n"
           "0\tA dog runs.\tAn animal moves.\tentailment\n"
           "1\tIt rains.\tThe sun shines.\tnot_entailment\n")
      .add("RTE/dev.tsv", "index\tsentence1\tsentence2\tlabel\n0\tX.\tY.\tentailment\n")
      .add("RTE/test.tsv", "index\tsentence1\tsentence2\n0\tX.\tY.\n", false)
      .build();
}

GlueSources localSources(const FileServer& server) {
  GlueSources sources;
  sources.archiveBase = server.url(QStringLiteral("/glue/data/"));
  sources.mrpcTrain = server.url(QStringLiteral("/senteval/msr_paraphrase_train.txt"));
  sources.mrpcTest = server.url(QStringLiteral("/senteval/msr_paraphrase_test.txt"));
  sources.mrpcDevIds = server.url(QStringLiteral("/glue/data/mrpc_dev_ids.tsv"));
  return sources;
}

TEST(GlueDownloader, ArchiveNamesAreThoseOfDownloadGlueData) {
  EXPECT_EQ(glueArchiveName(core::taskByName("CoLA")), QStringLiteral("CoLA.zip"));
  EXPECT_EQ(glueArchiveName(core::taskByName("SST-2")), QStringLiteral("SST-2.zip"));
  EXPECT_EQ(glueArchiveName(core::taskByName("QQP")), QStringLiteral("QQP-clean.zip"));
  EXPECT_EQ(glueArchiveName(core::taskByName("STS-B")), QStringLiteral("STS-B.zip"));
  EXPECT_EQ(glueArchiveName(core::taskByName("MNLI")), QStringLiteral("MNLI.zip"));
  EXPECT_EQ(glueArchiveName(core::taskByName("QNLI")), QStringLiteral("QNLIv2.zip"));
  EXPECT_EQ(glueArchiveName(core::taskByName("RTE")), QStringLiteral("RTE.zip"));
  EXPECT_EQ(glueArchiveName(core::taskByName("WNLI")), QStringLiteral("WNLI.zip"));
  EXPECT_TRUE(glueArchiveName(core::taskByName("MRPC")).isEmpty());
  EXPECT_TRUE(glueArchiveName(core::taskByName("SNLI")).isEmpty());
  EXPECT_EQ(GlueDownloader::downloadableTasks().size(), 9);
  EXPECT_EQ(GlueSources{}.archiveBase.resolved(QUrl(QStringLiteral("RTE.zip"))).toString(),
            QStringLiteral("https://dl.fbaipublicfiles.com/glue/data/RTE.zip"));
}

TEST(GlueDownloader, UnpacksIntoTheFolderTheCoreReads) {
  const test::TempDir tmp;
  FileServer server;
  server.files[QStringLiteral("/glue/data/RTE.zip")] = QByteArray::fromStdString(rteArchive());
  const test::ScopedEnv glueEnv("CHILDTUNE_GLUE_DIR", std::nullopt);
  const test::ScopedEnv home("CHILDTUNE_HOME", (tmp / "home").string());
  EXPECT_EQ(defaultGlueDir(), tmp / "home" / "data" / "glue");
  EXPECT_FALSE(core::findGlueDir().has_value());

  GlueDownloader downloader(defaultGlueDir(), localSources(server));
  const Outcome outcome = run(downloader, {QStringLiteral("rte")});
  ASSERT_TRUE(outcome.ok) << outcome.message.toStdString();
  EXPECT_EQ(outcome.ready, QStringList{QStringLiteral("RTE")});

  const auto found = core::findGlueDir();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, tmp / "home" / "data" / "glue");
  const core::TaskSpec& rte = core::taskByName("RTE");
  EXPECT_TRUE(core::taskAvailability(*found, rte).trainable(rte));
  EXPECT_EQ(test::readFile(*found / "RTE" / "test.tsv"),
            "index\tsentence1\tsentence2\n0\tX.\tY.\n");
  // Nothing left behind but the task folder (and the empty downloads folder).
  for (const auto& entry : fs::directory_iterator(*found)) {
    const std::string name = entry.path().filename().string();
    EXPECT_TRUE(name == "RTE" || name == ".downloads") << name;
  }
  EXPECT_TRUE(fs::is_empty(*found / ".downloads"));

  // Downloading again replaces the folder.
  test::writeFile(*found / "RTE" / "stale.txt", "old");
  const Outcome again = run(downloader, {QStringLiteral("RTE")});
  ASSERT_TRUE(again.ok) << again.message.toStdString();
  EXPECT_FALSE(fs::exists(*found / "RTE" / "stale.txt"));
  EXPECT_TRUE(core::taskAvailability(*found, rte).trainable(rte));
}

TEST(GlueDownloader, RefusesAnArchiveWithATraversingEntry) {
  const test::TempDir tmp;
  FileServer server;
  server.files[QStringLiteral("/glue/data/RTE.zip")] = QByteArray::fromStdString(
      test::ZipBuilder().add("RTE/train.tsv", "index\ta\tb\tlabel\n").add("../x", "evil").build());
  const fs::path glue = tmp / "data" / "glue";
  GlueDownloader downloader(glue, localSources(server));
  const Outcome outcome = run(downloader, {QStringLiteral("RTE")});
  ASSERT_FALSE(outcome.ok);
  EXPECT_THAT(outcome.message.toStdString(), HasSubstr("'../x'"));
  EXPECT_THAT(outcome.message.toStdString(), HasSubstr("refusing to unpack"));
  EXPECT_FALSE(fs::exists(glue / "RTE"));
  EXPECT_FALSE(fs::exists(glue / "x"));
  EXPECT_FALSE(fs::exists(tmp / "data" / "x"));
  EXPECT_FALSE(fs::exists(glue / ".staging-RTE"));
  // The bad archive is not kept for a "resume".
  EXPECT_FALSE(fs::exists(glue / ".downloads" / "RTE.zip"));
}

TEST(GlueDownloader, ArchiveWithoutTheTaskFilesIsAnError) {
  const test::TempDir tmp;
  FileServer server;
  server.files[QStringLiteral("/glue/data/WNLI.zip")] =
      QByteArray::fromStdString(test::ZipBuilder().add("WNLI/readme.txt", "nothing").build());
  GlueDownloader downloader(tmp / "glue", localSources(server));
  const Outcome outcome = run(downloader, {QStringLiteral("WNLI")});
  ASSERT_FALSE(outcome.ok);
  EXPECT_THAT(outcome.message.toStdString(), HasSubstr("train.tsv"));
  EXPECT_THAT(outcome.message.toStdString(), HasSubstr("WNLI.zip"));
  EXPECT_FALSE(fs::exists(tmp / "glue" / "WNLI"));
}

TEST(GlueDownloader, HttpErrorsNameTheUrlAndStatus) {
  const test::TempDir tmp;
  FileServer server;
  GlueDownloader downloader(tmp / "glue", localSources(server));
  const Outcome outcome = run(downloader, {QStringLiteral("CoLA")});
  ASSERT_FALSE(outcome.ok);
  EXPECT_THAT(outcome.message.toStdString(), HasSubstr("HTTP 404"));
  EXPECT_THAT(
      outcome.message.toStdString(),
      HasSubstr(server.url(QStringLiteral("/glue/data/CoLA.zip")).toString().toStdString()));

  const Outcome unknown = run(downloader, {QStringLiteral("SNLI")});
  ASSERT_FALSE(unknown.ok);
  EXPECT_THAT(unknown.message.toStdString(), HasSubstr("not a GLUE task"));
}

TEST(GlueDownloader, ResumesAPartialArchive) {
  const test::TempDir tmp;
  FileServer server;
  const QByteArray archive = QByteArray::fromStdString(rteArchive());
  server.files[QStringLiteral("/glue/data/RTE.zip")] = archive;
  const fs::path glue = tmp / "glue";
  test::writeFile(glue / ".downloads" / "RTE.zip.part", archive.left(100).toStdString());
  GlueDownloader downloader(glue, localSources(server));
  const Outcome outcome = run(downloader, {QStringLiteral("RTE")});
  ASSERT_TRUE(outcome.ok) << outcome.message.toStdString();
  ASSERT_EQ(server.requests().size(), 1);
  EXPECT_EQ(server.requests()[0].header("range"), "bytes=100-");
}

TEST(GlueDownloader, SplitsMrpcLikeDownloadGlueData) {
  const test::TempDir tmp;
  FileServer server;
  server.files[QStringLiteral("/senteval/msr_paraphrase_train.txt")] =
      "\xEF\xBB\xBFQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
      "1\t1\t2\tA .\tB .\n"
      "0\t3\t4\tC .\tD . \n"
      "1\t5\t6\tE\tF\n";
  server.files[QStringLiteral("/senteval/msr_paraphrase_test.txt")] =
      "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t7\t8\tG\tH\n0\t9\t10\tI\tJ\r\n";
  server.files[QStringLiteral("/glue/data/mrpc_dev_ids.tsv")] = "3\t4\n";
  GlueSources sources = localSources(server);
  sources.verifyMrpcChecksums = false;
  const fs::path glue = tmp / "glue";
  GlueDownloader downloader(glue, sources);
  const Outcome outcome = run(downloader, {QStringLiteral("MRPC")});
  ASSERT_TRUE(outcome.ok) << outcome.message.toStdString();
  const std::string header = "\xEF\xBB\xBFQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n";
  EXPECT_EQ(test::readFile(glue / "MRPC" / "train.tsv"),
            header + "1\t1\t2\tA .\tB .\n1\t5\t6\tE\tF\n");
  EXPECT_EQ(test::readFile(glue / "MRPC" / "dev.tsv"), header + "0\t3\t4\tC .\tD .\n");
  EXPECT_EQ(test::readFile(glue / "MRPC" / "test.tsv"),
            "index\t#1 ID\t#2 ID\t#1 String\t#2 String\n0\t7\t8\tG\tH\n1\t9\t10\tI\tJ\n");
  EXPECT_EQ(test::readFile(glue / "MRPC" / "dev_ids.tsv"), "3\t4\n");
  const core::TaskSpec& mrpc = core::taskByName("MRPC");
  EXPECT_TRUE(core::taskAvailability(glue, mrpc).trainable(mrpc));

  // With the published checksums on, these synthetic files are refused and deleted.
  sources.verifyMrpcChecksums = true;
  GlueDownloader checked(tmp / "glue2", sources);
  const Outcome refused = run(checked, {QStringLiteral("MRPC")});
  ASSERT_FALSE(refused.ok);
  EXPECT_THAT(refused.message.toStdString(), HasSubstr("not the published file"));
  EXPECT_THAT(refused.message.toStdString(), HasSubstr("msr_paraphrase_train.txt"));
  EXPECT_FALSE(fs::exists(tmp / "glue2" / "MRPC"));
}

TEST(GlueDownloader, MrpcFromTheRealSourceFilesMatchesTheOfficialTsvs) {
  CHILDTUNE_REQUIRE_ENV_DIR(glue, "CHILDTUNE_GLUE_DIR");
  const fs::path mrpc = glue / "MRPC";
  if (!fs::exists(mrpc / "msr_paraphrase_train.txt")) {
    GTEST_SKIP() << "no MRPC source files in " << mrpc;
  }
  const test::TempDir tmp;
  FileServer server;
  auto bytes = [](const fs::path& p) { return QByteArray::fromStdString(test::readFile(p)); };
  server.files[QStringLiteral("/senteval/msr_paraphrase_train.txt")] =
      bytes(mrpc / "msr_paraphrase_train.txt");
  server.files[QStringLiteral("/senteval/msr_paraphrase_test.txt")] =
      bytes(mrpc / "msr_paraphrase_test.txt");
  server.files[QStringLiteral("/glue/data/mrpc_dev_ids.tsv")] = bytes(mrpc / "dev_ids.tsv");
  GlueDownloader downloader(tmp / "glue", localSources(server));  // checksums on
  const Outcome outcome = run(downloader, {QStringLiteral("MRPC")});
  ASSERT_TRUE(outcome.ok) << outcome.message.toStdString();
  for (const char* name : {"train.tsv", "dev.tsv", "test.tsv"}) {
    EXPECT_TRUE(test::readFile(tmp / "glue" / "MRPC" / name) == test::readFile(mrpc / name))
        << name << " differs from " << (mrpc / name);
  }
}

TEST(GlueDownloader, DialogDownloadsTheChosenTask) {
  const test::TempDir tmp;
  FileServer server;
  server.files[QStringLiteral("/glue/data/RTE.zip")] = QByteArray::fromStdString(rteArchive());
  DownloadDialog dialog(tmp / "glue", localSources(server));
  dialog.show();
  EXPECT_EQ(dialog.kind(), DownloadDialog::Kind::Glue);
  dialog.setName(QStringLiteral("RTE"));
  EXPECT_EQ(dialog.name(), QStringLiteral("RTE"));
  QSignalSpy ready(&dialog, &DownloadDialog::glueTaskDownloaded);
  dialog.startDownload();
  ASSERT_TRUE(ready.wait(30'000));
  EXPECT_EQ(ready.first().at(0).toString(), QStringLiteral("RTE"));
  EXPECT_EQ(ready.first().at(1).toString().toStdString(), (tmp / "glue" / "RTE").string());
  for (int i = 0; i < 100 && dialog.isDownloading(); ++i) {
    QTest::qWait(50);
  }
  EXPECT_FALSE(dialog.isDownloading());
  EXPECT_TRUE(dialog.errorText().isEmpty());
  EXPECT_THAT(dialog.statusText().toStdString(), HasSubstr("ready"));
}

}  // namespace
}  // namespace childtune::app
