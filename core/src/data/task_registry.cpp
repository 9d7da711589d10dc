// The task registry: GLUE layouts as transformers' GLUE processors read them
// (transformers/data/processors/glue.py), official split sizes, metrics and the Child-Tuning
// paper's recommended reserve ratios.

#include <algorithm>
#include <cstdlib>
#include <system_error>

#include "childtune/error.h"
#include "childtune/model_catalog.h"
#include "childtune/tasks.h"
#include "data/text_source.h"

namespace childtune::core {

namespace fs = std::filesystem;

namespace {

// GLUE test sets are unlabeled: labelColumn -1.
SplitFile glueFile(Split split, std::string fileName, int64_t rows, bool header, int columns,
                   int text, int pair, int label) {
  SplitFile file;
  file.split = split;
  file.fileName = std::move(fileName);
  file.officialRows = rows;
  file.header = header;
  file.columns = columns;
  file.textColumn = text;
  file.pairColumn = pair;
  file.labelColumn = label;
  return file;
}

SplitFile presetFile(Split split, std::string fileName, int64_t rows) {
  SplitFile file;
  file.split = split;
  file.fileName = std::move(fileName);
  file.officialRows = rows;
  file.columns = 0;
  file.textColumn = -1;
  return file;
}

std::vector<TaskSpec> buildRegistry() {
  std::vector<TaskSpec> tasks;
  const std::vector<std::string> binary = {"0", "1"};
  const std::vector<std::string> nli2 = {"entailment", "not_entailment"};

  {
    TaskSpec t;
    t.name = "CoLA";
    t.description = "Corpus of Linguistic Acceptability: is the sentence grammatical?";
    t.folder = "CoLA";
    // No header in train/dev: source, label, original mark, sentence.
    t.splits = {glueFile(Split::Train, "train.tsv", 8551, false, 4, 3, -1, 1),
                glueFile(Split::Dev, "dev.tsv", 1043, false, 4, 3, -1, 1),
                glueFile(Split::Test, "test.tsv", 1063, true, 2, 1, -1, -1)};
    t.labels = binary;
    t.labelNames = {"unacceptable", "acceptable"};
    t.metrics = {Metric::MatthewsCorrelation};
    t.childTuning = {0.2, 0.2};
    tasks.push_back(std::move(t));
  }
  {
    TaskSpec t;
    t.name = "SST-2";
    t.description = "Stanford Sentiment Treebank: is the movie-review sentence positive?";
    t.folder = "SST-2";
    t.splits = {glueFile(Split::Train, "train.tsv", 67349, true, 2, 0, -1, 1),
                glueFile(Split::Dev, "dev.tsv", 872, true, 2, 0, -1, 1),
                glueFile(Split::Test, "test.tsv", 1821, true, 2, 1, -1, -1)};
    t.labels = binary;
    t.labelNames = {"negative", "positive"};
    t.metrics = {Metric::Accuracy};
    tasks.push_back(std::move(t));
  }
  {
    TaskSpec t;
    t.name = "MRPC";
    t.description = "Microsoft Research Paraphrase Corpus: are the two sentences paraphrases?";
    t.folder = "MRPC";
    // Quality, #1 ID, #2 ID, #1 String, #2 String (the header starts with a UTF-8 BOM).
    t.splits = {glueFile(Split::Train, "train.tsv", 3668, true, 5, 3, 4, 0),
                glueFile(Split::Dev, "dev.tsv", 408, true, 5, 3, 4, 0),
                glueFile(Split::Test, "test.tsv", 1725, true, 5, 3, 4, -1)};
    t.labels = binary;
    t.labelNames = {"not_equivalent", "equivalent"};
    t.metrics = {Metric::F1, Metric::Accuracy};
    t.childTuning = {0.4, 0.1};
    tasks.push_back(std::move(t));
  }
  {
    TaskSpec t;
    t.name = "STS-B";
    t.description = "Semantic Textual Similarity Benchmark: how similar are two sentences (0-5)?";
    t.folder = "STS-B";
    // index genre filename year old_index source1 source2 sentence1 sentence2 score
    t.splits = {glueFile(Split::Train, "train.tsv", 5749, true, 10, 7, 8, 9),
                glueFile(Split::Dev, "dev.tsv", 1500, true, 10, 7, 8, 9),
                glueFile(Split::Test, "test.tsv", 1379, true, 9, 7, 8, -1)};
    t.kind = TaskKind::Regression;
    t.numLabels = 1;
    t.metrics = {Metric::Pearson, Metric::Spearman};
    t.childTuning = {0.2, 0.2};
    tasks.push_back(std::move(t));
  }
  {
    TaskSpec t;
    t.name = "QQP";
    t.description = "Quora Question Pairs: do the two questions ask the same thing?";
    t.folder = "QQP";
    // id qid1 qid2 question1 question2 is_duplicate; test: id question1 question2.
    t.splits = {glueFile(Split::Train, "train.tsv", 363846, true, 6, 3, 4, 5),
                glueFile(Split::Dev, "dev.tsv", 40430, true, 6, 3, 4, 5),
                glueFile(Split::Test, "test.tsv", 390965, true, 3, 1, 2, -1)};
    t.labels = binary;
    t.labelNames = {"not_duplicate", "duplicate"};
    t.metrics = {Metric::F1, Metric::Accuracy};
    t.toleratesMalformedRows = true;
    tasks.push_back(std::move(t));
  }
  {
    TaskSpec t;
    t.name = "MNLI";
    t.description =
        "Multi-Genre NLI: does the premise entail, contradict or not decide the hypothesis?";
    t.folder = "MNLI";
    // index promptID pairID genre s1_binary_parse s2_binary_parse s1_parse s2_parse sentence1
    // sentence2, then label1 gold_label (train) or label1..label5 gold_label (dev); the gold
    // label is the last column.
    t.splits = {glueFile(Split::Train, "train.tsv", 392702, true, 12, 8, 9, 11),
                glueFile(Split::Dev, "dev_matched.tsv", 9815, true, 16, 8, 9, 15),
                glueFile(Split::DevMismatched, "dev_mismatched.tsv", 9832, true, 16, 8, 9, 15),
                glueFile(Split::Test, "test_matched.tsv", 9796, true, 10, 8, 9, -1),
                glueFile(Split::TestMismatched, "test_mismatched.tsv", 9847, true, 10, 8, 9, -1)};
    t.evalSplits = {Split::Dev, Split::DevMismatched};
    t.labels = {"contradiction", "entailment", "neutral"};
    t.labelNames = t.labels;
    t.numLabels = 3;
    t.metrics = {Metric::Accuracy};
    tasks.push_back(std::move(t));
  }
  {
    TaskSpec t;
    t.name = "QNLI";
    t.description = "Question NLI (from SQuAD): does the sentence answer the question?";
    t.folder = "QNLI";
    t.splits = {glueFile(Split::Train, "train.tsv", 104743, true, 4, 1, 2, 3),
                glueFile(Split::Dev, "dev.tsv", 5463, true, 4, 1, 2, 3),
                glueFile(Split::Test, "test.tsv", 5463, true, 3, 1, 2, -1)};
    t.labels = nli2;
    t.labelNames = nli2;
    t.metrics = {Metric::Accuracy};
    tasks.push_back(std::move(t));
  }
  {
    TaskSpec t;
    t.name = "RTE";
    t.description = "Recognizing Textual Entailment: does the first text entail the second?";
    t.folder = "RTE";
    t.splits = {glueFile(Split::Train, "train.tsv", 2490, true, 4, 1, 2, 3),
                glueFile(Split::Dev, "dev.tsv", 277, true, 4, 1, 2, 3),
                glueFile(Split::Test, "test.tsv", 3000, true, 3, 1, 2, -1)};
    t.labels = nli2;
    t.labelNames = nli2;
    t.metrics = {Metric::Accuracy};
    t.childTuning = {0.3, 0.3};
    tasks.push_back(std::move(t));
  }
  {
    TaskSpec t;
    t.name = "WNLI";
    t.description =
        "Winograd NLI: does the sentence with the pronoun resolved follow from the original?";
    t.folder = "WNLI";
    t.splits = {glueFile(Split::Train, "train.tsv", 635, true, 4, 1, 2, 3),
                glueFile(Split::Dev, "dev.tsv", 71, true, 4, 1, 2, 3),
                glueFile(Split::Test, "test.tsv", 146, true, 3, 1, 2, -1)};
    t.labels = binary;
    t.labelNames = {"not_entailment", "entailment"};
    t.metrics = {Metric::Accuracy};
    tasks.push_back(std::move(t));
  }
  {
    TaskSpec t;
    t.name = "SNLI";
    t.description =
        "Stanford NLI: is the hypothesis entailed by, neutral to or contradicted by "
        "the caption?";
    t.glue = false;
    t.folder = "snli";
    // The offline copy holds validation.tsv and test.tsv (header premise, hypothesis, label;
    // 0 entailment, 1 neutral, 2 contradiction as in HF datasets). Pairs without a gold label
    // ("-", or -1/empty in some exports) are skipped and counted.
    t.splits = {presetFile(Split::Train, "train.tsv", 549367),
                presetFile(Split::Dev, "validation.tsv", 9842),
                presetFile(Split::Test, "test.tsv", 9824)};
    t.evalSplits = {Split::Dev, Split::Test};
    CustomDatasetSpec preset;
    preset.format = DataFormat::Tsv;
    preset.header = true;
    preset.text = ColumnRef::named("premise");
    preset.pair = ColumnRef::named("hypothesis");
    preset.label = ColumnRef::named("label");
    preset.labelMode = LabelMode::Given;
    preset.labels = {"0", "1", "2"};
    preset.skipLabels = {"-", "", "-1"};
    t.preset = preset;
    t.labels = preset.labels;
    t.labelNames = {"entailment", "neutral", "contradiction"};
    t.numLabels = 3;
    t.metrics = {Metric::Accuracy};
    tasks.push_back(std::move(t));
  }
  {
    TaskSpec t;
    t.name = "IMDB";
    t.description = "IMDB Large Movie Review Dataset: is the full review positive?";
    t.glue = false;
    t.folder = "imdb";
    // Header id, label, rating, text; label 1 = pos, 0 = neg. No dev split: evaluate on test.
    t.splits = {presetFile(Split::Train, "train.tsv", 25000),
                presetFile(Split::Test, "test.tsv", 25000)};
    t.evalSplits = {Split::Test};
    CustomDatasetSpec preset;
    preset.format = DataFormat::Tsv;
    preset.header = true;
    preset.text = ColumnRef::named("text");
    preset.label = ColumnRef::named("label");
    preset.labelMode = LabelMode::Given;
    preset.labels = {"0", "1"};
    t.preset = preset;
    t.labels = preset.labels;
    t.labelNames = {"negative", "positive"};
    t.metrics = {Metric::Accuracy};
    tasks.push_back(std::move(t));
  }

  for (TaskSpec& t : tasks) {
    if (t.evalSplits.empty()) {
      t.evalSplits = {Split::Dev};
    }
  }
  return tasks;
}

// Lowercase, without '-', '_', '.' and spaces.
std::string normalizeTaskName(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.' || c == ' ') {
      continue;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::optional<std::string> envValue(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    return std::nullopt;
  }
  return std::string(value);
}

bool isDirectory(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec);
}

bool isRegularFile(const fs::path& file) {
  std::error_code ec;
  return fs::is_regular_file(file, ec);
}

}  // namespace

