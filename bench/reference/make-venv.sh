#!/usr/bin/env bash
# Builds the Python peer's venv for the benchmarks: PyPI torch (default wheel; it bundles MKL for
# CPU and CUDA libraries that stay unused here) plus Hugging Face transformers, the way a
# researcher running the released Child-Tuning code would install it.
#
#   bench/reference/make-venv.sh [VENV_DIR]     (default $CHILDTUNE_BENCH_VENV or
#                                                ~/.cache/childtune/bench-venv)
#
# Size: the default Linux torch wheel pulls ~3-4 GB of nvidia-* wheels. Only Debian and PyPI are
# reachable from the project machines, so PyTorch's own CPU-only wheel index is not an option.
# Fallback without the download: Debian's python3-torch 1.13 (OpenBLAS, no MKL) in a venv made
# by scripts/make-reference-venv.sh; bench/run.sh accepts it via CHILDTUNE_BENCH_VENV, and
# docs/PERFORMANCE.md says which torch produced each number.
set -euo pipefail

venv="${1:-${CHILDTUNE_BENCH_VENV:-$HOME/.cache/childtune/bench-venv}}"

if [[ -x "$venv/bin/python" ]] && "$venv/bin/python" -c "import torch, transformers" 2>/dev/null; then
  echo "make-venv: $venv already has torch and transformers" >&2
else
  /usr/bin/python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --upgrade pip
  # transformers < 5: the 4.x API that the released trainers were written against.
  "$venv/bin/python" -m pip install torch "transformers>=4.38,<5" safetensors numpy psutil
fi

"$venv/bin/python" - <<'PY'
import numpy, torch, transformers
print(f"torch {torch.__version__} (MKL {torch.backends.mkl.is_available()}, "
      f"mkldnn {torch.backends.mkldnn.is_available()}), transformers {transformers.__version__}, "
      f"numpy {numpy.__version__}")
PY
echo "$venv"
