// Learning for real: the real all-MiniLM-L6-v2 fine-tuned on 2,000 SST-2 examples for one epoch
// must reach dev accuracy >= 0.78 with vanilla, Child-Tuning_F and Child-Tuning_D.
// Label `slow`; it runs in CI (about 3 minutes on 2 cores), not under the sanitizers.

#include <gtest/gtest.h>

#include "childtune/trainer.h"
#include "support/test_env.h"

namespace childtune::test {
namespace {

class LearnsSst2 : public ::testing::TestWithParam<core::Method> {};

TEST_P(LearnsSst2, ReachesDevAccuracyOf078) {
  CHILDTUNE_REQUIRE_ENV_DIR(modelDir, "CHILDTUNE_MODEL_DIR");
  CHILDTUNE_REQUIRE_ENV_DIR(glueDir, "CHILDTUNE_GLUE_DIR");
  core::RunConfig c;
  c.modelDir = modelDir.string();
  c.dataDir = glueDir.string();
  c.task = "SST-2";
  c.method = GetParam();
  c.trainLimit = 2000;
  c.randomSubset = true;
  c.epochs = 1;
  // A 6-layer, 384-wide model with only 125 steps wants a larger lr than BERT-base's 2e-5: at 5e-5
  // and 1e-4 the masked methods were still climbing (ct-f 0.737 / 0.775, ct-d 0.759 / 0.768);
  // at 2e-4 all three reached about 0.80 (vanilla 0.803, ct-f 0.798, ct-d 0.799).
  c.learningRate = 2e-4;
  c.seed = 42;
  const auto result = core::Trainer(c, nullptr).run();
  ASSERT_FALSE(result.final.metrics.empty());
  EXPECT_EQ(result.final.metrics.front().first, "accuracy");
  const double accuracy = result.final.metrics.front().second;
  std::cout << core::toString(GetParam()) << ": dev accuracy " << accuracy << " after "
            << result.steps << " steps, " << result.trainSeconds << " s training, "
            << result.fisherSeconds << " s Fisher\n";
  EXPECT_GE(accuracy, 0.78) << core::toString(GetParam());
}

INSTANTIATE_TEST_SUITE_P(Methods, LearnsSst2,
                         ::testing::Values(core::Method::Vanilla, core::Method::ChildTuningF,
                                           core::Method::ChildTuningD),
                         [](const ::testing::TestParamInfo<core::Method>& param) {
                           std::string name(core::toString(param.param));
                           std::erase(name, '-');
                           return name;
                         });

}  // namespace
}  // namespace childtune::test
