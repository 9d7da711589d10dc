// Tests for childtune/metrics.h: every value in tests/reference/metrics_expected.json (written by
// make_metric_reference.py from scikit-learn 1.5 / SciPy 1.13) must be reproduced to 1e-12, plus
// hand-computed small cases, numerically hard inputs and every error message.

#include "childtune/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "childtune/error.h"
#include "support/test_env.h"

namespace childtune::core {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr double kTolerance = 1e-12;  // absolute; every metric lies in [-1, 1]
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Runs `fn`, requires a childtune::Error with `code`, returns its full what() text.
std::string errorText(const std::function<void()>& fn, ErrorCode code) {
  try {
    fn();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), code) << error.what();
    return error.what();
  }
  ADD_FAILURE() << "expected childtune::Error, nothing was thrown";
  return {};
}

// ---------------------------------------------------------------------------------------------
// Against scikit-learn / SciPy

// A float from the reference file: a number, or "nan" / "inf" / "-inf".
double referenceFloat(const json& value) {
  if (value.is_number()) {
    return value.get<double>();
  }
  const auto text = value.get<std::string>();
  if (text == "nan") {
    return kNaN;
  }
  if (text == "inf") {
    return kInf;
  }
  if (text == "-inf") {
    return -kInf;
  }
  ADD_FAILURE() << "unexpected float text in metrics_expected.json: " << text;
  return 0.0;
}

std::vector<double> referenceFloats(const json& values) {
  std::vector<double> out;
  for (const json& value : values) {
    out.push_back(referenceFloat(value));
  }
  return out;
}

void expectMatches(double actual, const json& expectedJson, const std::string& what) {
  const double expected = referenceFloat(expectedJson);
  if (std::isnan(expected)) {
    EXPECT_TRUE(std::isnan(actual)) << what << ": expected NaN, got " << actual;
    return;
  }
  ASSERT_LE(std::abs(expected), 1.0) << what;
  EXPECT_NEAR(actual, expected, kTolerance) << what;
}

class MetricsReference : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string text = test::readFile(test::referenceDir() / "metrics_expected.json");
    ASSERT_EQ(text.rfind("{\"@generated\": \"by tests/reference/make_metric_reference.py; do not "
                         "edit\",\n",
                         0),
              0u)
        << "metrics_expected.json lacks its @generated first line";
    reference_ = new json(json::parse(text));
  }
  static void TearDownTestSuite() {
    delete reference_;
    reference_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(reference_, nullptr) << "metrics_expected.json could not be loaded";
  }
  static const json& reference() { return *reference_; }

 private:
  static json* reference_;
};

json* MetricsReference::reference_ = nullptr;

TEST_F(MetricsReference, CoversTheRequiredShapes) {
  ASSERT_GE(reference()["classification"].size(), 30u);
  ASSERT_GE(reference()["regression"].size(), 25u);
  size_t maxSize = 0;
  size_t minSize = std::numeric_limits<size_t>::max();
  size_t f1Errors = 0;
  size_t nanCases = 0;
  for (const json& c : reference()["classification"]) {
    maxSize = std::max(maxSize, c["pred"].size());
    minSize = std::min(minSize, c["pred"].size());
    f1Errors += c.contains("f1_error") ? 1 : 0;
  }
  for (const json& c : reference()["regression"]) {
    nanCases += c["pearson"] == "nan" ? 1 : 0;
  }
  EXPECT_EQ(minSize, 1u);
  EXPECT_EQ(maxSize, 2000u);
  EXPECT_GE(f1Errors, 5u);
  EXPECT_GE(nanCases, 5u);
}

