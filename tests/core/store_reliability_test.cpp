// The run store under bad conditions: files that are not run stores (never overwritten), a
// newer schema, an upgrade from version 1, a full disk, and a reader racing a writer.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstring>
#include <thread>

#include "childtune/run_recorder.h"
#include "childtune/run_store.h"
#include "store/schema.h"
#include "support/test_env.h"

namespace childtune::core {
namespace {

RunConfig config(uint64_t seed = 42) {
  RunConfig c;
  c.modelDir = "/models/tiny";
  c.task = "RTE";
  c.seed = seed;
  return c;
}

StepStats stepAt(int64_t step) {
  StepStats s;
  s.step = step;
  s.totalSteps = 1'000'000;
  s.loss = 1.0 + static_cast<double>(step);  // checkable per row
  s.learningRate = 1e-5;
  s.gradNorm = static_cast<double>(step) * 2.0;
  return s;
}

void rawExec(const std::filesystem::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err != nullptr ? err : "") << " in " << sql;
  sqlite3_free(err);
  sqlite3_close(db);
}

// Opening `path` must fail with `code` and leave every byte as it was.
std::string expectRefusedUntouched(const std::filesystem::path& path, ErrorCode code) {
  const std::string before = test::readFile(path);
  const auto mtime = std::filesystem::last_write_time(path);
  const std::string message = test::errorOf([&] { RunStore store(path); }, code);
  EXPECT_EQ(test::readFile(path), before) << "the file was modified";
  EXPECT_EQ(std::filesystem::last_write_time(path), mtime);
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists(path.string() + "-wal"));
  return message;
}

TEST(StoreReliability, TextFileAtTheStorePathIsRefusedAndNeverOverwritten) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  test::writeFile(path, "these are my lecture notes, not a database\n");
  const auto message = expectRefusedUntouched(path, ErrorCode::Data);
  EXPECT_NE(message.find("not an SQLite database"), std::string::npos) << message;
  EXPECT_NE(message.find("left untouched"), std::string::npos) << message;
}

TEST(StoreReliability, ShortAndBinaryGarbageFilesAreRefused) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  test::writeFile(path, "SQLite");
  expectRefusedUntouched(path, ErrorCode::Data);
  std::string garbage(8192, '\0');
  for (size_t i = 0; i < garbage.size(); ++i) {
    garbage[i] = static_cast<char>((i * 131 + 7) % 256);
  }
  test::writeFile(path, garbage);
  expectRefusedUntouched(path, ErrorCode::Data);
}

TEST(StoreReliability, CorruptSqliteFileIsRefusedAndNeverOverwritten) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  {
    RunStore store(path);
    store.createRun(config(), RunStatus::Queued);
  }
  // Keep the 100-byte header, destroy the schema page behind it.
  std::string bytes = test::readFile(path);
  ASSERT_GT(bytes.size(), 4096u);
  for (size_t i = 100; i < 4096; ++i) {
    bytes[i] = static_cast<char>(0xA5);
  }
  std::filesystem::remove(path);
  test::writeFile(path, bytes);
  const auto message = expectRefusedUntouched(path, ErrorCode::Data);
  EXPECT_NE(message.find("run store"), std::string::npos) << message;
}

TEST(StoreReliability, AnotherProgramsSqliteDatabaseIsRefused) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  rawExec(path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');");
  const auto message = expectRefusedUntouched(path, ErrorCode::Data);
  EXPECT_NE(message.find("another program"), std::string::npos) << message;
}

TEST(StoreReliability, FolderAtTheStorePathIsAnIoError) {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "runs.sqlite");
  test::errorOf([&] { RunStore store(dir / "runs.sqlite"); }, ErrorCode::Io);
}

