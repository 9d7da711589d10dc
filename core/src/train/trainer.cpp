#include "childtune/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <cstdio>
#include <fstream>
#include <mutex>
#include <numeric>
#include <thread>

#include <nlohmann/json.hpp>

#include "childtune/build_info.h"
#include "childtune/error.h"
#include "childtune/fisher_summary.h"
#include "childtune/metrics.h"
#include "childtune/model_info.h"
#include "childtune/runtime.h"
#include "childtune/tasks.h"
#include "childtune/tokenizer.h"
#include "fisher/child_network.h"
#include "io/atomic_file.h"
#include "model/checkpoint.h"
#include "model/torch_compat.h"
#include "optim/child_tuning_adamw.h"
#include "train/batch.h"
#include "train/training_checkpoint.h"
#include "train/weight_movement.h"
#include "util/cpu_allocator.h"
#include "util/sha256.h"

namespace childtune::core {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string_view toString(Phase phase) {
  switch (phase) {
    case Phase::Loading:
      return "loading";
    case Phase::Tokenizing:
      return "tokenizing";
    case Phase::Fisher:
      return "fisher";
    case Phase::Training:
      return "training";
    case Phase::Evaluating:
      return "evaluating";
    case Phase::Paused:
      return "paused";
    case Phase::Finished:
      return "finished";
  }
  return "unknown";
}

namespace {

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A documented, library-independent shuffle (std::shuffle's output differs between standard
// libraries): Fisher-Yates driven by splitmix64.
std::vector<int64_t> shuffledIndices(int64_t n, uint64_t seed) {
  std::vector<int64_t> idx(static_cast<size_t>(n));
  std::iota(idx.begin(), idx.end(), 0);
  uint64_t state = seed;
  auto next = [&state]() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  };
  for (int64_t i = n - 1; i > 0; --i) {
    const auto j = static_cast<int64_t>(next() % static_cast<uint64_t>(i + 1));
    std::swap(idx[static_cast<size_t>(i)], idx[static_cast<size_t>(j)]);
  }
  return idx;
}

struct EncodedSplit {
  std::string name;
  std::vector<Encoding> encodings;
  std::vector<int64_t> labels;
  std::vector<float> scores;
};

EncodedSplit encodeSplit(const std::string& name, const LoadedSplit& split,
                         const Tokenizer& tokenizer, int maxLength, const std::atomic<bool>& stop) {
  EncodedSplit out;
  out.name = name;
  const auto n = split.examples.size();
  out.encodings.resize(n);
  out.labels.resize(n);
  out.scores.resize(n);
  EncodeOptions options;
  options.maxLength = maxLength;
  const unsigned workers = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  std::vector<std::thread> threads;
  std::vector<std::exception_ptr> errors(workers);
  for (unsigned w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      try {
        for (size_t i = w; i < n; i += workers) {
          if ((i & 1023) == 0 && stop.load(std::memory_order_relaxed)) {
            return;
          }
          const auto& ex = split.examples[i];
          std::optional<std::string_view> pair;
          if (ex.pair) {
            pair = *ex.pair;
          }
          out.encodings[i] = tokenizer.encode(ex.text, pair, options);
          out.labels[i] = ex.label;
          out.scores[i] = ex.score;
        }
      } catch (...) {
        errors[w] = std::current_exception();
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  for (const auto& e : errors) {
    if (e) {
      std::rethrow_exception(e);
    }
  }
  if (stop.load()) {
    throw Error(ErrorCode::Cancelled, "stopped while tokenizing");
  }
  return out;
}

Batch makeBatch(const EncodedSplit& data, const std::vector<int64_t>& indices, size_t begin,
                size_t end, bool regression, int64_t padId, int padTo, int64_t padMultiple) {
  std::vector<const Encoding*> encs;
  std::vector<int64_t> labels;
  std::vector<float> scores;
  for (size_t i = begin; i < end; ++i) {
    const auto k = static_cast<size_t>(indices[i]);
    encs.push_back(&data.encodings[k]);
    labels.push_back(data.labels[k]);
    scores.push_back(data.scores[k]);
  }
  return collate(encs, labels, scores, regression, padId, padTo, padMultiple);
}

// Training batches of one epoch: a seeded shuffle, optionally grouped by length (sorted inside
// chunks of 50 batches, then the batch order shuffled again) to cut padding.
std::vector<std::vector<int64_t>> epochBatches(const EncodedSplit& data, int batchSize,
                                               uint64_t seed, bool groupByLength) {
  const auto n = static_cast<int64_t>(data.encodings.size());
  auto order = shuffledIndices(n, seed);
  if (groupByLength) {
    const size_t chunk = static_cast<size_t>(batchSize) * 50;
    for (size_t s = 0; s < order.size(); s += chunk) {
      const auto e = std::min(order.size(), s + chunk);
      std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(s),
                       order.begin() + static_cast<std::ptrdiff_t>(e), [&](int64_t a, int64_t b) {
                         return data.encodings[static_cast<size_t>(a)].ids.size() >
                                data.encodings[static_cast<size_t>(b)].ids.size();
                       });
    }
  }
  std::vector<std::vector<int64_t>> batches;
  for (size_t s = 0; s < order.size(); s += static_cast<size_t>(batchSize)) {
    const auto e = std::min(order.size(), s + static_cast<size_t>(batchSize));
    batches.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(s),
                         order.begin() + static_cast<std::ptrdiff_t>(e));
  }
  if (groupByLength) {
    const auto perm = shuffledIndices(static_cast<int64_t>(batches.size()), seed ^ 0x5bd1e995ULL);
    std::vector<std::vector<int64_t>> shuffled;
    for (const auto p : perm) {
      shuffled.push_back(std::move(batches[static_cast<size_t>(p)]));
    }
    batches = std::move(shuffled);
  }
  return batches;
}

std::string formatP(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", p);
  return buf;
}

}  // namespace

struct Trainer::Impl {
  RunConfig config;
  TrainingObserver* observer = nullptr;
  TrainingObserver silent;
  std::mutex pauseMutex;
  std::condition_variable pauseChanged;
  bool pauseRequested = false;  // guarded by pauseMutex
  std::atomic<bool> pausedNow{false};
  // computeChildNetwork(): stop after the selection and keep what it produced.
  bool fisherOnly = false;
  std::optional<ChildNetworkResult> childResult;

