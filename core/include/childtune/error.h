#pragma once
// The one exception type of the ChildTune core. The core never exits or aborts: it throws
// childtune::Error, whose message names the file, field or value at fault.

#include <stdexcept>
#include <string>
#include <string_view>

namespace childtune {

enum class ErrorCode {
  Config,     // invalid settings (bad p, unknown task, unknown model_type)
  Data,       // malformed dataset, tokenizer or checkpoint contents
  Io,         // cannot open/read/write/mmap a file
  Model,      // checkpoint does not fit the architecture (missing tensor, shape mismatch)
  Numerical,  // NaN/Inf loss and friends
  Device,     // CUDA unavailable or failed
  Cancelled,  // the user stopped the work
  Internal,   // a broken invariant inside ChildTune (a bug)
};

std::string_view toString(ErrorCode code);

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message, std::string hint = {});

  ErrorCode code() const noexcept { return code_; }
  // The bare message without code prefix or hint.
  const std::string& message() const noexcept { return message_; }
  // Optional suggestion for the user ("convert it to safetensors with ..."); may be empty.
  const std::string& hint() const noexcept { return hint_; }

 private:
  ErrorCode code_;
  std::string message_;
  std::string hint_;
};

}  // namespace childtune
