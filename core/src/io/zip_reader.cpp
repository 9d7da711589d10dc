#include "io/zip_reader.h"

#define ZLIB_CONST
#include <zlib.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <limits>
#include <utility>

#include "childtune/error.h"

namespace childtune::core::io {
namespace {

namespace fs = std::filesystem;

constexpr uint32_t kEndOfCentralDirSig = 0x06054b50;
constexpr uint32_t kZip64LocatorSig = 0x07064b50;
constexpr uint32_t kZip64EndSig = 0x06064b50;
constexpr uint32_t kCentralHeaderSig = 0x02014b50;
constexpr uint32_t kLocalHeaderSig = 0x04034b50;
constexpr size_t kEndOfCentralDirSize = 22;
constexpr size_t kZip64LocatorSize = 20;
constexpr size_t kZip64EndSize = 56;
constexpr size_t kCentralHeaderSize = 46;
constexpr size_t kLocalHeaderSize = 30;
constexpr size_t kMaxCommentSize = 0xFFFF;
constexpr size_t kChunkBytes = size_t{1} << 20;
constexpr uint16_t kZip64ExtraId = 0x0001;
constexpr uint16_t kMethodStored = 0;
constexpr uint16_t kMethodDeflate = 8;

[[noreturn]] void fail(const std::string& origin, const std::string& what) {
  throw Error(ErrorCode::Data, "zip archive " + origin + ": " + what,
              "the download may be truncated or corrupt; delete it and download it again");
}

// Little-endian reads with bounds checks against the whole archive.
class Cursor {
 public:
  Cursor(std::span<const std::byte> bytes, const std::string& origin)
      : bytes_(bytes), origin_(origin) {}

  void need(uint64_t offset, uint64_t length, const char* what) const {
    if (offset > bytes_.size() || length > bytes_.size() - offset) {
      fail(origin_, std::string(what) + " at byte " + std::to_string(offset) +
                        " extends past the end of the file (" + std::to_string(bytes_.size()) +
                        " bytes)");
    }
  }
  template <typename T>
  T read(uint64_t offset) const {
    need(offset, sizeof(T), "a field");
    T value = 0;
    for (size_t i = 0; i < sizeof(T); ++i) {
      value = static_cast<T>(
          value | (static_cast<T>(std::to_integer<uint8_t>(bytes_[offset + i])) << (8 * i)));
    }
    return value;
  }
  std::string text(uint64_t offset, uint64_t length) const {
    need(offset, length, "a name");
    const auto* begin = reinterpret_cast<const char*>(bytes_.data() + offset);
    return {begin, begin + length};
  }

 private:
  std::span<const std::byte> bytes_;
  const std::string& origin_;
};

// An entry name for a message: control bytes (a NUL would end the C string) as \xNN.
std::string printable(std::string_view name) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

void checkCancel(const std::atomic<bool>* cancel) {
  if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
    throw Error(ErrorCode::Cancelled, "unpacking was cancelled");
  }
}

}  // namespace

ZipReader ZipReader::open(const fs::path& path, const ZipLimits& limits) {
  ZipReader reader;
  reader.file_ = MappedFile::open(path);
  reader.bytes_ = reader.file_.bytes();
  reader.origin_ = path.string();
  reader.parse(limits);
  return reader;
}

ZipReader ZipReader::fromBytes(std::span<const std::byte> bytes, std::string origin,
                               const ZipLimits& limits) {
  ZipReader reader;
  reader.bytes_ = bytes;
  reader.origin_ = std::move(origin);
  reader.parse(limits);
  return reader;
}

