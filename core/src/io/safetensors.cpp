#include "io/safetensors.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <limits>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include <nlohmann/json.hpp>

#include "childtune/error.h"
#include "io/atomic_file.h"
#include "io/mapped_file.h"

namespace childtune::core::io {

static_assert(std::endian::native == std::endian::little,
              "safetensors data is little-endian; a big-endian host needs byte swaps here");

namespace {

using nlohmann::json;

constexpr uint64_t kHeaderLengthBytes = 8;
// The reference implementation refuses headers over 100 MB; so do we (a 1000-layer model's header
// is a few hundred KB, so anything larger is corruption or an attack on our memory).
constexpr uint64_t kMaxHeaderBytes = 100'000'000;
// A valid header nests three levels (header > entry > shape). Deeper JSON is never valid; the cap
// keeps hostile input from exhausting the stack in recursive JSON code.
constexpr int kMaxJsonDepth = 64;
constexpr std::string_view kMetadataKey = "__metadata__";

struct DTypeSpec {
  DType dtype;
  std::string_view name;
  size_t size;    // bytes per element
  int writeRank;  // position in the reference writer's order: widest first, ties as Rust's enum
};

constexpr std::array<DTypeSpec, 10> kDTypes = {{
    {DType::F64, "F64", 8, 1},
    {DType::F32, "F32", 4, 2},
    {DType::F16, "F16", 2, 5},
    {DType::BF16, "BF16", 2, 4},
    {DType::I64, "I64", 8, 0},
    {DType::I32, "I32", 4, 3},
    {DType::I16, "I16", 2, 6},
    {DType::I8, "I8", 1, 7},
    {DType::U8, "U8", 1, 8},
    {DType::Bool, "BOOL", 1, 9},
}};

const DTypeSpec& spec(DType dtype) {
  for (const auto& s : kDTypes) {
    if (s.dtype == dtype) {
      return s;
    }
  }
  throw Error(ErrorCode::Internal,
              "unknown DType value " + std::to_string(static_cast<int>(dtype)));
}

std::optional<DType> parseDType(std::string_view name) {
  for (const auto& s : kDTypes) {
    if (s.name == name) {
      return s.dtype;
    }
  }
  return std::nullopt;
}

std::string supportedDTypes() {
  std::string text;
  for (const auto& s : kDTypes) {
    if (!text.empty()) {
      text += ", ";
    }
    text += s.name;
  }
  return text;
}

std::string shapeText(std::span<const int64_t> shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) {
      text += ", ";
    }
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

std::string rangeText(uint64_t begin, uint64_t end) {
  return "[" + std::to_string(begin) + ", " + std::to_string(end) + ")";
}

enum class ShapeProblem { None, NegativeDim, Overflow };

// numel * elementSize without overflow. A zero dim makes the product 0 whatever the other dims.
// numel must also fit int64 (TensorInfo::numel's type).
ShapeProblem checkedByteCount(std::span<const int64_t> shape, size_t elementSize, uint64_t& numel,
                              uint64_t& bytes) {
  numel = 1;
  bytes = 0;
  for (const int64_t dim : shape) {
    if (dim < 0) {
      return ShapeProblem::NegativeDim;
    }
    if (dim == 0) {
      numel = 0;
    }
  }
  if (numel == 0) {
    return ShapeProblem::None;
  }
  for (const int64_t dim : shape) {
    if (__builtin_mul_overflow(numel, static_cast<uint64_t>(dim), &numel)) {
      return ShapeProblem::Overflow;
    }
  }
  if (numel > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) ||
      __builtin_mul_overflow(numel, static_cast<uint64_t>(elementSize), &bytes)) {
    return ShapeProblem::Overflow;
  }
  return ShapeProblem::None;
}

// Throws Error{Data} with a fixed prefix naming the file.
class Reporter {
 public:
  explicit Reporter(std::string prefix) : prefix_(std::move(prefix)) {}
  [[noreturn]] void fail(const std::string& detail, std::string hint = {}) const {
    throw Error(ErrorCode::Data, prefix_ + ": " + detail, std::move(hint));
  }

