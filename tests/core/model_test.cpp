// Model folders, configs, weight names and the checkpoint loader: every storage variant we accept
// and every bad input we must reject with a message that names the file and the problem.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "childtune/error.h"
#include "childtune/model_info.h"
#include "model/checkpoint.h"
#include "model/layers.h"
#include "model/weight_names.h"
#include "support/model_fixtures.h"
#include "support/reference_weights.h"
#include "support/test_env.h"

namespace childtune::test {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

torch::Tensor paramOf(core::SequenceClassifier& model, const std::string& name) {
  for (const auto& item : model->named_parameters(true)) {
    if (item.key() == name) {
      return item.value();
    }
  }
  throw std::runtime_error("no parameter " + name);
}

torch::Tensor sampleLogits(core::SequenceClassifier& model) {
  model->eval();
  torch::NoGradGuard noGrad;
  const auto ids = torch::tensor({2, 10, 11, 12, 3}, torch::kInt64).unsqueeze(0);
  return model->forward(ids, torch::zeros_like(ids), torch::ones_like(ids)).logits;
}

TEST(WeightNames, ClassifiesHuggingFaceNames) {
  using core::ModuleKind;
  const auto q = core::classifyParameter("bert.encoder.layer.3.attention.self.query.weight");
  EXPECT_EQ(q.kind, ModuleKind::Query);
  EXPECT_EQ(q.layer, 3);
  EXPECT_EQ(core::classifyParameter("encoder.layer.11.attention.self.key.bias").kind,
            ModuleKind::Key);
  EXPECT_EQ(core::classifyParameter("roberta.encoder.layer.0.attention.self.value.weight").kind,
            ModuleKind::Value);
  EXPECT_EQ(core::classifyParameter("bert.encoder.layer.0.attention.output.dense.weight").kind,
            ModuleKind::AttentionOutput);
  EXPECT_EQ(core::classifyParameter("bert.encoder.layer.0.attention.output.LayerNorm.weight").kind,
            ModuleKind::LayerNorm);
  EXPECT_EQ(core::classifyParameter("bert.encoder.layer.5.intermediate.dense.weight").kind,
            ModuleKind::Intermediate);
  EXPECT_EQ(core::classifyParameter("bert.encoder.layer.5.output.dense.bias").kind,
            ModuleKind::Output);
  EXPECT_EQ(core::classifyParameter("bert.encoder.layer.5.output.LayerNorm.bias").kind,
            ModuleKind::LayerNorm);
  EXPECT_EQ(core::classifyParameter("electra.embeddings_project.weight").kind,
            ModuleKind::Embeddings);
  EXPECT_EQ(core::classifyParameter("embeddings.word_embeddings.weight").layer, -1);
  EXPECT_EQ(core::classifyParameter("bert.pooler.dense.weight").kind, ModuleKind::Pooler);
  EXPECT_EQ(core::classifyParameter("classifier.out_proj.weight").kind, ModuleKind::Head);
  EXPECT_EQ(core::classifyParameter("cls.predictions.bias").kind, ModuleKind::Other);
  EXPECT_EQ(core::classifyParameter("bert.encoder.layer.x.output.dense.bias").kind,
            ModuleKind::Other);
  EXPECT_EQ(core::toString(ModuleKind::AttentionOutput), "attention-output");
}

TEST(WeightNames, CanonicalisesPrefixesAndLegacyLayerNormNames) {
  using core::detail::canonicalWeightName;
  EXPECT_EQ(canonicalWeightName("encoder.layer.0.output.LayerNorm.gamma", "bert"),
            "bert.encoder.layer.0.output.LayerNorm.weight");
  EXPECT_EQ(canonicalWeightName("embeddings.LayerNorm.beta", "roberta"),
            "roberta.embeddings.LayerNorm.bias");
  EXPECT_EQ(canonicalWeightName("electra.embeddings_project.weight", "electra"),
            "electra.embeddings_project.weight");
  EXPECT_EQ(canonicalWeightName("classifier.weight", "bert"), "classifier.weight");
}

TEST(ModelConfig, RejectsBadConfigsNamingTheField) {
  const std::string base =
      R"({"model_type": "bert", "vocab_size": 10, "hidden_size": 8, "num_hidden_layers": 1,
          "num_attention_heads": 2, "intermediate_size": 16)";
  auto parse = [](const std::string& text) {
    return core::ModelConfig::fromJsonText(text, "/m/config.json");
  };
  EXPECT_EQ(parse(base + "}").hiddenSize, 8);
  EXPECT_THAT(errorOf([&] { parse("{not json"); }, ErrorCode::Config),
              HasSubstr("/m/config.json: not valid JSON"));
  EXPECT_THAT(errorOf([&] { parse("[1]"); }, ErrorCode::Config), HasSubstr("JSON object"));
  EXPECT_THAT(errorOf([&] { parse(R"({"vocab_size": 3})"); }, ErrorCode::Config),
              HasSubstr("field 'model_type' is missing"));
  EXPECT_THAT(errorOf([&] { parse(R"({"model_type": "gpt2"})"); }, ErrorCode::Config),
              HasSubstr("unknown model_type 'gpt2' (supported: bert, roberta, electra)"));
  EXPECT_THAT(errorOf([&] { parse(R"({"model_type": "xlnet"})"); }, ErrorCode::Config),
              HasSubstr("'xlnet' is not supported yet"));
  EXPECT_THAT(errorOf([&] { parse(base + R"(, "hidden_size": 9})"); }, ErrorCode::Config),
              HasSubstr("must be a multiple of num_attention_heads"));
  EXPECT_THAT(errorOf([&] { parse(base + R"(, "hidden_act": "cube"})"); }, ErrorCode::Config),
              HasSubstr("field 'hidden_act' 'cube' is not a supported activation"));
  EXPECT_THAT(errorOf([&] { parse(base + R"(, "hidden_dropout_prob": 2})"); }, ErrorCode::Config),
              HasSubstr("field 'hidden_dropout_prob' must be in [0, 1]"));
  EXPECT_THAT(errorOf([&] { parse(base + R"(, "num_hidden_layers": "six"})"); }, ErrorCode::Config),
              HasSubstr("field 'num_hidden_layers' must be an integer"));
  EXPECT_THAT(errorOf([&] { parse(base + R"(, "position_embedding_type": "relative_key"})"); },
                      ErrorCode::Config),
              HasSubstr("'relative_key' is not supported"));
  EXPECT_EQ(parse(base + R"(, "id2label": {"0": "a", "1": "b", "2": "c"}})").numLabels, 3);
}

