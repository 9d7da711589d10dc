#include "store/blob_codec.h"

#include <zlib.h>

#include <bit>
#include <cstring>

#include "childtune/error.h"

namespace childtune::core::store::detail {

// The arrays are stored in the host's byte order; every supported platform is little-endian.
static_assert(std::endian::native == std::endian::little, "run store blobs are little-endian");

EncodedBlob encodeBlob(const uint8_t* data, size_t size) {
  EncodedBlob out;
  out.rawSize = static_cast<int64_t>(size);
  if (size > 0) {
    uLongf bound = compressBound(static_cast<uLong>(size));
    std::vector<uint8_t> packed(bound);
    if (compress2(packed.data(), &bound, data, static_cast<uLong>(size), 6) == Z_OK &&
        bound < size) {
      packed.resize(bound);
      out.encoding = BlobEncoding::Zlib;
      out.bytes = std::move(packed);
      return out;
    }
  }
  out.bytes.assign(data, data + size);
  return out;
}

std::vector<uint8_t> decodeBlob(BlobEncoding encoding, int64_t rawSize,
                                const std::vector<uint8_t>& bytes, const std::string& what) {
  if (rawSize < 0) {
    throw Error(ErrorCode::Data, what + ": negative stored size");
  }
  if (encoding == BlobEncoding::Raw) {
    if (static_cast<int64_t>(bytes.size()) != rawSize) {
      throw Error(ErrorCode::Data, what + ": stored " + std::to_string(bytes.size()) +
                                       " bytes, expected " + std::to_string(rawSize));
    }
    return bytes;
  }
  if (encoding != BlobEncoding::Zlib) {
    throw Error(ErrorCode::Data,
                what + ": unknown blob encoding " + std::to_string(static_cast<int>(encoding)));
  }
  std::vector<uint8_t> out(static_cast<size_t>(rawSize));
  auto size = static_cast<uLongf>(rawSize);
  const int rc = uncompress(out.data(), &size, bytes.data(), static_cast<uLong>(bytes.size()));
  if (rc != Z_OK || static_cast<int64_t>(size) != rawSize) {
    throw Error(ErrorCode::Data,
                what + ": compressed data is corrupt (zlib code " + std::to_string(rc) + ")");
  }
  return out;
}

namespace {

template <typename T>
std::vector<uint8_t> packArray(const std::vector<T>& values) {
  std::vector<uint8_t> out(values.size() * sizeof(T));
  if (!out.empty()) {
    std::memcpy(out.data(), values.data(), out.size());
  }
  return out;
}

template <typename T>
std::vector<T> unpackArray(const std::vector<uint8_t>& bytes, const std::string& what) {
  if (bytes.size() % sizeof(T) != 0) {
    throw Error(ErrorCode::Data, what + ": " + std::to_string(bytes.size()) +
                                     " bytes is not a whole number of " +
                                     std::to_string(sizeof(T)) + "-byte values");
  }
  std::vector<T> out(bytes.size() / sizeof(T));
  if (!out.empty()) {
    std::memcpy(out.data(), bytes.data(), bytes.size());
  }
  return out;
}

}  // namespace

std::vector<uint8_t> packFloats(const std::vector<float>& values) { return packArray(values); }
std::vector<float> unpackFloats(const std::vector<uint8_t>& bytes, const std::string& what) {
  return unpackArray<float>(bytes, what);
}
std::vector<uint8_t> packInt64s(const std::vector<int64_t>& values) { return packArray(values); }
std::vector<int64_t> unpackInt64s(const std::vector<uint8_t>& bytes, const std::string& what) {
  return unpackArray<int64_t>(bytes, what);
}
std::vector<uint8_t> packDoubles(const std::vector<double>& values) { return packArray(values); }
std::vector<double> unpackDoubles(const std::vector<uint8_t>& bytes, const std::string& what) {
  return unpackArray<double>(bytes, what);
}

}  // namespace childtune::core::store::detail