TEST_F(MetricsReference, ClassificationMatchesScikitLearn) {
  for (const json& c : reference()["classification"]) {
    const auto name = c["name"].get<std::string>();
    SCOPED_TRACE(name);
    const auto pred = c["pred"].get<std::vector<int64_t>>();
    const auto gold = c["gold"].get<std::vector<int64_t>>();
    const auto positive = c["positive"].get<int64_t>();
    expectMatches(accuracy(pred, gold), c["accuracy"], "accuracy");
    expectMatches(matthewsCorrelation(pred, gold), c["matthews_correlation"],
                  "matthews_correlation");
    const std::vector<MetricKind> mcc = {MetricKind::MatthewsCorrelation};
    expectMatches(computeMetrics(mcc, pred, gold).combined, c["matthews_correlation"],
                  "computeMetrics(mcc).combined");
    if (c.contains("f1_error")) {
      ASSERT_FALSE(c.contains("f1"));
      const std::string text = errorText([&] { f1Binary(pred, gold, positive); }, ErrorCode::Data);
      if (c["f1_error"] == "multiclass") {
        EXPECT_THAT(text, HasSubstr("at most two distinct labels"));
      } else {
        ASSERT_EQ(c["f1_error"], "pos_label_absent");
        EXPECT_THAT(text, HasSubstr("positive label " + std::to_string(positive) +
                                    " is not one of the labels present"));
      }
      continue;
    }
    expectMatches(f1Binary(pred, gold, positive), c["f1"], "f1");
    if (positive == 1) {
      // MRPC/QQP order: accuracy then F1, combined = their mean.
      const std::vector<MetricKind> kinds = {MetricKind::Accuracy, MetricKind::F1};
      const MetricReport report = computeMetrics(kinds, pred, gold);
      ASSERT_EQ(report.values.size(), 2u);
      EXPECT_EQ(report.values[0].name, "accuracy");
      EXPECT_EQ(report.values[1].name, "f1");
      expectMatches(report.values[0].value, c["accuracy"], "report accuracy");
      expectMatches(report.values[1].value, c["f1"], "report f1");
      expectMatches(report.combined, c["combined"], "combined");
    }
  }
}

TEST_F(MetricsReference, RegressionMatchesSciPy) {
  for (const json& c : reference()["regression"]) {
    const auto name = c["name"].get<std::string>();
    SCOPED_TRACE(name);
    const std::vector<double> x = referenceFloats(c["x"]);
    const std::vector<double> y = referenceFloats(c["y"]);
    expectMatches(pearson(x, y), c["pearson"], "pearson");
    expectMatches(spearman(x, y), c["spearman"], "spearman");
    // STS-B: computeMetrics over (predictions = x, labels = y).
    const std::vector<MetricKind> kinds = {MetricKind::Pearson, MetricKind::Spearman};
    const MetricReport report = computeMetrics(kinds, x, y);
    ASSERT_EQ(report.values.size(), 2u);
    EXPECT_EQ(report.values[0].name, "pearson");
    EXPECT_EQ(report.values[1].name, "spearman");
    expectMatches(report.values[0].value, c["pearson"], "report pearson");
    expectMatches(report.values[1].value, c["spearman"], "report spearman");
    expectMatches(report.combined, c["combined"], "combined");
  }
}

// ---------------------------------------------------------------------------------------------
// Hand-computed small cases

TEST(Accuracy, CountsMatchingPositions) {
  const std::vector<int64_t> pred = {1, 0, 1, 1, 2};
  const std::vector<int64_t> gold = {1, 1, 1, 0, 2};
  EXPECT_DOUBLE_EQ(accuracy(pred, gold), 3.0 / 5.0);
  EXPECT_EQ(accuracy(gold, gold), 1.0);
}

TEST(F1Binary, IsTwoTruePositivesOverPredictedPlusActual) {
  // tp = 2, fp = 1, fn = 1: precision = recall = 2/3, F1 = 2/3.
  const std::vector<int64_t> pred = {1, 1, 1, 0, 0};
  const std::vector<int64_t> gold = {1, 1, 0, 1, 0};
  EXPECT_EQ(f1Binary(pred, gold), 4.0 / 6.0);
  // With 0 as the positive class: tp = 1, fp = 1, fn = 1.
  EXPECT_EQ(f1Binary(pred, gold, 0), 2.0 / 4.0);
}

TEST(F1Binary, ZeroDivisionGivesZero) {
  const std::vector<int64_t> zeros = {0, 0, 0};
  const std::vector<int64_t> mixed = {0, 1, 0};
  EXPECT_EQ(f1Binary(zeros, zeros), 0.0);  // positive class absent everywhere
  EXPECT_EQ(f1Binary(zeros, mixed), 0.0);  // nothing predicted positive
  EXPECT_EQ(f1Binary(mixed, zeros), 0.0);  // nothing actually positive
  const std::vector<int64_t> ones = {1, 1};
  EXPECT_EQ(f1Binary(ones, ones), 1.0);
}

