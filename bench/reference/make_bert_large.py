"""Writes a BERT-large-shaped model folder with random weights for throughput benchmarks.

    python3 bench/reference/make_bert_large.py OUT_DIR --tokenizer-from MODEL_DIR [--device cuda]

24 layers, hidden 1024, 16 heads, intermediate 4096, vocab 30522 (bert-large-uncased's shape,
335M parameters, about 1.3 GB of float32 safetensors) with a two-label classification head; the
tokenizer files (vocab.txt and friends) are copied from MODEL_DIR, an uncased BERT such as
all-MiniLM-L6-v2 (the same 30522-token vocabulary). The weights are random: good for speed and
memory, not for accuracy. Never commit the output.
"""

import argparse
import os
import shutil
import sys

import torch

TOKENIZER_FILES = ["vocab.txt", "tokenizer.json", "tokenizer_config.json",
                   "special_tokens_map.json"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--tokenizer-from", required=True)
    ap.add_argument("--device", default="cpu", help="where to draw the random weights")
    args = ap.parse_args()
    from transformers import BertConfig, BertForSequenceClassification
    from transformers.utils import logging
    logging.set_verbosity_error()
    config = BertConfig(vocab_size=30522, hidden_size=1024, num_hidden_layers=24,
                        num_attention_heads=16, intermediate_size=4096,
                        max_position_embeddings=512, type_vocab_size=2, num_labels=2)
    torch.manual_seed(0)
    with torch.device(args.device):
        model = BertForSequenceClassification(config)
    os.makedirs(args.out, exist_ok=True)
    model.save_pretrained(args.out, safe_serialization=True)
    copied = 0
    for name in TOKENIZER_FILES:
        src = os.path.join(args.tokenizer_from, name)
        if os.path.exists(src):
            shutil.copy(src, os.path.join(args.out, name))
            copied += 1
    if not os.path.exists(os.path.join(args.out, "vocab.txt")):
        sys.exit(f"make_bert_large: no vocab.txt in {args.tokenizer_from}")
    params = sum(p.numel() for p in model.parameters())
    print(f"make_bert_large: {params:,} parameters, {copied} tokenizer files -> {args.out}")


if __name__ == "__main__":
    main()
