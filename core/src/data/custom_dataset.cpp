// User datasets: TSV (tab-split, no quoting), CSV (RFC 4180) and JSONL, mapped onto examples
// through a CustomDatasetSpec. The SNLI and IMDB presets come through here too.

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "childtune/error.h"
#include "childtune/tasks.h"
#include "data/dataset_parsers.h"
#include "data/text_source.h"

namespace childtune::core {

namespace data {

namespace {

// Deeper JSON than this on one line is refused before parsing (a dataset row is a flat object).
constexpr int kMaxJsonDepth = 64;

std::optional<int64_t> parseInteger(std::string_view text) {
  int64_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// Turns rows into examples: label mapping, skip labels, skipped-row bookkeeping.
class ExampleBuilder {
 public:
  ExampleBuilder(const std::filesystem::path& file, const CustomDatasetSpec& spec)
      : file_(file), spec_(spec) {
    out_.file = file;
    out_.kind =
        spec.labelMode == LabelMode::Regression ? TaskKind::Regression : TaskKind::Classification;
    out_.labeled = spec.label.has_value();
    if (spec.label && spec.labelMode == LabelMode::Given) {
      out_.labels = spec.labels;
    }
  }

  void reserve(size_t rows) { out_.examples.reserve(rows); }

  // `label` is ignored for an unlabeled spec.
  void add(int64_t line, std::string_view text, std::optional<std::string_view> pair,
           std::string_view label) {
    Example example;
    example.line = line;
    if (spec_.label) {
      const std::string_view trimmed = trimAscii(label);
      for (const std::string& skip : spec_.skipLabels) {
        if (skip == trimmed) {
          ++skippedByLabel_[skip];
          ++out_.skippedRows;
          return;
        }
      }
      switch (spec_.labelMode) {
        case LabelMode::Regression:
          if (!parseFloat(trimmed, example.score)) {
            throwDataError(file_, line,
                           "label " + quoteForMessage(label) + " in column " +
                               spec_.label->describe() +
                               " is not a finite number (the dataset is a regression)");
          }
          break;
        case LabelMode::Given: {
          const auto it = std::find(spec_.labels.begin(), spec_.labels.end(), trimmed);
          if (it == spec_.labels.end()) {
            throwDataError(file_, line,
                           "unknown label " + quoteForMessage(label) + " in column " +
                               spec_.label->describe() + " (allowed: " + joinQuoted(spec_.labels) +
                               ")");
          }
          example.label = it - spec_.labels.begin();
          break;
        }
        case LabelMode::Inferred: {
          // Provisional id in order of first appearance; remapped in finish().
          auto [it, inserted] = inferredIds_.try_emplace(std::string(trimmed),
                                                         static_cast<int64_t>(inferred_.size()));
          if (inserted) {
            inferred_.push_back(it->first);
          }
          example.label = it->second;
          break;
        }
      }
    }
    example.text.assign(text);
    if (pair) {
      example.pair.emplace(*pair);
    }
    out_.examples.push_back(std::move(example));
  }

  // A row that cannot be read. Throws unless the spec skips malformed rows.
  void malformed(int64_t line, const std::string& reason) {
    if (!spec_.skipMalformedRows) {
      throwDataError(file_, line, reason);
    }
    if (malformed_++ == 0) {
      firstMalformed_ = where(file_, line) + ": " + reason;
    }
    ++out_.skippedRows;
  }

  LoadedSplit finish() {
    if (malformed_ > 0) {
      out_.warnings.push_back("skipped " + std::to_string(malformed_) + " malformed row" +
                              (malformed_ == 1 ? "" : "s") + " (first: " + firstMalformed_ + ")");
    }
    for (const auto& [label, count] : skippedByLabel_) {
      out_.warnings.push_back("skipped " + std::to_string(count) + " row" +
                              (count == 1 ? "" : "s") + " with label " + quoteForMessage(label));
    }
    if (out_.examples.empty()) {
      throw Error(
          ErrorCode::Data,
          "'" + file_.string() + "': no data rows" +
              (out_.skippedRows > 0 ? " (" + std::to_string(out_.skippedRows) + " rows skipped)"
                                    : std::string()));
    }
    if (spec_.label && spec_.labelMode == LabelMode::Inferred) {
      remapInferred();
    }
    return std::move(out_);
  }

 private:
  // Sorted order: numeric when every label is an integer ("2" < "10"), else bytewise.
  void remapInferred() {
    std::vector<size_t> order(inferred_.size());
    for (size_t i = 0; i < order.size(); ++i) {
      order[i] = i;
    }
    std::vector<std::optional<int64_t>> numbers;
    bool allIntegers = true;
    for (const std::string& label : inferred_) {
      numbers.push_back(parseInteger(label));
      allIntegers = allIntegers && numbers.back().has_value();
    }
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (allIntegers) {
        return *numbers[a] < *numbers[b];
      }
      return inferred_[a] < inferred_[b];
    });
    std::vector<int64_t> newIndex(order.size());
    out_.labels.clear();
    for (size_t rank = 0; rank < order.size(); ++rank) {
      newIndex[order[rank]] = static_cast<int64_t>(rank);
      out_.labels.push_back(inferred_[order[rank]]);
    }
    for (Example& example : out_.examples) {
      example.label = newIndex[static_cast<size_t>(example.label)];
    }
  }

