// libFuzzer target for the dataset readers: GLUE TSV (for tasks with and without a header, a BOM'd
// header, a regression score, tolerated malformed rows) and custom TSV/CSV/JSONL. Any input must
// end in a LoadedSplit or a childtune::Error; anything else (a crash, a sanitizer report, another
// exception escaping) is a bug. Every result is checked against the invariants the readers
// promise.
//
// The first byte picks the reader, the rest is the file.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "childtune/error.h"
#include "childtune/tasks.h"
#include "data/dataset_parsers.h"

namespace {

using namespace childtune::core;

void check(bool condition) {
  if (!condition) {
    __builtin_trap();
  }
}

void checkSplit(const LoadedSplit& split, int numLabels, bool regression) {
  check(!split.examples.empty());
  int64_t previousLine = 0;
  for (const Example& example : split.examples) {
    check(example.line > previousLine);  // rows come in file order
    previousLine = example.line;
    if (split.labeled && !regression) {
      check(example.label >= 0 && (numLabels <= 0 || example.label < numLabels));
    } else {
      check(example.label == -1);
    }
  }
  check(split.skippedRows >= 0);
}

void fuzzGlue(std::string_view bytes, const char* taskName, Split split) {
  const TaskSpec& task = taskByName(taskName);
  const LoadedSplit loaded = data::parseGlueTsv(bytes, "fuzz.tsv", task, split);
  checkSplit(loaded, task.numLabels, task.kind == TaskKind::Regression);
  check(task.toleratesMalformedRows || loaded.skippedRows == 0);
}

void fuzzCustom(std::string_view bytes, DataFormat format, uint8_t variant) {
  CustomDatasetSpec spec;
  spec.format = format;
  spec.skipMalformedRows = (variant & 1) != 0;
  if (format == DataFormat::Jsonl) {
    spec.text = ColumnRef::named("text");
    spec.pair = ColumnRef::named("pair");
    spec.label = ColumnRef::named("label");
  } else if ((variant & 2) != 0) {
    spec.header = true;
    spec.text = ColumnRef::named("text");
    spec.label = ColumnRef::named("label");
  } else {
    spec.header = false;
    spec.text = ColumnRef::at(0);
    spec.pair = ColumnRef::at(1);
    spec.label = ColumnRef::at(2);
  }
  switch ((variant >> 2) % 3) {
    case 0:
      spec.labelMode = LabelMode::Inferred;
      break;
    case 1:
      spec.labelMode = LabelMode::Given;
      spec.labels = {"0", "1", "2"};
      spec.skipLabels = {"-"};
      break;
    default:
      spec.labelMode = LabelMode::Regression;
      break;
  }
  validate(spec);
  const LoadedSplit loaded = data::parseCustomDataset(bytes, "fuzz.data", spec);
  const int numLabels = static_cast<int>(loaded.labels.size());
  checkSplit(loaded, numLabels, spec.labelMode == LabelMode::Regression);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const uint8_t selector = data[0];
  try {
    switch (selector % 8) {
      case 0:
        fuzzGlue(bytes, "CoLA", Split::Train);  // no header
        break;
      case 1:
        fuzzGlue(bytes, "MRPC", Split::Dev);  // BOM'd header, pair
        break;
      case 2:
        fuzzGlue(bytes, "STS-B", Split::Train);  // regression score
        break;
      case 3:
        fuzzGlue(bytes, "QQP", Split::Train);  // tolerated malformed rows
        break;
      case 4:
        fuzzGlue(bytes, "MNLI", Split::Test);  // unlabeled, 10 columns
        break;
      case 5:
        fuzzCustom(bytes, DataFormat::Tsv, static_cast<uint8_t>(selector >> 3));
        break;
      case 6:
        fuzzCustom(bytes, DataFormat::Csv, static_cast<uint8_t>(selector >> 3));
        break;
      default:
        fuzzCustom(bytes, DataFormat::Jsonl, static_cast<uint8_t>(selector >> 3));
        break;
    }
  } catch (const childtune::Error&) {
    // Expected for malformed input.
  }
  return 0;
}
