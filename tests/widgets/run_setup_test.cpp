// The run setup: the form's fields and inline validation, the authors' p presets, the task
// picker's data location and preview, JSON save/open, and "Copy as command line" checked by
// running the real childtune-cli with the generated arguments.

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <filesystem>

#include "childtune/tasks.h"
#include "childtune/widgets/run_command_line.h"
#include "childtune/widgets/run_config_form.h"
#include "childtune/widgets/task_picker_widget.h"
#include "gui_test_support.h"
#include "run_setup_page.h"
#include "support/model_fixtures.h"
#include "support/test_env.h"

namespace childtune::test {
namespace {

QString qs(const std::filesystem::path& path) { return QString::fromStdString(path.string()); }

// An RTE-shaped task with `rows` train and dev rows under `glue`.
void writeRte(const std::filesystem::path& glue, int rows) {
  std::string text = "index\tsentence1\tsentence2\tlabel\n";
  for (int i = 0; i < rows; ++i) {
    text += std::to_string(i) + "\tthe committee approved a budget " + std::to_string(i) +
            "\tthe man is playing music\t" + (i % 2 ? "entailment" : "not_entailment") + "\n";
  }
  writeFile(glue / "RTE" / "train.tsv", text);
  writeFile(glue / "RTE" / "dev.tsv", text);
}

// The value following `flag` in `args`, or a null QString.
QString flagValue(const QStringList& args, const QString& flag) {
  const auto at = args.indexOf(flag);
  return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : QString();
}

TEST(RunConfigForm, ShowsAndReturnsEveryField) {
  widgets::RunConfigForm form;
  core::RunConfig c;
  c.modelDir = "/models/bert";
  c.task = "MRPC";
  c.method = core::Method::ChildTuningF;
  c.reserveP = 0.25;
  c.learningRate = 3e-5;
  c.epochs = 5;
  c.batchSize = 32;
  c.maxLength = 256;
  c.warmupRatio = 0.06;
  c.weightDecay = 0.1;
  c.seed = 1234;
  c.trainLimit = 1000;
  c.randomSubset = true;
  c.evalEverySteps = 50;  // not on the form: kept as given
  form.setConfig(c);
  EXPECT_EQ(form.config().toJson(), c.toJson());
  EXPECT_TRUE(form.isValid()) << form.validationMessage().toStdString();
  EXPECT_EQ(form.pSlider()->value(), 250);
  EXPECT_EQ(form.methodCombo()->currentText(), QStringLiteral("Child-Tuning_F (task-free)"));
}

TEST(RunConfigForm, ValidatesInlineNamingTheField) {
  widgets::RunConfigForm form;
  // No model yet: RunConfig::validate()'s message is shown under the form.
  EXPECT_FALSE(form.isValid());
  EXPECT_EQ(form.invalidField(), QStringLiteral("model"));
  EXPECT_FALSE(form.validationLabel()->isHidden());
  EXPECT_TRUE(form.validationLabel()->text().contains(QStringLiteral("model")));
  form.setModelDir(QStringLiteral("/models/bert"));
  EXPECT_TRUE(form.isValid());
  EXPECT_TRUE(form.validationLabel()->isHidden());

  // pad-to larger than max length is only caught by validate(): the form names it.
  core::RunConfig c = form.config();
  c.padTo = 128;
  form.setConfig(c);
  form.maxLengthSpin()->setValue(64);
  EXPECT_FALSE(form.isValid());
  EXPECT_EQ(form.invalidField(), QStringLiteral("pad-to"));
  form.maxLengthSpin()->setValue(128);
  EXPECT_TRUE(form.isValid());
}

TEST(RunConfigForm, PFollowsTheAuthorsPresetUntilTheUserChoosesOne) {
  widgets::RunConfigForm form;
  form.setModelDir(QStringLiteral("/m"));
  form.setTask(QStringLiteral("CoLA"));
  form.methodCombo()->setCurrentIndex(
      form.methodCombo()->findData(static_cast<int>(core::Method::ChildTuningD)));
  const core::TaskSpec& cola = core::taskByName("CoLA");
  const core::TaskSpec& rte = core::taskByName("RTE");
  EXPECT_DOUBLE_EQ(form.pSpin()->value(), cola.childTuning.pD);
  EXPECT_FALSE(form.config().reserveP.has_value());  // the task's default, not a fixed number
  form.setTask(QStringLiteral("RTE"));
  EXPECT_DOUBLE_EQ(form.pSpin()->value(), rte.childTuning.pD);
  form.methodCombo()->setCurrentIndex(
      form.methodCombo()->findData(static_cast<int>(core::Method::ChildTuningF)));
  EXPECT_DOUBLE_EQ(form.pSpin()->value(), rte.childTuning.pF);

  // The slider and the spin box move together; a chosen p survives a task change.
  form.pSlider()->setValue(420);
  EXPECT_DOUBLE_EQ(form.pSpin()->value(), 0.42);
  ASSERT_TRUE(form.config().reserveP.has_value());
  EXPECT_DOUBLE_EQ(*form.config().reserveP, 0.42);
  form.setTask(QStringLiteral("CoLA"));
  EXPECT_DOUBLE_EQ(form.pSpin()->value(), 0.42);
  form.applyAuthorPreset();
  EXPECT_DOUBLE_EQ(form.pSpin()->value(), cola.childTuning.pF);
  EXPECT_FALSE(form.config().reserveP.has_value());

  // Vanilla has no p.
  form.methodCombo()->setCurrentIndex(
      form.methodCombo()->findData(static_cast<int>(core::Method::Vanilla)));
  EXPECT_FALSE(form.pSpin()->isEnabled());
  EXPECT_DOUBLE_EQ(form.pSpin()->value(), 1.0);
}

TEST(RunCommandLine, EveryNonDefaultFieldHasItsFlag) {
  core::RunConfig c;
  c.modelDir = "/models/my bert";
  c.task = "SST-2";
  const auto plain = widgets::runCommandLine(c);
  EXPECT_EQ(plain.arguments, (QStringList{"childtune-cli", "train", "--model", "/models/my bert",
                                          "--task", "SST-2", "--method", "vanilla"}));
  EXPECT_EQ(plain.shellText(),
            QStringLiteral("childtune-cli train --model '/models/my bert' --task SST-2 "
                           "--method vanilla"));

  c.dataDir = "/data/glue";
  c.method = core::Method::ChildTuningDLowest;
  c.reserveP = 0.1;
  c.learningRate = 4e-5;
  c.epochs = 7;
  c.batchSize = 8;
  c.maxLength = 64;
  c.seed = 9;
  c.trainLimit = 500;
  c.randomSubset = true;
  c.evalLimit = 100;
  c.evalEverySteps = 25;
  c.warmupRatio = 0.0;
  c.weightDecay = 0.0;
  c.referenceWarmup = true;
  c.groupByLength = true;
  c.padTo = 64;
  c.fisherMode = core::FisherMode::PerExample;
  c.fisherBatches = 12;
  c.device = "cuda:1";
  c.threads = 3;
  c.outDir = "/runs/it's";
  c.maxGradNorm = 5.0;
  const auto line = widgets::runCommandLine(c);
  const QStringList& a = line.arguments;
  EXPECT_EQ(flagValue(a, "--data"), "/data/glue");
  EXPECT_EQ(flagValue(a, "--method"), "ct-d-lowest");
  EXPECT_EQ(flagValue(a, "--p"), "0.1");
  EXPECT_EQ(flagValue(a, "--lr"), "4e-05");
  EXPECT_EQ(flagValue(a, "--epochs"), "7");
  EXPECT_EQ(flagValue(a, "--batch-size"), "8");
  EXPECT_EQ(flagValue(a, "--max-length"), "64");
  EXPECT_EQ(flagValue(a, "--seed"), "9");
  EXPECT_EQ(flagValue(a, "--train-limit"), "500");
  EXPECT_TRUE(a.contains("--random-subset"));
  EXPECT_EQ(flagValue(a, "--eval-limit"), "100");
  EXPECT_EQ(flagValue(a, "--eval-every"), "25");
  EXPECT_EQ(flagValue(a, "--warmup"), "0");
  EXPECT_EQ(flagValue(a, "--weight-decay"), "0");
  EXPECT_TRUE(a.contains("--reference-warmup"));
  EXPECT_TRUE(a.contains("--group-by-length"));
  EXPECT_EQ(flagValue(a, "--pad-to"), "64");
  EXPECT_EQ(flagValue(a, "--fisher"), "per-example");
  EXPECT_EQ(flagValue(a, "--fisher-batches"), "12");
  EXPECT_EQ(flagValue(a, "--device"), "cuda:1");
  EXPECT_EQ(flagValue(a, "--threads"), "3");
  EXPECT_EQ(flagValue(a, "--out"), "/runs/it's");
  EXPECT_TRUE(line.shellText().contains(QStringLiteral("'/runs/it'\\''s'")));
  EXPECT_EQ(line.unsupported, QStringList{"max_grad_norm"});
}

TEST(RunCommandLine, TheRealCliTrainsExactlyThisConfiguration) {
  const TempDir dir;
  writeReferenceModel("tiny-bert", dir / "model", 2);
  writeRte(dir / "glue", 24);
  core::RunConfig c;
  c.modelDir = (dir / "model").string();
  c.task = "RTE";
  c.dataDir = (dir / "glue").string();
  c.method = core::Method::ChildTuningD;
  c.reserveP = 0.25;
  c.learningRate = 3e-4;
  c.epochs = 1;
  c.batchSize = 4;
  c.maxLength = 48;
  c.seed = 7;
  c.trainLimit = 16;
  c.randomSubset = true;
  c.evalLimit = 8;
  c.evalEverySteps = 2;
  c.warmupRatio = 0.2;
  c.weightDecay = 0.05;
  c.referenceWarmup = true;
  c.groupByLength = true;
  c.padTo = 40;
  c.fisherMode = core::FisherMode::PerExample;
  c.fisherBatches = 2;
  c.threads = 1;
  c.outDir = (dir / "out").string();
  ASSERT_NO_THROW(c.validate());
  const auto line = widgets::runCommandLine(c);
  ASSERT_TRUE(line.unsupported.isEmpty());

  QProcess cli;
  cli.start(QStringLiteral(CHILDTUNE_CLI_PATH), line.arguments.mid(1));
  ASSERT_TRUE(cli.waitForFinished(120000));
  ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
  const std::string results = readFile(dir / "out" / "results.json");
  const auto parsed = nlohmann::json::parse(results);
  // What the CLI ran, normalised through the same JSON form as the GUI's configuration.
  const core::RunConfig ran = core::RunConfig::fromJson(parsed.at("config").dump(), "results");
  const core::RunConfig expected = core::RunConfig::fromJson(c.toJson(), "gui");
  EXPECT_EQ(ran.toJson(), expected.toJson());
}

class TaskPickerTest : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(TaskPickerTest, SaysWhereTheDataIsAndPreviewsLabeledRows) {
  writeRte(dir_ / "glue", 20);
  const ScopedEnv glue("CHILDTUNE_GLUE_DIR", (dir_ / "glue").string());
  widgets::TaskPickerWidget picker;
  ASSERT_TRUE(picker.setCurrentTask(QStringLiteral("rte")));
  EXPECT_EQ(picker.currentTask(), QStringLiteral("RTE"));
  EXPECT_TRUE(picker.isTrainable());
  EXPECT_TRUE(picker.locationText().contains(QStringLiteral("$CHILDTUNE_GLUE_DIR")))
      << picker.locationText().toStdString();
  const QTableWidget* preview = picker.previewTable();
  ASSERT_EQ(preview->rowCount(), widgets::TaskPickerWidget::kPreviewRows);
  ASSERT_EQ(preview->columnCount(), 3);  // text, pair, label
  EXPECT_EQ(preview->item(0, 0)->text(), QStringLiteral("the committee approved a budget 0"));
  const core::TaskSpec& rte = core::taskByName("RTE");
  EXPECT_EQ(preview->item(0, 2)->text().toStdString(), rte.labelNames[1]);  // not_entailment
  EXPECT_EQ(preview->item(1, 2)->text().toStdString(), rte.labelNames[0]);  // entailment

