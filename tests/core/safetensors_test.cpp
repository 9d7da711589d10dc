// Tests for the torch-free safetensors reader/writer and the atomic file writer. Every input is
// built as bytes here; no .safetensors file is checked in.

#include "io/safetensors.h"

#include <sys/resource.h>

#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "childtune/error.h"
#include "io/atomic_file.h"
#include "io/mapped_file.h"
#include "support/test_env.h"

namespace childtune::core::io {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// Helpers

// A safetensors image: 8-byte little-endian length, the header text as given, then `data`.
std::string image(const std::string& header, const std::string& data = {}) {
  std::string bytes(8, '\0');
  const uint64_t length = header.size();
  std::memcpy(bytes.data(), &length, sizeof length);
  return bytes + header + data;
}

std::string imageWithLength(uint64_t length, const std::string& rest) {
  std::string bytes(8, '\0');
  std::memcpy(bytes.data(), &length, sizeof length);
  return bytes + rest;
}

std::span<const std::byte> asBytes(const std::string& text) {
  return std::as_bytes(std::span<const char>(text.data(), text.size()));
}

template <typename T>
std::span<const std::byte> asBytes(const std::vector<T>& values) {
  return std::as_bytes(std::span<const T>(values));
}

std::vector<std::string> listDir(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Runs `fn`, expects childtune::Error with `code`, returns its message.
template <typename Fn>
std::string errorMessage(Fn&& fn, ErrorCode code) {
  try {
    fn();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected childtune::Error, got std::exception: " << e.what();
    return {};
  }
  ADD_FAILURE() << "expected childtune::Error, nothing was thrown";
  return {};
}

class SafetensorsReaderTest : public ::testing::Test {
 protected:
  // Writes `bytes` to a file, opens it, and expects a Data error naming the file and containing
  // every fragment. The in-memory parser must fail the same way.
  void expectRejected(const std::string& bytes, std::initializer_list<std::string> fragments) {
    const fs::path file = dir_ / "bad.safetensors";
    test::writeFile(file, bytes);
    const std::string message = errorMessage([&] { SafetensorsFile::open(file); }, ErrorCode::Data);
    EXPECT_THAT(message, HasSubstr(file.string()));
    for (const auto& fragment : fragments) {
      EXPECT_THAT(message, HasSubstr(fragment));
    }
    const std::string inMemory = errorMessage(
        [&] { SafetensorsFile::fromBytes(asBytes(bytes), "mem.safetensors"); }, ErrorCode::Data);
    EXPECT_THAT(inMemory, HasSubstr("mem.safetensors"));
    for (const auto& fragment : fragments) {
      EXPECT_THAT(inMemory, HasSubstr(fragment));
    }
  }

  SafetensorsFile openImage(const std::string& bytes) {
    const fs::path file = dir_ / "good.safetensors";
    test::writeFile(file, bytes);
    return SafetensorsFile::open(file);
  }

  test::TempDir dir_;
};

// ---------------------------------------------------------------------------------------------
// Round trips and exact bytes

TEST(SafetensorsDType, NamesAndSizes) {
  const std::vector<std::tuple<DType, std::string, size_t>> expected = {
      {DType::F64, "F64", 8},   {DType::F32, "F32", 4}, {DType::F16, "F16", 2},
      {DType::BF16, "BF16", 2}, {DType::I64, "I64", 8}, {DType::I32, "I32", 4},
      {DType::I16, "I16", 2},   {DType::I8, "I8", 1},   {DType::U8, "U8", 1},
      {DType::Bool, "BOOL", 1}};
  for (const auto& [dtype, name, size] : expected) {
    EXPECT_EQ(toString(dtype), name);
    EXPECT_EQ(elementSize(dtype), size) << name;
  }
}

TEST(SafetensorsTensorInfo, Numel) {
  TensorInfo info;
  info.name = "t";
  EXPECT_EQ(info.numel(), 1);  // scalar
  info.shape = {2, 3, 4};
  EXPECT_EQ(info.numel(), 24);
  info.shape = {int64_t{1} << 40, int64_t{1} << 40, 0};
  EXPECT_EQ(info.numel(), 0);  // a zero dim wins even when the others would overflow
  info.shape = {int64_t{1} << 40, int64_t{1} << 40};
  EXPECT_THAT(errorMessage([&] { (void)info.numel(); }, ErrorCode::Data), HasSubstr("tensor 't'"));
  info.shape = {2, -1};
  EXPECT_THAT(errorMessage([&] { (void)info.numel(); }, ErrorCode::Data), HasSubstr("negative"));
}

TEST(SafetensorsRoundTrip, EveryDTypeAndShape) {
  test::TempDir dir;
  const std::vector<DType> dtypes = {DType::F64, DType::F32, DType::F16, DType::BF16, DType::I64,
                                     DType::I32, DType::I16, DType::I8,  DType::U8,   DType::Bool};
  const std::vector<std::vector<int64_t>> shapes = {{}, {0}, {3, 0, 2}, {5}, {2, 3}, {1, 2, 3}};
  std::vector<std::vector<std::byte>> storage;
  std::vector<TensorToWrite> tensors;
  for (const DType dtype : dtypes) {
    for (size_t s = 0; s < shapes.size(); ++s) {
      TensorToWrite t;
      t.name = "layer." + std::string(toString(dtype)) + "." + std::to_string(s);
      t.dtype = dtype;
      t.shape = shapes[s];
      const int64_t numel =
          std::accumulate(shapes[s].begin(), shapes[s].end(), int64_t{1}, std::multiplies<>());
      std::vector<std::byte> bytes(static_cast<size_t>(numel) * elementSize(dtype));
      for (size_t i = 0; i < bytes.size(); ++i) {
        // Bool bytes must stay 0/1 for Python to accept them; the others get a pattern that
        // differs per tensor so a mix-up of offsets would show.
        bytes[i] = dtype == DType::Bool ? std::byte(i % 2)
                                        : std::byte((i * 7 + s * 13 + tensors.size()) & 0xff);
      }
      storage.push_back(std::move(bytes));
      t.data = storage.back();
      tensors.push_back(std::move(t));
    }
  }
  const std::map<std::string, std::string> metadata = {{"format", "pt"}, {"note", "ünïcode"}};
  const fs::path file = dir / "all.safetensors";
  writeSafetensors(file, tensors, metadata);
  EXPECT_EQ(listDir(dir.path()), std::vector<std::string>{"all.safetensors"});

  auto loaded = SafetensorsFile::open(file);
  EXPECT_EQ(loaded.path(), file);
  EXPECT_EQ(loaded.metadata(), metadata);
  ASSERT_EQ(loaded.tensors().size(), tensors.size());
  for (size_t i = 0; i < tensors.size(); ++i) {
    const TensorToWrite& expected = tensors[i];
    const TensorInfo* info = loaded.find(expected.name);
    ASSERT_NE(info, nullptr) << expected.name;
    EXPECT_EQ(info->dtype, expected.dtype) << expected.name;
    EXPECT_EQ(info->shape, expected.shape) << expected.name;
    const auto bytes = loaded.bytes(expected.name);
    ASSERT_EQ(bytes.size(), storage[i].size()) << expected.name;
    EXPECT_TRUE(std::equal(bytes.begin(), bytes.end(), storage[i].begin())) << expected.name;
    // The writer orders widest dtypes first, so every tensor is aligned to its element size.
    EXPECT_EQ(info->begin % elementSize(info->dtype), 0u) << expected.name;
  }
  // tensors() is in file order.
  for (size_t i = 1; i < loaded.tensors().size(); ++i) {
    EXPECT_LE(loaded.tensors()[i - 1].end, loaded.tensors()[i].begin);
  }
  EXPECT_EQ(loaded.find("missing"), nullptr);
  const std::string message =
      errorMessage([&] { (void)loaded.bytes("missing"); }, ErrorCode::Model);
  EXPECT_THAT(message, HasSubstr("'missing'"));
  EXPECT_THAT(message, HasSubstr(file.string()));
  loaded.prefetch();  // a hint; must not disturb the views

  // Moving keeps the views valid.
  SafetensorsFile moved = std::move(loaded);
  EXPECT_EQ(moved.bytes(tensors[3].name).size(), storage[3].size());
}

TEST(SafetensorsRoundTrip, EmptyFileAndNoMetadata) {
  test::TempDir dir;
  const fs::path file = dir / "empty.safetensors";
  writeSafetensors(file, {});
  // {} padded with six spaces to 8 bytes, as the Python writer does.
  EXPECT_EQ(test::readFile(file), image("{}      "));
  const auto loaded = SafetensorsFile::open(file);
  EXPECT_TRUE(loaded.tensors().empty());
  EXPECT_TRUE(loaded.metadata().empty());
}

TEST(SafetensorsWriter, ByteExactSmallFile) {
  test::TempDir dir;
  const std::vector<float> bb = {1.0f, -2.0f};
  const std::vector<int8_t> a = {1, 2, 3};
  const std::vector<double> s = {0.5};
  const fs::path file = dir / "tiny.safetensors";
  writeSafetensors(file,
                   {{"bb", DType::F32, {2}, asBytes(bb)},
                    {"a", DType::I8, {3}, asBytes(a)},
                    {"s", DType::F64, {}, asBytes(s)}},
                   {{"format", "pt"}});
  // Hand-computed: F64 first, then F32, then I8 (widest first); 193 header bytes padded with 7
  // spaces to 200 = 0xc8. Python's safetensors 0.8 `save` produces exactly these bytes.
  const std::string header = R"({"__metadata__":{"format":"pt"},)"
                             R"("s":{"dtype":"F64","shape":[],"data_offsets":[0,8]},)"
                             R"("bb":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},)"
                             R"("a":{"dtype":"I8","shape":[3],"data_offsets":[16,19]}})"
                             "       ";
  ASSERT_EQ(header.size(), 200u);
  const std::string expected = std::string("\xc8\0\0\0\0\0\0\0", 8) + header +
                               std::string("\0\0\0\0\0\0\xe0\x3f", 8) +    // 0.5 as F64
                               std::string("\0\0\x80\x3f\0\0\0\xc0", 8) +  // 1.0f, -2.0f
                               std::string("\x01\x02\x03", 3);
  EXPECT_EQ(test::readFile(file), expected);
}

TEST(SafetensorsWriter, RejectsBadTensorsWithConfigErrorAndKeepsOldFile) {
  test::TempDir dir;
  const fs::path file = dir / "model.safetensors";
  test::writeFile(file, "old contents");
  const std::vector<float> two = {1.0f, 2.0f};

  struct Case {
    std::vector<TensorToWrite> tensors;
    std::string fragment;
  };
  const std::vector<Case> cases = {
      {{{"w", DType::F32, {2}, asBytes(two)}, {"w", DType::F32, {2}, asBytes(two)}},
       "tensor 'w': the name appears twice"},
      {{{"w", DType::F32, {3}, asBytes(two)}}, "needs 12 bytes, got 8"},
      {{{"w", DType::F16, {2}, asBytes(two)}}, "of F16 needs 4 bytes, got 8"},
      {{{"w", DType::F32, {-2}, asBytes(two)}}, "negative dim"},
      {{{"__metadata__", DType::F32, {2}, asBytes(two)}}, "reserved"},
      {{{"bad\xff", DType::F32, {2}, asBytes(two)}}, "not valid UTF-8"},
      {{{"w", DType::F32, {int64_t{1} << 62, 8}, asBytes(two)}}, "too many elements"},
  };
  for (const Case& c : cases) {
    const std::string message =
        errorMessage([&] { writeSafetensors(file, c.tensors); }, ErrorCode::Config);
    EXPECT_THAT(message, HasSubstr(file.string()));
    EXPECT_THAT(message, HasSubstr(c.fragment));
  }
  EXPECT_THAT(errorMessage(
                  [&] {
                    writeSafetensors(file, {}, {{"k", "\xc3"}});
                  },
                  ErrorCode::Config),
              HasSubstr("metadata entry 'k'"));
  EXPECT_EQ(test::readFile(file), "old contents");
  EXPECT_EQ(listDir(dir.path()), std::vector<std::string>{"model.safetensors"});
}

TEST(SafetensorsWriter, MissingFolderIsIoError) {
  test::TempDir dir;
  const fs::path file = dir / "no" / "such" / "model.safetensors";
  const std::string message = errorMessage([&] { writeSafetensors(file, {}); }, ErrorCode::Io);
  EXPECT_THAT(message, HasSubstr(file.string()));
  EXPECT_THAT(message, HasSubstr("No such file or directory"));
}

// Lowers the soft file-size limit for this process and ignores SIGXFSZ, so that writes past the
// limit fail with EFBIG like a full disk; restores both on scope exit.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    if (::getrlimit(RLIMIT_FSIZE, &saved_) != 0) {
      throw std::runtime_error("getrlimit failed");
    }
    rlimit limit = saved_;
    limit.rlim_cur = bytes;
    previousHandler_ = std::signal(SIGXFSZ, SIG_IGN);
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) {
      throw std::runtime_error("setrlimit failed");
    }
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, previousHandler_);
  }

 private:
  rlimit saved_{};
  void (*previousHandler_)(int) = SIG_DFL;
};

