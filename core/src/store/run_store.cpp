#include "childtune/run_store.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "childtune/error.h"
#include "childtune/model_catalog.h"
#include "store/blob_codec.h"
#include "store/process_identity.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "util/sha256.h"

namespace childtune::core {

using store::detail::Database;
using store::detail::Statement;
using store::detail::Transaction;

namespace {

constexpr std::array<std::string_view, 6> kStatusNames = {"queued", "running", "finished",
                                                          "failed", "stopped", "interrupted"};

// Keys that neither identify an experiment nor change its results (checkpoints restore the run
// bit for bit), plus the seed: runs that differ only here belong to one seed group.
const std::set<std::string, std::less<>> kIgnoredForGrouping = {
    "seed", "out_dir", "threads", "checkpoint_every", "keep_checkpoints", "save_model"};

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string shapeJson(const std::vector<int64_t>& shape) { return nlohmann::json(shape).dump(); }

std::vector<int64_t> parseShape(const std::string& text, const std::string& what) {
  try {
    return nlohmann::json::parse(text).get<std::vector<int64_t>>();
  } catch (const std::exception&) {
    throw Error(ErrorCode::Data, what + ": bad stored shape '" + text + "'");
  }
}

ModuleKind parseKind(const std::string& text) {
  for (int k = 0; k < kNumModuleKinds; ++k) {
    const auto kind = static_cast<ModuleKind>(k);
    if (toString(kind) == text) {
      return kind;
    }
  }
  return ModuleKind::Other;
}

// The columns of RunRecord in `runs`, in the order readRecord() expects.
constexpr const char* kRunColumns =
    "r.id, r.name, r.created_ms, r.started_ms, r.finished_ms, r.status, r.config_json, r.task, "
    "r.method, r.model_dir, r.seed, r.weights_sha256, r.device, r.program_version, "
    "r.error_text, r.total_steps, r.last_step, r.train_examples, r.num_layers, "
    "r.final_combined, r.notes, r.owner_host, r.owner_pid";

// WHERE clause with parameters ?1..?7 bound by bindFilter().
constexpr const char* kFilterWhere =
    " WHERE (?1 IS NULL OR r.task = ?1 COLLATE NOCASE)"
    " AND (?2 IS NULL OR r.method = ?2)"
    " AND (?3 IS NULL OR r.status = ?3)"
    " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM tags t WHERE t.run_id = r.id AND t.tag = ?4))"
    " AND (?5 IS NULL OR r.model_dir = ?5 OR rtrim(r.model_dir, '/') = ?5"
    "      OR (substr(rtrim(r.model_dir, '/'), -length(?5)) = ?5"
    "          AND substr(rtrim(r.model_dir, '/'), -length(?5) - 1, 1) = '/'))"
    " AND (?6 IS NULL OR r.created_ms >= ?6)"
    " AND (?7 IS NULL OR r.created_ms < ?7)";

void bindFilter(Statement& st, const RunFilter& f) {
  auto text = [&](int index, const std::optional<std::string>& v) {
    v ? st.bind(index, *v) : st.bindNull(index);
  };
  text(1, f.task);
  text(2, f.method);
  f.status ? st.bind(3, toString(*f.status)) : st.bindNull(3);
  text(4, f.tag);
  text(5, f.model);
  f.createdAfterMs ? st.bind(6, *f.createdAfterMs) : st.bindNull(6);
  f.createdBeforeMs ? st.bind(7, *f.createdBeforeMs) : st.bindNull(7);
}

std::string orderBy(RunSort sort, bool descending) {
  const std::string dir = descending ? " DESC" : " ASC";
  switch (sort) {
    case RunSort::Created:
      return " ORDER BY r.created_ms" + dir + ", r.id" + dir;
    case RunSort::Task:
      return " ORDER BY r.task COLLATE NOCASE" + dir + ", r.id" + dir;
    case RunSort::Method:
      return " ORDER BY r.method" + dir + ", r.id" + dir;
    case RunSort::Status:
      return " ORDER BY r.status" + dir + ", r.id" + dir;
    case RunSort::Model:
      return " ORDER BY r.model_dir" + dir + ", r.id" + dir;
    case RunSort::FinalScore:
      // Runs without a score come last either way.
      return " ORDER BY r.final_combined IS NULL, r.final_combined" + dir + ", r.id" + dir;
    case RunSort::Name:
      return " ORDER BY r.name" + dir + ", r.id" + dir;
  }
  return " ORDER BY r.id" + dir;
}

const char* stepColumn(StepMetric metric) {
  switch (metric) {
    case StepMetric::Loss:
      return "loss";
    case StepMetric::LearningRate:
      return "lr";
    case StepMetric::GradNorm:
      return "grad_norm";
    case StepMetric::ExamplesPerSecond:
      return "examples_per_s";
    case StepMetric::TokensPerSecond:
      return "tokens_per_s";
  }
  return "loss";
}

void addMetricSummary(std::vector<MetricSummary>& out, const std::string& metric,
                      const std::vector<double>& values) {
  if (values.empty()) {
    return;
  }
  MetricSummary s;
  s.metric = metric;
  s.count = static_cast<int64_t>(values.size());
  double sum = 0.0;
  s.min = values.front();
  s.max = values.front();
  for (const double v : values) {
    sum += v;
    s.min = std::min(s.min, v);
    s.max = std::max(s.max, v);
  }
  s.mean = sum / static_cast<double>(values.size());
  if (values.size() > 1) {
    double squares = 0.0;
    for (const double v : values) {
      squares += (v - s.mean) * (v - s.mean);
    }
    s.std = std::sqrt(squares / static_cast<double>(values.size() - 1));
  }
  out.push_back(std::move(s));
}

}  // namespace

std::string_view toString(RunStatus status) { return kStatusNames[static_cast<size_t>(status)]; }

std::optional<RunStatus> parseRunStatus(std::string_view text) {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == text) {
      return static_cast<RunStatus>(i);
    }
  }
  return std::nullopt;
}

