// Reads the real offline GLUE copy (CHILDTUNE_GLUE_DIR, normally /work/shared/data/glue) and the
// SNLI/IMDB presets next to it. Row counts are the official ones (shared/data/README.md); label
// counts, score means and texts were checked with Python (split on '\n', then '\t') and are
// hard-coded here.

#include <algorithm>
#include <ctime>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "childtune/error.h"
#include "childtune/tasks.h"
#include "support/test_env.h"

namespace childtune::core {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<int64_t> counts(const fs::path& glue, const char* task, Split split) {
  const TaskSpec& spec = taskByName(task);
  return classCounts(loadTaskSplit(glue, spec, split), spec.numLabels);
}

TEST(GoldenGlueDataTest, EveryAvailableSplitHasTheOfficialRowCount) {
  CHILDTUNE_REQUIRE_ENV_DIR(glue, "CHILDTUNE_GLUE_DIR");
  int loaded = 0;
  for (const TaskSpec& task : allTasks()) {
    const TaskAvailability availability = taskAvailability(glue, task);
    for (const SplitStatus& status : availability.splits) {
      if (!status.present) {
        continue;
      }
      SCOPED_TRACE(task.name + " " + std::string(toString(status.split)));
      const LoadedSplit split = loadTaskSplit(glue, task, status.split);
      EXPECT_EQ(static_cast<int64_t>(split.examples.size()), task.file(status.split)->officialRows);
      EXPECT_EQ(split.skippedRows, 0);
      EXPECT_TRUE(split.warnings.empty());
      EXPECT_EQ(split.labeled, task.splitLabeled(status.split));
      EXPECT_EQ(split.file, status.file);
      for (const Example& example : split.examples) {
        ASSERT_FALSE(example.text.empty()) << "line " << example.line;
        ASSERT_EQ(example.pair.has_value(), task.preset ? task.preset->pair.has_value()
                                                        : task.file(status.split)->pairColumn >= 0);
        if (split.labeled && task.kind == TaskKind::Classification) {
          ASSERT_GE(example.label, 0);
          ASSERT_LT(example.label, task.numLabels);
        } else {
          ASSERT_EQ(example.label, -1);
        }
      }
      ++loaded;
    }
  }
  // The offline copy: CoLA, SST-2, MRPC, STS-B, RTE, WNLI (3 each), QNLI (dev, test), SNLI (dev,
  // test), IMDB (train, test). A full GLUE download only adds splits.
  EXPECT_GE(loaded, 24);
}

TEST(GoldenGlueDataTest, LabelDistributions) {
  CHILDTUNE_REQUIRE_ENV_DIR(glue, "CHILDTUNE_GLUE_DIR");
  EXPECT_THAT(counts(glue, "CoLA", Split::Train), ElementsAre(2528, 6023));
  EXPECT_THAT(counts(glue, "CoLA", Split::Dev), ElementsAre(322, 721));
  EXPECT_THAT(counts(glue, "SST-2", Split::Train), ElementsAre(29780, 37569));
  EXPECT_THAT(counts(glue, "SST-2", Split::Dev), ElementsAre(428, 444));
  EXPECT_THAT(counts(glue, "MRPC", Split::Train), ElementsAre(1194, 2474));
  EXPECT_THAT(counts(glue, "MRPC", Split::Dev), ElementsAre(129, 279));
  EXPECT_THAT(counts(glue, "QNLI", Split::Dev), ElementsAre(2702, 2761));
  EXPECT_THAT(counts(glue, "RTE", Split::Train), ElementsAre(1249, 1241));
  EXPECT_THAT(counts(glue, "RTE", Split::Dev), ElementsAre(146, 131));
  EXPECT_THAT(counts(glue, "WNLI", Split::Train), ElementsAre(323, 312));
  EXPECT_THAT(counts(glue, "WNLI", Split::Dev), ElementsAre(40, 31));
}

TEST(GoldenGlueDataTest, StsbScores) {
  CHILDTUNE_REQUIRE_ENV_DIR(glue, "CHILDTUNE_GLUE_DIR");
  struct Expected {
    Split split;
    double mean;
    int fives;
  };
  for (const Expected& expected : {Expected{Split::Train, 2.7009990240624933, 266},
                                   Expected{Split::Dev, 2.3639075540602206, 56}}) {
    const LoadedSplit split = loadTaskSplit(glue, taskByName("STS-B"), expected.split);
    ASSERT_FALSE(split.examples.empty());
    double sum = 0.0;
    float lowest = 5.0f;
    float highest = 0.0f;
    int fives = 0;
    for (const Example& example : split.examples) {
      sum += example.score;
      lowest = std::min(lowest, example.score);
      highest = std::max(highest, example.score);
      fives += example.score == 5.0f ? 1 : 0;
    }
    EXPECT_NEAR(sum / static_cast<double>(split.examples.size()), expected.mean, 1e-9);
    EXPECT_EQ(lowest, 0.0f);
    EXPECT_EQ(highest, 5.0f);
    EXPECT_EQ(fives, expected.fives);
  }
  const LoadedSplit train = loadTaskSplit(glue, taskByName("STS-B"), Split::Train);
  EXPECT_EQ(train.examples[0].text, "A plane is taking off.");
  EXPECT_EQ(*train.examples[0].pair, "An air plane is taking off.");
  EXPECT_EQ(train.examples[0].line, 2);
}

TEST(GoldenGlueDataTest, QuirksOfTheRealFiles) {
  CHILDTUNE_REQUIRE_ENV_DIR(glue, "CHILDTUNE_GLUE_DIR");
  // MRPC: the BOM'd header is not an example; quotes stay as they are.
  const LoadedSplit mrpc = loadTaskSplit(glue, taskByName("MRPC"), Split::Train);
  ASSERT_EQ(mrpc.examples.size(), 3668u);
  EXPECT_EQ(mrpc.examples[0].line, 2);
  EXPECT_EQ(mrpc.examples[0].label, 1);
  EXPECT_EQ(mrpc.examples[0].text,
            "Amrozi accused his brother , whom he called \" the witness \" , of deliberately "
            "distorting his evidence .");
  EXPECT_THAT(*mrpc.examples[0].pair, HasSubstr("Referring to him as only \" the witness \""));

  // CoLA dev: no header, and its last line has no final newline but is an example.
  const LoadedSplit cola = loadTaskSplit(glue, taskByName("CoLA"), Split::Dev);
  ASSERT_EQ(cola.examples.size(), 1043u);
  EXPECT_EQ(cola.examples.front().text, "The sailors rode the breeze clear of the rocks.");
  EXPECT_EQ(cola.examples.front().line, 1);
  EXPECT_EQ(cola.examples.back().text, "John talked to Bill about himself.");
  EXPECT_EQ(cola.examples.back().line, 1043);
  EXPECT_EQ(cola.examples.back().label, 1);

  // SST-2: text kept byte for byte (the trailing space too).
  const LoadedSplit sst = loadTaskSplit(glue, taskByName("SST-2"), Split::Dev);
  EXPECT_EQ(sst.examples[0].text, "it 's a charming and often affecting journey . ");
  EXPECT_EQ(sst.examples[0].label, 1);

  // RTE/QNLI labels map to transformers' order (entailment = 0).
  const LoadedSplit rte = loadTaskSplit(glue, taskByName("RTE"), Split::Dev);
  EXPECT_EQ(rte.examples[0].label, 1);  // not_entailment
  EXPECT_EQ(*rte.examples[0].pair, "Christopher Reeve had an accident.");
  const LoadedSplit qnli = loadTaskSplit(glue, taskByName("QNLI"), Split::Dev);
  EXPECT_EQ(qnli.examples[0].label, 0);  // entailment

  // Test splits are unlabeled and read the right columns.
  const LoadedSplit colaTest = loadTaskSplit(glue, taskByName("CoLA"), Split::Test);
  EXPECT_EQ(colaTest.examples[0].text, "Bill whistled past the house.");
  EXPECT_EQ(colaTest.examples[0].label, -1);
}

TEST(GoldenGlueDataTest, SnliAndImdbPresets) {
  CHILDTUNE_REQUIRE_ENV_DIR(glue, "CHILDTUNE_GLUE_DIR");
  const fs::path dataRoot = glue.parent_path();
  EXPECT_EQ(taskDirectory(glue, taskByName("SNLI")), dataRoot / "snli");
  EXPECT_THAT(counts(glue, "SNLI", Split::Dev), ElementsAre(3329, 3235, 3278));
  EXPECT_THAT(counts(glue, "SNLI", Split::Test), ElementsAre(3368, 3219, 3237));
  const LoadedSplit snli = loadTaskSplit(glue, taskByName("SNLI"), Split::Test);
  EXPECT_EQ(snli.examples[0].text,
            "This church choir sings to the masses as they sing joyous songs from the book at a "
            "church.");
  EXPECT_EQ(*snli.examples[0].pair, "The church has cracks in the ceiling.");
  EXPECT_EQ(snli.examples[0].label, 1);  // neutral
  EXPECT_EQ(snli.skippedRows, 0);        // the copy has no "-" rows

  EXPECT_THAT(counts(glue, "IMDB", Split::Train), ElementsAre(12500, 12500));
  const LoadedSplit imdb = loadTaskSplit(glue, taskByName("IMDB"), Split::Test);
  EXPECT_THAT(classCounts(imdb, 2), ElementsAre(12500, 12500));
  EXPECT_THAT(imdb.examples[0].text, testing::StartsWith("Once again Mr. Costner has dragged"));
  EXPECT_EQ(imdb.examples[0].label, 0);
  EXPECT_FALSE(imdb.examples[0].pair.has_value());
  // Labels alternate (neg before pos for the same id).
  EXPECT_EQ(imdb.examples[1].label, 1);
}

TEST(GoldenGlueDataTest, LowResourceSubsetIsReproducible) {
  CHILDTUNE_REQUIRE_ENV_DIR(glue, "CHILDTUNE_GLUE_DIR");
  const LoadedSplit train = loadTaskSplit(glue, taskByName("SST-2"), Split::Train);
  const LoadedSplit subset = subsample(train, 1000, SubsampleMode::Random, 42);
  ASSERT_EQ(subset.examples.size(), 1000u);
  // Computed with the Python reimplementation of the documented algorithm.
  EXPECT_THAT(classCounts(subset, 2), ElementsAre(457, 543));
  EXPECT_EQ(subset.examples[0].line, 11);  // index 9, after the header
  EXPECT_EQ(subset.examples[0].text,
            "are more deeply thought through than in most ` right-thinking ' films ");
}

}  // namespace
}  // namespace childtune::core