TEST(F1Binary, ArbitraryLabelValues) {
  const std::vector<int64_t> pred = {-1, 1, 1, -1};
  const std::vector<int64_t> gold = {-1, 1, -1, -1};
  EXPECT_EQ(f1Binary(pred, gold, 1), 2.0 / 3.0);
  EXPECT_EQ(f1Binary(pred, gold, -1), 4.0 / 5.0);
}

TEST(F1Binary, MultiClassInputIsRejected) {
  const std::vector<int64_t> pred = {0, 1, 2, 1};
  const std::vector<int64_t> gold = {0, 1, 1, 1};
  const std::string text = errorText([&] { f1Binary(pred, gold); }, ErrorCode::Data);
  EXPECT_THAT(text, HasSubstr("f1Binary"));
  EXPECT_THAT(text, HasSubstr("hold 3 (0, 1, 2)"));
  EXPECT_THAT(text, HasSubstr("matthews_correlation"));  // the hint

  std::vector<int64_t> many;
  for (int64_t label = 0; label < 12; ++label) {
    many.push_back(label * 10);
  }
  const std::string manyText = errorText([&] { f1Binary(many, many); }, ErrorCode::Data);
  EXPECT_THAT(manyText, HasSubstr("hold 12 (0, 10, 20, 30, 40, 50, 60, 70, 80, 90, ...)"));
  EXPECT_THAT(manyText, Not(HasSubstr("100")));
}

TEST(F1Binary, AbsentPositiveAmongTwoLabelsIsRejected) {
  const std::vector<int64_t> pred = {0, 2, 2};
  const std::vector<int64_t> gold = {2, 0, 2};
  const std::string text = errorText([&] { f1Binary(pred, gold); }, ErrorCode::Data);
  EXPECT_THAT(text, HasSubstr("positive label 1 is not one of the labels present (0, 2)"));
  EXPECT_EQ(f1Binary(pred, gold, 2), 2.0 / 4.0);
}

TEST(MatthewsCorrelation, BinaryTextbookFormula) {
  // TP = 3, TN = 2, FP = 1, FN = 1: (TP·TN − FP·FN) / sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN)) = 5/12.
  const std::vector<int64_t> pred = {1, 1, 1, 0, 0, 1, 0};
  const std::vector<int64_t> gold = {1, 1, 1, 0, 0, 0, 1};
  EXPECT_NEAR(matthewsCorrelation(pred, gold), 5.0 / 12.0, 1e-15);
}

// Gorodkin's R_K written from the full K×K confusion matrix, independently of the implementation
// (which needs only row sums, column sums and the trace).
double gorodkin(const std::vector<int64_t>& pred, const std::vector<int64_t>& gold, int64_t k) {
  std::vector<std::vector<double>> c(k, std::vector<double>(k, 0.0));
  for (size_t i = 0; i < pred.size(); ++i) {
    c[gold[i]][pred[i]] += 1.0;
  }
  double numerator = 0.0;
  for (int64_t a = 0; a < k; ++a) {
    for (int64_t b = 0; b < k; ++b) {
      for (int64_t m = 0; m < k; ++m) {
        numerator += c[a][a] * c[b][m] - c[a][b] * c[m][a];
      }
    }
  }
  double rows = 0.0;
  double cols = 0.0;
  for (int64_t a = 0; a < k; ++a) {
    double rowA = 0.0;
    double rowRest = 0.0;
    double colA = 0.0;
    double colRest = 0.0;
    for (int64_t b = 0; b < k; ++b) {
      rowA += c[a][b];
      colA += c[b][a];
      for (int64_t other = 0; other < k; ++other) {
        if (other != a) {
          rowRest += c[other][b];
          colRest += c[b][other];
        }
      }
    }
    rows += rowA * rowRest;
    cols += colA * colRest;
  }
  return numerator / std::sqrt(rows * cols);
}