std::string_view toString(StepMetric metric) {
  switch (metric) {
    case StepMetric::Loss:
      return "loss";
    case StepMetric::LearningRate:
      return "lr";
    case StepMetric::GradNorm:
      return "grad_norm";
    case StepMetric::ExamplesPerSecond:
      return "examples_per_second";
    case StepMetric::TokensPerSecond:
      return "tokens_per_second";
  }
  return "loss";
}

std::vector<CurvePoint> decimateMinMax(const std::vector<CurvePoint>& points, size_t maxPoints) {
  maxPoints = std::max<size_t>(maxPoints, 4);
  if (points.size() <= maxPoints) {
    return points;
  }
  // First and last are kept apart; the interior is cut into buckets of (nearly) equal count,
  // each contributing its minimum and maximum.
  const size_t interior = points.size() - 2;
  const size_t buckets = (maxPoints - 2) / 2;
  std::vector<CurvePoint> out;
  out.reserve(maxPoints);
  out.push_back(points.front());
  for (size_t b = 0; b < buckets; ++b) {
    const size_t begin = 1 + b * interior / buckets;
    const size_t end = 1 + (b + 1) * interior / buckets;
    if (begin >= end) {
      continue;
    }
    size_t lo = begin;
    size_t hi = begin;
    for (size_t i = begin + 1; i < end; ++i) {
      if (points[i].y < points[lo].y) {
        lo = i;
      }
      if (points[i].y > points[hi].y) {
        hi = i;
      }
    }
    out.push_back(points[std::min(lo, hi)]);
    if (lo != hi) {
      out.push_back(points[std::max(lo, hi)]);
    }
  }
  out.push_back(points.back());
  return out;
}

std::string configGroupKey(const std::string& configJson) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(configJson);
  } catch (const std::exception& e) {
    throw Error(ErrorCode::Data, std::string("stored run configuration is not JSON: ") + e.what());
  }
  if (j.is_object()) {
    for (const auto& key : kIgnoredForGrouping) {
      j.erase(key);
    }
  }
  // nlohmann::json (not ordered_json) sorts keys, so the text is canonical.
  const std::string canonical = j.dump();
  return util::sha256Hex(canonical.data(), canonical.size());
}

struct RunStore::Impl {
  Impl(const std::filesystem::path& p, Mode m)
      : path(p),
        db(checkedPath(p, m),
           m == Mode::ReadWrite ? Database::Mode::ReadWrite : Database::Mode::ReadOnly),
        mode(m) {}

  // Before SQLite sees the file: refuse a non-SQLite file (so it is never written to) and
  // create the folder of a new store.
  static const std::filesystem::path& checkedPath(const std::filesystem::path& p, Mode m) {
    store::detail::checkSqliteHeader(p);
    if (m == Mode::ReadWrite && p.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(p.parent_path(), ec);
      if (ec) {
        throw Error(ErrorCode::Io, p.parent_path().string() +
                                       ": cannot create the run store folder (" + ec.message() +
                                       ")");
      }
    }
    return p;
  }

  std::filesystem::path path;
  Database db;
  Mode mode;
  std::vector<int64_t> interrupted;

  void requireWritable() const {
    if (mode != Mode::ReadWrite) {
      throw Error(ErrorCode::Internal, path.string() + ": run store opened read-only");
    }
  }

  void requireRun(int64_t runId) {
    auto& st = db.prepare("SELECT 1 FROM runs WHERE id = ?1");
    st.bind(1, runId);
    const bool found = st.step();
    st.reset();
    if (!found) {
      throw Error(ErrorCode::Data,
                  "no run " + std::to_string(runId) + " in the run store " + path.string(),
                  "list the runs with: childtune-cli runs list");
    }
  }

  RunRecord readRecord(Statement& st) {
    RunRecord r;
    r.id = st.columnInt(0);
    r.name = st.columnText(1);
    r.createdMs = st.columnInt(2);
    if (!st.columnIsNull(3)) {
      r.startedMs = st.columnInt(3);
    }
    if (!st.columnIsNull(4)) {
      r.finishedMs = st.columnInt(4);
    }
    r.status = parseRunStatus(st.columnText(5)).value_or(RunStatus::Failed);
    r.configJson = st.columnText(6);
    r.task = st.columnText(7);
    r.method = st.columnText(8);
    r.modelDir = st.columnText(9);
    r.seed = static_cast<uint64_t>(st.columnInt(10));
    r.weightsSha256 = st.columnText(11);
    r.device = st.columnText(12);
    r.programVersion = st.columnText(13);
    r.errorText = st.columnText(14);
    r.totalSteps = st.columnInt(15);
    r.lastStep = st.columnInt(16);
    r.trainExamples = st.columnInt(17);
    r.numLayers = static_cast<int>(st.columnInt(18));
    r.finalCombined = st.columnOptionalDouble(19);
    r.notes = st.columnText(20);
    r.ownerHost = st.columnText(21);
    r.ownerPid = st.columnInt(22);
    return r;
  }

  // Tags, data files and final metrics: separate statements (the outer one is still stepping).
  void completeRecord(RunRecord& r) {
    auto& tags = db.prepare("SELECT tag FROM tags WHERE run_id = ?1 ORDER BY tag");
    tags.bind(1, r.id);
    while (tags.step()) {
      r.tags.push_back(tags.columnText(0));
    }
    tags.reset();
    auto& files = db.prepare("SELECT path, sha256 FROM data_files WHERE run_id = ?1 ORDER BY path");
    files.bind(1, r.id);
    while (files.step()) {
      r.dataFiles.emplace_back(files.columnText(0), files.columnText(1));
    }
    files.reset();
    auto& metrics =
        db.prepare("SELECT metric, value FROM final_metrics WHERE run_id = ?1 ORDER BY ordinal");
    metrics.bind(1, r.id);
    while (metrics.step()) {
      r.finalMetrics.emplace_back(metrics.columnText(0), metrics.columnDouble(1));
    }
    metrics.reset();
  }

