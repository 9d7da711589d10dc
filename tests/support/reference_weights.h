#pragma once
// C++ mirror of the weight formula in tests/reference/make_reference.py, bit-exact with it.
//
// The tiny reference models (tests/reference/models/tiny-*) are never committed with weights:
// every parameter of the Hugging Face `XxxForSequenceClassification` model is filled from its
// state-dict name and flat (row-major) index i:
//   z = splitmix64(fnv1a64(name) + i)          (all arithmetic mod 2^64)
//   u = double(z >> 40) / 2^24                 in [0, 1)
//   value = float(offset + (2u - 1) * 0.1)     in double, rounded once to float32;
//           offset = 1.0 when name ends with "LayerNorm.weight", else 0.0
// A C++ golden test builds the same model by calling referenceWeightValues() for each name in
// expected.json's "parameters" and compares outputs with the Python ones.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace childtune::test {

inline constexpr uint64_t kFnv1a64OffsetBasis = 0xcbf29ce484222325ULL;

// FNV-1a, 64 bit, over the bytes of `bytes`, continuing from `hash` (pass a previous result to
// hash a concatenation piecewise).
uint64_t fnv1a64(std::string_view bytes, uint64_t hash = kFnv1a64OffsetBasis);

uint64_t splitmix64(uint64_t x);

// The `numel` float32 values of parameter `name` (UTF-8 Hugging Face name, e.g.
// "bert.encoder.layer.0.attention.self.query.weight"), flat row-major.
// REQUIRES: numel >= 0 (throws std::invalid_argument naming the parameter otherwise).
std::vector<float> referenceWeightValues(std::string_view name, int64_t numel);

// Sequential (left to right) double sum of referenceWeightValues(name, numel): the "checksum"
// that expected.json records per parameter.
double referenceWeightChecksum(std::string_view name, int64_t numel);

// The hash in tests/reference/glue_tokens/<tok>/<TASK>.tsv: FNV-1a 64 over `ids`, each as an
// 8-byte little-endian int64, then over `typeIds` the same way; 16 lowercase hex digits.
std::string encodingHashHex(const std::vector<int64_t>& ids, const std::vector<int64_t>& typeIds);

}  // namespace childtune::test
