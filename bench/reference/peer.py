#!/usr/bin/env python3
"""The Python peer for ChildTune's benchmarks: the released Child-Tuning code's training loop on
Hugging Face transformers (github.com/alibaba/AliceMind, folder ChildTuning/: ChildTuningD.py,
ChildTuningF.py, ChildTuningOptimizer.py), reduced to what the benchmarks time and nothing slower:

  * HF `AutoModelForSequenceClassification`, HF tokenizer, every batch padded to 128 (the
    released scripts pass pad_to_max_length); --pad 0 pads each batch to its longest example.
  * `ChildTuningAdamW` below is the released optimizer: transformers' old AdamW with the mask
    applied to the gradient in place before the moment update; Child-Tuning_F draws a float
    Bernoulli(reserve_p) tensor per parameter per step through torch.distributions.
  * Child-Tuning_D's Fisher pass is the released `calculate_fisher`: one pass, per-tensor
    clip_grad_norm_ of each encoder-layer gradient, grad**2 / N accumulated, all scores moved to
    numpy and joined with np.append, np.percentile for the global threshold, masks `>= polar`.
  * The step is the loop of transformers' Trainer (which the released code subclasses): forward,
    backward, clip_grad_norm_(all parameters, 1.0), optimizer.step(), scheduler.step(),
    model.zero_grad().

Subcommands print one JSON object (same keys as the C++ benchmarks):
  train   steps/s of vanilla | ct-f | ct-d on the first (warmup + steps) * 16 training examples
  fisher  one Fisher pass vs forward+backward alone over the same batches
  select  child-network selection over 302M random scores in BERT-large's encoder shapes
  run     a whole fine-tuning run with dev evaluation (final metric, peak memory)
  load    from_pretrained of a model folder (time, peak memory)

Environment: CHILDTUNE_MODEL_DIR, CHILDTUNE_GLUE_DIR (as for ChildTune). Threads: --threads.
"""

import argparse
import csv
import json
import math
import os
import resource
import sys
import time

import numpy as np
import torch
from torch.distributions.bernoulli import Bernoulli
from torch.optim import Optimizer

csv.field_size_limit(sys.maxsize)

# (label column, text columns, label strings or None for integer labels) of the GLUE TSV files.
TASKS = {
    "RTE": ("label", ["sentence1", "sentence2"], ["entailment", "not_entailment"]),
    "SST-2": ("label", ["sentence"], None),
    "MRPC": ("Quality", ["#1 String", "#2 String"], None),
    "CoLA": (1, [3], None),
}


# ---------------------------------------------------------------------------------------------
# The released optimizer (ChildTuningOptimizer.py), unchanged apart from torch 2 argument names.
# ---------------------------------------------------------------------------------------------

class ChildTuningAdamW(Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-6, weight_decay=0.0,
                 correct_bias=True, reserve_p=1.0, mode=None):
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                        correct_bias=correct_bias)
        super().__init__(params, defaults)
        self.gradient_mask = None
        self.reserve_p = reserve_p
        self.mode = mode

    def set_gradient_mask(self, gradient_mask):
        self.gradient_mask = gradient_mask

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            loss = closure()
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                grad = p.grad.data
                # =================== HACK BEGIN =======================
                if self.mode is not None:
                    if self.mode == "ChildTuning-D":
                        if p in self.gradient_mask:
                            grad *= self.gradient_mask[p]
                    else:
                        # ChildTuning-F
                        grad_mask = Bernoulli(grad.new_full(size=grad.size(),
                                                            fill_value=self.reserve_p))
                        grad *= grad_mask.sample() / self.reserve_p
                # =================== HACK END =======================
                state = self.state[p]
                if len(state) == 0:
                    state["step"] = 0
                    state["exp_avg"] = torch.zeros_like(p.data)
                    state["exp_avg_sq"] = torch.zeros_like(p.data)
                exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
                beta1, beta2 = group["betas"]
                state["step"] += 1
                exp_avg.mul_(beta1).add_(grad, alpha=1.0 - beta1)
                exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1.0 - beta2)
                denom = exp_avg_sq.sqrt().add_(group["eps"])
                step_size = group["lr"]
                if group["correct_bias"]:
                    bias_correction1 = 1.0 - beta1 ** state["step"]
                    bias_correction2 = 1.0 - beta2 ** state["step"]
                    step_size = step_size * math.sqrt(bias_correction2) / bias_correction1
                p.data.addcdiv_(exp_avg, denom, value=-step_size)
                if group["weight_decay"] > 0.0:
                    p.data.add_(p.data, alpha=-group["lr"] * group["weight_decay"])
        return loss


