#include "util/cpu_allocator.h"

#include <c10/core/Allocator.h>
#include <c10/core/CPUAllocator.h>
#include <c10/util/Exception.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <mutex>
#include <new>
#include <string>
#include <unordered_map>
#include <utility>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#define CHILDTUNE_RECYCLING_ALLOCATOR 1
#endif

namespace childtune::core {

#if defined(CHILDTUNE_RECYCLING_ALLOCATOR)

namespace {

constexpr size_t kLargeBytes = size_t{256} << 10;
constexpr size_t kSmallAlignment = 64;  // LibTorch's CPU alignment (gAlignment)
// A kept block unused for this many large requests is unmapped.
constexpr int64_t kMaxIdleRequests = 2048;
constexpr int64_t kSweepEvery = 256;
// A kept block serves requests down to a quarter of its size.
constexpr size_t kMaxWaste = 4;

size_t pageSize() {
  static const auto size = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return size;
}

size_t roundToPages(size_t bytes) {
  const size_t page = pageSize();
  return (bytes + page - 1) / page * page;
}

[[noreturn]] void outOfMemory(size_t bytes, const char* what) {
  TORCH_CHECK(false, "CPU out of memory: ", what, " of ", bytes,
              " bytes failed: ", std::strerror(errno));
}

class Recycler {
 public:
  void* allocate(size_t requested) {
    const size_t bytes = roundToPages(requested);
    std::lock_guard<std::mutex> lock(mutex_);
    ++requests_;
    if (requests_ % kSweepEvery == 0) {
      sweepIdle();
    }
    auto [block, mapped] = takeKept(bytes);
    if (block == nullptr) {
      mapped = bytes;
      block = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (block == MAP_FAILED) {
        outOfMemory(bytes, "mapping a block");
      }
      ++mappings_;
    }
    live_.emplace(block, mapped);
    liveBytes_ += mapped;
    return block;
  }

  // False when `block` is not one of ours (then it came from malloc).
  bool release(void* block) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = live_.find(block);
    if (it == live_.end()) {
      return false;
    }
    const size_t bytes = it->second;
    live_.erase(it);
    liveBytes_ -= bytes;
    kept_.emplace(bytes, Kept{block, requests_});
    keptBytes_ += bytes;
    return true;
  }

  void releaseKept() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [bytes, kept] : kept_) {
      unmap(kept.block, bytes);
    }
    kept_.clear();
    keptBytes_ = 0;
  }

  CpuAllocatorStats stats() {
    std::lock_guard<std::mutex> lock(mutex_);
    CpuAllocatorStats s;
    s.installed = true;
    s.liveBytes = static_cast<int64_t>(liveBytes_);
    s.cachedBytes = static_cast<int64_t>(keptBytes_);
    s.mappings = mappings_;
    s.reuses = reuses_;
    s.grows = grows_;
    s.unmaps = unmaps_;
    return s;
  }

 private:
  struct Kept {
    void* block;
    int64_t keptAt;  // requests_ when it was freed
  };

  // A kept block for a request of `bytes` and its mapped size; {nullptr, 0} when there is none.
  //  1. The smallest kept block of at least `bytes` and at most kMaxWaste times that, as it is:
  //     no system call, and no page added to the resident set (a block's pages were touched
  //     before). Of blocks of one size, the one freed last (multimap keeps equal keys in
  //     insertion order): its lines may still be in cache.
  //  2. Else the largest smaller block, grown with mremap: only the missing pages are new. This
  //     keeps the kept blocks those that the largest step so far needed; a fresh mapping here
  //     would leave the smaller block behind unused.
  // No block is shrunk: resizing a mapping down (and moving one) makes the kernel flush the other
  // threads' TLBs, and with hundreds of large blocks per step those interrupts cost more than
  // the pages saved (measured: ~10 % of a MiniLM step). Caller holds the lock.
  std::pair<void*, size_t> takeKept(size_t bytes) {
    auto above = kept_.lower_bound(bytes);
    if (above != kept_.end() && above->first <= kMaxWaste * bytes) {
      const auto best = std::prev(kept_.upper_bound(above->first));
      return take(best);
    }
    if (above == kept_.begin()) {
      return {nullptr, 0};
    }
    auto [block, have] = take(std::prev(above));
    void* grown = mremap(block, have, bytes, MREMAP_MAYMOVE);
    if (grown == MAP_FAILED) {
      unmap(block, have);
      --reuses_;
      return {nullptr, 0};  // a fresh mapping instead
    }
    ++grows_;
    return {grown, bytes};
  }

  std::pair<void*, size_t> take(std::multimap<size_t, Kept>::iterator it) {
    const size_t have = it->first;
    void* block = it->second.block;
    kept_.erase(it);
    keptBytes_ -= have;
    ++reuses_;
    return {block, have};
  }

  void sweepIdle() {
    for (auto it = kept_.begin(); it != kept_.end();) {
      if (requests_ - it->second.keptAt > kMaxIdleRequests) {
        unmap(it->second.block, it->first);
        keptBytes_ -= it->first;
        it = kept_.erase(it);
      } else {
        ++it;
      }
    }
  }

  void unmap(void* block, size_t bytes) {
    munmap(block, bytes);
    ++unmaps_;
  }

  std::mutex mutex_;
  std::unordered_map<void*, size_t> live_;
  std::multimap<size_t, Kept> kept_;
  size_t liveBytes_ = 0;
  size_t keptBytes_ = 0;
  int64_t requests_ = 0;
  int64_t mappings_ = 0;
  int64_t reuses_ = 0;
  int64_t grows_ = 0;
  int64_t unmaps_ = 0;
};

