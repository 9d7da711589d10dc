// The recycling CPU allocator (util/cpu_allocator.h): LibTorch's CPU tensors come from it once it
// is installed; freed large blocks serve later requests (the smallest that fits as it is, else
// the largest smaller one grown); the mapped footprint of a training-like loop (everything
// allocated, then freed, sizes changing from step to step) stays at its live peak instead of
// growing; idle blocks are handed back.

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <thread>
#include <vector>

#include <c10/core/CPUAllocator.h>
#include <torch/torch.h>

#include "util/cpu_allocator.h"

namespace childtune::test {
namespace {

#if defined(__linux__)

class CpuAllocator : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    setenv("CHILDTUNE_CPU_ALLOCATOR", "recycling", 1);  // also under AddressSanitizer
    ASSERT_TRUE(core::installRecyclingCpuAllocator());
    ASSERT_TRUE(core::installRecyclingCpuAllocator());  // a second call changes nothing
  }
  void SetUp() override { core::releaseCachedCpuMemory(); }
};

constexpr int64_t kMiB = int64_t{1} << 20;

torch::Tensor floats(int64_t bytes) { return torch::empty({bytes / 4}, torch::kFloat32); }

TEST_F(CpuAllocator, TorchTensorsComeFromItAndLargeBlocksAreKeptWhenFreed) {
  const auto before = core::cpuAllocatorStats();
  EXPECT_TRUE(before.installed);
  EXPECT_EQ(before.cachedBytes, 0);
  {
    auto t = floats(3 * kMiB);
    EXPECT_EQ(core::cpuAllocatorStats().liveBytes, before.liveBytes + 3 * kMiB);
    t.fill_(2.5f);
    EXPECT_EQ(t.sum().item<double>(), 2.5 * static_cast<double>(t.numel()));
    auto small = torch::arange(100, torch::kFloat32);  // malloc, not a mapping of its own
    EXPECT_EQ(core::cpuAllocatorStats().liveBytes, before.liveBytes + 3 * kMiB);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(small.data_ptr()) % 64, 0u);
  }
  const auto after = core::cpuAllocatorStats();
  EXPECT_EQ(after.liveBytes, before.liveBytes);
  EXPECT_EQ(after.cachedBytes, 3 * kMiB);
  core::releaseCachedCpuMemory();
  EXPECT_EQ(core::cpuAllocatorStats().cachedBytes, 0);
  EXPECT_GT(core::cpuAllocatorStats().unmaps, after.unmaps);
}

TEST_F(CpuAllocator, AKeptBlockServesRequestsUpToItsSizeAsItIsAndLargerOnesGrown) {
  { auto t = floats(4 * kMiB); }
  const auto s0 = core::cpuAllocatorStats();
  {
    auto grown = floats(5 * kMiB);  // nothing kept is large enough: the 4 MiB block grows
    grown.fill_(1.0f);              // every page of it is usable
    EXPECT_EQ(grown.sum().item<double>(), static_cast<double>(grown.numel()));
  }
  const auto s1 = core::cpuAllocatorStats();
  EXPECT_EQ(s1.reuses, s0.reuses + 1);
  EXPECT_EQ(s1.grows, s0.grows + 1);
  EXPECT_EQ(s1.mappings, s0.mappings);
  EXPECT_EQ(s1.cachedBytes, 5 * kMiB);
  {
    auto smaller = floats(3 * kMiB);  // the 5 MiB block as it is: no system call
    const auto s2 = core::cpuAllocatorStats();
    EXPECT_EQ(s2.reuses, s1.reuses + 1);
    EXPECT_EQ(s2.grows, s1.grows);
    EXPECT_EQ(s2.liveBytes, s1.liveBytes + 5 * kMiB);
  }
  {
    auto tiny = floats(kMiB);  // 5 MiB is more than four times that: a fresh mapping
    const auto s3 = core::cpuAllocatorStats();
    EXPECT_EQ(s3.mappings, s1.mappings + 1);
    EXPECT_EQ(s3.cachedBytes, 5 * kMiB);
  }
  EXPECT_EQ(core::cpuAllocatorStats().cachedBytes, 6 * kMiB);
}