TEST(MatthewsCorrelation, MultiClassAgreesWithGorodkinsTripleSum) {
  std::vector<int64_t> pred;
  std::vector<int64_t> gold;
  uint64_t state = 12345;
  for (int i = 0; i < 97; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto g = static_cast<int64_t>((state >> 33) % 4);
    const auto noise = static_cast<int64_t>((state >> 20) % 7);
    gold.push_back(g);
    pred.push_back(noise < 4 ? g : noise - 3);  // about 4/7 correct, errors into 1..3
  }
  EXPECT_NEAR(matthewsCorrelation(pred, gold), gorodkin(pred, gold, 4), 1e-14);
}

TEST(MatthewsCorrelation, PerfectInvertedAndUndefined) {
  const std::vector<int64_t> gold = {0, 1, 1, 0, 1};
  const std::vector<int64_t> inverted = {1, 0, 0, 1, 0};
  EXPECT_EQ(matthewsCorrelation(gold, gold), 1.0);
  EXPECT_EQ(matthewsCorrelation(inverted, gold), -1.0);
  const std::vector<int64_t> ones = {1, 1, 1, 1, 1};
  EXPECT_EQ(matthewsCorrelation(ones, gold), 0.0);  // a constant predictor
  EXPECT_EQ(matthewsCorrelation(gold, ones), 0.0);
  EXPECT_EQ(matthewsCorrelation(ones, ones), 0.0);
  // Label values are only names: shifting them changes nothing.
  const std::vector<int64_t> shiftedGold = {-7, 40, 40, -7, 40};
  const std::vector<int64_t> pred = {0, 1, 0, 0, 1};
  const std::vector<int64_t> shiftedPred = {-7, 40, -7, -7, 40};
  EXPECT_EQ(matthewsCorrelation(shiftedPred, shiftedGold), matthewsCorrelation(pred, gold));
}

TEST(Pearson, SmallExactCases) {
  const std::vector<double> x = {1, 2, 3, 4};
  const std::vector<double> y = {1, 3, 2, 4};
  EXPECT_NEAR(pearson(x, y), 0.8, 1e-15);
  const std::vector<double> line = {-3, -1, 1, 3};
  EXPECT_NEAR(pearson(x, line), 1.0, 1e-15);
  EXPECT_LE(pearson(x, line), 1.0);  // clamped: never 1.0000000000000002
  const std::vector<double> down = {3, 1, -1, -3};
  EXPECT_NEAR(pearson(x, down), -1.0, 1e-15);
  EXPECT_GE(pearson(x, down), -1.0);
}

TEST(Pearson, TwoPointsGiveTheExactSign) {
  const std::vector<double> x = {0.1, 0.3};
  const std::vector<double> up = {5.0, 7.5};
  const std::vector<double> down = {7.5, 5.0};
  EXPECT_EQ(pearson(x, up), 1.0);
  EXPECT_EQ(pearson(x, down), -1.0);
}

TEST(Pearson, SurvivesLargeOffsetsAndExtremeScales) {
  // A one-pass formula (n·Σxy − Σx·Σy) loses every digit with a 1e12 offset; two passes do not.
  const std::vector<double> y = {1, 3, 2, 4};
  const std::vector<double> offset = {1e12 + 1, 1e12 + 2, 1e12 + 3, 1e12 + 4};
  EXPECT_NEAR(pearson(offset, y), 0.8, 1e-15);
  // Squares of 1e200 overflow and squares of 1e-200 underflow; the scaled norms do not.
  const std::vector<double> huge = {1e200, 2e200, 3e200, 4e200};
  const std::vector<double> tiny = {1e-200, 3e-200, 2e-200, 4e-200};
  EXPECT_NEAR(pearson(huge, y), 0.8, 1e-15);
  EXPECT_NEAR(pearson(y, tiny), 1.0, 1e-15);
  EXPECT_NEAR(pearson(huge, tiny), 0.8, 1e-15);
}