TEST(SafetensorsWriter, DiskFullIsIoErrorAndKeepsOldFile) {
  test::TempDir dir;
  const fs::path file = dir / "model.safetensors";
  test::writeFile(file, "old contents");
  const std::vector<float> big(1 << 18, 1.5f);  // 1 MiB
  std::string message;
  {
    const FileSizeLimit limit(rlim_t{64} * 1024);
    message = errorMessage(
        [&] {
          writeSafetensors(file, {{"w", DType::F32, {1 << 18}, asBytes(big)}});
        },
        ErrorCode::Io);
  }
  EXPECT_THAT(message, HasSubstr(file.string()));
  EXPECT_THAT(message, HasSubstr(std::strerror(EFBIG)));
  EXPECT_EQ(test::readFile(file), "old contents");
  EXPECT_EQ(listDir(dir.path()), std::vector<std::string>{"model.safetensors"});

  // The same through the stream interface: the error surfaces at commit().
  {
    const FileSizeLimit limit(1000);
    message = errorMessage(
        [&] {
          writeFileAtomically(file, [](std::ostream& out) {
            for (int i = 0; i < 10000; ++i) {
              out << "line " << i << '\n';
            }
          });
        },
        ErrorCode::Io);
  }
  EXPECT_THAT(message, HasSubstr(file.string()));
  EXPECT_THAT(message, HasSubstr(std::strerror(EFBIG)));
  EXPECT_EQ(test::readFile(file), "old contents");
  EXPECT_EQ(listDir(dir.path()), std::vector<std::string>{"model.safetensors"});
}

