#include "train/weight_movement.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "io/safetensors.h"
#include "model/weight_names.h"

namespace childtune::core {

void MovementSums::add(const MovementSums& other) {
  elements += other.elements;
  changed += other.changed;
  sumAbsDelta += other.sumAbsDelta;
  maxAbsDelta = std::max(maxAbsDelta, other.maxAbsDelta);
  sumSquaredDelta += other.sumSquaredDelta;
  sumSquaredInitial += other.sumSquaredInitial;
}

double MovementSums::meanAbsDelta() const {
  return elements > 0 ? sumAbsDelta / static_cast<double>(elements) : 0.0;
}

double MovementSums::deltaNorm() const { return std::sqrt(sumSquaredDelta); }

double MovementSums::initialNorm() const { return std::sqrt(sumSquaredInitial); }

double MovementSums::relativeChange() const {
  if (sumSquaredInitial > 0.0) {
    return std::sqrt(sumSquaredDelta / sumSquaredInitial);
  }
  // A tensor that started at zero (a bias): relative change is undefined; report none unless
  // it moved, then infinity says "moved from nothing".
  return sumSquaredDelta > 0.0 ? std::numeric_limits<double>::infinity() : 0.0;
}

double MovementSums::changedFraction() const {
  return elements > 0 ? static_cast<double>(changed) / static_cast<double>(elements) : 0.0;
}

const MovementCell* WeightMovement::cell(int layer, ModuleKind kind) const {
  for (const MovementCell& c : cells) {
    if (c.layer == layer && c.kind == kind) {
      return c.sums.elements > 0 ? &c : nullptr;
    }
  }
  return nullptr;
}

const TensorMovement* WeightMovement::tensor(const std::string& name) const {
  for (const TensorMovement& t : tensors) {
    if (t.name == name) {
      return &t;
    }
  }
  return nullptr;
}

WeightMovement summarizeMovement(std::vector<TensorMovement> tensors, int numLayers, int64_t step) {
  WeightMovement out;
  out.step = step;
  out.tensors = std::move(tensors);
  int maxLayer = -1;
  std::map<std::pair<int, ModuleKind>, MovementSums> groups;
  for (const TensorMovement& t : out.tensors) {
    out.overall.add(t.sums);
    if (t.layer >= 0) {
      out.encoder.add(t.sums);
      groups[{t.layer, t.kind}].add(t.sums);
      maxLayer = std::max(maxLayer, t.layer);
    }
  }
  out.numLayers = std::max(numLayers, maxLayer + 1);
  // The same column order as FisherAnalysis::summarize, so both heatmaps line up.
  static constexpr ModuleKind kOrder[] = {ModuleKind::Query,        ModuleKind::Key,
                                          ModuleKind::Value,        ModuleKind::AttentionOutput,
                                          ModuleKind::Intermediate, ModuleKind::Output,
                                          ModuleKind::LayerNorm,    ModuleKind::Embeddings,
                                          ModuleKind::Pooler,       ModuleKind::Head,
                                          ModuleKind::Other};
  for (const ModuleKind kind : kOrder) {
    if (std::any_of(groups.begin(), groups.end(),
                    [kind](const auto& group) { return group.first.second == kind; })) {
      out.kinds.push_back(kind);
    }
  }
  for (int layer = 0; layer < out.numLayers; ++layer) {
    for (const ModuleKind kind : out.kinds) {
      MovementCell c;
      c.layer = layer;
      c.kind = kind;
      if (const auto it = groups.find({layer, kind}); it != groups.end()) {
        c.sums = it->second;
      }
      out.cells.push_back(c);
    }
  }
  return out;
}

namespace {

// Elements per double-precision chunk of the norm sums: bounds the temporary (8 MiB) whatever
// the tensor's size.
constexpr int64_t kChunk = int64_t{1} << 20;

MovementSums compare(const torch::Tensor& trained, const torch::Tensor& initial) {
  MovementSums s;
  s.elements = initial.numel();
  if (s.elements == 0) {
    return s;
  }
  // Both float32 on the CPU, flat: Δw in float32 is exactly what a direct subtraction gives.
  const torch::Tensor delta = (trained - initial).reshape({-1});
  const torch::Tensor w0 = initial.reshape({-1});
  const torch::Tensor absDelta = delta.abs();
  s.changed = delta.ne(0).sum().item<int64_t>();
  s.maxAbsDelta = absDelta.max().item<double>();
  for (int64_t begin = 0; begin < s.elements; begin += kChunk) {
    const int64_t length = std::min(kChunk, s.elements - begin);
    const auto d = delta.narrow(0, begin, length).to(torch::kFloat64);
    const auto w = w0.narrow(0, begin, length).to(torch::kFloat64);
    s.sumAbsDelta += d.abs().sum().item<double>();
    s.sumSquaredDelta += (d * d).sum().item<double>();
    s.sumSquaredInitial += (w * w).sum().item<double>();
  }
  return s;
}

}  // namespace

WeightMovement measureWeightMovement(SequenceClassifier& model, const ModelFiles& files,
                                     int64_t step) {
  const ModelConfig& config = model->config();
  std::vector<io::SafetensorsFile> shards;
  shards.reserve(files.weightShards.size());
  for (const auto& path : files.weightShards) {
    shards.push_back(io::SafetensorsFile::open(path));
  }
  struct Stored {
    const io::SafetensorsFile* file = nullptr;
    const io::TensorInfo* info = nullptr;
  };
  std::map<std::string, Stored> stored;  // our parameter name -> checkpoint tensor
  for (const auto& shard : shards) {
    for (const auto& info : shard.tensors()) {
      if (!detail::isBufferName(info.name)) {
        stored.emplace(detail::canonicalWeightName(info.name, config.modelType),
                       Stored{&shard, &info});
      }
    }
  }

  torch::NoGradGuard noGrad;
  std::vector<TensorMovement> tensors;
  std::vector<std::string> notPretrained;
  for (const auto& item : model->named_parameters(/*recurse=*/true)) {
    const std::string& name = item.key();
    const torch::Tensor& param = item.value();
    const auto it = stored.find(name);
    const bool floating =
        it != stored.end() &&
        (it->second.info->dtype == io::DType::F32 || it->second.info->dtype == io::DType::F64 ||
         it->second.info->dtype == io::DType::F16 || it->second.info->dtype == io::DType::BF16);
    if (!floating || c10::IntArrayRef(it->second.info->shape) != param.sizes()) {
      notPretrained.push_back(name);
      continue;
    }
    const io::TensorInfo& info = *it->second.info;
    // The pretrained values as float32, as the loader converted them (exactly for F16/BF16).
    std::vector<float> values = io::toFloat32(info, it->second.file->bytes(info));
    it->second.file->release(info);
    const torch::Tensor initial = torch::from_blob(values.data(), info.shape, torch::kFloat32);
    const torch::Tensor trained = param.detach().to(torch::kCPU, torch::kFloat32).contiguous();

    TensorMovement t;
    t.name = name;
    const ParameterKind kind = classifyParameter(name);
    t.layer = kind.layer;
    t.kind = kind.kind;
    t.shape = param.sizes().vec();
    t.sums = compare(trained, initial);
    tensors.push_back(std::move(t));
  }
  WeightMovement movement =
      summarizeMovement(std::move(tensors), static_cast<int>(config.numHiddenLayers), step);
  movement.notPretrained = std::move(notPretrained);
  return movement;
}

}  // namespace childtune::core
