#include "util/adamw_kernel.h"

#include <cmath>

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
void scalarRange(float* p, float* g, float* m, float* v, const bool* mask, int64_t begin,
                 int64_t end, const AdamWScalars& s) {
  for (int64_t i = begin; i < end; ++i) {
    float grad = g[i];
    if (mask != nullptr) {
      grad = grad * (mask[i] ? 1.0f : 0.0f);
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
// Returns the first element not done.
__attribute__((target("avx512f"))) int64_t avx512Range(float* p, float* g, float* m, float* v,
                                                       const bool* mask, int64_t begin, int64_t end,
                                                       const AdamWScalars& s) {
  const __m512 b1 = _mm512_set1_ps(s.beta1);
  const __m512 a1 = _mm512_set1_ps(s.oneMinusBeta1);
  const __m512 b2 = _mm512_set1_ps(s.beta2);
  const __m512 a2 = _mm512_set1_ps(s.oneMinusBeta2);
  const __m512 eps = _mm512_set1_ps(s.eps);
  const __m512 step = _mm512_set1_ps(s.negStepSize);
  const __m512 decay = _mm512_set1_ps(s.negDecay);
  int64_t i = begin;
  for (; i + 16 <= end; i += 16) {
    __m512 grad = _mm512_loadu_ps(g + i);
    if (mask != nullptr) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(mask + i));
      grad = _mm512_mul_ps(grad, _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(bytes)));
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

__attribute__((target("avx2,fma"))) int64_t avx2Range(float* p, float* g, float* m, float* v,
                                                      const bool* mask, int64_t begin, int64_t end,
                                                      const AdamWScalars& s) {
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
      _mm256_storeu_ps(g + i, grad);
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
  static const Isa best = __builtin_cpu_supports("avx512f") ? Isa::Avx512
                          : __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")
                              ? Isa::Avx2
                              : Isa::Scalar;
  return best;
}
#endif

}  // namespace

void adamwUpdate(float* param, float* grad, float* expAvg, float* expAvgSq, const bool* mask,
                 int64_t begin, int64_t end, const AdamWScalars& s) {
#if defined(CHILDTUNE_ADAMW_X86)
  switch (isa()) {
    case Isa::Avx512:
      begin = avx512Range(param, grad, expAvg, expAvgSq, mask, begin, end, s);
      break;
    case Isa::Avx2:
      begin = avx2Range(param, grad, expAvg, expAvgSq, mask, begin, end, s);
      break;
    case Isa::Scalar:
      break;
  }
#endif
  scalarRange(param, grad, expAvg, expAvgSq, mask, begin, end, s);
}

}  // namespace childtune::core::detail
