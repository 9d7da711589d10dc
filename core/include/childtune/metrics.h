#pragma once
// GLUE evaluation metrics, torch-free. Every function matches the Python reference that GLUE
// results are reported with (scikit-learn 1.5 / SciPy 1.13, as used by Hugging Face's run_glue):
// tests/reference/make_metric_reference.py records their values and tests/core/metrics_test.cpp
// requires agreement to 1e-12.
//
// Inputs are parallel spans: element i of `pred` is the prediction for the example whose gold
// label is element i of `gold`. Every function throws childtune::Error{Data} naming both sizes
// when the spans differ in size or are empty. All accumulation is in double; counts are exact.
// Thread-safe: the functions are pure.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace childtune::core {

// Fraction of positions where pred == gold (sklearn.metrics.accuracy_score).
double accuracy(std::span<const int64_t> pred, std::span<const int64_t> gold);

// F1 of the class `positive`, 2·tp / (2·tp + fp + fn) (sklearn.metrics.f1_score with
// average="binary", pos_label=positive, zero_division=0): returns 0 when `positive` occurs in
// neither pred nor gold. Like sklearn, throws Error{Data} when pred and gold together hold more
// than two distinct labels ("multiclass"), or exactly two of which none is `positive`.
double f1Binary(std::span<const int64_t> pred, std::span<const int64_t> gold, int64_t positive = 1);

// Matthews correlation coefficient, the multi-class (Gorodkin R_K) form for any number of
// distinct labels (sklearn.metrics.matthews_corrcoef). Returns 0 when it is undefined, i.e. when
// pred or gold holds a single label.
double matthewsCorrelation(std::span<const int64_t> pred, std::span<const int64_t> gold);

// Pearson's r (scipy.stats.pearsonr(x, y).statistic), two-pass: means first, then centred sums
// (compensated, scaled against overflow), clamped to [-1, 1]. Returns NaN when x or y is
// constant, i.e. all elements compare equal (SciPy returns nan with a ConstantInputWarning).
// Deviations, where SciPy raises ValueError instead: a single element gives NaN (consistent with
// spearmanr), and a NaN or ±inf element gives NaN when n > 2 (with n == 2 the result is
// sign(Δx)·sign(Δy) for any input, as in SciPy).
double pearson(std::span<const double> x, std::span<const double> y);

// Spearman's rho (scipy.stats.spearmanr(x, y).statistic): Pearson's r of the ranks, ties
// getting their average rank (scipy.stats.rankdata(method="average")). Returns NaN for a single
// element, a constant x or y, or any NaN element (SciPy's nan_policy="propagate"). ±inf ranks
// like any other value. Deviation: SciPy detects NaN as np.isnan(np.sum([x, y])), so it also
// returns NaN when +inf and -inf both occur anywhere in x and y; this function ranks them.
double spearman(std::span<const double> x, std::span<const double> y);

// The metrics a GLUE task reports (CoLA: MatthewsCorrelation; MRPC/QQP: F1 and Accuracy; STS-B:
// Pearson and Spearman; the others: Accuracy).
enum class MetricKind { Accuracy, F1, MatthewsCorrelation, Pearson, Spearman };

// "accuracy", "f1", "matthews_correlation", "pearson", "spearman" (the names run_glue reports,
// except that it calls Spearman's rho "spearmanr").
std::string_view toString(MetricKind kind);

// The inverse of toString. Throws Error{Config} naming `name` and the valid names.
MetricKind metricKindFromString(std::string_view name);

// True for the metrics over class ids (Accuracy, F1, MatthewsCorrelation).
bool isClassificationMetric(MetricKind kind);

struct MetricValue {
  std::string name;  // toString(kind)
  double value = 0.0;
};

struct MetricReport {
  std::vector<MetricValue> values;  // in the order the kinds were requested
  // run_glue's combined score: the mean of `values` (the single value when there is one). NaN
  // when any value is NaN.
  double combined = 0.0;
};

// Evaluates `kinds` over class-id predictions. F1 uses positive class 1. Pearson/Spearman are
// computed on the ids converted to double. Throws Error{Config} when `kinds` is empty or names a
// metric twice, Error{Data} as the metric functions do.
MetricReport computeMetrics(std::span<const MetricKind> kinds, std::span<const int64_t> pred,
                            std::span<const int64_t> gold);

// Evaluates `kinds` over regression scores (STS-B). Throws Error{Config} when `kinds` is empty,
// names a metric twice or names a classification metric; Error{Data} as pearson/spearman do.
MetricReport computeMetrics(std::span<const MetricKind> kinds, std::span<const double> pred,
                            std::span<const double> gold);

}  // namespace childtune::core
