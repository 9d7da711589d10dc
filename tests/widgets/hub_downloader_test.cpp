// HubDownloader and the model DownloadDialog against a local server that behaves like the
// Hugging Face hub: the revision API, HEAD on resolve URLs with X-Repo-Commit / X-Linked-Etag /
// X-Linked-Size and a redirect of LFS files to a CDN host, Range requests, 401 for a gated repo
// without a token, 404 for what does not exist. No internet.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <map>

#include "childtune/model_catalog.h"
#include "download_dialog.h"
#include "fake_http_server.h"
#include "gui_test_support.h"
#include "hub_downloader.h"
#include "support/test_env.h"

namespace childtune::app {
namespace {

namespace fs = std::filesystem;
using test::HttpRequest;
using test::HttpResponse;
using ::testing::HasSubstr;
using ::testing::Not;

QByteArray sha256Hex(const QByteArray& data) {
  return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}
QByteArray gitBlobId(const QByteArray& data) {
  return QCryptographicHash::hash("blob " + QByteArray::number(data.size()) + '\0' + data,
                                  QCryptographicHash::Sha1)
      .toHex();
}
QByteArray readBytes(const fs::path& path) {
  QFile file(QString::fromStdString(path.string()));
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// One repository on the fake hub. Files ending in .safetensors are LFS files.
struct FakeRepo {
  QByteArray commit = "0123456789abcdef0123456789abcdef01234567";
  std::map<QString, QByteArray> files;
  bool gated = false;
  std::map<QString, QByteArray> wrongEtag;  // file -> the ETag to claim instead of the real one
  qint64 cutFirstCdnGetAfter = -1;          // drop the first CDN transfer after N bytes
};

class FakeHub {
 public:
  static constexpr const char* kToken = "hf_secret_token";

  FakeHub() : server_([this](const HttpRequest& r) { return handle(r); }) {}

  std::map<QString, FakeRepo> repos;
  QUrl endpoint() const { return server_.url(); }
  const QList<HttpRequest>& requests() const { return server_.requests(); }
  int cdnGets = 0;

 private:
  HttpResponse handle(const HttpRequest& request) {
    const QString path = QUrl::fromPercentEncoding(request.path);
    if (path.startsWith(QLatin1String("/cdn/"))) {
      return cdn(request, path.mid(5));
    }
    if (path.startsWith(QLatin1String("/api/models/"))) {
      const QString rest = path.mid(12);
      const qsizetype at = rest.indexOf(QLatin1String("/revision/"));
      return api(request, rest.left(at));
    }
    const qsizetype at = path.indexOf(QLatin1String("/resolve/"));
    if (at > 0) {
      const QString repo = path.mid(1, at - 1);
      const QString rest = path.mid(at + 9);  // <commit>/<file>
      return resolve(request, repo, rest.mid(rest.indexOf(QLatin1Char('/')) + 1));
    }
    return HttpResponse::text(404, "no route");
  }

  bool authorized(const HttpRequest& request, const FakeRepo& repo) const {
    return !repo.gated || request.header("authorization") == QByteArray("Bearer ") + kToken;
  }

  HttpResponse missingRepo(const HttpRequest& request, const QString& repoId) {
    (void)request;
    HttpResponse r = HttpResponse::text(404, "");
    r.addHeader("X-Error-Code", "RepoNotFound");
    r.addHeader("X-Error-Message", "Repository not found");
    (void)repoId;
    return r;
  }

  HttpResponse gated(const QString& repoId) {
    HttpResponse r = HttpResponse::text(401, "");
    r.addHeader("X-Error-Code", "GatedRepo");
    r.addHeader("X-Error-Message", "Access to model " + repoId.toUtf8() +
                                       " is restricted. You must have access to it.");
    return r;
  }

  HttpResponse api(const HttpRequest& request, const QString& repoId) {
    const auto it = repos.find(repoId);
    if (it == repos.end()) {
      return missingRepo(request, repoId);
    }
    if (!authorized(request, it->second)) {
      return gated(repoId);
    }
    QJsonArray siblings;
    for (const auto& [name, data] : it->second.files) {
      siblings.append(QJsonObject{{QStringLiteral("rfilename"), name}});
    }
    HttpResponse r;
    r.body =
        QJsonDocument(QJsonObject{{QStringLiteral("id"), repoId},
                                  {QStringLiteral("sha"), QString::fromLatin1(it->second.commit)},
                                  {QStringLiteral("siblings"), siblings}})
            .toJson();
    r.addHeader("Content-Type", "application/json");
    return r;
  }

  HttpResponse resolve(const HttpRequest& request, const QString& repoId, const QString& file) {
    const auto it = repos.find(repoId);
    if (it == repos.end()) {
      return missingRepo(request, repoId);
    }
    const FakeRepo& repo = it->second;
    if (!authorized(request, repo)) {
      return gated(repoId);
    }
    const auto f = repo.files.find(file);
    if (f == repo.files.end()) {
      HttpResponse r = HttpResponse::text(404, "");
      r.addHeader("X-Error-Code", "EntryNotFound");
      r.addHeader("X-Repo-Commit", repo.commit);
      return r;
    }
    const QByteArray& data = f->second;
    const auto wrong = repo.wrongEtag.find(file);
    if (file.endsWith(QLatin1String(".safetensors"))) {
      const QByteArray sha = wrong != repo.wrongEtag.end() ? wrong->second : sha256Hex(data);
      cdnFiles_[QString::fromLatin1(sha)] = {data, repo.cutFirstCdnGetAfter};
      HttpResponse r;
      r.status = 302;
      r.addHeader(
          "Location",
          server_.otherHostUrl(QStringLiteral("/cdn/") + QString::fromLatin1(sha)).toEncoded());
      r.addHeader("X-Repo-Commit", repo.commit);
      r.addHeader("X-Linked-Etag", '"' + sha + '"');
      r.addHeader("X-Linked-Size", QByteArray::number(data.size()));
      r.addHeader("ETag", "\"" + gitBlobId("version https://git-lfs...") + "\"");
      return r;
    }
    HttpResponse r;
    r.body = data;
    r.rangeable = true;
    r.addHeader("X-Repo-Commit", repo.commit);
    r.addHeader("ETag",
                '"' + (wrong != repo.wrongEtag.end() ? wrong->second : gitBlobId(data)) + '"');
    return r;
  }

  HttpResponse cdn(const HttpRequest& request, const QString& sha) {
    const auto it = cdnFiles_.find(sha);
    if (it == cdnFiles_.end()) {
      return HttpResponse::text(403, "AccessDenied");
    }
    HttpResponse r;
    r.body = it->second.first;
    r.rangeable = true;
    if (request.method == "GET") {
      ++cdnGets;
      if (it->second.second >= 0) {
        r.cutAfter = it->second.second;
        it->second.second = -1;  // only the first transfer drops
      }
    }
    return r;
  }

  test::FakeHttpServer server_;
  std::map<QString, std::pair<QByteArray, qint64>> cdnFiles_;
};

// Files of the tiny BERT reference model as a hub repository.
FakeRepo tinyBertRepo(const fs::path& scratch) {
  const fs::path dir = test::makeReferenceModel(scratch, "tiny-bert");
  FakeRepo repo;
  for (const auto& entry : fs::directory_iterator(dir)) {
    repo.files[QString::fromStdString(entry.path().filename().string())] = readBytes(entry.path());
  }
  repo.files[QStringLiteral("pytorch_model.bin")] = "pickle, never downloaded";
  repo.files[QStringLiteral("README.md")] = "# tiny";
  return repo;
}

struct Outcome {
  bool ok = false;
  QString message;  // snapshot folder on success, error otherwise
  QList<TransferProgress> progress;
};

Outcome run(HubDownloader& downloader, const QString& repoId) {
  Outcome outcome;
  QEventLoop loop;
  QObject context;
  QObject::connect(&downloader, &HubDownloader::succeeded, &context, [&](const QString& dir) {
    outcome = {true, dir, outcome.progress};
    loop.quit();
  });
  QObject::connect(&downloader, &HubDownloader::failed, &context, [&](const QString& message) {
    outcome = {false, message, outcome.progress};
    loop.quit();
  });
  QObject::connect(&downloader, &HubDownloader::progressChanged, &context,
                   [&](const TransferProgress& p) { outcome.progress.append(p); });
  QTimer::singleShot(30'000, &loop, [&] {
    outcome.message = QStringLiteral("timed out");
    loop.quit();
  });
  downloader.start(repoId);
  loop.exec();
  return outcome;
}

class HubDownloaderTest : public ::testing::Test {
 protected:
  HubSettings settings() const {
    HubSettings s;
    s.endpoint = hub_.endpoint();
    s.hubCache = tmp_ / "hub";
    return s;
  }
  fs::path repoDir(const std::string& folder) const { return tmp_ / "hub" / folder; }

