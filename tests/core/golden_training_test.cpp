// ChildTuningAdamW, the learning-rate schedule, gradient clipping, the Fisher estimator and the
// child-network selection against the released Child-Tuning code (tests/reference/
// make_training_reference.py).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fisher/child_network.h"
#include "model/checkpoint.h"
#include "optim/child_tuning_adamw.h"
#include "support/model_fixtures.h"
#include "support/test_env.h"

namespace childtune::test {
namespace {

using nlohmann::json;

json loadJson(const std::string& name) { return json::parse(readFile(referenceDir() / name)); }

torch::Tensor tensorOf(const json& flat, const std::vector<int64_t>& shape,
                       torch::Dtype dtype = torch::kFloat32) {
  const auto values = flat.get<std::vector<double>>();
  return torch::tensor(values, torch::kFloat64).to(dtype).view(shape);
}

class OptimizerGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(OptimizerGolden, MatchesReleasedChildTuningAdamW) {
  const std::string mode = GetParam();
  const auto ref = loadJson("optimizer_expected.json");
  const auto& hyper = ref.at("hyper");
  std::vector<std::pair<std::string, torch::Tensor>> named;
  std::vector<std::vector<int64_t>> shapes;
  for (const auto& p : ref.at("params")) {
    const auto shape = p.at("shape").get<std::vector<int64_t>>();
    auto t = tensorOf(p.at("init"), shape);
    named.emplace_back(p.at("name").get<std::string>(), t);
    shapes.push_back(shape);
    EXPECT_EQ(core::usesWeightDecay(named.back().first), p.at("decay").get<bool>());
  }
  core::AdamWOptions options;
  options.beta1 = hyper.at("betas")[0].get<double>();
  options.beta2 = hyper.at("betas")[1].get<double>();
  options.eps = hyper.at("eps").get<double>();
  options.weightDecay = hyper.at("weight_decay").get<double>();
  core::ChildTuningAdamW optimizer(named, options);
  const double pF = hyper.at("p_f").get<double>();
  const auto& steps = ref.at("steps");
  if (mode == "ct-f") {
    std::vector<std::vector<torch::Tensor>> masks;
    for (const auto& step : steps) {
      std::vector<torch::Tensor> perParam;
      for (size_t i = 0; i < named.size(); ++i) {
        perParam.push_back(tensorOf(step.at("f_masks").at(named[i].first), shapes[i]));
      }
      masks.push_back(perParam);
    }
    optimizer.setMasker(std::make_unique<core::SequenceMasker>(masks, pF));
  } else if (mode == "ct-f-p1") {
    optimizer.setMasker(std::make_unique<core::BernoulliMasker>(1.0, 1234));
  } else if (mode == "ct-d") {
    std::vector<torch::Tensor> masks(named.size());
    for (size_t i = 0; i < named.size(); ++i) {
      if (ref.at("d_mask").contains(named[i].first)) {
        masks[i] = tensorOf(ref.at("d_mask").at(named[i].first), shapes[i]).to(torch::kBool);
      }
    }
    optimizer.setMasker(std::make_unique<core::FixedMasker>(masks));
  }
  std::vector<torch::Tensor> params;
  for (auto& [name, t] : named) {
    params.push_back(t);
  }
  const auto warmup = hyper.at("warmup_steps").get<int64_t>();
  const auto total = hyper.at("total_steps").get<int64_t>();
  for (size_t s = 0; s < steps.size(); ++s) {
    for (size_t i = 0; i < named.size(); ++i) {
      params[i].mutable_grad() = tensorOf(steps[s].at("grads").at(named[i].first), shapes[i]);
    }
    const double norm = core::clipGradNorm(params, hyper.at("max_grad_norm").get<double>());
    EXPECT_NEAR(norm, ref.at("grad_norms")[s].get<double>(), 1e-4 * (1.0 + norm));
    const double lr = core::linearScheduleLr(hyper.at("lr").get<double>(), static_cast<int64_t>(s),
                                             warmup, total);
    EXPECT_DOUBLE_EQ(lr, ref.at("lr_schedule")[s].get<double>());
    optimizer.step(lr);
    const auto& expected = ref.at("expected").at(mode)[s];
    for (size_t i = 0; i < named.size(); ++i) {
      const auto want = tensorOf(expected.at(named[i].first), shapes[i]);
      EXPECT_LE((params[i] - want).abs().max().item<double>(), 1e-6)
          << mode << " step " << s + 1 << " " << named[i].first;
    }
  }
  if (mode == "ct-d") {
    for (const auto& e : optimizer.entries()) {
      const auto& st = ref.at("expected_state").at(e.name);
      EXPECT_LE(
          (e.expAvg - tensorOf(st.at("exp_avg"), e.param.sizes().vec())).abs().max().item<double>(),
          1e-7);
      EXPECT_LE((e.expAvgSq - tensorOf(st.at("exp_avg_sq"), e.param.sizes().vec()))
                    .abs()
                    .max()
                    .item<double>(),
                1e-9);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Modes, OptimizerGolden,
                         ::testing::Values("vanilla", "ct-f", "ct-d", "ct-f-p1"));

core::FisherScores scoresFromGolden(const json& ref) {
  core::FisherScores fisher;
  for (const auto& [name, s] : ref.at("scores").items()) {
    fisher.names.push_back(name);
    fisher.scores.push_back(
        tensorOf(s.at("data"), s.at("shape").get<std::vector<int64_t>>()).contiguous());
  }
  return fisher;
}

TEST(FisherGolden, PercentileMatchesNumpyBitForBit) {
  const auto ref = loadJson("fisher_expected.json");
  for (const auto& c : ref.at("percentile_cases")) {
    auto values = c.at("values").get<std::vector<float>>();
    const auto qs = c.at("q").get<std::vector<double>>();
    for (size_t i = 0; i < qs.size(); ++i) {
      const double got =
          core::percentile({values.data()}, {static_cast<int64_t>(values.size())}, qs[i]);
      EXPECT_EQ(got, c.at("expected")[i].get<double>()) << "n=" << values.size() << " q=" << qs[i];
      int64_t selected = 0;
      for (const float v : values) {
        selected += v >= static_cast<float>(got) ? 1 : 0;
      }
      EXPECT_EQ(selected, c.at("selected")[i].get<int64_t>());
    }
  }
}

TEST(FisherGolden, ThresholdsAndMaskMatchReleasedSelection) {
  const auto ref = loadJson("fisher_expected.json");
  const auto fisher = scoresFromGolden(ref);
  for (const auto& t : ref.at("thresholds")) {
    const auto net = core::selectChildNetwork(fisher, t.at("p_d").get<double>());
    EXPECT_EQ(net.threshold, t.at("threshold").get<double>()) << t.at("p_d");
    EXPECT_EQ(net.selected, t.at("selected").get<int64_t>()) << t.at("p_d");
  }
  const auto net = core::selectChildNetwork(fisher, 0.3);
  for (size_t i = 0; i < net.names.size(); ++i) {
    const auto want =
        tensorOf(ref.at("mask_p0.3").at(net.names[i]), net.masks[i].sizes().vec()).to(torch::kBool);
    EXPECT_TRUE(torch::equal(net.masks[i], want)) << net.names[i];
  }
}

std::vector<core::Batch> goldenBatches(const json& ref) {
  std::vector<core::Batch> batches;
  for (const auto& b : ref.at("batches")) {
    auto rows = [&](const char* key) {
      std::vector<int64_t> flat;
      int64_t t = 0;
      for (const auto& row : b.at(key)) {
        t = static_cast<int64_t>(row.size());
        for (const auto& v : row) {
          flat.push_back(v.get<int64_t>());
        }
      }
      return torch::tensor(flat, torch::kInt64).view({-1, t});
    };
    core::Batch batch;
    batch.inputIds = rows("input_ids");
    batch.attentionMask = rows("attention_mask");
    batch.tokenTypeIds = rows("token_type_ids");
    batch.labels = torch::tensor(b.at("labels").get<std::vector<int64_t>>(), torch::kInt64);
    batches.push_back(batch);
  }
  return batches;
}

core::LoadedModel tinyBertWithoutDropout(const TempDir& dir) {
  writeReferenceModel("tiny-bert", dir.path(), 3);
  auto config = json::parse(readFile(dir / "config.json"));
  config["hidden_dropout_prob"] = 0.0;
  config["attention_probs_dropout_prob"] = 0.0;
  writeFile(dir / "config.json", config.dump());
  core::LoadOptions options;
  options.numLabels = 3;
  return core::loadPretrained(dir.path(), options);
}

TEST(FisherGolden, ScoresMatchReleasedEstimator) {
  const auto ref = loadJson("fisher_expected.json");
  TempDir dir;
  auto loaded = tinyBertWithoutDropout(dir);
  const auto fisher = core::estimateFisher(loaded.model, goldenBatches(ref), {}, torch::kCPU);
  ASSERT_EQ(fisher.names.size(), ref.at("scores").size());
  for (size_t i = 0; i < fisher.names.size(); ++i) {
    const auto& s = ref.at("scores").at(fisher.names[i]);
    const auto want = tensorOf(s.at("data"), s.at("shape").get<std::vector<int64_t>>());
    const auto diff = (fisher.scores[i] - want).abs();
    const auto allowed = want.abs() * 1e-4 + 1e-12;
    EXPECT_TRUE(diff.le(allowed).all().item<bool>())
        << fisher.names[i] << " max diff " << diff.max().item<double>();
  }
}

TEST(FisherGolden, PerTensorClippingMatchesReleasedEstimator) {
  const auto ref = loadJson("fisher_expected.json");
  const auto& variant = ref.at("clipped_variant");
  TempDir dir;
  auto loaded = tinyBertWithoutDropout(dir);
  core::FisherOptions options;
  options.maxGradNorm = variant.at("max_grad_norm").get<double>();
  const auto fisher = core::estimateFisher(loaded.model, goldenBatches(ref), options, torch::kCPU);
  for (size_t i = 0; i < fisher.names.size(); ++i) {
    const double want = variant.at("score_checksums").at(fisher.names[i]).get<double>();
    const double got = fisher.scores[i].to(torch::kFloat64).sum().item<double>();
    EXPECT_NEAR(got, want, 1e-4 * std::abs(want) + 1e-12) << fisher.names[i];
  }
}

}  // namespace
}  // namespace childtune::test
