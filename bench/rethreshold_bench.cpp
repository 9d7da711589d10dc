// The p_D "what-if" slider's cost: FisherAnalysis::summarize (global numpy-exact threshold,
// layer x kind cells with medians and log histograms) and weightMap for a new p_D, over random
// Fisher scores in the shapes of a model's encoder. Target (issue 3/5): summarize well under
// 100 ms for MiniLM. Prints one JSON line per measurement.
//
//   bench_rethreshold [--layers 6] [--hidden 384] [--intermediate 1536] [--reps 20]
//   (BERT-large: --layers 24 --hidden 1024 --intermediate 4096)

#include "bench_util.h"
#include "childtune/fisher_summary.h"
#include "synthetic_fisher.h"

using namespace childtune;

int main(int argc, char** argv) {
  bench::Args args(argc, argv,
                   {{"layers", "6"}, {"hidden", "384"}, {"intermediate", "1536"}, {"reps", "20"}});
  const int64_t layers = args.integer("layers");
  const int64_t h = args.integer("hidden");
  const int64_t inter = args.integer("intermediate");
  auto tensors = bench::syntheticEncoderScores(layers, h, inter);
  const auto buildStart = bench::Clock::now();
  const core::FisherAnalysis analysis(std::move(tensors), 1);
  const double buildSeconds = bench::secondsSince(buildStart);
  std::vector<double> summarizeMs;
  std::vector<double> mapMs;
  const auto reps = args.integer("reps");
  for (int64_t r = 0; r < reps; ++r) {
    const double p = 0.05 + 0.9 * static_cast<double>(r) / static_cast<double>(reps);
    auto t0 = bench::Clock::now();
    const auto s = analysis.summarize(p);
    summarizeMs.push_back(1000.0 * bench::secondsSince(t0));
    t0 = bench::Clock::now();
    const auto map = analysis.weightMap("bert.encoder.layer.0.intermediate.dense.weight", p);
    mapMs.push_back(1000.0 * bench::secondsSince(t0));
    if (s.cells.empty() || map.fisher.empty()) {
      return 1;
    }
  }
  std::sort(summarizeMs.begin(), summarizeMs.end());
  std::sort(mapMs.begin(), mapMs.end());
  std::cout << "{\"bench\":\"rethreshold\",\"elements\":" << analysis.numElements()
            << ",\"build_seconds\":" << buildSeconds
            << ",\"summarize_ms_median\":" << summarizeMs[summarizeMs.size() / 2]
            << ",\"summarize_ms_max\":" << summarizeMs.back()
            << ",\"weight_map_ms_median\":" << mapMs[mapMs.size() / 2] << "}\n";
  return 0;
}