  const std::filesystem::path& file_;
  const CustomDatasetSpec& spec_;
  LoadedSplit out_;
  std::unordered_map<std::string, int64_t> inferredIds_;
  std::vector<std::string> inferred_;  // by provisional id
  std::map<std::string, int64_t> skippedByLabel_;
  int64_t malformed_ = 0;
  std::string firstMalformed_;
};

// Column positions of a TSV/CSV file, resolved against its header (if any).
struct ResolvedColumns {
  size_t text = 0;
  std::optional<size_t> pair;
  std::optional<size_t> label;
  size_t count = 0;  // every row must have this many fields
};

template <typename Field>
size_t resolveColumn(const ColumnRef& ref, const char* role, const std::vector<Field>& header,
                     bool hasHeader, size_t count, const std::filesystem::path& file) {
  if (ref.isNamed()) {
    for (size_t i = 0; i < header.size(); ++i) {
      if (trimAscii(header[i]) == ref.name) {
        return i;
      }
    }
    std::vector<std::string> names;
    names.reserve(header.size());
    for (const Field& name : header) {
      names.emplace_back(name);
    }
    throwDataError(file, 1,
                   std::string(role) + " column " + ref.describe() +
                       " is not in the header (columns: " + joinQuoted(names) + ")");
  }
  const auto index = static_cast<size_t>(ref.index);
  if (index >= count) {
    throwDataError(file, 1,
                   std::string(role) + " column " + ref.describe() + " does not exist: the " +
                       (hasHeader ? "header" : "first row") + " has " + std::to_string(count) +
                       " column" + (count == 1 ? "" : "s"));
  }
  return index;
}

template <typename Field>
ResolvedColumns resolveColumns(const CustomDatasetSpec& spec, const std::vector<Field>& first,
                               const std::filesystem::path& file) {
  ResolvedColumns columns;
  columns.count = first.size();
  columns.text = resolveColumn(spec.text, "text", first, spec.header, columns.count, file);
  if (spec.pair) {
    columns.pair = resolveColumn(*spec.pair, "pair", first, spec.header, columns.count, file);
  }
  if (spec.label) {
    columns.label = resolveColumn(*spec.label, "label", first, spec.header, columns.count, file);
  }
  return columns;
}

template <typename Field>
void addRow(ExampleBuilder& builder, const ResolvedColumns& columns,
            const std::vector<Field>& fields, int64_t line, const char* separator) {
  if (fields.size() != columns.count) {
    builder.malformed(line, "expected " + std::to_string(columns.count) + " " + separator +
                                "-separated columns, found " + std::to_string(fields.size()));
    return;
  }
  std::optional<std::string_view> pair;
  if (columns.pair) {
    pair = std::string_view(fields[*columns.pair]);
  }
  const std::string_view label =
      columns.label ? std::string_view(fields[*columns.label]) : std::string_view();
  builder.add(line, fields[columns.text], pair, label);
}

void parseTsv(std::string_view text, const std::filesystem::path& file,
              const CustomDatasetSpec& spec, ExampleBuilder& builder) {
  LineReader reader(text);
  std::string_view line;
  std::vector<std::string_view> fields;
  std::optional<ResolvedColumns> columns;
  builder.reserve(countLines(text));
  while (reader.next(line)) {
    if (line.empty()) {
      continue;
    }
    splitTabs(line, fields);
    if (!columns) {
      if (reader.lineNumber() != 1 && spec.header) {
        throwDataError(file, reader.lineNumber(), "the header must be on line 1");
      }
      columns = resolveColumns(spec, fields, file);
      if (spec.header) {
        continue;
      }
    }
    addRow(builder, *columns, fields, reader.lineNumber(), "tab");
  }
}

void parseCsv(std::string_view text, const std::filesystem::path& file,
              const CustomDatasetSpec& spec, ExampleBuilder& builder) {
  size_t pos = 0;
  int64_t line = 1;
  std::vector<std::string> fields;
  std::optional<ResolvedColumns> columns;
  while (pos < text.size()) {
    // A blank line is no record (an empty single-column value would have to be quoted: "").
    if (text[pos] == '\n') {
      ++pos;
      ++line;
      continue;
    }
    if (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') {
      pos += 2;
      ++line;
      continue;
    }
    const int64_t start = line;
    readCsvRecord(text, pos, line, file, fields);
    if (!columns) {
      if (start != 1 && spec.header) {
        throwDataError(file, start, "the header must be on line 1");
      }
      columns = resolveColumns(spec, fields, file);
      if (spec.header) {
        continue;
      }
    }
    addRow(builder, *columns, fields, start, "comma");
  }
}

// Refuses JSON nested deeper than kMaxJsonDepth (brackets inside strings do not count).
bool jsonTooDeep(std::string_view line) {
  int depth = 0;
  bool inString = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (inString) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        inString = false;
      }
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        return true;
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

// The text of a JSON value used as a column: strings as they are; for labels also numbers and
// booleans in their JSON spelling (1, 2.5, true).
std::optional<std::string> jsonText(const nlohmann::json& value, bool allowScalars) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (allowScalars && (value.is_number() || value.is_boolean())) {
    return value.dump();
  }
  return std::nullopt;
}

std::string jsonTypeName(const nlohmann::json& value) { return value.type_name(); }

void parseJsonl(std::string_view text, const CustomDatasetSpec& spec, ExampleBuilder& builder) {
  LineReader reader(text);
  std::string_view line;
  builder.reserve(countLines(text));
  while (reader.next(line)) {
    if (trimAscii(line).empty()) {
      continue;
    }
    const int64_t lineNumber = reader.lineNumber();
    if (jsonTooDeep(line)) {
      builder.malformed(lineNumber,
                        "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
      continue;
    }
    nlohmann::json row;
    try {
      row = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& error) {
      std::string what = error.what();
      // "[json.exception.parse_error.101] parse error at line 1, column 3: ..." -> from "parse".
      if (const size_t bracket = what.find("] "); bracket != std::string::npos) {
        what.erase(0, bracket + 2);
      }
      builder.malformed(lineNumber, "invalid JSON: " + what);
      continue;
    }
    if (!row.is_object()) {
      builder.malformed(lineNumber, "expected a JSON object, found " + jsonTypeName(row));
      continue;
    }
    // Collect the three columns; any problem makes the row malformed.
    std::string problem;
    auto column = [&](const ColumnRef& ref, const char* role,
                      bool allowScalars) -> std::optional<std::string> {
      const auto it = row.find(ref.name);
      if (it == row.end()) {
        problem = std::string("no key ") + ref.describe() + " (the " + role + " column)";
        return std::nullopt;
      }
      auto value = jsonText(*it, allowScalars);
      if (!value) {
        problem = std::string(role) + " key " + ref.describe() + " holds " + jsonTypeName(*it) +
                  ", expected " + (allowScalars ? "a string, number or boolean" : "a string");
      }
      return value;
    };
    const std::optional<std::string> textValue = column(spec.text, "text", false);
    std::optional<std::string> pairValue;
    std::optional<std::string> labelValue;
    if (problem.empty() && spec.pair) {
      pairValue = column(*spec.pair, "pair", false);
    }
    if (problem.empty() && spec.label) {
      labelValue = column(*spec.label, "label", true);
    }
    if (!problem.empty()) {
      builder.malformed(lineNumber, problem);
      continue;
    }
    std::optional<std::string_view> pair;
    if (pairValue) {
      pair = *pairValue;
    }
    builder.add(lineNumber, *textValue, pair, labelValue ? *labelValue : std::string_view());
  }
}

}  // namespace

void readCsvRecord(std::string_view text, size_t& pos, int64_t& line,
                   const std::filesystem::path& file, std::vector<std::string>& fields) {
  fields.clear();
  const size_t size = text.size();
  while (true) {
    std::string field;
    if (pos < size && text[pos] == '"') {
      const int64_t openedOn = line;
      ++pos;
      while (true) {
        const size_t quote = text.find('"', pos);
        if (quote == std::string_view::npos) {
          throwDataError(file, openedOn, "quoted field is never closed (a '\"' is missing)");
        }
        const std::string_view chunk = text.substr(pos, quote - pos);
        line += std::count(chunk.begin(), chunk.end(), '\n');
        field.append(chunk);
        pos = quote + 1;
        if (pos < size && text[pos] == '"') {  // "" is an escaped quote
          field += '"';
          ++pos;
          continue;
        }
        break;
      }
      if (pos < size && text[pos] == '\r' && (pos + 1 == size || text[pos + 1] == '\n')) {
        ++pos;  // "\r\n" line end, or a final '\r'
      }
      if (pos < size && text[pos] != ',' && text[pos] != '\n') {
        throwDataError(file, line,
                       "unexpected " + quoteForMessage(text.substr(pos, 1)) +
                           R"( after a closing quote (inside a quoted field write "" for "))");
      }
    } else {
      // Unquoted: up to the next ',' or line end. A '"' inside is kept as an ordinary character.
      const size_t end = text.find_first_of(",\n", pos);
      const size_t stop = end == std::string_view::npos ? size : end;
      std::string_view chunk = text.substr(pos, stop - pos);
      if (!chunk.empty() && chunk.back() == '\r' && (stop == size || text[stop] == '\n')) {
        chunk.remove_suffix(1);
      }
      field.assign(chunk);
      pos = stop;
    }
    fields.push_back(std::move(field));
    if (pos >= size) {
      return;
    }
    if (text[pos] == '\n') {
      ++pos;
      ++line;
      return;
    }
    ++pos;  // ','
    if (pos >= size) {
      fields.emplace_back();  // "a,b," ends with an empty field
      return;
    }
  }
}

