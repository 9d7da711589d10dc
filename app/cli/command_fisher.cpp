// `childtune-cli fisher`: the Fisher pass and the child network of Child-Tuning_D, no training.

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <span>

#include <nlohmann/json.hpp>

#include "childtune/error.h"
#include "childtune/fisher_summary.h"
#include "childtune/trainer.h"
#include "cli_args.h"
#include "cli_observer.h"
#include "commands.h"
#include "io/atomic_file.h"
#include "io/safetensors.h"

namespace childtune::app::cli {

namespace {

nlohmann::ordered_json summaryJson(const core::ChildNetworkResult& r) {
  const auto& s = r.summary;
  nlohmann::ordered_json j;
  j["config"] = nlohmann::ordered_json::parse(r.config.toJson());
  j["p_d"] = s.pD;
  j["threshold"] = s.threshold;
  j["selected"] = r.stats.selected;
  j["maskable"] = r.stats.total;
  j["child_fraction"] =
      r.stats.total > 0 ? static_cast<double>(r.stats.selected) / static_cast<double>(r.stats.total)
                        : 0.0;
  j["fisher_batches"] = s.batches;
  j["fisher_seconds"] = r.fisherSeconds;
  nlohmann::ordered_json kinds = nlohmann::ordered_json::array();
  for (const auto k : s.kinds) {
    kinds.push_back(std::string(core::toString(k)));
  }
  j["kinds"] = kinds;
  nlohmann::ordered_json cells = nlohmann::ordered_json::array();
  for (const auto& c : s.cells) {
    nlohmann::ordered_json cell;
    cell["layer"] = c.layer;
    cell["kind"] = std::string(core::toString(c.kind));
    cell["elements"] = c.elements;
    cell["selected"] = c.selected;
    cell["fraction"] = c.fraction();
    cell["mean"] = c.mean;
    cell["median"] = c.median;
    cell["max"] = c.max;
    cell["histogram"] = {{"log10_min", c.histogram.log10Min},
                         {"log10_max", c.histogram.log10Max},
                         {"zeros", c.histogram.zeros},
                         {"counts", c.histogram.counts}};
    cells.push_back(cell);
  }
  j["cells"] = cells;
  nlohmann::ordered_json tensors = nlohmann::ordered_json::array();
  for (const auto& m : r.masks) {
    tensors.push_back({{"name", m.name}, {"shape", m.shape}, {"selected", m.selected}});
  }
  j["tensors"] = tensors;
  return j;
}

void printTable(const core::ChildNetworkResult& r) {
  const auto& s = r.summary;
  std::printf(
      "child network: %lld of %lld encoder weights (%.2f%%), threshold %.6g, %lld batches\n",
      static_cast<long long>(r.stats.selected), static_cast<long long>(r.stats.total),
      100.0 * static_cast<double>(r.stats.selected) /
          static_cast<double>(std::max<int64_t>(1, r.stats.total)),
      s.threshold, static_cast<long long>(s.batches));
  std::printf("%-6s", "layer");
  for (const auto k : s.kinds) {
    std::printf(" %17s", std::string(core::toString(k)).c_str());
  }
  std::printf("\n");
  for (int layer = 0; layer < s.numLayers; ++layer) {
    std::printf("%-6d", layer);
    for (const auto k : s.kinds) {
      const auto* cell = s.cell(layer, k);
      if (cell == nullptr || cell->elements == 0) {
        std::printf(" %17s", "-");
      } else {
        std::printf(" %16.1f%%", 100.0 * cell->fraction());
      }
    }
    std::printf("\n");
  }
}

void writeOutputs(const core::ChildNetworkResult& r, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    throw Error(ErrorCode::Io, dir.string() + ": cannot create output folder: " + ec.message());
  }
  r.analysis->save(dir / "fisher.safetensors");
  // Masks as 0/1 bytes shaped like each parameter: torch.load-free, numpy-friendly.
  std::vector<std::vector<uint8_t>> bytes;
  bytes.reserve(r.masks.size());
  std::vector<core::io::TensorToWrite> tensors;
  for (const auto& m : r.masks) {
    auto& b = bytes.emplace_back(static_cast<size_t>(m.numel()));
    for (int64_t i = 0; i < m.numel(); ++i) {
      b[static_cast<size_t>(i)] = m.test(i) ? 1 : 0;
    }
    tensors.push_back({m.name, core::io::DType::U8, m.shape, std::as_bytes(std::span(b))});
  }
  core::io::writeSafetensors(
      dir / "child_network.safetensors", tensors,
      {{"threshold", std::to_string(r.summary.threshold)}, {"p_d", std::to_string(r.summary.pD)}});
  core::io::writeFileAtomically(dir / "child_network.json", summaryJson(r).dump(2) + "\n");
}

}  // namespace

int runFisher(const std::vector<std::string>& args) {
  const ParsedArgs parsed(args, {{"model", true},
                                 {"task", true},
                                 {"data", true},
                                 {"method", true},
                                 {"p", true},
                                 {"seed", true},
                                 {"train-limit", true},
                                 {"random-subset", false},
                                 {"max-length", true},
                                 {"pad-to", true},
                                 {"fisher", true},
                                 {"fisher-batches", true},
                                 {"device", true},
                                 {"threads", true},
                                 {"out", true},
                                 {"json", false}});
  if (!parsed.positional().empty()) {
    throw UsageError("fisher takes no positional arguments, got '" + parsed.positional()[0] + "'");
  }
  core::RunConfig c;
  c.method = core::Method::ChildTuningD;
  applyRunOptions(parsed, c);
  if (c.modelDir.empty()) {
    throw UsageError("fisher needs --model DIR");
  }
  if (!core::usesFisher(c.method)) {
    throw UsageError("option --method must be ct-d, ct-d-random or ct-d-lowest for fisher, got '" +
                     std::string(core::toString(c.method)) + "'");
  }
  // The results go to --out ourselves; the trainer writes nothing.
  const std::string outDir = c.outDir;
  c.outDir.clear();
  c.validate();
  const bool json = parsed.flag("json");
  CliObserver progress(json, isatty(STDERR_FILENO) != 0);
  core::Trainer trainer(c, &progress);
  auto result = trainer.computeChildNetwork();
  result.config.outDir = outDir;
  if (!outDir.empty()) {
    writeOutputs(result, outDir);
  }
  if (json) {
    nlohmann::ordered_json j;
    j["event"] = "result";
    j["result"] = summaryJson(result);
    std::cout << j.dump() << "\n";
  } else {
    printTable(result);
    if (!outDir.empty()) {
      std::cout << "saved: " << outDir << "/{fisher.safetensors, child_network.safetensors, "
                << "child_network.json}\n";
    }
  }
  return 0;
}

}  // namespace childtune::app::cli
