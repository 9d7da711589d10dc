// Training-mode forward passes skip pad tokens in the token-wise layers (TokenPacking). With
// dropout off, that must change nothing at real positions: logits, loss, the hidden states of
// real tokens and every parameter's gradient agree with the padded (eval-mode) computation.

#include <gtest/gtest.h>

#include "model/transformer.h"
#include "support/model_fixtures.h"
#include "support/test_env.h"

namespace childtune::test {
namespace {

struct Pass {
  torch::Tensor logits;
  torch::Tensor hidden;
  double loss = 0.0;
  std::vector<torch::Tensor> grads;
};

Pass run(core::SequenceClassifier& model, bool training, const torch::Tensor& ids,
         const torch::Tensor& types, const torch::Tensor& mask, const torch::Tensor& labels) {
  model->train(training);
  model->zero_grad();
  const auto out = model->forward(ids, types, mask);
  auto loss = model->loss(out.logits, labels);
  loss.backward();
  Pass p;
  p.logits = out.logits.detach().clone();
  p.hidden = out.encoder.lastHiddenState.detach().clone();
  p.loss = loss.item<double>();
  for (const auto& param : model->parameters()) {
    p.grads.push_back(param.grad().defined() ? param.grad().clone() : torch::zeros_like(param));
  }
  return p;
}

class TokenPackingTest : public ::testing::TestWithParam<std::string> {};

TEST_P(TokenPackingTest, SkippingPaddingChangesNothingAtRealPositions) {
  auto config =
      core::ModelConfig::fromJsonFile(referenceDir() / "models" / GetParam() / "config.json");
  config.hiddenDropoutProb = 0.0;
  config.attentionProbsDropoutProb = 0.0;
  config.classifierDropout = 0.0;
  torch::manual_seed(7);
  core::SequenceClassifier model(config, 3);
  // Three sequences of 11, 6 and 2 real tokens; pad id 1 (RoBERTa's) at the ends.
  const std::vector<int64_t> lengths = {11, 6, 2};
  const int64_t t = 11;
  auto ids = torch::randint(5, 60, {3, t}, torch::kLong);
  auto mask = torch::zeros({3, t}, torch::kLong);
  for (size_t b = 0; b < lengths.size(); ++b) {
    const auto row = static_cast<int64_t>(b);
    mask[row].narrow(0, 0, lengths[b]).fill_(1);
    ids[row].narrow(0, lengths[b], t - lengths[b]).fill_(1);
  }
  const auto types = torch::zeros({3, t}, torch::kLong);
  const auto labels = torch::tensor({0, 2, 1}, torch::kLong);

  const auto padded = run(model, /*training=*/false, ids, types, mask, labels);
  const auto packed = run(model, /*training=*/true, ids, types, mask, labels);

  EXPECT_TRUE(torch::allclose(packed.logits, padded.logits, 1e-5, 1e-6));
  EXPECT_NEAR(packed.loss, padded.loss, 1e-6);
  const auto real = mask.to(torch::kBool);
  EXPECT_TRUE(
      torch::allclose(packed.hidden.index({real}), padded.hidden.index({real}), 1e-5, 1e-5));
  // Pad rows are not computed in training mode.
  EXPECT_TRUE(packed.hidden.index({real.logical_not()}).eq(0).all().item<bool>());
  ASSERT_EQ(packed.grads.size(), padded.grads.size());
  int64_t nonZero = 0;
  for (size_t i = 0; i < packed.grads.size(); ++i) {
    const double scale = padded.grads[i].abs().max().item<double>();
    EXPECT_LE((packed.grads[i] - padded.grads[i]).abs().max().item<double>(), 1e-5 * (1 + scale))
        << i;
    nonZero += padded.grads[i].ne(0).any().item<bool>() ? 1 : 0;
  }
  EXPECT_GT(nonZero, static_cast<int64_t>(packed.grads.size()) / 2);
}

TEST_P(TokenPackingTest, BatchesWithoutPaddingTakeThePaddedPath) {
  auto config =
      core::ModelConfig::fromJsonFile(referenceDir() / "models" / GetParam() / "config.json");
  config.hiddenDropoutProb = 0.0;
  config.attentionProbsDropoutProb = 0.0;
  config.classifierDropout = 0.0;
  torch::manual_seed(8);
  core::SequenceClassifier model(config, 2);
  const auto ids = torch::randint(5, 60, {2, 7}, torch::kLong);
  const auto mask = torch::ones({2, 7}, torch::kLong);
  const auto types = torch::zeros({2, 7}, torch::kLong);
  const auto labels = torch::tensor({1, 0}, torch::kLong);
  const auto a = run(model, false, ids, types, mask, labels);
  const auto b = run(model, true, ids, types, mask, labels);
  EXPECT_TRUE(a.logits.equal(b.logits));
  EXPECT_TRUE(a.hidden.equal(b.hidden));
}

TEST_P(TokenPackingTest, SwitchedOffEveryPositionIsComputed) {
  auto config =
      core::ModelConfig::fromJsonFile(referenceDir() / "models" / GetParam() / "config.json");
  config.hiddenDropoutProb = 0.0;
  config.attentionProbsDropoutProb = 0.0;
  config.classifierDropout = 0.0;
  torch::manual_seed(9);
  core::SequenceClassifier model(config, 2);
  model->setSkipPadding(false);
  const auto ids = torch::randint(5, 60, {2, 7}, torch::kLong);
  const auto mask = torch::tensor({1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0}).view({2, 7});
  const auto types = torch::zeros({2, 7}, torch::kLong);
  const auto labels = torch::tensor({1, 0}, torch::kLong);
  const auto a = run(model, false, ids, types, mask, labels);
  const auto b = run(model, true, ids, types, mask, labels);
  EXPECT_TRUE(a.hidden.equal(b.hidden));  // pad positions included
  EXPECT_FALSE(b.hidden[1][5].eq(0).all().item<bool>());
}

INSTANTIATE_TEST_SUITE_P(Architectures, TokenPackingTest,
                         ::testing::Values("tiny-bert", "tiny-roberta", "tiny-electra"));

}  // namespace
}  // namespace childtune::test
