#pragma once
// The benchmark tasks ChildTune knows (the nine GLUE tasks plus SNLI and IMDB presets), where
// their files live, and how to read them into examples. Also reads user datasets (TSV, CSV,
// JSONL) through a column mapping, and draws reproducible subsets. Torch-free: the GUI uses it.
//
// Every reader reads the file once and throws childtune::Error: Io when the file cannot be read,
// Data (naming the file and the 1-based line, or the byte offset for bad UTF-8) when its contents
// are malformed, Config when the request itself is wrong (unknown task, split the task lacks,
// contradictory column mapping). Nothing here keeps global mutable state; all functions may be
// called from any thread.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "childtune/metrics.h"

namespace childtune::core {

// ---------------------------------------------------------------------------------------------
// Splits, metrics, kinds

enum class Split {
  Train,
  Dev,             // MNLI: dev_matched
  DevMismatched,   // MNLI only
  Test,            // GLUE: unlabeled. SNLI/IMDB: labeled. MNLI: test_matched
  TestMismatched,  // MNLI only
};
// "train", "dev", "dev_mismatched", "test", "test_mismatched".
std::string_view toString(Split split);
// Inverse of toString; also accepts "validation" and "dev_matched" for Dev, "test_matched" for
// Test. Case-insensitive. std::nullopt for anything else.
std::optional<Split> parseSplit(std::string_view text);

enum class TaskKind { Classification, Regression };

// The official metrics of a task are metrics.h's MetricKind (toString gives the machine keys
// "accuracy", "f1", "matthews_correlation", "pearson", "spearman").
using Metric = MetricKind;
// For people: "Accuracy", "F1", "Matthews corr.", "Pearson", "Spearman".
std::string_view displayName(Metric metric);

// The Child-Tuning paper's (Xu et al., EMNLP 2021) recommended reserve ratios for the task:
// pF for Child-Tuning_F (task-free Bernoulli mask), pD for Child-Tuning_D (Fisher child network).
struct ChildTuningDefaults {
  double pF = 0.3;
  double pD = 0.3;
};

// ---------------------------------------------------------------------------------------------
// Custom datasets (and the SNLI/IMDB presets, which are custom datasets with a fixed mapping)

enum class DataFormat {
  Tsv,    // tab-separated, one row per line, NO quoting: '"' is an ordinary character (as GLUE)
  Csv,    // RFC 4180: ',' separated, '"'-quoted fields may hold ',', '"' (as "") and newlines
  Jsonl,  // one JSON object per line; columns are keys
};
std::string_view toString(DataFormat format);  // "tsv", "csv", "jsonl"
// From the file extension (.tsv/.tab, .csv, .jsonl/.ndjson), case-insensitive.
std::optional<DataFormat> formatFromExtension(const std::filesystem::path& file);

// A column: by header name / JSON key, or by 0-based position (TSV/CSV only).
struct ColumnRef {
  std::string name;  // non-empty: by name
  int index = -1;    // used when `name` is empty; REQUIRES: >= 0 then