TEST(ModelFiles, ExplainsWhatIsMissing) {
  TempDir dir;
  EXPECT_THAT(errorOf([&] { core::ModelFiles::locate(dir / "nope"); }, ErrorCode::Io),
              HasSubstr("model folder does not exist"));
  EXPECT_THAT(errorOf([&] { core::ModelFiles::locate(dir.path()); }, ErrorCode::Io),
              HasSubstr("config.json: missing"));
  writeFile(dir / "config.json", "{}");
  EXPECT_THAT(errorOf([&] { core::ModelFiles::locate(dir.path()); }, ErrorCode::Model),
              HasSubstr("no weights found (looked for model.safetensors"));
  writeFile(dir / "pytorch_model.bin", "pickle");
  const auto pickle = errorOf([&] { core::ModelFiles::locate(dir.path()); }, ErrorCode::Model);
  EXPECT_THAT(pickle, HasSubstr("only pytorch_model.bin (a Python pickle)"));
  EXPECT_THAT(pickle, HasSubstr("safe_serialization=True"));
}

TEST(ModelFiles, MissingTokenizerIsAnError) {
  TempDir dir;
  writeReferenceModel("tiny-bert", dir.path(), 3);
  for (const char* f : {"tokenizer.json", "vocab.txt"}) {
    fs::remove(dir / f);
  }
  EXPECT_THAT(errorOf([&] { core::ModelFiles::locate(dir.path()); }, ErrorCode::Data),
              HasSubstr("no tokenizer files (looked for tokenizer.json, vocab.txt"));
}