// ---------------------------------------------------------------------------------------------
// Atomic file writer

TEST(AtomicFileWriter, ReplacesTargetAndLeavesNoTempFiles) {
  test::TempDir dir;
  const fs::path file = dir / "state.json";
  test::writeFile(file, "old");
  {
    AtomicFileWriter out(file);
    EXPECT_EQ(out.target(), file);
    EXPECT_EQ(out.tempPath().parent_path(), dir.path());
    EXPECT_TRUE(fs::exists(out.tempPath()));
    out.stream() << "{\"step\": " << 42;
    const std::string big(200000, 'x');  // larger than the buffer: written directly, in order
    out.write(big);
    out.stream() << "}";
    EXPECT_EQ(test::readFile(file), "old");  // nothing visible before commit
    out.commit();
    EXPECT_FALSE(fs::exists(out.tempPath()));
  }
  EXPECT_EQ(test::readFile(file), "{\"step\": 42" + std::string(200000, 'x') + "}");
  EXPECT_EQ(listDir(dir.path()), std::vector<std::string>{"state.json"});

  writeFileAtomically(file, std::string_view("new"));
  EXPECT_EQ(test::readFile(file), "new");
  EXPECT_EQ(listDir(dir.path()), std::vector<std::string>{"state.json"});
}

TEST(AtomicFileWriter, AbandonedOrFailedWriteKeepsOldFile) {
  test::TempDir dir;
  const fs::path file = dir / "state.json";
  test::writeFile(file, "old");
  {
    AtomicFileWriter out(file);
    out.write(std::string_view("partial"));
  }  // no commit
  EXPECT_EQ(test::readFile(file), "old");
  EXPECT_EQ(listDir(dir.path()), std::vector<std::string>{"state.json"});

  EXPECT_THROW(writeFileAtomically(file,
                                   [](std::ostream& out) {
                                     out << "half";
                                     throw std::runtime_error("producer failed");
                                   }),
               std::runtime_error);
  EXPECT_EQ(test::readFile(file), "old");
  EXPECT_EQ(listDir(dir.path()), std::vector<std::string>{"state.json"});

  AtomicFileWriter out(file);
  out.commit();
  EXPECT_EQ(errorMessage([&] { out.commit(); }, ErrorCode::Internal),
            std::string("internal error: AtomicFileWriter::commit() called twice for '") +
                file.string() + "'");
  EXPECT_EQ(test::readFile(file), "");
}