  // A task without files: "not found — Locate…", no preview.
  ASSERT_TRUE(picker.setCurrentTask(QStringLiteral("SST-2")));
  EXPECT_FALSE(picker.isTrainable());
  EXPECT_TRUE(picker.locationText().contains(QStringLiteral("not found")));
  EXPECT_TRUE(picker.locationText().contains(QStringLiteral("Locate")));
  EXPECT_TRUE(picker.previewTable()->isHidden());
}

TEST_F(TaskPickerTest, ALocatedFolderOverridesTheEnvironment) {
  writeRte(dir_ / "elsewhere", 3);
  const ScopedEnv glue("CHILDTUNE_GLUE_DIR", (dir_ / "empty").string());
  const ScopedEnv home("CHILDTUNE_HOME", (dir_ / "home").string());
  widgets::TaskPickerWidget picker;
  picker.setCurrentTask(QStringLiteral("RTE"));
  EXPECT_FALSE(picker.isTrainable());
  picker.setLocatedGlueDir(qs(dir_ / "elsewhere"));
  EXPECT_TRUE(picker.isTrainable());
  EXPECT_TRUE(picker.locationText().contains(QStringLiteral("the folder you located")));
  EXPECT_EQ(picker.previewTable()->rowCount(), 3);
}

TEST_F(TaskPickerTest, ABrokenFileShowsTheReadErrorInsteadOfAPreview) {
  writeFile(dir_ / "glue" / "RTE" / "train.tsv", "index\tsentence1\tsentence2\tlabel\n");
  writeFile(dir_ / "glue" / "RTE" / "dev.tsv", "index\tsentence1\tsentence2\tlabel\n0\tonly two\n");
  widgets::TaskPickerWidget picker;
  picker.setLocatedGlueDir(qs(dir_ / "glue"));
  picker.setCurrentTask(QStringLiteral("RTE"));
  EXPECT_FALSE(picker.previewError().isEmpty());
  EXPECT_TRUE(picker.previewError().contains(QStringLiteral("dev.tsv")))
      << picker.previewError().toStdString();
}

TEST(RunSetupPage, SavesAndOpensTheRunConfigurationAsJson) {
  const TempDir dir;
  app::RunSetupPage page;
  core::RunConfig c;
  c.modelDir = "/models/roberta";
  c.task = "STS-B";
  c.dataDir = (dir / "glue").string();
  c.method = core::Method::ChildTuningD;
  c.reserveP = 0.2;
  c.epochs = 4;
  c.seed = 3;
  page.setConfig(c);
  EXPECT_EQ(page.taskPicker()->currentTask(), QStringLiteral("STS-B"));
  const QString path = qs(dir / "run.json");
  QString error;
  ASSERT_TRUE(page.saveConfig(path, &error)) << error.toStdString();
  EXPECT_EQ(core::RunConfig::fromJson(readFile(dir / "run.json"), "run.json").toJson(),
            core::RunConfig::fromJson(c.toJson(), "c").toJson());

  app::RunSetupPage other;
  ASSERT_TRUE(other.openConfig(path, &error)) << error.toStdString();
  EXPECT_EQ(core::RunConfig::fromJson(other.config().toJson(), "other").toJson(),
            core::RunConfig::fromJson(c.toJson(), "c").toJson());
  EXPECT_TRUE(other.commandLine().contains(QStringLiteral("--task STS-B")));

  writeFile(dir / "bad.json", "{\"model\": \"/m\", \"lr\": 5}");
  EXPECT_FALSE(other.openConfig(qs(dir / "bad.json"), &error));
  EXPECT_TRUE(error.contains(QStringLiteral("lr"))) << error.toStdString();
  writeFile(dir / "broken.json", "{");
  EXPECT_FALSE(other.openConfig(qs(dir / "broken.json"), &error));
  EXPECT_TRUE(error.contains(QStringLiteral("broken.json"))) << error.toStdString();
}

}  // namespace
}  // namespace childtune::test
