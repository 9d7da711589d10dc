#pragma once
// Reading tokenizer JSON files (tokenizer.json, tokenizer_config.json, vocab.json, ...) with
// errors that name the file, the field and what was expected.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace childtune::core::detail {

// Builds an error message from pieces without the temporaries of a `+` chain.
template <typename... Parts>
std::string concat(const Parts&... parts) {
  std::string out;
  (out.append(std::string_view(parts)), ...);
  return out;
}

// Whole file as bytes; Error{Io} naming the file when it cannot be read.
std::string readTextFile(const std::filesystem::path& path);

// Parses `path`; Error{Data} "<file>: malformed JSON at byte N (line L, column C): ..." on
// syntax errors.
nlohmann::json readJsonFile(const std::filesystem::path& path);

// Typed access to `object[key]` where `where` names the object for messages
// ("tokenizer.json: model"). Missing keys and JSON null give the fallback / nullopt; a present
// value of the wrong type throws Error{Data}.
class JsonObject {
 public:
  JsonObject(const nlohmann::json& value, std::string where);

  const nlohmann::json* find(std::string_view key) const;
  bool has(std::string_view key) const { return find(key) != nullptr; }
  bool getBool(std::string_view key, bool fallback) const;
  std::optional<bool> getOptionalBool(std::string_view key) const;
  std::string getString(std::string_view key, std::string_view fallback) const;
  std::optional<std::string> getOptionalString(std::string_view key) const;
  std::string requireString(std::string_view key) const;
  int64_t getInt(std::string_view key, int64_t fallback) const;
  int64_t requireInt(std::string_view key) const;
  // The sub-object `key` (REQUIRED to be an object).
  JsonObject requireObject(std::string_view key) const;
  const nlohmann::json& requireArray(std::string_view key) const;

  const std::string& where() const { return where_; }
  std::string field(std::string_view key) const;
  const nlohmann::json& json() const { return *value_; }

 private:
  [[noreturn]] void typeError(std::string_view key, std::string_view expected) const;
  const nlohmann::json* value_;
  std::string where_;
};

}  // namespace childtune::core::detail