TEST(AtomicFileWriter, RelativeTargetUsesCurrentFolder) {
  test::TempDir dir;
  const fs::path previous = fs::current_path();
  fs::current_path(dir.path());
  writeFileAtomically("relative.txt", std::string_view("here"));
  fs::current_path(previous);
  EXPECT_EQ(test::readFile(dir / "relative.txt"), "here");
  EXPECT_EQ(listDir(dir.path()), std::vector<std::string>{"relative.txt"});
}

// ---------------------------------------------------------------------------------------------
// Memory mapping

TEST(MappedFile, MapsBytesEmptyFilesAndMoves) {
  test::TempDir dir;
  test::writeFile(dir / "data.bin", "hello mapping");
  MappedFile mapped = MappedFile::open(dir / "data.bin");
  EXPECT_EQ(mapped.path(), dir / "data.bin");
  ASSERT_EQ(mapped.size(), 13u);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(mapped.bytes().data()), mapped.size()),
            "hello mapping");
  // Hints accept any range, including ones past the end.
  mapped.advise(MappedFile::Access::WillNeed);
  mapped.advise(MappedFile::Access::Sequential, 5, 3);
  mapped.advise(MappedFile::Access::Random, 100, 10);
  mapped.advise(MappedFile::Access::Normal, 12);

  MappedFile moved = std::move(mapped);
  EXPECT_EQ(moved.size(), 13u);
  EXPECT_EQ(static_cast<char>(moved.bytes()[6]), 'm');
  mapped = MappedFile::open(dir / "data.bin");  // reassigning a moved-from mapping is fine
  EXPECT_EQ(mapped.size(), 13u);
  moved = std::move(mapped);  // releases the old mapping of `moved`
  EXPECT_EQ(moved.size(), 13u);

  test::writeFile(dir / "empty.bin", "");
  const MappedFile empty = MappedFile::open(dir / "empty.bin");
  EXPECT_EQ(empty.size(), 0u);
  EXPECT_TRUE(empty.bytes().empty());
  empty.advise(MappedFile::Access::WillNeed);

  const std::string message =
      errorMessage([&] { MappedFile::open(dir / "nope.bin"); }, ErrorCode::Io);
  EXPECT_THAT(message, HasSubstr((dir / "nope.bin").string()));
  EXPECT_THAT(message, HasSubstr("No such file or directory"));
}

// ---------------------------------------------------------------------------------------------
// Reader: valid edge cases

TEST_F(SafetensorsReaderTest, AcceptsEmptyHeaderZeroSizeTensorsAndIgnoredExtras) {
  EXPECT_TRUE(openImage(image("{}")).tensors().empty());
  EXPECT_TRUE(openImage(image("  {}  ")).tensors().empty());

  const auto file = openImage(
      image(R"({"__metadata__":null,"e":{"dtype":"F32","shape":[0,4],"data_offsets":[0,0]},)"
            R"("s":{"dtype":"I16","shape":[],"data_offsets":[0,2],"extra":{"ignored":[1]}},)"
            R"("z":{"dtype":"U8","shape":[3,0],"data_offsets":[2,2]}})",
            std::string("\x34\x12", 2)));
  ASSERT_EQ(file.tensors().size(), 3u);
  EXPECT_TRUE(file.metadata().empty());
  EXPECT_EQ(file.tensors()[0].name, "e");
  EXPECT_EQ(file.tensors()[1].name, "s");
  EXPECT_EQ(file.tensors()[2].name, "z");
  EXPECT_EQ(file.bytes("e").size(), 0u);
  EXPECT_EQ(file.bytes("z").size(), 0u);
  const auto s = file.bytes("s");
  ASSERT_EQ(s.size(), 2u);
  int16_t value = 0;
  std::memcpy(&value, s.data(), 2);
  EXPECT_EQ(value, 0x1234);
  EXPECT_EQ(file.find("s")->numel(), 1);
}

TEST_F(SafetensorsReaderTest, ReadsMetadataAndUnalignedTensors) {
  // An F32 tensor at an odd offset: legal in the format, so bytes() must not assume alignment.
  const float f = 3.25f;
  std::string data(1, '\x07');
  data.append(reinterpret_cast<const char*>(&f), sizeof f);
  const auto file = openImage(image(
      R"({"__metadata__":{"format":"pt","b":"2"},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},)"
      R"("f":{"dtype":"F32","shape":[1],"data_offsets":[1,5]}})",
      data));
  EXPECT_EQ(file.metadata(), (std::map<std::string, std::string>{{"b", "2"}, {"format", "pt"}}));
  EXPECT_EQ(toFloat32(*file.find("f"), file.bytes("f")), std::vector<float>{3.25f});
}

// ---------------------------------------------------------------------------------------------
// Reader: one test per kind of bad input

TEST_F(SafetensorsReaderTest, RejectsFileShorterThanLengthPrefix) {
  expectRejected("", {"0 bytes long", "too short for the 8-byte header length"});
  expectRejected("abcde", {"5 bytes long"});
}

TEST_F(SafetensorsReaderTest, RejectsHeaderLengthPastEndOfFile) {
  expectRejected(imageWithLength(100, "{}"),
                 {"header length 100 runs past the end", "10-byte file"});
}

TEST_F(SafetensorsReaderTest, RejectsAbsurdHeaderLength) {
  expectRejected(imageWithLength(uint64_t{1} << 62, "{}"),
                 {"header length 4611686018427387904 exceeds the limit of 100000000 bytes"});
  expectRejected(imageWithLength(~uint64_t{0}, "{}"), {"exceeds the limit"});
}

TEST_F(SafetensorsReaderTest, RejectsInvalidJson) {
  expectRejected(image("{\"a\":"), {"header is not valid JSON"});
  expectRejected(image(""), {"header is not valid JSON"});
  // NUL padding is trailing garbage, not whitespace.
  expectRejected(image(std::string("{}\0\0", 4)),
                 {"header is not valid JSON: NUL byte at offset 2"});
  expectRejected(image(std::string("{}\0{\"w\":5}", 10)), {"NUL byte at offset 2"});
  expectRejected(image("{\"\xff\":1}"), {"header is not valid JSON"});  // invalid UTF-8
  expectRejected(image("{\"a\":1e999}"), {"header is not valid JSON"});
}

