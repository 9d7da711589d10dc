// Loading a BERT-large-sized checkpoint (335M float32 parameters, 1.34 GB of safetensors).
//
//   bench_load --generate DIR   writes DIR/config.json, a stub vocab.txt and DIR/model.safetensors
//                               (never commit)
//   bench_load --load DIR       core::loadPretrained(DIR): seconds, peak RSS, RSS before loading
//
// Run --load in a fresh process so its peak resident set is the load's alone. "No second full
// copy" means peak RSS - baseline stays near the parameters' own bytes: the mapped file's pages
// are page cache, but while mapped and touched they count in this process's RSS as well.

#include <nlohmann/json.hpp>

#include "bench_util.h"
#include "childtune/runtime.h"
#include "model/checkpoint.h"

namespace {

using namespace childtune;
using namespace childtune::bench;

constexpr const char* kBertLargeConfig = R"({
  "architectures": ["BertForMaskedLM"], "model_type": "bert", "vocab_size": 30522,
  "hidden_size": 1024, "num_hidden_layers": 24, "num_attention_heads": 16,
  "intermediate_size": 4096, "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
  "attention_probs_dropout_prob": 0.1, "max_position_embeddings": 512, "type_vocab_size": 2,
  "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": 0,
  "position_embedding_type": "absolute"
})";

}  // namespace

int main(int argc, char** argv) try {
  const Args args(argc, argv, {{"generate", ""}, {"load", ""}, {"threads", "2"}});
  core::initializeRuntime(static_cast<int>(args.integer("threads")));
  nlohmann::ordered_json out;
  out["impl"] = "childtune";
  if (!args.str("generate").empty()) {
    const std::filesystem::path dir = args.str("generate");
    std::filesystem::create_directories(dir);
    {
      std::ofstream config(dir / "config.json");
      config << kBertLargeConfig << "\n";
    }
    {
      // A model folder needs a tokenizer to be loadable; the load times only the weights.
      std::ofstream vocab(dir / "vocab.txt");
      vocab << "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n";
    }
    torch::manual_seed(1);
    auto model = core::SequenceClassifier(core::ModelConfig::fromJsonFile(dir / "config.json"), 2);
    core::exportModel(model, dir);
    out["mode"] = "generate";
    out["bytes"] = std::filesystem::file_size(dir / "model.safetensors");
    std::cout << out.dump() << std::endl;
    return 0;
  }
  const std::filesystem::path dir = args.str("load");
  const double baseline = currentRssMiB();
  const auto t0 = Clock::now();
  auto loaded = core::loadPretrained(dir);
  const double seconds = secondsSince(t0);
  int64_t numel = 0;
  for (const auto& p : loaded.model->parameters()) {
    numel += p.numel();
  }
  out["mode"] = "load";
  out["load_s"] = seconds;
  out["parameters"] = numel;
  out["param_mib"] = static_cast<double>(numel) * 4.0 / 1048576.0;
  out["baseline_rss_mib"] = baseline;
  out["peak_rss_mib"] = peakRssMiB();
  out["rss_after_mib"] = currentRssMiB();
  std::cout << out.dump() << std::endl;
  return 0;
} catch (const std::exception& e) {
  std::cerr << "bench_load: " << e.what() << "\n";
  return 1;
}
