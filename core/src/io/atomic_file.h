#pragma once
// Atomic file replacement: readers see either the complete old file or the complete new one,
// never a torn mix, even across a crash or power loss. The bytes go to a temporary file in the
// target's folder (same file system, so rename is atomic), which is fsynced, closed, renamed over
// the target, and then the folder is fsynced so the rename itself is durable.
//
// Every write, the fsync and the close are checked: a full disk (ENOSPC), a file size limit
// (EFBIG) or an I/O error becomes Error{Io} naming the target, and the old file stays untouched.
// Used for safetensors files, checkpoints and run exports.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <span>
#include <string_view>

namespace childtune::core::io {

// One atomic replacement of `target`. Write through write() or stream() (both go through one
// buffer, so they may be mixed), then commit(). Destroying the writer without a successful
// commit() removes the temporary file and leaves the target as it was.
//
//   AtomicFileWriter out(dir / "checkpoint.json");
//   out.stream() << json.dump(2);
//   out.commit();
//
// Not thread-safe; use from one thread.
class AtomicFileWriter {
 public:
  // Creates the temporary file next to `target`. Throws Error{Io} if the folder is missing or
  // not writable.
  explicit AtomicFileWriter(std::filesystem::path target);
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
  ~AtomicFileWriter();

  // Append bytes. Throw Error{Io} as soon as the system refuses them (disk full).
  void write(std::span<const std::byte> bytes);
  void write(std::string_view text);

  // A buffered stream into the same file, for formatted output. A failed write sets badbit;
  // commit() then throws Error{Io} with the system's reason.
  std::ostream& stream();

  // Flushes, fsyncs and closes the temporary file, renames it over the target and fsyncs the
  // folder. Throws Error{Io}; after a throw the target is unchanged (unless only the final
  // folder fsync failed, in which case the new file is in place but may not survive a crash).
  // REQUIRES: called at most once.
  void commit();

  const std::filesystem::path& target() const;
  const std::filesystem::path& tempPath() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Convenience wrappers: write the whole file in one go. `fill` may throw; the target is then left
// as it was and the exception propagates.
void writeFileAtomically(const std::filesystem::path& target,
                         const std::function<void(std::ostream&)>& fill);
void writeFileAtomically(const std::filesystem::path& target, std::string_view contents);

}  // namespace childtune::core::io
