#pragma once
// Everything that defines a training run, as plain values (no torch): the GUI edits it, the CLI
// parses it, the run store keeps it as JSON. validate() is the one place settings are checked.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace childtune::core {

enum class Method {
  Vanilla,
  ChildTuningF,        // "ct-f"
  ChildTuningD,        // "ct-d"
  ChildTuningDRandom,  // "ct-d-random": ablation, random child network of Child-Tuning_D's size
  ChildTuningDLowest,  // "ct-d-lowest": ablation, the lowest-Fisher elements
};
std::string_view toString(Method method);  // "vanilla", "ct-f", ...
std::optional<Method> parseMethod(std::string_view text);
bool usesFisher(Method method);  // the three ct-d variants

enum class FisherMode {
  BatchClipped,  // the released code (default)
  PerExample,    // the paper's per-example definition
};

struct RunConfig {
  std::string modelDir;      // Hugging Face model folder
  std::string task = "RTE";  // GLUE task or preset name
  std::string dataDir;       // folder holding <TASK>/ ("" = CHILDTUNE_GLUE_DIR / home)
  Method method = Method::Vanilla;
  std::optional<double> reserveP;  // p_F or p_D; default: the authors' value for the task
  double learningRate = 2e-5;      // peak lr
  int epochs = 3;
  int batchSize = 16;
  int evalBatchSize = 64;
  int maxLength = 128;           // tokens incl. special tokens
  double warmupRatio = 0.1;      // of all optimizer steps
  bool referenceWarmup = false;  // released code: Child-Tuning runs get no warmup
  double weightDecay = 0.01;
  double maxGradNorm = 1.0;
  double adamEpsilon = 1e-8;
  uint64_t seed = 42;
  int64_t trainLimit = 0;      // 0 = all training examples
  bool randomSubset = false;   // trainLimit takes a seeded random subset, else the first N
  int64_t evalLimit = 0;       // 0 = the whole dev split
  int64_t evalEverySteps = 0;  // 0 = at the end of every epoch
  bool groupByLength = false;  // batches of similar lengths (less padding)
  int padTo = 0;               // > 0 pads every batch to this length (the released code: 128)
  FisherMode fisherMode = FisherMode::BatchClipped;
  int64_t fisherBatches = 0;         // 0 = one pass over the whole training set
  std::string device = "cpu";        // "cpu" | "cuda" | "cuda:N"
  std::string precision = "fp32";    // "fp32" | "bf16" (autocast of forward passes to bfloat16)
  int threads = 0;                   // LibTorch threads, 0 = all cores
  std::string outDir;                // results.json goes here when set
  int64_t checkpointEverySteps = 0;  // > 0: a checkpoint in outDir/checkpoints every N steps
  int keepCheckpoints = 2;           // the newest N checkpoints are kept
  bool saveFinalModel = false;       // outDir/model: the fine-tuned model in Hugging Face format

  // The p actually used (reserveP or the task's default).
  double effectiveP() const;
  // Throws Error{Config} naming the field and value.
  void validate() const;

  std::string toJson() const;
  // Throws Error{Config} for unknown fields, wrong types or invalid values.
  static RunConfig fromJson(std::string_view json, const std::string& sourceName);
};

}  // namespace childtune::core