  test::TempDir tmp_;
  FakeHub hub_;
};

TEST_F(HubDownloaderTest, DownloadsIntoTheCacheLayoutThatTheCatalogReads) {
  hub_.repos[QStringLiteral("org/tiny-bert")] = tinyBertRepo(tmp_ / "src");
  const FakeRepo& repo = hub_.repos[QStringLiteral("org/tiny-bert")];
  // Settings from the environment, as the app reads them: a temporary HF_HOME.
  const test::ScopedEnv hubCache("HF_HUB_CACHE", std::nullopt);
  const test::ScopedEnv legacyCache("HUGGINGFACE_HUB_CACHE", std::nullopt);
  const test::ScopedEnv home("HF_HOME", (tmp_ / "hf").string());
  const test::ScopedEnv endpoint("HF_ENDPOINT", hub_.endpoint().toString().toStdString() + "/");
  const test::ScopedEnv token("HF_TOKEN", std::nullopt);
  const test::ScopedEnv legacyToken("HUGGING_FACE_HUB_TOKEN", std::nullopt);
  const test::ScopedEnv offline("HF_HUB_OFFLINE", std::nullopt);
  const HubSettings fromEnv = HubSettings::fromEnvironment();
  EXPECT_EQ(fromEnv.hubCache, tmp_ / "hf" / "hub");
  EXPECT_EQ(fromEnv.endpoint, hub_.endpoint());
  EXPECT_FALSE(fromEnv.offline);
  EXPECT_TRUE(fromEnv.token.isEmpty());

  HubDownloader downloader(fromEnv);
  const Outcome outcome = run(downloader, QStringLiteral("org/tiny-bert"));
  ASSERT_TRUE(outcome.ok) << outcome.message.toStdString();

  const fs::path root = tmp_ / "hf" / "hub" / "models--org--tiny-bert";
  const fs::path snapshot = root / "snapshots" / repo.commit.toStdString();
  EXPECT_EQ(outcome.message.toStdString(), snapshot.string());
  EXPECT_EQ(test::readFile(root / "refs" / "main"), repo.commit.toStdString());
  for (const char* name : {"config.json", "tokenizer.json", "tokenizer_config.json",
                           "special_tokens_map.json", "vocab.txt", "model.safetensors"}) {
    const fs::path link = snapshot / name;
    ASSERT_TRUE(fs::is_symlink(link)) << name;
    const fs::path target = fs::read_symlink(link);
    EXPECT_TRUE(target.is_relative()) << target;
    EXPECT_EQ(target.parent_path(), fs::path("../../blobs")) << name;
    const QByteArray& data = repo.files.at(QString::fromLatin1(name));
    EXPECT_EQ(readBytes(link), data) << name;
    // Blobs are named by the hub's ETag: the SHA-256 for LFS files, the git blob id otherwise.
    const QByteArray expected =
        QByteArray(name) == "model.safetensors" ? sha256Hex(data) : gitBlobId(data);
    EXPECT_EQ(target.filename().string(), expected.toStdString()) << name;
  }
  EXPECT_FALSE(fs::exists(snapshot / "pytorch_model.bin"));
  EXPECT_FALSE(fs::exists(snapshot / "README.md"));
  for (const auto& entry : fs::directory_iterator(root / "blobs")) {
    EXPECT_NE(entry.path().extension(), ".incomplete") << entry.path();
  }

  // The model catalog finds the download as a usable hub-cache model.
  core::DiscoveryOptions options;
  options.hubCacheDir = tmp_ / "hf" / "hub";
  const std::vector<core::CatalogEntry> entries = core::discoverModels(options);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].displayName, "org/tiny-bert");
  EXPECT_EQ(entries[0].source, core::ModelSource::HuggingFaceCache);
  EXPECT_TRUE(entries[0].usable()) << entries[0].problem;
  EXPECT_EQ(entries[0].path, snapshot);