LoadedSplit parseCustomDataset(std::string_view bytes, const std::filesystem::path& file,
                               const CustomDatasetSpec& spec) {
  const std::string_view text = prepareText(bytes, file);
  ExampleBuilder builder(file, spec);
  switch (spec.format) {
    case DataFormat::Tsv:
      parseTsv(text, file, spec, builder);
      break;
    case DataFormat::Csv:
      parseCsv(text, file, spec, builder);
      break;
    case DataFormat::Jsonl:
      parseJsonl(text, spec, builder);
      break;
  }
  return builder.finish();
}

}  // namespace data

void validate(const CustomDatasetSpec& spec) {
  auto checkColumn = [&](const ColumnRef& ref, const char* role) {
    if (!ref.isNamed() && ref.index < 0) {
      throw Error(ErrorCode::Config, std::string(role) + " column: position " +
                                         std::to_string(ref.index) + " is negative");
    }
    if (spec.format == DataFormat::Jsonl && !ref.isNamed()) {
      throw Error(ErrorCode::Config, std::string(role) + " column " + ref.describe() +
                                         ": JSONL columns must be given by key");
    }
    if (spec.format != DataFormat::Jsonl && !spec.header && ref.isNamed()) {
      throw Error(ErrorCode::Config,
                  std::string(role) + " column " + ref.describe() +
                      " is given by name, but the file has no header (give its position)");
    }
  };
  checkColumn(spec.text, "text");
  if (spec.pair) {
    checkColumn(*spec.pair, "pair");
  }
  if (spec.label) {
    checkColumn(*spec.label, "label");
    if (spec.labelMode == LabelMode::Given) {
      if (spec.labels.empty()) {
        throw Error(ErrorCode::Config, "labels: the label list is empty",
                    "list the labels, or let ChildTune infer them");
      }
      std::set<std::string> seen;
      for (const std::string& label : spec.labels) {
        if (!seen.insert(label).second) {
          throw Error(ErrorCode::Config,
                      "labels: " + data::quoteForMessage(label) + " is listed twice");
        }
        if (data::trimAscii(label) != label) {
          throw Error(ErrorCode::Config,
                      "labels: " + data::quoteForMessage(label) +
                          " has leading or trailing whitespace (labels are compared trimmed)");
        }
      }
    }
  }
}

LoadedSplit loadCustomDataset(const std::filesystem::path& file, const CustomDatasetSpec& spec) {
  validate(spec);
  const std::string bytes = data::readFileBytes(file);
  return data::parseCustomDataset(bytes, file, spec);
}

}  // namespace childtune::core