  TrainingObserver& obs() { return observer != nullptr ? *observer : silent; }

  // Between steps: blocks while a pause is requested (until resumed or stopped).
  void waitWhilePaused(const std::atomic<bool>& stop, Phase resumePhase) {
    std::unique_lock<std::mutex> lock(pauseMutex);
    if (!pauseRequested || stop.load()) {
      return;
    }
    pausedNow.store(true);
    lock.unlock();
    obs().onPhase(Phase::Paused);
    lock.lock();
    pauseChanged.wait(lock, [&] { return !pauseRequested || stop.load(); });
    pausedNow.store(false);
    lock.unlock();
    if (!stop.load()) {
      obs().onPhase(resumePhase);
    }
  }
};

void Trainer::requestStop() {
  stop_.store(true);
  std::lock_guard<std::mutex> lock(impl_->pauseMutex);
  impl_->pauseChanged.notify_all();
}

void Trainer::requestPause() {
  std::lock_guard<std::mutex> lock(impl_->pauseMutex);
  impl_->pauseRequested = true;
}

void Trainer::resumeTraining() {
  std::lock_guard<std::mutex> lock(impl_->pauseMutex);
  impl_->pauseRequested = false;
  impl_->pauseChanged.notify_all();
}

bool Trainer::paused() const { return impl_->pausedNow.load(); }

Trainer::Trainer(RunConfig config, TrainingObserver* observer) : impl_(std::make_unique<Impl>()) {
  impl_->config = std::move(config);
  impl_->observer = observer;
}

Trainer::~Trainer() = default;

RunResult Trainer::run() { return execute(nullptr); }

namespace {

// The settings a resumed run may change: where it writes and how fast it runs.
nlohmann::json comparableConfig(const std::string& json) {
  auto j = nlohmann::json::parse(json);
  for (const char* key :
       {"out_dir", "threads", "checkpoint_every", "keep_checkpoints", "save_model", "device"}) {
    j.erase(key);
  }
  return j;
}

std::string describeDevice(const torch::Device& device, int threads) {
  if (device.is_cuda()) {
    return device.str();
  }
  return "cpu (" + std::to_string(threads) + " threads)";
}

}  // namespace

ChildNetworkResult Trainer::computeChildNetwork() {
  if (!usesFisher(impl_->config.method)) {
    throw Error(ErrorCode::Config,
                "a child network needs a Child-Tuning_D method (ct-d, ct-d-random, ct-d-lowest), "
                "got " +
                    std::string(toString(impl_->config.method)));
  }
  impl_->fisherOnly = true;
  impl_->childResult.reset();
  execute(nullptr);
  if (!impl_->childResult) {
    throw Error(ErrorCode::Internal, "the Fisher pass produced no child network");
  }
  auto out = std::move(*impl_->childResult);
  impl_->childResult.reset();
  return out;
}

RunConfig Trainer::checkpointConfig(const std::string& checkpointDir) {
  const auto checkpoint = readTrainingCheckpoint(checkpointDir);
  return RunConfig::fromJson(checkpoint.meta.configJson,
                             (std::filesystem::path(checkpointDir) / "state.json").string());
}

RunResult Trainer::resume(const std::string& checkpointDir) {
  impl_->config.validate();
  const auto checkpoint = readTrainingCheckpoint(checkpointDir);
  const auto saved = comparableConfig(checkpoint.meta.configJson);
  const auto mine = comparableConfig(impl_->config.toJson());
  for (const auto& [key, value] : saved.items()) {
    if (!mine.contains(key) || mine.at(key) != value) {
      throw Error(ErrorCode::Config,
                  checkpointDir + ": the checkpoint was written with " + key + " = " +
                      value.dump() + ", this run has " +
                      (mine.contains(key) ? mine.at(key).dump() : std::string("no value")),
                  "resume with the checkpoint's configuration (childtune-cli train --resume DIR "
                  "reads it from the checkpoint)");
    }
  }
  return execute(&checkpoint);
}

RunResult Trainer::execute(const LoadedCheckpoint* resume) {
  const RunConfig& cfg = impl_->config;
  auto& obs = impl_->obs();
  cfg.validate();
  const auto runStart = Clock::now();
  const TaskSpec& task = taskByName(cfg.task);
  const double p = cfg.effectiveP();

  torch::Device device(torch::kCPU);
  if (cfg.device != "cpu") {
    if (!torch::cuda::is_available()) {
      throw Error(ErrorCode::Device,
                  "device '" + cfg.device + "' requested but CUDA is not available",
                  "use --device cpu");
    }
    device = torch::Device(cfg.device);
  }
  initializeRuntime(cfg.threads);
  // Large CPU blocks are recycled from step to step (util/cpu_allocator.h); the kept ones are
  // handed back when the run ends, however it ends (declared before the model: runs after it is
  // freed).
  installRecyclingCpuAllocator();
  struct ReleaseKeptBlocks {
    ReleaseKeptBlocks() = default;
    ReleaseKeptBlocks(const ReleaseKeptBlocks&) = delete;
    ReleaseKeptBlocks& operator=(const ReleaseKeptBlocks&) = delete;
    ~ReleaseKeptBlocks() { releaseCachedCpuMemory(); }
  } releaseAtEnd;
  const int64_t padMultiple = padMultipleFor(device);  // batch shapes on a GPU
  // bf16 autocast covers training and evaluation forward passes; the Fisher pass stays fp32 so
  // the child network does not depend on the precision setting.
  const bool bf16 = cfg.precision == "bf16";
  torch::manual_seed(cfg.seed);  // dropout and anything else drawing from the global generator

  // ---- Loading
  obs.onPhase(Phase::Loading);
  fs::path dataDir = cfg.dataDir;
  if (dataDir.empty()) {
    const auto found = findGlueDir();
    if (!found) {
      throw Error(ErrorCode::Config, "no data folder: set CHILDTUNE_GLUE_DIR or pass --data DIR");
    }
    dataDir = *found;
  }
  LoadOptions loadOptions;
  loadOptions.numLabels = task.numLabels;
  loadOptions.seed = cfg.seed;
  auto loaded = loadPretrained(cfg.modelDir, loadOptions);
  for (const auto& name : loaded.report.initialized) {
    obs.onLog("initialised " + name + " (not in the checkpoint)");
  }
  auto& model = loaded.model;
  model->to(device);
  const auto tokenizer = Tokenizer::fromDirectory(cfg.modelDir, loaded.config.modelType);
  const bool regression = task.kind == TaskKind::Regression;

  LoadedSplit train = loadTaskSplit(dataDir, task, Split::Train);
  for (const auto& w : train.warnings) {
    obs.onLog(w);
  }
  if (cfg.trainLimit > 0 && cfg.trainLimit < static_cast<int64_t>(train.examples.size())) {
    train = subsample(std::move(train), cfg.trainLimit,
                      cfg.randomSubset ? SubsampleMode::Random : SubsampleMode::First, cfg.seed);
  }
  if (train.examples.empty()) {
    throw Error(ErrorCode::Data, train.file.string() + ": no training examples");
  }
  std::vector<std::pair<std::string, LoadedSplit>> evalSplits;
  // computeChildNetwork() never evaluates: no dev splits to read and tokenize.
  for (const auto split : impl_->fisherOnly ? std::vector<Split>{} : task.evalSplits) {
    auto s = loadTaskSplit(dataDir, task, split);
    if (cfg.evalLimit > 0 && cfg.evalLimit < static_cast<int64_t>(s.examples.size())) {
      s = subsample(std::move(s), cfg.evalLimit, SubsampleMode::First, cfg.seed);
    }
    evalSplits.emplace_back(std::string(toString(split)), std::move(s));
  }

  {
    RunInputs inputs;
    inputs.modelDir = cfg.modelDir;
    util::Sha256 weights;
    for (const auto& shard : ModelFiles::locate(cfg.modelDir).weightShards) {
      std::ifstream in(shard, std::ios::binary);
      std::vector<char> buffer(1 << 20);
      while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        weights.update(buffer.data(), static_cast<size_t>(in.gcount()));
      }
      if (in.bad()) {
        throw Error(ErrorCode::Io, shard.string() + ": read error while hashing the weights");
      }
    }
    inputs.weightsSha256 = weights.hexDigest();
    inputs.dataFiles.emplace_back(train.file.string(), util::sha256File(train.file));
    for (const auto& [name, split] : evalSplits) {
      inputs.dataFiles.emplace_back(split.file.string(), util::sha256File(split.file));
    }
    inputs.device = describeDevice(device, runtimeInfo().cpuThreads);
    inputs.programVersion = kVersion;
    inputs.trainExamples = static_cast<int64_t>(train.examples.size());
    inputs.totalSteps = (inputs.trainExamples + cfg.batchSize - 1) /
                        static_cast<int64_t>(cfg.batchSize) * cfg.epochs;
    inputs.numLayers = static_cast<int>(loaded.config.numHiddenLayers);
    obs.onInputs(inputs);
  }

