#!/usr/bin/env bash
# GPU check and GPU throughput benchmark, in one call on a lent GPU machine (no network there).
#  1. builds the CLI, the CUDA consistency test and bench_train against that machine's Python
#     torch (CUDA LibTorch 2.x);
#  2. runs the CPU/GPU consistency tests (ctest label gpu: forward, loss, gradient norm and five
#     Child-Tuning_D optimizer steps on CUDA vs CPU; short ct-f / ct-d runs on CUDA in fp32 and
#     bf16);
#  3. issue 6's throughput benchmark on the GPU: a BERT-large-shaped model (random weights,
#     bench/reference/make_bert_large.py) on SST-2 batches of 16, vanilla / ct-f / ct-d, fp32 and
#     bf16 autocast, ChildTune (dynamic padding and padding to 128) vs the Python peer
#     (bench/reference/peer.py, padding to 128), one process per measurement.
# Results land in $OUT (or ./gpu-check-out): gpu-check.log, ctest-gpu.txt, gpu-bench.jsonl and
# the table gpu-bench.md.
#
# The machine has no Debian dev packages for our small dependencies, no model and no GLUE data:
# prepare them here first with
#   scripts/gpu-check.sh --prepare     (.gpu-debs/: .deb files; .gpu-data/: the default model's
#                                       tokenizer files and the first SST-2 rows; both git-ignored)
# and carry both with the call:
#   run(command="bash scripts/gpu-check.sh", carry=[".gpu-debs", ".gpu-data"])
# GPU_CHECK_SKIP_BENCH=1 stops after the tests; GPU_BENCH_STEPS (20) timed steps per measurement.
set -uo pipefail
cd "$(dirname "$0")/.."

debs=(nlohmann-json3-dev libsqlite3-dev libsqlite3-0 libutf8proc-dev libutf8proc2 libgtest-dev
      libgmock-dev googletest zlib1g-dev)
if [[ "${1:-}" == "--prepare" ]]; then
  set -e
  model="${CHILDTUNE_MODEL_DIR:-$HOME/.local/share/childtune/models/all-MiniLM-L6-v2}"
  glue="${CHILDTUNE_GLUE_DIR:-$PWD/../shared/data/glue}"
  for d in .gpu-debs .gpu-data; do
    grep -qx "/$d/" .git/info/exclude 2>/dev/null || echo "/$d/" >>.git/info/exclude
  done
  rm -rf .gpu-debs .gpu-data
  mkdir -p .gpu-debs .gpu-data/tokenizer .gpu-data/glue/SST-2
  (cd .gpu-debs && apt-get download "${debs[@]}")
  for f in vocab.txt tokenizer.json tokenizer_config.json special_tokens_map.json; do
    [[ -f "$model/$f" ]] && cp "$model/$f" .gpu-data/tokenizer/
  done
  [[ -f .gpu-data/tokenizer/vocab.txt ]] || { echo "no vocab.txt in $model" >&2; exit 1; }
  # The benchmark reads the first (warmup + steps) x 16 training rows: 1,000 are plenty.
  head -n 1001 "$glue/SST-2/train.tsv" >.gpu-data/glue/SST-2/train.tsv
  head -n 201 "$glue/SST-2/dev.tsv" >.gpu-data/glue/SST-2/dev.tsv
  du -sh .gpu-debs .gpu-data
  exit 0
fi

out="${OUT:-$PWD/gpu-check-out}"
mkdir -p "$out"
exec > >(tee "$out/gpu-check.log") 2>&1
stage() { echo "== $(date +%T) $*"; }

stage "machine"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || true
python3 -c 'import torch, transformers; print("torch", torch.__version__, "cuda", torch.version.cuda,
torch.cuda.get_device_name(0), "transformers", transformers.__version__)'
echo "cores $(nproc); $(c++ --version | head -n 1); $(cmake --version | head -n 1)"
if ! command -v nvcc >/dev/null; then
  for d in /usr/local/cuda/bin /usr/local/cuda-*/bin; do
    [[ -x "$d/nvcc" ]] && export PATH="$PATH:$d" && break
  done
