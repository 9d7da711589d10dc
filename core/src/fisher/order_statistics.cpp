#include "fisher/order_statistics.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <memory>
#include <mutex>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "childtune/error.h"
#include "fisher/sort_key.h"

namespace childtune::core::detail {

namespace {

using Histogram = std::array<int64_t, 65536>;

constexpr int64_t kGrain = 1 << 18;  // elements per parallel task at least

[[noreturn]] void throwNan() {
  throw Error(ErrorCode::Numerical, "Fisher scores contain NaN: cannot select a child network");
}

// Prefix offsets: chunk c holds the global indices [starts[c], starts[c + 1]).
std::vector<int64_t> chunkStarts(const std::vector<int64_t>& sizes) {
  std::vector<int64_t> starts(sizes.size() + 1, 0);
  for (size_t c = 0; c < sizes.size(); ++c) {
    starts[c + 1] = starts[c] + sizes[c];
  }
  return starts;
}

// Calls f(chunk, from, to) for the local index ranges of the chunks that cover the global range
// [begin, end).
template <typename F>
void forEachSegment(const std::vector<int64_t>& starts, int64_t begin, int64_t end, F&& f) {
  auto c = static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), begin) -
                               starts.begin() - 1);
  for (int64_t pos = begin; pos < end; ++c) {
    const int64_t stop = std::min(end, starts[c + 1]);
    if (stop > pos) {
      f(c, pos - starts[c], stop - starts[c]);
    }
    pos = std::max(pos, stop);
  }
}

// Counts keys by their high 16 bits (highPrefix < 0) or, among keys whose high 16 bits equal
// highPrefix, by their low 16 bits. One histogram per task, merged under a lock.
Histogram histogram(const std::vector<const float*>& chunks, const std::vector<int64_t>& sizes,
                    int64_t highPrefix) {
  const auto starts = chunkStarts(sizes);
  Histogram total{};
  std::mutex mergeMutex;
  std::atomic<bool> sawNan{false};
  at::parallel_for(0, starts.back(), kGrain, [&](int64_t begin, int64_t end) {
    auto local = std::make_unique<Histogram>();
    local->fill(0);
    bool nan = false;
    forEachSegment(starts, begin, end, [&](size_t c, int64_t from, int64_t to) {
      const float* data = chunks[c];
      if (highPrefix < 0) {
        for (int64_t i = from; i < to; ++i) {
          nan |= std::isnan(data[i]);
          ++(*local)[sortKey(data[i]) >> 16];
        }
      } else {
        const auto prefix = static_cast<uint32_t>(highPrefix);
        for (int64_t i = from; i < to; ++i) {
          const uint32_t k = sortKey(data[i]);
          if ((k >> 16) == prefix) {
            ++(*local)[k & 0xFFFFu];
          }
        }
      }
    });
    if (nan) {
      sawNan.store(true);
    }
    std::lock_guard<std::mutex> lock(mergeMutex);
    for (size_t b = 0; b < local->size(); ++b) {
      total[b] += (*local)[b];
    }
  });
  if (sawNan.load()) {
    throwNan();
  }
  return total;
}

// Where the k-th smallest key (0-based) lies in a 65536-bin histogram: the bin and the number of
// keys in the bins before it.
std::pair<uint32_t, int64_t> locate(const Histogram& h, int64_t k) {
  int64_t below = 0;
  uint32_t bucket = 0;
  for (; bucket < h.size(); ++bucket) {
    if (below + h[bucket] > k) {
      break;
    }
    below += h[bucket];
  }
  return {bucket, below};
}

// A 64-bit mixer (splitmix64's finaliser): deterministic pseudo-random offsets for the sample,
// so that periodic data (rows of a matrix) cannot line up with the sampling stride.
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// Products of an index below n and a sample size up to kMaxSample fit in int64 below kMaxTotal.
constexpr int64_t kMaxSample = int64_t{1} << 20;
constexpr int64_t kMaxTotal = int64_t{1} << 42;

