#include "io/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <streambuf>
#include <string>
#include <utility>
#include <vector>

#include "childtune/error.h"

namespace childtune::core::io {

namespace {

constexpr size_t kBufferSize = size_t{1} << 16;  // bytes; larger writes bypass the buffer

// Writes all of [data, data + size) to `fd`, retrying short writes and EINTR. Returns 0 or the
// errno of the failure.
int writeAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno;
    }
    if (written == 0) {
      return EIO;  // write(2) made no progress: treat as a failing device rather than spin
    }
    data += written;
    size -= static_cast<size_t>(written);
  }
  return 0;
}

// A streambuf over a file descriptor that remembers the first system error instead of throwing
// (std::ostream swallows exceptions from its buffer anyway), so commit() can report the reason.
class FdStreamBuf : public std::streambuf {
 public:
  FdStreamBuf() : buffer_(kBufferSize) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }

  void setFd(int fd) { fd_ = fd; }
  int error() const { return error_; }

  bool flushBuffer() {
    if (error_ != 0) {
      return false;
    }
    const auto pending = static_cast<size_t>(pptr() - pbase());
    if (pending > 0) {
      error_ = writeAll(fd_, pbase(), pending);
      setp(buffer_.data(), buffer_.data() + buffer_.size());
    }
    return error_ == 0;
  }

 protected:
  int_type overflow(int_type ch) override {
    if (!flushBuffer()) {
      return traits_type::eof();
    }
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }

  std::streamsize xsputn(const char* data, std::streamsize count) override {
    if (error_ != 0 || count <= 0) {
      return error_ != 0 ? 0 : count;
    }
    const auto size = static_cast<size_t>(count);
    const auto room = static_cast<size_t>(epptr() - pptr());
    if (size <= room) {
      std::memcpy(pptr(), data, size);
      pbump(static_cast<int>(size));
      return count;
    }
    if (!flushBuffer()) {
      return 0;
    }
    if (size >= buffer_.size()) {
      error_ = writeAll(fd_, data, size);
      return error_ == 0 ? count : 0;
    }
    std::memcpy(pptr(), data, size);
    pbump(static_cast<int>(size));
    return count;
  }

  int sync() override { return flushBuffer() ? 0 : -1; }

 private:
  std::vector<char> buffer_;
  int fd_ = -1;
  int error_ = 0;
};

std::string hexToken() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(rng()));
  return text;
}

int closeFd(int fd) {
  // Linux closes the descriptor even when close() reports EINTR; retrying could close another
  // thread's new descriptor, so EINTR counts as closed.
  if (::close(fd) != 0 && errno != EINTR) {
    return errno;
  }
  return 0;
}

}  // namespace

struct AtomicFileWriter::State {
  std::filesystem::path target;
  std::filesystem::path temp;
  std::filesystem::path folder;
  int fd = -1;
  bool committed = false;
  FdStreamBuf buffer;
  std::ostream stream{&buffer};

  [[noreturn]] void fail(const std::string& what, int err) const {
    throw Error(ErrorCode::Io,
                "cannot write '" + target.string() + "': " + what + ": " + std::strerror(err));
  }
};

AtomicFileWriter::AtomicFileWriter(std::filesystem::path target)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.target = std::move(target);
  s.folder = s.target.parent_path().empty() ? std::filesystem::path(".") : s.target.parent_path();
  if (s.target.filename().empty()) {
    throw Error(ErrorCode::Io, "cannot write '" + s.target.string() + "': not a file name");
  }
  // A dot-prefixed name with a random suffix: hidden from casual listings, unique per attempt.
  // Mode 0666 lets the umask decide the final permissions, as for any newly created file.
  for (int attempt = 0; attempt < 16; ++attempt) {
    s.temp = s.folder / ("." + s.target.filename().string() + ".tmp-" + hexToken());
    s.fd = ::open(s.temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (s.fd >= 0 || errno != EEXIST) {
      break;
    }
  }
  if (s.fd < 0) {
    const int err = errno;
    s.fail("cannot create temporary file '" + s.temp.string() + "'", err);
  }
  s.buffer.setFd(s.fd);
}

AtomicFileWriter::~AtomicFileWriter() {
  if (state_ == nullptr || state_->committed) {
    return;
  }
  if (state_->fd >= 0) {
    closeFd(state_->fd);
  }
  // Best effort: the temp file is garbage once the write is abandoned.
  ::unlink(state_->temp.c_str());
}

void AtomicFileWriter::write(std::span<const std::byte> bytes) {
  State& s = *state_;
  if (s.committed || s.fd < 0) {
    throw Error(ErrorCode::Internal,
                "AtomicFileWriter for '" + s.target.string() + "' used after commit()");
  }
  s.stream.write(reinterpret_cast<const char*>(bytes.data()),
                 static_cast<std::streamsize>(bytes.size()));
  if (s.buffer.error() != 0) {
    s.fail("write to '" + s.temp.string() + "' failed", s.buffer.error());
  }
  if (!s.stream) {
    s.fail("write to '" + s.temp.string() + "' failed", EIO);
  }
}

void AtomicFileWriter::write(std::string_view text) {
  write(std::as_bytes(std::span<const char>(text.data(), text.size())));
}

std::ostream& AtomicFileWriter::stream() { return state_->stream; }

void AtomicFileWriter::commit() {
  State& s = *state_;
  if (s.committed || s.fd < 0) {
    throw Error(ErrorCode::Internal,
                "AtomicFileWriter::commit() called twice for '" + s.target.string() + "'");
  }
  s.stream.flush();
  if (s.buffer.error() != 0) {
    s.fail("write to '" + s.temp.string() + "' failed", s.buffer.error());
  }
  if (!s.stream) {
    s.fail("write to '" + s.temp.string() + "' failed", EIO);
  }
  if (::fsync(s.fd) != 0) {
    const int err = errno;
    s.fail("fsync of '" + s.temp.string() + "' failed", err);
  }
  const int fd = std::exchange(s.fd, -1);
  if (const int err = closeFd(fd); err != 0) {
    s.fail("close of '" + s.temp.string() + "' failed", err);
  }
  if (::rename(s.temp.c_str(), s.target.c_str()) != 0) {
    const int err = errno;
    s.fail("rename of '" + s.temp.string() + "' failed", err);
  }
  s.committed = true;  // the temp file is gone; the destructor must not unlink anything now

  const int dirFd = ::open(s.folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirFd < 0) {
    const int err = errno;
    s.fail("cannot open folder '" + s.folder.string() + "' to fsync it", err);
  }
  int err = 0;
  // Some file systems cannot fsync a directory (EINVAL); there is nothing more to make durable.
  if (::fsync(dirFd) != 0 && errno != EINVAL && errno != ENOTSUP) {
    err = errno;
  }
  closeFd(dirFd);
  if (err != 0) {
    s.fail("fsync of folder '" + s.folder.string() + "' failed", err);
  }
}

const std::filesystem::path& AtomicFileWriter::target() const { return state_->target; }
const std::filesystem::path& AtomicFileWriter::tempPath() const { return state_->temp; }

void writeFileAtomically(const std::filesystem::path& target,
                         const std::function<void(std::ostream&)>& fill) {
  AtomicFileWriter writer(target);
  fill(writer.stream());
  writer.commit();
}

void writeFileAtomically(const std::filesystem::path& target, std::string_view contents) {
  AtomicFileWriter writer(target);
  writer.write(contents);
  writer.commit();
}

}  // namespace childtune::core::io
