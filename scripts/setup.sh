#!/usr/bin/env bash
# Installs everything ChildTune needs to build, test and run on Debian 12, from Debian's packages.
# Idempotent: installs only what is missing. Needs root or sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git curl ca-certificates
  python3 python3-pip
  libtorch-dev
  # Without an optimised BLAS, LibTorch on Debian falls back to the reference BLAS (~7-11x slower).
  libopenblas0-openmp
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-translations-l10n libgl-dev
  libqcustomplot-dev
  libsqlite3-dev nlohmann-json3-dev libutf8proc-dev zlib1g-dev
  libgtest-dev libgmock-dev
  xvfb xauth
  clang-format clang-tidy
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
