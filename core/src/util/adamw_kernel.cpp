#include "util/adamw_kernel.h"

#include <cmath>

#include "util/counter_mask.h"
#include "util/counter_rng.h"

#if defined(__x86_64__) && defined(__GNUC__)
// GCC 12 reports its own _mm512_undefined_* idiom inside these headers as maybe-uninitialized
// (GCC bug 105593, fixed in 13).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#define CHILDTUNE_ADAMW_X86 1
#endif

namespace childtune::core::detail {

namespace {

// The reference for every element; the vector bodies below are this, lane by lane. Built with
// -ffp-contract=off (core/CMakeLists.txt): only the explicit std::fma calls fuse.
void scalarRange(float* p, float* g, float* m, float* v, const AdamWMask& mask, int64_t begin,
                 int64_t end, const AdamWScalars& s) {
  const bool masked = mask.fixed != nullptr || mask.counter;
  for (int64_t i = begin; i < end; ++i) {
    float grad = g[i];
    if (mask.fixed != nullptr) {
      grad = grad * (mask.fixed[i] ? 1.0f : 0.0f);
    }
    if (mask.counter) {
      // util/counter_mask.h: element 2j draws the low half of hash j, 2j + 1 the high half.
      const uint64_t r = counterBits(mask.key, i >> 1);
      const auto draw = static_cast<uint32_t>((i & 1) != 0 ? r >> 32 : r);
      grad = draw < mask.threshold ? grad * mask.scale : 0.0f;
    }
    if (masked && mask.storeMaskedGrad) {
      g[i] = grad;
    }
    const float mi = std::fma(grad, s.oneMinusBeta1, m[i] * s.beta1);
    const float vi = std::fma(s.oneMinusBeta2 * grad, grad, v[i] * s.beta2);
    m[i] = mi;
    v[i] = vi;
    float pi = p[i] + (s.negStepSize * mi) / (std::sqrt(vi) + s.eps);
    if (s.decay) {
      pi = std::fma(pi, s.negDecay, pi);
    }
    p[i] = pi;
  }
}

#if defined(CHILDTUNE_ADAMW_X86)
// Returns the first element not done. REQUIRES: begin even when mask.counter (each 64-bit hash
// feeds an element pair).
__attribute__((target("avx512f,avx512dq"))) int64_t avx512Range(float* p, float* g, float* m,
                                                                float* v, const AdamWMask& mask,
                                                                int64_t begin, int64_t end,
                                                                const AdamWScalars& s) {
  const __m512 b1 = _mm512_set1_ps(s.beta1);
  const __m512 a1 = _mm512_set1_ps(s.oneMinusBeta1);
  const __m512 b2 = _mm512_set1_ps(s.beta2);
  const __m512 a2 = _mm512_set1_ps(s.oneMinusBeta2);
  const __m512 eps = _mm512_set1_ps(s.eps);
  const __m512 step = _mm512_set1_ps(s.negStepSize);
  const __m512 decay = _mm512_set1_ps(s.negDecay);
  const bool* fixed = mask.fixed;
  const bool counter = mask.counter;
  const bool store = (fixed != nullptr || counter) && mask.storeMaskedGrad;
  // The counter mask as util/counter_mask.cpp draws it: eight hashes of key + j * golden for the
  // pairs j of the sixteen elements, advanced by addition; low half of hash i in lane 2i.
  constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ULL;
  const __m512i c1 = _mm512_set1_epi64(static_cast<long long>(0xBF58476D1CE4E5B9ULL));
  const __m512i c2 = _mm512_set1_epi64(static_cast<long long>(0x94D049BB133111EBULL));
  const __m512i threshold = _mm512_set1_epi32(static_cast<int>(mask.threshold));
  const __m512 scale = _mm512_set1_ps(mask.scale);
  auto lane = [&](int64_t k) {
    const uint64_t z = mask.key + static_cast<uint64_t>(begin / 2 + k) * kGolden;
    return static_cast<long long>(z);
  };
  __m512i base =
      _mm512_set_epi64(lane(7), lane(6), lane(5), lane(4), lane(3), lane(2), lane(1), lane(0));
  constexpr uint64_t kAdvance = 8 * kGolden;
  const __m512i advance = _mm512_set1_epi64(static_cast<long long>(kAdvance));
  int64_t i = begin;
  for (; i + 16 <= end; i += 16) {
    __m512 grad = _mm512_loadu_ps(g + i);
    if (fixed != nullptr) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(fixed + i));
      grad = _mm512_mul_ps(grad, _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(bytes)));
    }
    if (counter) {
      __m512i z = base;
      z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 30)), c1);
      z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 27)), c2);
      z = _mm512_xor_si512(z, _mm512_srli_epi64(z, 31));
      grad = _mm512_maskz_mul_ps(_mm512_cmplt_epu32_mask(z, threshold), grad, scale);
      base = _mm512_add_epi64(base, advance);
    }
    if (store) {
      _mm512_storeu_ps(g + i, grad);
    }
    const __m512 mi = _mm512_fmadd_ps(grad, a1, _mm512_mul_ps(_mm512_loadu_ps(m + i), b1));
    const __m512 vi =
        _mm512_fmadd_ps(_mm512_mul_ps(a2, grad), grad, _mm512_mul_ps(_mm512_loadu_ps(v + i), b2));
    _mm512_storeu_ps(m + i, mi);
    _mm512_storeu_ps(v + i, vi);
    const __m512 denom = _mm512_add_ps(_mm512_sqrt_ps(vi), eps);
    __m512 pi =
        _mm512_add_ps(_mm512_loadu_ps(p + i), _mm512_div_ps(_mm512_mul_ps(step, mi), denom));
    if (s.decay) {
      pi = _mm512_fmadd_ps(pi, decay, pi);
    }
    _mm512_storeu_ps(p + i, pi);
  }
  return i;
}