  // The protocol: the API first, a HEAD per file, LFS bytes from the CDN host; anonymous.
  ASSERT_FALSE(hub_.requests().isEmpty());
  EXPECT_EQ(hub_.requests()[0].method, "GET");
  EXPECT_TRUE(hub_.requests()[0].path.startsWith("/api/models/org/tiny-bert/revision/main"));
  int heads = 0;
  for (const HttpRequest& r : hub_.requests()) {
    heads += r.method == "HEAD" ? 1 : 0;
    EXPECT_TRUE(r.header("authorization").isEmpty());
    EXPECT_EQ(r.header("accept-encoding"), "identity");
    EXPECT_TRUE(r.header("user-agent").startsWith("childtune/"));
  }
  EXPECT_EQ(heads, 6);
  EXPECT_EQ(hub_.cdnGets, 1);

  // Progress ends at the total, which is the sum of the file sizes.
  ASSERT_FALSE(outcome.progress.isEmpty());
  qint64 total = 0;
  for (const char* name : {"config.json", "tokenizer.json", "tokenizer_config.json",
                           "special_tokens_map.json", "vocab.txt", "model.safetensors"}) {
    total += repo.files.at(QString::fromLatin1(name)).size();
  }
  EXPECT_EQ(outcome.progress.last().bytesTotal, total);
  EXPECT_EQ(outcome.progress.last().bytesDone, total);

