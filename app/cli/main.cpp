// childtune-cli: the headless front end of ChildTune. Links the core only (no Qt).

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "childtune/build_info.h"
#include "childtune/error.h"
#include "childtune/runtime.h"
#include "cli_args.h"
#include "commands.h"

namespace {

constexpr const char* kUsage = R"(childtune-cli — Child-Tuning workbench, headless

Usage:
  childtune-cli inspect MODEL_DIR [--json]
      Architecture, vocabulary and parameter counts per layer and per module kind
      (query/key/value/attention-output/intermediate/output/layernorm/embeddings/pooler/head),
      read from config.json and the safetensors headers.
  childtune-cli tokenize MODEL_DIR TEXT [PAIR] [--max-length N] [--truncation STRATEGY]
                [--no-special-tokens] [--json]
      Token ids exactly as Hugging Face tokenizers produce them. STRATEGY: longest_first
      (default), only_first, only_second, none. Default max length 128.
  childtune-cli train --model DIR --task TASK [--data DIR] [--method METHOD] [--p P]
                [--lr LR] [--epochs N] [--batch-size N] [--max-length N] [--seed N]
                [--train-limit N [--random-subset]] [--eval-limit N] [--eval-every STEPS]
                [--warmup RATIO] [--weight-decay WD] [--reference-warmup] [--group-by-length]
                [--pad-to N] [--fisher batch-clipped|per-example] [--fisher-batches N]
                [--device cpu|cuda] [--threads N] [--config RUN.json] [--out DIR] [--json]
                [--precision fp32|bf16] [--checkpoint-every STEPS [--keep-checkpoints N]]
                [--save-model]
                [--resume CHECKPOINT_DIR] [--store PATH | --no-store]
      Fine-tunes MODEL on a GLUE task (CoLA, SST-2, MRPC, STS-B, QQP, MNLI, QNLI, RTE, WNLI)
      or a preset (SNLI, IMDB). METHOD: vanilla (default), ct-f, ct-d, ct-d-random,
      ct-d-lowest. P is p_F or p_D (default: the authors' value for the task). Defaults: lr
      2e-5, 3 epochs, batch 16, max length 128, warmup 0.1, weight decay 0.01, seed 42.
      --json prints JSON-lines events; --out DIR writes DIR/results.json. The run is
      recorded in the run store (default $CHILDTUNE_HOME/runs.sqlite) unless --no-store.
      --checkpoint-every writes DIR/checkpoints/step-N (weights, optimizer, RNG; the newest 2
      kept); --resume continues from one bit for bit on the CPU, with its configuration.
      --save-model writes the fine-tuned model and tokenizer to DIR/model. --precision bf16
      autocasts forward passes to bfloat16 (fast on CPUs with AVX512-BF16/AMX and on GPUs).
  childtune-cli fisher --model DIR --task TASK [--data DIR] [--method ct-d|ct-d-random|ct-d-lowest]
                [--p P_D] [--seed N] [--train-limit N [--random-subset]] [--max-length N]
                [--fisher batch-clipped|per-example] [--fisher-batches N] [--threads N]
                [--out DIR] [--json]
      Estimates the Fisher information on the task's training set and selects the child
      network, without training. Prints a layer x module table of the child fraction;
      --out DIR writes DIR/fisher.safetensors (scores), DIR/child_network.safetensors
      (0/1 masks) and DIR/child_network.json (summary).
  childtune-cli runs list [--task T] [--method M] [--status S] [--tag T] [--model M]
                [--sort created|task|method|status|model|score|name] [--asc] [--limit N] [--json]
  childtune-cli runs show ID [--json]
  childtune-cli runs compare ID ID... [--json]
      Final metrics, configuration differences (seed ignored) and dev scores by step.
  childtune-cli runs export ID [--format json|csv] [--table steps|evaluations]
  childtune-cli runs delete ID... [--yes]
      Asks for confirmation on a terminal; without a terminal, --yes is required.
  childtune-cli runs resume ID [--threads N] [--json]
      Continues an interrupted, failed or stopped run from its last checkpoint.
      Every runs command takes --store PATH (default $CHILDTUNE_HOME/runs.sqlite).
  childtune-cli runtime
      LibTorch version, threads, BLAS and CUDA devices.
  childtune-cli --help | --version

Environment:
  CHILDTUNE_GLUE_DIR  GLUE data (folders CoLA/, SST-2/, ...) when --data is not given
  CHILDTUNE_HOME      data folder (default ~/.local/share/childtune); models in $CHILDTUNE_HOME/models
  CHILDTUNE_THREADS   LibTorch threads (default: all cores)

Exit status: 0 on success, 1 when an input is bad (one line on stderr), 2 for a bad command line.
)";

int runRuntime() {
  const auto info = childtune::core::runtimeInfo();
  std::cout << "LibTorch   " << info.torchVersion << "\n"
            << "Threads    " << info.cpuThreads << " (" << info.parallelBackend << ")\n"
            << "BLAS       " << info.blas << "\n"
            << "CUDA       "
            << (info.cudaAvailable ? std::to_string(info.cudaDeviceCount) + " device(s)"
                                   : std::string("not available"))
            << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.empty()) {
      std::cerr << kUsage;
      return 2;
    }
    const std::string command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << kUsage;
      return 0;
    }
    if (command == "--version") {
      std::cout << "childtune-cli " << childtune::kVersion << "\n";
      return 0;
    }
    childtune::core::initializeRuntime();
    if (command == "inspect") {
      return childtune::app::cli::runInspect(rest);
    }
    if (command == "tokenize") {
      return childtune::app::cli::runTokenize(rest);
    }
    if (command == "train") {
      return childtune::app::cli::runTrain(rest);
    }
    if (command == "runs") {
      return childtune::app::cli::runRuns(rest);
    }
    if (command == "fisher") {
      return childtune::app::cli::runFisher(rest);
    }
    if (command == "runtime") {
      return runRuntime();
    }
    throw childtune::app::cli::UsageError("unknown command '" + command +
                                          "' (see childtune-cli --help)");
  } catch (const childtune::app::cli::UsageError& e) {
    std::cerr << "childtune-cli: " << e.what() << "\n";
    return 2;
  } catch (const childtune::Error& e) {
    std::cerr << "childtune-cli: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "childtune-cli: unexpected error: " << e.what() << "\n";
    return 1;
  }
}
