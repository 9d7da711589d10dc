#pragma once
// The `childtune-cli train …` command equivalent to a run configuration, for "Copy as command
// line". The flag names are those app/cli/command_train.cpp parses.

#include <QString>
#include <QStringList>

#include "childtune/run_config.h"

namespace childtune::widgets {

struct RunCommandLine {
  // "childtune-cli", "train", "--model", "/path", ... (unquoted, one element per argument).
  QStringList arguments;
  // Settings that differ from their defaults but have no command-line flag ("max_grad_norm"):
  // the command line alone does not reproduce them; a saved JSON (--config) does.
  QStringList unsupported;
  // The arguments joined for a POSIX shell, quoted where needed.
  QString shellText() const;
};

// --model, --task and --method always; every other flag only when its value differs from
// RunConfig's default. Numbers are written in their shortest round-trip form.
RunCommandLine runCommandLine(const core::RunConfig& config,
                              const QString& program = QStringLiteral("childtune-cli"));

// One argument quoted for a POSIX shell ('…' when it holds anything but [A-Za-z0-9_./:=@%+,-]).
QString shellQuote(const QString& argument);

}  // namespace childtune::widgets