Recycler& recycler() {
  // Never destroyed: tensors may outlive static destruction.
  static auto* instance = new Recycler();
  return *instance;
}

void freeBlock(void* block) {
  if (block != nullptr && !recycler().release(block)) {
    std::free(block);  // NOLINT(cppcoreguidelines-no-malloc): posix_memalign's block
  }
}

// Both spellings of allocate(): LibTorch 1.13 declares it const, 2.3 and later non-const (and
// add the pure copy_data). Whichever the headers declare is overridden, the other is an overload.
// NOLINTBEGIN(modernize-use-override)
class RecyclingAllocator final : public c10::Allocator {
 public:
  c10::DataPtr allocate(size_t bytes) const { return make(bytes); }
  c10::DataPtr allocate(size_t bytes) { return make(bytes); }
  c10::DeleterFnPtr raw_deleter() const override { return &freeBlock; }
  void copy_data(void* dest, const void* src, std::size_t count) const {
    std::memcpy(dest, src, count);
  }

 private:
  static c10::DataPtr make(size_t bytes) {
    void* block = nullptr;
    if (bytes >= kLargeBytes) {
      block = recycler().allocate(bytes);
    } else if (bytes > 0) {
      // NOLINTNEXTLINE(cppcoreguidelines-no-malloc)
      if (posix_memalign(&block, kSmallAlignment, bytes) != 0) {
        outOfMemory(bytes, "allocating");
      }
    }
    return {block, block, &freeBlock, c10::Device(c10::DeviceType::CPU)};
  }
};
// NOLINTEND(modernize-use-override)

// Under AddressSanitizer LibTorch's allocator (malloc) stays, so that ASan checks every tensor's
// bounds (it cannot check memory mapped by hand); CHILDTUNE_CPU_ALLOCATOR=recycling overrides.
#if defined(__SANITIZE_ADDRESS__)
constexpr const char* kDefaultChoice = "system";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr const char* kDefaultChoice = "system";
#else
constexpr const char* kDefaultChoice = "recycling";
#endif
#else
constexpr const char* kDefaultChoice = "recycling";
#endif

std::once_flag installOnce;
std::atomic<bool> installed{false};

}  // namespace

bool installRecyclingCpuAllocator() {
  std::call_once(installOnce, [] {
    const char* env = std::getenv("CHILDTUNE_CPU_ALLOCATOR");
    const std::string choice = env != nullptr ? env : kDefaultChoice;
    if (choice != "recycling") {
      return;
    }
    static auto* allocator = new RecyclingAllocator();
    c10::SetCPUAllocator(allocator, /*priority=*/1);
    installed.store(c10::GetCPUAllocator() == allocator);
  });
  return installed.load();
}

void releaseCachedCpuMemory() {
  if (installed.load()) {
    recycler().releaseKept();
  }
}

CpuAllocatorStats cpuAllocatorStats() {
  return installed.load() ? recycler().stats() : CpuAllocatorStats{};
}

#else

bool installRecyclingCpuAllocator() { return false; }
void releaseCachedCpuMemory() {}
CpuAllocatorStats cpuAllocatorStats() { return {}; }

#endif

}  // namespace childtune::core
