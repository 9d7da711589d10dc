#!/usr/bin/env python3
"""Writes the Child-Tuning training goldens under tests/reference/:

  optimizer_expected.json   ChildTuningAdamW (vanilla / Child-Tuning_F / Child-Tuning_D) over 6
                            steps with global gradient clipping and the linear warmup schedule
  fisher_expected.json      the Fisher estimator of Child-Tuning_D on tiny-bert, the thresholds
                            and mask it yields, and numpy percentile cases

Run by hand with the reference venv (see tests/reference/README.md), never in CI:

    /root/ct-refvenv/bin/python tests/reference/make_training_reference.py

Everything mirrors the released Child-Tuning code (github.com/alibaba/AliceMind, folder
ChildTuning/: ChildTuningOptimizer.py, ChildTuningD.py, ChildTuningF.py); README.md quotes the
lines matched. Deterministic and idempotent: inputs come from seeded numpy Generators and the
formula weights of make_reference.py, torch runs single-threaded, and floats are written as the
shortest decimal that reads back as the same float32 (float64 `repr` where stated).
"""

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np
import tokenizers
import torch
import transformers
from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification
from transformers.optimization import get_linear_schedule_with_warmup

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_reference as mr  # noqa: E402  (the weight formula and the JSON float writer)

HEADER = '{"@generated": "by tests/reference/make_training_reference.py; do not edit",'
EXPECTED_VERSIONS = {"transformers": "4.38.2", "tokenizers": "0.15.", "numpy": "1.26.",
                     "torch": "1.13."}
OPTIMIZER_SEED = 20211107
PERCENTILE_SEED = 20210913


# ---------------------------------------------------------------------------------------------
# JSON output (first line = the @generated marker; floats via make_reference.to_json).
# ---------------------------------------------------------------------------------------------

def write_json(path: Path, items: list, max_bytes: int):
    """items: (key, value, layout); layout "line" (one line), "rows" (a list or dict, one element
    a line) or "rows2" (a dict whose values are lists, one inner element a line)."""
    lines = [HEADER]
    for n, (key, value, layout) in enumerate(items):
        comma = "" if n == len(items) - 1 else ","
        k = mr.to_json(key)
        if layout == "line":
            lines.append(f" {k}: {mr.to_json(value)}{comma}")
        elif layout == "rows" and isinstance(value, list):
            lines.append(f" {k}: [")
            for i, v in enumerate(value):
                lines.append("  " + mr.to_json(v) + ("," if i < len(value) - 1 else ""))
            lines.append(" ]" + comma)
        elif layout == "rows" and isinstance(value, dict):
            lines.append(f" {k}: {{")
            keys = list(value)
            for i, sub in enumerate(keys):
                lines.append(f"  {mr.to_json(str(sub))}: {mr.to_json(value[sub])}"
                             + ("," if i < len(keys) - 1 else ""))
            lines.append(" }" + comma)
        elif layout == "rows2":
            lines.append(f" {k}: {{")
            keys = list(value)
            for j, sub in enumerate(keys):
                lines.append(f"  {mr.to_json(str(sub))}: [")
                rows = value[sub]
                for i, v in enumerate(rows):
                    lines.append("   " + mr.to_json(v) + ("," if i < len(rows) - 1 else ""))
                lines.append("  ]" + ("," if j < len(keys) - 1 else ""))
            lines.append(" }" + comma)
        else:
            raise ValueError(layout)
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # must be valid JSON
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        sys.exit(f"{path.name} would be {size} bytes, over its budget of {max_bytes}")
    path.write_text(text, encoding="utf-8", newline="\n")
    print(f"  wrote {path.name}: {size} bytes")


def f32_list(t) -> mr.F32:
    return mr.F32(t.detach().numpy() if isinstance(t, torch.Tensor) else t)


# ---------------------------------------------------------------------------------------------
# ChildTuningAdamW: the released optimizer (transformers' old AdamW plus the gradient-mask hack),
# re-implemented with the same tensor operations in the same order so results are bit-identical.
# ---------------------------------------------------------------------------------------------