TEST(StoreReliability, UnwritableFolderIsAClearIoError) {
  if (geteuid() == 0) {
    GTEST_SKIP() << "root ignores folder permissions";
  }
  test::TempDir dir;
  std::filesystem::create_directories(dir / "ro");
  std::filesystem::permissions(
      dir / "ro", std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  const auto message =
      test::errorOf([&] { RunStore store(dir / "ro" / "runs.sqlite"); }, ErrorCode::Io);
  EXPECT_NE(message.find("runs.sqlite"), std::string::npos) << message;
  std::filesystem::permissions(dir / "ro", std::filesystem::perms::owner_all);
}

TEST(StoreReliability, NewerSchemaIsRefusedWithoutChangingIt) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  int64_t id = 0;
  {
    RunStore store(path);
    id = store.createRun(config(), RunStatus::Running);
  }
  rawExec(path, "PRAGMA user_version = " + std::to_string(RunStore::kSchemaVersion + 1));
  // Also a `running` run of a dead owner: the refused open must not mark it interrupted.
  rawExec(path, "UPDATE runs SET owner_pid = 999999999 WHERE id = " + std::to_string(id));
  rawExec(path, "PRAGMA wal_checkpoint(TRUNCATE)");
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
  const auto message = expectRefusedUntouched(path, ErrorCode::Data);
  EXPECT_NE(message.find("newer"), std::string::npos) << message;
  EXPECT_NE(message.find(std::to_string(RunStore::kSchemaVersion + 1)), std::string::npos);
  test::errorOf([&] { RunStore store(path, RunStore::Mode::ReadOnly); }, ErrorCode::Data);
}

TEST(StoreReliability, VersionOneStoreIsUpgradedKeepingItsRuns) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  // A store exactly as version 1 wrote it, with one finished run.
  const std::string json = config(7).toJson();
  std::string escaped;
  for (const char ch : json) {
    escaped += ch;
    if (ch == '\'') {
      escaped += '\'';
    }
  }
  rawExec(path, std::string("PRAGMA journal_mode = WAL;") + store::detail::kSchemaV1 +
                    "PRAGMA application_id = " + std::to_string(store::detail::kApplicationId) +
                    "; PRAGMA user_version = 1;"
                    "INSERT INTO runs (id, created_ms, status, config_json, task, method, "
                    "model_dir, seed, final_combined) VALUES (1, 1700000000000, 'finished', '" +
                    escaped +
                    "', 'RTE', 'vanilla', '/models/tiny', 7, 0.5);"
                    "INSERT INTO steps VALUES (1, 1, 0, 0.7, 1e-5, 1.0, 10.0, 100.0, 0.1, NULL);"
                    "INSERT INTO tags VALUES (1, 'old');");
  // Read-only cannot upgrade and says so.
  const auto message =
      test::errorOf([&] { RunStore store(path, RunStore::Mode::ReadOnly); }, ErrorCode::Data);
  EXPECT_NE(message.find("older schema version 1"), std::string::npos) << message;

  RunStore store(path);
  const auto r = store.run(1);
  EXPECT_EQ(r.seed, 7u);
  EXPECT_EQ(r.status, RunStatus::Finished);
  EXPECT_EQ(r.tags, std::vector<std::string>{"old"});
  EXPECT_EQ(store.steps(1).size(), 1u);
  EXPECT_EQ(store.integrityCheck(), "ok");
  // Version 2's additions work on the upgraded file: seed groups (backfilled key) and maps.
  const int64_t sibling = store.createRun(config(8), RunStatus::Running);
  store.markFinished(sibling);
  const auto groups = store.groupBySeed();
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].runIds, (std::vector<int64_t>{1, sibling}));
  WeightMap m;
  m.name = "w";
  m.mapRows = 1;
  m.mapCols = 1;
  m.fisher = {1.0f};
  m.childFraction = {1.0f};
  store.saveWeightMaps(1, {m});
  EXPECT_EQ(store.weightMapNames(1), std::vector<std::string>{"w"});
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), RunStore::kSchemaVersion);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