  void setOwner(int64_t runId, bool clear) {
    const auto self = store::detail::currentProcess();
    auto& st = db.prepare(
        "UPDATE runs SET owner_host = ?2, owner_boot_id = ?3, owner_pid = ?4, owner_start = ?5 "
        "WHERE id = ?1");
    st.bind(1, runId);
    if (clear) {
      st.bind(2, "").bind(3, "").bind(4, int64_t{0}).bind(5, int64_t{0});
    } else {
      st.bind(2, self.host).bind(3, self.bootId).bind(4, self.pid).bind(5, self.startTicks);
    }
    st.run();
  }
};

RunStore::RunStore(const std::filesystem::path& path, Mode mode)
    : impl_(std::make_unique<Impl>(path, mode)) {
  auto& db = impl_->db;
  db.exec("PRAGMA busy_timeout = 10000");
  store::detail::prepareSchema(db, kSchemaVersion, mode == Mode::ReadWrite);
  db.exec("PRAGMA foreign_keys = ON");
  if (mode == Mode::ReadWrite) {
    // WAL + NORMAL: a commit survives a killed process (not a power cut), and commits stay
    // cheap enough for the training thread.
    db.exec("PRAGMA synchronous = NORMAL");
    impl_->interrupted = markStaleRunsInterrupted();
  }
}

RunStore::~RunStore() = default;
RunStore::RunStore(RunStore&&) noexcept = default;
RunStore& RunStore::operator=(RunStore&&) noexcept = default;

std::filesystem::path RunStore::defaultPath() { return childtuneHome() / "runs.sqlite"; }

const std::filesystem::path& RunStore::path() const { return impl_->path; }

const std::vector<int64_t>& RunStore::interruptedOnOpen() const { return impl_->interrupted; }

std::vector<int64_t> RunStore::markStaleRunsInterrupted() {
  impl_->requireWritable();
  auto& db = impl_->db;
  std::vector<std::pair<int64_t, int64_t>> stale;  // run id, owner pid
  auto& select = db.prepare(
      "SELECT id, owner_host, owner_boot_id, owner_pid, owner_start FROM runs "
      "WHERE status = 'running'");
  while (select.step()) {
    store::detail::ProcessIdentity owner;
    owner.host = select.columnText(1);
    owner.bootId = select.columnText(2);
    owner.pid = select.columnInt(3);
    owner.startTicks = select.columnInt(4);
    if (store::detail::liveness(owner) == store::detail::Liveness::Gone) {
      stale.emplace_back(select.columnInt(0), owner.pid);
    }
  }
  select.reset();
  if (stale.empty()) {
    return {};
  }
  Transaction tx(db);
  // Re-checked inside the write lock: the owner may have finished the run meanwhile, or
  // another process may have resumed it.
  auto& update = db.prepare(
      "UPDATE runs SET status = 'interrupted', finished_ms = ?2, "
      "error_text = 'the process running it ended unexpectedly (pid ' || owner_pid || ')' "
      "WHERE id = ?1 AND status = 'running' AND owner_pid = ?3");
  std::vector<int64_t> marked;
  for (const auto& [id, pid] : stale) {
    update.bind(1, id).bind(2, nowMs()).bind(3, pid).run();
    if (db.changes() > 0) {
      marked.push_back(id);
    }
  }
  tx.commit();
  return marked;
}

struct RunStore::Batch::Impl {
  explicit Impl(Database& db) : tx(db) {}
  Transaction tx;
};

RunStore::Batch::Batch(RunStore& store) : impl_(std::make_unique<Impl>(store.impl_->db)) {
  store.impl_->requireWritable();
}
RunStore::Batch::~Batch() = default;
void RunStore::Batch::commit() { impl_->tx.commit(); }