def make_optimizer(model, method, reserve_p, lr, weight_decay=0.01, eps=1e-8):
    no_decay = ["bias", "LayerNorm.weight"]
    groups = [
        {"params": [p for n, p in model.named_parameters()
                    if not any(nd in n for nd in no_decay)], "weight_decay": weight_decay},
        {"params": [p for n, p in model.named_parameters()
                    if any(nd in n for nd in no_decay)], "weight_decay": 0.0},
    ]
    mode = {"vanilla": None, "ct-f": "ChildTuning-F", "ct-d": "ChildTuning-D"}[method]
    return ChildTuningAdamW(groups, lr=lr, betas=(0.9, 0.999), eps=eps, weight_decay=weight_decay,
                            reserve_p=reserve_p, mode=mode)


# ---------------------------------------------------------------------------------------------
# The released Fisher estimator and selection (ChildTuningD.py: calculate_fisher).
# ---------------------------------------------------------------------------------------------

def calculate_fisher(model, batches, reserve_p, max_grad_norm=1.0, timings=None, select=None):
    gradient_mask = dict()
    model.train()
    for name, params in model.named_parameters():
        if "layer" in name:
            gradient_mask[params] = params.new_zeros(params.size())
    N = len(batches)
    start = time.perf_counter()
    for inputs in batches:
        outputs = model(**inputs)
        loss = outputs["loss"] if isinstance(outputs, dict) else outputs[0]
        loss.backward()
        for name, params in model.named_parameters():
            if "layer" in name:
                torch.nn.utils.clip_grad_norm_(params, max_grad_norm)
                gradient_mask[params] += (params.grad ** 2) / N
        model.zero_grad()
    sync()
    pass_s = time.perf_counter() - start
    start = time.perf_counter()
    polar = (select or select_released)(gradient_mask, reserve_p)
    if timings is not None:
        timings["fisher_pass_s"] = pass_s
        timings["select_s"] = time.perf_counter() - start
    return gradient_mask, polar


def select_released(gradient_mask, reserve_p):
    """In place: scores -> bool masks. The released code, line for line."""
    r = None
    for k, v in gradient_mask.items():
        v = v.view(-1).cpu().numpy()
        if r is None:
            r = v
        else:
            r = np.append(r, v)
    polar = np.percentile(r, (1 - reserve_p) * 100)
    for k in gradient_mask:
        gradient_mask[k] = gradient_mask[k] >= polar
    return polar


def select_concatenate(gradient_mask, reserve_p):
    """The same result with one np.concatenate instead of the quadratic np.append loop."""
    r = np.concatenate([v.view(-1).cpu().numpy() for v in gradient_mask.values()])
    polar = np.percentile(r, (1 - reserve_p) * 100)
    for k in gradient_mask:
        gradient_mask[k] = gradient_mask[k] >= polar
    return polar


# ---------------------------------------------------------------------------------------------
# Data: GLUE TSV, HF tokenizer, padding to 128 (released) or to the longest in the batch.
# ---------------------------------------------------------------------------------------------

