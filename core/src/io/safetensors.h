#pragma once
// safetensors reader and writer (torch-free). Format: 8-byte little-endian header length N, N
// bytes of JSON header {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}},
// then the data section; offsets are relative to the data section.
//
// The reader memory-maps the file and validates everything before handing out a view: header
// length vs file size, well-formed JSON, known dtype, shape x dtype size == byte range, ranges
// inside the data section, no overlaps, no holes (the format requires the tensors to cover the
// data section exactly), no duplicate names. Views stay valid as long as the SafetensorsFile lives.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace childtune::core::io {

enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, Bool };

std::string_view toString(DType dtype);  // the safetensors spelling: "F32", "BF16", ...
size_t elementSize(DType dtype);

struct TensorInfo {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  uint64_t begin = 0;  // byte offset in the data section
  uint64_t end = 0;    // one past the last byte
  // Product of the dims (1 for a scalar, 0 if any dim is 0). Throws Error{Data} naming the tensor
  // if a dim is negative or the product overflows int64 (never for tensors from the reader).
  int64_t numel() const;
};

class SafetensorsFile {
 public:
  // Throws childtune::Error (Io for open/mmap failures, Data for every format violation), with
  // the file path and the offending tensor/field in the message. Maps the file without reading
  // it: only the header pages are touched, so this is fast for any file size.
  static SafetensorsFile open(const std::filesystem::path& path);

  // Parses an in-memory image of a safetensors file, which is copied. `origin` stands in for the
  // path in error messages and path(). Same validation and errors as open(); for tests, fuzzing
  // and data that never was a file.
  static SafetensorsFile fromBytes(std::span<const std::byte> image,
                                   const std::string& origin = "<memory>");

  SafetensorsFile(SafetensorsFile&&) noexcept;
  SafetensorsFile& operator=(SafetensorsFile&&) noexcept;
  ~SafetensorsFile();

  const std::filesystem::path& path() const;
  const std::vector<TensorInfo>& tensors() const;       // in file order (by offset, then name)
  const TensorInfo* find(std::string_view name) const;  // nullptr when absent
  const std::map<std::string, std::string>& metadata() const;
  // Raw little-endian bytes of a tensor, aliasing the mapping. Throws Error{Model} if absent.
  // The bytes need not be aligned for the element type: copy them out (memcpy, toFloat32).
  std::span<const std::byte> bytes(std::string_view name) const;
  std::span<const std::byte> bytes(const TensorInfo& info) const;

  // Asks the kernel to start reading the whole data section into the page cache in the
  // background. Call before copying out every tensor; a hint that never fails.
  void prefetch() const noexcept;
  // Done with a tensor's bytes (e.g. copied into a parameter): drops its pages from this
  // process's resident set, so loading a model never holds the file and the parameters at once.
  // Views of the tensor stay valid (the pages are read back from the page cache on access).
  // No-op for fromBytes() images. A hint that never fails.
  void release(const TensorInfo& info) const noexcept;

 private:
  struct Impl;
  explicit SafetensorsFile(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A tensor to write: raw little-endian bytes whose size must equal numel * elementSize(dtype).
struct TensorToWrite {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  std::span<const std::byte> data;
};

// Writes a safetensors file that Hugging Face `safetensors`/`transformers` load, byte for byte as
// the reference Python writer does (safetensors 0.4+): tensors ordered by dtype, widest first
// (I64, F64, F32, I32, BF16, F16, I16, I8, U8, BOOL), then by name, so every tensor is aligned to
// its element size without padding; header keys in that order after `__metadata__` (omitted when
// empty; its keys sorted); header padded with spaces to a multiple of 8. Written atomically (temp
// file in the same folder, fsync, rename; see atomic_file.h). Throws Error{Io} on write failure
// (disk full included; the old file is then untouched), Error{Config} on duplicate or reserved
// names, negative dims, invalid UTF-8 in names or metadata, or a data size mismatch.
void writeSafetensors(const std::filesystem::path& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata = {});

// Reads a sharded checkpoint's `model.safetensors.index.json`: tensor name -> shard file name.
// Throws Error{Io} if the file cannot be read, Error{Data} on malformed JSON, a missing or
// non-object "weight_map", a non-string shard, or a shard name that leaves the folder (path
// separators, "." or "..").
std::map<std::string, std::string> readSafetensorsIndex(const std::filesystem::path& indexPath);
// The same for index JSON already in memory; `origin` names it in error messages.
std::map<std::string, std::string> parseSafetensorsIndex(std::string_view json,
                                                         const std::string& origin);

// Upcasts a floating-point tensor to float32 without torch: F16 and BF16 exactly (subnormals,
// infinities and NaN payloads included), F32 copied, F64 rounded to nearest (out of range -> inf).
// `bytes` are the tensor's little-endian bytes, e.g. SafetensorsFile::bytes(info). Throws
// Error{Model} for integer/bool dtypes and Error{Internal} if the byte count does not match the
// shape (or, for the span overload, `out` has the wrong size).
std::vector<float> toFloat32(const TensorInfo& info, std::span<const std::byte> bytes);
void toFloat32(const TensorInfo& info, std::span<const std::byte> bytes, std::span<float> out);

// IEEE 754 binary16 and bfloat16 bit patterns to float32 (exact).
float halfToFloat(uint16_t bits);
float bfloat16ToFloat(uint16_t bits);

}  // namespace childtune::core::io