  // A second download finds everything in the cache and transfers nothing.
  const int cdnBefore = hub_.cdnGets;
  HubDownloader again(fromEnv);
  const Outcome second = run(again, QStringLiteral("org/tiny-bert"));
  ASSERT_TRUE(second.ok) << second.message.toStdString();
  EXPECT_EQ(hub_.cdnGets, cdnBefore);
  EXPECT_EQ(second.progress.last().bytesThisSession, 0);
}

TEST_F(HubDownloaderTest, ResumesAnInterruptedTransferWithARangeRequest) {
  FakeRepo repo = tinyBertRepo(tmp_ / "src");
  const QByteArray weights = repo.files.at(QStringLiteral("model.safetensors"));
  ASSERT_GT(weights.size(), 1000);
  const qint64 half = weights.size() / 2;
  repo.cutFirstCdnGetAfter = half;
  hub_.repos[QStringLiteral("tiny-bert")] = repo;

  HubDownloader first(settings());
  const Outcome broken = run(first, QStringLiteral("tiny-bert"));
  ASSERT_FALSE(broken.ok);
  EXPECT_THAT(broken.message.toStdString(), HasSubstr("/cdn/"));
  const fs::path part =
      repoDir("models--tiny-bert") / "blobs" / (sha256Hex(weights).toStdString() + ".incomplete");
  ASSERT_TRUE(fs::exists(part));
  EXPECT_EQ(static_cast<qint64>(fs::file_size(part)), half);
  EXPECT_FALSE(fs::exists(repoDir("models--tiny-bert") / "refs" / "main"));

  HubDownloader second(settings());
  const Outcome resumed = run(second, QStringLiteral("tiny-bert"));
  ASSERT_TRUE(resumed.ok) << resumed.message.toStdString();
  const HttpRequest& lastCdn = hub_.requests().last();
  EXPECT_TRUE(lastCdn.path.startsWith("/cdn/"));
  EXPECT_EQ(lastCdn.header("range"), "bytes=" + QByteArray::number(half) + "-");
  EXPECT_EQ(readBytes(repoDir("models--tiny-bert") / "snapshots" / repo.commit.toStdString() /
                      "model.safetensors"),
            weights);
  EXPECT_FALSE(fs::exists(part));
  // Only the missing half travelled the second time.
  EXPECT_EQ(resumed.progress.last().bytesThisSession, weights.size() - half);
}