def read_split(glue_dir, task, split):
    label_col, text_cols, label_names = TASKS[task]
    path = os.path.join(glue_dir, task, f"{split}.tsv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, rows = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    examples = []
    for row in rows:
        texts = [row[col[c]] for c in text_cols]
        raw = row[col[label_col]]
        label = label_names.index(raw) if label_names else int(raw)
        examples.append((texts, label))
    return examples


def encode(tokenizer, examples, pad, max_length=128):
    texts = [e[0] for e in examples]
    if len(texts[0]) == 2:
        enc = tokenizer([t[0] for t in texts], [t[1] for t in texts], truncation=True,
                        max_length=max_length,
                        padding="max_length" if pad == max_length else "longest",
                        return_tensors="pt")
    else:
        enc = tokenizer([t[0] for t in texts], truncation=True, max_length=max_length,
                        padding="max_length" if pad == max_length else "longest",
                        return_tensors="pt")
    enc = dict(enc)
    enc["labels"] = torch.tensor([e[1] for e in examples], dtype=torch.long)
    return enc


def make_batches(tokenizer, examples, batch_size, pad):
    return [encode(tokenizer, examples[i:i + batch_size], pad)
            for i in range(0, len(examples), batch_size)]


def load_model(model_dir, num_labels):
    from transformers import AutoModelForSequenceClassification
    from transformers.utils import logging
    logging.set_verbosity_error()
    return AutoModelForSequenceClassification.from_pretrained(model_dir, num_labels=num_labels)


def load_tokenizer(model_dir):
    from transformers import AutoTokenizer
    return AutoTokenizer.from_pretrained(model_dir)


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


DEVICE = torch.device("cpu")  # --device


def header(args):
    return {"impl": "peer", "torch": torch.__version__,
            "blas": "MKL" if torch.backends.mkl.is_available() else "other",
            "task": getattr(args, "task", None), "pad": getattr(args, "pad", None),
            "threads": torch.get_num_threads(), "bf16": bool(getattr(args, "bf16", False)),
            "device": str(DEVICE)}


def autocast(enabled):
    return torch.autocast(DEVICE.type, dtype=torch.bfloat16, enabled=enabled)


def sync():
    """Device work is asynchronous: phase boundaries wait for it."""
    if DEVICE.type == "cuda":
        torch.cuda.synchronize(DEVICE)


# ---------------------------------------------------------------------------------------------
# Subcommands
# ---------------------------------------------------------------------------------------------

def cmd_train(args):
    torch.manual_seed(42)
    examples = read_split(args.glue, args.task, "train")
    n = (args.warmup + args.steps) * args.batch
    tokenizer = load_tokenizer(args.model)
    batches = [{k: v.to(DEVICE) for k, v in b.items()}
               for b in make_batches(tokenizer, examples[:n], args.batch, args.pad)]
    model = load_model(args.model, 2).to(DEVICE)
    model.train()
    out = header(args)
    if args.mode == "fisher":
        for b in batches[:args.warmup]:
            with autocast(args.bf16):
                loss = model(**b)["loss"]
            loss.backward()
            model.zero_grad()
        timed = batches[args.warmup:]
        sync()
        start = time.perf_counter()
        for b in timed:
            with autocast(args.bf16):
                loss = model(**b)["loss"]
            loss.backward()
            model.zero_grad()
        sync()
        plain = time.perf_counter() - start
        timings = {}
        with autocast(args.bf16):
            calculate_fisher(model, timed, args.p, timings=timings)
        out.update({"mode": "fisher", "batches": len(timed), "fwd_bwd_s": plain,
                    "fisher_s": timings["fisher_pass_s"],
                    "ratio": timings["fisher_pass_s"] / plain})
        print(json.dumps(out), flush=True)
        return
    optimizer = make_optimizer(model, args.method, args.p, lr=2e-5)
    if args.method == "ct-d":
        # The same mask as select_released (not timed here), without its quadratic np.append.
        mask, _ = calculate_fisher(model, batches[:args.fisher_batches], args.p,
                                   select=select_concatenate)
        optimizer.set_gradient_mask(mask)
    from transformers import get_linear_schedule_with_warmup
    scheduler = get_linear_schedule_with_warmup(optimizer, 0, 10 ** 9)
    step_ms, fwd_ms, bwd_ms, clip_ms, opt_ms = [], [], [], [], []
    examples_done, tokens, timed_s = 0, 0, 0.0
    params = list(model.parameters())
    profiler = None
    for s, b in enumerate(batches):
        if s == args.warmup and args.profile:
            # Operator-level profile of the timed steps, to compare with bench_train --profile.
            profiler = torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU])
            profiler.__enter__()
        t0 = time.perf_counter()
        with autocast(args.bf16):
            loss = model(**b)["loss"]
        loss.item()
        t1 = time.perf_counter()
        loss.backward()
        sync()
        t2 = time.perf_counter()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        sync()
        t3 = time.perf_counter()
        optimizer.step()
        scheduler.step()
        model.zero_grad()
        sync()
        t4 = time.perf_counter()
        if s < args.warmup:
            continue
        fwd_ms.append((t1 - t0) * 1e3)
        bwd_ms.append((t2 - t1) * 1e3)
        clip_ms.append((t3 - t2) * 1e3)
        opt_ms.append((t4 - t3) * 1e3)
        step_ms.append((t4 - t0) * 1e3)
        timed_s += t4 - t0
        examples_done += b["input_ids"].shape[0]
        tokens += int(b["attention_mask"].sum())
    if profiler is not None:
        profiler.__exit__(None, None, None)
        profiler.export_chrome_trace(args.profile)
    padded = sum(b["input_ids"].numel() for b in batches)
    out.update({"mode": "train", "method": args.method, "steps": args.steps,
                "examples_per_s": examples_done / timed_s, "tokens_per_s": tokens / timed_s,
                "seq_len_mean": padded / n,
                "step_ms": float(np.median(step_ms)), "fwd_ms": float(np.median(fwd_ms)),
                "bwd_ms": float(np.median(bwd_ms)), "clip_ms": float(np.median(clip_ms)),
                "opt_ms": float(np.median(opt_ms)), "peak_rss_mib": peak_rss_mib()})
    if DEVICE.type == "cuda":
        out["gpu"] = torch.cuda.get_device_name(DEVICE)
        out["peak_gpu_mib"] = torch.cuda.max_memory_allocated(DEVICE) / 2 ** 20
    print(json.dumps(out), flush=True)


