// CPU/GPU consistency: the same model, batch and optimizer steps on CUDA agree with the CPU
// within float32 tolerances, and a short Child-Tuning_D run trains on the GPU. Skipped where
// CUDA is unavailable (every CI machine); scripts/gpu-check.sh runs it on a GPU box.

#include <gtest/gtest.h>

#include "childtune/trainer.h"
#include "model/checkpoint.h"
#include "optim/child_tuning_adamw.h"
#include "optim/gradient_masker.h"
#include "support/model_fixtures.h"
#include "support/test_env.h"
#include "train/batch.h"

namespace childtune::test {
namespace {

class GpuConsistency : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!torch::cuda::is_available()) {
      GTEST_SKIP() << "CUDA is not available";
    }
    writeReferenceModel("tiny-bert", dir_.path() / "model", 2);
  }
  TempDir dir_;
};

core::LoadedModel load(const std::filesystem::path& dir, const torch::Device& device) {
  core::LoadOptions options;
  options.numLabels = 2;
  options.seed = 5;
  auto loaded = core::loadPretrained(dir, options);
  loaded.model->to(device);
  loaded.model->eval();  // no dropout: the two devices draw different random numbers
  return loaded;
}

TEST_F(GpuConsistency, ForwardAndFiveOptimizerStepsAgreeWithTheCpu) {
  const torch::Device cuda(torch::kCUDA);
  auto cpu = load(dir_.path() / "model", torch::kCPU);
  auto gpu = load(dir_.path() / "model", cuda);
  torch::manual_seed(1);
  const auto ids = torch::randint(5, 60, {4, 12}, torch::kLong);
  const auto types = torch::zeros({4, 12}, torch::kLong);
  const auto mask = torch::ones({4, 12}, torch::kLong);
  const auto labels = torch::tensor({0, 1, 1, 0}, torch::kLong);

  auto named = [](core::LoadedModel& m) {
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto& p : m.model->named_parameters(true)) {
      out.emplace_back(p.key(), p.value());
    }
    return out;
  };
  const auto cpuParams = named(cpu);
  const auto gpuParams = named(gpu);
  core::ChildTuningAdamW cpuOpt(cpuParams, {});
  core::ChildTuningAdamW gpuOpt(gpuParams, {});
  // Child-Tuning_D with the same fixed mask on both devices.
  std::vector<torch::Tensor> cpuMasks;
  std::vector<torch::Tensor> gpuMasks;
  for (const auto& [name, p] : cpuParams) {
    cpuMasks.push_back(torch::rand(p.sizes()).lt(0.3));
    gpuMasks.push_back(cpuMasks.back().to(cuda));
  }
  cpuOpt.setMasker(std::make_unique<core::FixedMasker>(cpuMasks));
  gpuOpt.setMasker(std::make_unique<core::FixedMasker>(gpuMasks));

  for (int step = 0; step < 5; ++step) {
    const auto a = cpu.model->forward(ids, types, mask);
    const auto b = gpu.model->forward(ids.to(cuda), types.to(cuda), mask.to(cuda));
    EXPECT_TRUE(torch::allclose(a.logits, b.logits.cpu(), 1e-4, 1e-4)) << "step " << step;
    auto la = cpu.model->loss(a.logits, labels);
    auto lb = gpu.model->loss(b.logits, labels.to(cuda));
    EXPECT_NEAR(la.item<double>(), lb.item<double>(), 1e-4) << "step " << step;
    la.backward();
    lb.backward();
    std::vector<torch::Tensor> pa;
    std::vector<torch::Tensor> pb;
    for (size_t i = 0; i < cpuParams.size(); ++i) {
      pa.push_back(cpuParams[i].second);
      pb.push_back(gpuParams[i].second);
    }
    EXPECT_NEAR(core::clipGradNorm(pa, 1.0), core::clipGradNorm(pb, 1.0), 1e-3);
    cpuOpt.step(1e-3);
    gpuOpt.step(1e-3);
    cpuOpt.zeroGrad();
    gpuOpt.zeroGrad();
  }
  for (size_t i = 0; i < cpuParams.size(); ++i) {
    EXPECT_TRUE(torch::allclose(cpuParams[i].second, gpuParams[i].second.cpu(), 1e-4, 1e-5))
        << cpuParams[i].first;
  }
}

TEST_F(GpuConsistency, ShortChildTuningRunsTrainOnTheGpuInFp32AndBf16) {
  std::string train = "index\tsentence1\tsentence2\tlabel\n";
  std::string dev = train;
  for (int i = 0; i < 48; ++i) {
    const std::string row = std::to_string(i) + "\tthe committee approved\ta new budget\t" +
                            (i % 2 ? "entailment" : "not_entailment") + "\n";
    (i < 32 ? train : dev) += row;
  }
  writeFile(dir_.path() / "glue" / "RTE" / "train.tsv", train);
  writeFile(dir_.path() / "glue" / "RTE" / "dev.tsv", dev);
  for (const auto* precision : {"fp32", "bf16"}) {
    for (const auto method : {core::Method::ChildTuningF, core::Method::ChildTuningD}) {
      core::RunConfig c;
      c.modelDir = (dir_.path() / "model").string();
      c.dataDir = (dir_.path() / "glue").string();
      c.task = "RTE";
      c.method = method;
      c.epochs = 2;
      c.batchSize = 8;
      c.learningRate = 1e-3;
      c.device = "cuda";
      c.precision = precision;
      const auto r = core::Trainer(c, nullptr).run();
      EXPECT_EQ(r.losses.size(), 8u);
      for (const double l : r.losses) {
        EXPECT_TRUE(std::isfinite(l));
      }
      EXPECT_FALSE(r.final.metrics.empty());
    }
  }
}

}  // namespace
}  // namespace childtune::test
