#pragma once
// Order-preserving map float -> uint32 for radix selection and sorted key arrays (non-NaN floats;
// -0.0 sorts just below +0.0). Shared by the selection (child_network.cpp) and the re-thresholding
// cache (fisher_analysis.cpp), which must agree bit for bit. Torch-free.

#include <cstdint>
#include <cstring>

namespace childtune::core::detail {

inline uint32_t sortKey(float f) {
  uint32_t u = 0;
  std::memcpy(&u, &f, sizeof u);
  return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

inline float fromSortKey(uint32_t k) {
  const uint32_t u = (k & 0x80000000u) ? (k & 0x7FFFFFFFu) : ~k;
  float f = 0.0f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

}  // namespace childtune::core::detail
