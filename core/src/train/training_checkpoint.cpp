#include "train/training_checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "childtune/error.h"
#include "io/atomic_file.h"

namespace childtune::core {

namespace fs = std::filesystem;

namespace {

constexpr const char* kFormat = "childtune-checkpoint";
constexpr int kVersion = 1;
constexpr const char* kPartialSuffix = ".partial";

io::TensorToWrite viewOf(const std::string& name, const torch::Tensor& cpuContiguous,
                         io::DType dtype) {
  io::TensorToWrite w;
  w.name = name;
  w.dtype = dtype;
  w.shape = cpuContiguous.sizes().vec();
  w.data = std::span<const std::byte>(static_cast<const std::byte*>(cpuContiguous.data_ptr()),
                                      static_cast<size_t>(cpuContiguous.nbytes()));
  return w;
}

void fsyncDir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    (void)::fsync(fd);
    ::close(fd);
  }
}

std::optional<int64_t> stepOfFolder(const std::string& name) {
  if (!name.starts_with("step-") || name.ends_with(kPartialSuffix)) {
    return std::nullopt;
  }
  const auto digits = name.substr(5);
  if (digits.empty() ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::stoll(digits);
}

nlohmann::ordered_json childJson(const ChildNetworkStats& c) {
  nlohmann::ordered_json j;
  j["p_d"] = c.pD;
  j["threshold"] = c.threshold;
  j["selected"] = c.selected;
  j["total"] = c.total;
  return j;
}

}  // namespace

std::string checkpointFolderName(int64_t step) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "step-%08lld", static_cast<long long>(step));
  return buf;
}

nlohmann::ordered_json evalStatsToJson(const EvalStats& e) {
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

EvalStats evalStatsFromJson(const nlohmann::ordered_json& j) {
  EvalStats e;
  e.step = j.at("step").get<int64_t>();
  e.epoch = j.at("epoch").get<int>();
  e.split = j.at("split").get<std::string>();
  // ordered_json keeps the metrics in the task's order (accuracy before f1 for MRPC).
  for (const auto& [name, value] : j.at("metrics").items()) {
    e.metrics.emplace_back(name, value.get<double>());
  }
  e.combined = j.at("combined").get<double>();
  e.loss = j.at("loss").get<double>();
  return e;
}

void writeTrainingCheckpoint(const fs::path& dir, const CheckpointMeta& meta,
                             const ChildTuningAdamW& optimizer,
                             const std::vector<torch::Tensor>& masks) {
  const fs::path partial = dir.string() + kPartialSuffix;
  std::error_code ec;
  fs::remove_all(partial, ec);
  fs::create_directories(partial, ec);
  if (ec) {
    throw Error(ErrorCode::Io,
                partial.string() + ": cannot create checkpoint folder: " + ec.message());
  }
  // CPU copies stay alive until both files are written.
  std::vector<torch::Tensor> keep;
  auto cpu = [&keep](const torch::Tensor& t) {
    keep.push_back(t.detach().to(torch::kCPU).contiguous());
    return keep.back();
  };
  std::vector<io::TensorToWrite> model;
  std::vector<io::TensorToWrite> state;
  const auto& entries = optimizer.entries();
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    model.push_back(viewOf(e.name, cpu(e.param.to(torch::kFloat32)), io::DType::F32));
    // Moments not allocated yet (no step had a gradient for this tensor) are zeros.
    const auto moment = [&e](const torch::Tensor& m) {
      return m.defined() ? m.to(torch::kFloat32) : torch::zeros_like(e.param, torch::kFloat32);
    };
    state.push_back(viewOf("exp_avg." + e.name, cpu(moment(e.expAvg)), io::DType::F32));
    state.push_back(viewOf("exp_avg_sq." + e.name, cpu(moment(e.expAvgSq)), io::DType::F32));
    if (i < masks.size() && masks[i].defined()) {
      state.push_back(viewOf("mask." + e.name, cpu(masks[i].to(torch::kUInt8)), io::DType::U8));
    }
  }
  {
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    state.push_back(viewOf("rng.cpu", cpu(generator.get_state()), io::DType::U8));
  }
  io::writeSafetensors(partial / "model.safetensors", model, {{"format", "pt"}});
  io::writeSafetensors(partial / "optimizer.safetensors", state,
                       {{"optimizer_steps", std::to_string(optimizer.stepsTaken())}});

  nlohmann::ordered_json j;
  j["format"] = kFormat;
  j["version"] = kVersion;
  j["config"] = nlohmann::ordered_json::parse(meta.configJson);
  j["step"] = meta.step;
  j["epoch"] = meta.epoch;
  j["batch_in_epoch"] = meta.batchInEpoch;
  j["optimizer_steps"] = optimizer.stepsTaken();
  j["train_seconds"] = meta.trainSeconds;
  j["fisher_seconds"] = meta.fisherSeconds;
  j["child_fraction"] = meta.childFraction;
  if (meta.childNetwork) {
    j["child_network"] = childJson(*meta.childNetwork);
  }
  nlohmann::ordered_json evals = nlohmann::ordered_json::array();
  for (const auto& e : meta.evaluations) {
    evals.push_back(evalStatsToJson(e));
  }
  j["evaluations"] = evals;
  if (meta.final) {
    j["final"] = evalStatsToJson(*meta.final);
  }
  if (meta.best) {
    j["best"] = evalStatsToJson(*meta.best);
  }
  j["losses"] = meta.losses;
  io::writeFileAtomically(partial / "state.json", j.dump(1) + "\n");

  // The rename publishes the whole folder at once.
  fs::remove_all(dir, ec);
  fs::rename(partial, dir, ec);
  if (ec) {
    throw Error(ErrorCode::Io,
                dir.string() + ": cannot move the checkpoint into place: " + ec.message());
  }
  fsyncDir(dir.parent_path());
}

