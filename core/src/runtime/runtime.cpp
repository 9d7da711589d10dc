#include "childtune/runtime.h"

#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include <torch/torch.h>
#include <torch/version.h>

namespace childtune::core {

namespace {

// Which BLAS the process really mapped: LibTorch on Debian goes through the BLAS alternative,
// which is the slow reference BLAS unless libopenblas0-openmp (or -pthread) is installed.
std::string mappedBlas() {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  std::string found;
  while (std::getline(maps, line)) {
    if (line.find("libopenblas") != std::string::npos) {
      return line.find("openmp") != std::string::npos ? "OpenBLAS (OpenMP)" : "OpenBLAS";
    }
    if (line.find("libmkl") != std::string::npos) {
      return "MKL";
    }
    if (line.find("libblis") != std::string::npos) {
      found = "BLIS";
    } else if (found.empty() && line.find("/libblas.so") != std::string::npos) {
      found = "reference BLAS (slow: install libopenblas0-openmp)";
    }
  }
  return found.empty() ? "unknown" : found;
}

}  // namespace

void initializeRuntime(int threads) {
  int n = threads;
  if (n <= 0) {
    if (const char* env = std::getenv("CHILDTUNE_THREADS"); env != nullptr && *env != '\0') {
      n = std::atoi(env);
    }
  }
  if (n <= 0) {
    n = static_cast<int>(std::thread::hardware_concurrency());
  }
  if (n <= 0) {
    n = 1;
  }
  at::set_num_threads(n);
}

RuntimeInfo runtimeInfo() {
  RuntimeInfo info;
  info.torchVersion = TORCH_VERSION;
  info.cpuThreads = at::get_num_threads();
  // "ATen parallel backend: OpenMP" is the last line of LibTorch's own report.
  const std::string parallel = at::get_parallel_info();
  const std::string marker = "ATen parallel backend: ";
  if (const auto pos = parallel.find(marker); pos != std::string::npos) {
    const auto end = parallel.find('\n', pos);
    info.parallelBackend =
        parallel.substr(pos + marker.size(),
                        end == std::string::npos ? std::string::npos : end - pos - marker.size());
  } else {
    info.parallelBackend = "unknown";
  }
  // A tiny matmul makes sure the BLAS library has been loaded before we look for it.
  (void)torch::mm(torch::ones({2, 2}), torch::ones({2, 2}));
  info.blas = mappedBlas();
  info.cudaAvailable = torch::cuda::is_available();
  info.cudaDeviceCount = info.cudaAvailable ? static_cast<int>(torch::cuda::device_count()) : 0;
  return info;
}

}  // namespace childtune::core
