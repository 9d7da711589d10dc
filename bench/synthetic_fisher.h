#pragma once
// Random Fisher scores in the shapes of a BERT encoder (every tensor of `layers` encoder layers
// with hidden size h and intermediate size inter, HF names), log-uniform over 1e-12..1e-4, fixed
// seed: the input of the what-if benchmarks (bench_rethreshold, bench_gui). Torch-free.

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "childtune/fisher_summary.h"

namespace childtune::bench {

inline std::vector<core::FisherAnalysis::Tensor> syntheticEncoderScores(int64_t layers, int64_t h,
                                                                        int64_t inter) {
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<float> exponent(-12.0F, -4.0F);
  std::vector<core::FisherAnalysis::Tensor> tensors;
  const auto add = [&](const std::string& name, std::vector<int64_t> shape) {
    core::FisherAnalysis::Tensor t;
    t.name = name;
    t.shape = std::move(shape);
    int64_t n = 1;
    for (const int64_t d : t.shape) {
      n *= d;
    }
    t.scores.resize(static_cast<size_t>(n));
    for (float& v : t.scores) {
      v = std::pow(10.0F, exponent(rng));
    }
    tensors.push_back(std::move(t));
  };
  for (int64_t l = 0; l < layers; ++l) {
    const std::string p = "bert.encoder.layer." + std::to_string(l) + ".";
    for (const char* m : {"attention.self.query", "attention.self.key", "attention.self.value",
                          "attention.output.dense"}) {
      add(p + m + ".weight", {h, h});
      add(p + m + ".bias", {h});
    }
    add(p + "attention.output.LayerNorm.weight", {h});
    add(p + "attention.output.LayerNorm.bias", {h});
    add(p + "intermediate.dense.weight", {inter, h});
    add(p + "intermediate.dense.bias", {inter});
    add(p + "output.dense.weight", {h, inter});
    add(p + "output.dense.bias", {h});
    add(p + "output.LayerNorm.weight", {h});
    add(p + "output.LayerNorm.bias", {h});
  }
  return tensors;
}

}  // namespace childtune::bench
