#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, fetches the default model (all-MiniLM-L6-v2), builds ChildTune
# and starts the desktop app on that model. Extra arguments are passed to the app.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
model_dir="$(bash scripts/fetch-model.sh | tail -n 1)"

export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHILDTUNE_BUILD_GUI=ON >/dev/null
cmake --build build -j "$(nproc)" --target childtune childtune-cli

if [[ -z "${CHILDTUNE_GLUE_DIR:-}" && -d ../shared/data/glue ]]; then
  export CHILDTUNE_GLUE_DIR="$(cd ../shared/data/glue && pwd)"
fi
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
  echo "run: built build/bin/childtune, but there is no display (DISPLAY/WAYLAND_DISPLAY unset)." >&2
  echo "run: on a desktop session it starts on $model_dir; without one, take screenshots with" >&2
  echo "run:   QT_QPA_PLATFORM=offscreen build/bin/childtune --model $model_dir --screenshot-dir shots" >&2
  exit 1
fi
exec build/bin/childtune --model "$model_dir" "$@"