LoadedCheckpoint readTrainingCheckpoint(const fs::path& dir) {
  const auto statePath = dir / "state.json";
  std::ifstream in(statePath, std::ios::binary);
  if (!in) {
    throw Error(ErrorCode::Io, statePath.string() + ": cannot read the checkpoint state",
                "pass a checkpoint folder such as OUT/checkpoints/step-00000100");
  }
  std::stringstream text;
  text << in.rdbuf();
  CheckpointMeta meta;
  try {
    const auto j = nlohmann::ordered_json::parse(text.str());
    if (j.value("format", "") != kFormat) {
      throw Error(ErrorCode::Data, statePath.string() + ": not a ChildTune checkpoint");
    }
    if (j.at("version").get<int>() > kVersion) {
      throw Error(ErrorCode::Data, statePath.string() + ": checkpoint version " +
                                       std::to_string(j.at("version").get<int>()) +
                                       " is newer than this ChildTune understands (" +
                                       std::to_string(kVersion) + ")");
    }
    meta.configJson = j.at("config").dump();
    meta.step = j.at("step").get<int64_t>();
    meta.epoch = j.at("epoch").get<int>();
    meta.batchInEpoch = j.at("batch_in_epoch").get<int64_t>();
    meta.trainSeconds = j.at("train_seconds").get<double>();
    meta.fisherSeconds = j.at("fisher_seconds").get<double>();
    meta.childFraction = j.at("child_fraction").get<double>();
    if (j.contains("child_network")) {
      const auto& c = j.at("child_network");
      ChildNetworkStats stats;
      stats.pD = c.at("p_d").get<double>();
      stats.threshold = c.at("threshold").get<double>();
      stats.selected = c.at("selected").get<int64_t>();
      stats.total = c.at("total").get<int64_t>();
      meta.childNetwork = stats;
    }
    for (const auto& e : j.at("evaluations")) {
      meta.evaluations.push_back(evalStatsFromJson(e));
    }
    if (j.contains("final")) {
      meta.final = evalStatsFromJson(j.at("final"));
    }
    if (j.contains("best")) {
      meta.best = evalStatsFromJson(j.at("best"));
    }
    meta.losses = j.at("losses").get<std::vector<double>>();
    if (meta.step < 0 || meta.epoch < 0 || meta.batchInEpoch < 0 ||
        static_cast<int64_t>(meta.losses.size()) != meta.step) {
      throw Error(ErrorCode::Data,
                  statePath.string() + ": inconsistent position (step, epoch, batch or losses)");
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::Data, statePath.string() + ": malformed checkpoint state: " + e.what());
  }
  return LoadedCheckpoint{std::move(meta), dir,
                          io::SafetensorsFile::open(dir / "model.safetensors"),
                          io::SafetensorsFile::open(dir / "optimizer.safetensors")};
}