// Disk full: a child process with a small file-size limit (RLIMIT_FSIZE; SIGXFSZ ignored so
// writes fail with EFBIG) records steps until the store refuses. The child reports what it saw
// through its exit code and a pipe; the parent then checks the database.
TEST(StoreReliability, FullDiskFailsWithAClearErrorAndLeavesAValidDatabase) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  { RunStore store(path); }  // created before the limit
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    int code = 10;
    std::string report;
    try {
      std::signal(SIGXFSZ, SIG_IGN);
      RecorderOptions options;
      options.batchSteps = 50;
      options.batchInterval = std::chrono::hours(1);
      auto rec = RunRecorder::start(path, config(), nullptr, options);
      struct rlimit limit {};
      const auto size = static_cast<rlim_t>(std::filesystem::file_size(path));
      const auto wal = static_cast<rlim_t>(std::filesystem::file_size(path.string() + "-wal"));
      limit.rlim_cur = limit.rlim_max = std::max(size, wal) + 256 * 1024;
      setrlimit(RLIMIT_FSIZE, &limit);
      try {
        for (int64_t s = 1; s <= 10'000'000; ++s) {
          rec->onStep(stepAt(s));
        }
        report = "no error after 10M steps";
      } catch (const Error& e) {
        report = e.what();
        code = e.code() == ErrorCode::Io ? 0 : 11;
        rec->fail(e);
      }
    } catch (const std::exception& e) {
      report = std::string("setup failed: ") + e.what();
      code = 12;
    }
    (void)!write(fds[1], report.data(), report.size());
    close(fds[1]);
    _exit(code);
  }
  close(fds[1]);
  std::string report;
  char buf[512];
  ssize_t got = 0;
  while ((got = read(fds[0], buf, sizeof buf)) > 0) {
    report.append(buf, static_cast<size_t>(got));
  }
  close(fds[0]);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status)) << "child died: " << report;
  ASSERT_EQ(WEXITSTATUS(status), 0) << report;
  EXPECT_NE(report.find(path.string()), std::string::npos) << report;
  EXPECT_NE(report.find("disk is full"), std::string::npos) << report;

  RunStore store(path);
  EXPECT_EQ(store.integrityCheck(), "ok");
  const auto runs = store.listRuns();
  ASSERT_EQ(runs.size(), 1u);
  // The run either got its failure recorded, or (no space even for that) was left running and
  // is now interrupted because its process is gone.
  EXPECT_TRUE(runs[0].status == RunStatus::Failed || runs[0].status == RunStatus::Interrupted)
      << toString(runs[0].status);
  const auto steps = store.steps(runs[0].id);
  EXPECT_GT(steps.size(), 0u);
  EXPECT_EQ(steps.size() % 50, 0u) << "a partial batch was committed";
  EXPECT_EQ(static_cast<int64_t>(steps.size()), runs[0].lastStep);
  // With the limit gone, the store takes writes again.
  store.appendSteps(runs[0].id, {stepAt(runs[0].lastStep + 1)});
  EXPECT_EQ(store.integrityCheck(), "ok");
}

// A reader on its own connection polls while the recorder commits batches of 50 steps: every
// snapshot holds whole batches, steps 1..n without gaps, each row complete.
TEST(StoreReliability, ConcurrentReaderNeverSeesAPartialBatch) {
  test::TempDir dir;
  const auto path = dir / "runs.sqlite";
  RecorderOptions options;
  options.batchSteps = 50;
  options.batchInterval = std::chrono::hours(1);
  auto rec = RunRecorder::start(path, config(), nullptr, options);
  const int64_t id = rec->runId();
  constexpr int64_t kSteps = 5000;
  std::atomic<bool> done{false};
  std::atomic<int> snapshots{0};
  std::atomic<int> partial{0};
  std::atomic<int> distinctSizes{0};
  std::string readerError;
  std::thread reader([&] {
    try {
      RunStore store(path, RunStore::Mode::ReadOnly);
      size_t last = 0;
      while (!done.load()) {
        const auto steps = store.steps(id);
        ++snapshots;
        if (steps.size() != last) {
          ++distinctSizes;
          last = steps.size();
        }
        if (steps.size() % 50 != 0) {
          ++partial;
        }
        for (size_t i = 0; i < steps.size(); ++i) {
          const auto expected = stepAt(static_cast<int64_t>(i + 1));
          if (steps[i].step != expected.step || steps[i].loss != expected.loss ||
              steps[i].gradNorm != expected.gradNorm) {
            ++partial;
            break;
          }
        }
      }
    } catch (const std::exception& e) {
      readerError = e.what();
    }
  });
  for (int64_t s = 1; s <= kSteps; ++s) {
    rec->onStep(stepAt(s));
    if (s % 50 == 0) {
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
  }
  rec->finish();
  done = true;
  reader.join();
  EXPECT_TRUE(readerError.empty()) << readerError;
  EXPECT_EQ(partial.load(), 0);
  EXPECT_GT(snapshots.load(), 10);
  EXPECT_GT(distinctSizes.load(), 3) << "the reader never saw the run in progress";
  RunStore store(path);
  EXPECT_EQ(store.steps(id).size(), static_cast<size_t>(kSteps));
}

}  // namespace
}  // namespace childtune::core
