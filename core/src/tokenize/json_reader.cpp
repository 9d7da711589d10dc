#include "tokenize/json_reader.h"

#include <fstream>
#include <sstream>

#include "childtune/error.h"

namespace childtune::core::detail {

namespace {

std::string typeName(const nlohmann::json& value) { return value.type_name(); }

}  // namespace

std::string readTextFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorCode::Io, "cannot open " + path.string());
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    throw Error(ErrorCode::Io, "cannot read " + path.string());
  }
  return buffer.str();
}

nlohmann::json readJsonFile(const std::filesystem::path& path) {
  const std::string text = readTextFile(path);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based; e.what() carries "line L, column C" and the reason.
    std::string reason = e.what();
    const auto cut = reason.find("] ");
    if (cut != std::string::npos) {
      reason = reason.substr(cut + 2);
    }
    throw Error(ErrorCode::Data, path.string() + ": malformed JSON at byte " +
                                     std::to_string(e.byte) + ": " + reason);
  }
}

JsonObject::JsonObject(const nlohmann::json& value, std::string where)
    : value_(&value), where_(std::move(where)) {
  if (!value.is_object()) {
    throw Error(ErrorCode::Data, where_ + " must be a JSON object, but it is " + typeName(value));
  }
}

std::string JsonObject::field(std::string_view key) const {
  return where_ + "." + std::string(key);
}

void JsonObject::typeError(std::string_view key, std::string_view expected) const {
  throw Error(ErrorCode::Data, field(key) + " must be " + std::string(expected) + ", but it is " +
                                   typeName(*find(key)));
}

const nlohmann::json* JsonObject::find(std::string_view key) const {
  const auto it = value_->find(key);
  if (it == value_->end() || it->is_null()) {
    return nullptr;
  }
  return &*it;
}

bool JsonObject::getBool(std::string_view key, bool fallback) const {
  return getOptionalBool(key).value_or(fallback);
}

std::optional<bool> JsonObject::getOptionalBool(std::string_view key) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_boolean()) {
    typeError(key, "true or false");
  }
  return value->get<bool>();
}

std::string JsonObject::getString(std::string_view key, std::string_view fallback) const {
  return getOptionalString(key).value_or(std::string(fallback));
}

std::optional<std::string> JsonObject::getOptionalString(std::string_view key) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_string()) {
    typeError(key, "a string");
  }
  return value->get<std::string>();
}

std::string JsonObject::requireString(std::string_view key) const {
  auto value = getOptionalString(key);
  if (!value) {
    throw Error(ErrorCode::Data, field(key) + " is missing (expected a string)");
  }
  return *value;
}

int64_t JsonObject::getInt(std::string_view key, int64_t fallback) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) {
    return fallback;
  }
  if (!value->is_number_integer()) {
    typeError(key, "an integer");
  }
  return value->get<int64_t>();
}

int64_t JsonObject::requireInt(std::string_view key) const {
  if (find(key) == nullptr) {
    throw Error(ErrorCode::Data, field(key) + " is missing (expected an integer)");
  }
  return getInt(key, 0);
}

JsonObject JsonObject::requireObject(std::string_view key) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) {
    throw Error(ErrorCode::Data, field(key) + " is missing (expected an object)");
  }
  return JsonObject(*value, field(key));
}

const nlohmann::json& JsonObject::requireArray(std::string_view key) const {
  const nlohmann::json* value = find(key);
  if (value == nullptr) {
    throw Error(ErrorCode::Data, field(key) + " is missing (expected an array)");
  }
  if (!value->is_array()) {
    typeError(key, "an array");
  }
  return *value;
}

}  // namespace childtune::core::detail
