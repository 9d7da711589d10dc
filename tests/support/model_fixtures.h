#pragma once
// Builds Hugging Face model folders for tests from the checked-in tiny configs in
// tests/reference/models/<name>/ (config + tokenizer files, no weights): the weights come from
// the deterministic reference formula (tests/support/reference_weights.h), written through our
// own safetensors writer, in whatever storage layout a test wants to exercise.

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "io/safetensors.h"

namespace childtune::test {

struct WeightLayout {
  bool bareNames = false;  // drop the "bert."/"roberta."/"electra." prefix (sentence-transformers)
  bool legacyGammaBeta = false;                  // LayerNorm.weight/bias stored as gamma/beta
  core::io::DType dtype = core::io::DType::F32;  // F32, F16, BF16 or F64 storage
  int shards = 1;                      // > 1 writes model-0000k-of-0000n.safetensors + index.json
  std::set<std::string> omit;          // our parameter names to leave out
  bool withPositionIdsBuffer = false;  // store the legacy embeddings.position_ids buffer too
};

// Copies tests/reference/models/<name> to `outDir` (without expected.json) and writes weights for
// a model with `numLabels` labels in `layout`.
void writeReferenceModel(const std::string& name, const std::filesystem::path& outDir,
                         int64_t numLabels, const WeightLayout& layout = {});

// An RTE-shaped task for tiny training runs: `rows` sentence pairs made from 13 words, alternating
// labels; the first 32 go to glueDir/RTE/train.tsv, the rest to dev.tsv.
void writeTinyRteTask(const std::filesystem::path& glueDir, int rows);

// tests/reference/models/<name>/expected.json, parsed.
nlohmann::json loadExpected(const std::string& name);

}  // namespace childtune::test
