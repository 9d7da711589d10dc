// MetricKind names and the per-task evaluation helper (run_glue's compute_metrics and
// combined_score).

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "childtune/error.h"
#include "childtune/metrics.h"

namespace childtune::core {
namespace {

constexpr std::array kAllKinds = {MetricKind::Accuracy, MetricKind::F1,
                                  MetricKind::MatthewsCorrelation, MetricKind::Pearson,
                                  MetricKind::Spearman};

std::string validNames() {
  std::string text;
  for (const MetricKind kind : kAllKinds) {
    if (!text.empty()) {
      text += ", ";
    }
    text += toString(kind);
  }
  return text;
}

void checkKinds(std::span<const MetricKind> kinds) {
  if (kinds.empty()) {
    throw Error(ErrorCode::Config,
                "computeMetrics: no metric requested; expected one or more of " + validNames());
  }
  for (size_t i = 0; i < kinds.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (kinds[i] == kinds[j]) {
        throw Error(
            ErrorCode::Config,
            "computeMetrics: metric '" + std::string(toString(kinds[i])) + "' is requested twice");
      }
    }
  }
}

void checkPredictionSizes(size_t predSize, size_t goldSize) {
  if (predSize != goldSize) {
    throw Error(ErrorCode::Data, "computeMetrics: " + std::to_string(predSize) +
                                     " predictions but " + std::to_string(goldSize) +
                                     " labels; they must be parallel");
  }
  if (predSize == 0) {
    throw Error(ErrorCode::Data,
                "computeMetrics: no examples to evaluate (0 predictions, 0 labels)");
  }
}

MetricReport finish(std::vector<MetricValue> values) {
  MetricReport report;
  // run_glue: np.mean(list(result.values())) when there is more than one metric. Summed in
  // request order, divided once, like numpy for the one or two values GLUE tasks have.
  double sum = 0.0;
  for (const MetricValue& value : values) {
    sum += value.value;
  }
  report.combined = sum / static_cast<double>(values.size());
  report.values = std::move(values);
  return report;
}

}  // namespace

std::string_view toString(MetricKind kind) {
  switch (kind) {
    case MetricKind::Accuracy:
      return "accuracy";
    case MetricKind::F1:
      return "f1";
    case MetricKind::MatthewsCorrelation:
      return "matthews_correlation";
    case MetricKind::Pearson:
      return "pearson";
    case MetricKind::Spearman:
      return "spearman";
  }
  return "unknown";
}

MetricKind metricKindFromString(std::string_view name) {
  for (const MetricKind kind : kAllKinds) {
    if (toString(kind) == name) {
      return kind;
    }
  }
  throw Error(ErrorCode::Config,
              "unknown metric '" + std::string(name) + "'; expected one of " + validNames());
}

bool isClassificationMetric(MetricKind kind) {
  return kind == MetricKind::Accuracy || kind == MetricKind::F1 ||
         kind == MetricKind::MatthewsCorrelation;
}

MetricReport computeMetrics(std::span<const MetricKind> kinds, std::span<const int64_t> pred,
                            std::span<const int64_t> gold) {
  checkKinds(kinds);
  checkPredictionSizes(pred.size(), gold.size());
  std::vector<double> predScores;
  std::vector<double> goldScores;
  std::vector<MetricValue> values;
  for (const MetricKind kind : kinds) {
    if (!isClassificationMetric(kind) && predScores.empty()) {
      predScores.assign(pred.begin(), pred.end());
      goldScores.assign(gold.begin(), gold.end());
    }
    double value = 0.0;
    switch (kind) {
      case MetricKind::Accuracy:
        value = accuracy(pred, gold);
        break;
      case MetricKind::F1:
        value = f1Binary(pred, gold);
        break;
      case MetricKind::MatthewsCorrelation:
        value = matthewsCorrelation(pred, gold);
        break;
      case MetricKind::Pearson:
        value = pearson(predScores, goldScores);
        break;
      case MetricKind::Spearman:
        value = spearman(predScores, goldScores);
        break;
    }
    values.push_back({std::string(toString(kind)), value});
  }
  return finish(std::move(values));
}

MetricReport computeMetrics(std::span<const MetricKind> kinds, std::span<const double> pred,
                            std::span<const double> gold) {
  checkKinds(kinds);
  for (const MetricKind kind : kinds) {
    if (isClassificationMetric(kind)) {
      throw Error(ErrorCode::Config, "computeMetrics: metric '" + std::string(toString(kind)) +
                                         "' needs class ids, but the predictions are "
                                         "regression scores; use pearson or spearman");
    }
  }
  checkPredictionSizes(pred.size(), gold.size());
  std::vector<MetricValue> values;
  for (const MetricKind kind : kinds) {
    const double value = kind == MetricKind::Pearson ? pearson(pred, gold) : spearman(pred, gold);
    values.push_back({std::string(toString(kind)), value});
  }
  return finish(std::move(values));
}

}  // namespace childtune::core
