#pragma once
// The run store: every run, its curves, evaluations, Fisher summary, child network, heatmap
// tiles, checkpoints, tags and notes in one SQLite file ($CHILDTUNE_HOME/runs.sqlite).
// Torch-free and Qt-free.
//
// Threads: a RunStore is one SQLite connection; use it from one thread at a time and open one
// RunStore per thread (the training thread's RunRecorder has its own). Readers on other
// connections see only committed transactions (WAL mode), so a reader never sees half of a
// batch of steps.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "childtune/fisher_summary.h"
#include "childtune/run_config.h"
#include "childtune/training_observer.h"

namespace childtune::core {

enum class RunStatus { Queued, Running, Finished, Failed, Stopped, Interrupted };
std::string_view toString(RunStatus status);  // "queued", "running", ...
std::optional<RunStatus> parseRunStatus(std::string_view text);

struct RunRecord {
  int64_t id = 0;
  std::string name;
  int64_t createdMs = 0;  // Unix time in milliseconds
  std::optional<int64_t> startedMs;
  std::optional<int64_t> finishedMs;
  RunStatus status = RunStatus::Queued;
  std::string configJson;  // RunConfig::toJson() of the validated config
  std::string task;
  std::string method;    // "vanilla", "ct-d", ...
  std::string modelDir;  // as configured
  uint64_t seed = 0;
  std::string weightsSha256;                                   // "" until the run loaded it
  std::vector<std::pair<std::string, std::string>> dataFiles;  // path -> SHA-256
  std::string device;
  std::string programVersion;
  std::string errorText;  // failed / interrupted runs
  int64_t totalSteps = 0;
  int64_t lastStep = 0;  // the last step recorded (steps 1..lastStep are stored)
  int64_t trainExamples = 0;
  int numLayers = 0;
  // Last evaluation on the main (first) dev split, set when the run finishes.
  std::optional<double> finalCombined;
  std::vector<std::pair<std::string, double>> finalMetrics;
  std::vector<std::string> tags;  // sorted
  std::string notes;
  std::string ownerHost;  // running runs: where the process runs
  int64_t ownerPid = 0;
};

enum class RunSort { Created, Task, Method, Status, Model, FinalScore, Name };

struct RunFilter {
  std::optional<std::string> task;    // case-insensitive
  std::optional<std::string> method;  // "ct-d"
  std::optional<RunStatus> status;
  std::optional<std::string> tag;
  std::optional<std::string> model;  // the model folder as given, or its last path component
  std::optional<int64_t> createdAfterMs;
  std::optional<int64_t> createdBeforeMs;
  RunSort sort = RunSort::Created;
  bool descending = true;
  int64_t limit = 0;  // 0 = all
};

// The per-step series a curve can show.
enum class StepMetric { Loss, LearningRate, GradNorm, ExamplesPerSecond, TokensPerSecond };
std::string_view toString(StepMetric metric);  // "loss", "lr", ...

struct CurvePoint {
  double x = 0.0;  // step
  double y = 0.0;
};

// Reduces a curve (sorted by x) to at most maxPoints points that keep its shape: the range is
// cut into maxPoints / 2 buckets of equal point count and each keeps its minimum and maximum
// (in x order), so spikes survive. The first and last points are always kept. maxPoints < 4
// is treated as 4. Returns the input when it is short enough.
std::vector<CurvePoint> decimateMinMax(const std::vector<CurvePoint>& points, size_t maxPoints);

struct ConfigDifference {
  std::string key;                  // RunConfig JSON key, "lr"
  std::vector<std::string> values;  // JSON text per compared run, in the given order
};

struct RunComparison {
  std::vector<RunRecord> runs;
  // Keys whose values differ, ignoring the seed and what does not change results
  // (out_dir, threads, checkpoint settings).
  std::vector<ConfigDifference> differences;
  bool sameExceptSeed() const { return differences.empty(); }
};

struct MetricSummary {
  std::string metric;  // "accuracy", ..., and "combined"
  int64_t count = 0;
  double mean = 0.0;
  double std = 0.0;  // sample standard deviation (n - 1); 0 for a single run
  double min = 0.0;
  double max = 0.0;
};

// Finished runs whose configurations differ only by the seed (and what does not change
// results).
struct SeedGroup {
  std::string configKey;   // SHA-256 of the normalised config
  std::string configJson;  // of the first run, seed removed
  std::string task;
  std::string method;
  std::vector<int64_t> runIds;
  std::vector<uint64_t> seeds;
  std::vector<MetricSummary> metrics;  // in the order of the first run's final metrics
};

// The normalised configuration that identifies a seed group (keys ignored as in RunComparison).
std::string configGroupKey(const std::string& configJson);

class RunStore {
 public:
  static constexpr int kSchemaVersion = 2;
  enum class Mode { ReadWrite, ReadOnly };

  // $CHILDTUNE_HOME/runs.sqlite (default ~/.local/share/childtune/runs.sqlite).
  static std::filesystem::path defaultPath();

