#pragma once
// SHA-256 (FIPS 180-4) for the identity of a run's inputs: model weights and data files.
// Torch-free, dependency-free; streams files so multi-gigabyte weights need no memory.

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace childtune::core::util {

// Incremental hashing: update() any number of times, then hexDigest() once. Not thread-safe.
class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t size);
  // Lower-case hex, 64 characters. Finalizes: call reset() before hashing new data.
  std::string hexDigest();
  void reset();

 private:
  void compress(const uint8_t* block);

  std::array<uint32_t, 8> state_{};
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;  // bytes in buffer_
  uint64_t totalBytes_ = 0;
};

std::string sha256Hex(const void* data, size_t size);
// Streams the file. Throws Error{Io} naming the file when it cannot be opened or read.
std::string sha256File(const std::filesystem::path& path);

}  // namespace childtune::core::util
