// The selection kernels behind Child-Tuning_D (fisher/order_statistics.h): the sampled one-pass
// selection and the radix selection both give exactly the order statistics that sorting gives
// (sort-key order: -0.0 below +0.0), the sampled one gives up (nullopt) instead of answering
// wrong when its bracket cannot work, NaN is refused on every path, and the SIMD mask pass
// equals the scalar definition for every tail length and alignment.

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "childtune/error.h"
#include "childtune/runtime.h"
#include "fisher/order_statistics.h"
#include "fisher/sort_key.h"
#include "support/test_env.h"

namespace childtune::test {
namespace {

using ::testing::HasSubstr;

// Values split into chunks of uneven sizes (some empty), as tensors of a model are.
struct Chunked {
  std::vector<std::vector<float>> parts;
  std::vector<const float*> chunks;
  std::vector<int64_t> sizes;

  Chunked(const std::vector<float>& all, uint64_t seed) {
    std::mt19937_64 rng(seed);
    size_t pos = 0;
    while (pos < all.size()) {
      const size_t len = std::min(all.size() - pos, static_cast<size_t>(rng() % 70000));
      parts.emplace_back(all.begin() + static_cast<std::ptrdiff_t>(pos),
                         all.begin() + static_cast<std::ptrdiff_t>(pos + len));
      pos += len;
    }
    for (const auto& p : parts) {
      chunks.push_back(p.data());
      sizes.push_back(static_cast<int64_t>(p.size()));
    }
  }
};

// The k-th smallest by sorting the sort keys.
float bySorting(const std::vector<float>& all, int64_t k) {
  std::vector<uint32_t> keys;
  keys.reserve(all.size());
  for (const float v : all) {
    keys.push_back(core::detail::sortKey(v));
  }
  std::nth_element(keys.begin(), keys.begin() + k, keys.end());
  return core::detail::fromSortKey(keys[static_cast<size_t>(k)]);
}

uint32_t bitsOf(float f) { return core::detail::sortKey(f); }

std::vector<int64_t> ranksToCheck(int64_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<int64_t> ranks = {0, 1, n / 2, (n * 7) / 10, n - 2};
  for (int i = 0; i < 6; ++i) {
    ranks.push_back(static_cast<int64_t>(rng() % static_cast<uint64_t>(n - 1)));
  }
  return ranks;
}

class OrderStatistics : public ::testing::Test {
 protected:
  void SetUp() override { core::initializeRuntime(2); }
};

TEST_F(OrderStatistics, SampledAndRadixEqualSortingOnFisherLikeScores) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> exponent(-14.0, -2.0);
  std::vector<float> all(600000);
  for (auto& v : all) {
    v = static_cast<float>(std::pow(10.0, exponent(rng)));
  }
  const Chunked data(all, 3);
  const auto n = static_cast<int64_t>(all.size());
  for (const int64_t k : ranksToCheck(n, 5)) {
    const float a = bySorting(all, k);
    const float b = bySorting(all, k + 1);
    const auto radix = core::detail::orderStatisticsRadix(data.chunks, data.sizes, k, 2);
    const auto sampled = core::detail::orderStatisticsSampled(data.chunks, data.sizes, k, 2, 20000);
    ASSERT_TRUE(sampled.has_value()) << "k = " << k;  // distinct scores: the bracket must hold
    EXPECT_EQ(bitsOf(radix[0]), bitsOf(a)) << k;
    EXPECT_EQ(bitsOf(radix[1]), bitsOf(b)) << k;
    EXPECT_EQ(bitsOf((*sampled)[0]), bitsOf(a)) << k;
    EXPECT_EQ(bitsOf((*sampled)[1]), bitsOf(b)) << k;
    EXPECT_EQ(bitsOf(core::detail::orderStatistics(data.chunks, data.sizes, k, 1)[0]), bitsOf(a));
  }
}

TEST_F(OrderStatistics, SignedZerosInfinitiesAndNegativesKeepSortKeyOrder) {
  std::mt19937_64 rng(7);
  std::vector<float> all;
  for (int i = 0; i < 300000; ++i) {
    switch (rng() % 6) {
      case 0:
        all.push_back(0.0f);
        break;
      case 1:
        all.push_back(-0.0f);
        break;
      case 2:
        all.push_back((rng() % 2) ? std::numeric_limits<float>::infinity()
                                  : -std::numeric_limits<float>::infinity());
        break;
      default:
        all.push_back(static_cast<float>(static_cast<double>(rng() % 2000001) - 1000000.0) * 1e-3f);
    }
  }
  const Chunked data(all, 4);
  const auto n = static_cast<int64_t>(all.size());
  for (const int64_t k : ranksToCheck(n, 8)) {
    const float want = bySorting(all, k);
    const auto radix = core::detail::orderStatisticsRadix(data.chunks, data.sizes, k, 1);
    EXPECT_EQ(bitsOf(radix[0]), bitsOf(want)) << k;
    // With a sixth of the values equal to +0.0 (and -0.0) the bracket may give up, but an answer
    // it gives is exact.
    if (const auto sampled =
            core::detail::orderStatisticsSampled(data.chunks, data.sizes, k, 1, 5000)) {
      EXPECT_EQ(bitsOf((*sampled)[0]), bitsOf(want)) << k;
    }
  }
}

TEST_F(OrderStatistics, SampledGivesUpOnMassiveTiesButTheAnswerStaysExact) {
  // 90 % of the scores are exactly zero (frozen weights with no gradient): the wanted rank sits
  // inside the tie, the bracket catches far more values than it may hold.
  std::vector<float> all(400000, 0.0f);
  std::mt19937_64 rng(2);
  for (size_t i = 0; i < all.size(); i += 10) {
    all[i] = static_cast<float>(rng() % 1000 + 1) * 1e-6f;
  }
  const Chunked data(all, 6);
  const int64_t k = 200000;
  EXPECT_FALSE(core::detail::orderStatisticsSampled(data.chunks, data.sizes, k, 2, 4000));
  const auto exact = core::detail::orderStatistics(data.chunks, data.sizes, k, 2);
  EXPECT_EQ(bitsOf(exact[0]), bitsOf(0.0f));
  EXPECT_EQ(bitsOf(exact[1]), bitsOf(0.0f));
}

TEST_F(OrderStatistics, PeriodicAndSortedDataStillSelectExactly) {
  // Rows of a matrix repeat the same pattern (period 1024): the sample must not line up with it.
  std::vector<float> periodic(1 << 21);
  for (size_t i = 0; i < periodic.size(); ++i) {
    periodic[i] = static_cast<float>(i % 1024) + static_cast<float>(i / 1024) * 1e-4f;
  }
  std::vector<float> sorted(1 << 20);
  for (size_t i = 0; i < sorted.size(); ++i) {
    sorted[i] = static_cast<float>(i) * 0.5f;
  }
  for (const auto* all : {&periodic, &sorted}) {
    const Chunked data(*all, 9);
    const auto n = static_cast<int64_t>(all->size());
    for (const int64_t k : ranksToCheck(n, 10)) {
      const auto got = core::detail::orderStatistics(data.chunks, data.sizes, k, 2);
      EXPECT_EQ(bitsOf(got[0]), bitsOf(bySorting(*all, k))) << k;
      EXPECT_EQ(bitsOf(got[1]), bitsOf(bySorting(*all, k + 1))) << k;
    }
  }
}

TEST_F(OrderStatistics, NanIsRefusedOnEveryPath) {
  std::vector<float> all(1 << 21, 0.25f);
  for (size_t i = 0; i < all.size(); ++i) {
    all[i] = static_cast<float>(i % 977) * 1e-3f;
  }
  all[123457] = std::numeric_limits<float>::quiet_NaN();  // not among the sampled positions
  const Chunked data(all, 12);
  const int64_t k = 1 << 20;
  for (const auto& run : std::vector<std::function<void()>>{
           [&] { core::detail::orderStatistics(data.chunks, data.sizes, k, 2); },
           [&] { core::detail::orderStatisticsRadix(data.chunks, data.sizes, k, 2); },
           [&] { core::detail::orderStatisticsSampled(data.chunks, data.sizes, k, 2, 1000); }}) {
    EXPECT_THAT(errorOf(run, ErrorCode::Numerical), HasSubstr("NaN"));
  }
}

TEST_F(OrderStatistics, OutOfRangeRanksAreAnInternalError) {
  const std::vector<float> all(100, 1.0f);
  const Chunked data(all, 1);
  EXPECT_THAT(errorOf([&] { core::detail::orderStatistics(data.chunks, data.sizes, 99, 2); },
                      ErrorCode::Internal),
              HasSubstr("of 100 values"));
}

TEST_F(OrderStatistics, MaskPassEqualsTheScalarDefinitionForEveryTailAndAlignment) {
  std::mt19937_64 rng(21);
  std::vector<float> pool(70000);
  for (auto& v : pool) {
    const auto r = rng() % 100;
    v = r == 0   ? std::numeric_limits<float>::quiet_NaN()
        : r == 1 ? -0.0f
        : r == 2 ? 0.5f  // equal to the cut: kept
                 : static_cast<float>(rng() % 10000) * 1e-4f;
  }
  const float cut = 0.5f;
  std::vector<const float*> chunks;
  std::vector<int64_t> sizes;
  std::vector<std::vector<char>> storage;  // bool buffers (vector<bool> has no data())
  size_t offset = 0;
  for (int64_t len : {0, 1, 15, 16, 17, 31, 33, 1000, 4097, 60000}) {
    offset = (offset + 1) % 7;  // unaligned starts
    chunks.push_back(pool.data() + offset);
    sizes.push_back(len);
    storage.emplace_back(static_cast<size_t>(len) + 1, 7);  // one guard byte past the end
  }
  std::vector<bool*> masks;
  for (auto& s : storage) {
    masks.push_back(reinterpret_cast<bool*>(s.data()));
  }
  const int64_t count = core::detail::maskAtLeast(chunks, sizes, cut, masks);
  int64_t want = 0;
  for (size_t c = 0; c < chunks.size(); ++c) {
    for (int64_t i = 0; i < sizes[c]; ++i) {
      const bool keep = chunks[c][i] >= cut;
      want += keep ? 1 : 0;
      ASSERT_EQ(storage[c][static_cast<size_t>(i)], keep ? 1 : 0) << c << " " << i;
    }
    EXPECT_EQ(storage[c][static_cast<size_t>(sizes[c])], 7) << "wrote past chunk " << c;
  }
  EXPECT_EQ(count, want);
  EXPECT_GT(want, 0);
}

}  // namespace
}  // namespace childtune::test