 private:
  std::string prefix_;
};

// nlohmann::json::parse, but duplicate keys are an error (nlohmann keeps the last one silently,
// which would let a crafted file show one tensor to a validator and another to us) and so is
// nesting deeper than kMaxJsonDepth. `what` names the document ("header", "index").
json parseStrictJson(std::string_view text, const Reporter& reporter, const std::string& what) {
  std::vector<std::set<std::string>> seenKeys;  // one set per open object
  std::vector<std::string> lastKey;             // the key being parsed in each open object
  const auto callback = [&](int depth, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        if (depth >= kMaxJsonDepth) {
          reporter.fail(what + " nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
        }
        if (event == json::parse_event_t::object_start) {
          seenKeys.emplace_back();
          lastKey.emplace_back();
        }
        break;
      case json::parse_event_t::object_end:
        seenKeys.pop_back();
        lastKey.pop_back();
        break;
      case json::parse_event_t::key: {
        auto key = parsed.get<std::string>();
        if (!seenKeys.back().insert(key).second) {
          const std::string place = seenKeys.size() == 1
                                        ? "at the top level"
                                        : "inside '" + lastKey[lastKey.size() - 2] + "'";
          reporter.fail(what + " has duplicate key '" + key + "' " + place +
                        " (JSON keys must be unique)");
        }
        lastKey.back() = std::move(key);
        break;
      }
      case json::parse_event_t::array_end:
      case json::parse_event_t::value:
        break;
    }
    return true;
  };
  // nlohmann stops at a NUL byte as if the input ended there, which would let arbitrary bytes
  // hide behind one. JSON text can never contain a raw NUL, so reject it up front.
  if (const size_t nul = text.find('\0'); nul != std::string_view::npos) {
    reporter.fail(what + " is not valid JSON: NUL byte at offset " + std::to_string(nul));
  }
  try {
    return json::parse(text.data(), text.data() + text.size(), callback);
  } catch (const json::exception& e) {
    // nlohmann quotes the offending token, which can be megabytes long: keep the message short.
    constexpr size_t kMaxChars = 200;
    std::string reason = e.what();
    if (reason.size() > kMaxChars) {
      reason.resize(kMaxChars);
      reason += "...";
    }
    reporter.fail(what + " is not valid JSON: " + reason);
  }
}

// A JSON value for an error message, cut short so hostile input cannot make megabyte messages.
std::string brief(const json& value) {
  constexpr size_t kMaxChars = 80;
  std::string text = value.dump();
  if (text.size() > kMaxChars) {
    text.resize(kMaxChars);
    text += "...";
  }
  return text;
}

std::optional<uint64_t> asNonNegativeInteger(const json& value) {
  if (value.is_number_unsigned()) {
    return value.get<uint64_t>();
  }
  if (value.is_number_integer() && value.get<int64_t>() >= 0) {
    return static_cast<uint64_t>(value.get<int64_t>());  // "-0" parses as a signed zero
  }
  return std::nullopt;
}

const json& requireField(const json& entry, const char* field, const std::string& where,
                         const Reporter& reporter) {
  const auto it = entry.find(field);
  if (it == entry.end()) {
    reporter.fail(where + "missing field '" + field + "'");
  }
  return *it;
}

TensorInfo parseEntry(const std::string& name, const json& entry, uint64_t dataSize,
                      const Reporter& reporter) {
  const std::string where = "tensor '" + name + "': ";
  if (!entry.is_object()) {
    reporter.fail(where + "entry must be a JSON object with dtype, shape and data_offsets, got " +
                  entry.type_name());
  }
  TensorInfo info;
  info.name = name;

  const json& dtype = requireField(entry, "dtype", where, reporter);
  if (!dtype.is_string()) {
    reporter.fail(where + "field 'dtype' must be a string, got " + brief(dtype));
  }
  const auto parsedDType = parseDType(dtype.get_ref<const std::string&>());
  if (!parsedDType) {
    reporter.fail(
        where + "unknown dtype " + brief(dtype) + " (supported: " + supportedDTypes() + ")",
        "convert the checkpoint to F32, F16 or BF16");
  }
  info.dtype = *parsedDType;

  const json& shape = requireField(entry, "shape", where, reporter);
  if (!shape.is_array()) {
    reporter.fail(where + "field 'shape' must be an array of non-negative integers, got " +
                  brief(shape));
  }
  info.shape.reserve(shape.size());
  for (size_t i = 0; i < shape.size(); ++i) {
    const auto dim = asNonNegativeInteger(shape[i]);
    if (!dim || *dim > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      reporter.fail(where + "shape[" + std::to_string(i) +
                    "] must be a non-negative integer, got " + brief(shape[i]));
    }
    info.shape.push_back(static_cast<int64_t>(*dim));
  }

  const json& offsets = requireField(entry, "data_offsets", where, reporter);
  const auto begin =
      offsets.is_array() && offsets.size() == 2 ? asNonNegativeInteger(offsets[0]) : std::nullopt;
  const auto end =
      offsets.is_array() && offsets.size() == 2 ? asNonNegativeInteger(offsets[1]) : std::nullopt;
  if (!begin || !end) {
    reporter.fail(where +
                  "field 'data_offsets' must be [begin, end] with non-negative integers, "
                  "got " +
                  brief(offsets));
  }
  info.begin = *begin;
  info.end = *end;
  if (info.begin > info.end) {
    reporter.fail(where + "data_offsets " + brief(offsets) + " have begin > end");
  }
  if (info.end > dataSize) {
    reporter.fail(where + "data_offsets " + brief(offsets) + " reach past the end of the " +
                      std::to_string(dataSize) + "-byte data section",
                  "the file is probably truncated");
  }

  uint64_t numel = 0;
  uint64_t bytes = 0;
  if (checkedByteCount(info.shape, spec(info.dtype).size, numel, bytes) != ShapeProblem::None) {
    reporter.fail(where + "shape " + shapeText(info.shape) + " has too many elements");
  }
  if (bytes != info.end - info.begin) {
    reporter.fail(where + "data_offsets " + brief(offsets) + " span " +
                  std::to_string(info.end - info.begin) + " bytes, but shape " +
                  shapeText(info.shape) + " of " + std::string(spec(info.dtype).name) + " needs " +
                  std::to_string(bytes));
  }
  return info;
}

std::map<std::string, std::string> parseMetadata(const json& value, const Reporter& reporter) {
  std::map<std::string, std::string> metadata;
  if (value.is_null()) {
    return metadata;  // the reference reader treats null as "no metadata"
  }
  if (!value.is_object()) {
    reporter.fail("'__metadata__' must be an object of string values, got " + brief(value));
  }
  for (const auto& [key, item] : value.items()) {
    if (!item.is_string()) {
      reporter.fail("'__metadata__' field '" + key + "' must be a string, got " + brief(item));
    }
    metadata.emplace(key, item.get<std::string>());
  }
  return metadata;
}

struct ParsedImage {
  uint64_t dataOffset = 0;  // from the start of the file
  uint64_t dataSize = 0;
  std::vector<TensorInfo> tensors;  // sorted by (begin, end, name)
  std::map<std::string, std::string> metadata;
};

ParsedImage parseImage(std::span<const std::byte> image, const std::string& origin) {
  const Reporter reporter("safetensors file '" + origin + "'");
  if (image.size() < kHeaderLengthBytes) {
    reporter.fail("the file is " + std::to_string(image.size()) +
                  " bytes long, too short for the 8-byte header length");
  }
  uint64_t headerLength = 0;
  std::memcpy(&headerLength, image.data(), sizeof headerLength);  // little-endian on disk
  const uint64_t available = image.size() - kHeaderLengthBytes;
  if (headerLength > kMaxHeaderBytes) {
    reporter.fail("header length " + std::to_string(headerLength) + " exceeds the limit of " +
                      std::to_string(kMaxHeaderBytes) + " bytes",
                  "the file is corrupt or not a safetensors file");
  }
  if (headerLength > available) {
    reporter.fail("header length " + std::to_string(headerLength) + " runs past the end of the " +
                      std::to_string(image.size()) + "-byte file",
                  "the file is truncated or not a safetensors file");
  }

  const std::string_view text(reinterpret_cast<const char*>(image.data()) + kHeaderLengthBytes,
                              headerLength);
  const json header = parseStrictJson(text, reporter, "header");
  if (!header.is_object()) {
    reporter.fail(std::string("header must be a JSON object, got ") + header.type_name());
  }

  ParsedImage parsed;
  parsed.dataOffset = kHeaderLengthBytes + headerLength;
  parsed.dataSize = available - headerLength;
  parsed.tensors.reserve(header.size());
  for (const auto& [key, value] : header.items()) {
    if (key == kMetadataKey) {
      parsed.metadata = parseMetadata(value, reporter);
    } else {
      parsed.tensors.push_back(parseEntry(key, value, parsed.dataSize, reporter));
    }
  }

  std::sort(parsed.tensors.begin(), parsed.tensors.end(),
            [](const TensorInfo& a, const TensorInfo& b) {
              return std::tie(a.begin, a.end, a.name) < std::tie(b.begin, b.end, b.name);
            });
  // The format requires the tensors to tile the data section exactly: no overlaps, no holes, no
  // trailing bytes. Overlaps would let two tensors alias; holes hide unvalidated bytes.
  uint64_t covered = 0;
  const TensorInfo* last = nullptr;  // the non-empty tensor that ends at `covered`
  for (const TensorInfo& info : parsed.tensors) {
    if (info.begin < covered) {
      reporter.fail("tensor '" + info.name + "' bytes " + rangeText(info.begin, info.end) +
                    " overlap tensor '" + last->name + "' bytes " +
                    rangeText(last->begin, last->end));
    }
    if (info.begin > covered) {
      reporter.fail("data section bytes " + rangeText(covered, info.begin) + " before tensor '" +
                    info.name +
                    "' belong to no tensor (the safetensors format requires the tensors to "
                    "cover the data section without holes)");
    }
    if (info.end > info.begin) {
      covered = info.end;
      last = &info;
    }
  }
  if (covered != parsed.dataSize) {
    reporter.fail("data section bytes " + rangeText(covered, parsed.dataSize) +
                  " at its end belong to no tensor (the safetensors format requires the "
                  "tensors to cover the data section without holes)");
  }
  return parsed;
}

bool isValidUtf8(const std::string& text) {
  try {
    (void)json(text).dump();
    return true;
  } catch (const json::type_error&) {
    return false;
  }
}

}  // namespace