class ChildTuningAdamW(torch.optim.Optimizer):
    """mode None: plain (old transformers) AdamW; "ChildTuning-D": grad *= gradient_mask[p] for
    the params in the mask; "ChildTuning-F": grad *= Bernoulli(reserve_p) / reserve_p. For a
    reproducible golden the F mask is taken from `f_masks` (param -> 0/1 float tensor) instead
    of being sampled; set it before each step."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-6, weight_decay=0.0,
                 correct_bias=True, reserve_p=1.0, mode=None):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                                      correct_bias=correct_bias))
        self.gradient_mask = None
        self.reserve_p = reserve_p
        self.mode = mode
        self.f_masks = None

    def set_gradient_mask(self, gradient_mask):
        self.gradient_mask = gradient_mask

    @torch.no_grad()
    def step(self, closure=None):
        assert closure is None
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                grad = p.grad
                # The Child-Tuning hack: mask the gradient in place, before the moments.
                if self.mode == "ChildTuning-D":
                    if p in self.gradient_mask:
                        grad *= self.gradient_mask[p]
                elif self.mode == "ChildTuning-F":
                    grad *= self.f_masks[p] / self.reserve_p
                elif self.mode is not None:
                    raise ValueError(self.mode)
                state = self.state[p]
                if len(state) == 0:
                    state["step"] = 0
                    state["exp_avg"] = torch.zeros_like(p)
                    state["exp_avg_sq"] = torch.zeros_like(p)
                m, v = state["exp_avg"], state["exp_avg_sq"]
                beta1, beta2 = group["betas"]
                state["step"] += 1
                m.mul_(beta1).add_(grad, alpha=1.0 - beta1)
                v.mul_(beta2).addcmul_(grad, grad, value=1.0 - beta2)
                denom = v.sqrt().add_(group["eps"])
                step_size = group["lr"]
                if group["correct_bias"]:
                    bc1 = 1.0 - beta1 ** state["step"]
                    bc2 = 1.0 - beta2 ** state["step"]
                    step_size = step_size * math.sqrt(bc2) / bc1
                p.addcdiv_(m, denom, value=-step_size)
                # Decoupled weight decay, after the Adam update, on the updated weights.
                p.add_(p, alpha=-group["lr"] * group["weight_decay"])


# ---------------------------------------------------------------------------------------------
# optimizer_expected.json
# ---------------------------------------------------------------------------------------------

HYPER = {"lr": 1e-3, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.01,
         "warmup_steps": 2, "total_steps": 6, "max_grad_norm": 1.0, "p_f": 0.5}
OPT_PARAMS = [
    ("bert.encoder.layer.0.attention.self.query.weight", [4, 3]),
    ("bert.encoder.layer.0.attention.self.query.bias", [4]),
    ("bert.encoder.layer.1.output.LayerNorm.weight", [3]),
    ("bert.embeddings.word_embeddings.weight", [5, 3]),
    ("classifier.weight", [2, 3]),
    ("classifier.bias", [2]),
]
NO_DECAY = ["bias", "LayerNorm.weight"]  # substring match, as the released trainers
# Per-step scale of the raw gradients: steps 2, 4 and 6 exceed the global norm 1.0.
GRAD_SCALES = [0.05, 0.9, 0.08, 6.0, 0.11, 0.45]


def optimizer_inputs():
    rng = np.random.default_rng(OPTIMIZER_SEED)
    params = []
    for name, shape in OPT_PARAMS:
        n = int(np.prod(shape))
        init = rng.normal(0.0, 0.5, n)
        if name.endswith("LayerNorm.weight"):
            init = 1.0 + 0.1 * init
        params.append({"name": name, "shape": shape,
                       "decay": not any(nd in name for nd in NO_DECAY),
                       "init": init.astype(np.float32)})
    steps = []
    for s, scale in enumerate(GRAD_SCALES):
        grads, masks = {}, {}
        for i, (name, shape) in enumerate(OPT_PARAMS):
            n = int(np.prod(shape))
            g = rng.normal(0.0, scale, n)
            if s == 4 and i == 3:
                g[:] = 0.0  # an all-zero gradient: the weights still move by momentum
            if s == 2 and i == 0:
                g[5] *= 5.0  # one outlier element
            grads[name] = g.astype(np.float32)
            masks[name] = rng.integers(0, 2, n).astype(np.int64)  # Bernoulli(0.5)
        steps.append({"grads": grads, "f_masks": masks})
    d_mask = {}
    for name, shape in OPT_PARAMS:
        if "layer" in name:  # the released rule: only names containing "layer" get a mask
            d_mask[name] = rng.integers(0, 2, int(np.prod(shape))).astype(np.int64)
    for name, m in d_mask.items():
        assert 0 < m.sum() < m.size, f"d_mask of {name} must mix 0 and 1"
    return params, steps, d_mask


def run_optimizer(params, steps, d_mask, mode, reserve_p, all_ones_f=False):
    tensors = {p["name"]: torch.nn.Parameter(torch.from_numpy(
        p["init"].reshape(p["shape"]).copy())) for p in params}
    order = [p["name"] for p in params]
    groups = [{"params": [tensors[n] for n in order if not any(nd in n for nd in NO_DECAY)],
               "weight_decay": HYPER["weight_decay"]},
              {"params": [tensors[n] for n in order if any(nd in n for nd in NO_DECAY)],
               "weight_decay": 0.0}]
    opt = ChildTuningAdamW(groups, lr=HYPER["lr"], betas=tuple(HYPER["betas"]), eps=HYPER["eps"],
                           reserve_p=reserve_p, mode=mode)
    if mode == "ChildTuning-D":
        opt.set_gradient_mask({tensors[n]: torch.from_numpy(m).reshape(tensors[n].shape) > 0
                               for n, m in d_mask.items()})
    sched = get_linear_schedule_with_warmup(opt, HYPER["warmup_steps"], HYPER["total_steps"])
    after, lrs, coefs, norms = [], [], [], []
    for step in steps:
        for n in order:
            tensors[n].grad = torch.from_numpy(step["grads"][n].reshape(tensors[n].shape).copy())
        total = torch.nn.utils.clip_grad_norm_([tensors[n] for n in order],
                                               HYPER["max_grad_norm"])
        norms.append(np.float32(total.item()))
        # What clip_grad_norm_ multiplied by (torch 1.13 always multiplies, by 1.0 if unclipped).
        coef = torch.clamp(HYPER["max_grad_norm"] / (total + 1e-6), max=1.0)
        coefs.append(np.float32(coef.item()))
        if mode == "ChildTuning-F":
            opt.f_masks = {tensors[n]: (torch.ones(tensors[n].shape) if all_ones_f else
                                        torch.from_numpy(step["f_masks"][n].astype(np.float32))
                                        .reshape(tensors[n].shape)) for n in order}
        lr_now = {g["lr"] for g in opt.param_groups}
        assert len(lr_now) == 1
        lrs.append(lr_now.pop())
        opt.step()
        sched.step()
        after.append({n: tensors[n].detach().numpy().reshape(-1).copy() for n in order})
    state = {n: {"exp_avg": opt.state[tensors[n]]["exp_avg"].numpy().reshape(-1).copy(),
                 "exp_avg_sq": opt.state[tensors[n]]["exp_avg_sq"].numpy().reshape(-1).copy()}
             for n in order}
    return after, lrs, coefs, norms, state


def check_against_transformers_adamw(params, steps, vanilla):
    """Our mode=None must equal transformers' own (old) AdamW bit for bit."""
    import warnings
    from transformers.optimization import AdamW
    tensors = {p["name"]: torch.nn.Parameter(torch.from_numpy(
        p["init"].reshape(p["shape"]).copy())) for p in params}
    order = [p["name"] for p in params]
    groups = [{"params": [tensors[n] for n in order if not any(nd in n for nd in NO_DECAY)],
               "weight_decay": HYPER["weight_decay"]},
              {"params": [tensors[n] for n in order if any(nd in n for nd in NO_DECAY)],
               "weight_decay": 0.0}]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        opt = AdamW(groups, lr=HYPER["lr"], betas=tuple(HYPER["betas"]), eps=HYPER["eps"],
                    correct_bias=True)
    sched = get_linear_schedule_with_warmup(opt, HYPER["warmup_steps"], HYPER["total_steps"])
    for s, step in enumerate(steps):
        for n in order:
            tensors[n].grad = torch.from_numpy(step["grads"][n].reshape(tensors[n].shape).copy())
        torch.nn.utils.clip_grad_norm_([tensors[n] for n in order], HYPER["max_grad_norm"])
        opt.step()
        sched.step()
        for n in order:
            assert np.array_equal(tensors[n].detach().numpy().reshape(-1), vanilla[s][n]), \
                f"vanilla differs from transformers.AdamW at step {s + 1}, {n}"


