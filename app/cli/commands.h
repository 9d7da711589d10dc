#pragma once

#include <string>
#include <vector>

namespace childtune::app::cli {

// Each command gets the arguments after its name and returns the process exit code. They throw
// UsageError for bad command lines and childtune::Error for bad inputs; main() reports both.
int runInspect(const std::vector<std::string>& args);
int runTokenize(const std::vector<std::string>& args);
int runTrain(const std::vector<std::string>& args);

}  // namespace childtune::app::cli