# BERT-large's encoder: 24 layers of q, k, v, attention output, intermediate, output (weights and
# biases) and two LayerNorms = 302,309,376 elements.
def bert_large_encoder_shapes(hidden=1024, inter=4096, layers=24):
    per_layer = [(hidden, hidden), (hidden,)] * 4 + [(hidden,), (hidden,)] + \
                [(inter, hidden), (inter,), (hidden, inter), (hidden,), (hidden,), (hidden,)]
    return per_layer * layers


def cmd_select(args):
    torch.manual_seed(args.seed)
    out = header(args)
    out["mode"] = "select"
    shapes = bert_large_encoder_shapes()
    for variant, fn in [("released", select_released), ("concatenate", select_concatenate)]:
        if args.variant not in ("both", variant):
            continue
        scores = {}
        for i, shape in enumerate(shapes):
            scores[i] = torch.rand(shape) ** 2  # Fisher-like: squared, skewed towards 0
        n = sum(v.numel() for v in scores.values())
        start = time.perf_counter()
        polar = fn(scores, args.p)
        out[f"{variant}_s"] = time.perf_counter() - start
        out["elements"] = n
        out[f"{variant}_selected"] = int(sum(int(m.sum()) for m in scores.values()))
        out[f"{variant}_threshold"] = float(polar)
        del scores
    out["peak_rss_mib"] = peak_rss_mib()
    print(json.dumps(out), flush=True)


def evaluate(model, batches, bf16):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad(), autocast(bf16):
        for b in batches:
            logits = model(**{k: v for k, v in b.items() if k != "labels"})["logits"]
            correct += int((logits.argmax(-1) == b["labels"]).sum())
            total += b["labels"].shape[0]
    model.train()
    return correct / total


