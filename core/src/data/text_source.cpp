#include "data/text_source.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <system_error>

#include "childtune/error.h"

namespace childtune::core::data {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

std::string readFileBytes(const fs::path& file) {
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (ec || !fs::exists(status)) {
    throw Error(ErrorCode::Io, "cannot open '" + file.string() + "': no such file",
                "check the path, or set CHILDTUNE_GLUE_DIR to the folder holding the task folders");
  }
  if (!fs::is_regular_file(status)) {
    throw Error(ErrorCode::Io, "cannot read '" + file.string() + "': not a regular file");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw Error(ErrorCode::Io,
                "cannot open '" + file.string() + "': " + std::strerror(errno ? errno : EACCES));
  }
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) {
    throw Error(ErrorCode::Io, "cannot read '" + file.string() + "': size unknown");
  }
  in.seekg(0, std::ios::beg);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (size > 0 && !in.read(bytes.data(), size)) {
    throw Error(ErrorCode::Io, "cannot read '" + file.string() + "': read failed after " +
                                   std::to_string(in.gcount()) + " of " + std::to_string(size) +
                                   " bytes");
  }
  return bytes;
}

size_t findInvalidUtf8(std::string_view bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t size = bytes.size();
  size_t i = 0;
  while (i < size) {
    // ASCII fast path, 8 bytes at a time.
    while (i + 8 <= size) {
      uint64_t chunk = 0;
      std::memcpy(&chunk, data + i, 8);
      if ((chunk & 0x8080808080808080ULL) != 0) {
        break;
      }
      i += 8;
    }
    if (i >= size) {
      break;
    }
    const unsigned char lead = data[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    unsigned char lowest = 0x80;  // bounds of the second byte (rejects overlongs and surrogates)
    unsigned char highest = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) {
        lowest = 0xA0;
      } else if (lead == 0xED) {
        highest = 0x9F;
      }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) {
        lowest = 0x90;
      } else if (lead == 0xF4) {
        highest = 0x8F;
      }
    } else {
      return i;  // a continuation byte without a lead, or 0xC0/0xC1/0xF5..0xFF
    }
    if (i + 1 >= size || data[i + 1] < lowest || data[i + 1] > highest) {
      return i;
    }
    for (size_t k = 2; k < length; ++k) {
      if (i + k >= size || (data[i + k] & 0xC0) != 0x80) {
        return i;
      }
    }
    i += length;
  }
  return std::string_view::npos;
}

std::string_view prepareText(std::string_view bytes, const fs::path& file) {
  const size_t bad = findInvalidUtf8(bytes);
  if (bad != std::string_view::npos) {
    const auto line =
        1 + std::count(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(bad), '\n');
    throw Error(ErrorCode::Data,
                "'" + file.string() + "': invalid UTF-8 at byte offset " + std::to_string(bad) +
                    " (line " + std::to_string(line) + ")",
                "save the file as UTF-8");
  }
  std::string_view text = bytes;
  if (text.starts_with(kBom)) {
    text.remove_prefix(kBom.size());
  }
  if (text.empty()) {
    throw Error(ErrorCode::Data, "'" + file.string() + "': file is empty");
  }
  return text;
}

std::string where(const fs::path& file, int64_t line) {
  return "'" + file.string() + "', line " + std::to_string(line);
}

void throwDataError(const fs::path& file, int64_t line, const std::string& message) {
  throw Error(ErrorCode::Data, where(file, line) + ": " + message);
}

std::string quoteForMessage(std::string_view text) {
  constexpr size_t kMaxBytes = 60;
  std::string out = "'";
  size_t used = 0;
  for (const char raw : text) {
    const auto c = static_cast<unsigned char>(raw);
    if (used >= kMaxBytes && (c & 0xC0) != 0x80) {
      out += "...";
      break;
    }
    if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c == 0x7F) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02X", c);
      out += buffer;
    } else {
      out += static_cast<char>(c);
    }
    ++used;
  }
  out += "'";
  return out;
}

bool LineReader::next(std::string_view& line) {
  if (pos_ >= text_.size()) {
    return false;
  }
  const size_t newline = text_.find('\n', pos_);
  const size_t end = newline == std::string_view::npos ? text_.size() : newline;
  line = text_.substr(pos_, end - pos_);
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  pos_ = newline == std::string_view::npos ? text_.size() : newline + 1;
  ++lineNumber_;
  return true;
}

void splitTabs(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return;
    }
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

size_t countLines(std::string_view text) {
  const auto newlines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  return newlines + (!text.empty() && text.back() != '\n' ? 1 : 0);
}

std::string_view trimAscii(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) {
    return {};
  }
  const size_t end = text.find_last_not_of(kSpace);
  return text.substr(begin, end - begin + 1);
}

std::string lowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

bool parseFloat(std::string_view text, float& value) {
  if (text.starts_with('+')) {
    text.remove_prefix(1);
    if (text.empty() || text.front() == '-' || text.front() == '+') {
      return false;
    }
  }
  if (text.empty()) {
    return false;
  }
  float parsed = 0.0f;
  const auto result =
      std::from_chars(text.data(), text.data() + text.size(), parsed, std::chars_format::general);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() ||
      !std::isfinite(parsed)) {
    return false;
  }
  value = parsed;
  return true;
}

std::string joinQuoted(const std::vector<std::string>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) {
      out += ", ";
    }
    out += quoteForMessage(values[i]);
  }
  return out;
}

}  // namespace childtune::core::data
