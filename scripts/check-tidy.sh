#!/usr/bin/env bash
# clang-tidy (.clang-tidy: bugprone, performance, modernize, braces) over the torch-free sources.
# Translation units that include LibTorch are left out: clang 14 cannot parse Debian's
# LibTorch 1.13 headers together with libstdc++ 12 (c10::IValue errors inside ATen), so tidy
# would only report the library's problems there. g++ -Werror covers those files.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-tidy -G Ninja -DCHILDTUNE_USE_PCH=OFF -DCHILDTUNE_BUILD_GUI=OFF \
  -DCHILDTUNE_BUILD_TESTS=OFF >/dev/null
mapfile -t files < <(git ls-files 'core/src/io/*.cpp' 'core/src/tokenize/*.cpp' \
  'core/src/data/*.cpp' 'core/src/metrics/*.cpp' 'core/src/util/*.cpp' 'core/src/store/*.cpp' \
  'core/src/model/model_catalog.cpp' 'core/src/model/model_inspect.cpp' \
  'core/src/model/model_config.cpp' 'core/src/model/weight_names.cpp' 'app/cli/cli_args.cpp')
printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 4 clang-tidy -p build-tidy --quiet
echo "check-tidy: ${#files[@]} files clean"
