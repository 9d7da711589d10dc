// `childtune-cli train`: a whole fine-tuning run from the command line.

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "childtune/error.h"
#include "childtune/run_recorder.h"
#include "childtune/trainer.h"
#include "cli_args.h"
#include "cli_observer.h"
#include "commands.h"

namespace childtune::app::cli {

namespace {

double parseDouble(const ParsedArgs& args, const std::string& name, double fallback) {
  const auto text = args.value(name);
  if (!text) {
    return fallback;
  }
  try {
    size_t used = 0;
    const double v = std::stod(*text, &used);
    if (used != text->size() || !std::isfinite(v)) {
      throw std::invalid_argument("trailing");
    }
    return v;
  } catch (const std::exception&) {
    throw UsageError("option --" + name + " expects a number, got '" + *text + "'");
  }
}

}  // namespace

void applyRunOptions(const ParsedArgs& parsed, core::RunConfig& c) {
  if (auto v = parsed.value("model")) {
    c.modelDir = *v;
  }
  if (auto v = parsed.value("task")) {
    c.task = *v;
  }
  if (auto v = parsed.value("data")) {
    c.dataDir = *v;
  }
  if (auto v = parsed.value("method")) {
    const auto m = core::parseMethod(*v);
    if (!m) {
      throw UsageError(
          "option --method must be vanilla, ct-f, ct-d, ct-d-random or ct-d-lowest, got '" + *v +
          "'");
    }
    c.method = *m;
  }
  if (parsed.value("p")) {
    c.reserveP = parseDouble(parsed, "p", 0.3);
  }
  c.learningRate = parseDouble(parsed, "lr", c.learningRate);
  c.epochs = static_cast<int>(parsed.intValue("epochs", 1, 1000).value_or(c.epochs));
  c.batchSize = static_cast<int>(parsed.intValue("batch-size", 1, 4096).value_or(c.batchSize));
  c.maxLength = static_cast<int>(parsed.intValue("max-length", 4, 8192).value_or(c.maxLength));
  c.seed = static_cast<uint64_t>(
      parsed.intValue("seed", 0, (1LL << 62)).value_or(static_cast<long long>(c.seed)));
  c.trainLimit = parsed.intValue("train-limit", 0, 1LL << 40).value_or(c.trainLimit);
  if (parsed.flag("random-subset")) {
    c.randomSubset = true;
  }
  c.evalLimit = parsed.intValue("eval-limit", 0, 1LL << 40).value_or(c.evalLimit);
  c.evalEverySteps = parsed.intValue("eval-every", 0, 1LL << 40).value_or(c.evalEverySteps);
  c.warmupRatio = parseDouble(parsed, "warmup", c.warmupRatio);
  c.weightDecay = parseDouble(parsed, "weight-decay", c.weightDecay);
  if (parsed.flag("reference-warmup")) {
    c.referenceWarmup = true;
  }
  if (parsed.flag("group-by-length")) {
    c.groupByLength = true;
  }
  c.padTo = static_cast<int>(parsed.intValue("pad-to", 0, 8192).value_or(c.padTo));
  if (auto v = parsed.value("fisher")) {
    if (*v != "batch-clipped" && *v != "per-example") {
      throw UsageError("option --fisher must be batch-clipped or per-example, got '" + *v + "'");
    }
    c.fisherMode =
        *v == "per-example" ? core::FisherMode::PerExample : core::FisherMode::BatchClipped;
  }
  c.fisherBatches = parsed.intValue("fisher-batches", 0, 1LL << 40).value_or(c.fisherBatches);
  if (auto v = parsed.value("device")) {
    c.device = *v;
  }
  if (auto v = parsed.value("precision")) {
    c.precision = *v;
  }
  c.threads = static_cast<int>(parsed.intValue("threads", 0, 1024).value_or(c.threads));
  if (auto v = parsed.value("out")) {
    c.outDir = *v;
  }
  c.checkpointEverySteps =
      parsed.intValue("checkpoint-every", 0, 1LL << 40).value_or(c.checkpointEverySteps);
  c.keepCheckpoints =
      static_cast<int>(parsed.intValue("keep-checkpoints", 1, 1000).value_or(c.keepCheckpoints));
  if (parsed.flag("save-model")) {
    c.saveFinalModel = true;
  }
}

int runTrain(const std::vector<std::string>& args) {
  const ParsedArgs parsed(args, {{"config", true},
                                 {"model", true},
                                 {"task", true},
                                 {"data", true},
                                 {"method", true},
                                 {"p", true},
                                 {"lr", true},
                                 {"epochs", true},
                                 {"batch-size", true},
                                 {"max-length", true},
                                 {"seed", true},
                                 {"train-limit", true},
                                 {"random-subset", false},
                                 {"eval-limit", true},
                                 {"eval-every", true},
                                 {"warmup", true},
                                 {"weight-decay", true},
                                 {"reference-warmup", false},
                                 {"group-by-length", false},
                                 {"pad-to", true},
                                 {"fisher", true},
                                 {"fisher-batches", true},
                                 {"device", true},
                                 {"threads", true},
                                 {"precision", true},
                                 {"out", true},
                                 {"checkpoint-every", true},
                                 {"keep-checkpoints", true},
                                 {"save-model", false},
                                 {"resume", true},
                                 {"store", true},
                                 {"no-store", false},
                                 {"json", false}});
  if (!parsed.positional().empty()) {
    throw UsageError("train takes no positional arguments, got '" + parsed.positional()[0] + "'");
  }
  core::RunConfig c;
  const auto resumeDir = parsed.value("resume");
  if (resumeDir) {
    if (parsed.value("config")) {
      throw UsageError("--resume reads the configuration from the checkpoint: drop --config");
    }
    c = core::Trainer::checkpointConfig(*resumeDir);
  }
  if (const auto file = parsed.value("config")) {
    std::ifstream in(*file, std::ios::binary);
    if (!in) {
      throw Error(ErrorCode::Io, *file + ": cannot open the run configuration");
    }
    std::ostringstream text;
    text << in.rdbuf();
    c = core::RunConfig::fromJson(text.str(), *file);
  }
  applyRunOptions(parsed, c);
  if (c.modelDir.empty()) {
    throw UsageError("train needs --model DIR");
  }
  c.validate();

  TrainSession session;
  session.config = c;
  session.json = parsed.flag("json");
  if (resumeDir) {
    session.resumeCheckpoint.dir = *resumeDir;
  }
  if (!parsed.flag("no-store")) {
    session.storePath = storePathFrom(parsed);
  } else if (parsed.value("store")) {
    throw UsageError("--store and --no-store contradict each other");
  }
  return executeTraining(session);
}

int executeTraining(const TrainSession& session) {
  const core::RunConfig& c = session.config;
  const bool json = session.json;
  CliObserver observer(json, isatty(STDERR_FILENO) != 0);
  std::unique_ptr<core::RunRecorder> recorder;
  if (session.storePath) {
    recorder = session.resumeRunId
                   ? core::RunRecorder::resume(*session.storePath, *session.resumeRunId,
                                               session.resumeCheckpoint.step, &observer)
                   : core::RunRecorder::start(*session.storePath, c, &observer);
    if (json) {
      std::cout << nlohmann::ordered_json{{"event", "run"},
                                          {"run_id", recorder->runId()},
                                          {"store", session.storePath->string()}}
                       .dump()
                << "\n"
                << std::flush;
    } else {
      std::cerr << (session.resumeRunId ? "resuming run " : "recording run ") << recorder->runId()
                << " in " << session.storePath->string() << "\n";
    }
  }
  core::TrainingObserver* observed =
      recorder ? static_cast<core::TrainingObserver*>(recorder.get()) : &observer;
  core::Trainer trainer(c, observed);
  core::RunResult result;
  try {
    result = session.resumeCheckpoint.dir.empty() ? trainer.run()
                                                  : trainer.resume(session.resumeCheckpoint.dir);
    if (recorder) {
      recorder->finish();
    }
  } catch (const Error& e) {
    if (recorder) {
      recorder->fail(e);
    }
    throw;
  } catch (const std::exception& e) {
    if (recorder) {
      recorder->fail(std::string("unexpected error: ") + e.what());
    }
    throw;
  }
  if (json) {
    nlohmann::ordered_json j;
    j["event"] = "result";
    j["result"] = nlohmann::ordered_json::parse(result.toJson());
    std::cout << j.dump() << "\n";
  } else {
    std::cout << "final (" << result.final.split << ", step " << result.final.step << "):";
    for (const auto& [name, value] : result.final.metrics) {
      std::cout << " " << name << " " << value;
    }
    std::cout << "\n";
    if (!c.outDir.empty()) {
      std::cout << "results: " << c.outDir << "/results.json\n";
    }
  }
  return 0;
}

}  // namespace childtune::app::cli