def make_optimizer_golden(out: Path):
    params, steps, d_mask = optimizer_inputs()
    runs = {}
    runs["vanilla"] = run_optimizer(params, steps, d_mask, None, 1.0)
    runs["ct-f"] = run_optimizer(params, steps, d_mask, "ChildTuning-F", HYPER["p_f"])
    runs["ct-d"] = run_optimizer(params, steps, d_mask, "ChildTuning-D", 1.0)
    runs["ct-f-p1"] = run_optimizer(params, steps, d_mask, "ChildTuning-F", 1.0, all_ones_f=True)
    check_against_transformers_adamw(params, steps, runs["vanilla"][0])

    vanilla = runs["vanilla"]
    for key, run in runs.items():
        assert run[1] == vanilla[1] and run[2] == vanilla[2], key  # schedule and clipping shared
    for s in range(len(steps)):
        for p in params:
            n = p["name"]
            assert np.array_equal(runs["ct-f-p1"][0][s][n], vanilla[0][s][n]), \
                f"ct-f with p_f 1 and all-ones masks differs from vanilla at step {s + 1}, {n}"
    lrs, coefs, norms = vanilla[1], vanilla[2], vanilla[3]
    assert lrs == [0.0, 0.0005, 0.001, 0.00075, 0.0005, 0.00025], lrs
    assert all(c < 1.0 for c, s in zip(coefs, GRAD_SCALES) if s > 0.3), coefs
    assert all(c == 1.0 for c, s in zip(coefs, GRAD_SCALES) if s < 0.3), coefs
    # Step 1 runs with lr 0: no mode may move any weight.
    for run in runs.values():
        for p in params:
            assert np.array_equal(run[0][0][p["name"]], p["init"])
    # The three modes must really differ from step 2 on, in every tensor they treat differently.
    for s in range(1, len(steps)):
        for p in params:
            n = p["name"]
            assert not np.array_equal(runs["ct-f"][0][s][n], vanilla[0][s][n]), (s, n)
            if n in d_mask:
                assert not np.array_equal(runs["ct-d"][0][s][n], vanilla[0][s][n]), (s, n)
            else:
                assert np.array_equal(runs["ct-d"][0][s][n], vanilla[0][s][n]), (s, n)

    notes = [
        "Procedure per step: p.grad = steps[k].grads (raw) -> "
        "torch.nn.utils.clip_grad_norm_(all 6 params, max_grad_norm) -> optimizer.step() -> "
        "scheduler.step(). All tensors float32; lr, step_size and the decay factor are Python "
        "doubles that torch rounds to float32 when it applies them.",
        "lr_schedule[k] is the lr used by step k+1: get_linear_schedule_with_warmup(warmup 2, "
        "total 6) gives lr * [0/2, 1/2, 4/4, 3/4, 2/4, 1/4]; step 1 runs with lr 0, so every mode "
        "leaves the weights unchanged there while exp_avg/exp_avg_sq still update.",
        "clip_coefficients[k] = clamp(max_grad_norm / (grad_norms[k] + 1e-6), max=1) in float32; "
        "grad_norms[k] is the float32 global L2 norm of the raw gradients. The masks are applied "
        "after clipping, inside the optimizer.",
        "Update (transformers' old AdamW = ChildTuningAdamW): grad = masked grad; "
        "m = m*b1 + (1-b1)*grad; v = v*b2 + (1-b2)*grad*grad; denom = sqrt(v) + eps; "
        "step_size = lr*sqrt(1-b2^t)/(1-b1^t) (double); p = p - step_size*m/denom; then "
        "p = p + (-lr*wd)*p on the updated p (decoupled decay after the update; not "
        "torch.optim.AdamW, which decays first).",
        "Decay groups as the released trainers: weight_decay 0.01 unless the name contains "
        "'bias' or 'LayerNorm.weight' (then 0.0); params[i].decay says which.",
        "ct-f: grad *= f_mask / p_f (f_mask = steps[k].f_masks, 0/1, for every parameter; the "
        "released code samples Bernoulli(p_f) afresh per tensor per step). ct-d: grad *= d_mask "
        "only for names containing 'layer' (the released rule: Fisher masks exist only for those); "
        "other tensors update as vanilla. Masked entries still move through momentum and decay.",
        "ct-f-p1: ct-f with p_f 1.0 and all-ones masks; the script asserts it equals vanilla bit "
        "for bit, and that vanilla equals transformers.optimization.AdamW bit for bit.",
        "expected_state: ct-d optimizer state after step 6 (state step = 6).",
        "Values come from torch 1.13 CPU kernels; a C++ port using the same libtorch ops in the "
        "same order should match exactly, an independent loop to within a few float32 ulps.",
    ]
    expected = {k: [{n: mr.F32(v) for n, v in d.items()} for d in runs[k][0]]
                for k in ["vanilla", "ct-f", "ct-d", "ct-f-p1"]}
    state = {n: {"exp_avg": mr.F32(s["exp_avg"]), "exp_avg_sq": mr.F32(s["exp_avg_sq"])}
             for n, s in runs["ct-d"][4].items()}
    items = [
        ("notes", notes, "rows"),
        ("hyper", HYPER, "line"),
        ("params", [{"name": p["name"], "shape": p["shape"], "decay": p["decay"],
                     "init": mr.F32(p["init"])} for p in params], "rows"),
        ("lr_schedule", lrs, "line"),
        ("grad_norms", norms, "line"),
        ("clip_coefficients", coefs, "line"),
        ("steps", [{"grads": {n: mr.F32(g) for n, g in s["grads"].items()},
                    "f_masks": {n: [int(x) for x in m] for n, m in s["f_masks"].items()}}
                   for s in steps], "rows"),
        ("d_mask", {n: [int(x) for x in m] for n, m in d_mask.items()}, "line"),
        ("expected", expected, "rows2"),
        ("expected_state", state, "rows"),
    ]
    write_json(out / "optimizer_expected.json", items, 60_000)
    print(f"    lr {lrs}, clip coefficients {[float(c) for c in coefs]}")