TEST_F(HubDownloaderTest, RejectsAFileWhoseSha256DoesNotMatchTheEtag) {
  FakeRepo repo = tinyBertRepo(tmp_ / "src");
  const QByteArray claimed = sha256Hex("something else entirely");
  repo.wrongEtag[QStringLiteral("model.safetensors")] = claimed;
  hub_.repos[QStringLiteral("org/bad")] = repo;

  HubDownloader downloader(settings());
  const Outcome outcome = run(downloader, QStringLiteral("org/bad"));
  ASSERT_FALSE(outcome.ok);
  EXPECT_THAT(outcome.message.toStdString(), HasSubstr("model.safetensors"));
  EXPECT_THAT(outcome.message.toStdString(), HasSubstr("SHA-256"));
  EXPECT_THAT(outcome.message.toStdString(), HasSubstr(claimed.toStdString()));
  const fs::path blobs = repoDir("models--org--bad") / "blobs";
  EXPECT_FALSE(fs::exists(blobs / claimed.toStdString()));
  EXPECT_FALSE(fs::exists(blobs / (claimed.toStdString() + ".incomplete")));
  EXPECT_FALSE(fs::exists(repoDir("models--org--bad") / "snapshots" / repo.commit.toStdString() /
                          "model.safetensors"));
  EXPECT_FALSE(fs::exists(repoDir("models--org--bad") / "refs" / "main"));
}

TEST_F(HubDownloaderTest, RejectsARegularFileWhoseGitBlobIdDoesNotMatch) {
  FakeRepo repo = tinyBertRepo(tmp_ / "src");
  repo.wrongEtag[QStringLiteral("config.json")] = gitBlobId("{}");
  hub_.repos[QStringLiteral("org/bad-config")] = repo;
  HubDownloader downloader(settings());
  const Outcome outcome = run(downloader, QStringLiteral("org/bad-config"));
  ASSERT_FALSE(outcome.ok);
  EXPECT_THAT(outcome.message.toStdString(), HasSubstr("config.json"));
  EXPECT_THAT(outcome.message.toStdString(), HasSubstr("git SHA-1"));
  EXPECT_FALSE(
      fs::exists(repoDir("models--org--bad-config") / "blobs" / gitBlobId("{}").toStdString()));
}

TEST_F(HubDownloaderTest, OfflineModeRefusesWithoutTouchingTheNetwork) {
  hub_.repos[QStringLiteral("org/tiny-bert")] = tinyBertRepo(tmp_ / "src");
  const test::ScopedEnv offline("HF_HUB_OFFLINE", "1");
  const test::ScopedEnv endpoint("HF_ENDPOINT", hub_.endpoint().toString().toStdString());
  const HubSettings fromEnv = HubSettings::fromEnvironment();
  EXPECT_TRUE(fromEnv.offline);
  HubDownloader downloader(fromEnv);
  const Outcome outcome = run(downloader, QStringLiteral("org/tiny-bert"));
  ASSERT_FALSE(outcome.ok);
  EXPECT_THAT(outcome.message.toStdString(), HasSubstr("HF_HUB_OFFLINE"));
  EXPECT_TRUE(hub_.requests().isEmpty());
  {
    const test::ScopedEnv yes("HF_HUB_OFFLINE", "true");
    EXPECT_TRUE(HubSettings::fromEnvironment().offline);
  }
  {
    const test::ScopedEnv no("HF_HUB_OFFLINE", "0");
    EXPECT_FALSE(HubSettings::fromEnvironment().offline);
  }
}