std::string_view toString(Split split) {
  switch (split) {
    case Split::Train:
      return "train";
    case Split::Dev:
      return "dev";
    case Split::DevMismatched:
      return "dev_mismatched";
    case Split::Test:
      return "test";
    case Split::TestMismatched:
      return "test_mismatched";
  }
  return "unknown";
}

std::optional<Split> parseSplit(std::string_view text) {
  const std::string lower = data::lowerAscii(text);
  if (lower == "train") {
    return Split::Train;
  }
  if (lower == "dev" || lower == "validation" || lower == "dev_matched") {
    return Split::Dev;
  }
  if (lower == "dev_mismatched") {
    return Split::DevMismatched;
  }
  if (lower == "test" || lower == "test_matched") {
    return Split::Test;
  }
  if (lower == "test_mismatched") {
    return Split::TestMismatched;
  }
  return std::nullopt;
}

std::string_view displayName(Metric metric) {
  switch (metric) {
    case Metric::Accuracy:
      return "Accuracy";
    case Metric::F1:
      return "F1";
    case Metric::MatthewsCorrelation:
      return "Matthews corr.";
    case Metric::Pearson:
      return "Pearson";
    case Metric::Spearman:
      return "Spearman";
  }
  return "unknown";
}

std::string_view toString(DataFormat format) {
  switch (format) {
    case DataFormat::Tsv:
      return "tsv";
    case DataFormat::Csv:
      return "csv";
    case DataFormat::Jsonl:
      return "jsonl";
  }
  return "unknown";
}