// The fixed mask only (adamwUpdate applies a counter mask before it on this path).
__attribute__((target("avx2,fma"))) int64_t avx2Range(float* p, float* g, float* m, float* v,
                                                      const bool* mask, bool store, int64_t begin,
                                                      int64_t end, const AdamWScalars& s) {
  const __m256 b1 = _mm256_set1_ps(s.beta1);
  const __m256 a1 = _mm256_set1_ps(s.oneMinusBeta1);
  const __m256 b2 = _mm256_set1_ps(s.beta2);
  const __m256 a2 = _mm256_set1_ps(s.oneMinusBeta2);
  const __m256 eps = _mm256_set1_ps(s.eps);
  const __m256 step = _mm256_set1_ps(s.negStepSize);
  const __m256 decay = _mm256_set1_ps(s.negDecay);
  int64_t i = begin;
  for (; i + 8 <= end; i += 8) {
    __m256 grad = _mm256_loadu_ps(g + i);
    if (mask != nullptr) {
      const __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(mask + i));
      grad = _mm256_mul_ps(grad, _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(bytes)));
      if (store) {
        _mm256_storeu_ps(g + i, grad);
      }
    }
    const __m256 mi = _mm256_fmadd_ps(grad, a1, _mm256_mul_ps(_mm256_loadu_ps(m + i), b1));
    const __m256 vi =
        _mm256_fmadd_ps(_mm256_mul_ps(a2, grad), grad, _mm256_mul_ps(_mm256_loadu_ps(v + i), b2));
    _mm256_storeu_ps(m + i, mi);
    _mm256_storeu_ps(v + i, vi);
    const __m256 denom = _mm256_add_ps(_mm256_sqrt_ps(vi), eps);
    __m256 pi =
        _mm256_add_ps(_mm256_loadu_ps(p + i), _mm256_div_ps(_mm256_mul_ps(step, mi), denom));
    if (s.decay) {
      pi = _mm256_fmadd_ps(pi, decay, pi);
    }
    _mm256_storeu_ps(p + i, pi);
  }
  return i;
}

enum class Isa { Avx512, Avx2, Scalar };

Isa isa() {
  static const Isa best =
      __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") ? Isa::Avx512
      : __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")       ? Isa::Avx2
                                                                              : Isa::Scalar;
  return best;
}
#endif

}  // namespace

void adamwUpdate(float* param, float* grad, float* expAvg, float* expAvgSq, const AdamWMask& mask,
                 int64_t begin, int64_t end, const AdamWScalars& s) {
  if (begin >= end) {
    return;
  }
  AdamWMask rest = mask;
  if (mask.counter && (begin & 1) != 0) {
    // The vector bodies start at a pair.
    scalarRange(param, grad, expAvg, expAvgSq, mask, begin, begin + 1, s);
    ++begin;
  }
#if defined(CHILDTUNE_ADAMW_X86)
  switch (isa()) {
    case Isa::Avx512:
      begin = avx512Range(param, grad, expAvg, expAvgSq, mask, begin, end, s);
      break;
    case Isa::Avx2:
      if (mask.counter) {
        // No vector hash here: the counter mask's own pass over the (cache-sized) range first,
        // in place, then the update reads the masked gradient.
        scaleByCounterMask(grad, grad, end, begin / 2, (end + 1) / 2, mask.key, mask.threshold,
                           mask.scale);
        rest.counter = false;
      }
      begin =
          avx2Range(param, grad, expAvg, expAvgSq, rest.fixed, rest.storeMaskedGrad, begin, end, s);
      break;
    case Isa::Scalar:
      break;
  }
#endif
  scalarRange(param, grad, expAvg, expAvgSq, rest, begin, end, s);
}

}  // namespace childtune::core::detail