TEST(Inspect, CountsParametersPerKindAndLayer) {
  TempDir dir;
  writeReferenceModel("tiny-bert", dir.path(), 3);
  const auto s = core::inspectModel(dir.path());
  EXPECT_EQ(s.config.modelType, "bert");
  EXPECT_EQ(s.config.numHiddenLayers, 2);
  EXPECT_EQ(s.tokenizerKind, "wordpiece");
  EXPECT_TRUE(s.hasClassifierHead);
  const auto config = core::ModelConfig::fromJsonFile(dir / "config.json");
  core::SequenceClassifier model(config, 3);
  int64_t total = 0;
  for (const auto& p : model->parameters()) {
    total += p.numel();
  }
  EXPECT_EQ(s.totalParameters, total);
  const int64_t h = 32;
  const int64_t inter = 37;
  EXPECT_EQ(s.parametersByKind.at(core::ModuleKind::Query), 2 * (h * h + h));
  EXPECT_EQ(s.parametersByKind.at(core::ModuleKind::Intermediate), 2 * (h * inter + inter));
  EXPECT_EQ(s.parametersByKind.at(core::ModuleKind::LayerNorm), 2 * 2 * 2 * h);
  EXPECT_EQ(s.parametersByKind.at(core::ModuleKind::Head), 3 * h + 3);
  const int64_t perLayer = 4 * (h * h + h) + (h * inter + inter) + (inter * h + h) + 4 * h;
  EXPECT_THAT(s.parametersPerLayer, ::testing::ElementsAre(perLayer, perLayer));
}

TEST(Inspect, RealMiniLmHas6LayersAnd22Point7MParameters) {
  CHILDTUNE_REQUIRE_ENV_DIR(modelDir, "CHILDTUNE_MODEL_DIR");
  const auto s = core::inspectModel(modelDir);
  EXPECT_EQ(s.config.numHiddenLayers, 6);
  EXPECT_EQ(s.config.hiddenSize, 384);
  EXPECT_EQ(s.totalParameters, 22713216);
  EXPECT_FALSE(s.hasClassifierHead);
}

// Every storage variant must load to exactly the same model.
class StorageVariants : public ::testing::TestWithParam<std::string> {};

TEST_P(StorageVariants, BareNamesLegacyNamesAndShardsLoadIdentically) {
  TempDir plain;
  writeReferenceModel(GetParam(), plain.path(), 3);
  auto reference = core::loadPretrained(plain.path());
  const auto expectedLogits = sampleLogits(reference.model);

  WeightLayout bare;
  bare.bareNames = true;
  bare.legacyGammaBeta = true;
  bare.withPositionIdsBuffer = true;
  bare.shards = 3;
  TempDir variant;
  writeReferenceModel(GetParam(), variant.path(), 3, bare);
  auto loaded = core::loadPretrained(variant.path());
  EXPECT_TRUE(loaded.report.initialized.empty());
  EXPECT_THAT(loaded.report.unexpected, ::testing::Contains(::testing::HasSubstr("position_ids")));
  EXPECT_TRUE(torch::equal(sampleLogits(loaded.model), expectedLogits));
}

