#!/usr/bin/env bash
# GPU check, in one call on a lent GPU machine (no network there): builds the CLI and the core
# tests against that machine's Python torch (CUDA LibTorch 2.x), runs the CPU/GPU consistency
# tests (ctest label gpu: forward, loss, gradient norm and five Child-Tuning_D optimizer steps on
# CUDA vs CPU; short ct-f / ct-d runs on CUDA in fp32 and bf16), then a short CLI training on
# CUDA. Results land in $OUT (or ./gpu-check-out).
#
# The machine has no Debian dev packages for our small dependencies: prepare them here first with
#   scripts/gpu-check.sh --prepare     (downloads the .deb files into .gpu-debs/, git-ignored)
# and carry .gpu-debs with the call:  run(command="bash scripts/gpu-check.sh", carry=[".gpu-debs"])
set -euo pipefail
cd "$(dirname "$0")/.."

debs=(nlohmann-json3-dev libsqlite3-dev libsqlite3-0 libutf8proc-dev libutf8proc2 libgtest-dev
      libgmock-dev googletest zlib1g-dev)
if [[ "${1:-}" == "--prepare" ]]; then
  mkdir -p .gpu-debs
  grep -qx '/.gpu-debs/' .git/info/exclude 2>/dev/null || echo '/.gpu-debs/' >> .git/info/exclude
  (cd .gpu-debs && apt-get download "${debs[@]}")
  ls -la .gpu-debs
  exit 0
fi

out="${OUT:-$PWD/gpu-check-out}"
mkdir -p "$out"
exec > >(tee "$out/gpu-check.log") 2>&1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || true
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0))'

deps=/opt/childtune-deps
if [[ -d .gpu-debs ]]; then
  mkdir -p "$deps"
  for f in .gpu-debs/*.deb; do dpkg -x "$f" "$deps"; done
fi
export CMAKE_PREFIX_PATH="$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)'):$deps/usr:$deps/usr/lib/x86_64-linux-gnu/cmake"
export PKG_CONFIG_PATH="$deps/usr/lib/x86_64-linux-gnu/pkgconfig:$deps/usr/share/pkgconfig"
export LD_LIBRARY_PATH="$deps/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}"
# googletest ships sources in Debian's googletest package; libgtest-dev has the static libs.

cmake -S . -B build-gpu -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHILDTUNE_BUILD_GUI=OFF \
  -DCHILDTUNE_USE_PCH=ON -DCMAKE_CUDA_ARCHITECTURES=native \
  -DCMAKE_INCLUDE_PATH="$deps/usr/include" -DCMAKE_LIBRARY_PATH="$deps/usr/lib/x86_64-linux-gnu"
ninja -C build-gpu -j"$(nproc)" childtune-cli core_gpu_consistency_test core_train_test
./build-gpu/bin/childtune-cli runtime
ctest --test-dir build-gpu -L gpu --output-on-failure | tee "$out/ctest-gpu.txt"
# The CPU properties (resume bit for bit, masks, pause) on this build too.
ctest --test-dir build-gpu -R 'core_train_test' --output-on-failure | tail -5
echo "gpu-check: done"