// Sample j of s over n elements: one position in the j-th of s equal strides.
int64_t samplePosition(int64_t j, int64_t s, int64_t n) {
  const int64_t from = j * n / s;
  const int64_t to = (j + 1) * n / s;
  return from + static_cast<int64_t>(mix(static_cast<uint64_t>(j)) %
                                     static_cast<uint64_t>(std::max<int64_t>(1, to - from)));
}

// What one task of the bracketing pass found.
struct BracketPart {
  int64_t below = 0;             // keys < lo
  std::vector<uint32_t> inside;  // keys in [lo, hi]
  bool nan = false;
  bool overflow = false;  // more than the cap inside: give up
};

// Scans data[from, to): counts keys below lo, appends keys in [lo, hi] to part.inside.
void bracketSegment(const float* data, int64_t from, int64_t to, uint32_t lo, uint32_t hi,
                    size_t cap, BracketPart& part) {
  int64_t i = from;
#if defined(__SSE2__)
  // Keys as signed int32 (key ^ 0x80000000: float bits, with the magnitude bits flipped for
  // negative floats) so SSE2's signed compares order them.
  const __m128i vlo = _mm_set1_epi32(static_cast<int32_t>(lo ^ 0x80000000u));
  const __m128i vhi = _mm_set1_epi32(static_cast<int32_t>(hi ^ 0x80000000u));
  const __m128i magnitude = _mm_set1_epi32(0x7FFFFFFF);
  __m128 nanAcc = _mm_setzero_ps();
  // Per-lane counts of keys below lo, flushed to 64 bits before an int32 lane could overflow.
  constexpr int64_t kFlush = int64_t{1} << 28;
  while (i + 16 <= to) {
    const int64_t blockEnd = std::min(to, i + kFlush);
    __m128i belowAcc = _mm_setzero_si128();
    for (; i + 16 <= blockEnd; i += 16) {
      __m128i outside = _mm_set1_epi32(-1);
      for (int v = 0; v < 4; ++v) {
        const __m128 x = _mm_loadu_ps(data + i + 4 * v);
        const __m128i bits = _mm_castps_si128(x);
        const __m128i key = _mm_xor_si128(bits, _mm_and_si128(_mm_srai_epi32(bits, 31), magnitude));
        const __m128i lt = _mm_cmplt_epi32(key, vlo);
        belowAcc = _mm_sub_epi32(belowAcc, lt);
        outside = _mm_and_si128(outside, _mm_or_si128(lt, _mm_cmpgt_epi32(key, vhi)));
        nanAcc = _mm_or_ps(nanAcc, _mm_cmpunord_ps(x, x));
      }
      if (_mm_movemask_epi8(outside) != 0xFFFF) {  // rare: a key inside the bracket
        for (int64_t j = i; j < i + 16; ++j) {
          const uint32_t k = sortKey(data[j]);
          if (k >= lo && k <= hi) {
            part.inside.push_back(k);
          }
        }
        if (part.inside.size() > cap) {
          part.overflow = true;
          return;
        }
      }
    }
    alignas(16) std::array<int32_t, 4> lanes{};
    _mm_store_si128(reinterpret_cast<__m128i*>(lanes.data()), belowAcc);
    part.below += int64_t{lanes[0]} + lanes[1] + lanes[2] + lanes[3];
    if (i + 16 > to) {
      break;
    }
  }
  part.nan |= _mm_movemask_ps(nanAcc) != 0;
#endif
  for (; i < to; ++i) {
    part.nan |= std::isnan(data[i]);
    const uint32_t k = sortKey(data[i]);
    if (k < lo) {
      ++part.below;
    } else if (k <= hi) {
      part.inside.push_back(k);
    }
  }
  if (part.inside.size() > cap) {
    part.overflow = true;
  }
}

