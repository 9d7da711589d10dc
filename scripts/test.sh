#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and runs every ChildTune check:
#   1. formatting (clang-format) of all C++ sources, clang-tidy on the torch-free sources,
#   2. a -Werror build with all tests (core, CLI, widgets offscreen; golden tests included),
#   3. the core and CLI tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
# Usage: scripts/test.sh [--no-sanitize]
# Real data and model: CHILDTUNE_GLUE_DIR (default: ../shared/data/glue next to the checkout)
# and CHILDTUNE_MODEL_DIR (default: fetched by scripts/fetch-model.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

sanitize=1
for arg in "$@"; do
  case "$arg" in
    --no-sanitize) sanitize=0 ;;
    *) echo "usage: scripts/test.sh [--no-sanitize]" >&2; exit 2 ;;
  esac
done

bash scripts/setup.sh

if [[ -z "${CHILDTUNE_GLUE_DIR:-}" && -d "$root/../shared/data/glue" ]]; then
  CHILDTUNE_GLUE_DIR="$(cd "$root/../shared/data/glue" && pwd)"
fi
if [[ -z "${CHILDTUNE_GLUE_DIR:-}" ]]; then
  echo "test: CHILDTUNE_GLUE_DIR is not set and ../shared/data/glue does not exist" >&2
  exit 1
fi
export CHILDTUNE_GLUE_DIR
if [[ -z "${CHILDTUNE_MODEL_DIR:-}" ]]; then
  CHILDTUNE_MODEL_DIR="$(bash scripts/fetch-model.sh | tail -n 1)"
fi
export CHILDTUNE_MODEL_DIR
echo "test: GLUE data  $CHILDTUNE_GLUE_DIR"
echo "test: model      $CHILDTUNE_MODEL_DIR"

# ccache survives between CI runs in $HOME; these settings let it cache PCH-using compiles.
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
export CCACHE_BASEDIR="$root"  # relative paths: clones in other folders share the cache
export CCACHE_NOHASHDIR=1       # ... also with -g (the debug info's build folder is not hashed)
export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-8G}"
jobs="$(nproc)"

echo "== format check"
bash scripts/check-format.sh

echo "== clang-tidy"
bash scripts/check-tidy.sh

echo "== build (warnings are errors)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCHILDTUNE_WARNINGS_AS_ERRORS=ON -DCHILDTUNE_BUILD_GUI=ON -DCHILDTUNE_BUILD_TESTS=ON
cmake --build build -j "$jobs"

echo "== tests"
ctest --test-dir build --output-on-failure -j "$jobs" --timeout 1800

if [[ $sanitize == 1 ]]; then
  echo "== tests under AddressSanitizer + UndefinedBehaviorSanitizer (core and CLI)"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCHILDTUNE_SANITIZE=ON \
    -DCHILDTUNE_WARNINGS_AS_ERRORS=ON -DCHILDTUNE_BUILD_GUI=OFF -DCHILDTUNE_BUILD_TESTS=ON
  cmake --build build-asan -j "$jobs"
  # LibTorch's own one-time allocations are not ours to fix; leaks are checked elsewhere.
  ASAN_OPTIONS="detect_leaks=0:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1" \
    ctest --test-dir build-asan --output-on-failure -j "$jobs" --timeout 3600 -LE slow
fi
echo "test: all checks passed"