  static ColumnRef named(std::string columnName) { return {std::move(columnName), -1}; }
  static ColumnRef at(int position) { return {{}, position}; }
  bool isNamed() const { return !name.empty(); }
  std::string describe() const;  // "'premise'" or "#2" (0-based)
  bool operator==(const ColumnRef&) const = default;
};

enum class LabelMode {
  Given,       // `labels` lists the label strings; class index = position in that list
  Inferred,    // the sorted unique label strings of the file (numerically if all are integers)
  Regression,  // the label column holds a float target (Example::score)
};

struct CustomDatasetSpec {
  DataFormat format = DataFormat::Tsv;
  bool header = true;  // TSV/CSV: the first row names the columns. Ignored for JSONL.
  ColumnRef text = ColumnRef::at(0);
  std::optional<ColumnRef> pair;   // second sentence of a sentence-pair task
  std::optional<ColumnRef> label;  // std::nullopt: an unlabeled file (Example::label == -1)
  LabelMode labelMode = LabelMode::Inferred;
  std::vector<std::string> labels;  // LabelMode::Given: REQUIRES non-empty, no duplicates
  // Rows whose label (after trimming ASCII whitespace) is one of these are skipped and counted in
  // LoadedSplit::skippedRows, e.g. SNLI's "-" (no gold label).
  std::vector<std::string> skipLabels;
  // A row with the wrong number of columns; a JSONL line that is not valid JSON, not an object,
  // lacks a key or holds a non-string text: true skips and counts it (LoadedSplit::skippedRows,
  // one warning naming the first), false (default) makes it an error.
  bool skipMalformedRows = false;
};

// ---------------------------------------------------------------------------------------------
// The task registry

// One file of a task. For GLUE tasks the layout fields say how the TSV is laid out, as in
// transformers' GLUE processors. For preset tasks (TaskSpec::preset set) `columns` is 0 and the
// preset's mapping applies instead.
struct SplitFile {
  Split split = Split::Train;
  std::string fileName;      // "dev_matched.tsv"
  int64_t officialRows = 0;  // rows in the official release (for SNLI: those with a gold label)
  bool header = true;
  int columns = 0;       // exact number of tab-separated fields in every row
  int textColumn = 0;    // 0-based
  int pairColumn = -1;   // -1: single-sentence task
  int labelColumn = -1;  // -1: unlabeled (GLUE test sets)
};

struct TaskSpec {
  std::string name;         // "SST-2": the canonical spelling, also the GLUE folder name
  std::string description;  // one line for people
  bool glue = true;         // one of the nine GLUE tasks; false for presets
  // GLUE tasks: relative to the GLUE folder ("SST-2"). Presets: relative to the data root, the
  // parent of the GLUE folder ("snli"), i.e. <root>/glue/SST-2 and <root>/snli.
  std::string folder;
  std::vector<SplitFile> splits;
  // The labeled splits a run evaluates on, in order; the first one selects the best checkpoint.
  // GLUE: dev (MNLI: dev and dev_mismatched). SNLI: dev and test. IMDB: test (it has no dev set).
  std::vector<Split> evalSplits;
  std::optional<CustomDatasetSpec> preset;  // set for SNLI and IMDB
  TaskKind kind = TaskKind::Classification;
  // The label strings as they appear in the files, in class-index order (transformers' order, e.g.
  // MNLI contradiction/entailment/neutral). Empty for regression.
  std::vector<std::string> labels;
  std::vector<std::string> labelNames;  // same order, for people ("negative", "positive")
  int numLabels = 2;                    // 1 for regression (STS-B)
  // The official metrics. The task's main ("combined") score is their arithmetic mean, as on the
  // GLUE leaderboard (MRPC/QQP: mean of F1 and accuracy; STS-B: mean of Pearson and Spearman).
  std::vector<Metric> metrics;
  ChildTuningDefaults childTuning;
  // QQP's official files contain rows with a wrong column count; they are skipped and counted.
  // For every other task such a row is an error.
  bool toleratesMalformedRows = false;

  const SplitFile* file(Split split) const;  // nullptr if the task has no such split
  bool hasSplit(Split split) const { return file(split) != nullptr; }
  bool splitLabeled(Split split) const;  // false too when the split does not exist
};

// The registry: CoLA, SST-2, MRPC, STS-B, QQP, MNLI, QNLI, RTE, WNLI (GLUE order), SNLI, IMDB.
// The returned span (and every TaskSpec in it) lives for the whole program.
std::span<const TaskSpec> allTasks();
// Case-insensitive, ignoring '-', '_', '.' and spaces: "sst2", "SST-2", "sts-b", "Mnli",
// "multinli". nullptr when unknown.
const TaskSpec* findTask(std::string_view name);
// As findTask, but throws Error{Config} listing the known tasks.
const TaskSpec& taskByName(std::string_view name);

// ---------------------------------------------------------------------------------------------
// Where the data lives

// The first existing directory among $CHILDTUNE_GLUE_DIR and <childtune home>/data/glue
// ($CHILDTUNE_HOME, default ~/.local/share/childtune). std::nullopt when neither exists.
std::optional<std::filesystem::path> findGlueDir();

// <glueDir>/<folder> for GLUE tasks, <glueDir>/../<folder> for presets.
std::filesystem::path taskDirectory(const std::filesystem::path& glueDir, const TaskSpec& task);

struct SplitStatus {
  Split split = Split::Train;
  std::filesystem::path file;
  bool present = false;  // a regular file exists there
};

struct TaskAvailability {
  std::filesystem::path dir;
  std::vector<SplitStatus> splits;  // one per SplitFile of the task, same order

