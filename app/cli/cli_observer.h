#pragma once
// Progress of a training or Fisher job on the command line: one updating line on a terminal, or
// JSON-lines events on stdout with --json. Shared by `train`, `runs resume` and `fisher`.

#include <cstdio>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "childtune/training_observer.h"

namespace childtune::app::cli {

// Human progress on a terminal (one updating line), or JSON lines with --json.
class CliObserver final : public core::TrainingObserver {
 public:
  CliObserver(bool json, bool tty) : json_(json), tty_(tty) {}

  void onPhase(core::Phase phase) override {
    if (json_) {
      emit({{"event", "phase"}, {"phase", std::string(core::toString(phase))}});
    } else {
      endLine();
      std::cerr << "[" << core::toString(phase) << "]\n";
    }
  }
  void onStep(const core::StepStats& s) override {
    if (json_) {
      emit({{"event", "step"},
            {"step", s.step},
            {"total_steps", s.totalSteps},
            {"epoch", s.epoch},
            {"loss", s.loss},
            {"lr", s.learningRate},
            {"grad_norm", s.gradNorm},
            {"examples_per_second", s.examplesPerSecond},
            {"elapsed_seconds", s.elapsedSeconds}});
      return;
    }
    const double done = static_cast<double>(s.step) / static_cast<double>(s.totalSteps);
    const double eta = s.step > 0 ? s.elapsedSeconds / static_cast<double>(s.step) *
                                        static_cast<double>(s.totalSteps - s.step)
                                  : 0.0;
    char line[200];
    const int width = 24;
    const int filled = static_cast<int>(done * width);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(width, '.');
    std::snprintf(line, sizeof line,
                  "epoch %d [%s] %lld/%lld loss %.4f lr %.2e %.1f ex/s ETA %dm%02ds", s.epoch + 1,
                  bar.c_str(), static_cast<long long>(s.step), static_cast<long long>(s.totalSteps),
                  s.loss, s.learningRate, s.examplesPerSecond, static_cast<int>(eta) / 60,
                  static_cast<int>(eta) % 60);
    if (tty_) {
      std::cerr << "\r" << line << "\033[K" << std::flush;
      open_ = true;
    } else if (s.step % 50 == 0 || s.step == s.totalSteps) {
      std::cerr << line << "\n";
    }
  }
  void onEvaluation(const core::EvalStats& e) override {
    if (json_) {
      nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
      for (const auto& [name, value] : e.metrics) {
        metrics[name] = value;
      }
      emit({{"event", "evaluation"},
            {"step", e.step},
            {"split", e.split},
            {"metrics", metrics},
            {"combined", e.combined},
            {"loss", e.loss}});
      return;
    }
    endLine();
    std::cerr << "eval step " << e.step << " " << e.split << ":";
    for (const auto& [name, value] : e.metrics) {
      std::cerr << " " << name << " " << value;
    }
    std::cerr << " (loss " << e.loss << ")\n";
  }
  void onFisherProgress(int64_t done, int64_t total) override {
    if (json_) {
      if (done == total || done % 20 == 0) {
        emit({{"event", "fisher"}, {"done", done}, {"total", total}});
      }
    } else if (tty_) {
      std::cerr << "\rFisher information " << done << "/" << total << " batches\033[K"
                << std::flush;
      open_ = true;
    }
  }
  void onLog(const std::string& text) override {
    if (json_) {
      emit({{"event", "log"}, {"message", text}});
    } else {
      endLine();
      std::cerr << text << "\n";
    }
  }

 private:
  void emit(const nlohmann::ordered_json& j) { std::cout << j.dump() << "\n" << std::flush; }
  void endLine() {
    if (open_) {
      std::cerr << "\n";
      open_ = false;
    }
  }
  bool json_;
  bool tty_;
  bool open_ = false;
};

}  // namespace childtune::app::cli
