// FisherAnalysis (the torch-free Fisher cache behind the GUI's heatmaps and p_D slider) agrees
// with the trainer's own selection: same threshold as core::percentile (numpy-exact), same masks
// as selectChildNetwork, and summaries/maps that match brute-force recomputation.

#include <algorithm>
#include <cmath>
#include <random>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "childtune/error.h"
#include "childtune/fisher_summary.h"
#include "fisher/child_network.h"
#include "support/test_env.h"

namespace childtune::test {
namespace {

using ::testing::HasSubstr;

// A small BERT-like set of maskable tensors with log-uniform scores, plus ties and zeros.
std::vector<core::FisherAnalysis::Tensor> makeTensors(int layers, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> exponent(-12.0, -3.0);
  std::vector<core::FisherAnalysis::Tensor> out;
  const std::vector<std::pair<std::string, std::vector<int64_t>>> parts = {
      {"attention.self.query.weight", {16, 16}},
      {"attention.self.query.bias", {16}},
      {"attention.self.key.weight", {16, 16}},
      {"attention.self.value.weight", {16, 16}},
      {"attention.output.dense.weight", {16, 16}},
      {"attention.output.LayerNorm.weight", {16}},
      {"intermediate.dense.weight", {64, 16}},
      {"output.dense.weight", {16, 64}},
      {"output.LayerNorm.bias", {16}},
  };
  for (int l = 0; l < layers; ++l) {
    for (const auto& [suffix, shape] : parts) {
      core::FisherAnalysis::Tensor t;
      t.name = "bert.encoder.layer." + std::to_string(l) + "." + suffix;
      t.shape = shape;
      int64_t n = 1;
      for (const auto d : shape) {
        n *= d;
      }
      for (int64_t i = 0; i < n; ++i) {
        const double v = std::pow(10.0, exponent(rng) + 0.3 * l);
        // Every 17th value repeats a fixed score (ties at the threshold); some are exactly 0.
        t.scores.push_back(i % 17 == 0 ? 1e-6f : (i % 53 == 0 ? 0.0f : static_cast<float>(v)));
      }
      out.push_back(std::move(t));
    }
  }
  return out;
}

core::FisherScores toTorch(const std::vector<core::FisherAnalysis::Tensor>& tensors) {
  core::FisherScores f;
  for (const auto& t : tensors) {
    f.names.push_back(t.name);
    f.scores.push_back(
        torch::from_blob(const_cast<float*>(t.scores.data()), t.shape, torch::kFloat32).clone());
  }
  return f;
}

TEST(FisherAnalysis, ThresholdAndMasksMatchTheTrainersSelection) {
  const auto tensors = makeTensors(3, 1);
  const core::FisherAnalysis analysis(tensors, 5);
  const auto torchScores = toTorch(tensors);
  for (const double p : {1.0, 0.9, 0.5, 0.3, 0.2, 0.1, 0.05, 0.01, 1e-5}) {
    const auto net = core::selectChildNetwork(torchScores, p);
    EXPECT_EQ(analysis.thresholdFor(p), net.threshold) << p;
    const auto masks = analysis.packedMasks(p);
    ASSERT_EQ(masks.size(), net.masks.size());
    int64_t selected = 0;
    for (size_t i = 0; i < masks.size(); ++i) {
      const auto expected = net.masks[i].flatten().to(torch::kUInt8).contiguous();
      const auto* e = expected.data_ptr<uint8_t>();
      for (int64_t j = 0; j < masks[i].numel(); ++j) {
        ASSERT_EQ(masks[i].test(j), e[j] != 0) << masks[i].name << " " << j;
      }
      selected += masks[i].selected;
    }
    EXPECT_EQ(selected, net.selected) << p;
    EXPECT_EQ(analysis.summarize(p).selected, net.selected) << p;
  }
}

TEST(FisherAnalysis, SummaryCellsMatchBruteForce) {
  const auto tensors = makeTensors(4, 2);
  const core::FisherAnalysis analysis(tensors, 7);
  const double p = 0.2;
  const auto s = analysis.summarize(p, 24);
  const auto cut = static_cast<float>(s.threshold);
  EXPECT_EQ(s.numLayers, 4);
  EXPECT_EQ(s.batches, 7);
  EXPECT_EQ(s.total, analysis.numElements());
  EXPECT_THAT(s.kinds, ::testing::ElementsAre(
                           core::ModuleKind::Query, core::ModuleKind::Key, core::ModuleKind::Value,
                           core::ModuleKind::AttentionOutput, core::ModuleKind::Intermediate,
                           core::ModuleKind::Output, core::ModuleKind::LayerNorm));
  ASSERT_EQ(s.cells.size(), 4u * 7u);
  for (const auto& cell : s.cells) {
    std::vector<float> values;
    for (const auto& t : tensors) {
      const auto k = core::classifyParameter(t.name);
      if (k.layer == cell.layer && k.kind == cell.kind) {
        values.insert(values.end(), t.scores.begin(), t.scores.end());
      }
    }
    ASSERT_EQ(cell.elements, static_cast<int64_t>(values.size()));
    const auto selected =
        std::count_if(values.begin(), values.end(), [&](float v) { return v >= cut; });
    EXPECT_EQ(cell.selected, selected);
    double sum = 0.0;
    for (const auto v : values) {
      sum += v;
    }
    EXPECT_NEAR(cell.mean, sum / static_cast<double>(values.size()), 1e-12 * std::abs(cell.mean));
    EXPECT_EQ(cell.max, *std::max_element(values.begin(), values.end()));
    EXPECT_EQ(cell.median,
              core::percentile({values.data()}, {static_cast<int64_t>(values.size())}, 50.0));
    // Histogram: every element counted once, zeros apart, each bin by its edges.
    int64_t counted = cell.histogram.zeros;
    for (const auto c : cell.histogram.counts) {
      counted += c;
    }
    EXPECT_EQ(counted, cell.elements);
    EXPECT_EQ(cell.histogram.zeros, std::count(values.begin(), values.end(), 0.0f));
    const int bins = cell.histogram.bins();
    ASSERT_EQ(bins, 24);
    for (int b = 1; b + 1 < bins; ++b) {
      const auto lo = static_cast<float>(cell.histogram.binLowerEdge(b));
      const auto hi = static_cast<float>(cell.histogram.binLowerEdge(b + 1));
      EXPECT_EQ(
          cell.histogram.counts[static_cast<size_t>(b)],
          std::count_if(values.begin(), values.end(), [&](float v) { return v >= lo && v < hi; }))
          << b;
    }
    EXPECT_EQ(s.cell(cell.layer, cell.kind), &cell);
  }
  EXPECT_EQ(s.cell(9, core::ModuleKind::Query), nullptr);
  // Upper layers have larger scores here, so they hold more of the child network.
  EXPECT_GT(s.cell(3, core::ModuleKind::Query)->fraction(),
            s.cell(0, core::ModuleKind::Query)->fraction());
}

TEST(FisherAnalysis, WeightMapMaxPoolsScoresAndAveragesTheMask) {
  std::vector<core::FisherAnalysis::Tensor> tensors(1);
  tensors[0].name = "bert.encoder.layer.0.intermediate.dense.weight";
  tensors[0].shape = {5, 7};
  for (int i = 0; i < 35; ++i) {
    tensors[0].scores.push_back(static_cast<float>(i + 1));
  }
  const core::FisherAnalysis analysis(tensors, 1);
  const auto map = analysis.weightMap(tensors[0].name, 0.5, 3);
  EXPECT_EQ(map.rows, 5);
  EXPECT_EQ(map.cols, 7);
  // Blocks of 2 x 3: ceil(5/2) = 3 rows, ceil(7/3) = 3 columns.
  ASSERT_EQ(map.mapRows, 3);
  ASSERT_EQ(map.mapCols, 3);
  EXPECT_EQ(map.threshold, 18.0);         // median of 1..35
  EXPECT_FLOAT_EQ(map.fisher[0], 10.0f);  // max of rows 0-1, cols 0-2 = row 1 col 2 = 7 + 3
  EXPECT_FLOAT_EQ(map.fisher[8], 35.0f);
  EXPECT_FLOAT_EQ(map.childFraction[0], 0.0f);
  EXPECT_FLOAT_EQ(map.childFraction[8], 1.0f);
  // Block (1, 0): rows 2-3, cols 0-2 -> values 15,16,17,22,23,24: three >= 18.
  EXPECT_FLOAT_EQ(map.childFraction[3], 0.5f);
  const auto full = analysis.weightMap(tensors[0].name, 0.5, 256);
  EXPECT_EQ(full.mapRows, 5);
  EXPECT_EQ(full.mapCols, 7);
  EXPECT_THAT(errorOf([&] { (void)analysis.weightMap("nope", 0.5); }, ErrorCode::Data),
              HasSubstr("nope"));
}

TEST(FisherAnalysis, SaveLoadRoundTripKeepsOrderAndRejectsForeignFiles) {
  TempDir dir;
  const auto tensors = makeTensors(2, 3);
  const core::FisherAnalysis analysis(tensors, 11);
  analysis.save(dir.path() / "fisher.safetensors");
  const auto loaded = core::FisherAnalysis::load(dir.path() / "fisher.safetensors");
  ASSERT_EQ(loaded->tensors().size(), tensors.size());
  for (size_t i = 0; i < tensors.size(); ++i) {
    EXPECT_EQ(loaded->tensors()[i].name, tensors[i].name);
    EXPECT_EQ(loaded->tensors()[i].scores, tensors[i].scores);
  }
  EXPECT_EQ(loaded->batches(), 11);
  EXPECT_EQ(loaded->thresholdFor(0.3), analysis.thresholdFor(0.3));

  writeFile(dir.path() / "junk.safetensors", "not a safetensors file at all");
  EXPECT_THAT(errorOf([&] { (void)core::FisherAnalysis::load(dir.path() / "junk.safetensors"); },
                      ErrorCode::Data),
              HasSubstr("junk.safetensors"));
}

TEST(FisherAnalysis, RejectsNaNMismatchedShapesAndBadP) {
  std::vector<core::FisherAnalysis::Tensor> bad(1);
  bad[0].name = "bert.encoder.layer.0.output.dense.bias";
  bad[0].shape = {3};
  bad[0].scores = {1.0f, std::nanf(""), 2.0f};
  EXPECT_THAT(errorOf([&] { core::FisherAnalysis a(bad, 1); }, ErrorCode::Numerical),
              HasSubstr("NaN"));
  bad[0].scores = {1.0f, 2.0f};
  EXPECT_THAT(errorOf([&] { core::FisherAnalysis a(bad, 1); }, ErrorCode::Data),
              HasSubstr("output.dense.bias"));
  bad[0].scores = {1.0f, 2.0f, 3.0f};
  const core::FisherAnalysis ok(bad, 1);
  EXPECT_THAT(errorOf([&] { (void)ok.thresholdFor(0.0); }, ErrorCode::Config), HasSubstr("p_D"));
  EXPECT_THAT(errorOf([&] { (void)ok.summarize(1.5); }, ErrorCode::Config), HasSubstr("p_D"));
}

TEST(MaskOverlap, JaccardPerLayerAndOverall) {
  const uint8_t a0[] = {1, 1, 0, 0, 1, 0, 0, 0, 1, 1};
  const uint8_t b0[] = {1, 0, 1, 0, 1, 0, 0, 0, 1, 0};
  const uint8_t a1[] = {1, 1, 1};
  const uint8_t b1[] = {1, 1, 1};
  const std::string n0 = "bert.encoder.layer.0.output.dense.weight";
  const std::string n1 = "bert.encoder.layer.1.output.dense.bias";
  const std::vector<core::PackedMask> a = {core::packMask(n0, {2, 5}, a0, 10),
                                           core::packMask(n1, {3}, a1, 3)};
  const std::vector<core::PackedMask> b = {core::packMask(n1, {3}, b1, 3),
                                           core::packMask(n0, {2, 5}, b0, 10),
                                           core::packMask("only.in.b", {1}, a1, 1)};
  EXPECT_EQ(a[0].selected, 5);
  // a0 = {0, 1, 4, 8, 9}, b0 = {0, 2, 4, 8}: 3 shared of 6.
  EXPECT_DOUBLE_EQ(core::jaccard(a[0], b[1]), 0.5);
  const auto overlap = core::maskOverlap(a, b);
  ASSERT_EQ(overlap.perLayer.size(), 2u);
  EXPECT_DOUBLE_EQ(overlap.perLayer[0], 0.5);
  EXPECT_DOUBLE_EQ(overlap.perLayer[1], 1.0);
  EXPECT_DOUBLE_EQ(overlap.overall, 6.0 / 9.0);
  EXPECT_THAT(overlap.missing, ::testing::ElementsAre("only.in.b"));
  EXPECT_THAT(errorOf([&] { (void)core::jaccard(a[0], a[1]); }, ErrorCode::Data),
              HasSubstr("different shapes"));
}

}  // namespace
}  // namespace childtune::test