TEST(Pearson, UndefinedCasesAreNaN) {
  const std::vector<double> constant = {2.5, 2.5, 2.5};
  const std::vector<double> y = {1, 2, 3};
  EXPECT_TRUE(std::isnan(pearson(constant, y)));
  EXPECT_TRUE(std::isnan(pearson(y, constant)));
  const std::vector<double> one = {4.0};
  EXPECT_TRUE(std::isnan(pearson(one, one)));
  const std::vector<double> withNan = {1, kNaN, 3};
  const std::vector<double> withInf = {1, kInf, 3};
  EXPECT_TRUE(std::isnan(pearson(withNan, y)));
  EXPECT_TRUE(std::isnan(pearson(y, withInf)));
  const std::vector<double> twoNan = {kNaN, 1.0};
  const std::vector<double> two = {1.0, 2.0};
  EXPECT_TRUE(std::isnan(pearson(twoNan, two)));
  const std::vector<double> twoInf = {0.0, kInf};
  EXPECT_EQ(pearson(twoInf, two), 1.0);  // SciPy: sign(inf - 0) · sign(2 - 1)
  const std::vector<double> zeros = {0.0, -0.0, 0.0};
  EXPECT_TRUE(std::isnan(pearson(zeros, y)));  // -0.0 == 0.0: constant
}

TEST(Spearman, AverageRanksForTies) {
  // Ranks of x: 1, 2.5, 2.5, 4; r = 4.5 / sqrt(4.5 · 5) = sqrt(0.9).
  const std::vector<double> x = {1, 2, 2, 3};
  const std::vector<double> y = {1, 2, 3, 4};
  EXPECT_NEAR(spearman(x, y), std::sqrt(0.9), 1e-15);
  // Equivalent: Pearson's r of the hand-written ranks.
  const std::vector<double> ranks = {1, 2.5, 2.5, 4};
  EXPECT_NEAR(spearman(x, y), pearson(ranks, y), 1e-15);
}

TEST(Spearman, MonotoneTransformsDoNotMatter) {
  const std::vector<double> x = {0.3, -1.2, 2.5, 0.0, 7.0, 1.1};
  std::vector<double> expX;
  expX.reserve(x.size());
  for (const double v : x) {
    expX.push_back(std::exp(3.0 * v));
  }
  EXPECT_NEAR(spearman(x, expX), 1.0, 1e-15);
  EXPECT_LT(pearson(x, expX), 0.99);
  std::vector<double> negated;
  negated.reserve(x.size());
  for (const double v : x) {
    negated.push_back(-v);
  }
  EXPECT_NEAR(spearman(x, negated), -1.0, 1e-15);
}

TEST(Spearman, NonFiniteInput) {
  const std::vector<double> y = {1, 2, 3};
  const std::vector<double> withNan = {1, kNaN, 3};
  EXPECT_TRUE(std::isnan(spearman(withNan, y)));
  EXPECT_TRUE(std::isnan(spearman(y, withNan)));
  // ±inf are ordinary extreme values for ranking (SciPy would say NaN when both signs occur).
  const std::vector<double> infinities = {-kInf, 0.0, kInf};
  EXPECT_NEAR(spearman(infinities, y), 1.0, 1e-15);
  const std::vector<double> one = {4.0};
  EXPECT_TRUE(std::isnan(spearman(one, one)));
  const std::vector<double> constant = {1, 1, 1};
  EXPECT_TRUE(std::isnan(spearman(constant, y)));
}

// ---------------------------------------------------------------------------------------------
// Size errors

TEST(MetricErrors, SizeMismatchNamesBothSizes) {
  const std::vector<int64_t> three = {0, 1, 1};
  const std::vector<int64_t> four = {0, 1, 1, 0};
  for (const auto& [name, fn] : std::vector<std::pair<std::string, std::function<void()>>>{
           {"accuracy", [&] { accuracy(three, four); }},
           {"f1Binary", [&] { f1Binary(three, four); }},
           {"matthewsCorrelation", [&] { matthewsCorrelation(three, four); }}}) {
    SCOPED_TRACE(name);
    const std::string text = errorText(fn, ErrorCode::Data);
    EXPECT_THAT(text, HasSubstr(name + ": pred has 3 elements but gold has 4"));
  }
  const std::vector<double> x = {1, 2, 3, 4, 5};
  const std::vector<double> y = {1, 2};
  EXPECT_THAT(errorText([&] { pearson(x, y); }, ErrorCode::Data),
              HasSubstr("pearson: x has 5 elements but y has 2"));
  EXPECT_THAT(errorText([&] { spearman(y, x); }, ErrorCode::Data),
              HasSubstr("spearman: x has 2 elements but y has 5"));
}