std::string_view toString(DType dtype) { return spec(dtype).name; }

size_t elementSize(DType dtype) { return spec(dtype).size; }

int64_t TensorInfo::numel() const {
  uint64_t count = 0;
  uint64_t bytes = 0;
  switch (checkedByteCount(shape, 1, count, bytes)) {
    case ShapeProblem::None:
      return static_cast<int64_t>(count);
    case ShapeProblem::NegativeDim:
      throw Error(ErrorCode::Data,
                  "tensor '" + name + "': shape " + shapeText(shape) + " has a negative dim");
    case ShapeProblem::Overflow:
      break;
  }
  throw Error(ErrorCode::Data,
              "tensor '" + name + "': shape " + shapeText(shape) + " has too many elements");
}

struct SafetensorsFile::Impl {
  std::filesystem::path path;
  MappedFile mapping;               // open(): the whole file
  std::vector<std::byte> owned;     // fromBytes(): the copied image
  std::span<const std::byte> data;  // the data section, inside mapping or owned
  uint64_t dataOffset = 0;
  std::vector<TensorInfo> tensors;
  std::map<std::string, size_t, std::less<>> byName;  // index into tensors
  std::map<std::string, std::string> metadata;

  void adopt(std::span<const std::byte> image, ParsedImage parsed) {
    dataOffset = parsed.dataOffset;
    data = image.subspan(parsed.dataOffset, parsed.dataSize);
    tensors = std::move(parsed.tensors);
    metadata = std::move(parsed.metadata);
    for (size_t i = 0; i < tensors.size(); ++i) {
      byName.emplace(tensors[i].name, i);
    }
  }
};

