#pragma once
// What a Child-Tuning_D Fisher pass produced, as torch-free values for the GUI, the CLI and the
// run store: per layer x module kind summaries, downsampled weight maps for drill-down, packed
// child-network masks, and FisherAnalysis, a cache of the scores that re-thresholds for another
// p_D fast enough for a live slider.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "childtune/model_info.h"

namespace childtune::core {

// Counts of Fisher scores in log10-spaced bins. Bin b covers
// [10^(log10Min + b*w), 10^(log10Min + (b+1)*w)) with w = (log10Max - log10Min) / bins; scores
// below the first bin (but > 0) count in bin 0, above the last in the last bin; exact zeros
// are counted apart in `zeros` (they have no logarithm).
struct LogHistogram {
  double log10Min = -20.0;
  double log10Max = 0.0;
  std::vector<int64_t> counts;  // size = bins
  int64_t zeros = 0;
  int bins() const { return static_cast<int>(counts.size()); }
  double binLowerEdge(int bin) const;  // score value
};

// One encoder layer x module kind cell of the heatmap.
struct FisherCell {
  int layer = 0;
  ModuleKind kind = ModuleKind::Other;
  int64_t elements = 0;
  int64_t selected = 0;  // in the child network at the summary's p_D
  double mean = 0.0;     // Fisher score statistics over the cell's elements
  double median = 0.0;
  double max = 0.0;
  LogHistogram histogram;  // same bin edges in every cell of a summary
  double fraction() const {
    return elements > 0 ? static_cast<double>(selected) / static_cast<double>(elements) : 0.0;
  }
};

// One maskable parameter tensor.
struct FisherTensorInfo {
  std::string name;  // Hugging Face parameter name
  int layer = -1;
  ModuleKind kind = ModuleKind::Other;
  std::vector<int64_t> shape;
  int64_t elements = 0;
  int64_t selected = 0;
  double mean = 0.0;
  double max = 0.0;
};

struct FisherSummary {
  double pD = 0.0;
  double threshold = 0.0;  // global cut-off: numpy.percentile(all scores, 100 (1 - p_D))
  int64_t selected = 0;    // elements >= threshold
  int64_t total = 0;       // maskable elements
  int64_t batches = 0;     // what the scores were averaged over
  int numLayers = 0;
  std::vector<ModuleKind> kinds;  // the kinds present, in display order (columns)
  std::vector<FisherCell> cells;  // numLayers x kinds.size(), row-major by layer
  std::vector<FisherTensorInfo> tensors;
  LogHistogram overall;  // all maskable scores

  double fraction() const {
    return total > 0 ? static_cast<double>(selected) / static_cast<double>(total) : 0.0;
  }
  // nullptr when the layer/kind pair has no parameters.
  const FisherCell* cell(int layer, ModuleKind kind) const;
};

// A weight tensor's Fisher scores and child-network mask, max-pooled to at most maxSide x maxSide
// blocks for display. 1-D tensors (biases, LayerNorms) are shown as 1 x n.
struct WeightMap {
  std::string name;
  int64_t rows = 0;  // source shape
  int64_t cols = 0;
  int mapRows = 0;  // pooled shape
  int mapCols = 0;
  std::vector<float> fisher;         // mapRows * mapCols, row-major: max score in each block
  std::vector<float> childFraction;  // fraction of each block in the child network
  double threshold = 0.0;
};

// A child-network mask for one tensor, bit-packed row-major, least significant bit first.
struct PackedMask {
  std::string name;
  std::vector<int64_t> shape;
  int64_t selected = 0;
  std::vector<uint8_t> bits;  // (numel + 7) / 8 bytes
  int64_t numel() const;
  bool test(int64_t index) const {
    return (bits[static_cast<size_t>(index >> 3)] >> (index & 7)) & 1;
  }
};

// Jaccard index |A n B| / |A u B| of two masks of the same shape (1.0 when both are empty).
// Throws Error{Data} when the shapes differ.
double jaccard(const PackedMask& a, const PackedMask& b);

struct MaskOverlap {
  double overall = 0.0;              // over all shared tensors
  std::vector<double> perLayer;      // Jaccard per encoder layer (index = layer)
  std::vector<std::string> missing;  // tensors present in only one of the two networks
};
// Overlap of two child networks, matched by parameter name.
MaskOverlap maskOverlap(const std::vector<PackedMask>& a, const std::vector<PackedMask>& b);

// Cached Fisher scores of the maskable tensors. Construction sorts a copy of each tensor's
// scores once (O(n log n), about a second for MiniLM); afterwards thresholdFor(), summarize()
// and weightMap() for any p_D are fast (summarize < 100 ms for MiniLM). Memory: two float copies
// of the maskable weights. All const methods are thread-safe.
class FisherAnalysis {
 public:
  struct Tensor {
    std::string name;
    std::vector<int64_t> shape;
    std::vector<float> scores;  // row-major, numel(shape) values, no NaN
  };
  // Throws Error{Data} for NaN scores or a size that does not match the shape.
  FisherAnalysis(std::vector<Tensor> tensors, int64_t batches);
  ~FisherAnalysis();
  FisherAnalysis(const FisherAnalysis&) = delete;
  FisherAnalysis& operator=(const FisherAnalysis&) = delete;

  int64_t numElements() const;
  int64_t batches() const;
  const std::vector<Tensor>& tensors() const;

  // numpy.percentile(all scores, 100 (1 - pD)) exactly. REQUIRES 0 < pD <= 1 (else Error{Config}).
  double thresholdFor(double pD) const;
  FisherSummary summarize(double pD, int histogramBins = 40) const;
  // Throws Error{Data} for an unknown name.
  WeightMap weightMap(const std::string& name, double pD, int maxSide = 256) const;
  std::vector<PackedMask> packedMasks(double pD) const;

  // Saves the scores as a safetensors file (float32 tensors under their names, metadata
  // "childtune.fisher.batches"); load() reads it back and validates it (Error naming the file).
  void save(const std::filesystem::path& path) const;
  static std::shared_ptr<FisherAnalysis> load(const std::filesystem::path& path);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Packs a byte-per-element mask (0 / non-zero).
PackedMask packMask(std::string name, std::vector<int64_t> shape, const uint8_t* values,
                    int64_t count);

}  // namespace childtune::core
