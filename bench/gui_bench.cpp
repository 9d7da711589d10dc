// What the desktop app's views cost on the GUI thread (issue 5, "Tests and evidence"):
//   replot      TrainingChartWidget with 5 curves x --points points (live raw/smoothed loss and
//               learning rate, two overlaid runs): a live flush (--batch new steps) + immediate
//               replot, and a redraw with no new data. Target: < 20 ms.
//   heatmap     ChildNetworkHeatmap::setSummary + replot for a 24-layer model (the cells of
//               BERT-large; the scores behind them are small, the heatmap only sees the cells).
//   rethreshold the p_D what-if: ChildNetworkPage::rethreshold (FisherAnalysis::summarize on the
//               cached scores, heatmap, distributions, drill-down) for MiniLM-sized scores
//               (--model minilm, 6 x 384) or BERT-large's (--model bert-large, 24 x 1024, about
//               1.2 GB of scores plus the sort keys). Target: < 100 ms.
//   eventloop   the GUI event loop's lateness while a real tiny run (demo_workspace.h: Fisher
//               pass, training, evaluations) trains on the TrainingController's thread and the
//               main window receives its events and redraws its charts: a --tick-ms precise
//               QTimer records how late each tick comes. Target: p99 < 30 ms.
// Prints one JSON line per section (timings in ms, median and p90 over --reps, and the 1-minute
// load average before and after, since a shared machine's load shows in every number).
//
//   bench_gui [--section all|replot|heatmap|rethreshold|eventloop] [--reps 30]
//             [--points 100000] [--batch 25] [--model minilm|bert-large] [--tick-ms 5]
//             [--train-timeout-s 300]

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <cmath>
#include <cstdio>
#include <memory>
#include <sstream>

#include "app_setup.h"
#include "bench_util.h"
#include "child_network_page.h"
#include "childtune/fisher_summary.h"
#include "childtune/runtime.h"
#include "childtune/widgets/child_network_heatmap.h"
#include "childtune/widgets/training_chart_widget.h"
#include "main_window.h"
#include "synthetic_fisher.h"
#include "training_controller.h"
#include "training_page.h"

using namespace childtune;

namespace {

double percentile(std::vector<double> v, double q) {
  if (v.empty()) {
    return 0.0;
  }
  std::sort(v.begin(), v.end());
  // Nearest rank: the smallest value with at least q of the samples at or below it.
  const auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank > 0 ? rank - 1 : 0)];
}

double load1() {
  QFile file(QStringLiteral("/proc/loadavg"));
  if (!file.open(QIODevice::ReadOnly)) {
    return -1.0;
  }
  return file.readAll().split(' ').value(0).toDouble();
}