# ---------------------------------------------------------------------------------------------
# numpy 1.26 percentile (method "linear"), re-derived step by step so the README can give C++
# the exact recipe; asserted equal to np.percentile on every case.
# ---------------------------------------------------------------------------------------------

def percentile_recipe(values_f32: np.ndarray, q) -> float:
    s = np.sort(values_f32.astype(np.float32))
    n = s.size
    qf = float(q) / 100.0                      # double
    vi = float(n - 1) * qf                     # double
    if vi >= n - 1:
        return float(s[-1])
    lo = math.floor(vi)
    g = vi - lo                                # double
    a, b = s[lo], s[lo + 1]
    d = np.float32(b - a)                      # float32 subtraction
    if g >= 0.5:
        return float(b) - float(d) * (1.0 - g)  # double, two roundings (no FMA)
    return float(a) + float(d) * g


def np_percentile(values_f32: np.ndarray, q) -> float:
    r = np.percentile(values_f32, q)
    assert isinstance(r, np.float64), type(r)  # numpy 1.26 returns float64 for float32 input
    return float(r)


def count_selected(values_f32: np.ndarray, threshold: float) -> int:
    """The released selection `torch_tensor >= numpy_float64`: torch (and numpy 1.x) round the
    scalar to the tensor's float32 first, then compare in float32."""
    t = torch.from_numpy(np.ascontiguousarray(values_f32, dtype=np.float32))
    n_torch = int((t >= np.float64(threshold)).sum())
    n_f32 = int((values_f32 >= np.float32(threshold)).sum())
    assert n_torch == n_f32
    return n_torch