TEST_F(CpuAllocator, TheSmallestBlockThatFitsIsTakenElseTheLargestSmallerOneGrows) {
  {
    auto a = floats(2 * kMiB);
    auto b = floats(6 * kMiB);
    auto c = floats(20 * kMiB);
  }
  const auto s0 = core::cpuAllocatorStats();
  auto t = floats(5 * kMiB);  // 6 MiB
  EXPECT_EQ(core::cpuAllocatorStats().cachedBytes, 22 * kMiB);
  auto u = floats(3 * kMiB);  // 20 MiB is too large for it: 2 MiB grows to 3
  const auto s1 = core::cpuAllocatorStats();
  EXPECT_EQ(s1.cachedBytes, 20 * kMiB);
  EXPECT_EQ(s1.reuses, s0.reuses + 2);
  EXPECT_EQ(s1.grows, s0.grows + 1);
  EXPECT_EQ(s1.mappings, s0.mappings);
}

// A training loop's pattern: each step allocates a set of blocks (a forward pass's activations,
// then gradients), frees them all, and the next step's sizes scale with its batch length.
TEST_F(CpuAllocator, FootprintOfChangingStepSizesStaysAtTheLivePeak) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> length(0.3, 1.0);
  const std::vector<int64_t> base = {2 * kMiB, 6 * kMiB, 12 * kMiB, 2 * kMiB, 6 * kMiB, kMiB / 2};
  int64_t peakLive = 0;
  int64_t peakFootprint = 0;
  const auto start = core::cpuAllocatorStats();
  for (int step = 0; step < 60; ++step) {
    const double f = length(rng);
    std::vector<torch::Tensor> live;
    for (int layer = 0; layer < 6; ++layer) {
      for (const int64_t bytes : base) {
        live.push_back(floats(static_cast<int64_t>(static_cast<double>(bytes) * f) / 64 * 64));
      }
    }
    const auto s = core::cpuAllocatorStats();
    peakLive = std::max(peakLive, s.liveBytes - start.liveBytes);
    peakFootprint = std::max(peakFootprint, s.liveBytes + s.cachedBytes - start.liveBytes);
  }
  const auto end = core::cpuAllocatorStats();
  // The kept blocks of a smaller step are grown by a larger one and serve a smaller one as they
  // are: the footprint stays near the largest step's live bytes. (Fresh mappings whenever no
  // kept block fits, as a size-class cache does, gave 1.7 times them.)
  EXPECT_LE(peakFootprint, peakLive + peakLive / 5) << peakLive;
  EXPECT_GT(end.reuses - start.reuses, 59 * 36 * 9 / 10);  // nearly every block reused
  EXPECT_LT(end.mappings - start.mappings, 36 * 3);
}

TEST_F(CpuAllocator, BlocksNobodyTakesAreHandedBack) {
  {
    auto big = floats(16 * kMiB);
    auto other = floats(kMiB);
  }
  ASSERT_EQ(core::cpuAllocatorStats().cachedBytes, 17 * kMiB);
  for (int i = 0; i < 2600; ++i) {
    auto t = floats(kMiB);  // always takes the kept 1 MiB block, the closest
  }
  const auto s = core::cpuAllocatorStats();
  EXPECT_EQ(s.cachedBytes, kMiB);  // the 16 MiB block went back to the system
}

TEST_F(CpuAllocator, RawAllocateAndZeroBytes) {
  c10::Allocator* allocator = c10::GetCPUAllocator();
  for (const size_t bytes : {size_t{1}, size_t{4096}, size_t{1} << 22}) {
    void* p = allocator->raw_allocate(bytes);
    ASSERT_NE(p, nullptr);
    static_cast<char*>(p)[bytes - 1] = 1;
    allocator->raw_deallocate(p);
  }
  auto empty = torch::empty({0});
  EXPECT_EQ(empty.numel(), 0);
  auto copy = torch::randn({300000}).clone();  // Storage copies go through the allocator too
  EXPECT_EQ(copy.numel(), 300000);
}

TEST_F(CpuAllocator, ThreadsAllocateAndFreeConcurrently) {
  const auto before = core::cpuAllocatorStats();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < 300; ++i) {
        auto a = floats((1 + (i + t) % 5) * kMiB / 2);
        auto b = torch::empty({64});
        a.fill_(static_cast<float>(t));
        ASSERT_EQ(a[0].item<float>(), static_cast<float>(t));
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  EXPECT_EQ(core::cpuAllocatorStats().liveBytes, before.liveBytes);
}

#endif

}  // namespace
}  // namespace childtune::test
