#pragma once
// A small, strict command-line parser for childtune-cli: every option is declared, unknown options
// and missing values are errors with one clear line.

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace childtune::app::cli {

// Thrown for bad command lines; main() prints "childtune-cli: <what>" and exits with 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;  // "max-length" (given as --max-length)
  bool takesValue = false;
};

class ParsedArgs {
 public:
  ParsedArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);

  const std::vector<std::string>& positional() const { return positional_; }
  bool flag(const std::string& name) const { return flags_.contains(name); }
  std::optional<std::string> value(const std::string& name) const;
  // Parses an integer option in [lo, hi]; UsageError names the option on failure.
  std::optional<long long> intValue(const std::string& name, long long lo, long long hi) const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> values_;
  std::map<std::string, bool> flags_;
};

}  // namespace childtune::app::cli