  bool has(Split split) const;
  // Training needs the train split and the first evaluation split.
  bool trainable(const TaskSpec& task) const;
  bool any() const;
};

// Which of the task's split files exist under `glueDir`. Never throws for missing files.
TaskAvailability taskAvailability(const std::filesystem::path& glueDir, const TaskSpec& task);

// ---------------------------------------------------------------------------------------------
// Loading

struct Example {
  std::string text;
  std::optional<std::string> pair;
  int64_t label = -1;  // class index; -1 when unlabeled or for regression
  float score = 0.0f;  // regression target; 0 for classification and unlabeled rows
  int64_t line = 0;    // 1-based line in the file where the row starts
};

struct LoadedSplit {
  std::vector<Example> examples;
  int64_t skippedRows = 0;            // malformed (tolerated) rows and rows with a skip label
  std::vector<std::string> warnings;  // one line each, for people (what was skipped, where)
  std::filesystem::path file;
  TaskKind kind = TaskKind::Classification;
  bool labeled = false;  // examples carry targets (a label, or a score for regression)
  // The label strings by class index (for inferred labels: what the file held). Pass them as
  // CustomDatasetSpec::labels with LabelMode::Given to read the dev file of the same dataset.
  std::vector<std::string> labels;
};

// Reads a split of a registry task from <taskDirectory(glueDir, task)>/<file name>. Throws
// Error{Config} when the task has no such split, Error{Io} when the file is missing.
LoadedSplit loadTaskSplit(const std::filesystem::path& glueDir, const TaskSpec& task, Split split);
// Reads `file` as the given split of `task` (its layout and labels), wherever the file is.
LoadedSplit loadTaskFile(const std::filesystem::path& file, const TaskSpec& task, Split split);

// Throws Error{Config} naming the field when the mapping cannot work (LabelMode::Given without
// labels or with duplicates, a JSONL column given by position, a negative position).
void validate(const CustomDatasetSpec& spec);
// Reads a user dataset. Blank lines are ignored. Label strings are trimmed of ASCII whitespace;
// texts are kept byte for byte. A UTF-8 BOM and "\r\n" line ends are accepted.
LoadedSplit loadCustomDataset(const std::filesystem::path& file, const CustomDatasetSpec& spec);

// Examples per class index; size `numLabels`. Unlabeled examples are not counted.
std::vector<int64_t> classCounts(const LoadedSplit& split, int numLabels);

// ---------------------------------------------------------------------------------------------
// Subsampling (the paper's low-resource setting trains on 1k random examples)

enum class SubsampleMode {
  First,   // the first `count` examples
  Random,  // a uniform random subset of `count` examples, kept in file order
};

// The indices in [0, total) of the subset, ascending. count >= total selects everything.
// Random is reproducible across platforms and standard libraries: std::mt19937_64 seeded with
// `seed` (its output sequence is fixed by the C++ standard), a partial Fisher–Yates shuffle whose
// step i swaps position i with i + r, where r is the next 64-bit draw reduced to [0, total - i)
// by rejection (draws below 2^64 mod (total - i) are discarded, then r = draw mod (total - i)).
// The first `count` positions are then sorted. Throws Error{Config} for a negative argument.
std::vector<int64_t> subsampleIndices(int64_t total, int64_t count, SubsampleMode mode,
                                      uint64_t seed);
// The split reduced to subsampleIndices(size, count, mode, seed); adds a warning when `count`
// exceeds the number of examples. Throws Error{Config} for a negative count.
LoadedSplit subsample(LoadedSplit split, int64_t count, SubsampleMode mode, uint64_t seed);

}  // namespace childtune::core
