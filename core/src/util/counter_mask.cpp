#include "util/counter_mask.h"

#include "util/counter_rng.h"

#if defined(__x86_64__) && defined(__GNUC__)
// GCC 12 reports its own _mm512_undefined_* idiom inside these headers as maybe-uninitialized
// (GCC bug 105593, fixed in 13).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#define CHILDTUNE_COUNTER_MASK_AVX512 1
#endif

namespace childtune::core::detail {

namespace {

void scalarPairs(const float* src, float* dst, int64_t n, int64_t beginPair, int64_t endPair,
                 uint64_t key, uint32_t threshold, float scale) {
  for (int64_t j = beginPair; j < endPair; ++j) {
    const uint64_t r = counterBits(key, j);
    const int64_t e = 2 * j;
    dst[e] = static_cast<uint32_t>(r) < threshold ? src[e] * scale : 0.0f;
    if (e + 1 < n) {
      dst[e + 1] = static_cast<uint32_t>(r >> 32) < threshold ? src[e + 1] * scale : 0.0f;
    }
  }
}

#if defined(CHILDTUNE_COUNTER_MASK_AVX512)
// Eight 64-bit hashes = sixteen 32-bit draws; little-endian lanes put the low half of hash i in
// lane 2i, i.e. element 2j before 2j + 1, as the scalar loop. Returns the first pair not done.
__attribute__((target("avx512f,avx512dq"))) int64_t avx512Pairs(const float* src, float* dst,
                                                                int64_t beginPair, int64_t endPair,
                                                                uint64_t key, uint32_t threshold,
                                                                float scale) {
  constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ULL;
  const __m512i c1 = _mm512_set1_epi64(static_cast<long long>(0xBF58476D1CE4E5B9ULL));
  const __m512i c2 = _mm512_set1_epi64(static_cast<long long>(0x94D049BB133111EBULL));
  const __m512i vthreshold = _mm512_set1_epi32(static_cast<int>(threshold));
  const __m512 vscale = _mm512_set1_ps(scale);
  // counterBits' key + j * golden (mod 2^64) for j = pair .. pair + 7, advanced by adding
  // 8 * golden instead of multiplying each time: the same values, one 64-bit multiply fewer per
  // hash (vpmullq is the expensive instruction here).
  auto lane = [&](int64_t k) {
    const uint64_t z = key + static_cast<uint64_t>(beginPair + k) * kGolden;
    return static_cast<long long>(z);
  };
  __m512i base =
      _mm512_set_epi64(lane(7), lane(6), lane(5), lane(4), lane(3), lane(2), lane(1), lane(0));
  constexpr uint64_t kAdvance = 8 * kGolden;
  const __m512i advance = _mm512_set1_epi64(static_cast<long long>(kAdvance));
  int64_t pair = beginPair;
  for (; pair + 8 <= endPair; pair += 8) {
    __m512i z = base;
    z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 30)), c1);
    z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 27)), c2);
    z = _mm512_xor_si512(z, _mm512_srli_epi64(z, 31));
    const __mmask16 keep = _mm512_cmplt_epu32_mask(z, vthreshold);
    const __m512 x = _mm512_loadu_ps(src + 2 * pair);
    _mm512_storeu_ps(dst + 2 * pair, _mm512_maskz_mul_ps(keep, x, vscale));
    base = _mm512_add_epi64(base, advance);
  }
  return pair;
}

bool hasAvx512() {
  static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
  return has;
}
#endif

}  // namespace

void scaleByCounterMask(const float* src, float* dst, int64_t n, int64_t beginPair, int64_t endPair,
                        uint64_t key, uint32_t threshold, float scale) {
#if defined(CHILDTUNE_COUNTER_MASK_AVX512)
  if (hasAvx512()) {
    // The vector body never reads or writes past element n: the last (possibly half) pair is
    // left to the scalar loop.
    const int64_t fullPairs = n / 2;
    const int64_t vectorEnd = endPair < fullPairs ? endPair : fullPairs;
    if (vectorEnd > beginPair) {
      beginPair = avx512Pairs(src, dst, beginPair, vectorEnd, key, threshold, scale);
    }
  }
#endif
  scalarPairs(src, dst, n, beginPair, endPair, key, threshold, scale);
}

}  // namespace childtune::core::detail
