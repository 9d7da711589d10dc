#pragma once
// Counter-based random numbers: the value for element i is a pure function of (key, i), so a
// mask can be drawn in parallel chunks in any order and drawn again later (the dropout backward
// pass regenerates its mask instead of storing it). splitmix64's finaliser as the mixer.
// Torch-free.

#include <cstdint>

namespace childtune::core::detail {

inline uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// 64 random bits number j of the stream `key`: feeds elements 2j (low half) and 2j + 1 (high).
inline uint64_t counterBits(uint64_t key, int64_t j) {
  return mix64(key + static_cast<uint64_t>(j) * 0x9E3779B97F4A7C15ULL);
}

// Keep decisions compare a 32-bit draw with floor(p * 2^32); p >= 1 keeps everything.
inline uint32_t keepThreshold(double p) {
  const double t = p * 4294967296.0;
  return t >= 4294967295.0 ? 0xFFFFFFFFu : static_cast<uint32_t>(t);
}

}  // namespace childtune::core::detail