PERCENTILE_QS = [0, 12.5, 30, 50, 70, 90, 99.9, 100]


def percentile_cases():
    rng = np.random.default_rng(PERCENTILE_SEED)
    one = np.float32(1.0)
    up = np.nextafter(one, np.float32(2.0))
    tiny = np.float32(1e-45)  # smallest float32 denormal
    cases = [
        [0.5], [0.0], [1e-45], [-3.25],
        [1.0, 2.0], [2.0, 1.0], [3.0, 3.0], [0.0, 1e-45], [float(one), float(up)],
        [0.1, 0.2, 0.3], [-1.0, 0.0, 1.0], [5.0, 5.0, 1.0], [1.0, 16777216.0, 16777218.0],
        [1.0] * 7,
        [1e-30, 1e30, -1e20, 3.5, 1e-40, 0.0, 2e-38],
        [0.0] * 6 + [1.0],
        [3.0, 1.0, 2.0, 2.0, 3.0, 1.0, 2.0],
        [1e-8, 1.0, 1e8, 0.1, 100.0, 3.0, 1e-3],
        list(rng.normal(0.0, 1.0, 7)),
        list(rng.uniform(0.0, 1.0, 100)),
        list(rng.normal(0.0, 1e-3, 100) ** 2),  # Fisher-like: squared small gradients
        [0.0] * 70 + list(rng.uniform(0.0, 1.0, 30)),
        list(rng.integers(0, 5, 100).astype(float)),
        list(rng.integers(1, 20, 100) * float(tiny)),  # denormals only
        list(np.exp(rng.uniform(-46.0, 46.0, 100))),  # 1e-20 .. 1e20
        list(rng.normal(0.0, 1e-2, 1000) ** 2),
        list(rng.integers(0, 5, 1000).astype(float)),
        list(rng.normal(0.0, 1.0, 1000)),
        [0.0] * 900 + list(rng.uniform(0.0, 1e-6, 100)),
        list(rng.uniform(0.0, 1.0, 1000)),
    ]
    out = []
    stats = {"f32_diff_matters": 0, "upper_form_matters": 0, "f32_compare_matters": 0}
    for vals in cases:
        v = np.array(vals, dtype=np.float64).astype(np.float32)
        rng.shuffle(v)  # unsorted input: the routine must sort
        expected, selected = [], []
        as_list = np.percentile(v, PERCENTILE_QS)
        for i, q in enumerate(PERCENTILE_QS):
            r = np_percentile(v, q)
            assert r == float(as_list[i]) and r == percentile_recipe(v, q), (vals, q)
            expected.append(r)
            selected.append(count_selected(v, r))
            # Which details of the recipe this case pins down:
            s = np.sort(v)
            vi = (v.size - 1) * (q / 100.0)
            if vi < v.size - 1:
                lo = math.floor(vi)
                g = vi - lo
                a, b = float(s[lo]), float(s[lo + 1])
                if a + (b - a) * g != r and b - (b - a) * (1.0 - g) != r:
                    stats["f32_diff_matters"] += 1
                d = float(np.float32(s[lo + 1] - s[lo]))
                if g >= 0.5 and a + d * g != r:
                    stats["upper_form_matters"] += 1
            if selected[-1] != int((v.astype(np.float64) >= r).sum()):
                stats["f32_compare_matters"] += 1
        out.append({"values": mr.F32(v), "q": PERCENTILE_QS, "expected": expected,
                    "selected": selected})
    for k, c in stats.items():
        assert c > 0, f"no percentile case exercises {k}"
    print(f"    percentile cases: {len(out)}, sizes {sorted({len(c) for c in cases})}, {stats}")
    return out


