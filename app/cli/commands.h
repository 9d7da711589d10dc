#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "childtune/run_config.h"
#include "childtune/training_observer.h"
#include "cli_args.h"

namespace childtune::app::cli {

// Each command gets the arguments after its name and returns the process exit code. They throw
// UsageError for bad command lines and childtune::Error for bad inputs; main() reports both.
int runInspect(const std::vector<std::string>& args);
int runTokenize(const std::vector<std::string>& args);
int runTrain(const std::vector<std::string>& args);
int runRuns(const std::vector<std::string>& args);
int runFisher(const std::vector<std::string>& args);

// Applies the run options shared by `train` and `fisher` (--model, --task, --method, --p, --lr,
// ..., --out) that are present in `parsed` to `config`.
void applyRunOptions(const ParsedArgs& parsed, core::RunConfig& config);

// --store PATH, else the default run store ($CHILDTUNE_HOME/runs.sqlite).
std::filesystem::path storePathFrom(const ParsedArgs& parsed);

// One training job as `train` and `runs resume` run it: progress on the terminal (or JSON
// lines), recorded into the run store at storePath when it is set.
struct TrainSession {
  core::RunConfig config;
  bool json = false;
  std::optional<std::filesystem::path> storePath;
  // Set: continue this stored run from resumeCheckpoint (dir empty: from step 0).
  std::optional<int64_t> resumeRunId;
  core::CheckpointInfo resumeCheckpoint;
};
int executeTraining(const TrainSession& session);

}  // namespace childtune::app::cli