  // Opens the store, creating it (and its folder) in ReadWrite mode, and upgrades an older
  // schema in one transaction. ReadWrite also marks `running` runs whose process is gone as
  // `interrupted`. Throws Error: Data for a file that is not a ChildTune run store (not SQLite,
  // corrupt, another application's database, or a newer schema) -- such a file is never
  // written to; Io when the file cannot be opened or created.
  explicit RunStore(const std::filesystem::path& path, Mode mode = Mode::ReadWrite);
  ~RunStore();
  RunStore(const RunStore&) = delete;
  RunStore& operator=(const RunStore&) = delete;
  RunStore(RunStore&&) noexcept;
  RunStore& operator=(RunStore&&) noexcept;

  const std::filesystem::path& path() const;
  // Runs marked interrupted when this store was opened.
  const std::vector<int64_t>& interruptedOnOpen() const;
  // Marks `running` runs whose owning process is gone as interrupted; returns their ids.
  std::vector<int64_t> markStaleRunsInterrupted();

  // Groups writes into one transaction: every store method called while a Batch is open joins
  // it, and nothing is visible to readers until commit(). Destroying an uncommitted Batch
  // rolls it back.
  class Batch {
   public:
    explicit Batch(RunStore& store);
    ~Batch();
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;
    void commit();

   private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
  };

  // --- writing -------------------------------------------------------------------------------
  // A new run from a validated config; status Queued, or Running owned by this process.
  int64_t createRun(const RunConfig& config, RunStatus status, const std::string& name = {});
  // Running, owned by this process, started now (again, when resumed).
  void markRunning(int64_t runId);
  // Finished: stores the final metrics (last evaluation on the main dev split) and the time.
  void markFinished(int64_t runId);
  // Failed / Stopped / Interrupted with the error text.
  void markEnded(int64_t runId, RunStatus status, const std::string& errorText);
  void setInputs(int64_t runId, const RunInputs& inputs);
  // Appends steps (in increasing order, after lastStep) and advances lastStep.
  void appendSteps(int64_t runId, const std::vector<StepStats>& steps);
  void addEvaluation(int64_t runId, const EvalStats& eval);
  // Replaces the run's Fisher summary / masks / weight maps.
  void saveFisherSummary(int64_t runId, const FisherSummary& summary);
  void saveMasks(int64_t runId, const std::vector<PackedMask>& masks);
  void saveWeightMaps(int64_t runId, const std::vector<WeightMap>& maps);
  void addCheckpoint(int64_t runId, const CheckpointInfo& checkpoint);
  // Before resuming from a checkpoint at `step`: drops the steps, evaluations and checkpoints
  // recorded after it, so the resumed run records them again.
  void truncateAfter(int64_t runId, int64_t step);
  void rename(int64_t runId, const std::string& name);
  void setNotes(int64_t runId, const std::string& notes);
  void addTag(int64_t runId, const std::string& tag);
  void removeTag(int64_t runId, const std::string& tag);
  // Deletes the run and everything recorded for it. Throws Error{Data} for an unknown id.
  void deleteRun(int64_t runId);

  // --- reading -------------------------------------------------------------------------------
  std::vector<RunRecord> listRuns(const RunFilter& filter = {});
  std::optional<RunRecord> findRun(int64_t runId);
  // Throws Error{Data} "no run N in <store>" for an unknown id.
  RunRecord run(int64_t runId);
  std::vector<StepStats> steps(int64_t runId);
  // One per-step series, decimated to at most maxPoints (0 = all points).
  std::vector<CurvePoint> curve(int64_t runId, StepMetric metric, size_t maxPoints = 0);
  std::vector<EvalStats> evaluations(int64_t runId);
  // One evaluation metric over the steps ("combined" and "loss" work too).
  std::vector<CurvePoint> evaluationCurve(int64_t runId, const std::string& split,
                                          const std::string& metric);
  std::optional<FisherSummary> fisherSummary(int64_t runId);
  std::vector<PackedMask> masks(int64_t runId);
  std::vector<std::string> weightMapNames(int64_t runId);
  std::optional<WeightMap> weightMap(int64_t runId, const std::string& name);
  std::vector<CheckpointInfo> checkpoints(int64_t runId);  // by step
  // The newest recorded checkpoint whose folder still exists on disk.
  std::optional<CheckpointInfo> latestCheckpoint(int64_t runId);

  RunComparison compare(const std::vector<int64_t>& runIds);
  // Groups the finished runs matching `filter` (its sort and limit are ignored).
  std::vector<SeedGroup> groupBySeed(const RunFilter& filter = {});
  // Jaccard overlap of two runs' stored child networks. Throws Error{Data} when a run has no
  // stored masks.
  MaskOverlap maskOverlap(int64_t runA, int64_t runB);

  // PRAGMA integrity_check: "ok" or the problems found.
  std::string integrityCheck();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace childtune::core