def cmd_run(args):
    """A whole run as the released trainer does it: Fisher (ct-d), then epochs of shuffled
    batches with a linear warmup/decay schedule, dev accuracy at the end."""
    import transformers
    transformers.set_seed(args.seed)
    start_all = time.perf_counter()
    tokenizer = load_tokenizer(args.model)
    train = read_split(args.glue, args.task, "train")
    if args.train_limit > 0:
        train = train[:args.train_limit]
    dev = read_split(args.glue, args.task, "dev")
    if args.eval_limit > 0:
        dev = dev[:args.eval_limit]
    model = load_model(args.model, 2)
    optimizer = make_optimizer(model, args.method, args.p, lr=args.lr)
    gen = torch.Generator().manual_seed(args.seed)
    out = header(args)
    if args.method == "ct-d":
        order = torch.randperm(len(train), generator=gen).tolist()
        fisher_batches = make_batches(tokenizer, [train[i] for i in order], args.batch, args.pad)
        timings = {}
        with autocast(args.bf16):
            mask, polar = calculate_fisher(model, fisher_batches, args.p, timings=timings)
        optimizer.set_gradient_mask(mask)
        del fisher_batches
        out.update({"fisher_s": timings["fisher_pass_s"], "select_s": timings["select_s"],
                    "threshold": float(polar)})
    steps_per_epoch = (len(train) + args.batch - 1) // args.batch
    total = steps_per_epoch * args.epochs
    from transformers import get_linear_schedule_with_warmup
    scheduler = get_linear_schedule_with_warmup(optimizer, math.ceil(total * args.warmup_ratio),
                                                total)
    dev_batches = make_batches(tokenizer, dev, 64, args.pad)
    model.train()
    train_start = time.perf_counter()
    for epoch in range(args.epochs):
        order = torch.randperm(len(train), generator=gen).tolist()
        for b in make_batches(tokenizer, [train[i] for i in order], args.batch, args.pad):
            with autocast(args.bf16):
                loss = model(**b)["loss"]
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            model.zero_grad()
    train_s = time.perf_counter() - train_start
    acc = evaluate(model, dev_batches, args.bf16)
    out.update({"mode": "run", "method": args.method, "seed": args.seed, "epochs": args.epochs,
                "train_examples": len(train), "accuracy": acc, "train_s": train_s,
                "total_s": time.perf_counter() - start_all, "peak_rss_mib": peak_rss_mib()})
    print(json.dumps(out), flush=True)


def cmd_load(args):
    start = time.perf_counter()
    model = load_model(args.model, 2)
    elapsed = time.perf_counter() - start
    n = sum(p.numel() for p in model.parameters())
    out = header(args)
    out.update({"mode": "load", "load_s": elapsed, "parameters": n,
                "peak_rss_mib": peak_rss_mib()})
    print(json.dumps(out), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["train", "fisher", "select", "run", "load"])
    ap.add_argument("--model", default=os.environ.get("CHILDTUNE_MODEL_DIR"))
    ap.add_argument("--glue", default=os.environ.get("CHILDTUNE_GLUE_DIR"))
    ap.add_argument("--task", default="RTE")
    ap.add_argument("--method", default="vanilla", choices=["vanilla", "ct-f", "ct-d"])
    ap.add_argument("--p", type=float, default=0.3)
    ap.add_argument("--pad", type=int, default=128, help="128: released; 0: longest in batch")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--fisher-batches", type=int, default=8)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--bf16", action="store_true")
    ap.add_argument("--device", default="cpu", help="train: cpu or cuda[:N]")
    ap.add_argument("--profile", default="", help="train: write a chrome trace of the timed steps")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--warmup-ratio", type=float, default=0.1)
    ap.add_argument("--train-limit", type=int, default=0)
    ap.add_argument("--eval-limit", type=int, default=0)
    ap.add_argument("--variant", default="both", choices=["both", "released", "concatenate"])
    args = ap.parse_args()
    global DEVICE
    DEVICE = torch.device(args.device)
    torch.set_num_threads(args.threads)
    args.mode = "fisher" if args.command == "fisher" else "train"
    {"train": cmd_train, "fisher": cmd_train, "select": cmd_select, "run": cmd_run,
     "load": cmd_load}[args.command](args)


if __name__ == "__main__":
    main()