SafetensorsFile::SafetensorsFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SafetensorsFile::SafetensorsFile(SafetensorsFile&&) noexcept = default;
SafetensorsFile& SafetensorsFile::operator=(SafetensorsFile&&) noexcept = default;
SafetensorsFile::~SafetensorsFile() = default;

SafetensorsFile SafetensorsFile::open(const std::filesystem::path& path) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->mapping = MappedFile::open(path);
  const auto image = impl->mapping.bytes();
  impl->adopt(image, parseImage(image, path.string()));
  return SafetensorsFile(std::move(impl));
}

SafetensorsFile SafetensorsFile::fromBytes(std::span<const std::byte> image,
                                           const std::string& origin) {
  auto impl = std::make_unique<Impl>();
  impl->path = origin;
  impl->owned.assign(image.begin(), image.end());
  const std::span<const std::byte> copy(impl->owned);
  impl->adopt(copy, parseImage(copy, origin));
  return SafetensorsFile(std::move(impl));
}

const std::filesystem::path& SafetensorsFile::path() const { return impl_->path; }

const std::vector<TensorInfo>& SafetensorsFile::tensors() const { return impl_->tensors; }

const TensorInfo* SafetensorsFile::find(std::string_view name) const {
  const auto it = impl_->byName.find(name);
  return it == impl_->byName.end() ? nullptr : &impl_->tensors[it->second];
}

