// The metric functions of childtune/metrics.h. The formulas follow scikit-learn 1.5 and SciPy 1.13
// operation by operation where that decides the last bits (F1, MCC: same integer counts, same
// double operations in the same order), and use compensated two-pass sums for the correlations,
// which are at least as accurate as SciPy's (pairwise mean, BLAS dot).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "childtune/error.h"
#include "childtune/metrics.h"

namespace childtune::core {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void checkSizes(std::string_view metric, std::string_view aName, size_t aSize,
                std::string_view bName, size_t bSize) {
  if (aSize != bSize) {
    throw Error(ErrorCode::Data, std::string(metric) + ": " + std::string(aName) + " has " +
                                     std::to_string(aSize) + " elements but " + std::string(bName) +
                                     " has " + std::to_string(bSize) + "; they must be parallel");
  }
  if (aSize == 0) {
    throw Error(ErrorCode::Data, std::string(metric) + ": needs at least one element (" +
                                     std::string(aName) + " has 0, " + std::string(bName) +
                                     " has 0)");
  }
}

// The distinct values of a and b together, ascending (sklearn's unique_labels / LabelEncoder).
std::vector<int64_t> distinctLabels(std::span<const int64_t> a, std::span<const int64_t> b) {
  std::vector<int64_t> labels(a.begin(), a.end());
  labels.insert(labels.end(), b.begin(), b.end());
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  return labels;
}

// "0, 1, 2" (at most 10 labels, then "...").
std::string joinLabels(const std::vector<int64_t>& labels) {
  constexpr size_t kMaxShown = 10;
  std::string text;
  for (size_t i = 0; i < labels.size() && i < kMaxShown; ++i) {
    if (i > 0) {
      text += ", ";
    }
    text += std::to_string(labels[i]);
  }
  if (labels.size() > kMaxShown) {
    text += ", ...";
  }
  return text;
}

// Neumaier's compensated sum: error bounded independently of n (to first order), so the
// correlations below do not lose digits on long eval sets.
class CompensatedSum {
 public:
  void add(double value) {
    const double t = sum_ + value;
    if (std::abs(sum_) >= std::abs(value)) {
      compensation_ += (sum_ - t) + value;
    } else {
      compensation_ += (value - t) + sum_;
    }
    sum_ = t;
  }
  double value() const { return sum_ + compensation_; }

