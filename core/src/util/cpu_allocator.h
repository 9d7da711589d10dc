#pragma once
// LibTorch's CPU allocator, replaced for training runs by one that recycles large blocks.
//
// Why: a training step allocates its activations and gradients, frees them all, and the next step
// allocates them again in slightly different sizes (every batch has its own length). glibc's heap
// serves that from freed chunks that no longer fit and grows: a ct-d run's resident set ended up
// ~400 MiB above its live peak. Mapping every large block afresh (a fixed mmap threshold) keeps
// the resident set at the live peak but makes the run ~60 % slower (every page faulted in and
// zeroed again each step).
//
// How: blocks of 256 KiB and more are page mappings of their own. A freed one is kept; a request
// takes the smallest kept block that fits (up to four times its size) as it is, with no system
// call and no page faulted in again, else grows the largest smaller kept block with mremap (only
// the missing pages are new). A fresh mapping is made only when nothing kept is smaller either,
// so the kept blocks are those the largest step so far needed and the footprint follows the live
// peak. Blocks are never shrunk: resizing a mapping down makes the kernel interrupt the other
// threads to flush their TLBs, which cost ~10 % of a MiniLM step when every reuse resized.
// Blocks nobody took for 2,048 large requests (a few training steps) are unmapped. Smaller
// blocks come from malloc, 64-byte aligned as LibTorch's own. Linux only; elsewhere
// installRecyclingCpuAllocator() does nothing.
// Torch-free header.

#include <cstdint>

namespace childtune::core {

// Installs it as LibTorch's CPU allocator, once per process (later calls do nothing). Tensors
// allocated before keep their own deleter. CHILDTUNE_CPU_ALLOCATOR=system in the environment
// leaves LibTorch's own (for side-by-side measurements), as do AddressSanitizer builds unless it
// says recycling. Returns whether it is installed.
bool installRecyclingCpuAllocator();

// Unmaps every kept block (between phases of a run and at its end).
void releaseCachedCpuMemory();

struct CpuAllocatorStats {
  bool installed = false;
  int64_t liveBytes = 0;    // large blocks in use (mapped bytes)
  int64_t cachedBytes = 0;  // large blocks kept for reuse
  int64_t mappings = 0;     // fresh mappings made
  int64_t reuses = 0;       // requests served by a kept block
  int64_t grows = 0;        // ... of them grown to fit
  int64_t unmaps = 0;       // blocks handed back to the system
};
CpuAllocatorStats cpuAllocatorStats();

}  // namespace childtune::core
