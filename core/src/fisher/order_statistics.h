#pragma once
// Exact order statistics and threshold masks over float32 scores held in many chunks (one per
// parameter tensor), without copying or sorting the data: the work behind the Child-Tuning_D
// selection (child_network.cpp), which must stay fast at BERT-large scale (302M scores).
//
// Order is the sort-key order of sort_key.h (-0.0 just below +0.0); NaN is refused with
// Error{Numerical}. Parallel over all chunks as one index range (at::parallel_for).

#include <cstdint>
#include <optional>
#include <vector>

namespace childtune::core::detail {

// The `count` (1 or 2) consecutive order statistics starting at 0-based rank k:
// result[i] = the (k + i)-th smallest value. REQUIRES k + count <= total elements.
// Tries orderStatisticsSampled for large inputs and falls back to the radix selection.
std::vector<float> orderStatistics(const std::vector<const float*>& chunks,
                                   const std::vector<int64_t>& sizes, int64_t k, int64_t count);

// Two-pass radix selection: a 65536-bin histogram of the keys' high 16 bits, then one of the low
// 16 bits inside the bin that holds rank k. Always succeeds.
std::vector<float> orderStatisticsRadix(const std::vector<const float*>& chunks,
                                        const std::vector<int64_t>& sizes, int64_t k,
                                        int64_t count);

// One pass: a strided sample of `sampleSize` values brackets the wanted ranks by [lo, hi]; the
// pass counts the values below lo and collects the few inside the bracket, and the answer is
// selected among those. Exact whenever it returns; nullopt when the bracket missed the ranks or
// caught too many values (e.g. many equal scores), in which case the caller uses the radix
// selection.
std::optional<std::vector<float>> orderStatisticsSampled(const std::vector<const float*>& chunks,
                                                         const std::vector<int64_t>& sizes,
                                                         int64_t k, int64_t count,
                                                         int64_t sampleSize);

// masks[c][i] = chunks[c][i] >= cut (false for NaN, as Tensor::ge), written and counted in one
// pass. Returns the number of true elements.
int64_t maskAtLeast(const std::vector<const float*>& chunks, const std::vector<int64_t>& sizes,
                    float cut, const std::vector<bool*>& masks);

}  // namespace childtune::core::detail