std::optional<DataFormat> formatFromExtension(const fs::path& file) {
  const std::string ext = data::lowerAscii(file.extension().string());
  if (ext == ".tsv" || ext == ".tab") {
    return DataFormat::Tsv;
  }
  if (ext == ".csv") {
    return DataFormat::Csv;
  }
  if (ext == ".jsonl" || ext == ".ndjson") {
    return DataFormat::Jsonl;
  }
  return std::nullopt;
}

std::string ColumnRef::describe() const {
  if (isNamed()) {
    return "'" + name + "'";
  }
  return "#" + std::to_string(index);
}

const SplitFile* TaskSpec::file(Split split) const {
  for (const SplitFile& f : splits) {
    if (f.split == split) {
      return &f;
    }
  }
  return nullptr;
}

bool TaskSpec::splitLabeled(Split split) const {
  const SplitFile* f = file(split);
  if (f == nullptr) {
    return false;
  }
  if (preset) {
    return preset->label.has_value();
  }
  return f->labelColumn >= 0;
}

std::span<const TaskSpec> allTasks() {
  static const std::vector<TaskSpec> registry = buildRegistry();
  return registry;
}

const TaskSpec* findTask(std::string_view name) {
  const std::string key = normalizeTaskName(name);
  if (key.empty()) {
    return nullptr;
  }
  for (const TaskSpec& task : allTasks()) {
    if (normalizeTaskName(task.name) == key) {
      return &task;
    }
  }
  // Other common spellings.
  struct Alias {
    std::string_view alias;
    std::string_view task;
  };
  static constexpr Alias kAliases[] = {
      {"multinli", "MNLI"},      {"mnlim", "MNLI"},  {"mnlimm", "MNLI"},
      {"stsbenchmark", "STS-B"}, {"qnliv2", "QNLI"}, {"sst", "SST-2"},
  };
  for (const Alias& alias : kAliases) {
    if (alias.alias == key) {
      return findTask(alias.task);
    }
  }
  return nullptr;
}

