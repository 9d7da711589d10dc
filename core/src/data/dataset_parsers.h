#pragma once
// The parsers behind loadTaskFile and loadCustomDataset, on bytes already in memory. `file` only
// names the source in messages. Exposed for the fuzz targets and tests.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "childtune/tasks.h"

namespace childtune::core::data {

// The task's layout for `split`; throws Error{Config} listing the task's splits when it has none.
const SplitFile& requireSplit(const TaskSpec& task, Split split);

// A GLUE TSV as the given split of a GLUE task (TaskSpec::preset must be unset). `bytes` is the
// whole file, BOM included.
LoadedSplit parseGlueTsv(std::string_view bytes, const std::filesystem::path& file,
                         const TaskSpec& task, Split split);

// A user dataset in spec.format. validate(spec) must have passed.
LoadedSplit parseCustomDataset(std::string_view bytes, const std::filesystem::path& file,
                               const CustomDatasetSpec& spec);

// One RFC 4180 record from `text` starting at `pos` (which must be < text.size()). Fields are
// written to `fields` (cleared first) with quotes removed and "" unescaped; `pos` moves past the
// record's line end. `line` is the 1-based line the record starts on and is advanced by the
// number of line breaks consumed. Throws Error{Data} for an unterminated quoted field or a
// character other than ',' or a line end after a closing quote.
void readCsvRecord(std::string_view text, size_t& pos, int64_t& line,
                   const std::filesystem::path& file, std::vector<std::string>& fields);

}  // namespace childtune::core::data