 private:
  double sum_ = 0.0;
  double compensation_ = 0.0;
};

// Two-pass mean: a first estimate, then the mean of the residuals as a correction (this makes the
// result nearly correctly rounded even when the values share a large offset).
double meanOf(std::span<const double> values) {
  const auto n = static_cast<double>(values.size());
  CompensatedSum sum;
  for (const double v : values) {
    sum.add(v);
  }
  const double first = sum.value() / n;
  CompensatedSum residual;
  for (const double v : values) {
    residual.add(v - first);
  }
  return first + residual.value() / n;
}

// Euclidean norm that cannot overflow or underflow: scaled by the largest magnitude first (what
// scipy.linalg.norm's BLAS nrm2 guarantees as well).
double scaledNorm(const std::vector<double>& values) {
  double scale = 0.0;
  for (const double v : values) {
    scale = std::max(scale, std::abs(v));
  }
  if (scale == 0.0) {
    return 0.0;
  }
  CompensatedSum sum;
  for (const double v : values) {
    const double scaled = v / scale;
    sum.add(scaled * scaled);
  }
  return scale * std::sqrt(sum.value());
}

bool isConstant(std::span<const double> values) {
  // Exact comparison, like SciPy's (x == x[0]).all(); a NaN makes the vector non-constant.
  return std::all_of(values.begin(), values.end(), [&](double v) { return v == values[0]; });
}

double signOf(double v) {
  if (std::isnan(v)) {
    return kNaN;
  }
  return v > 0.0 ? 1.0 : (v < 0.0 ? -1.0 : 0.0);
}

// Pearson's r of two finite, non-constant vectors of size >= 2, as scipy.stats.pearsonr computes
// it: r = <(x - x̄)/‖x - x̄‖, (y - ȳ)/‖y - ȳ‖>, clamped to [-1, 1].
double pearsonCore(std::span<const double> x, std::span<const double> y) {
  const double xMean = meanOf(x);
  const double yMean = meanOf(y);
  std::vector<double> xm(x.size());
  std::vector<double> ym(y.size());
  for (size_t i = 0; i < x.size(); ++i) {
    xm[i] = x[i] - xMean;
    ym[i] = y[i] - yMean;
  }
  const double xNorm = scaledNorm(xm);
  const double yNorm = scaledNorm(ym);
  if (xNorm == 0.0 || yNorm == 0.0) {
    // Unreachable for non-constant finite input (some value differs from the mean); kept so that
    // a degenerate case can never divide by zero.
    return kNaN;
  }
  CompensatedSum dot;
  for (size_t i = 0; i < xm.size(); ++i) {
    dot.add((xm[i] / xNorm) * (ym[i] / yNorm));
  }
  return std::clamp(dot.value(), -1.0, 1.0);
}

// 1-based ranks, ties sharing their average rank (scipy.stats.rankdata(method="average")).
// REQUIRES: no NaN in values.
std::vector<double> averageRanks(std::span<const double> values) {
  std::vector<size_t> order(values.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  size_t start = 0;
  while (start < order.size()) {
    size_t end = start + 1;
    while (end < order.size() && values[order[end]] == values[order[start]]) {
      ++end;
    }
    // Positions start..end-1 (0-based) hold ranks start+1..end; their mean is exact in double.
    const double rank = (static_cast<double>(start) + static_cast<double>(end) + 1.0) / 2.0;
    for (size_t k = start; k < end; ++k) {
      ranks[order[k]] = rank;
    }
    start = end;
  }
  return ranks;
}

}  // namespace

double accuracy(std::span<const int64_t> pred, std::span<const int64_t> gold) {
  checkSizes("accuracy", "pred", pred.size(), "gold", gold.size());
  size_t correct = 0;
  for (size_t i = 0; i < pred.size(); ++i) {
    if (pred[i] == gold[i]) {
      ++correct;
    }
  }
  return static_cast<double>(correct) / static_cast<double>(pred.size());
}

double f1Binary(std::span<const int64_t> pred, std::span<const int64_t> gold, int64_t positive) {
  checkSizes("f1Binary", "pred", pred.size(), "gold", gold.size());
  const std::vector<int64_t> labels = distinctLabels(pred, gold);
  if (labels.size() > 2) {
    throw Error(ErrorCode::Data,
                "f1Binary: binary F1 needs at most two distinct labels, but pred and gold hold " +
                    std::to_string(labels.size()) + " (" + joinLabels(labels) + ")",
                "use a multi-class metric (accuracy, matthews_correlation) for this task");
  }
  if (labels.size() == 2 && !std::binary_search(labels.begin(), labels.end(), positive)) {
    throw Error(ErrorCode::Data, "f1Binary: the positive label " + std::to_string(positive) +
                                     " is not one of the labels present (" + joinLabels(labels) +
                                     ")");
  }
  int64_t truePositives = 0;
  int64_t predictedPositives = 0;
  int64_t actualPositives = 0;
  for (size_t i = 0; i < pred.size(); ++i) {
    const bool p = pred[i] == positive;
    const bool g = gold[i] == positive;
    truePositives += (p && g) ? 1 : 0;
    predictedPositives += p ? 1 : 0;
    actualPositives += g ? 1 : 0;
  }
  // F1 = 2·tp / (2·tp + fp + fn) = 2·tp / (actual + predicted); zero_division=0 when the positive
  // class occurs nowhere.
  const int64_t denominator = actualPositives + predictedPositives;
  if (denominator == 0) {
    return 0.0;
  }
  return static_cast<double>(2 * truePositives) / static_cast<double>(denominator);
}

double matthewsCorrelation(std::span<const int64_t> pred, std::span<const int64_t> gold) {
  checkSizes("matthewsCorrelation", "pred", pred.size(), "gold", gold.size());
  // Only the confusion matrix's row sums (t), column sums (p) and trace enter the K-class MCC:
  //   cov(y,ŷ) = correct·n − t·p,  cov(ŷ,ŷ) = n² − p·p,  cov(y,y) = n² − t·t.
  const std::vector<int64_t> labels = distinctLabels(pred, gold);
  auto indexOf = [&](int64_t label) {
    return static_cast<size_t>(std::lower_bound(labels.begin(), labels.end(), label) -
                               labels.begin());
  };
  std::vector<int64_t> trueCounts(labels.size(), 0);
  std::vector<int64_t> predCounts(labels.size(), 0);
  int64_t correct = 0;
  for (size_t i = 0; i < pred.size(); ++i) {
    ++trueCounts[indexOf(gold[i])];
    ++predCounts[indexOf(pred[i])];
    correct += pred[i] == gold[i] ? 1 : 0;
  }
  // The same double operations, in the same order, as sklearn (exact while n² < 2^53).
  double tDotP = 0.0;
  double pDotP = 0.0;
  double tDotT = 0.0;
  for (size_t k = 0; k < labels.size(); ++k) {
    const auto t = static_cast<double>(trueCounts[k]);
    const auto p = static_cast<double>(predCounts[k]);
    tDotP += t * p;
    pDotP += p * p;
    tDotT += t * t;
  }
  const auto n = static_cast<double>(pred.size());
  const double covTruePred = static_cast<double>(correct) * n - tDotP;
  const double covPredPred = n * n - pDotP;
  const double covTrueTrue = n * n - tDotT;
  if (covPredPred * covTrueTrue == 0.0) {
    return 0.0;
  }
  return covTruePred / std::sqrt(covTrueTrue * covPredPred);
}

double pearson(std::span<const double> x, std::span<const double> y) {
  checkSizes("pearson", "x", x.size(), "y", y.size());
  if (x.size() < 2 || isConstant(x) || isConstant(y)) {
    return kNaN;
  }
  if (x.size() == 2) {
    // SciPy's exact answer for two points (the general formula would round to ±0.9999...).
    return signOf(x[1] - x[0]) * signOf(y[1] - y[0]);
  }
  const auto finite = [](double v) { return std::isfinite(v); };
  if (!std::all_of(x.begin(), x.end(), finite) || !std::all_of(y.begin(), y.end(), finite)) {
    return kNaN;
  }
  return pearsonCore(x, y);
}

double spearman(std::span<const double> x, std::span<const double> y) {
  checkSizes("spearman", "x", x.size(), "y", y.size());
  const auto isNan = [](double v) { return std::isnan(v); };
  if (x.size() < 2 || std::any_of(x.begin(), x.end(), isNan) ||
      std::any_of(y.begin(), y.end(), isNan) || isConstant(x) || isConstant(y)) {
    return kNaN;
  }
  const std::vector<double> xRanks = averageRanks(x);
  const std::vector<double> yRanks = averageRanks(y);
  return pearsonCore(xRanks, yRanks);
}

}  // namespace childtune::core