const TaskSpec& taskByName(std::string_view name) {
  if (const TaskSpec* task = findTask(name)) {
    return *task;
  }
  std::string known;
  for (const TaskSpec& task : allTasks()) {
    known += known.empty() ? "" : ", ";
    known += task.name;
  }
  throw Error(ErrorCode::Config, "unknown task '" + std::string(name) + "' (known: " + known + ")");
}

std::optional<fs::path> findGlueDir() {
  if (auto dir = envValue("CHILDTUNE_GLUE_DIR"); dir && isDirectory(*dir)) {
    return fs::path(*dir);
  }
  try {
    const fs::path dir = childtuneHome() / "data" / "glue";
    if (isDirectory(dir)) {
      return dir;
    }
  } catch (const Error&) {
    // Neither CHILDTUNE_HOME nor HOME is set: there is no default location to look in.
  }
  return std::nullopt;
}

fs::path taskDirectory(const fs::path& glueDir, const TaskSpec& task) {
  if (task.glue) {
    return glueDir / task.folder;
  }
  // lexically_normal turns "data/glue/" into "data/glue/" + "" so parent_path() would be the glue
  // folder itself; strip a trailing separator first.
  fs::path normal = glueDir.lexically_normal();
  if (!normal.has_filename()) {
    normal = normal.parent_path();
  }
  return normal.parent_path() / task.folder;
}

bool TaskAvailability::has(Split split) const {
  return std::any_of(splits.begin(), splits.end(),
                     [split](const SplitStatus& s) { return s.split == split && s.present; });
}

bool TaskAvailability::trainable(const TaskSpec& task) const {
  return has(Split::Train) && !task.evalSplits.empty() && has(task.evalSplits.front());
}

bool TaskAvailability::any() const {
  return std::any_of(splits.begin(), splits.end(), [](const SplitStatus& s) { return s.present; });
}

TaskAvailability taskAvailability(const fs::path& glueDir, const TaskSpec& task) {
  TaskAvailability availability;
  availability.dir = taskDirectory(glueDir, task);
  for (const SplitFile& f : task.splits) {
    SplitStatus status;
    status.split = f.split;
    status.file = availability.dir / f.fileName;
    status.present = isRegularFile(status.file);
    availability.splits.push_back(std::move(status));
  }
  return availability;
}

}  // namespace childtune::core