double msSince(const QElapsedTimer& timer) {
  return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

// `"name": {"median": …, "p90": …}` for a list of ms timings.
std::string stats(const std::string& name, const std::vector<double>& ms) {
  std::ostringstream out;
  out.precision(4);
  out << '"' << name << "\": {\"median\": " << bench::median(ms)
      << ", \"p90\": " << percentile(ms, 0.9) << ", \"max\": " << percentile(ms, 1.0) << "}";
  return out.str();
}

// The what-if input: bench_rethreshold's synthetic encoder scores.
std::shared_ptr<const core::FisherAnalysis> encoderScores(int64_t layers, int64_t h,
                                                          int64_t inter) {
  return std::make_shared<const core::FisherAnalysis>(
      bench::syntheticEncoderScores(layers, h, inter), 1);
}

std::string benchReplot(const bench::Args& args) {
  const auto points = static_cast<int>(args.integer("points"));
  const auto batch = static_cast<int>(args.integer("batch"));
  const auto reps = static_cast<int>(args.integer("reps"));
  widgets::TrainingChartWidget chart;
  chart.resize(1280, 800);
  chart.show();
  std::vector<double> steps(static_cast<size_t>(points));
  std::vector<double> losses(static_cast<size_t>(points));
  const auto lossAt = [](int i) {
    return 0.3 + 0.4 * std::exp(-i / 20000.0) + 0.05 * std::sin(i * 0.7);
  };
  const auto lrAt = [points](int i) { return 2e-5 * std::max(0.0, 1.0 - i / double(points * 2)); };
  for (int i = 0; i < points; ++i) {
    steps[static_cast<size_t>(i)] = i + 1;
    losses[static_cast<size_t>(i)] = lossAt(i);
    chart.appendStep(i + 1, lossAt(i), lrAt(i));
  }
  chart.addOverlay(QStringLiteral("seed 1"), steps, losses, {});
  chart.addOverlay(QStringLiteral("seed 2"), steps, losses, {});
  chart.flushAndReplotNow();
  QCoreApplication::processEvents();

  std::vector<double> liveMs;
  std::vector<double> redrawMs;
  int next = points;
  QElapsedTimer timer;
  for (int r = 0; r < reps; ++r) {
    for (int i = 0; i < batch; ++i, ++next) {
      chart.appendStep(next + 1, lossAt(next), lrAt(next));
    }
    timer.start();
    chart.flushAndReplotNow();  // what the 40 ms flush timer does, drawn at once
    liveMs.push_back(msSince(timer));
    timer.start();
    chart.flushAndReplotNow();
    redrawMs.push_back(msSince(timer));
  }
  std::ostringstream out;
  out << "\"section\": \"replot\", \"curves\": 5, \"points_per_curve\": " << points
      << ", \"batch\": " << batch << ", \"reps\": " << reps << ", "
      << stats("flush_replot_ms", liveMs) << ", " << stats("redraw_ms", redrawMs)
      << ", \"target_ms\": 20";
  return out.str();
}

std::string benchHeatmap(const bench::Args& args) {
  const auto reps = static_cast<int>(args.integer("reps"));
  // 24 layers x BERT's module kinds: the heatmap draws cells, whatever their tensors' sizes.
  const auto analysis = encoderScores(24, 64, 256);
  const core::FisherSummary summary = analysis->summarize(0.3);
  widgets::ChildNetworkHeatmap heatmap;
  heatmap.resize(900, 700);
  heatmap.show();
  heatmap.setSummary(summary);
  heatmap.replotNow();
  QCoreApplication::processEvents();
  std::vector<double> ms;
  QElapsedTimer timer;
  for (int r = 0; r < reps; ++r) {
    timer.start();
    heatmap.setSummary(summary);
    heatmap.replotNow();
    ms.push_back(msSince(timer));
  }
  std::ostringstream out;
  out << "\"section\": \"heatmap\", \"layers\": 24, \"cells\": " << summary.cells.size()
      << ", \"reps\": " << reps << ", " << stats("update_replot_ms", ms);
  return out.str();
}

std::string benchRethreshold(const bench::Args& args) {
  const auto reps = static_cast<int>(args.integer("reps"));
  const bool large = args.str("model") == "bert-large";
  if (!large && args.str("model") != "minilm") {
    throw std::runtime_error("--model must be minilm or bert-large");
  }
  QElapsedTimer timer;
  timer.start();
  const auto analysis = large ? encoderScores(24, 1024, 4096) : encoderScores(6, 384, 1536);
  const double buildMs = msSince(timer);
  app::ChildNetworkPage page;
  page.resize(1280, 760);
  page.show();
  page.setAnalysis(analysis, analysis->summarize(0.3));
  QCoreApplication::processEvents();
  std::vector<double> pageMs;
  std::vector<double> coreMs;
  for (int r = 0; r < reps; ++r) {
    // A slider sweep: p_D from 0.05 to 0.5 and back.
    const double pD = 0.05 + 0.45 * std::abs(std::sin(0.3 * r));
    timer.start();
    const core::FisherSummary summary = analysis->summarize(pD);
    coreMs.push_back(msSince(timer));
    pageMs.push_back(page.rethreshold(pD));
  }
  std::ostringstream out;
  out << "\"section\": \"rethreshold\", \"model\": \"" << args.str("model")
      << "\", \"scores\": " << analysis->numElements() << ", \"reps\": " << reps
      << ", \"build_ms\": " << buildMs << ", " << stats("summarize_ms", coreMs) << ", "
      << stats("page_rethreshold_ms", pageMs) << ", \"target_ms\": 100";
  return out.str();
}

std::string benchEventLoop(const bench::Args& args) {
  const auto tickMs = static_cast<int>(args.integer("tick-ms"));
  QTemporaryDir demoDir;
  if (!demoDir.isValid()) {
    throw std::runtime_error("cannot create a temporary folder");
  }
  app::MainWindow window(app::StartupOptions{QString(), QString(), false});
  window.resize(1280, 800);
  window.show();
  QString error;
  if (!window.prepareDemo(demoDir.path(), &error)) {
    throw std::runtime_error("demo: " + error.toStdString());
  }
  window.setCurrentView(app::MainWindow::View::Training);
  QCoreApplication::processEvents();

  int steps = 0;
  int evaluations = 0;
  bool ended = false;
  QString failure;
  app::TrainingController* controller = window.trainingController();
  QObject context;
  QObject::connect(controller, &app::TrainingController::stepDone, &context, [&] { ++steps; });
  QObject::connect(controller, &app::TrainingController::evaluated, &context,
                   [&] { ++evaluations; });
  QObject::connect(controller, &app::TrainingController::runFinished, &context,
                   [&] { ended = true; });
  QObject::connect(controller, &app::TrainingController::runFailed, &context,
                   [&](app::RunId, const QString& message) {
                     ended = true;
                     failure = message;
                   });
  QObject::connect(controller, &app::TrainingController::runStopped, &context, [&] {
    ended = true;
    failure = QStringLiteral("stopped");
  });

  std::vector<double> lateMs;
  QElapsedTimer clock;
  QTimer ticker;
  ticker.setTimerType(Qt::PreciseTimer);
  ticker.setInterval(tickMs);
  double last = 0.0;
  QObject::connect(&ticker, &QTimer::timeout, &context, [&] {
    const double now = msSince(clock);
    lateMs.push_back(std::max(0.0, now - last - tickMs));
    last = now;
  });
  const int replotsBefore = window.trainingPage()->chart()->replotCount();
  if (!window.startTraining()) {
    throw std::runtime_error("the demo run did not start");
  }
  clock.start();
  ticker.start();
  const double timeoutMs = 1000.0 * args.real("train-timeout-s");
  while (!ended && msSince(clock) < timeoutMs) {
    QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
  }
  ticker.stop();
  const double runMs = msSince(clock);
  if (!ended) {
    window.stopTraining();
    throw std::runtime_error("the demo run did not end in time");
  }
  if (!failure.isEmpty()) {
    throw std::runtime_error("the demo run failed: " + failure.toStdString());
  }
  std::ostringstream out;
  out.precision(4);
  out << "\"section\": \"eventloop\", \"tick_ms\": " << tickMs << ", \"ticks\": " << lateMs.size()
      << ", \"run_s\": " << runMs / 1000.0 << ", \"steps\": " << steps
      << ", \"evaluations\": " << evaluations
      << ", \"chart_replots\": " << window.trainingPage()->chart()->replotCount() - replotsBefore
      << ", \"lateness_ms\": {\"p50\": " << percentile(lateMs, 0.5)
      << ", \"p99\": " << percentile(lateMs, 0.99) << ", \"max\": " << percentile(lateMs, 1.0)
      << "}, \"target_p99_ms\": 30";
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
  }
  // Never the user's settings, run store or models: everything under a temporary home.
  QStandardPaths::setTestModeEnabled(true);
  const QTemporaryDir home;
  qputenv("CHILDTUNE_HOME", (home.path() + QStringLiteral("/home")).toLocal8Bit());
  qputenv("HF_HUB_CACHE", (home.path() + QStringLiteral("/hub")).toLocal8Bit());
  // LibTorch's thread count ($CHILDTUNE_THREADS or all cores), as the app sets it.
  core::initializeRuntime();
  int qtArgc = 1;
  QApplication app(qtArgc, argv);
  app::setApplicationIdentity();
  try {
    const bench::Args args(argc, argv,
                           {{"section", "all"},
                            {"reps", "30"},
                            {"points", "100000"},
                            {"batch", "25"},
                            {"model", "minilm"},
                            {"tick-ms", "5"},
                            {"train-timeout-s", "300"}});
    const std::string section = args.str("section");
    const std::vector<std::pair<std::string, std::string (*)(const bench::Args&)>> sections = {
        {"replot", benchReplot},
        {"heatmap", benchHeatmap},
        {"rethreshold", benchRethreshold},
        {"eventloop", benchEventLoop}};
    bool any = false;
    for (const auto& [name, run] : sections) {
      if (section != "all" && section != name) {
        continue;
      }
      any = true;
      const double before = load1();
      const std::string body = run(args);
      std::printf("{\"bench\": \"gui\", %s, \"load1_before\": %.2f, \"load1_after\": %.2f}\n",
                  body.c_str(), before, load1());
      std::fflush(stdout);
    }
    if (!any) {
      throw std::runtime_error("unknown --section '" + section + "'");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_gui: %s\n", e.what());
    return 1;
  }
  return 0;
}