TEST_F(SafetensorsReaderTest, RejectsNonObjectHeader) {
  expectRejected(image("[1,2]"), {"header must be a JSON object, got array"});
  expectRejected(image("\"x\"   "), {"header must be a JSON object, got string"});
}

TEST_F(SafetensorsReaderTest, RejectsDeepNesting) {
  const std::string deep = R"({"w":)" + std::string(100, '[') + std::string(100, ']') + "}";
  expectRejected(image(deep), {"header nests deeper than 64 levels"});
}

TEST_F(SafetensorsReaderTest, RejectsEntryThatIsNotAnObject) {
  expectRejected(image(R"({"w":[1,2]})"), {"tensor 'w': entry must be a JSON object", "got array"});
  expectRejected(image(R"({"w":5})"), {"tensor 'w': entry must be a JSON object"});
}

TEST_F(SafetensorsReaderTest, RejectsMissingFields) {
  expectRejected(image(R"({"w":{"shape":[1],"data_offsets":[0,1]}})", "x"),
                 {"tensor 'w': missing field 'dtype'"});
  expectRejected(image(R"({"w":{"dtype":"U8","data_offsets":[0,1]}})", "x"),
                 {"tensor 'w': missing field 'shape'"});
  expectRejected(image(R"({"w":{"dtype":"U8","shape":[1]}})", "x"),
                 {"tensor 'w': missing field 'data_offsets'"});
}

TEST_F(SafetensorsReaderTest, RejectsWrongFieldTypes) {
  expectRejected(image(R"({"w":{"dtype":4,"shape":[1],"data_offsets":[0,1]}})", "x"),
                 {"tensor 'w': field 'dtype' must be a string, got 4"});
  expectRejected(image(R"({"w":{"dtype":"U8","shape":"1","data_offsets":[0,1]}})", "x"),
                 {"tensor 'w': field 'shape' must be an array", "got \"1\""});
  expectRejected(image(R"({"w":{"dtype":"U8","shape":[1],"data_offsets":"0-1"}})", "x"),
                 {"tensor 'w': field 'data_offsets' must be [begin, end]"});
}

TEST_F(SafetensorsReaderTest, RejectsBadShapeDims) {
  expectRejected(image(R"({"w":{"dtype":"U8","shape":[2,-3],"data_offsets":[0,0]}})"),
                 {"tensor 'w': shape[1] must be a non-negative integer, got -3"});
  expectRejected(image(R"({"w":{"dtype":"U8","shape":[2.5],"data_offsets":[0,0]}})"),
                 {"tensor 'w': shape[0] must be a non-negative integer, got 2.5"});
  expectRejected(image(R"({"w":{"dtype":"U8","shape":[null],"data_offsets":[0,0]}})"),
                 {"shape[0] must be a non-negative integer, got null"});
  expectRejected(
      image(R"({"w":{"dtype":"U8","shape":[9223372036854775808],"data_offsets":[0,0]}})"),
      {"shape[0] must be a non-negative integer"});
}

TEST_F(SafetensorsReaderTest, RejectsUnknownDType) {
  expectRejected(image(R"({"w":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[0,1]}})", "x"),
                 {"tensor 'w': unknown dtype \"F8_E4M3\"",
                  "supported: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL"});
  expectRejected(image(R"({"w":{"dtype":"f32","shape":[1],"data_offsets":[0,4]}})", "xxxx"),
                 {"unknown dtype \"f32\""});
}

TEST_F(SafetensorsReaderTest, RejectsMalformedDataOffsets) {
  expectRejected(image(R"({"w":{"dtype":"U8","shape":[1],"data_offsets":[0]}})", "x"),
                 {"tensor 'w': field 'data_offsets' must be [begin, end]", "got [0]"});
  expectRejected(image(R"({"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1,2]}})", "x"),
                 {"must be [begin, end]"});
  expectRejected(image(R"({"w":{"dtype":"U8","shape":[1],"data_offsets":[-1,0]}})", "x"),
                 {"must be [begin, end]", "got [-1,0]"});
  expectRejected(image(R"({"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1.0]}})", "x"),
                 {"must be [begin, end]"});
}

TEST_F(SafetensorsReaderTest, RejectsBeginAfterEnd) {
  expectRejected(image(R"({"w":{"dtype":"U8","shape":[0],"data_offsets":[3,1]}})", "xxx"),
                 {"tensor 'w': data_offsets [3,1] have begin > end"});
}

TEST_F(SafetensorsReaderTest, RejectsRangeBeyondDataSection) {
  expectRejected(image(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", "1234"),
                 {"tensor 'w': data_offsets [0,8] reach past the end of the 4-byte data section",
                  "truncated"});
  expectRejected(image(R"({"w":{"dtype":"U8","shape":[0],)"
                       R"("data_offsets":[18446744073709551615,18446744073709551615]}})"),
                 {"reach past the end"});
}

TEST_F(SafetensorsReaderTest, RejectsByteRangeThatDoesNotMatchShape) {
  expectRejected(image(R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", "12345678"),
                 {"tensor 'w': data_offsets [0,8] span 8 bytes, but shape [3] of F32 needs 12"});
  expectRejected(image(R"({"w":{"dtype":"BF16","shape":[],"data_offsets":[0,1]}})", "1"),
                 {"shape [] of BF16 needs 2"});
}

TEST_F(SafetensorsReaderTest, RejectsShapeWhoseSizeOverflows) {
  expectRejected(
      image(R"({"w":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,0]}})"),
      {"tensor 'w': shape [4294967296, 4294967296] has too many elements"});
  // numel fits 64 bits but numel * 8 bytes does not.
  expectRejected(
      image(R"({"w":{"dtype":"F64","shape":[4611686018427387904],"data_offsets":[0,0]}})"),
      {"too many elements"});
}

TEST_F(SafetensorsReaderTest, RejectsOverlappingRanges) {
  expectRejected(image(R"({"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},)"
                       R"("b":{"dtype":"U8","shape":[4],"data_offsets":[2,6]}})",
                       "123456"),
                 {"tensor 'b' bytes [2, 6) overlap tensor 'a' bytes [0, 4)"});
  // Two names for the same bytes.
  expectRejected(image(R"({"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},)"
                       R"("b":{"dtype":"U8","shape":[4],"data_offsets":[0,4]}})",
                       "1234"),
                 {"tensor 'b' bytes [0, 4) overlap tensor 'a'"});
  // An empty tensor placed strictly inside another one.
  expectRejected(image(R"({"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},)"
                       R"("e":{"dtype":"U8","shape":[0],"data_offsets":[2,2]}})",
                       "1234"),
                 {"tensor 'e' bytes [2, 2) overlap tensor 'a'"});
}