int64_t RunStore::createRun(const RunConfig& config, RunStatus status, const std::string& name) {
  impl_->requireWritable();
  config.validate();
  const std::string json = config.toJson();
  auto& db = impl_->db;
  Transaction tx(db);
  auto& st = db.prepare(
      "INSERT INTO runs (name, created_ms, started_ms, status, config_json, task, method, "
      "model_dir, seed, config_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  const int64_t now = nowMs();
  st.bind(1, name).bind(2, now);
  status == RunStatus::Running ? st.bind(3, now) : st.bindNull(3);
  st.bind(4, toString(status))
      .bind(5, json)
      .bind(6, config.task)
      .bind(7, toString(config.method))
      .bind(8, config.modelDir)
      .bind(9, static_cast<int64_t>(config.seed))
      .bind(10, configGroupKey(json))
      .run();
  const int64_t id = db.lastInsertId();
  if (status == RunStatus::Running) {
    impl_->setOwner(id, false);
  }
  tx.commit();
  return id;
}

void RunStore::markRunning(int64_t runId) {
  impl_->requireWritable();
  impl_->requireRun(runId);
  Transaction tx(impl_->db);
  auto& st = impl_->db.prepare(
      "UPDATE runs SET status = 'running', started_ms = ?2, finished_ms = NULL, "
      "error_text = '' WHERE id = ?1");
  st.bind(1, runId).bind(2, nowMs()).run();
  impl_->setOwner(runId, false);
  tx.commit();
}

void RunStore::markFinished(int64_t runId) {
  impl_->requireWritable();
  impl_->requireRun(runId);
  auto& db = impl_->db;
  Transaction tx(db);
  // The main split is the first one evaluated; its last evaluation is the reported result.
  auto& last = db.prepare(
      "SELECT id, combined FROM evaluations WHERE run_id = ?1 AND split = "
      "(SELECT split FROM evaluations WHERE run_id = ?1 ORDER BY id LIMIT 1) "
      "ORDER BY step DESC, id DESC LIMIT 1");
  last.bind(1, runId);
  std::optional<int64_t> evalId;
  std::optional<double> combined;
  if (last.step()) {
    evalId = last.columnInt(0);
    combined = last.columnDouble(1);
  }
  last.reset();
  db.prepare("DELETE FROM final_metrics WHERE run_id = ?1").bind(1, runId).run();
  if (evalId) {
    db.prepare(
          "INSERT INTO final_metrics (run_id, ordinal, metric, value) "
          "SELECT ?1, ordinal, metric, value FROM eval_metrics WHERE eval_id = ?2")
        .bind(1, runId)
        .bind(2, *evalId)
        .run();
  }
  auto& st = db.prepare(
      "UPDATE runs SET status = 'finished', finished_ms = ?2, final_combined = ?3, "
      "error_text = '' WHERE id = ?1");
  st.bind(1, runId).bind(2, nowMs()).bindOptional(3, combined).run();
  impl_->setOwner(runId, true);
  tx.commit();
}

void RunStore::markEnded(int64_t runId, RunStatus status, const std::string& errorText) {
  impl_->requireWritable();
  if (status != RunStatus::Failed && status != RunStatus::Stopped &&
      status != RunStatus::Interrupted) {
    throw Error(ErrorCode::Internal, "markEnded needs failed, stopped or interrupted, got " +
                                         std::string(toString(status)));
  }
  impl_->requireRun(runId);
  Transaction tx(impl_->db);
  auto& st = impl_->db.prepare(
      "UPDATE runs SET status = ?2, finished_ms = ?3, error_text = ?4 WHERE id = ?1");
  st.bind(1, runId).bind(2, toString(status)).bind(3, nowMs()).bind(4, errorText).run();
  impl_->setOwner(runId, true);
  tx.commit();
}

void RunStore::setInputs(int64_t runId, const RunInputs& inputs) {
  impl_->requireWritable();
  impl_->requireRun(runId);
  auto& db = impl_->db;
  Transaction tx(db);
  db.prepare(
        "UPDATE runs SET weights_sha256 = ?2, device = ?3, program_version = ?4, "
        "train_examples = ?5, total_steps = ?6, num_layers = ?7 WHERE id = ?1")
      .bind(1, runId)
      .bind(2, inputs.weightsSha256)
      .bind(3, inputs.device)
      .bind(4, inputs.programVersion)
      .bind(5, inputs.trainExamples)
      .bind(6, inputs.totalSteps)
      .bind(7, inputs.numLayers)
      .run();
  db.prepare("DELETE FROM data_files WHERE run_id = ?1").bind(1, runId).run();
  auto& file = db.prepare("INSERT INTO data_files (run_id, path, sha256) VALUES (?1, ?2, ?3)");
  for (const auto& [path, sha] : inputs.dataFiles) {
    file.bind(1, runId).bind(2, path).bind(3, sha).run();
  }
  tx.commit();
}

void RunStore::appendSteps(int64_t runId, const std::vector<StepStats>& steps) {
  impl_->requireWritable();
  if (steps.empty()) {
    return;
  }
  auto& db = impl_->db;
  Transaction tx(db);
  auto& insert = db.prepare(
      "INSERT INTO steps (run_id, step, epoch, loss, lr, grad_norm, examples_per_s, "
      "tokens_per_s, elapsed_s, mask_density) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  for (const auto& s : steps) {
    insert.bind(1, runId)
        .bind(2, s.step)
        .bind(3, s.epoch)
        .bind(4, s.loss)
        .bind(5, s.learningRate)
        .bind(6, s.gradNorm)
        .bind(7, s.examplesPerSecond)
        .bind(8, s.tokensPerSecond)
        .bind(9, s.elapsedSeconds);
    if (s.maskDensityByLayer.empty()) {
      insert.bindNull(10);
    } else {
      const auto packed = store::detail::packDoubles(s.maskDensityByLayer);
      insert.bindBlob(10, packed.data(), packed.size());
    }
    insert.run();
  }
  // lastStep moves in the same transaction as the rows: readers and a killed process see
  // either the whole batch or none of it.
  auto& update = db.prepare(
      "UPDATE runs SET last_step = ?2, total_steps = max(total_steps, ?3) WHERE id = ?1");
  update.bind(1, runId).bind(2, steps.back().step).bind(3, steps.back().totalSteps).run();
  if (db.changes() == 0) {
    impl_->requireRun(runId);
  }
  tx.commit();
}

void RunStore::addEvaluation(int64_t runId, const EvalStats& eval) {
  impl_->requireWritable();
  auto& db = impl_->db;
  Transaction tx(db);
  // A resumed run may evaluate the checkpoint's step again: the newer evaluation replaces it.
  db.prepare("DELETE FROM evaluations WHERE run_id = ?1 AND step = ?2 AND split = ?3")
      .bind(1, runId)
      .bind(2, eval.step)
      .bind(3, eval.split)
      .run();
  db.prepare(
        "INSERT INTO evaluations (run_id, step, epoch, split, combined, loss) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, runId)
      .bind(2, eval.step)
      .bind(3, eval.epoch)
      .bind(4, eval.split)
      .bind(5, eval.combined)
      .bind(6, eval.loss)
      .run();
  const int64_t evalId = db.lastInsertId();
  auto& metric = db.prepare(
      "INSERT INTO eval_metrics (eval_id, ordinal, metric, value) VALUES (?1, ?2, ?3, ?4)");
  int64_t ordinal = 0;
  for (const auto& [name, value] : eval.metrics) {
    metric.bind(1, evalId).bind(2, ordinal++).bind(3, name).bind(4, value).run();
  }
  tx.commit();
}

void RunStore::saveFisherSummary(int64_t runId, const FisherSummary& s) {
  impl_->requireWritable();
  impl_->requireRun(runId);
  auto& db = impl_->db;
  Transaction tx(db);
  db.prepare("DELETE FROM fisher_summaries WHERE run_id = ?1").bind(1, runId).run();
  db.prepare("DELETE FROM fisher_cells WHERE run_id = ?1").bind(1, runId).run();
  db.prepare("DELETE FROM fisher_tensors WHERE run_id = ?1").bind(1, runId).run();
  nlohmann::json kinds = nlohmann::json::array();
  for (const auto kind : s.kinds) {
    kinds.push_back(std::string(toString(kind)));
  }
  const auto overall = store::detail::packInt64s(s.overall.counts);
  db.prepare(
        "INSERT INTO fisher_summaries (run_id, p_d, threshold, selected, total, batches, "
        "num_layers, kinds, hist_log10_min, hist_log10_max, overall_zeros, overall_counts) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
      .bind(1, runId)
      .bind(2, s.pD)
      .bind(3, s.threshold)
      .bind(4, s.selected)
      .bind(5, s.total)
      .bind(6, s.batches)
      .bind(7, s.numLayers)
      .bind(8, kinds.dump())
      .bind(9, s.overall.log10Min)
      .bind(10, s.overall.log10Max)
      .bind(11, s.overall.zeros)
      .bindBlob(12, overall.data(), overall.size())
      .run();
  auto& cell = db.prepare(
      "INSERT INTO fisher_cells (run_id, ordinal, layer, kind, elements, selected, mean, "
      "median, max, zeros, counts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  int64_t ordinal = 0;
  for (const auto& c : s.cells) {
    const auto counts = store::detail::packInt64s(c.histogram.counts);
    cell.bind(1, runId)
        .bind(2, ordinal++)
        .bind(3, c.layer)
        .bind(4, toString(c.kind))
        .bind(5, c.elements)
        .bind(6, c.selected)
        .bind(7, c.mean)
        .bind(8, c.median)
        .bind(9, c.max)
        .bind(10, c.histogram.zeros)
        .bindBlob(11, counts.data(), counts.size())
        .run();
  }
  auto& tensor = db.prepare(
      "INSERT INTO fisher_tensors (run_id, ordinal, name, layer, kind, shape, elements, "
      "selected, mean, max) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  ordinal = 0;
  for (const auto& t : s.tensors) {
    tensor.bind(1, runId)
        .bind(2, ordinal++)
        .bind(3, t.name)
        .bind(4, t.layer)
        .bind(5, toString(t.kind))
        .bind(6, shapeJson(t.shape))
        .bind(7, t.elements)
        .bind(8, t.selected)
        .bind(9, t.mean)
        .bind(10, t.max)
        .run();
  }
  tx.commit();
}

void RunStore::saveMasks(int64_t runId, const std::vector<PackedMask>& masks) {
  impl_->requireWritable();
  impl_->requireRun(runId);
  auto& db = impl_->db;
  Transaction tx(db);
  db.prepare("DELETE FROM masks WHERE run_id = ?1").bind(1, runId).run();
  auto& insert = db.prepare(
      "INSERT INTO masks (run_id, ordinal, name, shape, selected, encoding, raw_size, bits) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  int64_t ordinal = 0;
  for (const auto& m : masks) {
    if (static_cast<int64_t>(m.bits.size()) != (m.numel() + 7) / 8) {
      throw Error(ErrorCode::Internal, "mask " + m.name + ": " + std::to_string(m.bits.size()) +
                                           " bytes for " + std::to_string(m.numel()) + " elements");
    }
    const auto blob = store::detail::encodeBlob(m.bits.data(), m.bits.size());
    insert.bind(1, runId)
        .bind(2, ordinal++)
        .bind(3, m.name)
        .bind(4, shapeJson(m.shape))
        .bind(5, m.selected)
        .bind(6, static_cast<int>(blob.encoding))
        .bind(7, blob.rawSize)
        .bindBlob(8, blob.bytes.data(), blob.bytes.size())
        .run();
  }
  tx.commit();
}

void RunStore::saveWeightMaps(int64_t runId, const std::vector<WeightMap>& maps) {
  impl_->requireWritable();
  impl_->requireRun(runId);
  auto& db = impl_->db;
  Transaction tx(db);
  db.prepare("DELETE FROM weight_maps WHERE run_id = ?1").bind(1, runId).run();
  auto& insert = db.prepare(
      "INSERT INTO weight_maps (run_id, name, rows, cols, map_rows, map_cols, threshold, "
      "encoding, raw_size, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  for (const auto& m : maps) {
    const auto cells = static_cast<size_t>(m.mapRows) * static_cast<size_t>(m.mapCols);
    if (m.fisher.size() != cells || m.childFraction.size() != cells) {
      throw Error(ErrorCode::Internal, "weight map " + m.name + ": size does not match " +
                                           std::to_string(m.mapRows) + "x" +
                                           std::to_string(m.mapCols));
    }
    // Both planes in one blob: fisher then childFraction, float32 each.
    std::vector<float> planes(m.fisher);
    planes.insert(planes.end(), m.childFraction.begin(), m.childFraction.end());
    const auto raw = store::detail::packFloats(planes);
    const auto blob = store::detail::encodeBlob(raw.data(), raw.size());
    insert.bind(1, runId)
        .bind(2, m.name)
        .bind(3, m.rows)
        .bind(4, m.cols)
        .bind(5, m.mapRows)
        .bind(6, m.mapCols)
        .bind(7, m.threshold)
        .bind(8, static_cast<int>(blob.encoding))
        .bind(9, blob.rawSize)
        .bindBlob(10, blob.bytes.data(), blob.bytes.size())
        .run();
  }
  tx.commit();
}

void RunStore::addCheckpoint(int64_t runId, const CheckpointInfo& checkpoint) {
  impl_->requireWritable();
  auto& db = impl_->db;
  db.prepare(
        "INSERT OR REPLACE INTO checkpoints (run_id, step, dir, created_ms) "
        "VALUES (?1, ?2, ?3, ?4)")
      .bind(1, runId)
      .bind(2, checkpoint.step)
      .bind(3, checkpoint.dir)
      .bind(4, nowMs())
      .run();
}

void RunStore::truncateAfter(int64_t runId, int64_t step) {
  impl_->requireWritable();
  impl_->requireRun(runId);
  auto& db = impl_->db;
  Transaction tx(db);
  db.prepare("DELETE FROM steps WHERE run_id = ?1 AND step > ?2")
      .bind(1, runId)
      .bind(2, step)
      .run();
  db.prepare("DELETE FROM evaluations WHERE run_id = ?1 AND step > ?2")
      .bind(1, runId)
      .bind(2, step)
      .run();
  db.prepare("DELETE FROM checkpoints WHERE run_id = ?1 AND step > ?2")
      .bind(1, runId)
      .bind(2, step)
      .run();
  db.prepare("DELETE FROM final_metrics WHERE run_id = ?1").bind(1, runId).run();
  db.prepare("UPDATE runs SET last_step = min(last_step, ?2), final_combined = NULL WHERE id = ?1")
      .bind(1, runId)
      .bind(2, step)
      .run();
  tx.commit();
}

void RunStore::rename(int64_t runId, const std::string& name) {
  impl_->requireWritable();
  impl_->requireRun(runId);
  impl_->db.prepare("UPDATE runs SET name = ?2 WHERE id = ?1").bind(1, runId).bind(2, name).run();
}

void RunStore::setNotes(int64_t runId, const std::string& notes) {
  impl_->requireWritable();
  impl_->requireRun(runId);
  impl_->db.prepare("UPDATE runs SET notes = ?2 WHERE id = ?1").bind(1, runId).bind(2, notes).run();
}

void RunStore::addTag(int64_t runId, const std::string& tag) {
  impl_->requireWritable();
  impl_->requireRun(runId);
  if (tag.empty()) {
    throw Error(ErrorCode::Config, "a tag cannot be empty");
  }
  impl_->db.prepare("INSERT OR IGNORE INTO tags (run_id, tag) VALUES (?1, ?2)")
      .bind(1, runId)
      .bind(2, tag)
      .run();
}

void RunStore::removeTag(int64_t runId, const std::string& tag) {
  impl_->requireWritable();
  impl_->db.prepare("DELETE FROM tags WHERE run_id = ?1 AND tag = ?2")
      .bind(1, runId)
      .bind(2, tag)
      .run();
}

void RunStore::deleteRun(int64_t runId) {
  impl_->requireWritable();
  impl_->requireRun(runId);
  // Foreign keys cascade to every table that refers to the run.
  impl_->db.prepare("DELETE FROM runs WHERE id = ?1").bind(1, runId).run();
}

std::vector<RunRecord> RunStore::listRuns(const RunFilter& filter) {
  auto& st =
      impl_->db.prepare(std::string("SELECT ") + kRunColumns + " FROM runs r" + kFilterWhere +
                        orderBy(filter.sort, filter.descending) + " LIMIT ?8");
  bindFilter(st, filter);
  st.bind(8, filter.limit > 0 ? filter.limit : int64_t{-1});
  std::vector<RunRecord> runs;
  while (st.step()) {
    runs.push_back(impl_->readRecord(st));
  }
  st.reset();
  for (auto& r : runs) {
    impl_->completeRecord(r);
  }
  return runs;
}

std::optional<RunRecord> RunStore::findRun(int64_t runId) {
  auto& st =
      impl_->db.prepare(std::string("SELECT ") + kRunColumns + " FROM runs r WHERE r.id = ?1");
  st.bind(1, runId);
  if (!st.step()) {
    st.reset();
    return std::nullopt;
  }
  RunRecord r = impl_->readRecord(st);
  st.reset();
  impl_->completeRecord(r);
  return r;
}

RunRecord RunStore::run(int64_t runId) {
  auto r = findRun(runId);
  if (!r) {
    impl_->requireRun(runId);  // throws the message
  }
  return *r;
}

std::vector<StepStats> RunStore::steps(int64_t runId) {
  auto& st = impl_->db.prepare(
      "SELECT s.step, s.epoch, s.loss, s.lr, s.grad_norm, s.examples_per_s, s.tokens_per_s, "
      "s.elapsed_s, s.mask_density, r.total_steps FROM steps s JOIN runs r ON r.id = s.run_id "
      "WHERE s.run_id = ?1 ORDER BY s.step");
  st.bind(1, runId);
  std::vector<StepStats> out;
  while (st.step()) {
    StepStats s;
    s.step = st.columnInt(0);
    s.epoch = static_cast<int>(st.columnInt(1));
    s.loss = st.columnDouble(2);
    s.learningRate = st.columnDouble(3);
    s.gradNorm = st.columnDouble(4);
    s.examplesPerSecond = st.columnDouble(5);
    s.tokensPerSecond = st.columnDouble(6);
    s.elapsedSeconds = st.columnDouble(7);
    if (!st.columnIsNull(8)) {
      s.maskDensityByLayer = store::detail::unpackDoubles(
          st.columnBlob(8), "mask density of step " + std::to_string(s.step));
    }
    s.totalSteps = st.columnInt(9);
    out.push_back(std::move(s));
  }
  st.reset();
  return out;
}

std::vector<CurvePoint> RunStore::curve(int64_t runId, StepMetric metric, size_t maxPoints) {
  // The column name comes from a fixed list, never from the caller's text.
  auto& st = impl_->db.prepare(std::string("SELECT step, ") + stepColumn(metric) +
                               " FROM steps WHERE run_id = ?1 ORDER BY step");
  st.bind(1, runId);
  std::vector<CurvePoint> points;
  while (st.step()) {
    points.push_back({static_cast<double>(st.columnInt(0)), st.columnDouble(1)});
  }
  st.reset();
  return maxPoints > 0 ? decimateMinMax(points, maxPoints) : points;
}

std::vector<EvalStats> RunStore::evaluations(int64_t runId) {
  auto& db = impl_->db;
  auto& st = db.prepare(
      "SELECT id, step, epoch, split, combined, loss FROM evaluations WHERE run_id = ?1 "
      "ORDER BY step, id");
  st.bind(1, runId);
  std::vector<std::pair<int64_t, EvalStats>> rows;
  while (st.step()) {
    EvalStats e;
    e.step = st.columnInt(1);
    e.epoch = static_cast<int>(st.columnInt(2));
    e.split = st.columnText(3);
    e.combined = st.columnDouble(4);
    e.loss = st.columnDouble(5);
    rows.emplace_back(st.columnInt(0), std::move(e));
  }
  st.reset();
  auto& metrics =
      db.prepare("SELECT metric, value FROM eval_metrics WHERE eval_id = ?1 ORDER BY ordinal");
  std::vector<EvalStats> out;
  out.reserve(rows.size());
  for (auto& [id, e] : rows) {
    metrics.bind(1, id);
    while (metrics.step()) {
      e.metrics.emplace_back(metrics.columnText(0), metrics.columnDouble(1));
    }
    metrics.reset();
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<CurvePoint> RunStore::evaluationCurve(int64_t runId, const std::string& split,
                                                  const std::string& metric) {
  std::vector<CurvePoint> out;
  for (const auto& e : evaluations(runId)) {
    if (e.split != split) {
      continue;
    }
    if (metric == "combined") {
      out.push_back({static_cast<double>(e.step), e.combined});
    } else if (metric == "loss") {
      out.push_back({static_cast<double>(e.step), e.loss});
    } else {
      for (const auto& [name, value] : e.metrics) {
        if (name == metric) {
          out.push_back({static_cast<double>(e.step), value});
        }
      }
    }
  }
  return out;
}

std::optional<FisherSummary> RunStore::fisherSummary(int64_t runId) {
  auto& db = impl_->db;
  const std::string what =
      impl_->path.string() + ": Fisher summary of run " + std::to_string(runId);
  auto& st = db.prepare(
      "SELECT p_d, threshold, selected, total, batches, num_layers, kinds, hist_log10_min, "
      "hist_log10_max, overall_zeros, overall_counts FROM fisher_summaries WHERE run_id = ?1");
  st.bind(1, runId);
  if (!st.step()) {
    st.reset();
    return std::nullopt;
  }
  FisherSummary s;
  s.pD = st.columnDouble(0);
  s.threshold = st.columnDouble(1);
  s.selected = st.columnInt(2);
  s.total = st.columnInt(3);
  s.batches = st.columnInt(4);
  s.numLayers = static_cast<int>(st.columnInt(5));
  const std::string kinds = st.columnText(6);
  s.overall.log10Min = st.columnDouble(7);
  s.overall.log10Max = st.columnDouble(8);
  s.overall.zeros = st.columnInt(9);
  s.overall.counts = store::detail::unpackInt64s(st.columnBlob(10), what);
  st.reset();
  try {
    for (const auto& k : nlohmann::json::parse(kinds)) {
      s.kinds.push_back(parseKind(k.get<std::string>()));
    }
  } catch (const nlohmann::json::exception&) {
    throw Error(ErrorCode::Data, what + ": bad module kinds '" + kinds + "'");
  }
  auto& cells = db.prepare(
      "SELECT layer, kind, elements, selected, mean, median, max, zeros, counts "
      "FROM fisher_cells WHERE run_id = ?1 ORDER BY ordinal");
  cells.bind(1, runId);
  while (cells.step()) {
    FisherCell c;
    c.layer = static_cast<int>(cells.columnInt(0));
    c.kind = parseKind(cells.columnText(1));
    c.elements = cells.columnInt(2);
    c.selected = cells.columnInt(3);
    c.mean = cells.columnDouble(4);
    c.median = cells.columnDouble(5);
    c.max = cells.columnDouble(6);
    c.histogram.log10Min = s.overall.log10Min;
    c.histogram.log10Max = s.overall.log10Max;
    c.histogram.zeros = cells.columnInt(7);
    c.histogram.counts = store::detail::unpackInt64s(cells.columnBlob(8), what);
    s.cells.push_back(std::move(c));
  }
  cells.reset();
  auto& tensors = db.prepare(
      "SELECT name, layer, kind, shape, elements, selected, mean, max FROM fisher_tensors "
      "WHERE run_id = ?1 ORDER BY ordinal");
  tensors.bind(1, runId);
  while (tensors.step()) {
    FisherTensorInfo t;
    t.name = tensors.columnText(0);
    t.layer = static_cast<int>(tensors.columnInt(1));
    t.kind = parseKind(tensors.columnText(2));
    t.shape = parseShape(tensors.columnText(3), what);
    t.elements = tensors.columnInt(4);
    t.selected = tensors.columnInt(5);
    t.mean = tensors.columnDouble(6);
    t.max = tensors.columnDouble(7);
    s.tensors.push_back(std::move(t));
  }
  tensors.reset();
  return s;
}

std::vector<PackedMask> RunStore::masks(int64_t runId) {
  auto& st = impl_->db.prepare(
      "SELECT name, shape, selected, encoding, raw_size, bits FROM masks WHERE run_id = ?1 "
      "ORDER BY ordinal");
  st.bind(1, runId);
  std::vector<PackedMask> out;
  while (st.step()) {
    PackedMask m;
    m.name = st.columnText(0);
    const std::string what =
        impl_->path.string() + ": mask " + m.name + " of run " + std::to_string(runId);
    m.shape = parseShape(st.columnText(1), what);
    m.selected = st.columnInt(2);
    m.bits = store::detail::decodeBlob(static_cast<store::detail::BlobEncoding>(st.columnInt(3)),
                                       st.columnInt(4), st.columnBlob(5), what);
    if (static_cast<int64_t>(m.bits.size()) != (m.numel() + 7) / 8) {
      throw Error(ErrorCode::Data,
                  what + ": " + std::to_string(m.bits.size()) + " bytes do not fit its shape");
    }
    out.push_back(std::move(m));
  }
  st.reset();
  return out;
}

std::vector<std::string> RunStore::weightMapNames(int64_t runId) {
  auto& st = impl_->db.prepare("SELECT name FROM weight_maps WHERE run_id = ?1 ORDER BY id");
  st.bind(1, runId);
  std::vector<std::string> out;
  while (st.step()) {
    out.push_back(st.columnText(0));
  }
  st.reset();
  return out;
}

std::optional<WeightMap> RunStore::weightMap(int64_t runId, const std::string& name) {
  auto& st = impl_->db.prepare(
      "SELECT rows, cols, map_rows, map_cols, threshold, encoding, raw_size, data "
      "FROM weight_maps WHERE run_id = ?1 AND name = ?2");
  st.bind(1, runId).bind(2, name);
  if (!st.step()) {
    st.reset();
    return std::nullopt;
  }
  const std::string what =
      impl_->path.string() + ": weight map " + name + " of run " + std::to_string(runId);
  WeightMap m;
  m.name = name;
  m.rows = st.columnInt(0);
  m.cols = st.columnInt(1);
  m.mapRows = static_cast<int>(st.columnInt(2));
  m.mapCols = static_cast<int>(st.columnInt(3));
  m.threshold = st.columnDouble(4);
  const auto raw =
      store::detail::decodeBlob(static_cast<store::detail::BlobEncoding>(st.columnInt(5)),
                                st.columnInt(6), st.columnBlob(7), what);
  st.reset();
  auto planes = store::detail::unpackFloats(raw, what);
  const auto cells = static_cast<size_t>(m.mapRows) * static_cast<size_t>(m.mapCols);
  if (planes.size() != 2 * cells) {
    throw Error(ErrorCode::Data, what + ": " + std::to_string(planes.size()) +
                                     " values do not fit " + std::to_string(m.mapRows) + "x" +
                                     std::to_string(m.mapCols));
  }
  m.fisher.assign(planes.begin(), planes.begin() + static_cast<std::ptrdiff_t>(cells));
  m.childFraction.assign(planes.begin() + static_cast<std::ptrdiff_t>(cells), planes.end());
  return m;
}

std::vector<CheckpointInfo> RunStore::checkpoints(int64_t runId) {
  auto& st = impl_->db.prepare("SELECT step, dir FROM checkpoints WHERE run_id = ?1 ORDER BY step");
  st.bind(1, runId);
  std::vector<CheckpointInfo> out;
  while (st.step()) {
    out.push_back({st.columnInt(0), st.columnText(1)});
  }
  st.reset();
  return out;
}

std::optional<CheckpointInfo> RunStore::latestCheckpoint(int64_t runId) {
  const auto all = checkpoints(runId);
  for (size_t i = all.size(); i-- > 0;) {  // newest first
    std::error_code ec;
    if (std::filesystem::is_directory(all[i].dir, ec)) {
      return all[i];
    }
  }
  return std::nullopt;
}

RunComparison RunStore::compare(const std::vector<int64_t>& runIds) {
  RunComparison out;
  std::vector<nlohmann::json> configs;
  std::set<std::string> keys;
  for (const int64_t id : runIds) {
    out.runs.push_back(run(id));
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(out.runs.back().configJson);
    } catch (const std::exception&) {
      throw Error(ErrorCode::Data, impl_->path.string() + ": run " + std::to_string(id) +
                                       " has a stored configuration that is not JSON");
    }
    for (const auto& item : j.items()) {
      keys.insert(item.key());
    }
    configs.push_back(std::move(j));
  }
  for (const auto& key : keys) {
    if (kIgnoredForGrouping.contains(key)) {
      continue;
    }
    ConfigDifference diff;
    diff.key = key;
    for (const auto& j : configs) {
      diff.values.push_back(j.contains(key) ? j.at(key).dump() : std::string("(absent)"));
    }
    if (std::adjacent_find(diff.values.begin(), diff.values.end(), std::not_equal_to<>()) !=
        diff.values.end()) {
      out.differences.push_back(std::move(diff));
    }
  }
  return out;
}

std::vector<SeedGroup> RunStore::groupBySeed(const RunFilter& filter) {
  RunFilter f = filter;
  f.status = RunStatus::Finished;
  auto& db = impl_->db;
  auto& st = db.prepare(std::string("SELECT r.id, r.config_key, r.task, r.method, r.seed, "
                                    "r.final_combined FROM runs r") +
                        kFilterWhere + " ORDER BY r.config_key, r.id");
  bindFilter(st, f);
  struct Row {
    int64_t id;
    std::string key;
    std::string task;
    std::string method;
    uint64_t seed;
    std::optional<double> combined;
  };
  std::vector<Row> rows;
  while (st.step()) {
    rows.push_back({st.columnInt(0), st.columnText(1), st.columnText(2), st.columnText(3),
                    static_cast<uint64_t>(st.columnInt(4)), st.columnOptionalDouble(5)});
  }
  st.reset();
  auto& metrics =
      db.prepare("SELECT metric, value FROM final_metrics WHERE run_id = ?1 ORDER BY ordinal");
  auto& config = db.prepare("SELECT config_json FROM runs WHERE id = ?1");
  std::vector<SeedGroup> groups;
  size_t i = 0;
  while (i < rows.size()) {
    SeedGroup g;
    g.configKey = rows[i].key;
    g.task = rows[i].task;
    g.method = rows[i].method;
    config.bind(1, rows[i].id);
    if (config.step()) {
      auto j = nlohmann::json::parse(config.columnText(0), nullptr, false);
      if (j.is_object()) {
        j.erase("seed");
      }
      g.configJson = j.dump();
    }
    config.reset();
    std::vector<std::string> order;
    std::map<std::string, std::vector<double>, std::less<>> values;
    std::vector<double> combined;
    for (; i < rows.size() && rows[i].key == g.configKey; ++i) {
      g.runIds.push_back(rows[i].id);
      g.seeds.push_back(rows[i].seed);
      if (rows[i].combined) {
        combined.push_back(*rows[i].combined);
      }
      metrics.bind(1, rows[i].id);
      while (metrics.step()) {
        const std::string name = metrics.columnText(0);
        auto& v = values[name];
        if (v.empty() && std::find(order.begin(), order.end(), name) == order.end()) {
          order.push_back(name);
        }
        v.push_back(metrics.columnDouble(1));
      }
      metrics.reset();
    }
    for (const auto& name : order) {
      addMetricSummary(g.metrics, name, values[name]);
    }
    addMetricSummary(g.metrics, "combined", combined);
    groups.push_back(std::move(g));
  }
  return groups;
}

MaskOverlap RunStore::maskOverlap(int64_t runA, int64_t runB) {
  const auto a = masks(runA);
  const auto b = masks(runB);
  for (const auto& [id, m] : {std::pair{runA, &a}, std::pair{runB, &b}}) {
    if (m->empty()) {
      impl_->requireRun(id);
      throw Error(ErrorCode::Data,
                  "run " + std::to_string(id) + " has no stored child network (masks)",
                  "only Child-Tuning_D runs (ct-d, ct-d-random, ct-d-lowest) store one");
    }
  }
  return core::maskOverlap(a, b);
}

std::string RunStore::integrityCheck() {
  auto& st = impl_->db.prepare("PRAGMA integrity_check");
  std::string out;
  while (st.step()) {
    if (!out.empty()) {
      out += "\n";
    }
    out += st.columnText(0);
  }
  st.reset();
  return out;
}

}  // namespace childtune::core
