// GLUE TSV files as they really are: tab-split lines with no CSV quoting ('"' is an ordinary
// character: MRPC and QNLI sentences contain unbalanced quotes), no header in CoLA train/dev, a
// UTF-8 BOM before MRPC's header, no final newline in CoLA dev, and a few malformed rows in QQP
// that are skipped (only because that task declares them tolerable).

#include <string>
#include <utility>

#include "childtune/error.h"
#include "childtune/tasks.h"
#include "data/dataset_parsers.h"
#include "data/text_source.h"

namespace childtune::core {

namespace data {

const SplitFile& requireSplit(const TaskSpec& task, Split split) {
  const SplitFile* layout = task.file(split);
  if (layout == nullptr) {
    std::string available;
    for (const SplitFile& f : task.splits) {
      available += available.empty() ? "" : ", ";
      available += toString(f.split);
    }
    throw Error(ErrorCode::Config, "task " + task.name + " has no " + std::string(toString(split)) +
                                       " split (it has: " + available + ")");
  }
  return *layout;
}

namespace {

std::string columnsWord(size_t n) {
  return std::to_string(n) + (n == 1 ? " tab-separated column" : " tab-separated columns");
}

}  // namespace

LoadedSplit parseGlueTsv(std::string_view bytes, const std::filesystem::path& file,
                         const TaskSpec& task, Split split) {
  const SplitFile& layout = requireSplit(task, split);
  if (task.preset || layout.columns <= 0) {
    throw Error(ErrorCode::Internal,
                "parseGlueTsv called for " + task.name + ", which is read through its preset");
  }
  const std::string_view text = prepareText(bytes, file);
  const auto columns = static_cast<size_t>(layout.columns);
  const bool labeled = layout.labelColumn >= 0;
  const bool regression = task.kind == TaskKind::Regression;

  LoadedSplit out;
  out.file = file;
  out.kind = task.kind;
  out.labeled = labeled;
  out.labels = task.labels;

  LineReader reader(text);
  std::string_view line;
  std::vector<std::string_view> fields;
  fields.reserve(columns + 1);

  if (layout.header) {
    reader.next(line);  // text is non-empty, so there is a first line
    splitTabs(line, fields);
    if (fields.size() != columns) {
      throwDataError(file, reader.lineNumber(),
                     "the header has " + columnsWord(fields.size()) + ", expected " +
                         columnsWord(columns) + " for " + task.name + " " +
                         std::string(toString(split)) + " (is this the right file?)");
    }
  }

  out.examples.reserve(countLines(text));
  int64_t malformed = 0;
  int64_t firstMalformedLine = 0;
  size_t firstMalformedColumns = 0;
  while (reader.next(line)) {
    splitTabs(line, fields);
    if (fields.size() != columns) {
      if (!task.toleratesMalformedRows) {
        throwDataError(file, reader.lineNumber(),
                       "expected " + columnsWord(columns) + ", found " +
                           std::to_string(fields.size()) + " (GLUE files are split on tabs only)");
      }
      if (malformed++ == 0) {
        firstMalformedLine = reader.lineNumber();
        firstMalformedColumns = fields.size();
      }
      continue;
    }
    Example example;
    example.line = reader.lineNumber();
    example.text.assign(fields[static_cast<size_t>(layout.textColumn)]);
    if (layout.pairColumn >= 0) {
      example.pair.emplace(fields[static_cast<size_t>(layout.pairColumn)]);
    }
    if (labeled) {
      const std::string_view raw = fields[static_cast<size_t>(layout.labelColumn)];
      if (regression) {
        if (!parseFloat(trimAscii(raw), example.score)) {
          throwDataError(file, reader.lineNumber(),
                         "score " + quoteForMessage(raw) + " in column " +
                             std::to_string(layout.labelColumn + 1) + " is not a finite number");
        }
      } else {
        int64_t index = -1;
        for (size_t i = 0; i < task.labels.size(); ++i) {
          if (task.labels[i] == raw) {
            index = static_cast<int64_t>(i);
            break;
          }
        }
        if (index < 0) {
          throwDataError(file, reader.lineNumber(),
                         "unknown label " + quoteForMessage(raw) + " in column " +
                             std::to_string(layout.labelColumn + 1) + " (" + task.name +
                             " labels: " + joinQuoted(task.labels) + ")");
        }
        example.label = index;
      }
    }
    out.examples.push_back(std::move(example));
  }

  if (malformed > 0) {
    out.skippedRows = malformed;
    out.warnings.push_back("skipped " + std::to_string(malformed) + " malformed row" +
                           (malformed == 1 ? "" : "s") + " without " + columnsWord(columns) +
                           " (first: " + where(file, firstMalformedLine) + ", " +
                           std::to_string(firstMalformedColumns) + " columns)");
  }
  if (out.examples.empty()) {
    throw Error(ErrorCode::Data,
                "'" + file.string() + "': no data rows" +
                    (malformed > 0 ? " (" + std::to_string(malformed) + " malformed rows skipped)"
                                   : std::string()));
  }
  return out;
}

}  // namespace data

LoadedSplit loadTaskFile(const std::filesystem::path& file, const TaskSpec& task, Split split) {
  data::requireSplit(task, split);  // a Config error before touching the disk
  const std::string bytes = data::readFileBytes(file);
  if (task.preset) {
    return data::parseCustomDataset(bytes, file, *task.preset);
  }
  return data::parseGlueTsv(bytes, file, task, split);
}

LoadedSplit loadTaskSplit(const std::filesystem::path& glueDir, const TaskSpec& task, Split split) {
  const SplitFile& layout = data::requireSplit(task, split);
  return loadTaskFile(taskDirectory(glueDir, task) / layout.fileName, task, split);
}

std::vector<int64_t> classCounts(const LoadedSplit& split, int numLabels) {
  std::vector<int64_t> counts(static_cast<size_t>(numLabels > 0 ? numLabels : 0), 0);
  for (const Example& example : split.examples) {
    if (example.label >= 0 && example.label < static_cast<int64_t>(counts.size())) {
      ++counts[static_cast<size_t>(example.label)];
    }
  }
  return counts;
}

}  // namespace childtune::core
