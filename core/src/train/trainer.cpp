#include "childtune/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <thread>

#include <nlohmann/json.hpp>

#include "childtune/error.h"
#include "childtune/metrics.h"
#include "childtune/runtime.h"
#include "childtune/tasks.h"
#include "childtune/tokenizer.h"
#include "fisher/child_network.h"
#include "io/atomic_file.h"
#include "model/checkpoint.h"
#include "optim/child_tuning_adamw.h"
#include "train/batch.h"

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
                size_t end, bool regression, int64_t padId, int padTo) {
  std::vector<const Encoding*> encs;
  std::vector<int64_t> labels;
  std::vector<float> scores;
  for (size_t i = begin; i < end; ++i) {
    const auto k = static_cast<size_t>(indices[i]);
    encs.push_back(&data.encodings[k]);
    labels.push_back(data.labels[k]);
    scores.push_back(data.scores[k]);
  }
  return collate(encs, labels, scores, regression, padId, padTo);
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

RunResult Trainer::run() {
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
  for (const auto split : task.evalSplits) {
    auto s = loadTaskSplit(dataDir, task, split);
    if (cfg.evalLimit > 0 && cfg.evalLimit < static_cast<int64_t>(s.examples.size())) {
      s = subsample(std::move(s), cfg.evalLimit, SubsampleMode::First, cfg.seed);
    }
    evalSplits.emplace_back(std::string(toString(split)), std::move(s));
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

  if (cfg.method == Method::ChildTuningF) {
    optimizer.setMasker(std::make_unique<BernoulliMasker>(p, cfg.seed));
    result.childFraction = p;
  } else if (usesFisher(cfg.method)) {
    obs.onPhase(Phase::Fisher);
    const auto fisherStart = Clock::now();
    // The released estimator: one shuffled pass over the training set, batch 16.
    auto order = epochBatches(trainData, 16, cfg.seed ^ 0xF15E4ULL, false);
    if (cfg.fisherBatches > 0 && cfg.fisherBatches < static_cast<int64_t>(order.size())) {
      order.resize(static_cast<size_t>(cfg.fisherBatches));
    }
    std::vector<Batch> fisherBatches;
    for (const auto& idx : order) {
      fisherBatches.push_back(
          makeBatch(trainData, idx, 0, idx.size(), regression, padId, cfg.padTo));
    }
    FisherOptions fisherOptions;
    fisherOptions.estimator = cfg.fisherMode == FisherMode::PerExample
                                  ? FisherEstimator::PerExample
                                  : FisherEstimator::BatchClipped;
    const auto fisher = estimateFisher(
        model, fisherBatches, fisherOptions, device,
        [&](int64_t done, int64_t total) { obs.onFisherProgress(done, total); }, &stop_);
    const auto rule = cfg.method == Method::ChildTuningD         ? SelectionRule::TopFisher
                      : cfg.method == Method::ChildTuningDLowest ? SelectionRule::LowestFisher
                                                                 : SelectionRule::Random;
    const auto child = selectChildNetwork(fisher, p, rule, cfg.seed);
    std::vector<torch::Tensor> masks(named.size());
    for (size_t i = 0; i < child.names.size(); ++i) {
      for (size_t j = 0; j < named.size(); ++j) {
        if (named[j].first == child.names[i]) {
          masks[j] = child.masks[i].to(device);
        }
      }
    }
    optimizer.setMasker(std::make_unique<FixedMasker>(std::move(masks)));
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
        const Batch batch = makeBatch(data, order, s, e, regression, padId, cfg.padTo).to(device);
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
  obs.onPhase(Phase::Training);
  model->train();
  std::vector<torch::Tensor> params;
  for (const auto& [name, t] : named) {
    params.push_back(t);
  }
  const auto trainStart = Clock::now();
  int64_t step = 0;
  for (int epoch = 0; epoch < cfg.epochs; ++epoch) {
    const auto batches =
        epochBatches(trainData, cfg.batchSize,
                     cfg.seed + static_cast<uint64_t>(epoch) * 0x9E3779B9ULL, cfg.groupByLength);
    for (const auto& idx : batches) {
      impl_->waitWhilePaused(stop_, Phase::Training);
      if (stop_.load(std::memory_order_relaxed)) {
        throw Error(ErrorCode::Cancelled, "stopped at step " + std::to_string(step) + " of " +
                                              std::to_string(totalSteps));
      }
      const auto stepStart = Clock::now();
      const Batch batch =
          makeBatch(trainData, idx, 0, idx.size(), regression, padId, cfg.padTo).to(device);
      const auto out = model->forward(batch.inputIds, batch.tokenTypeIds, batch.attentionMask);
      auto loss = model->loss(out.logits, batch.labels);
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
      optimizer.step(lr);
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
      stats.elapsedSeconds = secondsSince(trainStart);
      obs.onStep(stats);
      if (cfg.evalEverySteps > 0 && step % cfg.evalEverySteps == 0 && step != totalSteps) {
        evaluate(step, epoch);
        obs.onPhase(Phase::Training);
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
  result.trainSeconds = secondsSince(trainStart);
  result.totalSeconds = secondsSince(runStart);
  obs.onPhase(Phase::Finished);

  if (!cfg.outDir.empty()) {
    std::error_code ec;
    fs::create_directories(cfg.outDir, ec);
    if (ec) {
      throw Error(ErrorCode::Io, cfg.outDir + ": cannot create output folder: " + ec.message());
    }
    io::writeFileAtomically(fs::path(cfg.outDir) / "results.json", result.toJson() + "\n");
  }
  return result;
}

namespace {

nlohmann::ordered_json evalJson(const EvalStats& e) {
  nlohmann::ordered_json j;
  j["step"] = e.step;
  j["epoch"] = e.epoch;
  j["split"] = e.split;
  nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
  for (const auto& [name, value] : e.metrics) {
    metrics[name] = value;
  }
  j["metrics"] = metrics;
  j["combined"] = e.combined;
  j["loss"] = e.loss;
  return j;
}

}  // namespace

std::string RunResult::toJson() const {
  nlohmann::ordered_json j;
  j["config"] = nlohmann::ordered_json::parse(config.toJson());
  nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
  for (const auto& [name, value] : final.metrics) {
    metrics[name] = value;
  }
  j["metrics"] = metrics;
  j["combined"] = final.combined;
  j["final"] = evalJson(final);
  j["best"] = evalJson(best);
  nlohmann::ordered_json evals = nlohmann::ordered_json::array();
  for (const auto& e : evaluations) {
    evals.push_back(evalJson(e));
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