fi
echo "nvcc: $(command -v nvcc || echo none); pkg-config: $(command -v pkg-config || echo none)"

deps=/opt/childtune-deps
if [[ -d .gpu-debs ]]; then
  mkdir -p "$deps"
  for f in .gpu-debs/*.deb; do dpkg -x "$f" "$deps"; done
fi
torch_cmake="$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)')"
export CMAKE_PREFIX_PATH="$torch_cmake:$deps/usr"
export LD_LIBRARY_PATH="$deps/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}"
# pkg-config (if the machine has one) must not hand out /usr paths for the unpacked packages.
export PKG_CONFIG_PATH="$deps/usr/lib/x86_64-linux-gnu/pkgconfig:$deps/usr/share/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$deps"

stage "configure"
if ! cmake -S . -B build-gpu -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHILDTUNE_BUILD_GUI=OFF \
  -DCHILDTUNE_BUILD_TESTS=ON -DCHILDTUNE_BUILD_BENCH=ON -DCHILDTUNE_USE_PCH=ON \
  -DCMAKE_CUDA_ARCHITECTURES=native >"$out/configure.log" 2>&1; then
  tail -n 40 "$out/configure.log"
  echo "gpu-check: configure FAILED"
  exit 1
fi
tail -n 3 "$out/configure.log"
stage "build"
if ! ninja -C build-gpu -j"$(nproc)" childtune-cli core_gpu_consistency_test bench_train \
  >"$out/build.log" 2>&1; then
  grep -m 20 -B 2 -A 8 'error' "$out/build.log" | head -n 120
  echo "gpu-check: build FAILED"
  exit 1
fi
tail -n 1 "$out/build.log"
./build-gpu/bin/childtune-cli runtime
# Which C++ library our std::filesystem calls reach (cmake/ChildTuneWarnings.cmake): the needed
# libraries in search order, and whether remove_all was taken into the executable (static
# libstdc++) or is looked up at run time.
t=./build-gpu/bin/core_gpu_consistency_test
echo "needed: $(readelf -d "$t" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')"
echo "std::filesystem::remove_all: $(nm "$t" | grep -c ' T _ZNSt10filesystem10remove_all') defined in" \
  "the executable, $(nm "$t" | grep -c ' U _ZNSt10filesystem10remove_all') looked up at run time"

stage "tests"
if ! ctest --test-dir build-gpu -L gpu --output-on-failure >"$out/ctest-gpu.txt" 2>&1; then
  tail -n 15 "$out/ctest-gpu.txt"
  # A crash prints nothing useful by itself: the host backtrace of each failing test (cuda-gdb
  # debugs host code too; the machine has no gdb).
  for name in $(sed -n 's/^[[:space:]]*[0-9]* - \([A-Za-z0-9_.]*\) (.*/\1/p' "$out/ctest-gpu.txt"); do
    echo "-- backtrace: $name"
    # A jump to address 0 leaves no frame to unwind: step back to the caller's return address.
    timeout 60 cuda-gdb -q -batch -ex run -ex 'x/2a $sp' -ex 'set $pc = *(long*)$sp' \
      -ex 'set $sp = $sp + 8' -ex 'bt 30' \
      --args ./build-gpu/bin/core_gpu_consistency_test --gtest_filter="$name" 2>&1 |
      grep -v '^\[New Thread\|^\[Thread\|Cuda Driver error' | tail -n 60 | tee -a "$out/gpu-backtraces.txt"
  done
else
  tail -n 5 "$out/ctest-gpu.txt"
fi
[[ "${GPU_CHECK_SKIP_BENCH:-0}" == 1 ]] && { echo "gpu-check: done (no bench)"; exit 0; }