TEST_F(SafetensorsReaderTest, RejectsHolesInDataSection) {
  expectRejected(
      image(R"({"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},)"
            R"("b":{"dtype":"U8","shape":[2],"data_offsets":[4,6]}})",
            "123456"),
      {"data section bytes [2, 4) before tensor 'b' belong to no tensor", "without holes"});
  expectRejected(image(R"({"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}})", "1234"),
                 {"data section bytes [2, 4) at its end belong to no tensor"});
  expectRejected(image("{}", "xx"), {"data section bytes [0, 2) at its end"});
}

TEST_F(SafetensorsReaderTest, RejectsDuplicateNames) {
  expectRejected(image(R"({"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},)"
                       R"("w":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}})",
                       "12"),
                 {"header has duplicate key 'w' at the top level"});
  expectRejected(
      image(R"({"w":{"dtype":"U8","dtype":"I8","shape":[1],"data_offsets":[0,1]}})", "1"),
      {"header has duplicate key 'dtype' inside 'w'"});
  expectRejected(image(R"({"__metadata__":{"k":"a","k":"b"}})"),
                 {"duplicate key 'k' inside '__metadata__'"});
}

TEST_F(SafetensorsReaderTest, RejectsMetadataThatIsNotStringMap) {
  expectRejected(image(R"({"__metadata__":["a"]})"),
                 {"'__metadata__' must be an object of string values, got [\"a\"]"});
  expectRejected(image(R"({"__metadata__":{"format":"pt","n":3}})"),
                 {"'__metadata__' field 'n' must be a string, got 3"});
}

TEST_F(SafetensorsReaderTest, ErrorMessagesStayShortForHugeValues) {
  const std::string longShape = "[\"" + std::string(5000, 'x') + "\"]";
  const std::string bytes =
      image(R"({"w":{"dtype":"U8","shape":)" + longShape + R"(,"data_offsets":[0,0]}})");
  const std::string message =
      errorMessage([&] { SafetensorsFile::fromBytes(asBytes(bytes), "m"); }, ErrorCode::Data);
  EXPECT_THAT(message, HasSubstr("shape[0] must be a non-negative integer"));
  EXPECT_LT(message.size(), 400u);
  // nlohmann's own messages quote the bad token; they are cut short too.
  const std::string overflow = image(R"({"w":{"dtype":"U8","shape":[)" + std::string(5000, '9') +
                                     R"(],"data_offsets":[0,0]}})");
  const std::string jsonMessage =
      errorMessage([&] { SafetensorsFile::fromBytes(asBytes(overflow), "m"); }, ErrorCode::Data);
  EXPECT_THAT(jsonMessage, HasSubstr("header is not valid JSON"));
  EXPECT_LT(jsonMessage.size(), 400u);
}

TEST_F(SafetensorsReaderTest, IoErrorsNameTheFile) {
  const fs::path missing = dir_ / "missing.safetensors";
  std::string message = errorMessage([&] { SafetensorsFile::open(missing); }, ErrorCode::Io);
  EXPECT_THAT(message, HasSubstr(missing.string()));
  EXPECT_THAT(message, HasSubstr("No such file or directory"));

  message = errorMessage([&] { SafetensorsFile::open(dir_.path()); }, ErrorCode::Io);
  EXPECT_THAT(message, HasSubstr(dir_.path().string()));
  EXPECT_THAT(message, HasSubstr("not a regular file"));
}

