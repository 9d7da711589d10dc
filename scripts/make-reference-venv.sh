#!/usr/bin/env bash
# Creates the Python reference venv that tests/reference/make_reference.py runs in: Debian's
# python3-torch (1.13, the same LibTorch version ChildTune links) plus pinned Hugging Face
# packages from PyPI. Never needed in CI; only to regenerate the goldens under tests/reference/.
#
#   scripts/make-reference-venv.sh [VENV_DIR]     (default /root/ct-refvenv)
set -euo pipefail

venv="${1:-/root/ct-refvenv}"

if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "make-reference-venv: installing Debian's python3-torch (needs root)" >&2
  apt-get update
  apt-get install -y --no-install-recommends python3-torch python3-venv python3-pip
fi

/usr/bin/python3 -m venv --system-site-packages "$venv"
"$venv/bin/python" -m pip install --upgrade pip
"$venv/bin/python" -m pip install \
  "transformers==4.38.2" "tokenizers<0.16" safetensors "numpy<2" "scipy<1.14" "scikit-learn<1.6"

"$venv/bin/python" - <<'EOF'
import numpy, tokenizers, torch, transformers
print(f"torch {torch.__version__}, transformers {transformers.__version__}, "
      f"tokenizers {tokenizers.__version__}, numpy {numpy.__version__}")
assert torch.__version__.startswith("1.13"), "expected Debian's torch 1.13"
assert transformers.__version__ == "4.38.2"
assert tokenizers.__version__.startswith("0.15.")
EOF
echo "$venv"
