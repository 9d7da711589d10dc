// Run store throughput (issue 4): recording 100k steps through RunRecorder's batching (total
// time, cost per step, the longest stall a batch commit puts on the training thread), reading a
// 100k-step curve decimated to 10k points, listing and grouping 1,000 finished runs by seed.
// One JSON object per measurement on stdout.
//
//   bench_store [--steps 100000] [--curve-points 10000] [--runs 1000] [--seeds 10]
//               [--repeats 5] [--dir /tmp]

#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "bench_util.h"
#include "childtune/run_recorder.h"
#include "childtune/run_store.h"

namespace {

using namespace childtune;
using namespace childtune::bench;

void emit(const std::string& name, nlohmann::ordered_json fields) {
  nlohmann::ordered_json j;
  j["bench"] = "store";
  j["measure"] = name;
  for (auto& [k, v] : fields.items()) {
    j[k] = v;
  }
  std::cout << j.dump() << "\n" << std::flush;
}

core::RunConfig configFor(int variant, uint64_t seed) {
  core::RunConfig c;
  c.modelDir = "/models/all-MiniLM-L6-v2";
  c.task = variant % 2 == 0 ? "RTE" : "MRPC";
  c.method = variant % 3 == 0 ? core::Method::ChildTuningD : core::Method::Vanilla;
  c.learningRate = 1e-5 * (1 + variant);
  c.seed = seed;
  return c;
}

core::StepStats stepAt(int64_t step, int64_t total) {
  core::StepStats s;
  s.step = step;
  s.totalSteps = total;
  s.epoch = static_cast<int>(step * 3 / total);
  s.loss = 0.7 / (1.0 + 1e-4 * static_cast<double>(step)) + 0.05 * ((step * 7919) % 13) / 13.0;
  s.learningRate = 2e-5;
  s.gradNorm = 1.0 + static_cast<double>(step % 17);
  s.examplesPerSecond = 120.0;
  s.tokensPerSecond = 9000.0;
  s.elapsedSeconds = 0.1 * static_cast<double>(step);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args args(argc, argv,
                    {{"steps", "100000"},
                     {"curve-points", "10000"},
                     {"runs", "1000"},
                     {"seeds", "10"},
                     {"repeats", "5"},
                     {"dir", "/tmp"}});
    const int64_t steps = args.integer("steps");
    const auto points = static_cast<size_t>(args.integer("curve-points"));
    const int64_t runs = args.integer("runs");
    const int64_t seeds = args.integer("seeds");
    const int repeats = static_cast<int>(args.integer("repeats"));
    const auto dir = std::filesystem::path(args.str("dir")) /
                     ("childtune-store-bench-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const auto path = dir / "runs.sqlite";

    // 1. Recording: every onStep as the training thread calls it, batches of 50 / 1 s.
    int64_t runId = 0;
    {
      auto rec = core::RunRecorder::start(path, configFor(0, 1));
      runId = rec->runId();
      std::vector<double> callSeconds;
      callSeconds.reserve(static_cast<size_t>(steps));
      const auto start = Clock::now();
      for (int64_t s = 1; s <= steps; ++s) {
        const auto t = Clock::now();
        rec->onStep(stepAt(s, steps));
        callSeconds.push_back(secondsSince(t));
      }
      rec->finish();
      const double total = secondsSince(start);
      std::sort(callSeconds.begin(), callSeconds.end());
      emit("record_steps",
           {{"steps", steps},
            {"seconds", total},
            {"us_per_step", 1e6 * total / static_cast<double>(steps)},
            {"median_call_us", 1e6 * callSeconds[callSeconds.size() / 2]},
            {"p99_call_ms", 1e3 * callSeconds[callSeconds.size() * 99 / 100]},
            {"max_call_ms", 1e3 * callSeconds.back()},
            {"file_mib", static_cast<double>(std::filesystem::file_size(path)) / (1 << 20)}});
    }

    // 2. A decimated curve from the stored steps (what a plot asks for).
    {
      core::RunStore store(path, core::RunStore::Mode::ReadOnly);
      std::vector<double> times;
      size_t got = 0;
      for (int r = 0; r < repeats; ++r) {
        const auto t = Clock::now();
        got = store.curve(runId, core::StepMetric::Loss, points).size();
        times.push_back(secondsSince(t));
      }
      std::vector<double> fullTimes;
      for (int r = 0; r < repeats; ++r) {
        const auto t = Clock::now();
        (void)store.curve(runId, core::StepMetric::Loss);
        fullTimes.push_back(secondsSince(t));
      }
      emit("read_curve", {{"rows", steps},
                          {"points", got},
                          {"median_ms", 1e3 * median(times)},
                          {"undecimated_median_ms", 1e3 * median(fullTimes)}});
    }

    // 3. 1,000 finished runs (runs / seeds configurations x seeds), then list and group them.
    {
      core::RunStore store(path);
      const auto start = Clock::now();
      {
        core::RunStore::Batch batch(store);
        for (int64_t i = 0; i < runs; ++i) {
          const int variant = static_cast<int>(i / seeds);
          const int64_t id = store.createRun(configFor(variant, static_cast<uint64_t>(i % seeds)),
                                             core::RunStatus::Running);
          core::EvalStats e;
          e.step = 100;
          e.split = "dev";
          e.metrics = {{"accuracy", 0.6 + 0.001 * static_cast<double>(i % 97)},
                       {"f1", 0.5 + 0.001 * static_cast<double>(i % 89)}};
          e.combined = 0.5 * (e.metrics[0].second + e.metrics[1].second);
          store.addEvaluation(id, e);
          store.markFinished(id);
        }
        batch.commit();
      }
      emit("create_runs", {{"runs", runs}, {"seconds", secondsSince(start)}});
      std::vector<double> listTimes;
      std::vector<double> groupTimes;
      size_t listed = 0;
      size_t groups = 0;
      for (int r = 0; r < repeats; ++r) {
        auto t = Clock::now();
        listed = store.listRuns().size();
        listTimes.push_back(secondsSince(t));
        t = Clock::now();
        groups = store.groupBySeed().size();
        groupTimes.push_back(secondsSince(t));
      }
      emit("list_runs", {{"runs", listed}, {"median_ms", 1e3 * median(listTimes)}});
      emit("group_by_seed",
           {{"runs", runs}, {"groups", groups}, {"median_ms", 1e3 * median(groupTimes)}});
    }
    std::filesystem::remove_all(dir);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_store: " << e.what() << "\n";
    return 1;
  }
}
