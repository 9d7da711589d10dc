// The C++ mirror of the tiny-model weight formula against numbers printed by
// tests/reference/make_reference.py (these hard-coded values ARE the spec), and against the
// per-parameter checksums the script wrote into tests/reference/models/*/expected.json.

#include "support/reference_weights.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/test_env.h"

namespace childtune::test {
namespace {

using ::testing::HasSubstr;

uint32_t bitsOf(float v) { return std::bit_cast<uint32_t>(v); }

TEST(ReferenceWeights, Fnv1a64MatchesPublishedVectorsAndPython) {
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
  EXPECT_EQ(fnv1a64("bert.embeddings.word_embeddings.weight"), 0x4b7e64761fa81b3fULL);
  // Hashing piecewise continues from the previous hash.
  EXPECT_EQ(fnv1a64("bar", fnv1a64("foo")), fnv1a64("foobar"));
}

TEST(ReferenceWeights, Splitmix64MatchesTheReferenceGenerator) {
  // First output of Vigna's splitmix64 generator seeded with 0.
  EXPECT_EQ(splitmix64(0), 0xe220a8397b1dcdafULL);
}

TEST(ReferenceWeights, ValuesAreBitExactWithPython) {
  const auto query =
      referenceWeightValues("bert.encoder.layer.0.attention.self.query.weight", 1024);
  ASSERT_EQ(query.size(), 1024U);
  EXPECT_EQ(bitsOf(query[0]), 0xbd63f66aU);     // -0.05565492
  EXPECT_EQ(bitsOf(query[1]), 0x3daf5c1bU);     // 0.085624896
  EXPECT_EQ(bitsOf(query[2]), 0x3d6b9c20U);     // 0.05752194
  EXPECT_EQ(bitsOf(query[1023]), 0x3bccb7cdU);  // 0.0062474967

  const auto head = referenceWeightValues("classifier.out_proj.bias", 3);
  ASSERT_EQ(head.size(), 3U);
  EXPECT_EQ(bitsOf(head[0]), 0x3d1e7b3dU);  // 0.038691748
  EXPECT_EQ(bitsOf(head[1]), 0x3d911a0aU);  // 0.07085045
  EXPECT_EQ(bitsOf(head[2]), 0xbd903c85U);  // -0.07042793

  // LayerNorm weights are centred on 1.
  const auto gamma = referenceWeightValues("bert.embeddings.LayerNorm.weight", 32);
  EXPECT_EQ(bitsOf(gamma[0]), 0x3f6887c0U);   // 0.9083214
  EXPECT_EQ(bitsOf(gamma[1]), 0x3f68be9dU);   // 0.9091585
  EXPECT_EQ(bitsOf(gamma[31]), 0x3f74830eU);  // 0.95512474

  // Names are hashed as UTF-8 bytes ("électra.ü").
  const auto utf8 = referenceWeightValues("\xc3\xa9lectra.\xc3\xbc", 6);
  EXPECT_EQ(bitsOf(utf8[0]), 0x3d3c5d86U);  // 0.04598763
  EXPECT_EQ(bitsOf(utf8[5]), 0xbd3ff6d6U);  // -0.04686626
}

TEST(ReferenceWeights, ChecksumIsTheSequentialDoubleSum) {
  EXPECT_EQ(referenceWeightChecksum("bert.encoder.layer.0.attention.self.query.weight", 1024),
            2.7095187165214156);
  EXPECT_EQ(referenceWeightChecksum("anything", 0), 0.0);
}

TEST(ReferenceWeights, RangesFollowTheOffsetRule) {
  for (const char* name : {"roberta.encoder.layer.1.output.LayerNorm.weight", "LayerNorm.weight"}) {
    for (const float v : referenceWeightValues(name, 4096)) {
      EXPECT_GE(v, 0.9F) << name;
      EXPECT_LE(v, 1.1F) << name;
    }
  }
  // Only the weight gets the offset; a LayerNorm bias or a name merely containing it does not.
  for (const char* name : {"roberta.encoder.layer.1.output.LayerNorm.bias",
                           "x.LayerNorm.weight.extra", "classifier.weight"}) {
    float lo = 1.0F;
    float hi = -1.0F;
    for (const float v : referenceWeightValues(name, 4096)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    EXPECT_GE(lo, -0.1F) << name;
    EXPECT_LE(hi, 0.1F) << name;
    EXPECT_LT(lo, -0.09F) << name;  // the values do spread over the range
    EXPECT_GT(hi, 0.09F) << name;
  }
}

TEST(ReferenceWeights, DifferentNamesGiveDifferentValues) {
  const auto a = referenceWeightValues("bert.encoder.layer.0.attention.self.query.weight", 8);
  const auto b = referenceWeightValues("bert.encoder.layer.1.attention.self.query.weight", 8);
  EXPECT_NE(a, b);
  // A prefix of a longer request is the shorter request.
  const auto longer = referenceWeightValues("bert.encoder.layer.0.attention.self.query.weight", 16);
  EXPECT_EQ(a, std::vector<float>(longer.begin(), longer.begin() + 8));
}

TEST(ReferenceWeights, EmptyAndNegativeSizes) {
  EXPECT_TRUE(referenceWeightValues("classifier.bias", 0).empty());
  try {
    (void)referenceWeightValues("classifier.bias", -1);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("classifier.bias"));
    EXPECT_THAT(e.what(), HasSubstr("-1"));
  }
}

TEST(ReferenceWeights, EncodingHashMatchesPython) {
  EXPECT_EQ(encodingHashHex({101, 7592, 102}, {0, 0, 0}), "acbb49fd67289341");
  EXPECT_EQ(encodingHashHex({0, 2, 2, 2}, {0, 0, 0, 0}), "9a0786ff94ae01a7");
  EXPECT_EQ(encodingHashHex({}, {}), "cbf29ce484222325");
  // ids and type ids are not interchangeable.
  EXPECT_NE(encodingHashHex({1, 0}, {0, 0}), encodingHashHex({0, 0}, {1, 0}));
}

// Every parameter of every tiny model: the C++ formula reproduces the checksum Python wrote.
class ReferenceWeightsGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(ReferenceWeightsGolden, ChecksumsMatchExpectedJson) {
  const auto path = referenceDir() / "models" / GetParam() / "expected.json";
  const std::string text = readFile(path);
  ASSERT_EQ(
      text.rfind("{\"@generated\": \"by tests/reference/make_reference.py; do not edit\",\n", 0),
      0U)
      << path;
  const auto expected = nlohmann::json::parse(text);
  std::vector<nlohmann::json> params(expected.at("parameters").begin(),
                                     expected.at("parameters").end());
  for (const auto& p : expected.at("regression").at("head_parameters")) {
    params.push_back(p);
  }
  ASSERT_GT(params.size(), 30U) << path;
  for (const auto& p : params) {
    const auto name = p.at("name").get<std::string>();
    int64_t numel = 1;
    for (const auto d : p.at("shape").get<std::vector<int64_t>>()) {
      numel *= d;
    }
    // Both sides add the same float32 values in the same order in double: exactly equal.
    EXPECT_EQ(referenceWeightChecksum(name, numel), p.at("checksum").get<double>()) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(TinyModels, ReferenceWeightsGolden,
                         ::testing::Values("tiny-bert", "tiny-roberta", "tiny-electra"));

}  // namespace
}  // namespace childtune::test