// Every truncation and every single-byte corruption of a valid file must end in a clean
// childtune::Error or a valid file, never a crash or a foreign exception (a quick deterministic
// cousin of the fuzz target).
TEST_F(SafetensorsReaderTest, TruncationsAndByteFlipsFailCleanly) {
  const std::string valid = image(
      R"({"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
      R"("b":{"dtype":"BF16","shape":[1,1],"data_offsets":[8,10]}})",
      std::string("\0\0\x80\x3f\0\0\0\xc0\x80\x3f", 10));
  ASSERT_NO_THROW(SafetensorsFile::fromBytes(asBytes(valid)));
  const auto attempt = [](const std::string& bytes) {
    try {
      const auto file = SafetensorsFile::fromBytes(asBytes(bytes));
      for (const auto& info : file.tensors()) {
        (void)toFloat32(info, file.bytes(info));
      }
    } catch (const Error& e) {
      EXPECT_TRUE(e.code() == ErrorCode::Data || e.code() == ErrorCode::Model) << e.what();
    }
  };
  for (size_t length = 0; length < valid.size(); ++length) {
    attempt(valid.substr(0, length));
  }
  for (size_t i = 0; i < valid.size(); ++i) {
    for (const char replacement : {'\0', '"', '[', '}', '9', '-', '\xff'}) {
      std::string mutated = valid;
      mutated[i] = replacement;
      attempt(mutated);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Conversions

// An independent binary16 decoder via ldexp, to check halfToFloat on all 65536 patterns.
double referenceHalf(uint16_t bits) {
  const double sign = (bits & 0x8000) != 0 ? -1.0 : 1.0;
  const int exponent = (bits >> 10) & 0x1f;
  const int mantissa = bits & 0x3ff;
  if (exponent == 0) {
    return sign * std::ldexp(mantissa, -24);
  }
  if (exponent == 31) {
    return mantissa == 0 ? sign * std::numeric_limits<double>::infinity()
                         : std::numeric_limits<double>::quiet_NaN();
  }
  return sign * std::ldexp(1024 + mantissa, exponent - 25);
}

TEST(SafetensorsConvert, HalfToFloatIsExactForAllPatterns) {
  for (uint32_t bits = 0; bits <= 0xffff; ++bits) {
    const auto h = static_cast<uint16_t>(bits);
    const float value = halfToFloat(h);
    const double expected = referenceHalf(h);
    if (std::isnan(expected)) {
      ASSERT_TRUE(std::isnan(value)) << std::hex << bits;
      // The payload survives in the top mantissa bits, and so does the sign.
      const auto out = std::bit_cast<uint32_t>(value);
      ASSERT_EQ((out >> 13) & 0x3ff, bits & 0x3ff) << std::hex << bits;
      ASSERT_EQ(out >> 31, bits >> 15) << std::hex << bits;
    } else {
      ASSERT_EQ(static_cast<double>(value), expected) << std::hex << bits;
      ASSERT_EQ(std::signbit(value), (bits & 0x8000) != 0) << std::hex << bits;
    }
  }
  // Spot checks with values from numpy.float16.
  EXPECT_EQ(halfToFloat(0x3c00), 1.0f);
  EXPECT_EQ(halfToFloat(0xc000), -2.0f);
  EXPECT_EQ(halfToFloat(0x7bff), 65504.0f);
  EXPECT_EQ(halfToFloat(0x0001), 5.9604644775390625e-08f);  // smallest subnormal
  EXPECT_EQ(halfToFloat(0x03ff), 6.097555160522461e-05f);   // largest subnormal
  EXPECT_EQ(halfToFloat(0x0400), 6.103515625e-05f);         // smallest normal
  EXPECT_EQ(halfToFloat(0x3555), 0.333251953125f);
  EXPECT_EQ(halfToFloat(0x7c00), std::numeric_limits<float>::infinity());
  EXPECT_EQ(halfToFloat(0xfc00), -std::numeric_limits<float>::infinity());
}

TEST(SafetensorsConvert, BFloat16ToFloat) {
  EXPECT_EQ(bfloat16ToFloat(0x3f80), 1.0f);
  EXPECT_EQ(bfloat16ToFloat(0xc040), -3.0f);
  EXPECT_EQ(bfloat16ToFloat(0x3eab), 0.333984375f);
  EXPECT_EQ(bfloat16ToFloat(0x0001), std::bit_cast<float>(uint32_t{0x00010000}));  // subnormal
  EXPECT_EQ(bfloat16ToFloat(0x7f80), std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(bfloat16ToFloat(0x7fc0)));
  EXPECT_TRUE(std::signbit(bfloat16ToFloat(0x8000)));
}

TEST(SafetensorsConvert, ToFloat32PerDType) {
  TensorInfo info;
  info.name = "w";
  info.shape = {2, 2};

  info.dtype = DType::F16;
  const std::vector<uint16_t> half = {0x3c00, 0x0001, 0xfc00, 0x8000};
  auto out = toFloat32(info, asBytes(half));
  EXPECT_EQ(out, (std::vector<float>{1.0f, 5.9604644775390625e-08f,
                                     -std::numeric_limits<float>::infinity(), -0.0f}));
  EXPECT_TRUE(std::signbit(out[3]));

  info.dtype = DType::BF16;
  const std::vector<uint16_t> bf = {0x3f80, 0xc040, 0x0000, 0x4049};
  EXPECT_EQ(toFloat32(info, asBytes(bf)), (std::vector<float>{1.0f, -3.0f, 0.0f, 3.140625f}));

  info.dtype = DType::F32;
  const std::vector<float> f32 = {1.5f, -0.25f, 1e30f, 7.0f};
  EXPECT_EQ(toFloat32(info, asBytes(f32)), f32);

  info.dtype = DType::F64;
  const std::vector<double> f64 = {0.1, -2.0, 1e300, 1e-50};
  EXPECT_EQ(toFloat32(info, asBytes(f64)),
            (std::vector<float>{0.1f, -2.0f, std::numeric_limits<float>::infinity(), 0.0f}));

  // Into a caller-provided buffer.
  std::vector<float> buffer(4);
  toFloat32(info, asBytes(f64), buffer);
  EXPECT_EQ(buffer[0], 0.1f);

  info.shape = {};
  info.dtype = DType::F32;
  EXPECT_EQ(toFloat32(info, asBytes(std::vector<float>{2.5f})), std::vector<float>{2.5f});
  info.shape = {0, 3};
  EXPECT_TRUE(toFloat32(info, {}).empty());
}

TEST(SafetensorsConvert, ToFloat32RejectsIntegersAndSizeMismatch) {
  TensorInfo info;
  info.name = "ids";
  info.shape = {2};
  info.dtype = DType::I64;
  const std::vector<int64_t> ids = {1, 2};
  std::string message = errorMessage([&] { toFloat32(info, asBytes(ids)); }, ErrorCode::Model);
  EXPECT_THAT(message, HasSubstr("tensor 'ids' has dtype I64"));

  info.dtype = DType::F32;
  message = errorMessage([&] { toFloat32(info, asBytes(ids)); }, ErrorCode::Internal);
  EXPECT_THAT(message, HasSubstr("tensor 'ids'"));
  EXPECT_THAT(message, HasSubstr("got 16 bytes"));

  std::vector<float> tooSmall(1);
  const std::vector<float> two = {1.0f, 2.0f};
  message = errorMessage([&] { toFloat32(info, asBytes(two), tooSmall); }, ErrorCode::Internal);
  EXPECT_THAT(message, HasSubstr("room for 1 floats"));
}

// ---------------------------------------------------------------------------------------------
// Sharded checkpoint index

TEST(SafetensorsIndex, ParsesWeightMap) {
  test::TempDir dir;
  const fs::path index = dir / "model.safetensors.index.json";
  test::writeFile(index, R"({"metadata": {"total_size": 1234},
    "weight_map": {"a.weight": "model-00001-of-00002.safetensors",
                   "b.weight": "model-00002-of-00002.safetensors"}})");
  const auto map = readSafetensorsIndex(index);
  EXPECT_EQ(map,
            (std::map<std::string, std::string>{{"a.weight", "model-00001-of-00002.safetensors"},
                                                {"b.weight", "model-00002-of-00002.safetensors"}}));
  EXPECT_EQ(parseSafetensorsIndex(R"({"weight_map": {}})", "i").size(), 0u);
}

TEST(SafetensorsIndex, RejectsShardNamesThatLeaveTheFolder) {
  for (const std::string shard : {"../model.safetensors", "/etc/passwd", "sub/model.safetensors",
                                  "sub\\\\x.safetensors", "..", ".", ""}) {
    const std::string json = R"({"weight_map": {"w": ")" + shard + R"("}})";
    const std::string message = errorMessage(
        [&] { parseSafetensorsIndex(json, "/m/model.safetensors.index.json"); }, ErrorCode::Data);
    EXPECT_THAT(message, HasSubstr("/m/model.safetensors.index.json")) << shard;
    EXPECT_THAT(message, HasSubstr("weight_map['w']")) << shard;
    EXPECT_THAT(message, HasSubstr("is not a plain file name")) << shard;
  }
}

TEST(SafetensorsIndex, RejectsMalformedIndex) {
  const auto expectData = [](const std::string& json, const std::string& fragment) {
    const std::string message =
        errorMessage([&] { parseSafetensorsIndex(json, "idx.json"); }, ErrorCode::Data);
    EXPECT_THAT(message, HasSubstr("safetensors index 'idx.json'"));
    EXPECT_THAT(message, HasSubstr(fragment)) << json;
  };
  expectData("{", "index is not valid JSON");
  expectData("[]", "must be a JSON object with a 'weight_map', got array");
  expectData(R"({"metadata": {}})", "missing field 'weight_map'");
  expectData(R"({"weight_map": []})", "'weight_map' must be an object");
  expectData(R"({"weight_map": {"w": 3}})", "weight_map['w'] must be a shard file name");
  expectData(R"({"metadata": 5, "weight_map": {}})", "'metadata' must be an object");
  expectData(R"({"weight_map": {"w": "a.safetensors", "w": "b.safetensors"}})",
             "duplicate key 'w' inside 'weight_map'");

  test::TempDir dir;
  const fs::path missing = dir / "model.safetensors.index.json";
  const std::string message = errorMessage([&] { readSafetensorsIndex(missing); }, ErrorCode::Io);
  EXPECT_THAT(message, HasSubstr(missing.string()));
}

// ---------------------------------------------------------------------------------------------
// The real default model

TEST(SafetensorsRealModel, OpensMiniLmQuicklyAndReadsTensors) {
  CHILDTUNE_REQUIRE_ENV_DIR(modelDir, "CHILDTUNE_MODEL_DIR");
  const fs::path file = modelDir / "model.safetensors";
  // Opening maps the file and parses the header only; it must not read the 90 MB of weights.
  // Best of three, so a busy CI machine does not make it flaky (typical: well under 1 ms).
  double bestMs = 1e9;
  for (int i = 0; i < 3; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const auto opened = SafetensorsFile::open(file);
    const auto stop = std::chrono::steady_clock::now();
    bestMs = std::min(bestMs, std::chrono::duration<double, std::milli>(stop - start).count());
    EXPECT_EQ(opened.tensors().size(), 104u);
  }
  EXPECT_LT(bestMs, 10.0);
  RecordProperty("open_ms", std::to_string(bestMs));

  const auto model = SafetensorsFile::open(file);
  EXPECT_EQ(model.metadata().at("format"), "pt");
  const TensorInfo* words = model.find("embeddings.word_embeddings.weight");
  ASSERT_NE(words, nullptr);
  EXPECT_EQ(words->dtype, DType::F32);
  EXPECT_EQ(words->shape, (std::vector<int64_t>{30522, 384}));
  const TensorInfo* positions = model.find("embeddings.position_ids");
  ASSERT_NE(positions, nullptr);
  EXPECT_EQ(positions->dtype, DType::I64);
  EXPECT_EQ(positions->shape, (std::vector<int64_t>{1, 512}));
  const auto ids = model.bytes(*positions);
  for (int64_t i = 0; i < 512; ++i) {
    int64_t id = 0;
    std::memcpy(&id, ids.data() + i * 8, 8);
    ASSERT_EQ(id, i);
  }
  // Values checked against safetensors.safe_open(...).get_tensor("embeddings.LayerNorm.weight").
  const auto gamma = toFloat32(*model.find("embeddings.LayerNorm.weight"),
                               model.bytes("embeddings.LayerNorm.weight"));
  ASSERT_EQ(gamma.size(), 384u);
  EXPECT_FLOAT_EQ(gamma[0], 0.59892833f);
  EXPECT_FLOAT_EQ(gamma[1], 0.5835948f);
  EXPECT_FLOAT_EQ(gamma[3], 0.62446064f);
}

}  // namespace
}  // namespace childtune::core::io