// mask[i] = data[i] >= cut for i in [from, to); returns the number set.
int64_t maskSegment(const float* data, bool* mask, int64_t from, int64_t to, float cut) {
  int64_t count = 0;
  int64_t i = from;
#if defined(__SSE2__)
  static_assert(sizeof(bool) == 1);
  const __m128 vcut = _mm_set1_ps(cut);
  const __m128i one = _mm_set1_epi8(1);
  for (; i + 16 <= to; i += 16) {
    // cmpge is an ordered compare: false for NaN, like Tensor::ge.
    const __m128i a = _mm_castps_si128(_mm_cmpge_ps(_mm_loadu_ps(data + i), vcut));
    const __m128i b = _mm_castps_si128(_mm_cmpge_ps(_mm_loadu_ps(data + i + 4), vcut));
    const __m128i c = _mm_castps_si128(_mm_cmpge_ps(_mm_loadu_ps(data + i + 8), vcut));
    const __m128i d = _mm_castps_si128(_mm_cmpge_ps(_mm_loadu_ps(data + i + 12), vcut));
    // 0 / -1 per lane, narrowed with saturation to 16 bytes of 0x00 / 0xFF in element order.
    const __m128i bytes = _mm_packs_epi16(_mm_packs_epi32(a, b), _mm_packs_epi32(c, d));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(mask + i), _mm_and_si128(bytes, one));
    count += __builtin_popcount(static_cast<unsigned>(_mm_movemask_epi8(bytes)));
  }
#endif
  for (; i < to; ++i) {
    const bool keep = data[i] >= cut;
    mask[i] = keep;
    count += keep ? 1 : 0;
  }
  return count;
}

}  // namespace

std::vector<float> orderStatisticsRadix(const std::vector<const float*>& chunks,
                                        const std::vector<int64_t>& sizes, int64_t k,
                                        int64_t count) {
  const auto high = histogram(chunks, sizes, -1);
  std::vector<float> out;
  Histogram low{};
  int64_t lowBucket = -1;  // which high bin `low` describes
  for (int64_t r = k; r < k + count; ++r) {
    const auto [bucket, below] = locate(high, r);
    if (static_cast<int64_t>(bucket) != lowBucket) {  // nearly always one shared second pass
      low = histogram(chunks, sizes, bucket);
      lowBucket = bucket;
    }
    const uint32_t lowBin = locate(low, r - below).first;
    out.push_back(fromSortKey((bucket << 16) | lowBin));
  }
  return out;
}