const std::map<std::string, std::string>& SafetensorsFile::metadata() const {
  return impl_->metadata;
}

std::span<const std::byte> SafetensorsFile::bytes(std::string_view name) const {
  const TensorInfo* info = find(name);
  if (info == nullptr) {
    throw Error(ErrorCode::Model,
                "tensor '" + std::string(name) + "' not found in '" + impl_->path.string() + "'");
  }
  return bytes(*info);
}

std::span<const std::byte> SafetensorsFile::bytes(const TensorInfo& info) const {
  if (info.begin > info.end || info.end > impl_->data.size()) {
    throw Error(ErrorCode::Internal,
                "tensor '" + info.name + "' bytes " + rangeText(info.begin, info.end) +
                    " are not inside the data section of '" + impl_->path.string() + "'");
  }
  return impl_->data.subspan(info.begin, info.end - info.begin);
}

void SafetensorsFile::prefetch() const noexcept {
  impl_->mapping.advise(MappedFile::Access::WillNeed, impl_->dataOffset, impl_->data.size());
}

void SafetensorsFile::release(const TensorInfo& info) const noexcept {
  if (info.end > info.begin) {
    impl_->mapping.advise(MappedFile::Access::DontNeed, impl_->dataOffset + info.begin,
                          info.end - info.begin);
  }
}

