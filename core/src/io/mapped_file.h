#pragma once
// A read-only memory mapping of a whole file (RAII). Mapping costs no copy and no read: pages are
// faulted in from the page cache on first touch, so opening a 1.3 GB checkpoint is instant.
//
// The mapping is MAP_PRIVATE and PROT_READ. If another process truncates the file while it is
// mapped, touching the lost pages raises SIGBUS; write checkpoints atomically (atomic_file.h) so
// that readers never see a file shrink under them.

#include <cstddef>
#include <filesystem>
#include <limits>
#include <span>

namespace childtune::core::io {

class MappedFile {
 public:
  // Maps `path` read-only. Throws Error{Io} naming the path and the system error when the file
  // cannot be opened, is not a regular file, or cannot be mapped. An empty file gives an empty
  // view.
  static MappedFile open(const std::filesystem::path& path);

  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  const std::filesystem::path& path() const { return path_; }
  std::span<const std::byte> bytes() const { return {data_, size_}; }
  size_t size() const { return size_; }

  enum class Access {
    Normal,      // default read-ahead
    Sequential,  // aggressive read-ahead; pages may be dropped soon after use
    Random,      // no read-ahead
    WillNeed,    // start reading the range into the page cache now (asynchronous)
    DontNeed,    // done with the range: its pages leave this process's resident set (they stay
                 // in the page cache; touching them again reads them back from there)
  };
  // Tells the kernel how [offset, offset + length) will be read (madvise). A hint only: failures
  // are ignored, ranges are clamped to the file.
  void advise(Access access, size_t offset = 0,
              size_t length = std::numeric_limits<size_t>::max()) const noexcept;

 private:
  MappedFile(std::filesystem::path path, const std::byte* data, size_t size);
  void release() noexcept;

  std::filesystem::path path_;
  const std::byte* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace childtune::core::io