void ZipReader::parse(const ZipLimits& limits) {
  const Cursor in(bytes_, origin_);
  const uint64_t size = bytes_.size();
  if (size < kEndOfCentralDirSize) {
    fail(origin_, "too small to be a zip file (" + std::to_string(size) + " bytes)");
  }
  // The end-of-central-directory record is the last 22 bytes plus a comment of up to 64 KiB:
  // search backwards for its signature, and accept it only if the comment ends at the file end.
  uint64_t eocd = 0;
  bool found = false;
  const uint64_t lowest = size - kEndOfCentralDirSize > kMaxCommentSize
                              ? size - kEndOfCentralDirSize - kMaxCommentSize
                              : 0;
  for (uint64_t pos = size - kEndOfCentralDirSize + 1; pos-- > lowest;) {
    if (in.read<uint32_t>(pos) == kEndOfCentralDirSig &&
        pos + kEndOfCentralDirSize + in.read<uint16_t>(pos + 20) == size) {
      eocd = pos;
      found = true;
      break;
    }
  }
  if (!found) {
    fail(origin_, "no end-of-central-directory record (not a zip file, or truncated)");
  }
  uint64_t entryCount = in.read<uint16_t>(eocd + 10);
  uint64_t cdSize = in.read<uint32_t>(eocd + 12);
  uint64_t cdOffset = in.read<uint32_t>(eocd + 16);
  // Disk numbers are 0 in a single-file archive (0xFFFF when ZIP64 holds the real ones).
  for (const uint64_t field : {eocd + 4, eocd + 6}) {
    const auto disk = in.read<uint16_t>(field);
    if (disk != 0 && disk != 0xFFFF) {
      fail(origin_, "multi-part (spanned) archives are not supported");
    }
  }
  const bool zip64 = entryCount == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF;
  if (zip64) {
    if (eocd < kZip64LocatorSize ||
        in.read<uint32_t>(eocd - kZip64LocatorSize) != kZip64LocatorSig) {
      fail(origin_, "ZIP64 sizes announced but no ZIP64 locator found");
    }
    const auto end64 = in.read<uint64_t>(eocd - kZip64LocatorSize + 8);
    in.need(end64, kZip64EndSize, "the ZIP64 end record");
    if (in.read<uint32_t>(end64) != kZip64EndSig) {
      fail(origin_, "bad ZIP64 end record signature at byte " + std::to_string(end64));
    }
    entryCount = in.read<uint64_t>(end64 + 32);
    cdSize = in.read<uint64_t>(end64 + 40);
    cdOffset = in.read<uint64_t>(end64 + 48);
  }
  in.need(cdOffset, cdSize, "the central directory");
  if (entryCount > limits.maxEntries) {
    fail(origin_, std::to_string(entryCount) + " entries (more than the limit of " +
                      std::to_string(limits.maxEntries) + ")");
  }
  // Each central header is at least 46 bytes: a count that cannot fit is a lie, caught before
  // reserving memory for it.
  if (entryCount > cdSize / kCentralHeaderSize + 1) {
    fail(origin_, "the central directory (" + std::to_string(cdSize) + " bytes) cannot hold " +
                      std::to_string(entryCount) + " entries");
  }

  entries_.reserve(entryCount);
  uint64_t pos = cdOffset;
  const uint64_t cdEnd = cdOffset + cdSize;
  uint64_t total = 0;
  for (uint64_t i = 0; i < entryCount; ++i) {
    if (pos + kCentralHeaderSize > cdEnd) {
      fail(origin_, "central directory ends after " + std::to_string(i) + " of " +
                        std::to_string(entryCount) + " entries");
    }
    if (in.read<uint32_t>(pos) != kCentralHeaderSig) {
      fail(origin_, "bad central directory signature at byte " + std::to_string(pos));
    }
    ZipEntry entry;
    const auto madeBy = in.read<uint16_t>(pos + 4);
    const auto flags = in.read<uint16_t>(pos + 8);
    entry.method = in.read<uint16_t>(pos + 10);
    entry.crc32 = in.read<uint32_t>(pos + 16);
    entry.compressedSize = in.read<uint32_t>(pos + 20);
    entry.uncompressedSize = in.read<uint32_t>(pos + 24);
    const auto nameLength = in.read<uint16_t>(pos + 28);
    const auto extraLength = in.read<uint16_t>(pos + 30);
    const auto commentLength = in.read<uint16_t>(pos + 32);
    const auto externalAttributes = in.read<uint32_t>(pos + 38);
    entry.localHeaderOffset = in.read<uint32_t>(pos + 42);
    const uint64_t recordEnd =
        pos + kCentralHeaderSize + uint64_t{nameLength} + extraLength + commentLength;
    if (recordEnd > cdEnd) {
      fail(origin_, "central directory entry " + std::to_string(i) + " runs past its end");
    }
    entry.name = in.text(pos + kCentralHeaderSize, nameLength);
    const std::string label = "entry '" + printable(entry.name) + "'";

    // ZIP64 extended information: the fields present are exactly those saturated above, in order.
    uint64_t extra = pos + kCentralHeaderSize + nameLength;
    const uint64_t extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const auto id = in.read<uint16_t>(extra);
      const auto length = in.read<uint16_t>(extra + 2);
      if (extra + 4 + length > extraEnd) {
        fail(origin_, label + ": extra field runs past its end");
      }
      if (id == kZip64ExtraId) {
        uint64_t field = extra + 4;
        const uint64_t fieldEnd = field + length;
        for (uint64_t* value :
             {&entry.uncompressedSize, &entry.compressedSize, &entry.localHeaderOffset}) {
          if (*value == 0xFFFFFFFF) {
            if (field + 8 > fieldEnd) {
              fail(origin_, label + ": ZIP64 extra field too short");
            }
            *value = in.read<uint64_t>(field);
            field += 8;
          }
        }
      }
      extra += 4 + uint64_t{length};
    }

    if ((flags & 0x1) != 0) {
      fail(origin_, label + " is encrypted (not supported)");
    }
    if (entry.method != kMethodStored && entry.method != kMethodDeflate) {
      fail(origin_, label + " uses compression method " + std::to_string(entry.method) +
                        " (only stored and deflate are supported)");
    }
    constexpr uint32_t kUnixTypeMask = 0170000;
    constexpr uint32_t kUnixSymlink = 0120000;
    if ((madeBy >> 8) == 3 && ((externalAttributes >> 16) & kUnixTypeMask) == kUnixSymlink) {
      fail(origin_, label + " is a symbolic link (not supported)");
    }
    if (entry.method == kMethodStored && entry.compressedSize != entry.uncompressedSize) {
      fail(origin_, label + " is stored but its sizes differ");
    }
    if (entry.uncompressedSize > limits.maxTotalUncompressed - total) {
      fail(origin_, "the entries unpack to more than the limit of " +
                        std::to_string(limits.maxTotalUncompressed) + " bytes");
    }
    total += entry.uncompressedSize;
    // Name safety is checked here, before anything is written, so one bad entry refuses the
    // whole archive.
    (void)safeRelativePath(entry.name);
    in.need(entry.localHeaderOffset, kLocalHeaderSize, (label + " local header").c_str());
    entries_.push_back(std::move(entry));
    pos = recordEnd;
  }
}

