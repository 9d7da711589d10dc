#pragma once
// Small helpers shared by the benchmark programs: argument parsing, timing, statistics, memory.
// Benchmarks print one JSON object per measurement on stdout; bench/run.sh collects them.

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace childtune::bench {

using Clock = std::chrono::steady_clock;

inline double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// --key value and --flag arguments; every key must be known to the program.
class Args {
 public:
  Args(int argc, char** argv, const std::map<std::string, std::string>& defaults)
      : values_(defaults) {
    for (int i = 1; i < argc; ++i) {
      std::string key = argv[i];
      if (!key.starts_with("--") || !values_.contains(key.substr(2))) {
        throw std::runtime_error("unknown argument '" + key + "'");
      }
      key = key.substr(2);
      if (values_[key] == "false" || values_[key] == "true") {
        values_[key] = "true";  // a flag
      } else if (i + 1 < argc) {
        values_[key] = argv[++i];
      } else {
        throw std::runtime_error("--" + key + " needs a value");
      }
    }
  }
  const std::string& str(const std::string& key) const { return values_.at(key); }
  int64_t integer(const std::string& key) const { return std::stoll(values_.at(key)); }
  double real(const std::string& key) const { return std::stod(values_.at(key)); }
  bool flag(const std::string& key) const { return values_.at(key) == "true"; }

 private:
  std::map<std::string, std::string> values_;
};

inline std::string envOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::string(v) : fallback;
}

inline double median(std::vector<double> v) {
  if (v.empty()) {
    return 0.0;
  }
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

inline double mean(const std::vector<double>& v) {
  double s = 0.0;
  for (const double x : v) {
    s += x;
  }
  return v.empty() ? 0.0 : s / static_cast<double>(v.size());
}

// Peak resident set of this process in MiB (VmHWM: anonymous and file-backed pages together).
inline double peakRssMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmHWM:")) {
      return static_cast<double>(std::stoll(line.substr(6))) / 1024.0;
    }
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

inline double currentRssMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) {
      return static_cast<double>(std::stoll(line.substr(6))) / 1024.0;
    }
  }
  return 0.0;
}

}  // namespace childtune::bench
