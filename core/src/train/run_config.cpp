#include "childtune/run_config.h"

#include <nlohmann/json.hpp>

#include <sstream>

#include "childtune/error.h"
#include "childtune/tasks.h"

namespace childtune::core {

namespace {

constexpr std::pair<Method, std::string_view> kMethods[] = {
    {Method::Vanilla, "vanilla"},
    {Method::ChildTuningF, "ct-f"},
    {Method::ChildTuningD, "ct-d"},
    {Method::ChildTuningDRandom, "ct-d-random"},
    {Method::ChildTuningDLowest, "ct-d-lowest"},
};

[[noreturn]] void bad(const std::string& field, const std::string& problem) {
  throw Error(ErrorCode::Config, "setting '" + field + "' " + problem);
}

std::string num(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

}  // namespace

std::string_view toString(Method method) {
  for (const auto& [m, name] : kMethods) {
    if (m == method) {
      return name;
    }
  }
  return "vanilla";
}

std::optional<Method> parseMethod(std::string_view text) {
  for (const auto& [m, name] : kMethods) {
    if (name == text) {
      return m;
    }
  }
  return std::nullopt;
}

bool usesFisher(Method method) {
  return method == Method::ChildTuningD || method == Method::ChildTuningDRandom ||
         method == Method::ChildTuningDLowest;
}

double RunConfig::effectiveP() const {
  if (reserveP) {
    return *reserveP;
  }
  if (method == Method::Vanilla) {
    return 1.0;
  }
  const TaskSpec* spec = findTask(task);
  if (spec == nullptr) {
    return 0.3;
  }
  return method == Method::ChildTuningF ? spec->childTuning.pF : spec->childTuning.pD;
}

void RunConfig::validate() const {
  if (modelDir.empty()) {
    bad("model", "is empty: choose a model folder");
  }
  if (findTask(task) == nullptr) {
    std::string names;
    for (const auto& t : allTasks()) {
      names += (names.empty() ? "" : ", ") + t.name;
    }
    bad("task", "'" + task + "' is not a known task (known: " + names + ")");
  }
  if (reserveP && !(*reserveP > 0.0 && *reserveP <= 1.0)) {
    bad("p", "must be in (0, 1], got " + num(*reserveP));
  }
  if (!(learningRate > 0.0 && learningRate < 1.0)) {
    bad("lr", "must be in (0, 1), got " + num(learningRate));
  }
  if (epochs < 1 || epochs > 1000) {
    bad("epochs", "must be between 1 and 1000, got " + std::to_string(epochs));
  }
  if (batchSize < 1 || batchSize > 4096) {
    bad("batch-size", "must be between 1 and 4096, got " + std::to_string(batchSize));
  }
  if (evalBatchSize < 1 || evalBatchSize > 4096) {
    bad("eval-batch-size", "must be between 1 and 4096, got " + std::to_string(evalBatchSize));
  }
  if (maxLength < 4 || maxLength > 8192) {
    bad("max-length", "must be between 4 and 8192, got " + std::to_string(maxLength));
  }
  if (!(warmupRatio >= 0.0 && warmupRatio <= 1.0)) {
    bad("warmup", "must be in [0, 1], got " + num(warmupRatio));
  }
  if (!(weightDecay >= 0.0 && weightDecay < 1.0)) {
    bad("weight-decay", "must be in [0, 1), got " + num(weightDecay));
  }
  if (!(maxGradNorm > 0.0)) {
    bad("max-grad-norm", "must be positive, got " + num(maxGradNorm));
  }
  if (!(adamEpsilon > 0.0 && adamEpsilon < 1.0)) {
    bad("adam-epsilon", "must be in (0, 1), got " + num(adamEpsilon));
  }
  if (trainLimit < 0) {
    bad("train-limit", "must be >= 0, got " + std::to_string(trainLimit));
  }
  if (evalLimit < 0) {
    bad("eval-limit", "must be >= 0, got " + std::to_string(evalLimit));
  }
  if (evalEverySteps < 0) {
    bad("eval-every", "must be >= 0, got " + std::to_string(evalEverySteps));
  }
  if (padTo < 0 || padTo > maxLength) {
    bad("pad-to", "must be between 0 and max-length (" + std::to_string(maxLength) + "), got " +
                      std::to_string(padTo));
  }
  if (fisherBatches < 0) {
    bad("fisher-batches", "must be >= 0, got " + std::to_string(fisherBatches));
  }
  if (device != "cpu" && device != "cuda" && !device.starts_with("cuda:")) {
    bad("device", "must be cpu, cuda or cuda:N, got '" + device + "'");
  }
  if (precision != "fp32" && precision != "bf16") {
    bad("precision", "must be fp32 or bf16, got '" + precision + "'");
  }
  if (threads < 0) {
    bad("threads", "must be >= 0, got " + std::to_string(threads));
  }
  if (checkpointEverySteps < 0) {
    bad("checkpoint-every", "must be >= 0, got " + std::to_string(checkpointEverySteps));
  }
  if (checkpointEverySteps > 0 && outDir.empty()) {
    bad("checkpoint-every", "needs an output folder (--out DIR) to write checkpoints into");
  }
  if (keepCheckpoints < 1) {
    bad("keep-checkpoints", "must be >= 1, got " + std::to_string(keepCheckpoints));
  }
  if (saveFinalModel && outDir.empty()) {
    bad("save-model", "needs an output folder (--out DIR)");
  }
}

std::string RunConfig::toJson() const {
  nlohmann::ordered_json j;
  j["model"] = modelDir;
  j["task"] = task;
  j["data_dir"] = dataDir;
  j["method"] = std::string(toString(method));
  j["p"] = effectiveP();
  j["lr"] = learningRate;
  j["epochs"] = epochs;
  j["batch_size"] = batchSize;
  j["eval_batch_size"] = evalBatchSize;
  j["max_length"] = maxLength;
  j["warmup_ratio"] = warmupRatio;
  j["reference_warmup"] = referenceWarmup;
  j["weight_decay"] = weightDecay;
  j["max_grad_norm"] = maxGradNorm;
  j["adam_epsilon"] = adamEpsilon;
  j["seed"] = seed;
  j["train_limit"] = trainLimit;
  j["random_subset"] = randomSubset;
  j["eval_limit"] = evalLimit;
  j["eval_every"] = evalEverySteps;
  j["group_by_length"] = groupByLength;
  j["pad_to"] = padTo;
  j["fisher"] = fisherMode == FisherMode::PerExample ? "per-example" : "batch-clipped";
  j["fisher_batches"] = fisherBatches;
  j["device"] = device;
  j["precision"] = precision;
  j["threads"] = threads;
  j["out_dir"] = outDir;
  j["checkpoint_every"] = checkpointEverySteps;
  j["keep_checkpoints"] = keepCheckpoints;
  j["save_model"] = saveFinalModel;
  return j.dump(2);
}

RunConfig RunConfig::fromJson(std::string_view text, const std::string& sourceName) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(ErrorCode::Config, sourceName + ": not valid JSON: " + e.what());
  }
  if (!j.is_object()) {
    throw Error(ErrorCode::Config, sourceName + ": a run configuration must be a JSON object");
  }
  RunConfig c;
  for (const auto& [key, value] : j.items()) {
    try {
      if (key == "model") {
        c.modelDir = value.get<std::string>();
      } else if (key == "task") {
        c.task = value.get<std::string>();
      } else if (key == "data_dir") {
        c.dataDir = value.get<std::string>();
      } else if (key == "method") {
        const auto m = parseMethod(value.get<std::string>());
        if (!m) {
          throw Error(ErrorCode::Config, sourceName + ": unknown method '" +
                                             value.get<std::string>() +
                                             "' (vanilla, ct-f, ct-d, ct-d-random, ct-d-lowest)");
        }
        c.method = *m;
      } else if (key == "p") {
        c.reserveP = value.get<double>();
      } else if (key == "lr") {
        c.learningRate = value.get<double>();
      } else if (key == "epochs") {
        c.epochs = value.get<int>();
      } else if (key == "batch_size") {
        c.batchSize = value.get<int>();
      } else if (key == "eval_batch_size") {
        c.evalBatchSize = value.get<int>();
      } else if (key == "max_length") {
        c.maxLength = value.get<int>();
      } else if (key == "warmup_ratio") {
        c.warmupRatio = value.get<double>();
      } else if (key == "reference_warmup") {
        c.referenceWarmup = value.get<bool>();
      } else if (key == "weight_decay") {
        c.weightDecay = value.get<double>();
      } else if (key == "max_grad_norm") {
        c.maxGradNorm = value.get<double>();
      } else if (key == "adam_epsilon") {
        c.adamEpsilon = value.get<double>();
      } else if (key == "seed") {
        c.seed = value.get<uint64_t>();
      } else if (key == "train_limit") {
        c.trainLimit = value.get<int64_t>();
      } else if (key == "random_subset") {
        c.randomSubset = value.get<bool>();
      } else if (key == "eval_limit") {
        c.evalLimit = value.get<int64_t>();
      } else if (key == "eval_every") {
        c.evalEverySteps = value.get<int64_t>();
      } else if (key == "group_by_length") {
        c.groupByLength = value.get<bool>();
      } else if (key == "pad_to") {
        c.padTo = value.get<int>();
      } else if (key == "fisher") {
        const auto f = value.get<std::string>();
        if (f != "per-example" && f != "batch-clipped") {
          throw Error(ErrorCode::Config, sourceName +
                                             ": 'fisher' must be batch-clipped or "
                                             "per-example, got '" +
                                             f + "'");
        }
        c.fisherMode = f == "per-example" ? FisherMode::PerExample : FisherMode::BatchClipped;
      } else if (key == "fisher_batches") {
        c.fisherBatches = value.get<int64_t>();
      } else if (key == "device") {
        c.device = value.get<std::string>();
      } else if (key == "precision") {
        c.precision = value.get<std::string>();
      } else if (key == "threads") {
        c.threads = value.get<int>();
      } else if (key == "out_dir") {
        c.outDir = value.get<std::string>();
      } else if (key == "checkpoint_every") {
        c.checkpointEverySteps = value.get<int64_t>();
      } else if (key == "keep_checkpoints") {
        c.keepCheckpoints = value.get<int>();
      } else if (key == "save_model") {
        c.saveFinalModel = value.get<bool>();
      } else {
        throw Error(ErrorCode::Config, sourceName + ": unknown setting '" + key + "'");
      }
    } catch (const nlohmann::json::exception& e) {
      throw Error(ErrorCode::Config,
                  sourceName + ": setting '" + key + "' has the wrong type: " + value.dump());
    }
  }
  c.validate();
  return c;
}

}  // namespace childtune::core