TEST_F(HubDownloaderTest, GatedRepoNeedsTheTokenWhichNeverGoesToTheCdn) {
  FakeRepo repo = tinyBertRepo(tmp_ / "src");
  repo.gated = true;
  hub_.repos[QStringLiteral("org/gated")] = repo;

  HubDownloader anonymous(settings());
  const Outcome refused = run(anonymous, QStringLiteral("org/gated"));
  ASSERT_FALSE(refused.ok);
  EXPECT_THAT(refused.message.toStdString(), HasSubstr("HTTP 401"));
  EXPECT_THAT(refused.message.toStdString(), HasSubstr("HF_TOKEN"));
  EXPECT_THAT(refused.message.toStdString(),
              HasSubstr(hub_.endpoint().toString().toStdString() + "/api/models/org/gated"));
  EXPECT_THAT(refused.message.toStdString(), HasSubstr("is restricted"));

  const test::ScopedEnv token("HF_TOKEN", std::string(FakeHub::kToken));
  HubSettings withToken = settings();
  withToken.token = HubSettings::fromEnvironment().token;
  EXPECT_EQ(withToken.token, QByteArray(FakeHub::kToken));
  HubDownloader authorized(withToken);
  const Outcome outcome = run(authorized, QStringLiteral("org/gated"));
  ASSERT_TRUE(outcome.ok) << outcome.message.toStdString();
  int withAuth = 0;
  for (const HttpRequest& r : hub_.requests()) {
    if (r.path.startsWith("/cdn/")) {
      EXPECT_TRUE(r.header("authorization").isEmpty()) << "token leaked to the CDN host";
    } else if (!r.header("authorization").isEmpty()) {
      EXPECT_EQ(r.header("authorization"), QByteArray("Bearer ") + FakeHub::kToken);
      ++withAuth;
    }
  }
  EXPECT_EQ(withAuth, 12);  // the API call, six HEADs and the five GETs from the hub host
}

TEST_F(HubDownloaderTest, TokenFileFromHuggingfaceCliLogin) {
  test::writeFile(tmp_ / "hf" / "token", "hf_from_file\n");
  const test::ScopedEnv home("HF_HOME", (tmp_ / "hf").string());
  const test::ScopedEnv token("HF_TOKEN", std::nullopt);
  const test::ScopedEnv legacyToken("HUGGING_FACE_HUB_TOKEN", std::nullopt);
  const test::ScopedEnv tokenPath("HF_TOKEN_PATH", std::nullopt);
  EXPECT_EQ(HubSettings::fromEnvironment().token, QByteArray("hf_from_file"));
}

TEST_F(HubDownloaderTest, MissingRepositoryAndMissingWeightsAreClearErrors) {
  HubDownloader downloader(settings());
  const Outcome missing = run(downloader, QStringLiteral("org/nothing-here"));
  ASSERT_FALSE(missing.ok);
  EXPECT_THAT(missing.message.toStdString(), HasSubstr("HTTP 404"));
  EXPECT_THAT(missing.message.toStdString(), HasSubstr("/api/models/org/nothing-here"));
  EXPECT_THAT(missing.message.toStdString(), HasSubstr("org/nothing-here"));

  FakeRepo pickled = tinyBertRepo(tmp_ / "src");
  pickled.files.erase(QStringLiteral("model.safetensors"));
  hub_.repos[QStringLiteral("org/pickled")] = pickled;
  const Outcome noWeights = run(downloader, QStringLiteral("org/pickled"));
  ASSERT_FALSE(noWeights.ok);
  EXPECT_THAT(noWeights.message.toStdString(), HasSubstr("no safetensors"));
  EXPECT_THAT(noWeights.message.toStdString(), HasSubstr("pytorch_model.bin"));

  EXPECT_THAT(HubDownloader::checkRepoId(QStringLiteral("../etc")).toStdString(),
              HasSubstr("not a hub model name"));
  EXPECT_THAT(HubDownloader::checkRepoId(QStringLiteral("a/b/c")).toStdString(),
              HasSubstr("not a hub model name"));
  EXPECT_TRUE(
      HubDownloader::checkRepoId(QStringLiteral("google/electra-large-discriminator")).isEmpty());
  EXPECT_TRUE(HubDownloader::checkRepoId(QStringLiteral("roberta-large")).isEmpty());
  EXPECT_TRUE(HubDownloader::checkRepoId(QStringLiteral("sentence-transformers/all-MiniLM-L6-v2"))
                  .isEmpty());
}

