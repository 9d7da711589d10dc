#pragma once
// Hand-made, realistic inputs for the Child-network and Training widget tests (no FisherAnalysis
// behind them), a dark palette, and screenshot saving into ${CMAKE_BINARY_DIR}/screenshots/widgets.
//
// Fisher scores are drawn log-normally per layer x module cell (log10 mean rising from about
// -9.5 in the first layer to -6.5 in the last, per-kind offsets, sd 1), clamped to
// [1e-12.5, 1e-3.5], which is what Child-Tuning_D's scores look like on BERT models: the upper
// layers hold most of the child network. The summary's numbers are consistent with each other
// (threshold = percentile of the samples, selected = samples above it scaled to the elements).

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QPalette>
#include <QString>
#include <QWidget>
#include <QtTest/QTest>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "childtune/fisher_summary.h"
#include "gui_test_support.h"

namespace childtune::test {

// Layer and kind order of the heatmap columns.
inline const std::vector<core::ModuleKind>& fixtureKinds() {
  using core::ModuleKind;
  static const std::vector<ModuleKind> kinds = {
      ModuleKind::Query,           ModuleKind::Key,          ModuleKind::Value,
      ModuleKind::AttentionOutput, ModuleKind::Intermediate, ModuleKind::Output,
      ModuleKind::LayerNorm};
  return kinds;
}

// Elements of one layer's cell of a BERT-like encoder (weights + biases; two LayerNorms).
inline int64_t fixtureCellElements(core::ModuleKind kind, int64_t hidden) {
  using core::ModuleKind;
  const int64_t inner = 4 * hidden;
  switch (kind) {
    case ModuleKind::Intermediate:
      return hidden * inner + inner;
    case ModuleKind::Output:
      return inner * hidden + hidden;
    case ModuleKind::LayerNorm:
      return 4 * hidden;
    default:
      return hidden * hidden + hidden;
  }
}

inline double fixtureKindOffset(core::ModuleKind kind) {
  using core::ModuleKind;
  switch (kind) {
    case ModuleKind::Query:
      return -0.3;
    case ModuleKind::Key:
      return -0.45;
    case ModuleKind::Value:
      return 0.2;
    case ModuleKind::AttentionOutput:
      return 0.1;
    case ModuleKind::Output:
      return 0.3;
    case ModuleKind::LayerNorm:
      return 0.9;
    default:
      return 0.0;
  }
}

// A summary of a `layers`-layer encoder with hidden size `hidden` (6/384: MiniLM, 24/1024:
// BERT-large) at p_D = `pD`, 40 log bins over [1e-13, 1e-3].
inline core::FisherSummary fisherSummaryFixture(int layers, int64_t hidden, double pD,
                                                uint32_t seed = 7) {
  core::FisherSummary s;
  s.pD = pD;
  s.numLayers = layers;
  s.batches = 1000;
  s.kinds = fixtureKinds();
  int64_t total = 0;
  for (int layer = 0; layer < layers; ++layer) {
    for (const auto kind : s.kinds) {
      total += fixtureCellElements(kind, hidden);
    }
  }
  // About 150k samples in all; each stands for `scale` elements.
  const double scale = std::max(1.0, static_cast<double>(total) / 150000.0);
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<std::vector<double>> samples;  // per cell, log10 scores
  for (int layer = 0; layer < layers; ++layer) {
    const double depth = layers > 1 ? static_cast<double>(layer) / (layers - 1) : 1.0;
    for (const auto kind : s.kinds) {
      const int64_t elements = fixtureCellElements(kind, hidden);
      const auto n =
          static_cast<size_t>(std::max(64.0, std::round(static_cast<double>(elements) / scale)));
      const double mu = -9.5 + 3.0 * std::pow(depth, 1.5) + fixtureKindOffset(kind);
      std::vector<double> cell(n);
      for (double& v : cell) {
        v = std::clamp(mu + normal(rng), -12.5, -3.5);
      }
      samples.push_back(std::move(cell));
    }
  }
  // The global cut-off over all elements: every sample weighs elements / samples of its cell.
  std::vector<std::pair<double, double>> weighted;  // (log10 score, elements it stands for)
  size_t cellIndex = 0;
  for (int layer = 0; layer < layers; ++layer) {
    for (const auto kind : s.kinds) {
      const auto& cell = samples[cellIndex++];
      const double w =
          static_cast<double>(fixtureCellElements(kind, hidden)) / static_cast<double>(cell.size());
      for (const double v : cell) {
        weighted.emplace_back(v, w);
      }
    }
  }
  std::sort(weighted.begin(), weighted.end(), [](const auto& a, const auto& b) { return a > b; });
  double accumulated = 0.0;
  double log10Threshold = -12.5;  // every sample is at least this
  for (const auto& [v, w] : weighted) {
    accumulated += w;
    if (accumulated >= pD * static_cast<double>(total)) {
      log10Threshold = v;
      break;
    }
  }
  s.threshold = std::pow(10.0, log10Threshold);
  s.total = total;
  constexpr int kBins = 40;
  constexpr double kMin = -13.0;
  constexpr double kMax = -3.0;
  s.overall.log10Min = kMin;
  s.overall.log10Max = kMax;
  s.overall.counts.assign(kBins, 0);
  cellIndex = 0;
  for (int layer = 0; layer < layers; ++layer) {
    for (const auto kind : s.kinds) {
      auto cell = samples[cellIndex++];
      core::FisherCell c;
      c.layer = layer;
      c.kind = kind;
      c.elements = fixtureCellElements(kind, hidden);
      const double perSample = static_cast<double>(c.elements) / static_cast<double>(cell.size());
      const auto above =
          std::count_if(cell.begin(), cell.end(), [&](double v) { return v >= log10Threshold; });
      c.selected = std::min<int64_t>(
          c.elements, static_cast<int64_t>(std::llround(static_cast<double>(above) * perSample)));
      std::sort(cell.begin(), cell.end());
      double sum = 0.0;
      for (const double v : cell) {
        sum += std::pow(10.0, v);
      }
      c.mean = sum / static_cast<double>(cell.size());
      c.median = std::pow(10.0, cell[cell.size() / 2]);
      c.max = std::pow(10.0, cell.back());
      c.histogram.log10Min = kMin;
      c.histogram.log10Max = kMax;
      c.histogram.counts.assign(kBins, 0);
      std::vector<double> binCounts(kBins, 0.0);
      for (const double v : cell) {
        const int bin =
            std::clamp(static_cast<int>((v - kMin) / (kMax - kMin) * kBins), 0, kBins - 1);
        binCounts[static_cast<size_t>(bin)] += perSample;
      }
      for (int b = 0; b < kBins; ++b) {
        c.histogram.counts[static_cast<size_t>(b)] =
            std::llround(binCounts[static_cast<size_t>(b)]);
        s.overall.counts[static_cast<size_t>(b)] += c.histogram.counts[static_cast<size_t>(b)];
      }
      s.selected += c.selected;
      core::FisherTensorInfo tensor;
      tensor.name = "bert.encoder.layer." + std::to_string(layer) + "." +
                    std::string(core::toString(kind)) + ".weight";
      tensor.layer = layer;
      tensor.kind = kind;
      tensor.elements = c.elements;
      tensor.selected = c.selected;
      tensor.mean = c.mean;
      tensor.max = c.max;
      s.tensors.push_back(tensor);
      s.cells.push_back(std::move(c));
    }
  }
  return s;
}

// A 1024 x 1024 query weight (BERT-large) pooled to 256 x 256 blocks of 4 x 4: attention heads
// (64 columns each) differ in importance, rows a little, elements a lot.
inline core::WeightMap weightMapFixture(uint32_t seed = 11) {
  core::WeightMap map;
  map.name = "bert.encoder.layer.17.attention.self.query.weight";
  map.rows = 1024;
  map.cols = 1024;
  map.mapRows = 256;
  map.mapCols = 256;
  const double log10Threshold = -6.9;
  map.threshold = std::pow(10.0, log10Threshold);
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<double> head(16);
  for (double& h : head) {
    h = 0.7 * normal(rng);
  }
  std::vector<double> row(256);
  for (double& r : row) {
    r = 0.25 * normal(rng);
  }
  map.fisher.resize(256 * 256);
  map.childFraction.resize(256 * 256);
  for (int r = 0; r < 256; ++r) {
    for (int c = 0; c < 256; ++c) {
      const double mu = -8.0 + head[static_cast<size_t>(c / 16)] + row[static_cast<size_t>(r)];
      double best = -20.0;
      int above = 0;
      for (int k = 0; k < 16; ++k) {
        const double v = std::clamp(mu + 0.6 * normal(rng), -12.5, -3.5);
        best = std::max(best, v);
        above += v >= log10Threshold ? 1 : 0;
      }
      const auto index = static_cast<size_t>(r * 256 + c);
      map.fisher[index] = static_cast<float>(std::pow(10.0, best));
      map.childFraction[index] = static_cast<float>(above) / 16.0f;
    }
  }
  return map;
}

inline QPalette darkPalette() {
  QPalette dark;
  dark.setColor(QPalette::Window, QColor(0x2d, 0x2d, 0x30));
  dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
  dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
  dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x28));
  dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
  dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x38));
  dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
  dark.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
  dark.setColor(QPalette::HighlightedText, QColor(0x10, 0x10, 0x10));
  dark.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
  dark.setColor(QPalette::ToolTipBase, QColor(0x35, 0x35, 0x38));
  dark.setColor(QPalette::ToolTipText, QColor(0xe8, 0xe8, 0xe8));
  return dark;
}

// Shows `widget` at `size`, lets queued replots and timers run, and saves its image as
// screenshots/widgets/<name>.png. Returns the image (null when saving failed).
inline QImage saveWidgetScreenshot(QWidget& widget, const QString& name, QSize size) {
  widget.resize(size);
  widget.show();
  // Long enough for the first layout, pending flush timers and the queued replot they cause.
  QTest::qWait(400);
  const QDir dir(QString::fromStdString((screenshotDir() / "widgets").string()));
  dir.mkpath(QStringLiteral("."));
  const QImage image = widget.grab().toImage();
  if (!image.save(dir.filePath(name + QStringLiteral(".png")))) {
    return {};
  }
  return image;
}

// Distinct colours in a sparse grid of `image`: a blank or one-colour image has few.
inline int distinctColours(const QImage& image) {
  std::vector<QRgb> colours;
  for (int y = 0; y < image.height(); y += 5) {
    for (int x = 0; x < image.width(); x += 5) {
      colours.push_back(image.pixel(x, y));
    }
  }
  std::sort(colours.begin(), colours.end());
  return static_cast<int>(std::unique(colours.begin(), colours.end()) - colours.begin());
}

}  // namespace childtune::test
