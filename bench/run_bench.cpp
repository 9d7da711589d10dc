// A whole training run through core::Trainer (what `childtune-cli train` runs), for the memory
// and same-seed quality comparisons with bench/reference/peer.py run, and for bf16 autocast.
//
//   bench_run --task RTE --method ct-d --epochs 1 --seed 42 [--train-limit N] [--pad 128] [--bf16]
//
// Prints the final dev metric, timings and this process's peak resident memory (VmHWM).
// --bf16 sets RunConfig::precision = "bf16", as `childtune-cli train --precision bf16` does: the
// trainer autocasts its training and evaluation forward passes (the Fisher pass stays fp32).

#include <nlohmann/json.hpp>

#include "bench_util.h"
#include "childtune/run_config.h"
#include "childtune/trainer.h"
#include "util/cpu_allocator.h"

int main(int argc, char** argv) try {
  using namespace childtune;
  using namespace childtune::bench;
  const Args args(argc, argv,
                  {{"model", envOr("CHILDTUNE_MODEL_DIR", "")},
                   {"glue", envOr("CHILDTUNE_GLUE_DIR", "")},
                   {"task", "RTE"},
                   {"method", "vanilla"},
                   {"epochs", "1"},
                   {"seed", "42"},
                   {"lr", "2e-5"},
                   {"train-limit", "0"},
                   {"eval-limit", "0"},
                   {"pad", "0"},
                   {"threads", "2"},
                   {"bf16", "false"}});
  core::RunConfig config;
  config.modelDir = args.str("model");
  config.dataDir = args.str("glue");
  config.task = args.str("task");
  const auto method = core::parseMethod(args.str("method"));
  if (!method) {
    throw std::runtime_error("unknown method " + args.str("method"));
  }
  config.method = *method;
  config.epochs = static_cast<int>(args.integer("epochs"));
  config.seed = static_cast<uint64_t>(args.integer("seed"));
  config.learningRate = args.real("lr");
  config.trainLimit = args.integer("train-limit");
  config.evalLimit = args.integer("eval-limit");
  config.padTo = static_cast<int>(args.integer("pad"));
  config.threads = static_cast<int>(args.integer("threads"));
  const bool bf16 = args.flag("bf16");
  if (bf16) {
    config.precision = "bf16";  // the product path: the trainer autocasts its forward passes
  }
  core::Trainer trainer(config, nullptr);
  const auto result = trainer.run();
  nlohmann::ordered_json out;
  out["impl"] = "childtune";
  out["mode"] = "run";
  out["task"] = config.task;
  out["method"] = args.str("method");
  out["seed"] = config.seed;
  out["epochs"] = config.epochs;
  out["pad"] = config.padTo;
  out["bf16"] = bf16;
  out["train_examples"] = result.trainExamples;
  double accuracy = 0.0;
  for (const auto& [name, value] : result.final.metrics) {
    if (name == "accuracy") {
      accuracy = value;
    }
  }
  out["accuracy"] = accuracy;
  out["combined"] = result.final.combined;
  out["fisher_s"] = result.fisherSeconds;
  out["train_s"] = result.trainSeconds;
  out["total_s"] = result.totalSeconds;
  out["peak_rss_mib"] = peakRssMiB();
  out["cpu_allocator"] = core::cpuAllocatorStats().installed ? "recycling" : "system";
  std::cout << out.dump() << std::endl;
  return 0;
} catch (const std::exception& e) {
  std::cerr << "bench_run: " << e.what() << "\n";
  return 1;
}
