// FisherAnalysis: cached Fisher scores with fast re-thresholding (torch-free).
//
// Every tensor keeps, next to its scores in layout order, a sorted copy of their order-preserving
// uint32 keys. Any order statistic of the union of tensors (the global numpy percentile, a cell's
// median) is then found by bisecting the key space and counting with binary searches: about
// 32 x tensors x log2(n) probes instead of a pass over the data, so a new p_D costs microseconds
// plus the histogram bins. Compiled with -ffp-contract=off (core/CMakeLists.txt): the percentile
// interpolation must round exactly like numpy's.

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <exception>
#include <map>
#include <numeric>
#include <span>
#include <sstream>
#include <thread>

#include "childtune/error.h"
#include "childtune/fisher_summary.h"
#include "fisher/sort_key.h"
#include "io/safetensors.h"

namespace childtune::core {

namespace {

constexpr const char* kBatchesKey = "childtune.fisher.batches";
constexpr const char* kFormatKey = "format";
constexpr const char* kOrderKey = "childtune.fisher.order";  // names in model order, one per line

using detail::fromSortKey;
using detail::sortKey;

int64_t numelOf(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (const auto d : shape) {
    n *= d;
  }
  return n;
}

struct TensorCache {
  std::vector<uint32_t> sortedKeys;
  double sum = 0.0;
  ParameterKind kind;
};

// Elements of the given tensors whose key is <= key.
int64_t countAtMost(const std::vector<const TensorCache*>& tensors, uint32_t key) {
  int64_t n = 0;
  for (const auto* t : tensors) {
    n += std::upper_bound(t->sortedKeys.begin(), t->sortedKeys.end(), key) - t->sortedKeys.begin();
  }
  return n;
}

// Elements whose key is >= key.
int64_t countAtLeast(const std::vector<const TensorCache*>& tensors, uint32_t key) {
  int64_t n = 0;
  for (const auto* t : tensors) {
    n += t->sortedKeys.end() - std::lower_bound(t->sortedKeys.begin(), t->sortedKeys.end(), key);
  }
  return n;
}

// The k-th smallest value (0-based) of the union.
float kthSmallest(const std::vector<const TensorCache*>& tensors, int64_t k) {
  uint64_t lo = 0;
  uint64_t hi = 0xFFFFFFFFull;
  while (lo < hi) {
    const uint64_t mid = lo + (hi - lo) / 2;
    if (countAtMost(tensors, static_cast<uint32_t>(mid)) > k) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return fromSortKey(static_cast<uint32_t>(lo));
}

// numpy.percentile(values, q), method 'linear', as core/src/fisher/child_network.cpp computes it.
double percentileOf(const std::vector<const TensorCache*>& tensors, int64_t n, double q) {
  const double qq = q / 100.0;
  const double virtualIndex = static_cast<double>(n - 1) * qq;
  if (virtualIndex >= static_cast<double>(n - 1)) {
    return static_cast<double>(kthSmallest(tensors, n - 1));
  }
  const double lower = std::floor(virtualIndex);
  const auto previous = static_cast<int64_t>(lower);
  const double gamma = virtualIndex - lower;
  const float a = kthSmallest(tensors, previous);
  const float b = kthSmallest(tensors, previous + 1);
  const float diff = b - a;
  if (gamma >= 0.5) {
    return static_cast<double>(b) - static_cast<double>(diff) * (1.0 - gamma);
  }
  return static_cast<double>(a) + static_cast<double>(diff) * gamma;
}

// Key of the float cut-off c such that "score >= c" (as float comparison) is "key >= result".
uint32_t cutKey(double threshold) {
  const auto cut = static_cast<float>(threshold);
  return cut == 0.0f ? sortKey(-0.0f) : sortKey(cut);
}

void checkP(double pD) {
  if (!(pD > 0.0 && pD <= 1.0)) {
    throw Error(ErrorCode::Config,
                "Child-Tuning_D reserve fraction p_D must be in (0, 1], got " + std::to_string(pD));
  }
}

}  // namespace

double LogHistogram::binLowerEdge(int bin) const {
  const double width = (log10Max - log10Min) / std::max(1, bins());
  return std::pow(10.0, log10Min + width * bin);
}

const FisherCell* FisherSummary::cell(int layer, ModuleKind kind) const {
  for (const auto& c : cells) {
    if (c.layer == layer && c.kind == kind) {
      return &c;
    }
  }
  return nullptr;
}

int64_t PackedMask::numel() const { return numelOf(shape); }

PackedMask packMask(std::string name, std::vector<int64_t> shape, const uint8_t* values,
                    int64_t count) {
  PackedMask mask;
  mask.name = std::move(name);
  mask.shape = std::move(shape);
  if (mask.numel() != count) {
    throw Error(ErrorCode::Internal, "packMask: " + mask.name + " has " + std::to_string(count) +
                                         " values for " + std::to_string(mask.numel()) +
                                         " elements");
  }
  mask.bits.assign(static_cast<size_t>((count + 7) / 8), 0);
  for (int64_t i = 0; i < count; ++i) {
    if (values[i] != 0) {
      mask.bits[static_cast<size_t>(i >> 3)] |= static_cast<uint8_t>(1u << (i & 7));
      ++mask.selected;
    }
  }
  return mask;
}

namespace {

struct BitCounts {
  int64_t both = 0;
  int64_t either = 0;
};

BitCounts countBits(const PackedMask& a, const PackedMask& b) {
  if (a.shape != b.shape || a.bits.size() != b.bits.size()) {
    throw Error(ErrorCode::Data, "masks of '" + a.name + "' and '" + b.name +
                                     "' have different shapes: cannot compare them");
  }
  BitCounts c;
  const int64_t n = a.numel();
  const size_t fullBytes = static_cast<size_t>(n / 8);
  for (size_t i = 0; i < fullBytes; ++i) {
    c.both += std::popcount(static_cast<unsigned>(a.bits[i] & b.bits[i]));
    c.either += std::popcount(static_cast<unsigned>(a.bits[i] | b.bits[i]));
  }
  for (int64_t i = static_cast<int64_t>(fullBytes) * 8; i < n; ++i) {
    const bool x = a.test(i);
    const bool y = b.test(i);
    c.both += (x && y) ? 1 : 0;
    c.either += (x || y) ? 1 : 0;
  }
  return c;
}

double ratio(const BitCounts& c) {
  return c.either == 0 ? 1.0 : static_cast<double>(c.both) / static_cast<double>(c.either);
}

}  // namespace

double jaccard(const PackedMask& a, const PackedMask& b) { return ratio(countBits(a, b)); }

MaskOverlap maskOverlap(const std::vector<PackedMask>& a, const std::vector<PackedMask>& b) {
  std::map<std::string, const PackedMask*> byName;
  for (const auto& m : b) {
    byName[m.name] = &m;
  }
  MaskOverlap overlap;
  BitCounts total;
  std::map<int, BitCounts> layers;
  int maxLayer = -1;
  for (const auto& m : a) {
    const auto it = byName.find(m.name);
    if (it == byName.end()) {
      overlap.missing.push_back(m.name);
      continue;
    }
    const auto c = countBits(m, *it->second);
    byName.erase(it);
    total.both += c.both;
    total.either += c.either;
    const int layer = classifyParameter(m.name).layer;
    if (layer >= 0) {
      layers[layer].both += c.both;
      layers[layer].either += c.either;
      maxLayer = std::max(maxLayer, layer);
    }
  }
  for (const auto& [name, mask] : byName) {
    overlap.missing.push_back(name);
  }
  overlap.overall = ratio(total);
  overlap.perLayer.assign(static_cast<size_t>(maxLayer + 1), 0.0);
  for (const auto& [layer, c] : layers) {
    overlap.perLayer[static_cast<size_t>(layer)] = ratio(c);
  }
  return overlap;
}

struct FisherAnalysis::Impl {
  std::vector<Tensor> tensors;
  std::vector<TensorCache> caches;
  int64_t batches = 0;
  int64_t total = 0;
  int numLayers = 0;
  double log10Min = -20.0;  // histogram range, whole decades around the positive scores
  double log10Max = 0.0;
  std::vector<const TensorCache*> all;

