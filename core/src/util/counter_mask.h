#pragma once
// The counter-masked scale shared by Child-Tuning_F's gradient mask and dropout:
// dst[e] = draw(key, e) < threshold ? src[e] * scale : 0 for e in [2 * beginPair, min(2 * endPair,
// n)), where draw(key, 2j) / draw(key, 2j + 1) are the low / high halves of counterBits(key, j)
// (util/counter_rng.h). src may equal dst. An AVX-512 body (16 elements per 8 hashes) where the
// CPU has AVX512F+DQ, the scalar loop elsewhere; both give the same bits. Torch-free.

#include <cstdint>

namespace childtune::core::detail {

void scaleByCounterMask(const float* src, float* dst, int64_t n, int64_t beginPair, int64_t endPair,
                        uint64_t key, uint32_t threshold, float scale);

}  // namespace childtune::core::detail
