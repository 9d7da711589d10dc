// The zip reader: round trips through stored, deflated and ZIP64 archives, and refusal of every
// kind of bad or hostile input with an error naming the archive and the entry.

#include "io/zip_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "support/test_env.h"
#include "support/zip_builder.h"

namespace childtune::core::io {
namespace {

namespace fs = std::filesystem;
using test::ZipBuilder;
using test::ZipBuilderEntry;
using ::testing::HasSubstr;

std::span<const std::byte> bytesOf(const std::string& s) {
  return std::as_bytes(std::span<const char>(s.data(), s.size()));
}

std::string contentsOf(const ZipReader& zip, const ZipEntry& entry) {
  std::string out;
  zip.read(entry, [&](std::span<const std::byte> chunk) {
    out.append(reinterpret_cast<const char*>(chunk.data()), chunk.size());
  });
  return out;
}

std::string randomText(size_t size, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> letter('a', 'h');
  std::string s(size, ' ');
  for (char& c : s) {
    c = static_cast<char>(letter(rng));
  }
  return s;
}

TEST(ZipReader, ReadsStoredAndDeflatedEntries) {
  const std::string big = randomText(3 << 20, 7);  // several 1 MiB output chunks
  const std::string archive = ZipBuilder()
                                  .add("CoLA/", "", false)
                                  .add("CoLA/train.tsv", "a\tb\n", false)
                                  .add("CoLA/dev.tsv", big)
                                  .add("CoLA/empty.tsv", "")
                                  .build();
  const ZipReader zip = ZipReader::fromBytes(bytesOf(archive), "CoLA.zip");
  ASSERT_EQ(zip.entries().size(), 4u);
  EXPECT_TRUE(zip.entries()[0].isDirectory());
  EXPECT_EQ(zip.entries()[1].name, "CoLA/train.tsv");
  EXPECT_EQ(zip.entries()[1].method, 0);
  EXPECT_EQ(zip.entries()[2].method, 8);
  EXPECT_EQ(contentsOf(zip, zip.entries()[1]), "a\tb\n");
  EXPECT_EQ(contentsOf(zip, zip.entries()[2]), big);
  EXPECT_EQ(contentsOf(zip, zip.entries()[3]), "");
}

TEST(ZipReader, ReadsZip64Records) {
  const std::string archive =
      ZipBuilder().zip64().add("a.txt", "hello", false).add("b/c.txt", randomText(5000, 1)).build();
  const ZipReader zip = ZipReader::fromBytes(bytesOf(archive));
  ASSERT_EQ(zip.entries().size(), 2u);
  EXPECT_EQ(zip.entries()[0].uncompressedSize, 5u);
  EXPECT_EQ(contentsOf(zip, zip.entries()[0]), "hello");
  EXPECT_EQ(contentsOf(zip, zip.entries()[1]), randomText(5000, 1));
}

TEST(ZipReader, ExtractsBelowTheDestinationAndReportsProgress) {
  const test::TempDir dir;
  const std::string archive = ZipBuilder()
                                  .add("RTE/", "", false)
                                  .add("RTE/train.tsv", "x\ty\n")
                                  .add("./RTE/dev.tsv", "d")
                                  .build();
  test::writeFile(dir / "RTE.zip", archive);
  const ZipReader zip = ZipReader::open(dir / "RTE.zip");
  uint64_t lastDone = 0;
  uint64_t lastTotal = 0;
  const size_t files = extractAll(zip, dir / "out", nullptr, [&](uint64_t done, uint64_t total) {
    lastDone = done;
    lastTotal = total;
  });
  EXPECT_EQ(files, 2u);
  EXPECT_EQ(test::readFile(dir / "out" / "RTE" / "train.tsv"), "x\ty\n");
  EXPECT_EQ(test::readFile(dir / "out" / "RTE" / "dev.tsv"), "d");
  EXPECT_EQ(lastDone, 5u);
  EXPECT_EQ(lastTotal, 5u);
}

TEST(ZipReader, SafeRelativePath) {
  EXPECT_EQ(safeRelativePath("a/b.txt"), fs::path("a") / "b.txt");
  EXPECT_EQ(safeRelativePath("./a//b/"), fs::path("a") / "b");
  for (const char* bad : {"../x", "a/../../x", "/etc/passwd", "C:/x", "a\\..\\x", "", "./", ".."}) {
    EXPECT_THAT(test::errorOf([&] { (void)safeRelativePath(bad); }, ErrorCode::Data),
                HasSubstr("refusing to unpack"))
        << bad;
  }
  EXPECT_THAT(
      test::errorOf([] { (void)safeRelativePath(std::string("a\0b", 3)); }, ErrorCode::Data),
      HasSubstr("NUL"));
}

TEST(ZipReader, RefusesTraversalBeforeWritingAnything) {
  const test::TempDir dir;
  const std::string archive =
      ZipBuilder().add("ok.txt", "fine").add("../evil.txt", "pwned").build();
  const std::string message = test::errorOf(
      [&] { (void)ZipReader::fromBytes(bytesOf(archive), "evil.zip"); }, ErrorCode::Data);
  EXPECT_THAT(message, HasSubstr("../evil.txt"));
  EXPECT_THAT(message, HasSubstr("'..'"));
  EXPECT_FALSE(fs::exists(dir.path().parent_path() / "evil.txt"));
}

TEST(ZipReader, RefusesCorruptAndHostileEntries) {
  struct Case {
    const char* what;
    ZipBuilderEntry entry;
    const char* message;
  };
  const std::string text = randomText(10000, 3);
  auto entry = [&](bool deflate) {
    ZipBuilderEntry e;
    e.name = "a.txt";
    e.data = text;
    e.deflate = deflate;
    return e;
  };
  std::vector<Case> cases;
  cases.push_back({"crc", entry(true), "CRC-32 mismatch"});
  cases.back().entry.crcOverride = 0x12345678u;
  cases.push_back({"bomb", entry(true), "more than its declared"});
  cases.back().entry.declaredSizeOverride = 100u;
  cases.push_back({"short", entry(false), "sizes differ"});
  cases.back().entry.declaredSizeOverride = 20000u;
  cases.push_back({"encrypted", entry(true), "encrypted"});
  cases.back().entry.flags = 1;
  cases.push_back({"symlink", entry(false), "symbolic link"});
  cases.back().entry.symlink = true;
  for (const Case& c : cases) {
    const std::string archive = ZipBuilder().add(c.entry).build();
    const std::string message = test::errorOf(
        [&] {
          const ZipReader zip = ZipReader::fromBytes(bytesOf(archive), "bad.zip");
          (void)contentsOf(zip, zip.entries().at(0));
        },
        ErrorCode::Data);
    EXPECT_THAT(message, HasSubstr(c.message)) << c.what;
    EXPECT_THAT(message, HasSubstr("bad.zip")) << c.what;
  }
}

TEST(ZipReader, RefusesTruncatedAndGarbageFiles) {
  const std::string archive = ZipBuilder().add("a.txt", randomText(2000, 5)).build();
  // Every truncation must end in Error{Data}, never a crash or an out-of-bounds read.
  for (size_t keep = 0; keep < archive.size(); keep += 7) {
    const std::string cut = archive.substr(0, keep);
    (void)test::errorOf([&] { (void)ZipReader::fromBytes(bytesOf(cut)); }, ErrorCode::Data);
  }
  // Flipping bytes anywhere yields either a valid read or Error{Data}.
  for (size_t pos = 0; pos < archive.size(); ++pos) {
    std::string broken = archive;
    broken[pos] = static_cast<char>(broken[pos] ^ 0x5A);
    try {
      const ZipReader zip = ZipReader::fromBytes(bytesOf(broken));
      for (const ZipEntry& entry : zip.entries()) {
        (void)contentsOf(zip, entry);
      }
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::Data) << e.what();
    }
  }
  EXPECT_THAT(test::errorOf([] { (void)ZipReader::fromBytes(bytesOf("not a zip at all, sorry!")); },
                            ErrorCode::Data),
              HasSubstr("no end-of-central-directory"));
}

TEST(ZipReader, EnforcesLimits) {
  const std::string archive = ZipBuilder().add("a", "12345").add("b", "67890").build();
  ZipLimits entries;
  entries.maxEntries = 1;
  EXPECT_THAT(test::errorOf([&] { (void)ZipReader::fromBytes(bytesOf(archive), "x", entries); },
                            ErrorCode::Data),
              HasSubstr("more than the limit"));
  ZipLimits total;
  total.maxTotalUncompressed = 9;
  EXPECT_THAT(test::errorOf([&] { (void)ZipReader::fromBytes(bytesOf(archive), "x", total); },
                            ErrorCode::Data),
              HasSubstr("more than the limit of 9 bytes"));
}

TEST(ZipReader, CancelStopsExtraction) {
  const test::TempDir dir;
  const std::string archive = ZipBuilder().add("a.txt", "abc").build();
  const ZipReader zip = ZipReader::fromBytes(bytesOf(archive));
  const std::atomic<bool> cancel{true};
  (void)test::errorOf([&] { (void)extractAll(zip, dir / "out", &cancel); }, ErrorCode::Cancelled);
  EXPECT_FALSE(fs::exists(dir / "out" / "a.txt"));
}

TEST(ZipReader, OpenMissingFileIsAnIoError) {
  const test::TempDir dir;
  EXPECT_THAT(test::errorOf([&] { (void)ZipReader::open(dir / "none.zip"); }, ErrorCode::Io),
              HasSubstr("none.zip"));
}

}  // namespace
}  // namespace childtune::core::io
