#include "model/weight_names.h"

namespace childtune::core::detail {

std::string_view architecturePrefix(std::string_view modelType) {
  if (modelType == "roberta") {
    return "roberta";
  }
  if (modelType == "electra") {
    return "electra";
  }
  return "bert";
}

std::string_view stripArchitecturePrefix(std::string_view name) {
  for (std::string_view prefix : {"bert.", "roberta.", "electra."}) {
    if (name.starts_with(prefix)) {
      return name.substr(prefix.size());
    }
  }
  return name;
}

bool isBufferName(std::string_view name) {
  return name.ends_with("position_ids") || name.ends_with("embeddings.token_type_ids");
}

std::string canonicalWeightName(std::string_view stored, std::string_view modelType) {
  std::string name(stored);
  if (name.ends_with(".gamma")) {
    name.replace(name.size() - 6, 6, ".weight");
  } else if (name.ends_with(".beta")) {
    name.replace(name.size() - 5, 5, ".bias");
  }
  for (std::string_view root : {"embeddings.", "embeddings_project.", "encoder.", "pooler."}) {
    if (name.starts_with(root)) {
      return std::string(architecturePrefix(modelType)) + "." + name;
    }
  }
  return name;
}

}  // namespace childtune::core::detail
