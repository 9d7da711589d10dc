// libFuzzer target for the safetensors reader and the sharded-checkpoint index parser. Any input
// must end in a parsed file or a childtune::Error; anything else (a crash, a sanitizer report, a
// foreign exception escaping) is a bug.
//
// The first byte picks the parser: even -> safetensors image, odd -> index JSON. Parsed tensors
// are read back and, when floating point, converted, so views and conversions get exercised too.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "childtune/error.h"
#include "io/safetensors.h"

namespace {

void fuzzImage(std::span<const std::byte> image) {
  using namespace childtune::core::io;
  const SafetensorsFile file = SafetensorsFile::fromBytes(image, "fuzz.safetensors");
  for (const TensorInfo& info : file.tensors()) {
    const auto bytes = file.bytes(info);
    if (file.find(info.name) != &info || bytes.size() != info.end - info.begin) {
      __builtin_trap();  // the index and the views must agree with the validated header
    }
    if (info.dtype == DType::F64 || info.dtype == DType::F32 || info.dtype == DType::F16 ||
        info.dtype == DType::BF16) {
      (void)toFloat32(info, bytes);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) {
    return 0;
  }
  const auto* bytes = reinterpret_cast<const std::byte*>(data);
  try {
    if ((data[0] & 1) == 0) {
      fuzzImage(std::span<const std::byte>(bytes + 1, size - 1));
    } else {
      (void)childtune::core::io::parseSafetensorsIndex(
          std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), "fuzz.index.json");
    }
  } catch (const childtune::Error&) {
    // Expected for malformed input.
  }
  return 0;
}