# ---------------------------------------------------------------------------------------------
# fisher_expected.json
# ---------------------------------------------------------------------------------------------

FISHER_PAIRS = [
    ("A man is playing a guitar on stage.", "Someone is performing music.", 0),
    ("The cat sat on the mat.", "A dog is barking loudly at the mailman outside.", 2),
    ("The committee approved the new budget after a long debate.", "The budget was rejected.", 1),
    ("Yes.", "No.", 0),
    ("Rain fell all day in the city.", "It was a dry and sunny afternoon in town.", 2),
    ("She bought three apples.", "She purchased apples at the market yesterday.", 1),
]
CONFIG_OVERRIDES = {"num_labels": 3, "hidden_dropout_prob": 0.0,
                    "attention_probs_dropout_prob": 0.0}
P_DS = [0.1, 0.3, 0.5, 1.0]


def fisher_batches(tok):
    batches = []
    for b in range(0, len(FISHER_PAIRS), 2):
        rows = FISHER_PAIRS[b:b + 2]
        encs = [tok(t, p, return_token_type_ids=True) for t, p, _ in rows]
        enc = tok.pad(encs, padding="longest", return_attention_mask=True)
        batch = {k: [list(map(int, r)) for r in enc[k]]
                 for k in ["input_ids", "attention_mask", "token_type_ids"]}
        batch["labels"] = [lab for _, _, lab in rows]
        lengths = [sum(m) for m in batch["attention_mask"]]
        assert min(lengths) < max(lengths), "each batch must pad one example"
        batches.append(batch)
    return batches


