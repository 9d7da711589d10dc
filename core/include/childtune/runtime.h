#pragma once
// Process-wide LibTorch setup and facts about the compute devices (torch-free header).

#include <string>

namespace childtune::core {

struct RuntimeInfo {
  std::string torchVersion;     // "1.13.1"
  int cpuThreads = 1;           // intra-op threads LibTorch uses
  std::string parallelBackend;  // "OpenMP", ...
  std::string blas;             // "OpenBLAS" when the OpenMP OpenBLAS is in use, else what we know
  bool cudaAvailable = false;
  int cudaDeviceCount = 0;
};

// Sets LibTorch's intra-op thread count: `threads` > 0, else $CHILDTUNE_THREADS, else the
// machine's cores (LibTorch defaults to 1 on some builds). Call once, early, from any thread.
void initializeRuntime(int threads = 0);

RuntimeInfo runtimeInfo();

}  // namespace childtune::core
