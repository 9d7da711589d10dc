// Training-step throughput of ChildTune's engine on a real model and real GLUE batches: the
// same loop as core::Trainer (collate, forward, loss, backward, global clip, ChildTuningAdamW
// step, zero grad), timed phase by phase. One configuration per process; bench/run.sh runs it
// interleaved with the Python peer (bench/reference/peer.py train) on the same examples: the first
// (warmup + steps) * batch training examples in file order, consecutive batches.
//
//   bench_train --task RTE --method ct-d --pad 128 --steps 20 [--bf16] [--mode fisher]
//               [--profile trace.json] [--torch-dropout] [--device cuda]
//
// --mode train  : examples/s, tokens/s (real tokens), per-phase medians in ms.
// --mode fisher : one Fisher pass (released estimator) over the batches vs forward+backward alone.
// --bf16        : autocast to bfloat16 for forward and loss, as the trainer and the peer do.
// --device      : cpu (default) or cuda[:N]; phase timings synchronize the device.

#include <torch/csrc/autograd/profiler_legacy.h>
#include <torch/cuda.h>

#include <nlohmann/json.hpp>

#include "bench_util.h"
#include "childtune/runtime.h"
#include "childtune/tasks.h"
#include "childtune/tokenizer.h"
#include "fisher/child_network.h"
#include "model/checkpoint.h"
#include "model/fast_dropout.h"
#include "model/torch_compat.h"
#include "optim/child_tuning_adamw.h"
#include "optim/gradient_masker.h"
#include "train/batch.h"
#include "util/cpu_allocator.h"

namespace {

using namespace childtune;
using namespace childtune::bench;

struct Data {
  std::vector<core::Batch> batches;
  int64_t examples = 0;
  int64_t realTokens = 0;
  int64_t paddedTokens = 0;
};

Data makeBatches(const std::string& glueDir, const std::string& taskName,
                 const core::Tokenizer& tokenizer, int64_t numBatches, int64_t batchSize,
                 int64_t padTo, int64_t padMultiple, int maxLength) {
  const auto& task = core::taskByName(taskName);
  const auto split = core::loadTaskSplit(glueDir, task, core::Split::Train);
  const auto need = static_cast<size_t>(numBatches * batchSize);
  if (split.examples.size() < need) {
    throw std::runtime_error(taskName + " has fewer than " + std::to_string(need) + " examples");
  }
  core::EncodeOptions options;
  options.maxLength = maxLength;
  std::vector<core::Encoding> encodings;
  std::vector<int64_t> labels;
  for (size_t i = 0; i < need; ++i) {
    const auto& ex = split.examples[i];
    std::optional<std::string_view> pair;
    if (ex.pair) {
      pair = *ex.pair;
    }
    encodings.push_back(tokenizer.encode(ex.text, pair, options));
    labels.push_back(ex.label);
  }
  Data data;
  for (int64_t b = 0; b < numBatches; ++b) {
    std::vector<const core::Encoding*> encs;
    std::vector<int64_t> ids;
    std::vector<float> scores;
    for (int64_t i = b * batchSize; i < (b + 1) * batchSize; ++i) {
      encs.push_back(&encodings[static_cast<size_t>(i)]);
      ids.push_back(labels[static_cast<size_t>(i)]);
      scores.push_back(0.0f);
    }
    auto batch = core::collate(encs, ids, scores, false, tokenizer.padId(), padTo, padMultiple);
    data.examples += batch.size();
    data.realTokens += batch.numTokens;
    data.paddedTokens += batch.inputIds.numel();
    data.batches.push_back(std::move(batch));
  }
  return data;
}

std::unique_ptr<core::GradientMasker> makeMasker(const std::string& method, double p,
                                                 core::SequenceClassifier& model,
                                                 const std::vector<core::Batch>& fisherBatches,
                                                 const std::vector<std::string>& names,
                                                 const torch::Device& device) {
  if (method == "vanilla") {
    return nullptr;
  }
  if (method == "ct-f") {
    return std::make_unique<core::BernoulliMasker>(p, 42);
  }
  if (method != "ct-d") {
    throw std::runtime_error("unknown method " + method);
  }
  const auto fisher = core::estimateFisher(model, fisherBatches, core::FisherOptions{}, device);
  const auto child = core::selectChildNetwork(fisher, p);
  std::vector<torch::Tensor> masks(names.size());
  for (size_t i = 0; i < child.names.size(); ++i) {
    const auto it = std::find(names.begin(), names.end(), child.names[i]);
    masks[static_cast<size_t>(it - names.begin())] = child.masks[i].to(device);
  }
  return std::make_unique<core::FixedMasker>(std::move(masks));
}

}  // namespace