std::optional<std::vector<float>> orderStatisticsSampled(const std::vector<const float*>& chunks,
                                                         const std::vector<int64_t>& sizes,
                                                         int64_t k, int64_t count,
                                                         int64_t sampleSize) {
  const auto starts = chunkStarts(sizes);
  const int64_t n = starts.back();
  if (n >= kMaxTotal) {
    return std::nullopt;
  }
  const int64_t s = std::clamp<int64_t>(sampleSize, 1, std::min(n, kMaxSample));
  std::vector<uint32_t> sample(static_cast<size_t>(s));
  std::atomic<bool> sawNan{false};
  at::parallel_for(0, s, 1 << 14, [&](int64_t begin, int64_t end) {
    bool nan = false;
    auto c = static_cast<size_t>(0);
    for (int64_t j = begin; j < end; ++j) {
      const int64_t pos = samplePosition(j, s, n);
      if (j == begin || pos >= starts[c + 1]) {
        c = static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), pos) -
                                starts.begin() - 1);
      }
      const float v = chunks[c][pos - starts[c]];
      nan |= std::isnan(v);
      sample[static_cast<size_t>(j)] = sortKey(v);
    }
    if (nan) {
      sawNan.store(true);
    }
  });
  if (sawNan.load()) {
    throwNan();
  }
  // The wanted ranks, scaled to the sample, widened by ~6 standard deviations of a sample
  // quantile's rank (sqrt(s q (1 - q)) <= sqrt(s) / 2).
  const auto margin = static_cast<int64_t>(3.0 * std::sqrt(static_cast<double>(s))) + 8;
  const auto scaled = [&](int64_t r) { return r * s / n; };
  const int64_t loRank = scaled(k) - margin;
  const int64_t hiRank = scaled(k + count - 1) + margin;
  uint32_t lo = 0;
  uint32_t hi = 0xFFFFFFFFu;
  if (loRank > 0) {
    std::nth_element(sample.begin(), sample.begin() + loRank, sample.end());
    lo = sample[static_cast<size_t>(loRank)];
  }
  if (hiRank < s - 1) {
    const auto from = sample.begin() + std::max<int64_t>(loRank, 0);
    std::nth_element(from, sample.begin() + hiRank, sample.end());
    hi = sample[static_cast<size_t>(hiRank)];
  }
  // Expected keys inside: n (hiRank - loRank) / s. Four times that (or 64k) before giving up.
  const auto expected = static_cast<double>(n) *
                        static_cast<double>(std::min(hiRank, s) - std::max<int64_t>(loRank, 0)) /
                        static_cast<double>(s);
  const auto cap = static_cast<size_t>(std::max(65536.0, 4.0 * expected));

  int64_t below = 0;
  std::vector<uint32_t> inside;
  bool nan = false;
  bool overflow = false;
  std::mutex mergeMutex;
  at::parallel_for(0, n, kGrain, [&](int64_t begin, int64_t end) {
    BracketPart part;
    forEachSegment(starts, begin, end, [&](size_t c, int64_t from, int64_t to) {
      if (!part.overflow) {
        bracketSegment(chunks[c], from, to, lo, hi, cap, part);
      }
    });
    std::lock_guard<std::mutex> lock(mergeMutex);
    below += part.below;
    nan |= part.nan;
    overflow |= part.overflow || inside.size() + part.inside.size() > cap;
    if (!overflow) {
      inside.insert(inside.end(), part.inside.begin(), part.inside.end());
    }
  });
  if (nan) {
    throwNan();
  }
  const auto have = static_cast<int64_t>(inside.size());
  if (overflow || below > k || below + have < k + count) {
    return std::nullopt;
  }
  const int64_t r = k - below;
  std::nth_element(inside.begin(), inside.begin() + r, inside.end());
  std::vector<float> out{fromSortKey(inside[static_cast<size_t>(r)])};
  if (count == 2) {
    out.push_back(fromSortKey(*std::min_element(inside.begin() + r + 1, inside.end())));
  }
  return out;
}

std::vector<float> orderStatistics(const std::vector<const float*>& chunks,
                                   const std::vector<int64_t>& sizes, int64_t k, int64_t count) {
  int64_t n = 0;
  for (const auto s : sizes) {
    n += s;
  }
  if (count < 1 || count > 2 || k < 0 || k + count > n) {
    throw Error(ErrorCode::Internal, "order statistics " + std::to_string(k) + " + " +
                                         std::to_string(count) + " of " + std::to_string(n) +
                                         " values");
  }
  // Below ~1M values the two radix passes cost a few milliseconds: not worth a sample.
  constexpr int64_t kSampledFrom = int64_t{1} << 20;
  if (n >= kSampledFrom) {
    if (auto found =
            orderStatisticsSampled(chunks, sizes, k, count, std::min(kMaxSample, n / 16))) {
      return *found;
    }
  }
  return orderStatisticsRadix(chunks, sizes, k, count);
}

int64_t maskAtLeast(const std::vector<const float*>& chunks, const std::vector<int64_t>& sizes,
                    float cut, const std::vector<bool*>& masks) {
  const auto starts = chunkStarts(sizes);
  std::atomic<int64_t> selected{0};
  at::parallel_for(0, starts.back(), kGrain, [&](int64_t begin, int64_t end) {
    int64_t local = 0;
    forEachSegment(starts, begin, end, [&](size_t c, int64_t from, int64_t to) {
      local += maskSegment(chunks[c], masks[c], from, to, cut);
    });
    selected.fetch_add(local, std::memory_order_relaxed);
  });
  return selected.load();
}

}  // namespace childtune::core::detail
