#include "childtune/error.h"

namespace childtune {

std::string_view toString(ErrorCode code) {
  switch (code) {
    case ErrorCode::Config:
      return "config error";
    case ErrorCode::Data:
      return "data error";
    case ErrorCode::Io:
      return "I/O error";
    case ErrorCode::Model:
      return "model error";
    case ErrorCode::Numerical:
      return "numerical error";
    case ErrorCode::Device:
      return "device error";
    case ErrorCode::Cancelled:
      return "cancelled";
    case ErrorCode::Internal:
      return "internal error";
  }
  return "error";
}

namespace {
std::string compose(ErrorCode code, const std::string& message, const std::string& hint) {
  std::string text(toString(code));
  text += ": ";
  text += message;
  if (!hint.empty()) {
    text += " (hint: ";
    text += hint;
    text += ")";
  }
  return text;
}
}  // namespace

Error::Error(ErrorCode code, std::string message, std::string hint)
    : std::runtime_error(compose(code, message, hint)),
      code_(code),
      message_(std::move(message)),
      hint_(std::move(hint)) {}

}  // namespace childtune