def calculate_fisher(model, batches, max_grad_norm):
    """The released ChildTuningDtrainer.calculate_fisher, minus the shuffled DataLoader."""
    model.train()
    scores = {n: p.new_zeros(p.size()) for n, p in model.named_parameters() if "layer" in n}
    n_batches = len(batches)
    norms, losses = [], []
    for batch in batches:
        inputs = {k: torch.tensor(v) for k, v in batch.items()}
        out = model(**inputs)
        out["loss"].backward()
        losses.append(np.float32(out["loss"].item()))
        per = {}
        for name, p in model.named_parameters():
            if "layer" in name:
                per[name] = np.float32(
                    torch.nn.utils.clip_grad_norm_(p, max_grad_norm).item())
                scores[name] += (p.grad ** 2) / n_batches
        norms.append(per)
        model.zero_grad()
    return scores, norms, losses


def clip_coef(norm: np.float32, max_norm: float) -> np.float32:
    return np.float32(torch.clamp(max_norm / (torch.tensor(norm) + 1e-6), max=1.0).item())


def make_fisher_golden(out: Path):
    model_dir = out / "models" / "tiny-bert"
    tok = AutoTokenizer.from_pretrained(str(model_dir))
    config = BertConfig.from_pretrained(str(model_dir), **CONFIG_OVERRIDES)
    assert config.classifier_dropout is None  # the head then uses hidden_dropout_prob (0)
    torch.manual_seed(0)
    model = BertForSequenceClassification(config)
    mr.fill_formula(model)
    batches = fisher_batches(tok)

    scores, norms, losses = calculate_fisher(model, batches, 1.0)
    # Reproducible despite model.train(): a second pass gives the same bits.
    scores2, _, _ = calculate_fisher(model, batches, 1.0)
    for n in scores:
        assert torch.equal(scores[n], scores2[n]), f"Fisher of {n} not reproducible"
    assert all(c == 1.0 for per in norms for c in (clip_coef(v, 1.0) for v in per.values())), \
        "tiny-bert gradients are expected below norm 1"
    # A smaller max_grad_norm makes the per-tensor clipping bite on some batches/tensors.
    small_clip = 0.045
    scores_c, norms_c, _ = calculate_fisher(model, batches, small_clip)
    assert norms_c == norms
    coefs_c = [{n: clip_coef(v, small_clip) for n, v in per.items()} for per in norms_c]
    n_clipped = sum(c < 1.0 for per in coefs_c for c in per.values())
    assert 10 <= n_clipped < sum(len(per) for per in coefs_c) - 10, n_clipped

    # Thresholds: the released code concatenates the scores in named_parameters order and takes
    # np.percentile(r, (1 - reserve_p) * 100); the mask is `score >= polar`.
    r = None
    for n, t in scores.items():
        v = t.view(-1).numpy()
        r = v if r is None else np.append(r, v)
    assert r.dtype == np.float32
    thresholds = []
    masks = {}
    for p_d in P_DS:
        q = (1 - p_d) * 100
        polar = np_percentile(r, q)
        assert polar == percentile_recipe(r, q)
        mask = {n: (t >= np.float64(polar)) for n, t in scores.items()}
        selected = int(sum(int(m.sum()) for m in mask.values()))
        assert selected == count_selected(r, polar)
        thresholds.append({"p_d": p_d, "q": q, "threshold": polar,
                           "threshold_f32": np.float32(polar), "selected": selected})
        if p_d == 0.3:
            masks = {n: [int(x) for x in m.view(-1).tolist()] for n, m in mask.items()}
    assert thresholds[-1]["selected"] == r.size
    total = r.size
    for t in thresholds[:-1]:
        assert abs(t["selected"] - t["p_d"] * total) <= 2, t  # ties are rare in these scores

    key_bias_max = max(float(scores[n].max()) for n in scores if n.endswith("key.bias"))
    notes = [
        "Model: BertForSequenceClassification built from models/tiny-bert/config.json with "
        "config_overrides (dropout OFF so the golden is reproducible; the released code keeps "
        "dropout on), every parameter overwritten with the weight formula (README), then "
        "model.train() as in the released calculate_fisher.",
        "Estimator (released ChildTuningDtrainer.calculate_fisher, batches in the given order, no "
        "shuffling): for each batch: loss = mean cross-entropy over the batch; loss.backward(); "
        "for every parameter whose name contains 'layer' (case-sensitive: the embeddings' "
        "'LayerNorm' does not count), in named_parameters order: "
        "torch.nn.utils.clip_grad_norm_(param, max_grad_norm) on that tensor alone (grad *= "
        "min(1, max_grad_norm / (||grad|| + 1e-6)), float32), then score += grad*grad / N "
        "(float32: square, divide by N = number of batches, add); zero_grad.",
        "scores use max_grad_norm 1.0 (the Trainer default); tiny-bert's per-tensor gradient "
        "norms (grad_norms, float32, before clipping) stay below 1 so nothing is clipped there. "
        "clipped_variant repeats the estimator with max_grad_norm 0.045, where clipping bites: "
        "its per-batch clip_coefficients and per-tensor score checksums (sequential float64 sum "
        "of the float32 scores) are given.",
        "thresholds: q = (1 - p_d) * 100 in double (as the released code), threshold = "
        "np.percentile(all scores concatenated in named_parameters order, q) (numpy 1.26, "
        "method linear, float64 result; see percentile_cases); the mask is score >= threshold "
        "where torch (and numpy 1.x) first round the float64 threshold to float32 (threshold_f32) "
        "and compare in float32; selected counts the ones.",
        f"The attention key biases get float-rounding-noise gradients only (they cannot change "
        f"the loss): their scores are <= {key_bias_max:.1e}, and the p_d 1.0 threshold (q 0, the "
        f"minimum) is one of them, so compare scores and thresholds with an absolute tolerance "
        f"(~1e-12) plus a relative one (~1e-4), not bit for bit.",
        "percentile_cases pin the percentile routine: expected[i] = np.percentile(values as a "
        "float32 array, q[i]) (a numpy.float64), selected[i] = count of values >= "
        "float32(expected[i]). Recipe (bit-exact): sort the float32 values; qf = q/100 (double); "
        "vi = (n-1)*qf (double); if vi >= n-1 return the max; i = floor(vi), g = vi - i; "
        "a = s[i], b = s[i+1]; d = b - a computed in FLOAT32; result = double(a) + double(d)*g "
        "if g < 0.5, else double(b) - double(d)*(1-g), each operation a separately rounded "
        "double (no FMA: one case here fails when a compiler contracts it into an fma, e.g. "
        "g++ -march=native without -ffp-contract=off). Denormals must not be flushed.",
    ]
    items = [
        ("notes", notes, "rows"),
        ("model", "tiny-bert", "line"),
        ("config_overrides", CONFIG_OVERRIDES, "line"),
        ("max_grad_norm", 1.0, "line"),
        ("batches", batches, "rows"),
        ("losses", losses, "line"),
        ("grad_norms", norms, "rows"),
        ("clipped_variant", {"max_grad_norm": small_clip, "clip_coefficients": coefs_c,
                             "score_checksums": {n: mr.checksum(t.view(-1).numpy())
                                                 for n, t in scores_c.items()}}, "line"),
        ("scores", {n: {"shape": list(t.shape), "data": mr.F32(t.numpy())}
                    for n, t in scores.items()}, "rows"),
        ("thresholds", thresholds, "rows"),
        ("mask_p0.3", masks, "rows"),
        ("percentile_cases", percentile_cases(), "rows"),
    ]
    write_json(out / "fisher_expected.json", items, 400_000)
    print(f"    {len(scores)} 'layer' tensors, {total} scores, losses "
          f"{[float(x) for x in losses]}, {n_clipped} clipped tensor-batches at {small_clip}")
    for t in thresholds:
        print(f"    p_d {t['p_d']}: q {t['q']!r} threshold {t['threshold']!r} "
              f"selected {t['selected']}/{total}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=HERE,
                    help="output folder holding models/tiny-bert (default: tests/reference)")
    args = ap.parse_args()
    have = {"transformers": transformers.__version__, "tokenizers": tokenizers.__version__,
            "numpy": np.__version__, "torch": torch.__version__}
    for k, prefix in EXPECTED_VERSIONS.items():
        if not have[k].startswith(prefix):
            sys.exit(f"need {k} {prefix}*, have {have[k]}")
    torch.manual_seed(0)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    transformers.logging.set_verbosity_error()
    print("optimizer_expected.json:")
    make_optimizer_golden(args.out)
    print("fisher_expected.json:")
    make_fisher_golden(args.out)


if __name__ == "__main__":
    main()
