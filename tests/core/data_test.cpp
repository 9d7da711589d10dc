// Tests for the task registry, the GLUE TSV reader, custom datasets (TSV/CSV/JSONL) and
// subsampling. Every file is written to a TempDir here; the real GLUE copy is read by
// golden_glue_data_test.cpp.

#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "childtune/error.h"
#include "childtune/metrics.h"
#include "childtune/tasks.h"
#include "data/dataset_parsers.h"
#include "data/text_source.h"
#include "support/test_env.h"

namespace childtune::core {
namespace {

namespace fs = std::filesystem;
using test::ScopedEnv;
using test::TempDir;
using test::writeFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// The Error `fn` throws; a test failure (and an Internal error) when it throws nothing.
template <typename Fn>
Error errorOf(Fn&& fn) {
  try {
    fn();
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "expected a childtune::Error";
  return Error(ErrorCode::Internal, "nothing thrown");
}

LoadedSplit loadGlue(const TempDir& dir, std::string_view task, Split split) {
  return loadTaskSplit(dir.path(), taskByName(task), split);
}

// ---------------------------------------------------------------------------------------------
// Registry

TEST(TaskRegistryTest, ListsGlueInBenchmarkOrderThenPresets) {
  std::vector<std::string> names;
  for (const TaskSpec& task : allTasks()) {
    names.push_back(task.name);
  }
  EXPECT_THAT(names, ElementsAre("CoLA", "SST-2", "MRPC", "STS-B", "QQP", "MNLI", "QNLI", "RTE",
                                 "WNLI", "SNLI", "IMDB"));
  for (const TaskSpec& task : allTasks()) {
    EXPECT_EQ(task.glue, task.name != "SNLI" && task.name != "IMDB") << task.name;
    EXPECT_EQ(task.preset.has_value(), !task.glue) << task.name;
  }
}

TEST(TaskRegistryTest, LooksUpNamesCaseAndPunctuationInsensitively) {
  EXPECT_EQ(findTask("sst2")->name, "SST-2");
  EXPECT_EQ(findTask("SST-2")->name, "SST-2");
  EXPECT_EQ(findTask("Sst_2")->name, "SST-2");
  EXPECT_EQ(findTask("sts-b")->name, "STS-B");
  EXPECT_EQ(findTask("STSB")->name, "STS-B");
  EXPECT_EQ(findTask("cola")->name, "CoLA");
  EXPECT_EQ(findTask("mnli")->name, "MNLI");
  EXPECT_EQ(findTask("MultiNLI")->name, "MNLI");
  EXPECT_EQ(findTask("mnli-mm")->name, "MNLI");
  EXPECT_EQ(findTask("qqp")->name, "QQP");
  EXPECT_EQ(findTask("snli")->name, "SNLI");
  EXPECT_EQ(findTask("imdb")->name, "IMDB");
  EXPECT_EQ(findTask("sst-5"), nullptr);
  EXPECT_EQ(findTask(""), nullptr);
  EXPECT_EQ(findTask("--"), nullptr);
  EXPECT_EQ(&taskByName("rte"), findTask("RTE"));

  const Error error = errorOf([] { (void)taskByName("squad"); });
  EXPECT_EQ(error.code(), ErrorCode::Config);
  EXPECT_THAT(error.message(), HasSubstr("'squad'"));
  EXPECT_THAT(error.message(), HasSubstr("CoLA, SST-2, MRPC"));
}

TEST(TaskRegistryTest, LabelsFollowTransformersGlueProcessors) {
  EXPECT_THAT(taskByName("MNLI").labels, ElementsAre("contradiction", "entailment", "neutral"));
  EXPECT_THAT(taskByName("RTE").labels, ElementsAre("entailment", "not_entailment"));
  EXPECT_THAT(taskByName("QNLI").labels, ElementsAre("entailment", "not_entailment"));
  for (const char* name : {"CoLA", "SST-2", "MRPC", "QQP", "WNLI"}) {
    EXPECT_THAT(taskByName(name).labels, ElementsAre("0", "1")) << name;
    EXPECT_EQ(taskByName(name).numLabels, 2) << name;
  }
  EXPECT_THAT(taskByName("SNLI").labelNames, ElementsAre("entailment", "neutral", "contradiction"));
  EXPECT_THAT(taskByName("SST-2").labelNames, ElementsAre("negative", "positive"));
  EXPECT_THAT(taskByName("CoLA").labelNames, ElementsAre("unacceptable", "acceptable"));

  const TaskSpec& stsb = taskByName("STS-B");
  EXPECT_EQ(stsb.kind, TaskKind::Regression);
  EXPECT_EQ(stsb.numLabels, 1);
  EXPECT_TRUE(stsb.labels.empty());

  for (const TaskSpec& task : allTasks()) {
    EXPECT_EQ(task.labels.size(), task.labelNames.size()) << task.name;
    if (task.kind == TaskKind::Classification) {
      EXPECT_EQ(static_cast<int>(task.labels.size()), task.numLabels) << task.name;
    }
    EXPECT_FALSE(task.description.empty()) << task.name;
    ASSERT_FALSE(task.evalSplits.empty()) << task.name;
    for (Split split : task.evalSplits) {
      EXPECT_TRUE(task.splitLabeled(split)) << task.name << " " << toString(split);
    }
  }
}

TEST(TaskRegistryTest, MetricsAndChildTuningDefaults) {
  EXPECT_THAT(taskByName("CoLA").metrics, ElementsAre(Metric::MatthewsCorrelation));
  EXPECT_THAT(taskByName("MRPC").metrics, ElementsAre(Metric::F1, Metric::Accuracy));
  EXPECT_THAT(taskByName("QQP").metrics, ElementsAre(Metric::F1, Metric::Accuracy));
  EXPECT_THAT(taskByName("STS-B").metrics, ElementsAre(Metric::Pearson, Metric::Spearman));
  for (const char* name : {"SST-2", "MNLI", "QNLI", "RTE", "WNLI", "SNLI", "IMDB"}) {
    EXPECT_THAT(taskByName(name).metrics, ElementsAre(Metric::Accuracy)) << name;
  }
  EXPECT_EQ(toString(Metric::MatthewsCorrelation), "matthews_correlation");
  EXPECT_EQ(toString(Metric::Spearman), "spearman");
  EXPECT_EQ(toString(Metric::Pearson), "pearson");
  EXPECT_EQ(toString(Metric::Accuracy), "accuracy");
  EXPECT_EQ(toString(Metric::F1), "f1");
  EXPECT_EQ(displayName(Metric::F1), "F1");
  // The trainer maps task metrics onto the metrics area by these keys.
  for (const TaskSpec& task : allTasks()) {
    for (Metric metric : task.metrics) {
      EXPECT_NO_THROW((void)metricKindFromString(toString(metric))) << task.name;
    }
  }

  auto defaults = [](const char* name) {
    const ChildTuningDefaults d = taskByName(name).childTuning;
    return std::pair(d.pF, d.pD);
  };
  EXPECT_EQ(defaults("CoLA"), std::pair(0.2, 0.2));
  EXPECT_EQ(defaults("RTE"), std::pair(0.3, 0.3));
  EXPECT_EQ(defaults("MRPC"), std::pair(0.4, 0.1));
  EXPECT_EQ(defaults("STS-B"), std::pair(0.2, 0.2));
  for (const char* name : {"SST-2", "QQP", "MNLI", "QNLI", "WNLI", "SNLI", "IMDB"}) {
    EXPECT_EQ(defaults(name), std::pair(0.3, 0.3)) << name;
  }
}

TEST(TaskRegistryTest, OfficialSplitSizesAndFiles) {
  auto rows = [](const char* name, Split split) {
    const SplitFile* file = taskByName(name).file(split);
    return file == nullptr ? int64_t{-1} : file->officialRows;
  };
  EXPECT_EQ(rows("CoLA", Split::Train), 8551);
  EXPECT_EQ(rows("CoLA", Split::Dev), 1043);
  EXPECT_EQ(rows("SST-2", Split::Train), 67349);
  EXPECT_EQ(rows("SST-2", Split::Dev), 872);
  EXPECT_EQ(rows("MRPC", Split::Train), 3668);
  EXPECT_EQ(rows("MRPC", Split::Dev), 408);
  EXPECT_EQ(rows("STS-B", Split::Train), 5749);
  EXPECT_EQ(rows("STS-B", Split::Dev), 1500);
  EXPECT_EQ(rows("QQP", Split::Train), 363846);
  EXPECT_EQ(rows("QQP", Split::Dev), 40430);
  EXPECT_EQ(rows("MNLI", Split::Train), 392702);
  EXPECT_EQ(rows("MNLI", Split::Dev), 9815);
  EXPECT_EQ(rows("MNLI", Split::DevMismatched), 9832);
  EXPECT_EQ(rows("QNLI", Split::Train), 104743);
  EXPECT_EQ(rows("QNLI", Split::Dev), 5463);
  EXPECT_EQ(rows("RTE", Split::Train), 2490);
  EXPECT_EQ(rows("RTE", Split::Dev), 277);
  EXPECT_EQ(rows("WNLI", Split::Train), 635);
  EXPECT_EQ(rows("WNLI", Split::Dev), 71);
  EXPECT_EQ(rows("SNLI", Split::Dev), 9842);
  EXPECT_EQ(rows("SNLI", Split::Test), 9824);
  EXPECT_EQ(rows("IMDB", Split::Train), 25000);
  EXPECT_EQ(rows("IMDB", Split::Test), 25000);
  EXPECT_EQ(rows("IMDB", Split::Dev), -1);
  EXPECT_EQ(rows("SST-2", Split::DevMismatched), -1);

  const TaskSpec& mnli = taskByName("MNLI");
  EXPECT_EQ(mnli.file(Split::Dev)->fileName, "dev_matched.tsv");
  EXPECT_EQ(mnli.file(Split::DevMismatched)->fileName, "dev_mismatched.tsv");
  EXPECT_EQ(mnli.file(Split::TestMismatched)->fileName, "test_mismatched.tsv");
  EXPECT_THAT(mnli.evalSplits, ElementsAre(Split::Dev, Split::DevMismatched));
  EXPECT_EQ(mnli.file(Split::Train)->labelColumn, 11);
  EXPECT_EQ(mnli.file(Split::Dev)->labelColumn, 15);
  EXPECT_EQ(mnli.file(Split::Dev)->textColumn, 8);
  EXPECT_EQ(mnli.file(Split::Dev)->pairColumn, 9);
  const TaskSpec& qqp = taskByName("QQP");
  EXPECT_EQ(qqp.file(Split::Train)->columns, 6);
  EXPECT_EQ(qqp.file(Split::Test)->textColumn, 1);
  EXPECT_EQ(qqp.file(Split::Test)->pairColumn, 2);
  EXPECT_FALSE(taskByName("CoLA").file(Split::Train)->header);
  EXPECT_TRUE(taskByName("CoLA").file(Split::Test)->header);
  EXPECT_EQ(taskByName("SNLI").file(Split::Dev)->fileName, "validation.tsv");
  EXPECT_THAT(taskByName("IMDB").evalSplits, ElementsAre(Split::Test));
  EXPECT_THAT(taskByName("SNLI").evalSplits, ElementsAre(Split::Dev, Split::Test));

  for (const TaskSpec& task : allTasks()) {
    EXPECT_EQ(task.toleratesMalformedRows, task.name == "QQP") << task.name;
    EXPECT_EQ(task.splitLabeled(Split::Test), !task.glue) << task.name;
  }
}

TEST(TaskRegistryTest, SplitAndFormatNames) {
  for (Split split :
       {Split::Train, Split::Dev, Split::DevMismatched, Split::Test, Split::TestMismatched}) {
    EXPECT_EQ(parseSplit(toString(split)), split);
  }
  EXPECT_EQ(parseSplit("Validation"), Split::Dev);
  EXPECT_EQ(parseSplit("dev_matched"), Split::Dev);
  EXPECT_EQ(parseSplit("TEST_MATCHED"), Split::Test);
  EXPECT_EQ(parseSplit("eval"), std::nullopt);
  EXPECT_EQ(formatFromExtension("a/b.TSV"), DataFormat::Tsv);
  EXPECT_EQ(formatFromExtension("b.csv"), DataFormat::Csv);
  EXPECT_EQ(formatFromExtension("b.jsonl"), DataFormat::Jsonl);
  EXPECT_EQ(formatFromExtension("b.ndjson"), DataFormat::Jsonl);
  EXPECT_EQ(formatFromExtension("b.json"), std::nullopt);
  EXPECT_EQ(ColumnRef::named("premise").describe(), "'premise'");
  EXPECT_EQ(ColumnRef::at(2).describe(), "#2");
}

// ---------------------------------------------------------------------------------------------
// Locating data

TEST(DataLocationTest, FindGlueDirPrefersEnvThenChildTuneHome) {
  TempDir glue;
  TempDir home;
  fs::create_directories(home.path() / "data" / "glue");
  {
    ScopedEnv env("CHILDTUNE_GLUE_DIR", glue.path().string());
    ScopedEnv homeEnv("CHILDTUNE_HOME", home.path().string());
    EXPECT_EQ(findGlueDir(), glue.path());
  }
  {
    ScopedEnv env("CHILDTUNE_GLUE_DIR", (glue.path() / "missing").string());
    ScopedEnv homeEnv("CHILDTUNE_HOME", home.path().string());
    EXPECT_EQ(findGlueDir(), home.path() / "data" / "glue");
  }
  {
    ScopedEnv env("CHILDTUNE_GLUE_DIR", std::nullopt);
    ScopedEnv homeEnv("CHILDTUNE_HOME", glue.path().string());  // has no data/glue
    EXPECT_EQ(findGlueDir(), std::nullopt);
  }
  {
    ScopedEnv env("CHILDTUNE_GLUE_DIR", std::nullopt);
    ScopedEnv homeEnv("CHILDTUNE_HOME", std::nullopt);
    ScopedEnv userHome("HOME", home.path().string());
    fs::create_directories(home.path() / ".local" / "share" / "childtune" / "data" / "glue");
    EXPECT_EQ(findGlueDir(), home.path() / ".local" / "share" / "childtune" / "data" / "glue");
  }
}

TEST(DataLocationTest, AvailabilitySaysWhichSplitsExist) {
  TempDir root;
  const fs::path glue = root.path() / "glue";
  writeFile(glue / "RTE" / "train.tsv", "x");
  writeFile(glue / "RTE" / "dev.tsv", "x");
  writeFile(glue / "QNLI" / "dev.tsv", "x");
  fs::create_directories(glue / "SST-2" / "train.tsv");  // a folder is not a split file
  writeFile(root.path() / "imdb" / "test.tsv", "x");

  const TaskAvailability rte = taskAvailability(glue, taskByName("RTE"));
  EXPECT_EQ(rte.dir, glue / "RTE");
  ASSERT_EQ(rte.splits.size(), 3u);
  EXPECT_EQ(rte.splits[0].file, glue / "RTE" / "train.tsv");
  EXPECT_TRUE(rte.has(Split::Train));
  EXPECT_TRUE(rte.has(Split::Dev));
  EXPECT_FALSE(rte.has(Split::Test));
  EXPECT_TRUE(rte.trainable(taskByName("RTE")));

  const TaskAvailability qnli = taskAvailability(glue, taskByName("QNLI"));
  EXPECT_TRUE(qnli.any());
  EXPECT_FALSE(qnli.trainable(taskByName("QNLI")));
  EXPECT_FALSE(taskAvailability(glue, taskByName("SST-2")).any());
  EXPECT_FALSE(taskAvailability(glue, taskByName("MNLI")).any());

  // Presets live next to the GLUE folder, with or without a trailing separator.
  const TaskAvailability imdb = taskAvailability(glue, taskByName("IMDB"));
  EXPECT_EQ(imdb.dir, root.path() / "imdb");
  EXPECT_TRUE(imdb.has(Split::Test));
  EXPECT_FALSE(imdb.has(Split::Train));
  EXPECT_EQ(taskDirectory(glue.string() + "/", taskByName("SNLI")), root.path() / "snli");
}

// ---------------------------------------------------------------------------------------------
// GLUE TSV quirks

TEST(GlueTsvTest, CoLaHasNoHeaderAndDevMayLackFinalNewline) {
  TempDir dir;
  writeFile(dir / "CoLA/train.tsv",
            "gj04\t1\t\tOur friends won't buy this analysis.\n"
            "gj04\t0\t*\tThey drank the pub.\n");
  writeFile(dir / "CoLA/dev.tsv",
            "gj04\t1\t\tThe sailors rode the breeze.\n"
            "w_80\t1\t\tJohn talked to Bill about himself.");  // no final newline

  const LoadedSplit train = loadGlue(dir, "cola", Split::Train);
  ASSERT_EQ(train.examples.size(), 2u);
  EXPECT_EQ(train.examples[0].text, "Our friends won't buy this analysis.");
  EXPECT_EQ(train.examples[0].label, 1);
  EXPECT_EQ(train.examples[0].line, 1);
  EXPECT_FALSE(train.examples[0].pair.has_value());
  EXPECT_EQ(train.examples[1].label, 0);
  EXPECT_EQ(train.examples[1].line, 2);
  EXPECT_TRUE(train.labeled);
  EXPECT_EQ(train.skippedRows, 0);
  EXPECT_TRUE(train.warnings.empty());
  EXPECT_EQ(train.file, dir / "CoLA/train.tsv");

  const LoadedSplit dev = loadGlue(dir, "CoLA", Split::Dev);
  ASSERT_EQ(dev.examples.size(), 2u);
  EXPECT_EQ(dev.examples[1].text, "John talked to Bill about himself.");
  EXPECT_EQ(dev.examples[1].line, 2);
}

TEST(GlueTsvTest, MrpcBomHeaderIsSkippedAndQuotesAreOrdinaryCharacters) {
  TempDir dir;
  writeFile(dir / "MRPC/train.tsv",
            "\xEF\xBB\xBFQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
            "1\t702876\t702977\tAmrozi accused his brother , whom he called \" the witness \" "
            ".\tReferring to him as only \" the witness \" , Amrozi accused his brother .\n"
            "0\t2108705\t2108831\tYucaipa owned Dominick 's \" before selling.\t\"\n");
  const LoadedSplit train = loadGlue(dir, "MRPC", Split::Train);
  ASSERT_EQ(train.examples.size(), 2u);
  EXPECT_EQ(train.examples[0].label, 1);
  EXPECT_EQ(train.examples[0].text,
            "Amrozi accused his brother , whom he called \" the witness \" .");
  ASSERT_TRUE(train.examples[0].pair.has_value());
  EXPECT_EQ(*train.examples[0].pair,
            "Referring to him as only \" the witness \" , Amrozi accused his brother .");
  EXPECT_EQ(train.examples[0].line, 2);
  EXPECT_EQ(train.examples[1].label, 0);
  EXPECT_EQ(train.examples[1].text, "Yucaipa owned Dominick 's \" before selling.");
  EXPECT_EQ(*train.examples[1].pair, "\"");
}

TEST(GlueTsvTest, KeepsTextVerbatimAndToleratesCrLf) {
  TempDir dir;
  writeFile(dir / "SST-2/dev.tsv",
            "sentence\tlabel\r\n"
            "it 's a charming and often affecting journey . \t1\r\n"
            "\"unbalanced quote \t0\r\n");
  const LoadedSplit dev = loadGlue(dir, "SST-2", Split::Dev);
  ASSERT_EQ(dev.examples.size(), 2u);
  EXPECT_EQ(dev.examples[0].text, "it 's a charming and often affecting journey . ");
  EXPECT_EQ(dev.examples[0].label, 1);
  EXPECT_EQ(dev.examples[1].text, "\"unbalanced quote ");
  EXPECT_EQ(dev.examples[1].label, 0);
  EXPECT_EQ(dev.examples[1].line, 3);
  EXPECT_THAT(dev.labels, ElementsAre("0", "1"));
}

TEST(GlueTsvTest, TestSplitsAreUnlabeled) {
  TempDir dir;
  writeFile(dir / "RTE/test.tsv",
            "index\tsentence1\tsentence2\n0\tMangla was summoned.\tShukla is related.\n");
  const LoadedSplit test = loadGlue(dir, "RTE", Split::Test);
  ASSERT_EQ(test.examples.size(), 1u);
  EXPECT_FALSE(test.labeled);
  EXPECT_EQ(test.examples[0].label, -1);
  EXPECT_EQ(test.examples[0].text, "Mangla was summoned.");
  EXPECT_EQ(*test.examples[0].pair, "Shukla is related.");
}

TEST(GlueTsvTest, StsbScoresAreFloats) {
  TempDir dir;
  const std::string header =
      "index\tgenre\tfilename\tyear\told_index\tsource1\tsource2\tsentence1\tsentence2\tscore\n";
  writeFile(dir / "STS-B/dev.tsv",
            header +
                "0\tmain-captions\tMSRvid\t2012test\t0000\tnone\tnone\tA man.\tA man!\t5.000\n" +
                "1\tmain-news\theadlines\t2016\t1495\tnone\tnone\tX\tY\t3.800\n" +
                "2\tmain-news\theadlines\t2016\t1496\tnone\tnone\tX\tY\t0\n");
  const LoadedSplit dev = loadGlue(dir, "STS-B", Split::Dev);
  ASSERT_EQ(dev.examples.size(), 3u);
  EXPECT_EQ(dev.kind, TaskKind::Regression);
  EXPECT_FLOAT_EQ(dev.examples[0].score, 5.0f);
  EXPECT_FLOAT_EQ(dev.examples[1].score, 3.8f);
  EXPECT_FLOAT_EQ(dev.examples[2].score, 0.0f);
  EXPECT_EQ(dev.examples[1].label, -1);
  EXPECT_EQ(dev.examples[0].text, "A man.");
  EXPECT_EQ(*dev.examples[0].pair, "A man!");
  EXPECT_TRUE(dev.labels.empty());

  for (const std::string bad : {"abc", "", "nan", "inf", "3.8x", "0x1p3"}) {
    std::string content = header;
    content += "0\tg\tf\ty\to\ts\ts\tA\tB\t1.5\n";
    content += "1\tg\tf\ty\to\ts\ts\tA\tB\t" + bad + "\n";
    writeFile(dir / "STS-B/train.tsv", content);
    const Error error = errorOf([&] { (void)loadGlue(dir, "STS-B", Split::Train); });
    EXPECT_EQ(error.code(), ErrorCode::Data) << bad;
    EXPECT_THAT(error.message(), HasSubstr((dir / "STS-B/train.tsv").string())) << bad;
    EXPECT_THAT(error.message(), HasSubstr("line 3")) << bad;
    EXPECT_THAT(error.message(), HasSubstr("score '" + bad + "'")) << bad;
    EXPECT_THAT(error.message(), HasSubstr("not a finite number")) << bad;
  }
}

TEST(GlueTsvTest, WrongColumnCountIsAnErrorWithFileAndLine) {
  TempDir dir;
  writeFile(dir / "RTE/train.tsv",
            "index\tsentence1\tsentence2\tlabel\n"
            "0\tA.\tB.\tentailment\n"
            "1\tA \"quoted\ttext.\tB.\tnot_entailment\n");
  const Error error = errorOf([&] { (void)loadGlue(dir, "RTE", Split::Train); });
  EXPECT_EQ(error.code(), ErrorCode::Data);
  EXPECT_THAT(error.message(), HasSubstr((dir / "RTE/train.tsv").string()));
  EXPECT_THAT(error.message(), HasSubstr("line 3"));
  EXPECT_THAT(error.message(), HasSubstr("expected 4 tab-separated columns, found 5"));
}

TEST(GlueTsvTest, BlankLineInsideIsAWrongColumnCount) {
  TempDir dir;
  writeFile(dir / "SST-2/train.tsv", "sentence\tlabel\ngood .\t1\n\nbad .\t0\n");
  const Error error = errorOf([&] { (void)loadGlue(dir, "SST-2", Split::Train); });
  EXPECT_THAT(error.message(), HasSubstr("line 3"));
  EXPECT_THAT(error.message(), HasSubstr("found 1"));
}

TEST(GlueTsvTest, HeaderWithWrongColumnCountNamesTheTask) {
  TempDir dir;
  // An RTE file where SST-2's dev set should be.
  writeFile(dir / "SST-2/dev.tsv", "index\tsentence1\tsentence2\tlabel\n0\tA\tB\tentailment\n");
  const Error error = errorOf([&] { (void)loadGlue(dir, "SST-2", Split::Dev); });
  EXPECT_EQ(error.code(), ErrorCode::Data);
  EXPECT_THAT(error.message(), HasSubstr("line 1"));
  EXPECT_THAT(error.message(), HasSubstr("header has 4 tab-separated columns, expected 2"));
  EXPECT_THAT(error.message(), HasSubstr("SST-2 dev"));
}

TEST(GlueTsvTest, QqpSkipsAndCountsMalformedRows) {
  TempDir dir;
  writeFile(dir / "QQP/train.tsv",
            "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n"
            "0\t1\t2\tHow do I learn C++?\tWhat is the best way to learn C++?\t1\n"
            "1\t3\t4\tA question broken by a newline\n"  // malformed: 4 columns
            "continued here?\tOther?\t0\n"               // malformed: 3 columns
            "2\t5\t6\tWhy?\tWhy not?\t0\n");
  const LoadedSplit train = loadGlue(dir, "QQP", Split::Train);
  ASSERT_EQ(train.examples.size(), 2u);
  EXPECT_EQ(train.skippedRows, 2);
  EXPECT_EQ(train.examples[1].text, "Why?");
  EXPECT_EQ(*train.examples[1].pair, "Why not?");
  EXPECT_EQ(train.examples[1].line, 5);
  ASSERT_EQ(train.warnings.size(), 1u);
  EXPECT_THAT(train.warnings[0], HasSubstr("skipped 2 malformed rows"));
  EXPECT_THAT(train.warnings[0], HasSubstr("line 3"));
}

TEST(GlueTsvTest, UnknownLabelShowsItAndTheAllowedOnes) {
  TempDir dir;
  writeFile(dir / "MNLI/dev_matched.tsv",
            "index\tpromptID\tpairID\tgenre\ts1b\ts2b\ts1p\ts2p\tsentence1\tsentence2\tlabel1\t"
            "label2\tlabel3\tlabel4\tlabel5\tgold_label\n"
            "0\t1\t1n\tslate\t(a)\t(b)\t(A)\t(B)\tThe new rights are nice.\tEveryone likes them."
            "\tneutral\tentailment\tneutral\tneutral\tneutral\tneutral\n"
            "1\t2\t2e\tslate\t(a)\t(b)\t(A)\t(B)\tP.\tH.\tx\tx\tx\tx\tx\tEntailment\n");
  const Error error = errorOf([&] { (void)loadGlue(dir, "MNLI", Split::Dev); });
  EXPECT_EQ(error.code(), ErrorCode::Data);
  EXPECT_THAT(error.message(), HasSubstr("dev_matched.tsv"));
  EXPECT_THAT(error.message(), HasSubstr("line 3"));
  EXPECT_THAT(error.message(), HasSubstr("unknown label 'Entailment'"));
  EXPECT_THAT(error.message(), HasSubstr("'contradiction', 'entailment', 'neutral'"));

  // The first row alone reads fine: sentence1/sentence2 and the last (gold) column.
  writeFile(dir / "MNLI/dev_mismatched.tsv",
            "index\tpromptID\tpairID\tgenre\ts1b\ts2b\ts1p\ts2p\tsentence1\tsentence2\tlabel1\t"
            "label2\tlabel3\tlabel4\tlabel5\tgold_label\n"
            "0\t1\t1n\tslate\t(a)\t(b)\t(A)\t(B)\tThe new rights are nice.\tEveryone likes them."
            "\tcontradiction\tentailment\tneutral\tneutral\tneutral\tneutral\n");
  const LoadedSplit mismatched = loadGlue(dir, "MNLI", Split::DevMismatched);
  ASSERT_EQ(mismatched.examples.size(), 1u);
  EXPECT_EQ(mismatched.examples[0].text, "The new rights are nice.");
  EXPECT_EQ(*mismatched.examples[0].pair, "Everyone likes them.");
  EXPECT_EQ(mismatched.examples[0].label, 2);
  EXPECT_EQ(mismatched.file, dir / "MNLI/dev_mismatched.tsv");
}

TEST(GlueTsvTest, EmptyAndHeaderOnlyFilesAreErrors) {
  TempDir dir;
  for (const std::string& content : {std::string(), std::string("\xEF\xBB\xBF")}) {
    writeFile(dir / "WNLI/dev.tsv", content);
    const Error error = errorOf([&] { (void)loadGlue(dir, "WNLI", Split::Dev); });
    EXPECT_EQ(error.code(), ErrorCode::Data);
    EXPECT_THAT(error.message(), HasSubstr((dir / "WNLI/dev.tsv").string()));
    EXPECT_THAT(error.message(), HasSubstr("file is empty"));
  }
  writeFile(dir / "WNLI/dev.tsv", "index\tsentence1\tsentence2\tlabel\n");
  const Error error = errorOf([&] { (void)loadGlue(dir, "WNLI", Split::Dev); });
  EXPECT_EQ(error.code(), ErrorCode::Data);
  EXPECT_THAT(error.message(), HasSubstr("no data rows"));
}

TEST(GlueTsvTest, InvalidUtf8ReportsByteOffset) {
  TempDir dir;
  // Offset 18 is the lone 0xE9 (Latin-1 'é').
  writeFile(dir / "SST-2/train.tsv", "sentence\tlabel\ncaf\xE9 .\t1\n");
  Error error = errorOf([&] { (void)loadGlue(dir, "SST-2", Split::Train); });
  EXPECT_EQ(error.code(), ErrorCode::Data);
  EXPECT_THAT(error.message(), HasSubstr("train.tsv"));
  EXPECT_THAT(error.message(), HasSubstr("invalid UTF-8 at byte offset 18 (line 2)"));

  // Overlong encodings, surrogates and truncated sequences are invalid too.
  for (const std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82"}) {
    writeFile(dir / "SST-2/train.tsv", "sentence\tlabel\nx" + bad + "\t1\n");
    error = errorOf([&] { (void)loadGlue(dir, "SST-2", Split::Train); });
    EXPECT_THAT(error.message(), HasSubstr("byte offset 16")) << testing::PrintToString(bad);
  }
  // Valid multi-byte text (and U+0085, which is not a line break) passes.
  writeFile(dir / "SST-2/train.tsv", "sentence\tlabel\ncafé \xC2\x85 — 😀\t1\n");
  const LoadedSplit ok = loadGlue(dir, "SST-2", Split::Train);
  ASSERT_EQ(ok.examples.size(), 1u);
  EXPECT_EQ(ok.examples[0].text, "café \xC2\x85 — 😀");
}

TEST(GlueTsvTest, MissingFileIsIoAndMissingSplitIsConfig) {
  TempDir dir;
  Error error = errorOf([&] { (void)loadGlue(dir, "RTE", Split::Train); });
  EXPECT_EQ(error.code(), ErrorCode::Io);
  EXPECT_THAT(error.message(), HasSubstr((dir / "RTE" / "train.tsv").string()));

  error = errorOf([&] { (void)loadGlue(dir, "SST-2", Split::DevMismatched); });
  EXPECT_EQ(error.code(), ErrorCode::Config);
  EXPECT_THAT(error.message(), HasSubstr("SST-2 has no dev_mismatched split"));
  EXPECT_THAT(error.message(), HasSubstr("train, dev, test"));

  fs::create_directories(dir / "RTE" / "dev.tsv");
  error = errorOf([&] { (void)loadGlue(dir, "RTE", Split::Dev); });
  EXPECT_EQ(error.code(), ErrorCode::Io);
  EXPECT_THAT(error.message(), HasSubstr("not a regular file"));
}

TEST(GlueTsvTest, LoadTaskFileReadsAnyPathInTheTaskLayout) {
  TempDir dir;
  writeFile(dir / "elsewhere.tsv", "index\tsentence1\tsentence2\tlabel\n7\tA.\tB.\t1\n");
  const LoadedSplit split = loadTaskFile(dir / "elsewhere.tsv", taskByName("WNLI"), Split::Dev);
  ASSERT_EQ(split.examples.size(), 1u);
  EXPECT_EQ(split.examples[0].label, 1);
}

// ---------------------------------------------------------------------------------------------
// Custom datasets

CustomDatasetSpec csvSpec() {
  CustomDatasetSpec spec;
  spec.format = DataFormat::Csv;
  spec.text = ColumnRef::named("text");
  spec.label = ColumnRef::named("label");
  return spec;
}

TEST(CustomDatasetTest, CsvFollowsRfc4180Quoting) {
  TempDir dir;
  writeFile(dir / "data.csv",
            "\xEF\xBB\xBFid,text,label\r\n"
            "1,\"hello, world\",pos\r\n"
            "2,\"she said \"\"hi\"\"\",neg\r\n"
            "3,\"two\nlines\",pos\n"
            "4,plain \"quote\" inside,neg\n"
            "5,,neg\n"
            "\n"
            "6,\"\",pos");
  const LoadedSplit split = loadCustomDataset(dir / "data.csv", csvSpec());
  ASSERT_EQ(split.examples.size(), 6u);
  EXPECT_EQ(split.examples[0].text, "hello, world");
  EXPECT_EQ(split.examples[1].text, "she said \"hi\"");
  EXPECT_EQ(split.examples[2].text, "two\nlines");
  EXPECT_EQ(split.examples[3].text, "plain \"quote\" inside");
  EXPECT_EQ(split.examples[4].text, "");
  EXPECT_EQ(split.examples[5].text, "");
  // Line numbers are where each record starts; the quoted newline moves the next one down.
  std::vector<int64_t> lines;
  std::vector<int64_t> labels;
  for (const Example& example : split.examples) {
    lines.push_back(example.line);
    labels.push_back(example.label);
  }
  EXPECT_THAT(lines, ElementsAre(2, 3, 4, 6, 7, 9));
  // Inferred labels: sorted unique strings.
  EXPECT_THAT(split.labels, ElementsAre("neg", "pos"));
  EXPECT_THAT(labels, ElementsAre(1, 0, 1, 0, 0, 1));
  EXPECT_TRUE(split.labeled);
}

TEST(CustomDatasetTest, CsvErrorsNameFileAndLine) {
  TempDir dir;
  writeFile(dir / "open.csv", "text,label\n\"fine\",a\n\"never\nclosed,b\n");
  Error error = errorOf([&] { (void)loadCustomDataset(dir / "open.csv", csvSpec()); });
  EXPECT_EQ(error.code(), ErrorCode::Data);
  EXPECT_THAT(error.message(), HasSubstr("open.csv', line 3"));
  EXPECT_THAT(error.message(), HasSubstr("never closed"));

  writeFile(dir / "junk.csv", "text,label\n\"quoted\"junk,a\n");
  error = errorOf([&] { (void)loadCustomDataset(dir / "junk.csv", csvSpec()); });
  EXPECT_THAT(error.message(), HasSubstr("junk.csv', line 2"));
  EXPECT_THAT(error.message(), HasSubstr("unexpected 'j' after a closing quote"));

  writeFile(dir / "count.csv", "text,label\na,b\n\"x,y\",b,extra\n");
  error = errorOf([&] { (void)loadCustomDataset(dir / "count.csv", csvSpec()); });
  EXPECT_THAT(error.message(), HasSubstr("count.csv', line 3"));
  EXPECT_THAT(error.message(), HasSubstr("expected 2 comma-separated columns, found 3"));

  CustomDatasetSpec tolerant = csvSpec();
  tolerant.skipMalformedRows = true;
  const LoadedSplit skipped = loadCustomDataset(dir / "count.csv", tolerant);
  EXPECT_EQ(skipped.examples.size(), 1u);
  EXPECT_EQ(skipped.skippedRows, 1);
  ASSERT_EQ(skipped.warnings.size(), 1u);
  EXPECT_THAT(skipped.warnings[0], HasSubstr("line 3"));

  writeFile(dir / "names.csv", "sentence,gold\na,b\n");
  error = errorOf([&] { (void)loadCustomDataset(dir / "names.csv", csvSpec()); });
  EXPECT_THAT(error.message(), HasSubstr("names.csv', line 1"));
  EXPECT_THAT(error.message(), HasSubstr("text column 'text' is not in the header"));
  EXPECT_THAT(error.message(), HasSubstr("'sentence', 'gold'"));
}

TEST(CustomDatasetTest, ReadCsvRecordHandlesEdgeCases) {
  const fs::path file = "mem.csv";
  std::vector<std::string> fields;
  size_t pos = 0;
  int64_t line = 1;
  const std::string text = "a,b,\n\"x\"\r\n,\n\"last\"\r";
  data::readCsvRecord(text, pos, line, file, fields);
  EXPECT_THAT(fields, ElementsAre("a", "b", ""));
  EXPECT_EQ(line, 2);
  data::readCsvRecord(text, pos, line, file, fields);
  EXPECT_THAT(fields, ElementsAre("x"));
  data::readCsvRecord(text, pos, line, file, fields);
  EXPECT_THAT(fields, ElementsAre("", ""));
  data::readCsvRecord(text, pos, line, file, fields);
  EXPECT_THAT(fields, ElementsAre("last"));
  EXPECT_EQ(pos, text.size());
  EXPECT_EQ(line, 4);
}

TEST(CustomDatasetTest, TsvByPositionWithoutHeader) {
  TempDir dir;
  writeFile(dir / "pairs.tsv",
            "10\tA \"quoted\" premise\thypothesis one\n"
            "2\tanother\thypothesis two\r\n"
            "1\tthird\thypothesis three");
  CustomDatasetSpec spec;
  spec.format = DataFormat::Tsv;
  spec.header = false;
  spec.text = ColumnRef::at(1);
  spec.pair = ColumnRef::at(2);
  spec.label = ColumnRef::at(0);
  const LoadedSplit split = loadCustomDataset(dir / "pairs.tsv", spec);
  ASSERT_EQ(split.examples.size(), 3u);
  EXPECT_EQ(split.examples[0].text, "A \"quoted\" premise");
  EXPECT_EQ(*split.examples[1].pair, "hypothesis two");
  EXPECT_EQ(split.examples[0].line, 1);
  // Integer labels are sorted numerically.
  EXPECT_THAT(split.labels, ElementsAre("1", "2", "10"));
  EXPECT_EQ(split.examples[0].label, 2);
  EXPECT_EQ(split.examples[1].label, 1);
  EXPECT_EQ(split.examples[2].label, 0);

  spec.label = ColumnRef::at(3);
  const Error error = errorOf([&] { (void)loadCustomDataset(dir / "pairs.tsv", spec); });
  EXPECT_EQ(error.code(), ErrorCode::Data);
  EXPECT_THAT(error.message(), HasSubstr("label column #3 does not exist: the first row has 3"));
}

TEST(CustomDatasetTest, GivenLabelsRegressionAndSkipLabels) {
  TempDir dir;
  writeFile(dir / "nli.tsv",
            "premise\thypothesis\tlabel\nP1\tH1\t2\nP2\tH2\t-\nP3\tH3\t 0 \nP4\tH4\t-\nP5\tH5\t\n");
  CustomDatasetSpec spec;
  spec.text = ColumnRef::named("premise");
  spec.pair = ColumnRef::named("hypothesis");
  spec.label = ColumnRef::named("label");
  spec.labelMode = LabelMode::Given;
  spec.labels = {"0", "1", "2"};
  spec.skipLabels = {"-", ""};
  const LoadedSplit split = loadCustomDataset(dir / "nli.tsv", spec);
  ASSERT_EQ(split.examples.size(), 2u);
  EXPECT_EQ(split.examples[0].label, 2);
  EXPECT_EQ(split.examples[1].label, 0);
  EXPECT_EQ(split.examples[1].line, 4);
  EXPECT_EQ(split.skippedRows, 3);
  EXPECT_THAT(split.warnings,
              ElementsAre("skipped 1 row with label ''", "skipped 2 rows with label '-'"));
  EXPECT_THAT(split.labels, ElementsAre("0", "1", "2"));

  spec.skipLabels.clear();
  const Error error = errorOf([&] { (void)loadCustomDataset(dir / "nli.tsv", spec); });
  EXPECT_THAT(error.message(), HasSubstr("nli.tsv', line 3"));
  EXPECT_THAT(error.message(), HasSubstr("unknown label '-' in column 'label'"));
  EXPECT_THAT(error.message(), HasSubstr("allowed: '0', '1', '2'"));

  writeFile(dir / "scores.tsv", "text\tscore\na\t4.5\nb\t-1e-1\nc\tfive\n");
  CustomDatasetSpec regression;
  regression.text = ColumnRef::named("text");
  regression.label = ColumnRef::named("score");
  regression.labelMode = LabelMode::Regression;
  const Error bad = errorOf([&] { (void)loadCustomDataset(dir / "scores.tsv", regression); });
  EXPECT_THAT(bad.message(), HasSubstr("scores.tsv', line 4"));
  EXPECT_THAT(bad.message(), HasSubstr("label 'five' in column 'score' is not a finite number"));
  writeFile(dir / "scores.tsv", "text\tscore\na\t4.5\nb\t-1e-1\n");
  const LoadedSplit scores = loadCustomDataset(dir / "scores.tsv", regression);
  EXPECT_EQ(scores.kind, TaskKind::Regression);
  ASSERT_EQ(scores.examples.size(), 2u);
  EXPECT_FLOAT_EQ(scores.examples[0].score, 4.5f);
  EXPECT_FLOAT_EQ(scores.examples[1].score, -0.1f);
  EXPECT_EQ(scores.examples[0].label, -1);
  EXPECT_TRUE(scores.labels.empty());
}

TEST(CustomDatasetTest, UnlabeledFileAndAllRowsSkipped) {
  TempDir dir;
  writeFile(dir / "plain.tsv", "text\nfirst\nsecond\n");
  CustomDatasetSpec spec;
  spec.text = ColumnRef::named("text");
  const LoadedSplit split = loadCustomDataset(dir / "plain.tsv", spec);
  ASSERT_EQ(split.examples.size(), 2u);
  EXPECT_FALSE(split.labeled);
  EXPECT_EQ(split.examples[1].label, -1);

  writeFile(dir / "dashes.tsv", "text\tlabel\na\t-\n");
  spec.label = ColumnRef::named("label");
  spec.skipLabels = {"-"};
  const Error error = errorOf([&] { (void)loadCustomDataset(dir / "dashes.tsv", spec); });
  EXPECT_EQ(error.code(), ErrorCode::Data);
  EXPECT_THAT(error.message(), HasSubstr("no data rows (1 rows skipped)"));
}

TEST(CustomDatasetTest, JsonlByKey) {
  TempDir dir;
  writeFile(dir / "data.jsonl",
            "{\"sentence\": \"a \\\"quoted\\\" text\", \"other\": \"x\", \"label\": 1}\n"
            "\n"
            "{\"sentence\": \"second\", \"other\": \"y\", \"label\": 0, \"extra\": [1, 2]}\r\n"
            "   \n"
            "{\"label\": \"1\", \"other\": \"z\", \"sentence\": \"caf\\u00e9\"}");
  CustomDatasetSpec spec;
  spec.format = DataFormat::Jsonl;
  spec.text = ColumnRef::named("sentence");
  spec.pair = ColumnRef::named("other");
  spec.label = ColumnRef::named("label");
  const LoadedSplit split = loadCustomDataset(dir / "data.jsonl", spec);
  ASSERT_EQ(split.examples.size(), 3u);
  EXPECT_EQ(split.examples[0].text, "a \"quoted\" text");
  EXPECT_EQ(*split.examples[1].pair, "y");
  EXPECT_EQ(split.examples[2].text, "café");
  EXPECT_EQ(split.examples[2].line, 5);
  // 1 (a number) and "1" (a string) are the same label.
  EXPECT_THAT(split.labels, ElementsAre("0", "1"));
  EXPECT_EQ(split.examples[0].label, 1);
  EXPECT_EQ(split.examples[1].label, 0);
  EXPECT_EQ(split.examples[2].label, 1);
}

TEST(CustomDatasetTest, JsonlErrorsNameFileAndLine) {
  TempDir dir;
  CustomDatasetSpec spec;
  spec.format = DataFormat::Jsonl;
  spec.text = ColumnRef::named("text");
  spec.label = ColumnRef::named("label");
  struct Case {
    std::string second;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {R"({"text": "b")", "invalid JSON"},
      {R"(["b", 1])", "expected a JSON object, found array"},
      {R"({"label": 1})", "no key 'text' (the text column)"},
      {R"({"text": 5, "label": 1})", "text key 'text' holds number, expected a string"},
      {R"({"text": "b", "label": null})", "label key 'label' holds null"},
      {std::string(100, '[') + std::string(100, ']'), "nested deeper than 64 levels"},
  };
  for (const Case& c : cases) {
    writeFile(dir / "bad.jsonl", "{\"text\": \"a\", \"label\": 0}\n" + c.second + "\n");
    const Error error = errorOf([&] { (void)loadCustomDataset(dir / "bad.jsonl", spec); });
    EXPECT_EQ(error.code(), ErrorCode::Data) << c.second;
    EXPECT_THAT(error.message(), HasSubstr("bad.jsonl', line 2")) << c.second;
    EXPECT_THAT(error.message(), HasSubstr(c.expected)) << c.second;

    CustomDatasetSpec tolerant = spec;
    tolerant.skipMalformedRows = true;
    const LoadedSplit skipped = loadCustomDataset(dir / "bad.jsonl", tolerant);
    EXPECT_EQ(skipped.examples.size(), 1u) << c.second;
    EXPECT_EQ(skipped.skippedRows, 1) << c.second;
  }
}

TEST(CustomDatasetTest, ValidateRejectsImpossibleMappings) {
  auto configError = [](const CustomDatasetSpec& spec) {
    const Error error = errorOf([&] { validate(spec); });
    EXPECT_EQ(error.code(), ErrorCode::Config);
    return error.message();
  };
  CustomDatasetSpec spec;
  spec.label = ColumnRef::at(1);
  spec.labelMode = LabelMode::Given;
  EXPECT_THAT(configError(spec), HasSubstr("label list is empty"));
  spec.labels = {"a", "b", "a"};
  EXPECT_THAT(configError(spec), HasSubstr("'a' is listed twice"));
  spec.labels = {"a", " b"};
  EXPECT_THAT(configError(spec), HasSubstr("whitespace"));
  spec.labels = {"a", "b"};
  EXPECT_NO_THROW(validate(spec));

  spec.text = ColumnRef::at(-1);
  EXPECT_THAT(configError(spec), HasSubstr("text column: position -1 is negative"));
  spec.text = ColumnRef::named("text");
  spec.header = false;
  EXPECT_THAT(configError(spec), HasSubstr("text column 'text' is given by name, but the file "
                                           "has no header"));
  spec.format = DataFormat::Jsonl;  // JSONL ignores `header` but needs keys
  EXPECT_THAT(configError(spec), HasSubstr("label column #1: JSONL columns must be given by key"));

  // loadCustomDataset validates before reading the file.
  TempDir dir;
  const Error error = errorOf([&] { (void)loadCustomDataset(dir / "missing.jsonl", spec); });
  EXPECT_EQ(error.code(), ErrorCode::Config);
  spec.label = ColumnRef::named("label");
  const Error missing = errorOf([&] { (void)loadCustomDataset(dir / "missing.jsonl", spec); });
  EXPECT_EQ(missing.code(), ErrorCode::Io);
  EXPECT_THAT(missing.message(), HasSubstr("missing.jsonl"));
}

TEST(CustomDatasetTest, InferredLabelsCarryOverToTheDevFile) {
  TempDir dir;
  writeFile(dir / "train.csv", "text,label\na,sports\nb,politics\nc,arts\n");
  writeFile(dir / "dev.csv", "text,label\nd,sports\ne,music\n");
  const LoadedSplit train = loadCustomDataset(dir / "train.csv", csvSpec());
  EXPECT_THAT(train.labels, ElementsAre("arts", "politics", "sports"));
  CustomDatasetSpec dev = csvSpec();
  dev.labelMode = LabelMode::Given;
  dev.labels = train.labels;
  const Error error = errorOf([&] { (void)loadCustomDataset(dir / "dev.csv", dev); });
  EXPECT_THAT(error.message(), HasSubstr("dev.csv', line 3"));
  EXPECT_THAT(error.message(), HasSubstr("unknown label 'music'"));
}

TEST(CustomDatasetTest, PresetsReadThroughTheCustomPath) {
  TempDir root;
  writeFile(root / "snli/validation.tsv",
            "premise\thypothesis\tlabel\n"
            "Two women are embracing.\tThe sisters are hugging.\t1\n"
            "A man.\tA \"person\".\t-\n"
            "A dog.\tAn animal.\t0\n");
  writeFile(root / "imdb/test.tsv",
            "id\tlabel\trating\ttext\n0\t0\t2\tBad <br /><br />film.\n"
            "0\t1\t9\tGreat \xC2\x85 film.\n");
  const fs::path glue = root.path() / "glue";
  const LoadedSplit snli = loadTaskSplit(glue, taskByName("SNLI"), Split::Dev);
  ASSERT_EQ(snli.examples.size(), 2u);
  EXPECT_EQ(snli.skippedRows, 1);
  EXPECT_EQ(snli.examples[0].label, 1);
  EXPECT_EQ(*snli.examples[1].pair, "An animal.");
  EXPECT_THAT(snli.warnings, ElementsAre("skipped 1 row with label '-'"));

  const LoadedSplit imdb = loadTaskSplit(glue, taskByName("IMDB"), Split::Test);
  ASSERT_EQ(imdb.examples.size(), 2u);
  EXPECT_TRUE(imdb.labeled);
  EXPECT_EQ(imdb.examples[0].text, "Bad <br /><br />film.");
  EXPECT_FALSE(imdb.examples[0].pair.has_value());
  EXPECT_EQ(imdb.examples[1].label, 1);
  EXPECT_EQ(imdb.examples[1].text, "Great \xC2\x85 film.");
}

// ---------------------------------------------------------------------------------------------
// Subsampling

TEST(SubsampleTest, FirstTakesThePrefix) {
  EXPECT_THAT(subsampleIndices(10, 3, SubsampleMode::First, 99), ElementsAre(0, 1, 2));
  EXPECT_THAT(subsampleIndices(3, 10, SubsampleMode::Random, 99), ElementsAre(0, 1, 2));
  EXPECT_TRUE(subsampleIndices(0, 5, SubsampleMode::Random, 1).empty());
  EXPECT_TRUE(subsampleIndices(5, 0, SubsampleMode::Random, 1).empty());
}

// These indices are the specification of the seeded subset: they were computed once by an
// independent Python implementation of std::mt19937_64 and of the algorithm documented in
// tasks.h. A change here changes every "1k examples, seed s" experiment.
TEST(SubsampleTest, RandomSubsetIsFixedBySeed) {
  // The generator's sequence is fixed by the standard ([rand.predef]).
  std::mt19937_64 standard;
  standard.discard(9999);
  EXPECT_EQ(standard(), 9981545732273789042ULL);

  EXPECT_THAT(subsampleIndices(20, 5, SubsampleMode::Random, 42), ElementsAre(0, 1, 2, 6, 9));
  EXPECT_THAT(subsampleIndices(20, 5, SubsampleMode::Random, 43), ElementsAre(0, 5, 6, 13, 19));
  EXPECT_THAT(subsampleIndices(1000, 10, SubsampleMode::Random, 2021),
              ElementsAre(226, 244, 400, 510, 553, 671, 709, 766, 876, 976));
  EXPECT_THAT(subsampleIndices(10, 9, SubsampleMode::Random, 7),
              ElementsAre(0, 1, 2, 3, 4, 5, 7, 8, 9));
  EXPECT_THAT(subsampleIndices(67349, 8, SubsampleMode::Random, 1),
              ElementsAre(7643, 18110, 21945, 28793, 42284, 43168, 46491, 64383));
}

TEST(SubsampleTest, RandomSubsetIsUniform) {
  // Over many seeds every index is chosen with probability count/total = 0.3.
  constexpr int kSeeds = 10000;
  std::vector<int> hits(10, 0);
  for (uint64_t seed = 0; seed < kSeeds; ++seed) {
    const std::vector<int64_t> chosen = subsampleIndices(10, 3, SubsampleMode::Random, seed);
    ASSERT_EQ(chosen.size(), 3u);
    ASSERT_TRUE(std::is_sorted(chosen.begin(), chosen.end()));
    ASSERT_EQ(std::set<int64_t>(chosen.begin(), chosen.end()).size(), 3u);
    for (int64_t index : chosen) {
      ++hits[static_cast<size_t>(index)];
    }
  }
  for (size_t i = 0; i < hits.size(); ++i) {
    // Expected 3000, standard deviation ~46: 5 sigma.
    EXPECT_NEAR(hits[i], 3000, 230) << "index " << i;
  }
}

TEST(SubsampleTest, SubsampleKeepsFileOrderAndWarnsWhenShort) {
  LoadedSplit split;
  split.file = "x.tsv";
  for (int i = 0; i < 20; ++i) {
    Example example;
    example.text = "row " + std::to_string(i);
    example.line = i + 2;
    split.examples.push_back(example);
  }
  const LoadedSplit random = subsample(split, 5, SubsampleMode::Random, 42);
  std::vector<std::string> texts;
  for (const Example& example : random.examples) {
    texts.push_back(example.text);
  }
  EXPECT_THAT(texts, ElementsAre("row 0", "row 1", "row 2", "row 6", "row 9"));
  EXPECT_TRUE(random.warnings.empty());

  const LoadedSplit first = subsample(split, 2, SubsampleMode::First, 0);
  ASSERT_EQ(first.examples.size(), 2u);
  EXPECT_EQ(first.examples[1].line, 3);

  const LoadedSplit all = subsample(split, 1000, SubsampleMode::Random, 1);
  EXPECT_EQ(all.examples.size(), 20u);
  ASSERT_EQ(all.warnings.size(), 1u);
  EXPECT_THAT(all.warnings[0], HasSubstr("asked for 1000 examples but 'x.tsv' has only 20"));

  const Error error = errorOf([&] { (void)subsample(split, -1, SubsampleMode::First, 0); });
  EXPECT_EQ(error.code(), ErrorCode::Config);
  EXPECT_THAT(error.message(), HasSubstr("-1"));
}

TEST(SubsampleTest, ClassCountsIgnoreUnlabeled) {
  LoadedSplit split;
  for (int64_t label : {0, 1, 1, -1, 2, 1}) {
    Example example;
    example.label = label;
    split.examples.push_back(example);
  }
  EXPECT_THAT(classCounts(split, 3), ElementsAre(1, 3, 1));
  EXPECT_THAT(classCounts(split, 2), ElementsAre(1, 3));
}

// ---------------------------------------------------------------------------------------------
// Helpers

TEST(TextSourceTest, LineReaderSplitsOnNewlineOnly) {
  data::LineReader reader("a\r\nb\xC2\x85still b\rc\n\nd");
  std::string_view line;
  std::vector<std::string> lines;
  while (reader.next(line)) {
    lines.emplace_back(line);
  }
  EXPECT_THAT(lines, ElementsAre("a", "b\xC2\x85still b\rc", "", "d"));
  EXPECT_EQ(reader.lineNumber(), 4);
  EXPECT_EQ(data::countLines("a\nb"), 2u);
  EXPECT_EQ(data::countLines("a\nb\n"), 2u);
  EXPECT_EQ(data::countLines(""), 0u);
}

TEST(TextSourceTest, QuoteForMessageEscapesAndTruncates) {
  EXPECT_EQ(data::quoteForMessage("a\tb\x01"), "'a\\tb\\x01'");
  const std::string longText(100, 'x');
  EXPECT_EQ(data::quoteForMessage(longText), "'" + std::string(60, 'x') + "...'");
  EXPECT_THAT(data::quoteForMessage(std::string(59, 'x') + "é"), Not(HasSubstr("...")));
}

}  // namespace
}  // namespace childtune::core
