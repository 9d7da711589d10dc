#include "cli_args.h"

#include <charconv>

namespace childtune::app::cli {

ParsedArgs::ParsedArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs) {
  bool onlyPositional = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (onlyPositional || arg.size() < 3 || !arg.starts_with("--")) {
      positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      onlyPositional = true;
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inlineValue;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      inlineValue = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const OptionSpec* spec = nullptr;
    for (const auto& s : specs) {
      if (s.name == name) {
        spec = &s;
      }
    }
    if (spec == nullptr) {
      throw UsageError("unknown option --" + name);
    }
    if (spec->takesValue) {
      if (inlineValue) {
        values_[name] = *inlineValue;
      } else if (i + 1 < args.size()) {
        values_[name] = args[++i];
      } else {
        throw UsageError("option --" + name + " needs a value");
      }
    } else {
      if (inlineValue) {
        throw UsageError("option --" + name + " takes no value");
      }
      flags_[name] = true;
    }
  }
}

std::optional<std::string> ParsedArgs::value(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) {
    return std::nullopt;
  }
  return it->second;
}

std::optional<long long> ParsedArgs::intValue(const std::string& name, long long lo,
                                              long long hi) const {
  const auto text = value(name);
  if (!text) {
    return std::nullopt;
  }
  long long v = 0;
  const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || ptr != text->data() + text->size()) {
    throw UsageError("option --" + name + " expects an integer, got '" + *text + "'");
  }
  if (v < lo || v > hi) {
    throw UsageError("option --" + name + " must be between " + std::to_string(lo) + " and " +
                     std::to_string(hi) + ", got " + *text);
  }
  return v;
}

}  // namespace childtune::app::cli
