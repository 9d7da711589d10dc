#pragma once
// Locating test inputs. Real data and the real model come through environment variables that
// .ci/run sets: CHILDTUNE_GLUE_DIR (the GLUE TSVs) and CHILDTUNE_MODEL_DIR (all-MiniLM-L6-v2).
// When one is missing, tests that need it are skipped on a developer machine and FAIL under CI
// (CI=true), so CI can never pass by silently skipping them.

#include <filesystem>
#include <optional>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "childtune/error.h"

namespace childtune::test {

// tests/reference in the source tree (checked-in goldens and configs).
std::filesystem::path referenceDir();

// A fresh empty directory under the system temp folder, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// The directory named by `envVar` if set and existing; std::nullopt otherwise.
std::optional<std::filesystem::path> envDir(const char* envVar);

bool runningInCi();

// Sets (or, with std::nullopt, unsets) an environment variable for the scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::optional<std::string>& value);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

// Runs `fn`, expects a childtune::Error with `code` and returns its what() for message checks.
template <typename Fn>
std::string errorOf(Fn&& fn, ErrorCode code) {
  try {
    std::forward<Fn>(fn)();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no childtune::Error thrown";
  return {};
}

// Writes `text` to `path` (binary), creating parent folders.
void writeFile(const std::filesystem::path& path, const std::string& text);
std::string readFile(const std::filesystem::path& path);

}  // namespace childtune::test

// Use at the top of a test that needs an env-provided directory:
//   CHILDTUNE_REQUIRE_ENV_DIR(glue, "CHILDTUNE_GLUE_DIR");
#define CHILDTUNE_REQUIRE_ENV_DIR(var, envName)                                        \
  const auto var##Opt = ::childtune::test::envDir(envName);                            \
  if (!var##Opt) {                                                                     \
    if (::childtune::test::runningInCi()) {                                            \
      FAIL() << envName << " is not set or does not exist, but CI must run this test"; \
    }                                                                                  \
    GTEST_SKIP() << envName << " not set; skipping";                                   \
  }                                                                                    \
  const std::filesystem::path& var = *var##Opt
