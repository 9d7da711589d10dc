// libFuzzer target for the zip reader: any input must parse into entries whose contents read
// back, or end in a childtune::Error (Data). A crash, a sanitizer report or any other exception is
// a bug. Checks the invariants the reader promises for every entry it accepts.

#include <cstddef>
#include <cstdint>
#include <span>

#include "childtune/error.h"
#include "io/zip_reader.h"

namespace {

void check(bool condition) {
  if (!condition) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace childtune::core::io;
  ZipLimits limits;
  limits.maxTotalUncompressed = uint64_t{64} << 20;  // keep each run small
  try {
    const ZipReader zip =
        ZipReader::fromBytes(std::as_bytes(std::span<const uint8_t>(data, size)), "<fuzz>", limits);
    for (const ZipEntry& entry : zip.entries()) {
      const auto relative = safeRelativePath(entry.name);  // the reader checked every name
      check(!relative.empty() && relative.is_relative());
      uint64_t produced = 0;
      try {
        zip.read(entry, [&](std::span<const std::byte> chunk) { produced += chunk.size(); });
        check(produced == entry.uncompressedSize);
      } catch (const childtune::Error& e) {
        check(e.code() == childtune::ErrorCode::Data);
        check(produced <= entry.uncompressedSize);
      }
    }
  } catch (const childtune::Error& e) {
    check(e.code() == childtune::ErrorCode::Data);
  }
  return 0;
}