TEST(MetricErrors, EmptyInputIsRejected) {
  const std::vector<int64_t> none;
  const std::vector<double> noScores;
  EXPECT_THAT(errorText([&] { accuracy(none, none); }, ErrorCode::Data),
              HasSubstr("accuracy: needs at least one element (pred has 0, gold has 0)"));
  EXPECT_THAT(errorText([&] { f1Binary(none, none); }, ErrorCode::Data),
              HasSubstr("f1Binary: needs at least one element"));
  EXPECT_THAT(errorText([&] { matthewsCorrelation(none, none); }, ErrorCode::Data),
              HasSubstr("matthewsCorrelation: needs at least one element"));
  EXPECT_THAT(errorText([&] { pearson(noScores, noScores); }, ErrorCode::Data),
              HasSubstr("pearson: needs at least one element (x has 0, y has 0)"));
  EXPECT_THAT(errorText([&] { spearman(noScores, noScores); }, ErrorCode::Data),
              HasSubstr("spearman: needs at least one element (x has 0, y has 0)"));
}

// ---------------------------------------------------------------------------------------------
// MetricKind and computeMetrics

TEST(MetricKindNames, RoundTrip) {
  const std::vector<std::pair<MetricKind, std::string>> expected = {
      {MetricKind::Accuracy, "accuracy"},
      {MetricKind::F1, "f1"},
      {MetricKind::MatthewsCorrelation, "matthews_correlation"},
      {MetricKind::Pearson, "pearson"},
      {MetricKind::Spearman, "spearman"}};
  for (const auto& [kind, name] : expected) {
    EXPECT_EQ(toString(kind), name);
    EXPECT_EQ(metricKindFromString(name), kind);
  }
  EXPECT_TRUE(isClassificationMetric(MetricKind::Accuracy));
  EXPECT_TRUE(isClassificationMetric(MetricKind::F1));
  EXPECT_TRUE(isClassificationMetric(MetricKind::MatthewsCorrelation));
  EXPECT_FALSE(isClassificationMetric(MetricKind::Pearson));
  EXPECT_FALSE(isClassificationMetric(MetricKind::Spearman));
}

TEST(MetricKindNames, UnknownNameIsAConfigError) {
  const std::string text = errorText([] { metricKindFromString("spearmanr"); }, ErrorCode::Config);
  EXPECT_THAT(text, HasSubstr("unknown metric 'spearmanr'"));
  EXPECT_THAT(text, HasSubstr("accuracy, f1, matthews_correlation, pearson, spearman"));
}

TEST(ComputeMetrics, KeepsRequestOrderAndAveragesTwo) {
  const std::vector<int64_t> pred = {1, 1, 1, 0, 0};
  const std::vector<int64_t> gold = {1, 1, 0, 1, 0};
  const std::vector<MetricKind> kinds = {MetricKind::F1, MetricKind::Accuracy};
  const MetricReport report = computeMetrics(kinds, pred, gold);
  ASSERT_EQ(report.values.size(), 2u);
  EXPECT_EQ(report.values[0].name, "f1");
  EXPECT_EQ(report.values[0].value, 4.0 / 6.0);
  EXPECT_EQ(report.values[1].name, "accuracy");
  EXPECT_EQ(report.values[1].value, 3.0 / 5.0);
  EXPECT_EQ(report.combined, (4.0 / 6.0 + 3.0 / 5.0) / 2.0);
}

TEST(ComputeMetrics, SingleMetricIsTheCombinedScore) {
  const std::vector<int64_t> pred = {0, 1, 2, 2, 1};
  const std::vector<int64_t> gold = {0, 1, 2, 1, 1};
  const std::vector<MetricKind> accuracyOnly = {MetricKind::Accuracy};
  const MetricReport report = computeMetrics(accuracyOnly, pred, gold);
  ASSERT_EQ(report.values.size(), 1u);
  EXPECT_EQ(report.values[0].name, "accuracy");
  EXPECT_EQ(report.combined, 0.8);
  const std::vector<MetricKind> mcc = {MetricKind::MatthewsCorrelation};
  EXPECT_EQ(computeMetrics(mcc, pred, gold).combined, matthewsCorrelation(pred, gold));
}

