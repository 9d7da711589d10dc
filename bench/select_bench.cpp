// Child-network selection over a BERT-large-sized parameter set: 302,309,376 random float32
// scores in the shapes of BERT-large's 24 encoder layers (q, k, v, attention output,
// intermediate, output, two LayerNorms), squared uniform numbers like Fisher scores. Times
// core::percentile (the numpy-exact global threshold) alone and core::selectChildNetwork (threshold
// plus the bool masks) as the trainer calls it. The peer: bench/reference/peer.py select.
//
//   bench_select [--threads 2] [--repeats 3] [--p 0.3]

#include <nlohmann/json.hpp>

#include "bench_util.h"
#include "childtune/runtime.h"
#include "fisher/child_network.h"

namespace {

using namespace childtune;
using namespace childtune::bench;

std::vector<std::vector<int64_t>> bertLargeEncoderShapes() {
  constexpr int64_t kHidden = 1024;
  constexpr int64_t kInter = 4096;
  std::vector<std::vector<int64_t>> layer;
  for (int i = 0; i < 4; ++i) {  // query, key, value, attention output dense
    layer.push_back({kHidden, kHidden});
    layer.push_back({kHidden});
  }
  layer.push_back({kHidden});  // attention LayerNorm weight, bias
  layer.push_back({kHidden});
  layer.push_back({kInter, kHidden});
  layer.push_back({kInter});
  layer.push_back({kHidden, kInter});
  layer.push_back({kHidden});
  layer.push_back({kHidden});  // output LayerNorm weight, bias
  layer.push_back({kHidden});
  std::vector<std::vector<int64_t>> all;
  for (int l = 0; l < 24; ++l) {
    all.insert(all.end(), layer.begin(), layer.end());
  }
  return all;
}

}  // namespace

int main(int argc, char** argv) try {
  const Args args(argc, argv, {{"threads", "2"}, {"repeats", "3"}, {"p", "0.3"}, {"seed", "7"}});
  core::initializeRuntime(static_cast<int>(args.integer("threads")));
  auto generator = at::detail::createCPUGenerator(static_cast<uint64_t>(args.integer("seed")));
  core::FisherScores fisher;
  const auto shapes = bertLargeEncoderShapes();
  for (size_t i = 0; i < shapes.size(); ++i) {
    fisher.names.push_back("encoder.layer." + std::to_string(i / 16) + ".t" +
                           std::to_string(i % 16));
    fisher.scores.push_back(torch::rand(shapes[i], generator, torch::kFloat32).square_());
  }
  std::vector<const float*> chunks;
  std::vector<int64_t> sizes;
  for (const auto& s : fisher.scores) {
    chunks.push_back(s.data_ptr<float>());
    sizes.push_back(s.numel());
  }
  const double p = args.real("p");
  std::vector<double> percentileS;
  std::vector<double> selectS;
  double threshold = 0.0;
  int64_t selected = 0;
  for (int64_t r = 0; r < args.integer("repeats"); ++r) {
    auto t0 = Clock::now();
    threshold = core::percentile(chunks, sizes, 100.0 * (1.0 - p));
    percentileS.push_back(secondsSince(t0));
    t0 = Clock::now();
    const auto child = core::selectChildNetwork(fisher, p);
    selectS.push_back(secondsSince(t0));
    selected = child.selected;
  }
  nlohmann::ordered_json out;
  out["impl"] = "childtune";
  out["mode"] = "select";
  out["threads"] = at::get_num_threads();
  out["elements"] = fisher.numElements();
  out["percentile_s"] = median(percentileS);
  out["select_s"] = median(selectS);
  out["select_s_min"] = *std::min_element(selectS.begin(), selectS.end());
  out["select_s_max"] = *std::max_element(selectS.begin(), selectS.end());
  out["threshold"] = threshold;
  out["selected"] = selected;
  out["peak_rss_mib"] = peakRssMiB();
  std::cout << out.dump() << std::endl;
  return 0;
} catch (const std::exception& e) {
  std::cerr << "bench_select: " << e.what() << "\n";
  return 1;
}