void writeSafetensors(const std::filesystem::path& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata) {
  const std::string where = "cannot write safetensors file '" + path.string() + "': ";
  const auto configError = [&](const std::string& detail) {
    return Error(ErrorCode::Config, where + detail);
  };

  std::set<std::string_view> names;
  std::vector<const TensorToWrite*> order;
  order.reserve(tensors.size());
  for (const TensorToWrite& tensor : tensors) {
    const std::string what = "tensor '" + tensor.name + "': ";
    if (tensor.name == kMetadataKey) {
      throw configError(what + "the name is reserved for the metadata");
    }
    if (!names.insert(tensor.name).second) {
      throw configError(what + "the name appears twice");
    }
    if (!isValidUtf8(tensor.name)) {
      throw configError(what + "the name is not valid UTF-8");
    }
    uint64_t numel = 0;
    uint64_t bytes = 0;
    switch (checkedByteCount(tensor.shape, elementSize(tensor.dtype), numel, bytes)) {
      case ShapeProblem::NegativeDim:
        throw configError(what + "shape " + shapeText(tensor.shape) + " has a negative dim");
      case ShapeProblem::Overflow:
        throw configError(what + "shape " + shapeText(tensor.shape) + " has too many elements");
      case ShapeProblem::None:
        break;
    }
    if (bytes != tensor.data.size()) {
      throw configError(what + "shape " + shapeText(tensor.shape) + " of " +
                        std::string(toString(tensor.dtype)) + " needs " + std::to_string(bytes) +
                        " bytes, got " + std::to_string(tensor.data.size()));
    }
    order.push_back(&tensor);
  }
  for (const auto& [key, value] : metadata) {
    if (!isValidUtf8(key) || !isValidUtf8(value)) {
      throw configError("metadata entry '" + key + "' is not valid UTF-8");
    }
  }

  // The reference writer's order: widest dtype first, so each tensor starts aligned to its
  // element size with no padding (the data section itself starts at a multiple of 8).
  std::sort(order.begin(), order.end(), [](const TensorToWrite* a, const TensorToWrite* b) {
    const int rankA = spec(a->dtype).writeRank;
    const int rankB = spec(b->dtype).writeRank;
    return rankA != rankB ? rankA < rankB : a->name < b->name;
  });

  // ordered_json keeps insertion order, which is the order the reference writer emits.
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata.empty()) {
    nlohmann::ordered_json meta = nlohmann::ordered_json::object();
    for (const auto& [key, value] : metadata) {
      meta[key] = value;
    }
    header[std::string(kMetadataKey)] = std::move(meta);
  }
  uint64_t offset = 0;
  for (const TensorToWrite* tensor : order) {
    nlohmann::ordered_json entry = nlohmann::ordered_json::object();
    entry["dtype"] = toString(tensor->dtype);
    entry["shape"] = nlohmann::ordered_json::array();
    for (const int64_t dim : tensor->shape) {
      entry["shape"].push_back(dim);
    }
    const uint64_t end = offset + tensor->data.size();
    entry["data_offsets"] = nlohmann::ordered_json::array({offset, end});
    header[tensor->name] = std::move(entry);
    offset = end;
  }
  std::string headerText = header.dump();
  headerText.append((8 - headerText.size() % 8) % 8, ' ');

  std::array<std::byte, kHeaderLengthBytes> lengthBytes{};
  const uint64_t headerLength = headerText.size();
  std::memcpy(lengthBytes.data(), &headerLength, sizeof headerLength);

  AtomicFileWriter out(path);
  out.write(lengthBytes);
  out.write(headerText);
  for (const TensorToWrite* tensor : order) {
    out.write(tensor->data);
  }
  out.commit();
}

std::map<std::string, std::string> parseSafetensorsIndex(std::string_view text,
                                                         const std::string& origin) {
  const Reporter reporter("safetensors index '" + origin + "'");
  const json root = parseStrictJson(text, reporter, "index");
  if (!root.is_object()) {
    reporter.fail(std::string("must be a JSON object with a 'weight_map', got ") +
                  root.type_name());
  }
  if (const auto meta = root.find("metadata");
      meta != root.end() && !meta->is_object() && !meta->is_null()) {
    reporter.fail("'metadata' must be an object, got " + brief(*meta));
  }
  const auto weightMap = root.find("weight_map");
  if (weightMap == root.end()) {
    reporter.fail("missing field 'weight_map'");
  }
  if (!weightMap->is_object()) {
    reporter.fail("'weight_map' must be an object of tensor name -> shard file name, got " +
                  std::string(weightMap->type_name()));
  }
  std::map<std::string, std::string> shards;
  for (const auto& [tensor, shard] : weightMap->items()) {
    const std::string where = "weight_map['" + tensor + "']";
    if (!shard.is_string()) {
      reporter.fail(where + " must be a shard file name (string), got " + brief(shard));
    }
    const auto& name = shard.get_ref<const std::string&>();
    // Shards live next to the index; anything else could read files outside the model folder.
    if (name.empty() || name == "." || name == ".." ||
        name.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) {
      reporter.fail(where + " = " + brief(shard) +
                    " is not a plain file name in the index's folder (no path separators, "
                    "'.' or '..')");
    }
    shards.emplace(tensor, name);
  }
  return shards;
}

std::map<std::string, std::string> readSafetensorsIndex(const std::filesystem::path& indexPath) {
  const MappedFile file = MappedFile::open(indexPath);
  const auto bytes = file.bytes();
  return parseSafetensorsIndex(
      std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
      indexPath.string());
}