void ZipReader::read(const ZipEntry& entry,
                     const std::function<void(std::span<const std::byte>)>& sink,
                     const std::atomic<bool>* cancel) const {
  const Cursor in(bytes_, origin_);
  const std::string label = "entry '" + printable(entry.name) + "'";
  const uint64_t local = entry.localHeaderOffset;
  in.need(local, kLocalHeaderSize, (label + " local header").c_str());
  if (in.read<uint32_t>(local) != kLocalHeaderSig) {
    fail(origin_, label + ": bad local header signature at byte " + std::to_string(local));
  }
  const uint64_t dataStart =
      local + kLocalHeaderSize + in.read<uint16_t>(local + 26) + in.read<uint16_t>(local + 28);
  in.need(dataStart, entry.compressedSize, (label + " data").c_str());
  const std::span<const std::byte> data = bytes_.subspan(dataStart, entry.compressedSize);

  uLong crc = crc32_z(0, nullptr, 0);
  uint64_t produced = 0;
  auto emit = [&](std::span<const std::byte> chunk) {
    produced += chunk.size();
    if (produced > entry.uncompressedSize) {
      fail(origin_, label + " unpacks to more than its declared " +
                        std::to_string(entry.uncompressedSize) + " bytes");
    }
    crc = crc32_z(crc, reinterpret_cast<const Bytef*>(chunk.data()), chunk.size());
    sink(chunk);
  };

  if (entry.method == kMethodStored) {
    for (size_t offset = 0; offset < data.size(); offset += kChunkBytes) {
      checkCancel(cancel);
      emit(data.subspan(offset, std::min(kChunkBytes, data.size() - offset)));
    }
  } else {
    z_stream stream{};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) {
      throw Error(ErrorCode::Internal, "zlib inflateInit2 failed");
    }
    struct Guard {
      z_stream* s;
      ~Guard() { inflateEnd(s); }
    } guard{&stream};
    std::vector<std::byte> buffer(kChunkBytes);
    size_t consumed = 0;
    int status = Z_OK;
    while (status != Z_STREAM_END) {
      checkCancel(cancel);
      if (stream.avail_in == 0 && consumed < data.size()) {
        // avail_in is 32-bit: feed large entries in slices.
        const size_t slice = std::min<size_t>(data.size() - consumed, uInt{1} << 30);
        stream.next_in = reinterpret_cast<const Bytef*>(data.data() + consumed);
        stream.avail_in = static_cast<uInt>(slice);
        consumed += slice;
      }
      stream.next_out = reinterpret_cast<Bytef*>(buffer.data());
      stream.avail_out = static_cast<uInt>(buffer.size());
      status = inflate(&stream, Z_NO_FLUSH);
      if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
        fail(origin_, label + ": corrupt deflate data (" +
                          (stream.msg != nullptr ? std::string(stream.msg) : "zlib error") + ")");
      }
      const size_t out = buffer.size() - stream.avail_out;
      if (out > 0) {
        emit(std::span<const std::byte>(buffer.data(), out));
      }
      if (status == Z_BUF_ERROR && out == 0 && stream.avail_in == 0 && consumed == data.size()) {
        fail(origin_, label + ": deflate data ends early");
      }
    }
  }
  if (produced != entry.uncompressedSize) {
    fail(origin_, label + " unpacks to " + std::to_string(produced) + " bytes, but declares " +
                      std::to_string(entry.uncompressedSize));
  }
  if (crc != entry.crc32) {
    fail(origin_, label + ": CRC-32 mismatch (the data is corrupt)");
  }
}