  // ---- Tokenizing
  obs.onPhase(Phase::Tokenizing);
  const auto trainData = encodeSplit("train", train, *tokenizer, cfg.maxLength, stop_);
  std::vector<EncodedSplit> evalData;
  for (const auto& [name, split] : evalSplits) {
    evalData.push_back(encodeSplit(name, split, *tokenizer, cfg.maxLength, stop_));
  }
  const int64_t padId = tokenizer->padId();

  RunResult result;
  result.config = cfg;
  result.trainExamples = static_cast<int64_t>(trainData.encodings.size());

  // ---- Optimizer and Child-Tuning masks
  std::vector<std::pair<std::string, torch::Tensor>> named;
  for (const auto& item : model->named_parameters(true)) {
    named.emplace_back(item.key(), item.value());
  }
  AdamWOptions adam;
  adam.eps = cfg.adamEpsilon;
  adam.weightDecay = cfg.weightDecay;
  ChildTuningAdamW optimizer(named, adam);

  // The fixed Child-Tuning_D masks by parameter index (kept for checkpoints).
  std::vector<torch::Tensor> childMasks;
  if (resume != nullptr) {
    childMasks = restoreTrainingCheckpoint(*resume, optimizer, device);
    const auto& meta = resume->meta;
    result.losses = meta.losses;
    result.evaluations = meta.evaluations;
    if (meta.final) {
      result.final = *meta.final;
    }
    if (meta.best) {
      result.best = *meta.best;
    }
    result.fisherSeconds = meta.fisherSeconds;
    result.childNetwork = meta.childNetwork;
    result.childFraction = meta.childFraction;
    obs.onLog("resuming from " + resume->dir.string() + " at step " + std::to_string(meta.step));
  }
  if (cfg.method == Method::ChildTuningF) {
    optimizer.setMasker(std::make_unique<BernoulliMasker>(p, cfg.seed));
    result.childFraction = p;
  } else if (usesFisher(cfg.method) && resume != nullptr) {
    if (!result.childNetwork || std::none_of(childMasks.begin(), childMasks.end(),
                                             [](const torch::Tensor& t) { return t.defined(); })) {
      throw Error(ErrorCode::Data,
                  resume->dir.string() + ": the checkpoint has no child-network masks");
    }
    optimizer.setMasker(std::make_unique<FixedMasker>(childMasks));
    obs.onChildNetwork(*result.childNetwork);
  } else if (usesFisher(cfg.method)) {
    obs.onPhase(Phase::Fisher);
    const auto fisherStart = Clock::now();
    // The released estimator: one shuffled pass over the training set, batch 16.
    auto order = epochBatches(trainData, 16, cfg.seed ^ 0xF15E4ULL, false);
    if (cfg.fisherBatches > 0 && cfg.fisherBatches < static_cast<int64_t>(order.size())) {
      order.resize(static_cast<size_t>(cfg.fisherBatches));
    }
    int64_t fisherExamples = 0;
    for (const auto& idx : order) {
      fisherExamples += static_cast<int64_t>(idx.size());
    }
    FisherOptions fisherOptions;
    fisherOptions.estimator = cfg.fisherMode == FisherMode::PerExample
                                  ? FisherEstimator::PerExample
                                  : FisherEstimator::BatchClipped;
    auto fisher = estimateFisher(
        model, static_cast<int64_t>(order.size()), fisherExamples,
        [&](int64_t i) {
          const auto& idx = order[static_cast<size_t>(i)];
          return makeBatch(trainData, idx, 0, idx.size(), regression, padId, cfg.padTo,
                           padMultiple);
        },
        fisherOptions, device,
        [&](int64_t done, int64_t total) { obs.onFisherProgress(done, total); }, &stop_);
    const auto rule = cfg.method == Method::ChildTuningD         ? SelectionRule::TopFisher
                      : cfg.method == Method::ChildTuningDLowest ? SelectionRule::LowestFisher
                                                                 : SelectionRule::Random;
    const auto child = selectChildNetwork(fisher, p, rule, cfg.seed);
    {
      // The torch-free cache for the GUI and the run store; shared, so it lives as long as an
      // observer keeps it.
      std::vector<FisherAnalysis::Tensor> cached;
      for (size_t i = 0; i < fisher.names.size(); ++i) {
        FisherAnalysis::Tensor t;
        t.name = fisher.names[i];
        t.shape = fisher.scores[i].sizes().vec();
        const auto* data = fisher.scores[i].data_ptr<float>();
        t.scores.assign(data, data + fisher.scores[i].numel());
        cached.push_back(std::move(t));
      }
      fisher.scores.clear();  // the scores now live in the cache only
      const auto analysis =
          std::make_shared<const FisherAnalysis>(std::move(cached), fisher.batches);
      auto summary = analysis->summarize(p);
      obs.onFisherAnalysis(analysis, summary);
      if (impl_->fisherOnly) {
        impl_->childResult.emplace();
        impl_->childResult->config = cfg;
        impl_->childResult->analysis = analysis;
        impl_->childResult->summary = std::move(summary);
      }
    }
    std::vector<PackedMask> packed;
    childMasks.assign(named.size(), torch::Tensor());
    for (size_t i = 0; i < child.names.size(); ++i) {
      const auto bytes = child.masks[i].to(torch::kUInt8).contiguous();
      packed.push_back(packMask(child.names[i], child.masks[i].sizes().vec(),
                                bytes.data_ptr<uint8_t>(), bytes.numel()));
      for (size_t j = 0; j < named.size(); ++j) {
        if (named[j].first == child.names[i]) {
          childMasks[j] = child.masks[i].to(device);
        }
      }
    }
    obs.onChildMasks(packed);
    if (impl_->fisherOnly) {
      impl_->childResult->masks = std::move(packed);
    }
    optimizer.setMasker(std::make_unique<FixedMasker>(childMasks));
    ChildNetworkStats stats;
    stats.pD = p;
    stats.threshold = child.threshold;
    stats.selected = child.selected;
    stats.total = child.total;
    result.childNetwork = stats;
    result.childFraction = child.fraction();
    result.fisherSeconds = secondsSince(fisherStart);
    obs.onChildNetwork(stats);
    char line[160];
    std::snprintf(line, sizeof line,
                  "child network: %lld of %lld encoder weights (%.2f%%), Fisher threshold %.6g",
                  static_cast<long long>(child.selected), static_cast<long long>(child.total),
                  100.0 * child.fraction(), child.threshold);
    obs.onLog(line);
    if (impl_->fisherOnly) {
      impl_->childResult->stats = stats;
      impl_->childResult->fisherSeconds = result.fisherSeconds;
      obs.onPhase(Phase::Finished);
      return result;
    }
  }

