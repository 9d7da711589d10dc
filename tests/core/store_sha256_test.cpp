// SHA-256 against the FIPS 180-4 examples and hashlib values at the padding boundaries.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/test_env.h"
#include "util/sha256.h"

namespace childtune::core::util {
namespace {

std::vector<uint8_t> pattern(size_t n) {
  std::vector<uint8_t> out(n);
  for (size_t i = 0; i < n; ++i) {
    out[i] = static_cast<uint8_t>((i * 7 + 3) % 256);
  }
  return out;
}

TEST(Sha256, FipsExamples) {
  EXPECT_EQ(sha256Hex("", 0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc", 3),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  EXPECT_EQ(sha256Hex(two.data(), two.size()),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

// Values from Python's hashlib.sha256(bytes((i*7+3)%256 for i in range(n))).
TEST(Sha256, PaddingBoundariesMatchHashlib) {
  const std::vector<std::pair<size_t, std::string>> cases = {
      {55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"},
      {56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"},
      {63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"},
      {64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"},
      {65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"},
      {119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"},
      {120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"},
      {1000, "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371"},
  };
  for (const auto& [n, expected] : cases) {
    const auto data = pattern(n);
    EXPECT_EQ(sha256Hex(data.data(), data.size()), expected) << n << " bytes";
  }
}

TEST(Sha256, IncrementalUpdatesInOddChunksEqualOneShot) {
  const auto data = pattern(1000);
  for (const size_t chunk : {1u, 3u, 63u, 64u, 65u, 500u}) {
    Sha256 hash;
    for (size_t at = 0; at < data.size(); at += chunk) {
      hash.update(data.data() + at, std::min(chunk, data.size() - at));
    }
    EXPECT_EQ(hash.hexDigest(), "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371")
        << "chunk " << chunk;
  }
}

TEST(Sha256, MillionAsFromFileAcrossReadChunks) {
  test::TempDir dir;
  test::writeFile(dir / "a.bin", std::string(1000000, 'a'));
  EXPECT_EQ(sha256File(dir / "a.bin"),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Larger than the 1 MiB read chunk, so the loop runs more than once.
  const auto big = pattern((size_t{1} << 20) * 2 + 17);
  test::writeFile(dir / "big.bin", std::string(big.begin(), big.end()));
  EXPECT_EQ(sha256File(dir / "big.bin"), sha256Hex(big.data(), big.size()));
}

TEST(Sha256, MissingFileOrFolderIsIoErrorNamingIt) {
  test::TempDir dir;
  const auto missing = test::errorOf([&] { sha256File(dir / "nope.bin"); }, ErrorCode::Io);
  EXPECT_NE(missing.find("nope.bin"), std::string::npos) << missing;
  const auto folder = test::errorOf([&] { sha256File(dir.path()); }, ErrorCode::Io);
  EXPECT_NE(folder.find(dir.path().string()), std::string::npos) << folder;
}

}  // namespace
}  // namespace childtune::core::util
