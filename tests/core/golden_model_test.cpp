// Our encoders and heads against Hugging Face transformers: tiny random BERT/RoBERTa/ELECTRA
// (weights from the shared formula) and the real all-MiniLM-L6-v2. Expected values come from
// tests/reference/make_reference.py.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "model/checkpoint.h"
#include "support/model_fixtures.h"
#include "support/reference_weights.h"
#include "support/test_env.h"

namespace childtune::test {
namespace {

using nlohmann::json;

torch::Tensor int64Matrix(const json& rows) {
  std::vector<int64_t> flat;
  const auto b = static_cast<int64_t>(rows.size());
  const auto t = static_cast<int64_t>(rows.at(0).size());
  for (const auto& row : rows) {
    for (const auto& v : row) {
      flat.push_back(v.get<int64_t>());
    }
  }
  return torch::tensor(flat, torch::kInt64).view({b, t});
}

torch::Tensor floatTensor(const json& j) {
  const auto shape = j.at("shape").get<std::vector<int64_t>>();
  const auto data = j.at("data").get<std::vector<float>>();
  return torch::tensor(data, torch::kFloat32).view(shape);
}

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b) {
  EXPECT_EQ(a.sizes(), b.sizes());
  return (a - b).abs().max().item<double>();
}

constexpr double kTolerance = 1e-5;  // fp32, tiny models

class TinyModelGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(TinyModelGolden, ParameterNamesAndShapesMatchTransformers) {
  const auto expected = loadExpected(GetParam());
  const auto config =
      core::ModelConfig::fromJsonFile(referenceDir() / "models" / GetParam() / "config.json");
  core::SequenceClassifier model(config, 3);
  std::vector<std::pair<std::string, std::vector<int64_t>>> ours;
  for (const auto& item : model->named_parameters(true)) {
    ours.emplace_back(item.key(), item.value().sizes().vec());
  }
  std::vector<std::pair<std::string, std::vector<int64_t>>> theirs;
  for (const auto& p : expected.at("parameters")) {
    theirs.emplace_back(p.at("name").get<std::string>(), p.at("shape").get<std::vector<int64_t>>());
  }
  EXPECT_EQ(ours, theirs);
}

TEST_P(TinyModelGolden, ReferenceFormulaMatchesPythonChecksums) {
  const auto expected = loadExpected(GetParam());
  for (const auto& p : expected.at("parameters")) {
    int64_t numel = 1;
    for (const auto d : p.at("shape").get<std::vector<int64_t>>()) {
      numel *= d;
    }
    const auto values = referenceWeightValues(p.at("name").get<std::string>(), numel);
    double sum = 0.0;
    for (const float v : values) {
      sum += static_cast<double>(v);
    }
    EXPECT_DOUBLE_EQ(sum, p.at("checksum").get<double>()) << p.at("name");
  }
}

void checkHead(const std::string& name, const std::string& head, int64_t numLabels) {
  const auto expected = loadExpected(name);
  const auto& e = expected.at(head);
  TempDir dir;
  writeReferenceModel(name, dir.path(), numLabels);
  core::LoadOptions options;
  options.numLabels = numLabels;
  auto loaded = core::loadPretrained(dir.path(), options);
  EXPECT_TRUE(loaded.report.initialized.empty());
  EXPECT_TRUE(loaded.report.reinitializedMismatched.empty());
  loaded.model->eval();
  torch::NoGradGuard noGrad;
  const auto ids = int64Matrix(expected.at("input_ids"));
  const auto mask = int64Matrix(expected.at("attention_mask"));
  const auto types = int64Matrix(expected.at("token_type_ids"));
  const auto out = loaded.model->forward(ids, types, mask);

  EXPECT_LE(maxAbsDiff(out.encoder.lastHiddenState, floatTensor(e.at("last_hidden_state"))),
            kTolerance);
  if (e.contains("pooler_output") && !e.at("pooler_output").is_null()) {
    ASSERT_TRUE(out.encoder.pooledOutput.defined());
    EXPECT_LE(maxAbsDiff(out.encoder.pooledOutput, floatTensor(e.at("pooler_output"))), kTolerance);
  }
  EXPECT_LE(maxAbsDiff(out.logits, floatTensor(e.at("logits"))), kTolerance);
  torch::Tensor labels;
  if (numLabels == 1) {
    labels = torch::tensor(e.at("labels").get<std::vector<float>>(), torch::kFloat32);
  } else {
    labels = torch::tensor(e.at("labels").get<std::vector<int64_t>>(), torch::kInt64);
  }
  const double loss = loaded.model->loss(out.logits, labels).item<double>();
  EXPECT_NEAR(loss, e.at("loss").get<double>(), kTolerance);
}

TEST_P(TinyModelGolden, ClassificationMatchesTransformers) {
  checkHead(GetParam(), "classification", 3);
}

TEST_P(TinyModelGolden, RegressionMatchesTransformers) { checkHead(GetParam(), "regression", 1); }

INSTANTIATE_TEST_SUITE_P(Architectures, TinyModelGolden,
                         ::testing::Values("tiny-bert", "tiny-roberta", "tiny-electra"));

// The real default model: our last hidden states vs transformers on the same weights.
TEST(MiniLmGolden, LastHiddenStatesMatchTransformers) {
  CHILDTUNE_REQUIRE_ENV_DIR(modelDir, "CHILDTUNE_MODEL_DIR");
  const auto expected = json::parse(readFile(referenceDir() / "minilm_expected.json"));
  auto loaded = core::loadPretrained(modelDir);
  // A bare BertModel checkpoint: only the classification head is new.
  EXPECT_THAT(loaded.report.initialized,
              ::testing::UnorderedElementsAre("classifier.weight", "classifier.bias"));
  loaded.model->eval();
  torch::NoGradGuard noGrad;
  for (const auto& ex : expected.at("examples")) {
    const auto ids = torch::tensor(ex.at("input_ids").get<std::vector<int64_t>>()).unsqueeze(0);
    const auto types =
        torch::tensor(ex.at("token_type_ids").get<std::vector<int64_t>>()).unsqueeze(0);
    const auto out = loaded.model->forward(ids, types, torch::ones_like(ids));
    EXPECT_LE(maxAbsDiff(out.encoder.lastHiddenState, floatTensor(ex.at("last_hidden_state"))),
              1e-4)
        << ex.at("text");
    EXPECT_LE(maxAbsDiff(out.encoder.pooledOutput, floatTensor(ex.at("pooler_output"))), 1e-4)
        << ex.at("text");
  }
}

}  // namespace
}  // namespace childtune::test