  // ---- Evaluation
  const auto& kinds = task.metrics;
  auto evaluate = [&](int64_t step, int epoch) {
    obs.onPhase(Phase::Evaluating);
    model->eval();
    torch::NoGradGuard noGrad;
    for (const auto& data : evalData) {
      const auto n = static_cast<int64_t>(data.encodings.size());
      // Sorted by length: less padding; predictions are put back in file order.
      std::vector<int64_t> order(static_cast<size_t>(n));
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
        return data.encodings[static_cast<size_t>(a)].ids.size() <
               data.encodings[static_cast<size_t>(b)].ids.size();
      });
      std::vector<int64_t> predIds(static_cast<size_t>(n));
      std::vector<double> predScores(static_cast<size_t>(n));
      double lossSum = 0.0;
      for (size_t s = 0; s < order.size(); s += static_cast<size_t>(cfg.evalBatchSize)) {
        if (stop_.load(std::memory_order_relaxed)) {
          throw Error(ErrorCode::Cancelled, "stopped while evaluating");
        }
        const auto e = std::min(order.size(), s + static_cast<size_t>(cfg.evalBatchSize));
        const Batch batch =
            makeBatch(data, order, s, e, regression, padId, cfg.padTo, padMultiple).to(device);
        const compat::AutocastGuard autocast(device.type(), bf16);
        const auto out = model->forward(batch.inputIds, batch.tokenTypeIds, batch.attentionMask);
        lossSum +=
            model->loss(out.logits, batch.labels).item<double>() * static_cast<double>(e - s);
        const auto logits = out.logits.to(torch::kCPU, torch::kFloat32);
        if (regression) {
          const auto a = logits.squeeze(-1).contiguous();
          for (size_t i = s; i < e; ++i) {
            predScores[static_cast<size_t>(order[i])] =
                a[static_cast<int64_t>(i - s)].item<double>();
          }
        } else {
          const auto a = logits.argmax(-1).contiguous();
          const auto* ptr = a.data_ptr<int64_t>();
          for (size_t i = s; i < e; ++i) {
            predIds[static_cast<size_t>(order[i])] = ptr[i - s];
          }
        }
      }
      EvalStats stats;
      stats.step = step;
      stats.epoch = epoch;
      stats.split = data.name;
      stats.loss = lossSum / static_cast<double>(std::max<int64_t>(1, n));
      MetricReport report;
      if (regression) {
        std::vector<double> gold(data.scores.begin(), data.scores.end());
        report = computeMetrics(kinds, predScores, gold);
      } else {
        report = computeMetrics(kinds, predIds, data.labels);
      }
      for (const auto& v : report.values) {
        stats.metrics.emplace_back(v.name, v.value);
      }
      stats.combined = report.combined;
      obs.onEvaluation(stats);
      result.evaluations.push_back(stats);
      if (&data == &evalData.front()) {
        result.final = stats;
        if (result.best.metrics.empty() || stats.combined > result.best.combined) {
          result.best = stats;
        }
      }
    }
    model->train();
  };

  // ---- Training
  const int64_t stepsPerEpoch =
      (result.trainExamples + cfg.batchSize - 1) / static_cast<int64_t>(cfg.batchSize);
  const int64_t totalSteps = stepsPerEpoch * cfg.epochs;
  const bool noWarmup = cfg.referenceWarmup && cfg.method != Method::Vanilla;
  const auto warmupSteps =
      noWarmup ? int64_t{0}
               : static_cast<int64_t>(std::ceil(static_cast<double>(totalSteps) * cfg.warmupRatio));
  obs.onLog("training " + std::to_string(result.trainExamples) + " examples, " +
            std::to_string(totalSteps) + " steps, " + std::to_string(warmupSteps) +
            " warmup steps, method " + std::string(toString(cfg.method)) +
            (cfg.method == Method::Vanilla ? "" : ", p " + formatP(p)));
  // The Fisher pass and tokenizing left freed memory in sizes training will not reuse (it
  // allocates the Adam moments and its own activations): hand it back to the system so the
  // training phase does not stack on top of it (a ct-d run's peak resident memory).
  releaseCachedCpuMemory();
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
  obs.onPhase(Phase::Training);
  model->train();
  std::vector<torch::Tensor> params;
  for (const auto& [name, t] : named) {
    params.push_back(t);
  }
  const auto trainStart = Clock::now();
  const double trainSecondsBefore = resume != nullptr ? resume->meta.trainSeconds : 0.0;
  int64_t step = resume != nullptr ? resume->meta.step : 0;
  const int firstEpoch = resume != nullptr ? resume->meta.epoch : 0;
  const fs::path checkpointsDir = fs::path(cfg.outDir) / "checkpoints";
  if (cfg.checkpointEverySteps > 0) {
    std::error_code ec;
    fs::create_directories(checkpointsDir, ec);
    if (ec) {
      throw Error(ErrorCode::Io, checkpointsDir.string() +
                                     ": cannot create the checkpoint folder: " + ec.message());
    }
  }
  // Per-layer parameter indices, for Child-Tuning_F's sampled mask density.
  std::vector<int> layerOf(named.size(), -1);
  int numLayers = 0;
  for (size_t i = 0; i < named.size(); ++i) {
    layerOf[i] = classifyParameter(named[i].first).layer;
    numLayers = std::max(numLayers, layerOf[i] + 1);
  }
  auto nonzeroByLayer = [&]() {
    std::vector<double> counts(static_cast<size_t>(numLayers), 0.0);
    for (size_t i = 0; i < named.size(); ++i) {
      const auto& g = named[i].second.grad();
      if (layerOf[i] >= 0 && g.defined()) {
        counts[static_cast<size_t>(layerOf[i])] += g.ne(0).sum().item<double>();
      }
    }
    return counts;
  };
  if (resume != nullptr && firstEpoch < cfg.epochs) {
    obs.onPhase(Phase::Training);
  }
  for (int epoch = firstEpoch; epoch < cfg.epochs; ++epoch) {
    const auto batches =
        epochBatches(trainData, cfg.batchSize,
                     cfg.seed + static_cast<uint64_t>(epoch) * 0x9E3779B9ULL, cfg.groupByLength);
    const size_t firstBatch = (resume != nullptr && epoch == firstEpoch)
                                  ? static_cast<size_t>(resume->meta.batchInEpoch)
                                  : size_t{0};
    if (firstBatch > batches.size()) {
      throw Error(ErrorCode::Data, "checkpoint position (batch " + std::to_string(firstBatch) +
                                       " of epoch " + std::to_string(epoch) +
                                       ") is past the epoch's " + std::to_string(batches.size()) +
                                       " batches: was the training data changed?");
    }
    for (size_t b = firstBatch; b < batches.size(); ++b) {
      const auto& idx = batches[b];
      impl_->waitWhilePaused(stop_, Phase::Training);
      if (stop_.load(std::memory_order_relaxed)) {
        throw Error(ErrorCode::Cancelled, "stopped at step " + std::to_string(step) + " of " +
                                              std::to_string(totalSteps));
      }
      const auto stepStart = Clock::now();
      const Batch batch =
          makeBatch(trainData, idx, 0, idx.size(), regression, padId, cfg.padTo, padMultiple)
              .to(device);
      torch::Tensor loss;
      {
        const compat::AutocastGuard autocast(device.type(), bf16);
        const auto out = model->forward(batch.inputIds, batch.tokenTypeIds, batch.attentionMask);
        loss = model->loss(out.logits, batch.labels);
      }
      const double lossValue = loss.item<double>();
      if (!std::isfinite(lossValue)) {
        throw Error(ErrorCode::Numerical,
                    "loss is " + std::string(std::isnan(lossValue) ? "NaN" : "infinite") +
                        " at step " + std::to_string(step + 1),
                    "lower the learning rate");
      }
      loss.backward();
      const double gradNorm = clipGradNorm(params, cfg.maxGradNorm);
      const double lr = linearScheduleLr(cfg.learningRate, step, warmupSteps, totalSteps);
      const bool sampleDensity = cfg.method == Method::ChildTuningF &&
                                 (step + 1) % StepStats::kDensityEvery == 0 && numLayers > 0;
      std::vector<double> density;
      if (sampleDensity) {
        density = nonzeroByLayer();
      }
      // The masked gradients are read back only on the steps that sample the density.
      optimizer.setKeepMaskedGradients(sampleDensity);
      optimizer.step(lr);
      if (sampleDensity) {
        // The masker zeroes dropped gradient elements in place: kept / non-zero before.
        const auto kept = nonzeroByLayer();
        for (size_t l = 0; l < density.size(); ++l) {
          density[l] = density[l] > 0 ? kept[l] / density[l] : 0.0;
        }
      }
      optimizer.zeroGrad();
      ++step;
      result.losses.push_back(lossValue);

      StepStats stats;
      stats.step = step;
      stats.totalSteps = totalSteps;
      stats.epoch = epoch;
      stats.loss = lossValue;
      stats.learningRate = lr;
      stats.gradNorm = gradNorm;
      const double dt = std::max(1e-9, secondsSince(stepStart));
      stats.examplesPerSecond = static_cast<double>(batch.size()) / dt;
      stats.tokensPerSecond = static_cast<double>(batch.numTokens) / dt;
      stats.elapsedSeconds = trainSecondsBefore + secondsSince(trainStart);
      stats.maskDensityByLayer = std::move(density);
      obs.onStep(stats);
      if (cfg.evalEverySteps > 0 && step % cfg.evalEverySteps == 0 && step != totalSteps) {
        evaluate(step, epoch);
        obs.onPhase(Phase::Training);
      }
      if (cfg.checkpointEverySteps > 0 && step % cfg.checkpointEverySteps == 0) {
        CheckpointMeta meta;
        meta.configJson = cfg.toJson();
        meta.step = step;
        meta.epoch = epoch;
        meta.batchInEpoch = static_cast<int64_t>(b + 1);
        meta.losses = result.losses;
        meta.evaluations = result.evaluations;
        if (!result.final.metrics.empty()) {
          meta.final = result.final;
        }
        if (!result.best.metrics.empty()) {
          meta.best = result.best;
        }
        meta.trainSeconds = trainSecondsBefore + secondsSince(trainStart);
        meta.fisherSeconds = result.fisherSeconds;
        meta.childNetwork = result.childNetwork;
        meta.childFraction = result.childFraction;
        const auto dir = checkpointsDir / checkpointFolderName(step);
        writeTrainingCheckpoint(dir, meta, optimizer, childMasks);
        pruneCheckpoints(checkpointsDir, cfg.keepCheckpoints);
        obs.onCheckpoint(CheckpointInfo{step, dir.string()});
      }
    }
    if (cfg.evalEverySteps == 0 || epoch == cfg.epochs - 1) {
      evaluate(step, epoch);
      if (epoch != cfg.epochs - 1) {
        obs.onPhase(Phase::Training);
      }
    }
  }
  result.steps = step;
  result.trainSeconds = trainSecondsBefore + secondsSince(trainStart);
  // Where the weights moved, once after the last evaluation. Only for an observer: it re-reads
  // the pretrained checkpoint (one tensor at a time) rather than keeping a copy all run long.
  if (impl_->observer != nullptr) {
    obs.onWeightMovement(measureWeightMovement(model, loaded.files, step));
  }
  result.totalSeconds = secondsSince(runStart);
  obs.onPhase(Phase::Finished);

  if (!cfg.outDir.empty()) {
    std::error_code ec;
    fs::create_directories(cfg.outDir, ec);
    if (ec) {
      throw Error(ErrorCode::Io, cfg.outDir + ": cannot create output folder: " + ec.message());
    }
    io::writeFileAtomically(fs::path(cfg.outDir) / "results.json", result.toJson() + "\n");
    if (cfg.saveFinalModel) {
      const auto modelOut = fs::path(cfg.outDir) / "model";
      exportModel(model, modelOut);
      for (const auto& file : ModelFiles::locate(cfg.modelDir).tokenizerFiles) {
        fs::copy_file(file, modelOut / file.filename(), fs::copy_options::overwrite_existing, ec);
        if (ec) {
          throw Error(ErrorCode::Io, (modelOut / file.filename()).string() +
                                         ": cannot copy the tokenizer file: " + ec.message());
        }
      }
      obs.onLog("saved the fine-tuned model to " + modelOut.string());
    }
  }
  return result;
}

