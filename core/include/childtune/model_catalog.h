#pragma once
// Finding the models ChildTune can offer: its own model folder, the Hugging Face hub cache and
// folders the user added. Reads config.json and safetensors headers only (through inspectModel),
// so a scan of dozens of models takes milliseconds. Torch-free: the GUI's model picker uses it.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "childtune/model_info.h"

namespace childtune::core {

enum class ModelSource {
  ChildTuneHome,     // $CHILDTUNE_HOME/models/<name>
  HuggingFaceCache,  // <hub>/models--<org>--<name>/snapshots/<revision>
  UserFolder,        // a folder the user added (a model folder or a folder of model folders)
};
std::string_view toString(ModelSource source);  // "ChildTune home", "Hugging Face cache", ...

struct CatalogEntry {
  std::filesystem::path path;  // the model folder; for the hub cache, the chosen snapshot
  std::string displayName;     // the folder name; "org/name" for the hub cache
  ModelSource source = ModelSource::UserFolder;
  std::optional<ModelSummary> summary;  // set iff the model is usable
  // Why the model is unusable, for the user ("only pytorch_model.bin (pickle) was found — convert
  // it to safetensors"). Empty iff `summary` is set.
  std::string problem;

  bool usable() const { return summary.has_value(); }
};

struct DiscoveryOptions {
  // Every non-hidden sub-folder is reported, unusable ones with their problem. Empty: skipped.
  std::filesystem::path childtuneModelsDir;
  // The hub cache: only models--* folders are read (datasets--*, spaces--* are ignored).
  // Empty: skipped.
  std::filesystem::path hubCacheDir;
  // Each is a model folder (it holds config.json) or a folder whose sub-folders holding a
  // config.json are models. A missing folder or one without any model is reported as an
  // unusable entry, so the user sees why it contributed nothing.
  std::vector<std::filesystem::path> userFolders;

  // childtuneHome()/"models" and huggingFaceHubDir(), no user folders.
  static DiscoveryOptions standard();
};

// $CHILDTUNE_HOME when set and non-empty, else $HOME/.local/share/childtune (the folder
// scripts/fetch-model.sh fills). Throws Error{Config} when neither variable is set.
std::filesystem::path childtuneHome();

// The hub cache as huggingface_hub resolves it: $HF_HUB_CACHE, $HUGGINGFACE_HUB_CACHE,
// $HF_HOME/hub, $XDG_CACHE_HOME/huggingface/hub, else $HOME/.cache/huggingface/hub.
// Throws Error{Config} when none of these variables is set.
std::filesystem::path huggingFaceHubDir();

// Scans the locations in `options`. Never throws: a model that cannot be inspected becomes an
// entry with a `problem`, and an unreadable or missing location contributes nothing (except user
// folders, see above). Order: ChildTune home, user folders, hub cache; by name within each. A
// folder reached twice (e.g. added as a user folder and also in the ChildTune home) is listed
// once, at its first place.
std::vector<CatalogEntry> discoverModels(const DiscoveryOptions& options);

// Inspects one model folder into an entry. Never throws.
CatalogEntry inspectCatalogEntry(const std::filesystem::path& dir, ModelSource source,
                                 std::string displayName);

}  // namespace childtune::core