stage "bench: model"
model=/tmp/childtune-bert-large
python3 bench/reference/make_bert_large.py "$model" --tokenizer-from .gpu-data/tokenizer \
  --device cuda || { echo "gpu-check: model generation FAILED"; exit 1; }
glue="$PWD/.gpu-data/glue"
steps="${GPU_BENCH_STEPS:-20}"
results="$out/gpu-bench.jsonl"
: >"$results"
measure() {  # tag, command...: the command's last stdout line (JSON) goes to $results
  local tag="$1" line
  shift
  if line="$(timeout 120 "$@" 2>>"$out/gpu-bench.stderr" | tail -n 1)" && [[ "$line" == \{* ]]; then
    printf '{"tag": "%s", "result": %s}\n' "$tag" "$line" >>"$results"
    echo "  $tag: $(python3 -c 'import json, sys; r = json.loads(sys.argv[1])
print("%.1f ex/s, step %.1f ms, opt %.2f ms" % (r["examples_per_s"], r["step_ms"], r["opt_ms"]))' "$line")"
  else
    echo "  FAILED: $tag (see gpu-bench.stderr)"
  fi
}
common=(--model "$model" --glue "$glue" --task SST-2 --steps "$steps" --threads 8 --device cuda)
for precision in fp32 bf16; do
  flag=()
  [[ "$precision" == bf16 ]] && flag=(--bf16)
  for method in vanilla ct-f ct-d; do
    stage "bench: $precision $method"
    measure "peer $precision $method pad128" python3 bench/reference/peer.py train \
      "${common[@]}" --method "$method" --pad 128 "${flag[@]}"
    measure "childtune $precision $method pad128" ./build-gpu/bin/bench_train \
      "${common[@]}" --method "$method" --pad 128 "${flag[@]}"
    measure "childtune $precision $method dynamic" ./build-gpu/bin/bench_train \
      "${common[@]}" --method "$method" --pad 0 "${flag[@]}"
  done
done

stage "bench: table"
gpu="$(nvidia-smi --query-gpu=name --format=csv,noheader | head -n 1)"
python3 - "$results" "$gpu" <<'EOF' | tee "$out/gpu-bench.md"
import json, sys
rows = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    impl, precision, method, pad = r["tag"].split()
    rows[(precision, method, impl, pad)] = r["result"]
print(f"BERT-large shape (random weights), SST-2, batch 16, {sys.argv[2]}; examples/s "
      "(median step ms); ratios vs the peer at pad 128")
print()
print("| precision | method | peer pad 128 | ChildTune pad 128 | ChildTune dynamic | "
      "pad 128 ratio | dynamic ratio | ct step / vanilla step (dynamic) | "
      "clip / optimizer ms: peer, ChildTune pad 128 |")
print("|---|---|---|---|---|---|---|---|---|")
def cell(r):
    return f"{r['examples_per_s']:.1f} ({r['step_ms']:.1f})" if r else "failed"
for precision in ["fp32", "bf16"]:
    for method in ["vanilla", "ct-f", "ct-d"]:
        peer = rows.get((precision, method, "peer", "pad128"))
        ct128 = rows.get((precision, method, "childtune", "pad128"))
        dyn = rows.get((precision, method, "childtune", "dynamic"))
        van = rows.get((precision, "vanilla", "childtune", "dynamic"))
        ratio = lambda a: f"{a['examples_per_s'] / peer['examples_per_s']:.2f}x" if a and peer else "-"
        over = f"{dyn['step_ms'] / van['step_ms']:.2f}" if dyn and van else "-"
        parts = lambda a: f"{a.get('clip_ms', 0):.1f} / {a.get('opt_ms', 0):.1f}" if a else "-"
        print(f"| {precision} | {method} | {cell(peer)} | {cell(ct128)} | {cell(dyn)} | "
              f"{ratio(ct128)} | {ratio(dyn)} | {over} | {parts(peer)}, {parts(ct128)} |")
EOF
echo "gpu-check: done"
