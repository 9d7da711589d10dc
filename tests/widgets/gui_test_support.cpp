#include "gui_test_support.h"

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <numeric>
#include <span>
#include <stdexcept>

#include <QCoreApplication>
#include <QTranslator>

#include "app_setup.h"
#include "io/safetensors.h"
#include "support/test_env.h"

namespace childtune::test {

namespace fs = std::filesystem;

namespace {

nlohmann::json expectedJson(const std::string& name) {
  const fs::path path = referenceDir() / "models" / name / "expected.json";
  return nlohmann::json::parse(readFile(path));
}

}  // namespace

std::vector<std::pair<std::string, std::vector<int64_t>>> referenceParameters(
    const std::string& name) {
  std::vector<std::pair<std::string, std::vector<int64_t>>> parameters;
  // Named: a range-for over a member of a temporary would dangle (before C++23).
  const nlohmann::json expected = expectedJson(name);
  for (const auto& p : expected.at("parameters")) {
    parameters.emplace_back(p.at("name").get<std::string>(),
                            p.at("shape").get<std::vector<int64_t>>());
  }
  return parameters;
}

std::vector<ReferenceInput> referenceInputs(const std::string& name) {
  const nlohmann::json expected = expectedJson(name);
  std::vector<ReferenceInput> inputs;
  const auto& texts = expected.at("inputs");
  for (size_t i = 0; i < texts.size(); ++i) {
    ReferenceInput input;
    input.text = texts[i].at("text").get<std::string>();
    if (!texts[i].at("pair").is_null()) {
      input.pair = texts[i].at("pair").get<std::string>();
    }
    const auto ids = expected.at("input_ids")[i].get<std::vector<int64_t>>();
    const auto types = expected.at("token_type_ids")[i].get<std::vector<int64_t>>();
    const auto mask = expected.at("attention_mask")[i].get<std::vector<int64_t>>();
    const auto length = static_cast<size_t>(std::accumulate(mask.begin(), mask.end(), int64_t{0}));
    input.ids.assign(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(length));
    input.typeIds.assign(types.begin(), types.begin() + static_cast<std::ptrdiff_t>(length));
    inputs.push_back(std::move(input));
  }
  return inputs;
}

fs::path makeReferenceModel(const fs::path& parent, const std::string& name,
                            const std::string& as) {
  const fs::path source = referenceDir() / "models" / name;
  fs::path target = parent / (as.empty() ? name : as);
  fs::create_directories(target);
  for (const auto& entry : fs::directory_iterator(source)) {
    if (entry.is_regular_file() && entry.path().filename() != "expected.json") {
      fs::copy_file(entry.path(), target / entry.path().filename(),
                    fs::copy_options::overwrite_existing);
    }
  }
  const auto parameters = referenceParameters(name);
  std::vector<std::vector<float>> storage;
  storage.reserve(parameters.size());
  std::vector<core::io::TensorToWrite> tensors;
  for (const auto& [tensorName, shape] : parameters) {
    const int64_t numel =
        std::accumulate(shape.begin(), shape.end(), int64_t{1}, std::multiplies<>());
    storage.emplace_back(static_cast<size_t>(numel), 0.01f);
    core::io::TensorToWrite tensor;
    tensor.name = tensorName;
    tensor.dtype = core::io::DType::F32;
    tensor.shape = shape;
    tensor.data = std::as_bytes(std::span<const float>(storage.back()));
    tensors.push_back(tensor);
  }
  if (tensors.empty()) {
    throw std::runtime_error("no parameters listed for " + name);
  }
  core::io::writeSafetensors(target / "model.safetensors", tensors);
  return target;
}

core::ModelSummary syntheticSummary() {
  using core::ModuleKind;
  core::ModelSummary s;
  s.files.dir = "/models/synthetic-bert";
  s.files.config = "/models/synthetic-bert/config.json";
  s.files.weightShards = {"/models/synthetic-bert/model.safetensors"};
  s.config.modelType = "bert";
  s.config.vocabSize = 30522;
  s.config.hiddenSize = 64;
  s.config.numHiddenLayers = 2;
  s.config.numAttentionHeads = 4;
  s.config.intermediateSize = 256;
  s.config.embeddingSize = 64;
  s.config.maxPositionEmbeddings = 512;
  s.config.typeVocabSize = 2;
  s.config.numLabels = 3;
  s.tokenizerKind = "wordpiece";
  s.hasClassifierHead = true;
  s.weightBytes = 3 * 1024 * 1024 + 512 * 1024;  // 3.5 MiB
  const auto add = [&s](std::string name, std::vector<int64_t> shape, ModuleKind kind, int layer) {
    core::ParameterInfo p;
    p.name = std::move(name);
    p.dtype = "F32";
    p.shape = std::move(shape);
    p.numel = std::accumulate(p.shape.begin(), p.shape.end(), int64_t{1}, std::multiplies<>());
    p.kind = {kind, layer};
    s.totalParameters += p.numel;
    s.parametersByKind[kind] += p.numel;
    s.parameters.push_back(std::move(p));
  };
  add("bert.embeddings.word_embeddings.weight", {30522, 64}, ModuleKind::Embeddings, -1);
  add("bert.embeddings.position_embeddings.weight", {512, 64}, ModuleKind::Embeddings, -1);
  s.parametersPerLayer.assign(2, 0);
  for (int layer = 0; layer < 2; ++layer) {
    const std::string prefix = "bert.encoder.layer." + std::to_string(layer) + ".";
    add(prefix + "attention.self.query.weight", {64, 64}, ModuleKind::Query, layer);
    add(prefix + "attention.self.query.bias", {64}, ModuleKind::Query, layer);
    add(prefix + "attention.self.key.weight", {64, 64}, ModuleKind::Key, layer);
    add(prefix + "attention.self.value.weight", {64, 64}, ModuleKind::Value, layer);
    add(prefix + "attention.output.dense.weight", {64, 64}, ModuleKind::AttentionOutput, layer);
    add(prefix + "attention.output.LayerNorm.weight", {64}, ModuleKind::LayerNorm, layer);
    add(prefix + "intermediate.dense.weight", {256, 64}, ModuleKind::Intermediate, layer);
    add(prefix + "output.dense.weight", {64, 256}, ModuleKind::Output, layer);
    // Layer 1 is deliberately bigger, so per-layer values are not all equal.
    if (layer == 1) {
      add(prefix + "output.LayerNorm.weight", {64}, ModuleKind::LayerNorm, layer);
    }
  }
  for (const auto& p : s.parameters) {
    if (p.kind.layer >= 0) {
      s.parametersPerLayer[static_cast<size_t>(p.kind.layer)] += p.numel;
    }
  }
  add("bert.pooler.dense.weight", {64, 64}, ModuleKind::Pooler, -1);
  add("classifier.weight", {3, 64}, ModuleKind::Head, -1);
  return s;
}

ScopedTranslators::ScopedTranslators(const QLocale& locale) {
  for (QTranslator* translator : qApp->findChildren<QTranslator*>()) {
    before_ << translator;
  }
  app::installTranslators(*qApp, locale);
}

ScopedTranslators::~ScopedTranslators() {
  for (QTranslator* translator : qApp->findChildren<QTranslator*>()) {
    if (!before_.contains(translator)) {
      QCoreApplication::removeTranslator(translator);
      delete translator;
    }
  }
}

fs::path screenshotDir() { return CHILDTUNE_SCREENSHOT_DIR; }

}  // namespace childtune::test
