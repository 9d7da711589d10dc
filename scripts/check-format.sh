#!/usr/bin/env bash
# Fails when any C++ source differs from clang-format's output (.clang-format at the top).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.h' '*.hpp' | grep -v '^tests/reference/')
if ((${#files[@]} == 0)); then
  exit 0
fi
if ! clang-format --dry-run --Werror "${files[@]}"; then
  echo "check-format: run 'clang-format -i' on the files above" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files clean"