TEST_F(HubDownloaderTest, FollowsAShardedIndex) {
  FakeRepo repo = tinyBertRepo(tmp_ / "src");
  repo.files.erase(QStringLiteral("model.safetensors"));
  repo.files[QStringLiteral("model-00001-of-00002.safetensors")] = QByteArray(3000, 'a');
  repo.files[QStringLiteral("model-00002-of-00002.safetensors")] = QByteArray(2000, 'b');
  repo.files[QStringLiteral("model.safetensors.index.json")] =
      R"({"metadata": {"total_size": 5000}, "weight_map": {
          "a": "model-00001-of-00002.safetensors", "b": "model-00002-of-00002.safetensors",
          "c": "model-00001-of-00002.safetensors"}})";
  hub_.repos[QStringLiteral("org/sharded")] = repo;
  HubDownloader downloader(settings());
  const Outcome outcome = run(downloader, QStringLiteral("org/sharded"));
  ASSERT_TRUE(outcome.ok) << outcome.message.toStdString();
  const fs::path snapshot = fs::path(outcome.message.toStdString());
  EXPECT_EQ(readBytes(snapshot / "model-00001-of-00002.safetensors"), QByteArray(3000, 'a'));
  EXPECT_EQ(readBytes(snapshot / "model-00002-of-00002.safetensors"), QByteArray(2000, 'b'));
  EXPECT_TRUE(fs::exists(snapshot / "model.safetensors.index.json"));

  // An index naming a shard outside the repository is refused.
  FakeRepo hostile = repo;
  hostile.files[QStringLiteral("model.safetensors.index.json")] =
      R"({"weight_map": {"a": "../../../evil.safetensors"}})";
  hub_.repos[QStringLiteral("org/hostile")] = hostile;
  const Outcome refused = run(downloader, QStringLiteral("org/hostile"));
  ASSERT_FALSE(refused.ok);
  EXPECT_THAT(refused.message.toStdString(), HasSubstr("evil.safetensors"));
}

TEST_F(HubDownloaderTest, DialogShowsProgressAndReportsTheDownload) {
  hub_.repos[QStringLiteral("org/tiny-bert")] = tinyBertRepo(tmp_ / "src");
  DownloadDialog dialog(settings());
  dialog.show();
  QSignalSpy done(&dialog, &DownloadDialog::modelDownloaded);
  dialog.setName(QStringLiteral("org/tiny-bert"));
  dialog.startDownload();
  EXPECT_TRUE(dialog.isDownloading());
  ASSERT_TRUE(done.wait(30'000));
  EXPECT_FALSE(dialog.isDownloading());
  EXPECT_EQ(done.first().at(0).toString(), QStringLiteral("org/tiny-bert"));
  EXPECT_THAT(done.first().at(1).toString().toStdString(), HasSubstr("models--org--tiny-bert"));
  auto* bar = dialog.findChild<QProgressBar*>();
  ASSERT_NE(bar, nullptr);
  EXPECT_EQ(bar->value(), bar->maximum());
  EXPECT_TRUE(dialog.errorText().isEmpty());
  fs::create_directories(test::screenshotDir());
  EXPECT_TRUE(dialog.grab().save(
      QString::fromStdString((test::screenshotDir() / "download-dialog-model.png").string())));

  // A failure names the URL and the HTTP status.
  dialog.setName(QStringLiteral("org/unknown"));
  dialog.startDownload();
  for (int i = 0; i < 300 && dialog.isDownloading(); ++i) {
    QTest::qWait(100);
  }
  EXPECT_FALSE(dialog.isDownloading());
  EXPECT_THAT(dialog.errorText().toStdString(), HasSubstr("HTTP 404"));
  EXPECT_THAT(dialog.errorText().toStdString(), HasSubstr("/api/models/org/unknown"));
}

TEST(DownloadDialogFormat, BytesSpeedAndTimeLeft) {
  const QString text = DownloadDialog::formatTransfer(512 * 1000, 1024 * 1000, 256 * 1000);
  EXPECT_THAT(text.toStdString(), HasSubstr(" of "));
  EXPECT_THAT(text.toStdString(), HasSubstr("/s"));
  EXPECT_THAT(text.toStdString(), HasSubstr("2 s left"));
  EXPECT_EQ(DownloadDialog::formatDuration(59), QStringLiteral("59 s"));
  EXPECT_EQ(DownloadDialog::formatDuration(125), QStringLiteral("2 min 5 s"));
  EXPECT_EQ(DownloadDialog::formatDuration(7260), QStringLiteral("2 h 1 min"));
  EXPECT_THAT(DownloadDialog::formatTransfer(10, -1, -1).toStdString(), Not(HasSubstr("left")));
}

}  // namespace
}  // namespace childtune::app