TEST_P(StorageVariants, HalfPrecisionStorageIsUpcastExactly) {
  for (const auto dtype : {core::io::DType::F16, core::io::DType::BF16, core::io::DType::F64}) {
    WeightLayout layout;
    layout.dtype = dtype;
    TempDir dir;
    writeReferenceModel(GetParam(), dir.path(), 3, layout);
    auto loaded = core::loadPretrained(dir.path());
    const std::string name =
        loaded.model->prefix() + ".encoder.layer.1.attention.self.query.weight";
    auto param = paramOf(loaded.model, name);
    EXPECT_EQ(param.scalar_type(), torch::kFloat32);
    auto values = referenceWeightValues(name, param.numel());
    const auto storageType = dtype == core::io::DType::F16    ? torch::kFloat16
                             : dtype == core::io::DType::BF16 ? torch::kBFloat16
                                                              : torch::kFloat64;
    const auto expected = torch::from_blob(values.data(), param.sizes(), torch::kFloat32)
                              .to(storageType)
                              .to(torch::kFloat32);
    EXPECT_TRUE(torch::equal(param, expected)) << core::io::toString(dtype);
  }
}

INSTANTIATE_TEST_SUITE_P(Architectures, StorageVariants,
                         ::testing::Values("tiny-bert", "tiny-roberta", "tiny-electra"));

TEST(Loader, MissingHeadIsInitialisedFromTheSeedLikeTransformers) {
  WeightLayout layout;
  layout.omit = {"classifier.weight", "classifier.bias", "bert.pooler.dense.weight",
                 "bert.pooler.dense.bias"};
  TempDir dir;
  writeReferenceModel("tiny-bert", dir.path(), 3, layout);
  core::LoadOptions options;
  options.seed = 7;
  auto a = core::loadPretrained(dir.path(), options);
  EXPECT_THAT(a.report.initialized, ::testing::UnorderedElementsAre(
                                        "classifier.weight", "classifier.bias",
                                        "bert.pooler.dense.weight", "bert.pooler.dense.bias"));
  auto b = core::loadPretrained(dir.path(), options);
  EXPECT_TRUE(
      torch::equal(paramOf(a.model, "classifier.weight"), paramOf(b.model, "classifier.weight")));
  options.seed = 8;
  auto c = core::loadPretrained(dir.path(), options);
  EXPECT_FALSE(
      torch::equal(paramOf(a.model, "classifier.weight"), paramOf(c.model, "classifier.weight")));
  const auto w = paramOf(a.model, "classifier.weight");
  EXPECT_NEAR(w.std().item<double>(), 0.02, 0.01);
  EXPECT_EQ(paramOf(a.model, "classifier.bias").abs().sum().item<double>(), 0.0);
}

TEST(Loader, HeadWithAnotherLabelCountIsReinitialised) {
  TempDir dir;
  writeReferenceModel("tiny-roberta", dir.path(), 3);
  core::LoadOptions options;
  options.numLabels = 2;
  auto loaded = core::loadPretrained(dir.path(), options);
  EXPECT_THAT(
      loaded.report.reinitializedMismatched,
      ::testing::UnorderedElementsAre("classifier.out_proj.weight", "classifier.out_proj.bias"));
  EXPECT_EQ(sampleLogits(loaded.model).size(1), 2);
}

TEST(Loader, MissingEncoderTensorNamesTensorAndShape) {
  WeightLayout layout;
  layout.omit = {"bert.encoder.layer.1.intermediate.dense.weight"};
  TempDir dir;
  writeReferenceModel("tiny-bert", dir.path(), 3, layout);
  const auto msg = errorOf([&] { core::loadPretrained(dir.path()); }, ErrorCode::Model);
  EXPECT_THAT(msg, HasSubstr("model.safetensors: missing tensor "
                             "'bert.encoder.layer.1.intermediate.dense.weight' (expected shape "
                             "[37, 32]"));
}

TEST(Loader, ShapeMismatchWithConfigNamesBothShapes) {
  TempDir dir;
  writeReferenceModel("tiny-bert", dir.path(), 3);
  // Claim a bigger FFN than the weights have.
  auto config = nlohmann::json::parse(readFile(dir / "config.json"));
  config["intermediate_size"] = 40;
  writeFile(dir / "config.json", config.dump());
  const auto msg = errorOf([&] { core::loadPretrained(dir.path()); }, ErrorCode::Model);
  EXPECT_THAT(msg, HasSubstr("intermediate.dense.weight' has shape [37, 32], expected [40, 32] "
                             "from config.json"));
}

