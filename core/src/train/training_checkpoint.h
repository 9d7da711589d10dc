#pragma once
// Training checkpoints: everything needed to continue a run bit for bit on the CPU.
//
// A checkpoint is a folder <out>/checkpoints/step-00000123/ holding
//   model.safetensors      every parameter (float32, Hugging Face names)
//   optimizer.safetensors  Adam moments "exp_avg.<name>" / "exp_avg_sq.<name>", the fixed
//                          Child-Tuning_D masks "mask.<name>" (U8 0/1) and the CPU generator
//                          state "rng.cpu" (U8; dropout draws from it)
//   state.json             config, position (epoch, batch within the epoch, optimizer steps),
//                          losses and evaluations so far, timings, child-network statistics
// It is written into "step-N.partial" and renamed into place only when every file is complete
// and fsynced, so a folder named step-N is always whole; readers ignore *.partial.
// Child-Tuning_F needs no mask state: its masks are a pure function of (seed, step, tensor).
// On CUDA the CUDA generator is not saved: a resumed GPU run is statistically, not bitwise,
// the same run.

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "childtune/training_observer.h"
#include "io/safetensors.h"
#include "optim/child_tuning_adamw.h"

namespace childtune::core {

struct CheckpointMeta {
  std::string configJson;    // RunConfig::toJson() of the run that wrote it
  int64_t step = 0;          // optimizer steps done
  int epoch = 0;             // epoch of the next batch
  int64_t batchInEpoch = 0;  // index of the next batch within that epoch's order
  std::vector<double> losses;
  std::vector<EvalStats> evaluations;
  std::optional<EvalStats> final;
  std::optional<EvalStats> best;
  double trainSeconds = 0.0;
  double fisherSeconds = 0.0;
  std::optional<ChildNetworkStats> childNetwork;
  double childFraction = 1.0;
};

// Writes a checkpoint folder `dir` (must not exist yet; its parent must). `masks` is indexed
// like the optimizer's entries (undefined = no mask). Throws Error{Io} naming the file.
void writeTrainingCheckpoint(const std::filesystem::path& dir, const CheckpointMeta& meta,
                             const ChildTuningAdamW& optimizer,
                             const std::vector<torch::Tensor>& masks);

struct LoadedCheckpoint {
  CheckpointMeta meta;
  std::filesystem::path dir;
  io::SafetensorsFile model;
  io::SafetensorsFile state;
};

// Reads and validates a checkpoint folder. Throws Error{Io} when a file is missing, Error{Data}
// naming the file for malformed contents.
LoadedCheckpoint readTrainingCheckpoint(const std::filesystem::path& dir);

// Copies the checkpoint's parameters and moments into the optimizer's tensors (and so the
// model's), returns the masks by optimizer entry (undefined where none was saved), and restores
// the CPU generator. Throws Error{Model} naming the tensor on a missing name or shape mismatch.
std::vector<torch::Tensor> restoreTrainingCheckpoint(const LoadedCheckpoint& checkpoint,
                                                     ChildTuningAdamW& optimizer,
                                                     const torch::Device& device);

// The newest complete checkpoint folder in `checkpointsDir` (step-N with the largest N), if any.
std::optional<std::filesystem::path> latestCheckpoint(const std::filesystem::path& checkpointsDir);

// Deletes all but the newest `keep` complete checkpoints and every leftover *.partial folder.
void pruneCheckpoints(const std::filesystem::path& checkpointsDir, int keep);

std::string checkpointFolderName(int64_t step);  // "step-00000123"

// EvalStats <-> JSON, shared with results.json.
nlohmann::ordered_json evalStatsToJson(const EvalStats& e);
EvalStats evalStatsFromJson(const nlohmann::ordered_json& j);

}  // namespace childtune::core
