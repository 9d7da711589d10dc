#pragma once
// Helpers for the GUI tests: reference models made usable, synthetic summaries, environment.
// The QApplication comes from gui_test_main.cpp.

#include <QList>
#include <QLocale>
#include <QString>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "childtune/model_info.h"
#include "childtune/tokenizer.h"

// Readable QString values in GoogleTest failure messages.
inline void PrintTo(const QString& text, std::ostream* os) {
  *os << '"' << text.toStdString() << '"';
}

namespace childtune::test {

struct ReferenceInput {
  std::string text;
  std::optional<std::string> pair;
  std::vector<int64_t> ids;      // unpadded
  std::vector<int64_t> typeIds;  // unpadded
};

// Parameter names and shapes listed under "parameters" in
// tests/reference/models/<name>/expected.json.
std::vector<std::pair<std::string, std::vector<int64_t>>> referenceParameters(
    const std::string& name);

// The example inputs of expected.json with the ids Hugging Face produced (padding removed).
std::vector<ReferenceInput> referenceInputs(const std::string& name);

// Copies tests/reference/models/<name> (config and tokenizer files, no weights) to
// `parent`/<as> (default: <name>) and writes model.safetensors holding every parameter of
// referenceParameters(name) as F32 (values do not matter to the GUI). Returns the folder.
std::filesystem::path makeReferenceModel(const std::filesystem::path& parent,
                                         const std::string& name, const std::string& as = {});

// A hand-made summary of a 2-layer BERT-like model with known counts (no files behind it).
core::ModelSummary syntheticSummary();

// Installs the app's translators for `locale` (app_setup.h) for the scope, then removes exactly
// those again.
class ScopedTranslators {
 public:
  explicit ScopedTranslators(const QLocale& locale);
  ~ScopedTranslators();
  ScopedTranslators(const ScopedTranslators&) = delete;
  ScopedTranslators& operator=(const ScopedTranslators&) = delete;

 private:
  QList<QObject*> before_;
};

// The directory screenshots go to: ${CMAKE_BINARY_DIR}/screenshots.
std::filesystem::path screenshotDir();

}  // namespace childtune::test