TEST(Loader, IntegerWeightsAreRejected) {
  TempDir dir;
  writeReferenceModel("tiny-bert", dir.path(), 3);
  // Rewrite one tensor as I32 with the right shape.
  const auto file = core::io::SafetensorsFile::open(dir / "model.safetensors");
  std::vector<core::io::TensorToWrite> tensors;
  std::vector<int32_t> ints;
  for (const auto& info : file.tensors()) {
    core::io::TensorToWrite t{info.name, info.dtype, info.shape, file.bytes(info)};
    if (info.name == "bert.pooler.dense.bias") {
      ints.assign(static_cast<size_t>(info.numel()), 1);
      t.dtype = core::io::DType::I32;
      t.data = std::as_bytes(std::span<const int32_t>(ints));
    }
    tensors.push_back(t);
  }
  core::io::writeSafetensors(dir / "model2.safetensors", tensors);
  fs::rename(dir / "model2.safetensors", dir / "model.safetensors");
  const auto msg = errorOf([&] { core::loadPretrained(dir.path()); }, ErrorCode::Model);
  EXPECT_THAT(msg, HasSubstr("'bert.pooler.dense.bias' has dtype I32, expected a floating-point"));
}

TEST(Loader, TruncatedWeightsFileIsAClearError) {
  TempDir dir;
  writeReferenceModel("tiny-bert", dir.path(), 3);
  const auto path = dir / "model.safetensors";
  fs::resize_file(path, fs::file_size(path) - 100);
  const auto msg = errorOf([&] { core::loadPretrained(dir.path()); }, ErrorCode::Data);
  EXPECT_THAT(msg, HasSubstr(path.string()));
}

TEST(Loader, ExportedModelReloadsIdentically) {
  TempDir dir;
  writeReferenceModel("tiny-electra", dir.path(), 3);
  auto loaded = core::loadPretrained(dir.path());
  TempDir out;
  core::exportModel(loaded.model, out.path());
  for (const char* f : {"tokenizer.json", "vocab.txt"}) {
    fs::copy_file(dir / f, out / f);
  }
  auto again = core::loadPretrained(out.path());
  EXPECT_TRUE(again.report.initialized.empty());
  EXPECT_TRUE(again.report.unexpected.empty());
  EXPECT_TRUE(torch::equal(sampleLogits(loaded.model), sampleLogits(again.model)));
}

TEST(Layers, InitialiseDrawForDrawLikeTorchNnAndCanSkipIt) {
  torch::manual_seed(11);
  torch::nn::Linear libraryLinear(6, 4);
  torch::nn::Embedding libraryEmbedding(torch::nn::EmbeddingOptions(9, 5).padding_idx(2));
  torch::manual_seed(11);
  core::Linear linear(6, 4);
  core::Embedding embedding(9, 5, 2);
  EXPECT_TRUE(torch::equal(linear->weight, libraryLinear->weight));
  EXPECT_TRUE(torch::equal(linear->bias, libraryLinear->bias));
  EXPECT_TRUE(torch::equal(embedding->weight, libraryEmbedding->weight));
  const auto ids = torch::tensor({{0, 2, 8}}, torch::kLong);
  EXPECT_TRUE(torch::equal(embedding->forward(ids), libraryEmbedding->forward(ids)));
  const auto x = torch::randn({3, 6});
  EXPECT_TRUE(torch::allclose(linear->forward(x), libraryLinear->forward(x)));

  // Names as torch::nn's, so checkpoints and Child-Tuning masks key on the same strings.
  std::vector<std::string> names;
  for (const auto& item : linear->named_parameters()) {
    names.push_back(item.key());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"weight", "bias"}));

  // Skipped initialisation draws nothing from the generator; the scope ends with its guard.
  torch::manual_seed(11);
  {
    const core::SkipParameterInit skip;
    EXPECT_TRUE(core::SkipParameterInit::active());
    core::Linear uninitialised(6, 4);
    EXPECT_EQ(uninitialised->weight.sizes(), libraryLinear->weight.sizes());
  }
  EXPECT_FALSE(core::SkipParameterInit::active());
  core::Linear afterSkip(6, 4);
  EXPECT_TRUE(torch::equal(afterSkip->weight, libraryLinear->weight));
}

