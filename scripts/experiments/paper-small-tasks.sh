#!/usr/bin/env bash
# The paper's small-task comparison (Xu et al. 2021, Table 1 setting) with the default small
# model: vanilla / Child-Tuning_F / Child-Tuning_D x 5 seeds on CoLA, RTE, MRPC and STS-B, the
# authors' p per task, lr 2e-5, batch 16, 3 epochs, max length 128 — then a table of mean, std
# and max per cell in docs/RESULTS.md. Hours on a CPU; not part of CI.
#
#   scripts/experiments/paper-small-tasks.sh [--tasks "RTE MRPC"] [--seeds "1 2 3"]
#       [--methods "vanilla ct-f ct-d"] [--lr 2e-5] [--epochs 3] [--out DIR] [--extra "..."]
# Environment: CHILDTUNE_MODEL_DIR (default: the fetched all-MiniLM-L6-v2),
# CHILDTUNE_GLUE_DIR (default ../shared/data/glue next to the checkout).
# Finished runs (results.json present) are skipped, so the script can be re-run to continue.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tasks="CoLA RTE MRPC STS-B"
seeds="1 2 3 4 5"
methods="vanilla ct-f ct-d"
lr="2e-5"
epochs="3"
out="$root/experiments/paper-small-tasks"
extra=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tasks) tasks="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --methods) methods="$2"; shift 2 ;;
    --lr) lr="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --extra) extra="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
model="${CHILDTUNE_MODEL_DIR:-$HOME/.local/share/childtune/models/all-MiniLM-L6-v2}"
glue="${CHILDTUNE_GLUE_DIR:-$root/../shared/data/glue}"
cli="$root/build/bin/childtune-cli"
if [[ ! -x "$cli" ]]; then
  cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHILDTUNE_BUILD_GUI=OFF \
    -DCHILDTUNE_BUILD_TESTS=OFF >/dev/null
  ninja -C "$root/build" childtune-cli
fi
mkdir -p "$out"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "command: $0 --tasks \"$tasks\" --seeds \"$seeds\" --methods \"$methods\" --lr $lr --epochs $epochs ${extra:+--extra \"$extra\"}"
  echo "model: $model"
} > "$out/MACHINE.txt"
for task in $tasks; do
  for method in $methods; do
    for seed in $seeds; do
      dir="$out/$task/$method/seed-$seed"
      if [[ -f "$dir/results.json" ]]; then
        continue
      fi
      echo "== $task $method seed $seed"
      # shellcheck disable=SC2086
      "$cli" train --model "$model" --data "$glue" --task "$task" --method "$method" \
        --lr "$lr" --epochs "$epochs" --batch-size 16 --max-length 128 --seed "$seed" \
        --out "$dir" --no-store $extra
    done
  done
done
python3 "$root/scripts/experiments/summarize.py" "$out" > "$out/table.md"
cat "$out/table.md"
echo "table: $out/table.md (copy it into docs/RESULTS.md with the MACHINE.txt facts)"