std::string RunResult::toJson() const {
  nlohmann::ordered_json j;
  j["config"] = nlohmann::ordered_json::parse(config.toJson());
  nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
  for (const auto& [name, value] : final.metrics) {
    metrics[name] = value;
  }
  j["metrics"] = metrics;
  j["combined"] = final.combined;
  j["final"] = evalStatsToJson(final);
  j["best"] = evalStatsToJson(best);
  nlohmann::ordered_json evals = nlohmann::ordered_json::array();
  for (const auto& e : evaluations) {
    evals.push_back(evalStatsToJson(e));
  }
  j["evaluations"] = evals;
  j["steps"] = steps;
  j["train_examples"] = trainExamples;
  nlohmann::ordered_json timings;
  timings["total_seconds"] = totalSeconds;
  timings["fisher_seconds"] = fisherSeconds;
  timings["train_seconds"] = trainSeconds;
  timings["train_examples_per_second"] =
      trainSeconds > 0 ? static_cast<double>(trainExamples) * config.epochs / trainSeconds : 0.0;
  j["timings"] = timings;
  nlohmann::ordered_json mask;
  mask["child_fraction"] = childFraction;
  if (childNetwork) {
    mask["p_d"] = childNetwork->pD;
    mask["threshold"] = childNetwork->threshold;
    mask["selected"] = childNetwork->selected;
    mask["maskable"] = childNetwork->total;
  }
  j["mask"] = mask;
  j["losses"] = losses;
  return j.dump(2);
}

}  // namespace childtune::core
