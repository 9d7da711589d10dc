// detail::scaleByCounterMask (util/counter_mask.h), the kernel behind Child-Tuning_F's gradient
// mask and dropout: the vector body (AVX-512 where the CPU has it) gives exactly the scalar
// definition for every length, pair range, threshold and in-place use, and never writes outside
// its range.

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "util/counter_mask.h"
#include "util/counter_rng.h"

namespace childtune::test {
namespace {

using core::detail::counterBits;
using core::detail::scaleByCounterMask;

float expected(const std::vector<float>& src, int64_t e, uint64_t key, uint32_t threshold,
               float scale) {
  const uint64_t r = counterBits(key, e / 2);
  const auto draw = (e % 2 == 0) ? static_cast<uint32_t>(r) : static_cast<uint32_t>(r >> 32);
  return draw < threshold ? src[static_cast<size_t>(e)] * scale : 0.0f;
}

TEST(CounterMask, EqualsTheScalarDefinitionForEveryRangeAndLength) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<float> value(-2.0f, 2.0f);
  for (const int64_t n : {1, 2, 15, 16, 17, 31, 33, 100, 1001, 4096, 65537}) {
    std::vector<float> src(static_cast<size_t>(n));
    for (auto& v : src) {
      v = value(rng);
    }
    const int64_t pairs = (n + 1) / 2;
    for (const uint32_t threshold : {0u, 1u, 0x4CCCCCCCu, 0xE6666666u, 0xFFFFFFFFu}) {
      const uint64_t key = rng();
      const float scale = 1.0f / 0.7f;
      // A range that starts and ends off the vector width, and the whole tensor.
      for (const auto& [begin, end] : std::vector<std::pair<int64_t, int64_t>>{
               {0, pairs}, {pairs / 3, pairs - pairs / 5}, {pairs > 3 ? 3 : 0, pairs}}) {
        std::vector<float> dst(static_cast<size_t>(n) + 1, 42.0f);  // + a guard element
        scaleByCounterMask(src.data(), dst.data(), n, begin, end, key, threshold, scale);
        for (int64_t e = 0; e < n; ++e) {
          const bool inRange = e >= 2 * begin && e < 2 * end;
          const float want = inRange ? expected(src, e, key, threshold, scale) : 42.0f;
          ASSERT_EQ(dst[static_cast<size_t>(e)], want)
              << "n " << n << " element " << e << " range [" << begin << ", " << end << ")";
        }
        EXPECT_EQ(dst[static_cast<size_t>(n)], 42.0f) << "wrote past element n - 1, n " << n;
      }
      // In place, as the gradient masker uses it.
      std::vector<float> inPlace = src;
      scaleByCounterMask(inPlace.data(), inPlace.data(), n, 0, pairs, key, threshold, scale);
      for (int64_t e = 0; e < n; ++e) {
        ASSERT_EQ(inPlace[static_cast<size_t>(e)], expected(src, e, key, threshold, scale)) << e;
      }
    }
  }
}

}  // namespace
}  // namespace childtune::test