float halfToFloat(uint16_t bits) {
  const uint32_t sign = static_cast<uint32_t>(bits & 0x8000u) << 16;
  const uint32_t exponent = (bits >> 10) & 0x1fu;
  uint32_t mantissa = bits & 0x3ffu;
  uint32_t result = 0;
  if (exponent == 0x1f) {
    result = sign | 0x7f800000u | (mantissa << 13);  // inf, or NaN keeping its payload
  } else if (exponent != 0) {
    result = sign | ((exponent + (127 - 15)) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    result = sign;  // signed zero
  } else {
    // Subnormal half (mantissa * 2^-24) is a normal float: shift the leading 1 into the implicit
    // bit position, lowering the exponent once per shift.
    uint32_t floatExponent = 127 - 15 + 1;
    while ((mantissa & 0x400u) == 0) {
      mantissa <<= 1;
      --floatExponent;
    }
    result = sign | (floatExponent << 23) | ((mantissa & 0x3ffu) << 13);
  }
  return std::bit_cast<float>(result);
}

float bfloat16ToFloat(uint16_t bits) {
  return std::bit_cast<float>(static_cast<uint32_t>(bits) << 16);
}

namespace {

void requireFloatingPoint(const TensorInfo& info) {
  switch (info.dtype) {
    case DType::F64:
    case DType::F32:
    case DType::F16:
    case DType::BF16:
      return;
    case DType::I64:
    case DType::I32:
    case DType::I16:
    case DType::I8:
    case DType::U8:
    case DType::Bool:
      break;
  }
  throw Error(ErrorCode::Model, "tensor '" + info.name + "' has dtype " +
                                    std::string(toString(info.dtype)) +
                                    "; only F64, F32, F16 and BF16 convert to float32");
}

}  // namespace

void toFloat32(const TensorInfo& info, std::span<const std::byte> bytes, std::span<float> out) {
  requireFloatingPoint(info);
  uint64_t numel = 0;
  uint64_t expectedBytes = 0;
  const auto problem = checkedByteCount(info.shape, elementSize(info.dtype), numel, expectedBytes);
  if (problem != ShapeProblem::None || bytes.size() != expectedBytes || out.size() != numel) {
    throw Error(ErrorCode::Internal,
                "toFloat32: tensor '" + info.name + "' of shape " + shapeText(info.shape) + " " +
                    std::string(toString(info.dtype)) + " got " + std::to_string(bytes.size()) +
                    " bytes and room for " + std::to_string(out.size()) + " floats");
  }
  if (numel == 0) {
    return;
  }
  // The bytes may be unaligned for the element type: read each element with memcpy.
  const std::byte* src = bytes.data();
  switch (info.dtype) {
    case DType::F32:
      std::memcpy(out.data(), src, bytes.size());
      break;
    case DType::F64:
      for (size_t i = 0; i < numel; ++i) {
        double value = 0;
        std::memcpy(&value, src + i * sizeof value, sizeof value);
        out[i] = static_cast<float>(value);
      }
      break;
    case DType::F16:
      for (size_t i = 0; i < numel; ++i) {
        uint16_t value = 0;
        std::memcpy(&value, src + i * sizeof value, sizeof value);
        out[i] = halfToFloat(value);
      }
      break;
    case DType::BF16:
      for (size_t i = 0; i < numel; ++i) {
        uint16_t value = 0;
        std::memcpy(&value, src + i * sizeof value, sizeof value);
        out[i] = bfloat16ToFloat(value);
      }
      break;
    default:
      break;  // rejected by requireFloatingPoint
  }
}

std::vector<float> toFloat32(const TensorInfo& info, std::span<const std::byte> bytes) {
  requireFloatingPoint(info);
  uint64_t numel = 0;
  uint64_t expectedBytes = 0;
  const auto problem = checkedByteCount(info.shape, elementSize(info.dtype), numel, expectedBytes);
  // Size the output only when the input is consistent; the span overload reports a mismatch.
  std::vector<float> out(problem == ShapeProblem::None && bytes.size() == expectedBytes ? numel
                                                                                        : 0);
  toFloat32(info, bytes, out);
  return out;
}

}  // namespace childtune::core::io
