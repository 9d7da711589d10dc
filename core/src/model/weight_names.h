#pragma once
// Hugging Face weight-name conventions shared by the inspector and the checkpoint loader.

#include <string>
#include <string_view>

namespace childtune::core::detail {

// The attribute under which transformers nests the encoder: "bert", "roberta", "electra".
std::string_view architecturePrefix(std::string_view modelType);

// "bert.encoder.layer.3.x" -> "encoder.layer.3.x"; names without a known prefix are returned as
// they are.
std::string_view stripArchitecturePrefix(std::string_view name);

// Buffers that some checkpoints store next to the parameters (not trainable, not loaded).
bool isBufferName(std::string_view name);

// Maps a stored name to the name our model uses: adds the architecture prefix to bare encoder
// names (sentence-transformers saves a bare BertModel) and renames the legacy LayerNorm
// `gamma`/`beta` to `weight`/`bias`. Head names (`classifier.*`) and unknown names are returned
// with only the gamma/beta rename applied.
std::string canonicalWeightName(std::string_view stored, std::string_view modelType);

}  // namespace childtune::core::detail