TEST(ComputeMetrics, CorrelationsOverClassIds) {
  const std::vector<int64_t> pred = {0, 1, 2, 2, 1};
  const std::vector<int64_t> gold = {0, 1, 2, 1, 1};
  const std::vector<MetricKind> kinds = {MetricKind::Accuracy, MetricKind::Pearson,
                                         MetricKind::Spearman};
  const MetricReport report = computeMetrics(kinds, pred, gold);
  ASSERT_EQ(report.values.size(), 3u);
  const std::vector<double> x = {0, 1, 2, 2, 1};
  const std::vector<double> y = {0, 1, 2, 1, 1};
  EXPECT_EQ(report.values[1].value, pearson(x, y));
  EXPECT_EQ(report.values[2].value, spearman(x, y));
  EXPECT_NEAR(report.combined, (0.8 + pearson(x, y) + spearman(x, y)) / 3.0, 1e-15);
}

TEST(ComputeMetrics, RegressionNaNPropagatesToCombined) {
  const std::vector<double> pred = {1.0, 1.0, 1.0};
  const std::vector<double> gold = {1.0, 2.5, 4.0};
  const std::vector<MetricKind> kinds = {MetricKind::Pearson, MetricKind::Spearman};
  const MetricReport report = computeMetrics(kinds, pred, gold);
  ASSERT_EQ(report.values.size(), 2u);
  EXPECT_TRUE(std::isnan(report.values[0].value));
  EXPECT_TRUE(std::isnan(report.values[1].value));
  EXPECT_TRUE(std::isnan(report.combined));
}

TEST(ComputeMetrics, BadRequestsAreConfigErrors) {
  const std::vector<int64_t> ids = {0, 1};
  const std::vector<double> scores = {0.5, 1.5};
  const std::vector<MetricKind> none;
  EXPECT_THAT(errorText([&] { computeMetrics(none, ids, ids); }, ErrorCode::Config),
              HasSubstr("no metric requested"));
  EXPECT_THAT(errorText([&] { computeMetrics(none, scores, scores); }, ErrorCode::Config),
              HasSubstr("no metric requested"));
  const std::vector<MetricKind> twice = {MetricKind::F1, MetricKind::Accuracy, MetricKind::F1};
  EXPECT_THAT(errorText([&] { computeMetrics(twice, ids, ids); }, ErrorCode::Config),
              HasSubstr("metric 'f1' is requested twice"));
  const std::vector<MetricKind> classOnScores = {MetricKind::Pearson, MetricKind::F1};
  const std::string text =
      errorText([&] { computeMetrics(classOnScores, scores, scores); }, ErrorCode::Config);
  EXPECT_THAT(text, HasSubstr("metric 'f1' needs class ids"));
  EXPECT_THAT(text, HasSubstr("regression scores"));
}

TEST(ComputeMetrics, SizeErrorsNamePredictionsAndLabels) {
  const std::vector<int64_t> threeIds = {0, 1, 1};
  const std::vector<int64_t> fourIds = {0, 1, 1, 0};
  const std::vector<double> threeScores = {0.0, 1.0, 1.0};
  const std::vector<double> fourScores = {0.0, 1.0, 1.0, 0.0};
  const std::vector<int64_t> noIds;
  const std::vector<double> noScores;
  const std::vector<MetricKind> acc = {MetricKind::Accuracy};
  const std::vector<MetricKind> corr = {MetricKind::Spearman};
  EXPECT_THAT(errorText([&] { computeMetrics(acc, threeIds, fourIds); }, ErrorCode::Data),
              HasSubstr("3 predictions but 4 labels"));
  EXPECT_THAT(errorText([&] { computeMetrics(corr, fourScores, threeScores); }, ErrorCode::Data),
              HasSubstr("4 predictions but 3 labels"));
  EXPECT_THAT(errorText([&] { computeMetrics(acc, noIds, noIds); }, ErrorCode::Data),
              HasSubstr("no examples to evaluate (0 predictions, 0 labels)"));
  EXPECT_THAT(errorText([&] { computeMetrics(corr, noScores, noScores); }, ErrorCode::Data),
              HasSubstr("no examples to evaluate"));
}

}  // namespace
}  // namespace childtune::core