namespace {

torch::Tensor tensorFrom(const io::SafetensorsFile& file, const std::string& name,
                         const std::vector<int64_t>& shape, io::DType dtype) {
  const auto* info = file.find(name);
  if (info == nullptr) {
    throw Error(ErrorCode::Model,
                file.path().string() + ": checkpoint has no tensor '" + name + "'");
  }
  if (info->dtype != dtype || (!shape.empty() && info->shape != shape)) {
    throw Error(ErrorCode::Model, file.path().string() + ": tensor '" + name +
                                      "' has the wrong type or shape for this model");
  }
  const auto bytes = file.bytes(*info);
  const auto options = dtype == io::DType::U8 ? torch::kUInt8 : torch::kFloat32;
  auto t = torch::empty(info->shape, options);
  std::memcpy(t.data_ptr(), bytes.data(), bytes.size());
  return t;
}

}  // namespace

std::vector<torch::Tensor> restoreTrainingCheckpoint(const LoadedCheckpoint& checkpoint,
                                                     ChildTuningAdamW& optimizer,
                                                     const torch::Device& device) {
  const auto& entries = optimizer.entries();
  std::vector<torch::Tensor> expAvg;
  std::vector<torch::Tensor> expAvgSq;
  std::vector<torch::Tensor> masks(entries.size());
  {
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < entries.size(); ++i) {
      const auto& e = entries[i];
      const auto shape = e.param.sizes().vec();
      e.param.copy_(tensorFrom(checkpoint.model, e.name, shape, io::DType::F32));
      expAvg.push_back(
          tensorFrom(checkpoint.state, "exp_avg." + e.name, shape, io::DType::F32).to(device));
      expAvgSq.push_back(
          tensorFrom(checkpoint.state, "exp_avg_sq." + e.name, shape, io::DType::F32).to(device));
      if (checkpoint.state.find("mask." + e.name) != nullptr) {
        masks[i] =
            tensorFrom(checkpoint.state, "mask." + e.name, shape, io::DType::U8).to(torch::kBool);
        masks[i] = masks[i].to(device);
      }
    }
  }
  const auto& meta = checkpoint.state.metadata();
  const auto it = meta.find("optimizer_steps");
  if (it == meta.end()) {
    throw Error(ErrorCode::Data,
                checkpoint.state.path().string() + ": no optimizer_steps in the metadata");
  }
  optimizer.restoreState(std::stoll(it->second), expAvg, expAvgSq);
  const auto rng = tensorFrom(checkpoint.state, "rng.cpu", {}, io::DType::U8);
  auto generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  try {
    generator.set_state(rng);
  } catch (const c10::Error& e) {
    throw Error(ErrorCode::Data,
                checkpoint.state.path().string() +
                    ": the saved random generator state is invalid: " + e.what_without_backtrace());
  }
  return masks;
}

std::optional<fs::path> latestCheckpoint(const fs::path& checkpointsDir) {
  std::error_code ec;
  std::optional<std::pair<int64_t, fs::path>> best;
  for (const auto& entry : fs::directory_iterator(checkpointsDir, ec)) {
    const auto step = stepOfFolder(entry.path().filename().string());
    if (step && fs::exists(entry.path() / "state.json") && (!best || *step > best->first)) {
      best = std::make_pair(*step, entry.path());
    }
  }
  if (!best) {
    return std::nullopt;
  }
  return best->second;
}

void pruneCheckpoints(const fs::path& checkpointsDir, int keep) {
  std::error_code ec;
  std::vector<std::pair<int64_t, fs::path>> complete;
  std::vector<fs::path> partial;
  for (const auto& entry : fs::directory_iterator(checkpointsDir, ec)) {
    const auto name = entry.path().filename().string();
    if (name.ends_with(kPartialSuffix)) {
      partial.push_back(entry.path());
    } else if (const auto step = stepOfFolder(name)) {
      complete.emplace_back(*step, entry.path());
    }
  }
  std::sort(complete.begin(), complete.end());
  for (size_t i = 0; i + static_cast<size_t>(keep) < complete.size(); ++i) {
    fs::remove_all(complete[i].second, ec);
  }
  for (const auto& p : partial) {
    fs::remove_all(p, ec);
  }
}

}  // namespace childtune::core
