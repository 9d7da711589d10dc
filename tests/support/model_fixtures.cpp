#include "support/model_fixtures.h"

#include <fstream>
#include <map>

#include "childtune/model_info.h"
#include "model/transformer.h"
#include "support/reference_weights.h"
#include "support/test_env.h"

namespace childtune::test {

namespace fs = std::filesystem;
using core::io::DType;

namespace {

std::string storedName(std::string name, const std::string& prefix, const WeightLayout& layout) {
  if (layout.bareNames && name.starts_with(prefix + ".")) {
    name = name.substr(prefix.size() + 1);
  }
  if (layout.legacyGammaBeta && name.find("LayerNorm.") != std::string::npos) {
    if (name.ends_with(".weight")) {
      name = name.substr(0, name.size() - 7) + ".gamma";
    } else if (name.ends_with(".bias")) {
      name = name.substr(0, name.size() - 5) + ".beta";
    }
  }
  return name;
}

torch::Dtype torchType(DType dtype) {
  switch (dtype) {
    case DType::F16:
      return torch::kFloat16;
    case DType::BF16:
      return torch::kBFloat16;
    case DType::F64:
      return torch::kFloat64;
    default:
      return torch::kFloat32;
  }
}

}  // namespace

nlohmann::json loadExpected(const std::string& name) {
  return nlohmann::json::parse(readFile(referenceDir() / "models" / name / "expected.json"));
}

void writeReferenceModel(const std::string& name, const fs::path& outDir, int64_t numLabels,
                         const WeightLayout& layout) {
  const fs::path src = referenceDir() / "models" / name;
  fs::create_directories(outDir);
  for (const auto& entry : fs::directory_iterator(src)) {
    if (entry.path().filename() != "expected.json") {
      fs::copy_file(entry.path(), outDir / entry.path().filename(),
                    fs::copy_options::overwrite_existing);
    }
  }
  const auto config = core::ModelConfig::fromJsonFile(outDir / "config.json");
  core::SequenceClassifier model(config, numLabels);

  std::vector<torch::Tensor> keepAlive;
  std::vector<core::io::TensorToWrite> tensors;
  auto add = [&](const std::string& stored, torch::Tensor t, DType dtype) {
    t = t.contiguous();
    keepAlive.push_back(t);
    core::io::TensorToWrite w;
    w.name = stored;
    w.dtype = dtype;
    w.shape.assign(t.sizes().begin(), t.sizes().end());
    w.data = std::span<const std::byte>(static_cast<const std::byte*>(t.data_ptr()),
                                        static_cast<size_t>(t.nbytes()));
    tensors.push_back(std::move(w));
  };
  for (const auto& item : model->named_parameters(true)) {
    if (layout.omit.contains(item.key())) {
      continue;
    }
    auto values = referenceWeightValues(item.key(), item.value().numel());
    auto t = torch::from_blob(values.data(), item.value().sizes(), torch::kFloat32)
                 .to(torchType(layout.dtype))
                 .clone();  // from_blob aliases `values`, which dies with this iteration
    add(storedName(item.key(), model->prefix(), layout), t, layout.dtype);
  }
  if (layout.withPositionIdsBuffer) {
    add(storedName(model->prefix() + ".embeddings.position_ids", model->prefix(), layout),
        torch::arange(config.maxPositionEmbeddings, torch::kInt64).unsqueeze(0), DType::I64);
  }

  if (layout.shards <= 1) {
    core::io::writeSafetensors(outDir / "model.safetensors", tensors, {{"format", "pt"}});
    return;
  }
  nlohmann::json index;
  index["metadata"] = {{"total_size", 0}};
  const size_t perShard = (tensors.size() + static_cast<size_t>(layout.shards) - 1) /
                          static_cast<size_t>(layout.shards);
  for (int s = 0; s < layout.shards; ++s) {
    char fileName[64];
    std::snprintf(fileName, sizeof fileName, "model-%05d-of-%05d.safetensors", s + 1,
                  layout.shards);
    std::vector<core::io::TensorToWrite> part;
    for (size_t i = static_cast<size_t>(s) * perShard;
         i < std::min(tensors.size(), static_cast<size_t>(s + 1) * perShard); ++i) {
      part.push_back(tensors[i]);
      index["weight_map"][tensors[i].name] = fileName;
    }
    core::io::writeSafetensors(outDir / fileName, part, {{"format", "pt"}});
  }
  writeFile(outDir / "model.safetensors.index.json", index.dump(2));
}

void writeTinyRteTask(const std::filesystem::path& glueDir, int rows) {
  std::string train = "index\tsentence1\tsentence2\tlabel\n";
  std::string dev = train;
  const char* words[] = {"the",     "committee", "approved", "a",     "new", "budget", "man",
                         "playing", "guitar",    "stage",    "music", "yes", "debate"};
  for (int i = 0; i < rows; ++i) {
    std::string a;
    std::string b;
    for (int k = 0; k < 3 + i % 7; ++k) {
      a += std::string(k ? " " : "") + words[(i * 7 + k * 3) % 13];
    }
    for (int k = 0; k < 2 + i % 5; ++k) {
      b += std::string(k ? " " : "") + words[(i * 5 + k) % 13];
    }
    const std::string row = std::to_string(i) + "\t" + a + "\t" + b + "\t" +
                            (i % 2 ? "entailment" : "not_entailment") + "\n";
    (i < 32 ? train : dev) += row;
  }
  writeFile(glueDir / "RTE" / "train.tsv", train);
  writeFile(glueDir / "RTE" / "dev.tsv", dev);
}

}  // namespace childtune::test
