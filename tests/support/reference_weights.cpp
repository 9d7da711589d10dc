#include "support/reference_weights.h"

#include <array>
#include <cstdio>
#include <stdexcept>

namespace childtune::test {

namespace {

constexpr uint64_t kFnv1a64Prime = 0x100000001b3ULL;
constexpr std::string_view kLayerNormWeightSuffix = "LayerNorm.weight";

uint64_t hashInt64sLittleEndian(const std::vector<int64_t>& values, uint64_t hash) {
  for (const int64_t value : values) {
    const auto bits = static_cast<uint64_t>(value);
    for (int byte = 0; byte < 8; ++byte) {
      hash ^= (bits >> (8 * byte)) & 0xffU;
      hash *= kFnv1a64Prime;
    }
  }
  return hash;
}

}  // namespace

uint64_t fnv1a64(std::string_view bytes, uint64_t hash) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnv1a64Prime;
  }
  return hash;
}

uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  uint64_t z = x;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::vector<float> referenceWeightValues(std::string_view name, int64_t numel) {
  if (numel < 0) {
    throw std::invalid_argument("referenceWeightValues: parameter '" + std::string(name) +
                                "' has negative numel " + std::to_string(numel));
  }
  const uint64_t seed = fnv1a64(name);
  const double offset = name.ends_with(kLayerNormWeightSuffix) ? 1.0 : 0.0;
  std::vector<float> values(static_cast<size_t>(numel));
  for (int64_t i = 0; i < numel; ++i) {
    const uint64_t z = splitmix64(seed + static_cast<uint64_t>(i));
    const double u = static_cast<double>(z >> 40) / 16777216.0;  // exact: 24 bits over 2^24
    // The volatile store rounds the product to double before the addition, as numpy does; a
    // compiler allowed to contract (-ffp-contract=fast, the GCC default for C++) could otherwise
    // fuse it into an FMA on FMA-capable targets and change the last bit.
    volatile double scaled = (2.0 * u - 1.0) * 0.1;
    values[static_cast<size_t>(i)] = static_cast<float>(offset + scaled);
  }
  return values;
}

double referenceWeightChecksum(std::string_view name, int64_t numel) {
  double sum = 0.0;
  for (const float v : referenceWeightValues(name, numel)) {
    sum += static_cast<double>(v);
  }
  return sum;
}

std::string encodingHashHex(const std::vector<int64_t>& ids, const std::vector<int64_t>& typeIds) {
  const uint64_t hash =
      hashInt64sLittleEndian(typeIds, hashInt64sLittleEndian(ids, kFnv1a64OffsetBasis));
  std::array<char, 17> text{};
  std::snprintf(text.data(), text.size(), "%016llx", static_cast<unsigned long long>(hash));
  return std::string(text.data(), 16);
}

}  // namespace childtune::test