fs::path safeRelativePath(std::string_view entryName) {
  auto refuse = [&](const std::string& why) -> fs::path {
    throw Error(ErrorCode::Data,
                "zip entry '" + printable(entryName) + "' " + why + "; refusing to unpack it",
                "the archive may be malicious; do not unpack it by hand either");
  };
  if (entryName.empty()) {
    return refuse("has an empty name");
  }
  if (entryName.find('\0') != std::string_view::npos) {
    return refuse("contains a NUL byte");
  }
  if (entryName.find('\\') != std::string_view::npos) {
    return refuse("contains a backslash");
  }
  if (entryName.front() == '/') {
    return refuse("is an absolute path");
  }
  if (entryName.size() >= 2 && entryName[1] == ':') {
    return refuse("starts with a drive letter");
  }
  fs::path out;
  size_t start = 0;
  while (start <= entryName.size()) {
    const size_t slash = std::min(entryName.find('/', start), entryName.size());
    const std::string_view part = entryName.substr(start, slash - start);
    if (part == "..") {
      return refuse("contains a '..' component");
    }
    if (!part.empty() && part != ".") {
      out /= std::string(part);
    }
    start = slash + 1;
  }
  if (out.empty()) {
    return refuse("names no file");
  }
  return out;
}

size_t extractAll(const ZipReader& zip, const fs::path& destination,
                  const std::atomic<bool>* cancel,
                  const std::function<void(uint64_t, uint64_t)>& progress) {
  uint64_t total = 0;
  for (const ZipEntry& entry : zip.entries()) {
    total += entry.uncompressedSize;
  }
  std::error_code ec;
  fs::create_directories(destination, ec);
  if (ec) {
    throw Error(ErrorCode::Io, "cannot create " + destination.string() + ": " + ec.message());
  }
  uint64_t written = 0;
  size_t files = 0;
  for (const ZipEntry& entry : zip.entries()) {
    checkCancel(cancel);
    const fs::path target = destination / safeRelativePath(entry.name);
    if (entry.isDirectory()) {
      fs::create_directories(target, ec);
      if (ec) {
        throw Error(ErrorCode::Io, "cannot create " + target.string() + ": " + ec.message());
      }
      continue;
    }
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
      throw Error(ErrorCode::Io,
                  "cannot create " + target.parent_path().string() + ": " + ec.message());
    }
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw Error(ErrorCode::Io, "cannot write " + target.string());
    }
    zip.read(
        entry,
        [&](std::span<const std::byte> chunk) {
          out.write(reinterpret_cast<const char*>(chunk.data()),
                    static_cast<std::streamsize>(chunk.size()));
          if (!out) {
            throw Error(ErrorCode::Io, "cannot write " + target.string() + " (disk full?)");
          }
          written += chunk.size();
          if (progress) {
            progress(written, total);
          }
        },
        cancel);
    out.close();
    if (!out) {
      throw Error(ErrorCode::Io, "cannot write " + target.string() + " (disk full?)");
    }
    ++files;
  }
  return files;
}

}  // namespace childtune::core::io