int main(int argc, char** argv) try {
  const Args args(argc, argv,
                  {{"model", envOr("CHILDTUNE_MODEL_DIR", "")},
                   {"glue", envOr("CHILDTUNE_GLUE_DIR", "")},
                   {"task", "RTE"},
                   {"method", "vanilla"},
                   {"p", "0.3"},
                   {"pad", "0"},
                   {"batch", "16"},
                   {"max-length", "128"},
                   {"steps", "20"},
                   {"warmup", "3"},
                   {"fisher-batches", "8"},
                   {"threads", "2"},
                   {"mode", "train"},
                   {"bf16", "false"},
                   {"profile", ""},
                   {"torch-dropout", "false"},
                   {"device", "cpu"}});
  core::initializeRuntime(static_cast<int>(args.integer("threads")));
  // As the trainer (CHILDTUNE_CPU_ALLOCATOR=system keeps LibTorch's).
  const bool recycling = core::installRecyclingCpuAllocator();
  torch::manual_seed(42);
  // --torch-dropout: torch::dropout instead of core::applyDropout (before/after in one build).
  core::detail::setUseTorchDropout(args.flag("torch-dropout"));
  const bool bf16 = args.flag("bf16");
  const torch::Device device(args.str("device"));
  if (device.is_cuda() && !torch::cuda::is_available()) {
    throw std::runtime_error("--device " + args.str("device") + ": CUDA is not available");
  }
  // Device work is asynchronous: phase boundaries wait for it.
  const auto sync = [&device] {
    if (device.is_cuda()) {
      torch::cuda::synchronize(device.has_index() ? device.index() : -1);
    }
  };
  const auto& task = core::taskByName(args.str("task"));
  core::LoadOptions loadOptions;
  loadOptions.numLabels = task.numLabels;
  auto loaded = core::loadPretrained(args.str("model"), loadOptions);
  auto& model = loaded.model;
  model->to(device);
  // --pad 128 is the engine-only comparison with the peer: every padded position is computed,
  // as transformers does. The default (--pad 0) is the product: dynamic padding, pad tokens
  // skipped in training.
  const bool skipPadding = args.integer("pad") == 0;
  model->setSkipPadding(skipPadding);
  const auto tokenizer = core::Tokenizer::fromDirectory(args.str("model"), loaded.config.modelType);
  const int64_t steps = args.integer("steps");
  const int64_t warmup = args.integer("warmup");
  auto data = makeBatches(args.str("glue"), args.str("task"), *tokenizer, warmup + steps,
                          args.integer("batch"), args.integer("pad"),
                          core::padMultipleFor(device),  // as the trainer pads
                          static_cast<int>(args.integer("max-length")));
  for (auto& batch : data.batches) {
    batch = batch.to(device);
  }
  // One step's forward and loss, under bf16 autocast when asked (backward runs outside it).
  const auto forwardLoss = [&](const core::Batch& b) {
    const core::compat::AutocastGuard autocast(device.type(), bf16);
    return model->loss(model->forward(b.inputIds, b.tokenTypeIds, b.attentionMask).logits,
                       b.labels);
  };

  nlohmann::ordered_json out;
  out["impl"] = "childtune";
  out["torch"] = core::runtimeInfo().torchVersion;
  out["blas"] = core::runtimeInfo().blas;
  out["task"] = args.str("task");
  out["pad"] = args.integer("pad");
  out["skip_padding"] = skipPadding;
  out["threads"] = at::get_num_threads();
  out["bf16"] = bf16;
  out["device"] = device.str();
  out["dropout"] = args.flag("torch-dropout") ? "torch" : "counter";
  out["cpu_allocator"] = recycling ? "recycling" : "system";

  if (args.str("mode") == "fisher") {
    // The same batches twice: forward+backward only (an epoch without optimizer), then the
    // released Fisher estimator (adds per-tensor clipping and squared-gradient accumulation).
    model->train();
    std::vector<core::Batch> timed(data.batches.begin() + warmup, data.batches.end());
    for (int64_t i = 0; i < warmup; ++i) {
      forwardLoss(data.batches[static_cast<size_t>(i)]).backward();
      model->zero_grad();
    }
    sync();
    const auto t0 = Clock::now();
    for (const auto& b : timed) {
      forwardLoss(b).backward();
      model->zero_grad();
    }
    sync();
    const double plain = secondsSince(t0);
    const auto t1 = Clock::now();
    const auto fisher = core::estimateFisher(model, timed, core::FisherOptions{}, device);
    sync();
    const double fisherSeconds = secondsSince(t1);
    out["mode"] = "fisher";
    out["batches"] = static_cast<int64_t>(timed.size());
    out["fwd_bwd_s"] = plain;
    out["fisher_s"] = fisherSeconds;
    out["ratio"] = fisherSeconds / plain;
    out["fisher_elements"] = fisher.numElements();
    std::cout << out.dump() << std::endl;
    return 0;
  }

  std::vector<std::pair<std::string, torch::Tensor>> named;
  std::vector<std::string> names;
  std::vector<torch::Tensor> params;
  for (const auto& item : model->named_parameters(true)) {
    named.emplace_back(item.key(), item.value());
    names.push_back(item.key());
    params.push_back(item.value());
  }
  core::ChildTuningAdamW optimizer(named, core::AdamWOptions{});
  const std::vector<core::Batch> fisherBatches(
      data.batches.begin(),
      data.batches.begin() + std::min<int64_t>(args.integer("fisher-batches"),
                                               static_cast<int64_t>(data.batches.size())));
  optimizer.setMasker(
      makeMasker(args.str("method"), args.real("p"), model, fisherBatches, names, device));
  // As the trainer, except on its every tenth step that samples Child-Tuning_F's mask density.
  optimizer.setKeepMaskedGradients(false);

  model->train();
  // --profile FILE: LibTorch's operator profiler over the timed steps (chrome trace JSON), to
  // compare operator by operator with the peer's torch.profiler (peer.py train --profile).
  std::optional<torch::autograd::profiler::RecordProfile> profiler;
  std::vector<double> stepMs;
  std::vector<double> fwdMs;
  std::vector<double> bwdMs;
  std::vector<double> clipMs;
  std::vector<double> optMs;
  int64_t examples = 0;
  int64_t tokens = 0;
  double timedSeconds = 0.0;
  for (int64_t s = 0; s < warmup + steps; ++s) {
    const auto& b = data.batches[static_cast<size_t>(s)];
    if (s == warmup && !args.str("profile").empty()) {
      profiler.emplace(args.str("profile"));
    }
    const auto t0 = Clock::now();
    auto loss = forwardLoss(b);
    (void)loss.item<double>();  // the trainer reads the loss every step
    const auto t1 = Clock::now();
    loss.backward();
    sync();
    const auto t2 = Clock::now();
    core::clipGradNorm(params, 1.0);
    sync();
    const auto t3 = Clock::now();
    optimizer.step(2e-5);
    optimizer.zeroGrad();
    sync();
    const auto t4 = Clock::now();
    if (s < warmup) {
      continue;
    }
    auto ms = [](Clock::time_point a, Clock::time_point z) {
      return std::chrono::duration<double, std::milli>(z - a).count();
    };
    fwdMs.push_back(ms(t0, t1));
    bwdMs.push_back(ms(t1, t2));
    clipMs.push_back(ms(t2, t3));
    optMs.push_back(ms(t3, t4));
    stepMs.push_back(ms(t0, t4));
    timedSeconds += ms(t0, t4) / 1000.0;
    examples += b.size();
    tokens += b.numTokens;
  }
  profiler.reset();  // writes the trace
  out["mode"] = "train";
  out["method"] = args.str("method");
  out["steps"] = steps;
  out["examples_per_s"] = static_cast<double>(examples) / timedSeconds;
  out["tokens_per_s"] = static_cast<double>(tokens) / timedSeconds;
  out["seq_len_mean"] = static_cast<double>(data.paddedTokens) / static_cast<double>(data.examples);
  out["step_ms"] = median(stepMs);
  out["fwd_ms"] = median(fwdMs);
  out["bwd_ms"] = median(bwdMs);
  out["clip_ms"] = median(clipMs);
  out["opt_ms"] = median(optMs);
  out["peak_rss_mib"] = peakRssMiB();
  std::cout << out.dump() << std::endl;
  return 0;
} catch (const std::exception& e) {
  std::cerr << "bench_train: " << e.what() << "\n";
  return 1;
}
