#include "store/schema.h"

#include <array>
#include <fstream>
#include <vector>

#include "childtune/error.h"
#include "childtune/run_store.h"

namespace childtune::core::store::detail {

// Masks and weight maps are rowid tables: WITHOUT ROWID suits small rows only.
const char* const kSchemaV1 = R"sql(
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  created_ms INTEGER NOT NULL,
  started_ms INTEGER,
  finished_ms INTEGER,
  status TEXT NOT NULL CHECK (status IN
    ('queued', 'running', 'finished', 'failed', 'stopped', 'interrupted')),
  config_json TEXT NOT NULL,
  task TEXT NOT NULL,
  method TEXT NOT NULL,
  model_dir TEXT NOT NULL,
  seed INTEGER NOT NULL,
  weights_sha256 TEXT NOT NULL DEFAULT '',
  device TEXT NOT NULL DEFAULT '',
  program_version TEXT NOT NULL DEFAULT '',
  error_text TEXT NOT NULL DEFAULT '',
  total_steps INTEGER NOT NULL DEFAULT 0,
  last_step INTEGER NOT NULL DEFAULT 0,
  train_examples INTEGER NOT NULL DEFAULT 0,
  num_layers INTEGER NOT NULL DEFAULT 0,
  final_combined REAL,
  notes TEXT NOT NULL DEFAULT '',
  owner_host TEXT NOT NULL DEFAULT '',
  owner_boot_id TEXT NOT NULL DEFAULT '',
  owner_pid INTEGER NOT NULL DEFAULT 0,
  owner_start INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_by_created ON runs(created_ms);
CREATE INDEX runs_by_task ON runs(task COLLATE NOCASE, method);
CREATE INDEX runs_by_status ON runs(status);
CREATE TABLE data_files (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (run_id, path)
) WITHOUT ROWID;
CREATE TABLE steps (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  epoch INTEGER NOT NULL,
  loss REAL NOT NULL,
  lr REAL NOT NULL,
  grad_norm REAL NOT NULL,
  examples_per_s REAL NOT NULL,
  tokens_per_s REAL NOT NULL,
  elapsed_s REAL NOT NULL,
  mask_density BLOB,
  PRIMARY KEY (run_id, step)
) WITHOUT ROWID;
CREATE TABLE evaluations (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  epoch INTEGER NOT NULL,
  split TEXT NOT NULL,
  combined REAL NOT NULL,
  loss REAL NOT NULL
);
CREATE INDEX evaluations_by_run ON evaluations(run_id, step);
CREATE TABLE eval_metrics (
  eval_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  metric TEXT NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (eval_id, ordinal)
) WITHOUT ROWID;
CREATE TABLE final_metrics (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  metric TEXT NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (run_id, ordinal)
) WITHOUT ROWID;
CREATE TABLE fisher_summaries (
  run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  p_d REAL NOT NULL,
  threshold REAL NOT NULL,
  selected INTEGER NOT NULL,
  total INTEGER NOT NULL,
  batches INTEGER NOT NULL,
  num_layers INTEGER NOT NULL,
  kinds TEXT NOT NULL,
  hist_log10_min REAL NOT NULL,
  hist_log10_max REAL NOT NULL,
  overall_zeros INTEGER NOT NULL,
  overall_counts BLOB NOT NULL
);
CREATE TABLE fisher_cells (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  layer INTEGER NOT NULL,
  kind TEXT NOT NULL,
  elements INTEGER NOT NULL,
  selected INTEGER NOT NULL,
  mean REAL NOT NULL,
  median REAL NOT NULL,
  max REAL NOT NULL,
  zeros INTEGER NOT NULL,
  counts BLOB NOT NULL,
  PRIMARY KEY (run_id, ordinal)
) WITHOUT ROWID;
CREATE TABLE fisher_tensors (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  name TEXT NOT NULL,
  layer INTEGER NOT NULL,
  kind TEXT NOT NULL,
  shape TEXT NOT NULL,
  elements INTEGER NOT NULL,
  selected INTEGER NOT NULL,
  mean REAL NOT NULL,
  max REAL NOT NULL,
  PRIMARY KEY (run_id, ordinal)
) WITHOUT ROWID;
CREATE TABLE masks (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  name TEXT NOT NULL,
  shape TEXT NOT NULL,
  selected INTEGER NOT NULL,
  encoding INTEGER NOT NULL,
  raw_size INTEGER NOT NULL,
  bits BLOB NOT NULL,
  UNIQUE (run_id, name)
);
CREATE TABLE checkpoints (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  dir TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (run_id, step)
) WITHOUT ROWID;
CREATE TABLE tags (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (run_id, tag)
) WITHOUT ROWID;
CREATE INDEX tags_by_tag ON tags(tag);
)sql";

