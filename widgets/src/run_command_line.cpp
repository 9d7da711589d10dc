#include "childtune/widgets/run_command_line.h"

#include <array>
#include <charconv>

namespace childtune::widgets {

namespace {

QString number(double value) {
  std::array<char, 64> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  if (ec != std::errc()) {
    return QString::number(value, 'g', 17);
  }
  return QString::fromLatin1(buffer.data(), static_cast<qsizetype>(end - buffer.data()));
}

QString number(long long value) { return QString::number(value); }

}  // namespace

QString shellQuote(const QString& argument) {
  if (argument.isEmpty()) {
    return QStringLiteral("''");
  }
  bool plain = true;
  for (const QChar c : argument) {
    const bool safe = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                      (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                      (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                      QStringLiteral("_./:=@%+,-").contains(c);
    if (!safe) {
      plain = false;
      break;
    }
  }
  if (plain) {
    return argument;
  }
  QString quoted = argument;
  quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
  return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString RunCommandLine::shellText() const {
  QStringList quoted;
  quoted.reserve(arguments.size());
  for (const QString& argument : arguments) {
    quoted << shellQuote(argument);
  }
  return quoted.join(QLatin1Char(' '));
}

RunCommandLine runCommandLine(const core::RunConfig& config, const QString& program) {
  const core::RunConfig defaults;
  RunCommandLine line;
  QStringList& a = line.arguments;
  a << program << QStringLiteral("train");
  a << QStringLiteral("--model") << QString::fromStdString(config.modelDir);
  a << QStringLiteral("--task") << QString::fromStdString(config.task);
  if (config.dataDir != defaults.dataDir) {
    a << QStringLiteral("--data") << QString::fromStdString(config.dataDir);
  }
  a << QStringLiteral("--method") << QString::fromUtf8(core::toString(config.method).data());
  if (config.reserveP) {
    a << QStringLiteral("--p") << number(*config.reserveP);
  }
  const auto addDouble = [&a](const char* flag, double value, double fallback) {
    if (value != fallback) {
      a << QString::fromLatin1(flag) << number(value);
    }
  };
  const auto addInt = [&a](const char* flag, long long value, long long fallback) {
    if (value != fallback) {
      a << QString::fromLatin1(flag) << number(value);
    }
  };
  const auto addFlag = [&a](const char* flag, bool value, bool fallback) {
    if (value && !fallback) {
      a << QString::fromLatin1(flag);
    }
  };
  addDouble("--lr", config.learningRate, defaults.learningRate);
  addInt("--epochs", config.epochs, defaults.epochs);
  addInt("--batch-size", config.batchSize, defaults.batchSize);
  addInt("--max-length", config.maxLength, defaults.maxLength);
  addInt("--seed", static_cast<long long>(config.seed), static_cast<long long>(defaults.seed));
  addInt("--train-limit", config.trainLimit, defaults.trainLimit);
  addFlag("--random-subset", config.randomSubset, defaults.randomSubset);
  addInt("--eval-limit", config.evalLimit, defaults.evalLimit);
  addInt("--eval-every", config.evalEverySteps, defaults.evalEverySteps);
  addDouble("--warmup", config.warmupRatio, defaults.warmupRatio);
  addDouble("--weight-decay", config.weightDecay, defaults.weightDecay);
  addFlag("--reference-warmup", config.referenceWarmup, defaults.referenceWarmup);
  addFlag("--group-by-length", config.groupByLength, defaults.groupByLength);
  addInt("--pad-to", config.padTo, defaults.padTo);
  if (config.fisherMode != defaults.fisherMode) {
    a << QStringLiteral("--fisher")
      << (config.fisherMode == core::FisherMode::PerExample ? QStringLiteral("per-example")
                                                            : QStringLiteral("batch-clipped"));
  }
  addInt("--fisher-batches", config.fisherBatches, defaults.fisherBatches);
  if (config.device != defaults.device) {
    a << QStringLiteral("--device") << QString::fromStdString(config.device);
  }
  addInt("--threads", config.threads, defaults.threads);
  if (config.outDir != defaults.outDir) {
    a << QStringLiteral("--out") << QString::fromStdString(config.outDir);
  }

  // No flag for these (yet): report them rather than silently dropping them.
  if (config.evalBatchSize != defaults.evalBatchSize) {
    line.unsupported << QStringLiteral("eval_batch_size");
  }
  if (config.maxGradNorm != defaults.maxGradNorm) {
    line.unsupported << QStringLiteral("max_grad_norm");
  }
  if (config.adamEpsilon != defaults.adamEpsilon) {
    line.unsupported << QStringLiteral("adam_epsilon");
  }
  if (config.checkpointEverySteps != defaults.checkpointEverySteps) {
    line.unsupported << QStringLiteral("checkpoint_every");
  }
  if (config.keepCheckpoints != defaults.keepCheckpoints) {
    line.unsupported << QStringLiteral("keep_checkpoints");
  }
  if (config.saveFinalModel != defaults.saveFinalModel) {
    line.unsupported << QStringLiteral("save_model");
  }
  return line;
}

}  // namespace childtune::widgets
