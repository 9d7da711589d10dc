// Reproducible subsets. std::shuffle and std::uniform_int_distribution are implementation-defined
// (libstdc++ and libc++ give different subsets for the same seed), so the reduction of the
// generator's output to a range is written out here; std::mt19937_64's own sequence is fixed by
// the standard ([rand.predef]: the 10000th output of a default-constructed one is
// 9981545732273789042).

#include <algorithm>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <utility>

#include "childtune/error.h"
#include "childtune/tasks.h"

namespace childtune::core {

namespace {

// Uniform in [0, bound) by rejection: draws below 2^64 mod bound are discarded, so each residue
// is equally likely. REQUIRES: bound > 0.
uint64_t uniformBelow(std::mt19937_64& rng, uint64_t bound) {
  const uint64_t threshold = (0 - bound) % bound;  // == 2^64 mod bound
  while (true) {
    const uint64_t draw = rng();
    if (draw >= threshold) {
      return draw % bound;
    }
  }
}

}  // namespace

std::vector<int64_t> subsampleIndices(int64_t total, int64_t count, SubsampleMode mode,
                                      uint64_t seed) {
  if (total < 0 || count < 0) {
    throw Error(ErrorCode::Config, "subsample: total (" + std::to_string(total) + ") and count (" +
                                       std::to_string(count) + ") must not be negative");
  }
  const int64_t take = std::min(total, count);
  std::vector<int64_t> indices(
      static_cast<size_t>(mode == SubsampleMode::First || take == total ? take : total));
  std::iota(indices.begin(), indices.end(), int64_t{0});
  if (mode == SubsampleMode::First || take == total) {
    return indices;
  }
  std::mt19937_64 rng(seed);
  for (int64_t i = 0; i < take; ++i) {
    const auto remaining = static_cast<uint64_t>(total - i);
    const auto j = i + static_cast<int64_t>(uniformBelow(rng, remaining));
    std::swap(indices[static_cast<size_t>(i)], indices[static_cast<size_t>(j)]);
  }
  indices.resize(static_cast<size_t>(take));
  std::sort(indices.begin(), indices.end());
  return indices;
}

LoadedSplit subsample(LoadedSplit split, int64_t count, SubsampleMode mode, uint64_t seed) {
  if (count < 0) {
    throw Error(ErrorCode::Config, "subsample: the number of examples must not be negative (got " +
                                       std::to_string(count) + ")");
  }
  const auto total = static_cast<int64_t>(split.examples.size());
  if (count >= total) {
    if (count > total) {
      split.warnings.push_back("asked for " + std::to_string(count) + " examples but '" +
                               split.file.string() + "' has only " + std::to_string(total) +
                               "; using all of them");
    }
    return split;
  }
  const std::vector<int64_t> indices = subsampleIndices(total, count, mode, seed);
  std::vector<Example> chosen;
  chosen.reserve(indices.size());
  for (const int64_t index : indices) {
    chosen.push_back(std::move(split.examples[static_cast<size_t>(index)]));
  }
  split.examples = std::move(chosen);
  return split;
}

}  // namespace childtune::core
