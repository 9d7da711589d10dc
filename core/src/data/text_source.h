#pragma once
// Shared plumbing of the dataset readers: reading a file once, checking it is UTF-8, walking its
// lines and tab-separated fields as string_views, and building error messages that name the file
// and the 1-based line.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace childtune::core::data {

// The whole file. Throws Error{Io} naming the path when it is missing, not a regular file or
// unreadable.
std::string readFileBytes(const std::filesystem::path& file);

// The offset of the first byte that does not start or continue a valid UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF are invalid), or std::string_view::npos.
size_t findInvalidUtf8(std::string_view bytes);

// Validates `bytes` as the contents of `file` and returns them without a leading UTF-8 BOM.
// Throws Error{Data}: "file is empty" for zero bytes (a lone BOM counts as empty), "invalid UTF-8
// at byte offset N (line L)" otherwise.
std::string_view prepareText(std::string_view bytes, const std::filesystem::path& file);

// "'<file>', line <line>": the prefix of every row-level message.
std::string where(const std::filesystem::path& file, int64_t line);
// Throws Error{Data} with "<where(file, line)>: <message>".
[[noreturn]] void throwDataError(const std::filesystem::path& file, int64_t line,
                                 const std::string& message);
// A field for a message: quoted, control characters escaped, cut after 60 bytes.
std::string quoteForMessage(std::string_view text);

// Walks the lines of a text: splits on '\n' only (never on U+0085 or a lone '\r'), drops one
// '\r' before each '\n' (and at the very end), and does not report an empty record after a final
// newline. A last line without '\n' is reported.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  // Advances to the next line; false at the end.
  bool next(std::string_view& line);
  int64_t lineNumber() const { return lineNumber_; }  // 1-based number of the last line returned

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int64_t lineNumber_ = 0;
};

// Splits `line` on '\t' into `fields` (cleared first). An empty line gives one empty field.
void splitTabs(std::string_view line, std::vector<std::string_view>& fields);

// Number of '\n' in `text`, plus one if the text does not end with one: an upper bound on rows.
size_t countLines(std::string_view text);

// ASCII whitespace (space, \t, \r, \n, \f, \v) removed at both ends.
std::string_view trimAscii(std::string_view text);

// ASCII lowercase copy.
std::string lowerAscii(std::string_view text);

// Parses the whole (already trimmed) text as a finite float; false otherwise. Accepts what
// strtof accepts in the "C" locale minus hex, inf and nan: "5.000", "-1e-3", "+2", ".5".
bool parseFloat(std::string_view text, float& value);

// "a, b, c" for an error message listing allowed values (each quoted).
std::string joinQuoted(const std::vector<std::string>& values);

}  // namespace childtune::core::data