  size_t indexOf(const std::string& name) const {
    for (size_t i = 0; i < tensors.size(); ++i) {
      if (tensors[i].name == name) {
        return i;
      }
    }
    throw Error(ErrorCode::Data, "no Fisher scores for parameter '" + name + "'");
  }
};

FisherAnalysis::FisherAnalysis(std::vector<Tensor> tensors, int64_t batches)
    : impl_(std::make_unique<Impl>()) {
  auto& d = *impl_;
  d.tensors = std::move(tensors);
  d.batches = batches;
  if (d.tensors.empty()) {
    throw Error(ErrorCode::Data, "Fisher analysis of no tensors");
  }
  d.caches.resize(d.tensors.size());
  for (size_t i = 0; i < d.tensors.size(); ++i) {
    const auto& t = d.tensors[i];
    if (numelOf(t.shape) != static_cast<int64_t>(t.scores.size())) {
      throw Error(ErrorCode::Data, "Fisher scores of '" + t.name +
                                       "': " + std::to_string(t.scores.size()) +
                                       " values do not match the shape");
    }
    d.total += static_cast<int64_t>(t.scores.size());
  }
  // Sort each tensor's keys; tensors are independent, so split them over a few threads.
  const unsigned workers =
      std::max(1u, std::min<unsigned>(std::thread::hardware_concurrency(), 8u));
  std::vector<std::exception_ptr> errors(workers);
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      try {
        for (size_t i = w; i < d.tensors.size(); i += workers) {
          const auto& scores = d.tensors[i].scores;
          auto& cache = d.caches[i];
          cache.sortedKeys.resize(scores.size());
          double sum = 0.0;
          for (size_t j = 0; j < scores.size(); ++j) {
            if (std::isnan(scores[j])) {
              throw Error(ErrorCode::Numerical,
                          "Fisher scores of '" + d.tensors[i].name + "' contain NaN");
            }
            cache.sortedKeys[j] = sortKey(scores[j]);
            sum += static_cast<double>(scores[j]);
          }
          std::sort(cache.sortedKeys.begin(), cache.sortedKeys.end());
          cache.sum = sum;
          cache.kind = classifyParameter(d.tensors[i].name);
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
  float minPositive = 0.0f;
  float maxValue = 0.0f;
  for (const auto& c : d.caches) {
    d.all.push_back(&c);
    d.numLayers = std::max(d.numLayers, c.kind.layer + 1);
    if (c.sortedKeys.empty()) {
      continue;
    }
    maxValue = std::max(maxValue, fromSortKey(c.sortedKeys.back()));
    const auto firstPositive =
        std::upper_bound(c.sortedKeys.begin(), c.sortedKeys.end(), sortKey(0.0f));
    if (firstPositive != c.sortedKeys.end()) {
      const float v = fromSortKey(*firstPositive);
      minPositive = minPositive == 0.0f ? v : std::min(minPositive, v);
    }
  }
  if (maxValue > 0.0f && minPositive > 0.0f) {
    d.log10Max = std::ceil(std::log10(static_cast<double>(maxValue)) + 1e-9);
    d.log10Min = std::floor(std::log10(static_cast<double>(minPositive)));
    // Keep at most 16 decades: the tail below is lumped into the first bin.
    d.log10Min = std::max(d.log10Min, d.log10Max - 16.0);
    if (d.log10Min >= d.log10Max) {
      d.log10Min = d.log10Max - 1.0;
    }
  }
}

FisherAnalysis::~FisherAnalysis() = default;

int64_t FisherAnalysis::numElements() const { return impl_->total; }
int64_t FisherAnalysis::batches() const { return impl_->batches; }
const std::vector<FisherAnalysis::Tensor>& FisherAnalysis::tensors() const {
  return impl_->tensors;
}

double FisherAnalysis::thresholdFor(double pD) const {
  checkP(pD);
  return percentileOf(impl_->all, impl_->total, 100.0 * (1.0 - pD));
}

FisherSummary FisherAnalysis::summarize(double pD, int histogramBins) const {
  const auto& d = *impl_;
  if (histogramBins < 1 || histogramBins > 1000) {
    throw Error(ErrorCode::Config,
                "histogram bins must be in [1, 1000], got " + std::to_string(histogramBins));
  }
  FisherSummary s;
  s.pD = pD;
  s.threshold = thresholdFor(pD);
  s.total = d.total;
  s.batches = d.batches;
  s.numLayers = d.numLayers;
  const uint32_t cut = cutKey(s.threshold);

  // Bin edges as keys: bin b holds keys in [edge[b], edge[b+1]); bin 0 also takes everything
  // above zero below it, the last bin everything above.
  std::vector<uint32_t> edges(static_cast<size_t>(histogramBins) + 1);
  const double width = (d.log10Max - d.log10Min) / histogramBins;
  for (int b = 0; b <= histogramBins; ++b) {
    edges[static_cast<size_t>(b)] =
        sortKey(static_cast<float>(std::pow(10.0, d.log10Min + width * b)));
  }
  const uint32_t zeroKey = sortKey(0.0f);
  auto histogramOf = [&](const std::vector<const TensorCache*>& group) {
    LogHistogram h;
    h.log10Min = d.log10Min;
    h.log10Max = d.log10Max;
    h.counts.assign(static_cast<size_t>(histogramBins), 0);
    h.zeros = countAtMost(group, zeroKey) - countAtMost(group, sortKey(-0.0f) - 1);
    const int64_t positive = countAtLeast(group, zeroKey + 1);
    int64_t prevAtLeast = positive;  // elements >= edge[0], clamped to the positive ones
    for (int b = 1; b <= histogramBins; ++b) {
      const int64_t atLeast =
          b == histogramBins ? 0 : countAtLeast(group, edges[static_cast<size_t>(b)]);
      h.counts[static_cast<size_t>(b - 1)] = prevAtLeast - atLeast;
      prevAtLeast = atLeast;
    }
    return h;
  };

  // Module kinds in display order; only those present become columns.
  static constexpr ModuleKind kOrder[] = {ModuleKind::Query,        ModuleKind::Key,
                                          ModuleKind::Value,        ModuleKind::AttentionOutput,
                                          ModuleKind::Intermediate, ModuleKind::Output,
                                          ModuleKind::LayerNorm,    ModuleKind::Embeddings,
                                          ModuleKind::Pooler,       ModuleKind::Head,
                                          ModuleKind::Other};
  std::map<std::pair<int, ModuleKind>, std::vector<size_t>> groups;
  for (size_t i = 0; i < d.caches.size(); ++i) {
    const auto& k = d.caches[i].kind;
    groups[{std::max(0, k.layer), k.kind}].push_back(i);
  }
  for (const auto kind : kOrder) {
    for (const auto& [key, members] : groups) {
      if (key.second == kind) {
        s.kinds.push_back(kind);
        break;
      }
    }
  }
  for (int layer = 0; layer < std::max(1, d.numLayers); ++layer) {
    for (const auto kind : s.kinds) {
      FisherCell cell;
      cell.layer = layer;
      cell.kind = kind;
      const auto it = groups.find({layer, kind});
      if (it != groups.end()) {
        std::vector<const TensorCache*> group;
        double sum = 0.0;
        for (const auto i : it->second) {
          group.push_back(&d.caches[i]);
          cell.elements += static_cast<int64_t>(d.caches[i].sortedKeys.size());
          sum += d.caches[i].sum;
          if (!d.caches[i].sortedKeys.empty()) {
            cell.max =
                std::max(cell.max, static_cast<double>(fromSortKey(d.caches[i].sortedKeys.back())));
          }
        }
        if (cell.elements > 0) {
          cell.mean = sum / static_cast<double>(cell.elements);
          cell.median = percentileOf(group, cell.elements, 50.0);
          cell.selected = countAtLeast(group, cut);
        }
        cell.histogram = histogramOf(group);
      } else {
        cell.histogram.log10Min = d.log10Min;
        cell.histogram.log10Max = d.log10Max;
        cell.histogram.counts.assign(static_cast<size_t>(histogramBins), 0);
      }
      s.cells.push_back(std::move(cell));
    }
  }
  for (size_t i = 0; i < d.tensors.size(); ++i) {
    const auto& c = d.caches[i];
    FisherTensorInfo info;
    info.name = d.tensors[i].name;
    info.layer = c.kind.layer;
    info.kind = c.kind.kind;
    info.shape = d.tensors[i].shape;
    info.elements = static_cast<int64_t>(c.sortedKeys.size());
    info.selected = countAtLeast({&c}, cut);
    info.mean = info.elements > 0 ? c.sum / static_cast<double>(info.elements) : 0.0;
    info.max = c.sortedKeys.empty() ? 0.0 : static_cast<double>(fromSortKey(c.sortedKeys.back()));
    s.selected += info.selected;
    s.tensors.push_back(std::move(info));
  }
  s.overall = histogramOf(d.all);
  return s;
}

WeightMap FisherAnalysis::weightMap(const std::string& name, double pD, int maxSide) const {
  if (maxSide < 1) {
    throw Error(ErrorCode::Config, "weight map size must be >= 1, got " + std::to_string(maxSide));
  }
  const auto& d = *impl_;
  const auto& t = d.tensors[d.indexOf(name)];
  WeightMap map;
  map.name = name;
  map.threshold = thresholdFor(pD);
  const float cut = static_cast<float>(map.threshold);
  if (t.shape.size() >= 2) {
    map.rows = t.shape.front();
    map.cols = static_cast<int64_t>(t.scores.size()) / std::max<int64_t>(1, map.rows);
  } else {
    map.rows = 1;
    map.cols = static_cast<int64_t>(t.scores.size());
  }
  const int64_t blockRows = std::max<int64_t>(1, (map.rows + maxSide - 1) / maxSide);
  const int64_t blockCols = std::max<int64_t>(1, (map.cols + maxSide - 1) / maxSide);
  map.mapRows = static_cast<int>((map.rows + blockRows - 1) / blockRows);
  map.mapCols = static_cast<int>((map.cols + blockCols - 1) / blockCols);
  const auto cells = static_cast<size_t>(map.mapRows) * static_cast<size_t>(map.mapCols);
  map.fisher.assign(cells, 0.0f);
  map.childFraction.assign(cells, 0.0f);
  std::vector<int64_t> kept(cells, 0);
  std::vector<int64_t> count(cells, 0);
  for (int64_t r = 0; r < map.rows; ++r) {
    const auto mr = static_cast<size_t>(r / blockRows);
    const float* row = t.scores.data() + r * map.cols;
    for (int64_t c = 0; c < map.cols; ++c) {
      const size_t cell =
          mr * static_cast<size_t>(map.mapCols) + static_cast<size_t>(c / blockCols);
      map.fisher[cell] = std::max(map.fisher[cell], row[c]);
      kept[cell] += row[c] >= cut ? 1 : 0;
      ++count[cell];
    }
  }
  for (size_t i = 0; i < cells; ++i) {
    map.childFraction[i] =
        count[i] > 0
            ? static_cast<float>(static_cast<double>(kept[i]) / static_cast<double>(count[i]))
            : 0.0f;
  }
  return map;
}

std::vector<PackedMask> FisherAnalysis::packedMasks(double pD) const {
  const float cut = static_cast<float>(thresholdFor(pD));
  std::vector<PackedMask> masks;
  std::vector<uint8_t> bytes;
  for (const auto& t : impl_->tensors) {
    bytes.resize(t.scores.size());
    for (size_t i = 0; i < t.scores.size(); ++i) {
      bytes[i] = t.scores[i] >= cut ? 1 : 0;
    }
    masks.push_back(packMask(t.name, t.shape, bytes.data(), static_cast<int64_t>(bytes.size())));
  }
  return masks;
}

void FisherAnalysis::save(const std::filesystem::path& path) const {
  std::vector<io::TensorToWrite> out;
  for (const auto& t : impl_->tensors) {
    io::TensorToWrite w;
    w.name = t.name;
    w.dtype = io::DType::F32;
    w.shape = t.shape;
    w.data = std::as_bytes(std::span<const float>(t.scores));
    out.push_back(std::move(w));
  }
  std::string order;
  for (const auto& t : impl_->tensors) {
    order += t.name + "\n";
  }
  io::writeSafetensors(
      path, out,
      {{kBatchesKey, std::to_string(impl_->batches)}, {kFormatKey, "pt"}, {kOrderKey, order}});
}

std::shared_ptr<FisherAnalysis> FisherAnalysis::load(const std::filesystem::path& path) {
  const auto file = io::SafetensorsFile::open(path);
  int64_t batches = 0;
  const auto& meta = file.metadata();
  const auto it = meta.find(kBatchesKey);
  if (it == meta.end()) {
    throw Error(ErrorCode::Data, path.string() + ": not a ChildTune Fisher file (no '" +
                                     std::string(kBatchesKey) + "' metadata)");
  }
  try {
    batches = std::stoll(it->second);
  } catch (const std::exception&) {
    throw Error(ErrorCode::Data,
                path.string() + ": metadata '" + kBatchesKey + "' is not a number: " + it->second);
  }
  std::vector<Tensor> tensors;
  for (const auto& info : file.tensors()) {
    Tensor t;
    t.name = info.name;
    t.shape = info.shape;
    t.scores = io::toFloat32(info, file.bytes(info));
    tensors.push_back(std::move(t));
  }
  if (tensors.empty()) {
    throw Error(ErrorCode::Data, path.string() + ": the Fisher file holds no tensors");
  }
  // safetensors stores tensors by dtype and name; put them back in the model's order.
  std::map<std::string, size_t> rank;
  if (const auto order = meta.find(kOrderKey); order != meta.end()) {
    std::istringstream lines(order->second);
    std::string name;
    while (std::getline(lines, name)) {
      rank.emplace(name, rank.size());
    }
  }
  std::stable_sort(tensors.begin(), tensors.end(), [&](const Tensor& a, const Tensor& b) {
    const auto ra = rank.find(a.name);
    const auto rb = rank.find(b.name);
    const size_t xa = ra == rank.end() ? rank.size() : ra->second;
    const size_t xb = rb == rank.end() ? rank.size() : rb->second;
    return xa < xb;
  });
  try {
    return std::make_shared<FisherAnalysis>(std::move(tensors), batches);
  } catch (const Error& e) {
    throw Error(e.code(), path.string() + ": " + e.message());
  }
}

}  // namespace childtune::core
