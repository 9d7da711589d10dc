#pragma once
// A small, defensive ZIP reader (torch-free, Qt-free) for the archives ChildTune downloads (the
// GLUE task zips). Reads the central directory, not the local headers' claims: sizes, CRC-32 and
// method come from the central directory, which is what every zip writer finalises last.
//
// Supported: stored (0) and deflate (8) entries, data descriptors, ZIP64 sizes and offsets.
// Refused with Error{Data} naming the archive and the entry: encryption, other methods, symbolic
// links, names that would leave the destination (absolute, "..", drive letters, backslashes, NUL),
// entries whose data lies outside the file, more output than the entry declares (zip bombs), and
// archives whose declared total exceeds ZipLimits.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "io/mapped_file.h"

namespace childtune::core::io {

struct ZipEntry {
  std::string name;  // as stored, '/'-separated; directories end in '/'
  uint16_t method = 0;
  uint32_t crc32 = 0;
  uint64_t compressedSize = 0;
  uint64_t uncompressedSize = 0;
  uint64_t localHeaderOffset = 0;
  bool isDirectory() const { return !name.empty() && name.back() == '/'; }
};

struct ZipLimits {
  uint64_t maxEntries = 100'000;
  // Sum of the entries' declared uncompressed sizes (bytes). MNLI, the largest GLUE task, is
  // ~440 MB unpacked.
  uint64_t maxTotalUncompressed = uint64_t{16} << 30;
};

class ZipReader {
 public:
  // Maps `path` and parses its central directory. Throws Error{Io} when the file cannot be
  // opened, Error{Data} (naming the path) for every format violation.
  static ZipReader open(const std::filesystem::path& path, const ZipLimits& limits = {});

  // Parses an in-memory archive that the caller keeps alive for the reader's lifetime. `origin`
  // stands in for the path in error messages. For tests and fuzzing.
  static ZipReader fromBytes(std::span<const std::byte> bytes, std::string origin = "<memory>",
                             const ZipLimits& limits = {});

  const std::string& origin() const { return origin_; }
  const std::vector<ZipEntry>& entries() const { return entries_; }

  // Decompresses `entry` (one of entries()) and passes the bytes to `sink` in chunks of at most
  // 1 MiB. Checks the output against the declared size and the CRC-32. `cancel`, when given, is
  // polled between chunks (Error{Cancelled}). Throws Error{Data} naming the entry.
  void read(const ZipEntry& entry, const std::function<void(std::span<const std::byte>)>& sink,
            const std::atomic<bool>* cancel = nullptr) const;

 private:
  ZipReader() = default;
  void parse(const ZipLimits& limits);

  MappedFile file_;  // empty for fromBytes()
  std::span<const std::byte> bytes_;
  std::string origin_;
  std::vector<ZipEntry> entries_;
};

// The relative path an entry may be written to: its '/'-separated components, without "."
// components. Throws Error{Data} naming `entryName` when it is empty, absolute, has a drive
// letter, a backslash, a NUL or a ".." component, or names nothing but "." components.
std::filesystem::path safeRelativePath(std::string_view entryName);

// Extracts every entry of `zip` below `destination` (created if missing). Directories are
// created, files written (existing files are replaced); nothing is ever written outside
// `destination`. `progress(bytesWritten, bytesTotal)` is called after each chunk. Returns the
// number of files written. Throws Error{Data} (bad archive or entry), Error{Io} (cannot write,
// naming the file) or Error{Cancelled}.
size_t extractAll(const ZipReader& zip, const std::filesystem::path& destination,
                  const std::atomic<bool>* cancel = nullptr,
                  const std::function<void(uint64_t, uint64_t)>& progress = {});

}  // namespace childtune::core::io