TEST(Layers, GeluLinearMatchesGeluThenLinearInValuesAndGradients) {
  torch::manual_seed(4);
  core::Linear linear(6, 3);
  const auto pre0 = torch::randn({2, 5, 6});
  const auto upstream = torch::randn({2, 5, 3});
  auto run = [&](bool fused) {
    linear->zero_grad();
    auto pre = pre0.clone().requires_grad_(true);
    const auto out = fused ? core::geluLinear(pre, linear) : linear->forward(torch::gelu(pre));
    (out * upstream).sum().backward();
    return std::make_tuple(out.detach(), pre.grad(), linear->weight.grad().clone(),
                           linear->bias.grad().clone());
  };
  const auto [outA, preA, weightA, biasA] = run(false);
  const auto [outB, preB, weightB, biasB] = run(true);
  EXPECT_TRUE(torch::allclose(outA, outB, 1e-6, 1e-6));
  EXPECT_TRUE(torch::allclose(preA, preB, 1e-5, 1e-6));
  EXPECT_TRUE(torch::allclose(weightA, weightB, 1e-5, 1e-6));
  EXPECT_TRUE(torch::allclose(biasA, biasB, 1e-5, 1e-6));
  // Without gradients it is the two plain calls.
  torch::NoGradGuard noGrad;
  EXPECT_TRUE(torch::equal(core::geluLinear(pre0, linear), linear->forward(torch::gelu(pre0))));
}

TEST(Loader, LoadedModelHasNoUninitialisedParameters) {
  // loadPretrained builds its modules uninitialised: every parameter must come from the
  // checkpoint or from the head/pooler initialisation, never from leftover memory.
  TempDir dir;
  WeightLayout layout;
  layout.omit = {"classifier.weight", "classifier.bias", "bert.pooler.dense.weight",
                 "bert.pooler.dense.bias"};
  writeReferenceModel("tiny-bert", dir.path(), 2, layout);
  core::LoadOptions options;
  options.numLabels = 2;
  options.seed = 3;
  auto a = core::loadPretrained(dir.path(), options);
  auto b = core::loadPretrained(dir.path(), options);
  for (const auto& item : a.model->named_parameters(true)) {
    EXPECT_TRUE(torch::isfinite(item.value()).all().item<bool>()) << item.key();
    EXPECT_TRUE(torch::equal(item.value(), paramOf(b.model, item.key()))) << item.key();
  }
}

TEST(Attention, ExplicitAndLibraryAttentionAgree) {
  // Masked keys must get zero weight; compare with a hand-computed softmax.
  torch::manual_seed(0);
  const auto q = torch::randn({2, 3, 5, 4});
  const auto k = torch::randn({2, 3, 5, 4});
  const auto v = torch::randn({2, 3, 5, 4});
  const auto mask = torch::tensor({1, 1, 1, 0, 0, 1, 1, 1, 1, 1}, torch::kInt64).view({2, 5});
  const auto additive = core::additiveAttentionMask(mask, torch::kFloat32);
  const auto out = core::compat::scaledDotProductAttention(q, k, v, additive, 0.1, false);
  auto scores = torch::matmul(q, k.transpose(-1, -2)) / 2.0;
  scores = scores.masked_fill(mask.eq(0).view({2, 1, 1, 5}), -INFINITY);
  const auto expected = torch::matmul(torch::softmax(scores, -1), v);
  EXPECT_LE((out - expected).abs().max().item<double>(), 1e-6);
}

}  // namespace
}  // namespace childtune::test
