#include "io/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <utility>

#include "childtune/error.h"

namespace childtune::core::io {

namespace {

[[noreturn]] void throwIo(const std::string& what, const std::filesystem::path& path, int err) {
  throw Error(ErrorCode::Io, what + " '" + path.string() + "': " + std::strerror(err));
}

// Closes a descriptor on every exit path of open(); the mapping outlives it.
class FdGuard {
 public:
  explicit FdGuard(int fd) : fd_(fd) {}
  FdGuard(const FdGuard&) = delete;
  FdGuard& operator=(const FdGuard&) = delete;
  ~FdGuard() { ::close(fd_); }

 private:
  int fd_;
};

}  // namespace

MappedFile::MappedFile(std::filesystem::path path, const std::byte* data, size_t size)
    : path_(std::move(path)), data_(data), size_(size) {}

MappedFile MappedFile::open(const std::filesystem::path& path) {
  int fd = -1;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    const int err = errno;
    throwIo("cannot open", path, err);
  }
  FdGuard guard(fd);

  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    throwIo("cannot stat", path, err);
  }
  if (!S_ISREG(st.st_mode)) {
    throw Error(ErrorCode::Io, "cannot map '" + path.string() + "': not a regular file");
  }
  const auto size = static_cast<uint64_t>(st.st_size);
  if (size == 0) {
    // mmap rejects zero-length mappings; an empty view is the honest answer.
    return MappedFile(path, nullptr, 0);
  }
  if (size > std::numeric_limits<size_t>::max()) {
    throw Error(ErrorCode::Io, "cannot map '" + path.string() + "': file too large to map");
  }
  void* addr = ::mmap(nullptr, static_cast<size_t>(size), PROT_READ, MAP_PRIVATE, fd, 0);
  if (addr == MAP_FAILED) {
    const int err = errno;
    throwIo("cannot mmap", path, err);
  }
  return MappedFile(path, static_cast<const std::byte*>(addr), static_cast<size_t>(size));
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : path_(std::move(other.path_)),
      data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    release();
    path_ = std::move(other.path_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

MappedFile::~MappedFile() { release(); }

void MappedFile::release() noexcept {
  if (data_ != nullptr) {
    // munmap only fails for invalid arguments, which would be a bug here; nothing to report.
    ::munmap(const_cast<std::byte*>(data_), size_);
    data_ = nullptr;
    size_ = 0;
  }
}

void MappedFile::advise(Access access, size_t offset, size_t length) const noexcept {
  if (data_ == nullptr || offset >= size_) {
    return;
  }
  length = std::min(length, size_ - offset);
  if (length == 0) {
    return;
  }
  // madvise needs a page-aligned start. mmap returned a page-aligned base, so widening the offset
  // down to a page boundary is enough.
  const auto pageSize = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  const size_t alignedOffset = offset - offset % pageSize;
  const size_t alignedLength = length + (offset - alignedOffset);
  int advice = MADV_NORMAL;
  switch (access) {
    case Access::Normal:
      advice = MADV_NORMAL;
      break;
    case Access::Sequential:
      advice = MADV_SEQUENTIAL;
      break;
    case Access::Random:
      advice = MADV_RANDOM;
      break;
    case Access::WillNeed:
      advice = MADV_WILLNEED;
      break;
    case Access::DontNeed:
      // Safe on this read-only private mapping: nothing was ever written to it, so dropping the
      // pages loses nothing (the range is widened to whole pages, neighbours included).
      advice = MADV_DONTNEED;
      break;
  }
  ::madvise(const_cast<std::byte*>(data_ + alignedOffset), alignedLength, advice);
}

}  // namespace childtune::core::io