namespace {

const char* const kMigrateV1ToV2 = R"sql(
ALTER TABLE runs ADD COLUMN config_key TEXT NOT NULL DEFAULT '';
CREATE INDEX runs_by_config_key ON runs(config_key);
CREATE TABLE weight_maps (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  rows INTEGER NOT NULL,
  cols INTEGER NOT NULL,
  map_rows INTEGER NOT NULL,
  map_cols INTEGER NOT NULL,
  threshold REAL NOT NULL,
  encoding INTEGER NOT NULL,
  raw_size INTEGER NOT NULL,
  data BLOB NOT NULL,
  UNIQUE (run_id, name)
);
)sql";

int64_t pragmaInt(Database& db, const std::string& pragma) {
  auto& st = db.prepare("PRAGMA " + pragma);
  const int64_t value = st.step() ? st.columnInt(0) : 0;
  st.reset();
  return value;
}

void backfillConfigKeys(Database& db) {
  std::vector<std::pair<int64_t, std::string>> rows;
  auto& select = db.prepare("SELECT id, config_json FROM runs");
  while (select.step()) {
    rows.emplace_back(select.columnInt(0), select.columnText(1));
  }
  select.reset();
  auto& update = db.prepare("UPDATE runs SET config_key = ?2 WHERE id = ?1");
  for (const auto& [id, json] : rows) {
    update.bind(1, id).bind(2, configGroupKey(json)).run();
  }
}

}  // namespace

void checkSqliteHeader(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return;
  }
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw Error(ErrorCode::Io, path.string() + ": the run store path is not a regular file",
                "pass --store PATH with a file name");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorCode::Io, path.string() + ": cannot read the run store");
  }
  std::array<char, 16> header{};
  in.read(header.data(), header.size());
  const auto got = in.gcount();
  if (got == 0) {
    return;  // empty file: SQLite treats it as an empty database
  }
  // "SQLite format 3" and its terminating NUL: the first 16 bytes of every SQLite 3 database.
  static constexpr char kMagic[] = "SQLite format 3";
  static_assert(sizeof kMagic == 16);
  if (got < 16 || std::string_view(header.data(), 16) != std::string_view(kMagic, sizeof kMagic)) {
    throw Error(ErrorCode::Data,
                path.string() + ": not a ChildTune run store (not an SQLite database)",
                "the file was left untouched; move it aside or pass --store PATH");
  }
}

void prepareSchema(Database& db, int targetVersion, bool readWrite) {
  const std::string name = db.path().string();
  const int64_t appId = pragmaInt(db, "application_id");
  const int64_t version = pragmaInt(db, "user_version");
  int64_t objects = 0;
  {
    auto& st = db.prepare("SELECT count(*) FROM sqlite_master");
    objects = st.step() ? st.columnInt(0) : 0;
    st.reset();
  }
  const bool fresh = appId == 0 && version == 0 && objects == 0;
  if (!fresh && appId != kApplicationId) {
    throw Error(ErrorCode::Data,
                name + ": not a ChildTune run store (an SQLite database of another program)",
                "the file was left untouched; pass --store PATH to use another file");
  }
  if (version > targetVersion) {
    throw Error(ErrorCode::Data,
                name + ": the run store has schema version " + std::to_string(version) +
                    ", newer than this ChildTune understands (" + std::to_string(targetVersion) +
                    ")",
                "use a newer ChildTune, or pass --store PATH to use another file");
  }
  if (!readWrite) {
    if (fresh) {
      throw Error(ErrorCode::Data, name + ": no run store here (the file is empty)");
    }
    if (version < targetVersion) {
      throw Error(ErrorCode::Data,
                  name + ": the run store has the older schema version " + std::to_string(version) +
                      " and is opened read-only",
                  "open it once read-write (any childtune-cli runs command) to upgrade it");
    }
    return;
  }
  db.exec("PRAGMA journal_mode = WAL");
  // Another process may upgrade at the same time: decide again inside the write lock.
  Transaction tx(db);
  const int64_t current = pragmaInt(db, "user_version");
  if (current == targetVersion) {
    return;  // rolled back: nothing to do
  }
  if (current < 1) {
    db.exec(kSchemaV1);
  }
  if (current < 2 && targetVersion >= 2) {
    db.exec(kMigrateV1ToV2);
    backfillConfigKeys(db);
  }
  db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
  db.exec("PRAGMA user_version = " + std::to_string(targetVersion));
  tx.commit();
}

}  // namespace childtune::core::store::detail
