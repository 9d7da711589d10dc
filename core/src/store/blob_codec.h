#pragma once
// Compact binary columns for the run store: little-endian arrays, zlib-compressed when that
// saves space. The encoding is stored beside each blob so raw and compressed rows can coexist.

#include <cstdint>
#include <string>
#include <vector>

namespace childtune::core::store::detail {

enum class BlobEncoding : int { Raw = 0, Zlib = 1 };

struct EncodedBlob {
  BlobEncoding encoding = BlobEncoding::Raw;
  int64_t rawSize = 0;  // bytes before compression
  std::vector<uint8_t> bytes;
};

// Compresses with zlib (level 6) and keeps the result only when it is smaller.
EncodedBlob encodeBlob(const uint8_t* data, size_t size);
// Throws Error{Data} naming `what` when the blob does not decode to rawSize bytes.
std::vector<uint8_t> decodeBlob(BlobEncoding encoding, int64_t rawSize,
                                const std::vector<uint8_t>& bytes, const std::string& what);

std::vector<uint8_t> packFloats(const std::vector<float>& values);
std::vector<float> unpackFloats(const std::vector<uint8_t>& bytes, const std::string& what);
std::vector<uint8_t> packInt64s(const std::vector<int64_t>& values);
std::vector<int64_t> unpackInt64s(const std::vector<uint8_t>& bytes, const std::string& what);
std::vector<uint8_t> packDoubles(const std::vector<double>& values);
std::vector<double> unpackDoubles(const std::vector<uint8_t>& bytes, const std::string& what);

}  // namespace childtune::core::store::detail
