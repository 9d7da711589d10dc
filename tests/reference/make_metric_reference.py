#!/usr/bin/env python3
"""Writes tests/reference/metrics_expected.json: GLUE metric values from scikit-learn and SciPy.

tests/core/metrics_test.cpp recomputes every value with childtune/metrics.h and requires
|difference| <= 1e-12 (NaN must match NaN). Run by hand, never in CI:

    /root/ct-refvenv/bin/python tests/reference/make_metric_reference.py

Deterministic and idempotent: the inputs come from a seeded numpy Generator and every number is
written with repr (shortest round-trip), so two runs give byte-identical files. Inputs are rounded
(to 0.5, 0.001 or a few significant digits) where full precision is not the point, which keeps
the file small; the rounded values are exactly what SciPy sees, since the script works on the
parsed-back doubles.

Conventions in the JSON (no NaN/Infinity literals exist in JSON):
  * a float input or expected value that is NaN or infinite is written as the string "nan",
    "inf" or "-inf";
  * a classification case whose f1_score raises in sklearn has "f1_error": "multiclass" (pred and
    gold hold more than two labels) or "pos_label_absent" (two labels, none of them `positive`)
    instead of "f1".
"""

import argparse
import json
import math
import pathlib
import sys
import warnings

import numpy as np
import scipy
import scipy.stats
import sklearn
from sklearn.metrics import accuracy_score, f1_score, matthews_corrcoef

HEADER = '{"@generated": "by tests/reference/make_metric_reference.py; do not edit",'
SEED = 20240607


def check_versions():
    wanted = {"numpy": (np.__version__, "1.26"), "scipy": (scipy.__version__, "1.13"),
              "scikit-learn": (sklearn.__version__, "1.5")}
    for name, (have, prefix) in wanted.items():
        if not have.startswith(prefix + "."):
            sys.exit(f"{name} {have} found, but the reference is pinned to {prefix}.x")


def encode_float(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def roundtrip(values):
    """The doubles C++ will parse from the JSON text (repr round-trips exactly)."""
    return np.array([float(repr(float(v))) for v in values], dtype=np.float64)


# ---------------------------------------------------------------------------------------------
# Classification

def classification_case(name, pred, gold, positive=1):
    pred = np.asarray(pred, dtype=np.int64)
    gold = np.asarray(gold, dtype=np.int64)
    assert pred.shape == gold.shape and pred.size > 0, name
    case = {"name": name, "positive": positive,
            "pred": [int(v) for v in pred], "gold": [int(v) for v in gold],
            "accuracy": encode_float(accuracy_score(gold, pred))}
    try:
        case["f1"] = encode_float(f1_score(gold, pred, pos_label=positive, average="binary",
                                           zero_division=0))
    except ValueError as error:
        text = str(error)
        if "Target is multiclass but average='binary'" in text:
            case["f1_error"] = "multiclass"
        elif "is not a valid label" in text:
            case["f1_error"] = "pos_label_absent"
        else:
            raise
    case["matthews_correlation"] = encode_float(matthews_corrcoef(gold, pred))
    if "f1" in case:
        # run_glue's combined_score for MRPC/QQP: np.mean over {"accuracy", "f1"}.
        case["combined"] = encode_float(np.mean([case["accuracy"], case["f1"]]))
    return case


def flip(rng, labels, rate, num_classes=2):
    """labels with a fraction `rate` replaced by a different random class."""
    out = labels.copy()
    mask = rng.random(labels.size) < rate
    shift = rng.integers(1, num_classes, size=labels.size)
    out[mask] = (labels[mask] + shift[mask]) % num_classes
    return out


def classification_cases(rng):
    cases = []
    # Hand-picked small cases.
    cases.append(classification_case("size1_correct", [1], [1]))
    cases.append(classification_case("size1_wrong", [0], [1]))
    cases.append(classification_case("size1_negative_correct", [0], [0]))
    cases.append(classification_case("size2_mixed", [0, 1], [1, 1]))
    cases.append(classification_case("sklearn_doc_mcc", [1, -1, 1, 1], [1, 1, 1, -1]))
    cases.append(classification_case("labels_minus1_plus1", [1, -1, -1, 1, 1], [1, 1, -1, -1, 1]))
    cases.append(classification_case("positive_zero", [0, 0, 1, 1, 0, 1], [0, 1, 1, 0, 0, 0],
                                     positive=0))
    cases.append(classification_case("pos_label_absent", [0, 2, 2, 0], [0, 2, 0, 2]))
    cases.append(classification_case("positive_absent_one_label", [0, 0, 0], [0, 0, 0]))
    cases.append(classification_case("all_one_class_correct", [1] * 50, [1] * 50))
    cases.append(classification_case("all_zero_correct", [0] * 50, [0] * 50))
    gold = (rng.random(60) < 0.5).astype(np.int64)
    cases.append(classification_case("pred_all_one_class", np.ones(60, np.int64), gold))
    cases.append(classification_case("pred_all_zero", np.zeros(60, np.int64), gold))
    cases.append(classification_case("gold_all_zero", gold, np.zeros(60, np.int64)))
    cases.append(classification_case("gold_all_one", gold, np.ones(60, np.int64)))

    # Perfect and inverted binary predictions.
    gold = (rng.random(200) < 0.4).astype(np.int64)
    cases.append(classification_case("perfect_binary_200", gold, gold))
    cases.append(classification_case("inverted_binary_200", 1 - gold, gold))

    # Random binary sets, sizes 1..2000, error rates from chance to nearly perfect.
    for n, rate in [(1, 0.5), (2, 0.5), (3, 0.3), (5, 0.4), (17, 0.25), (64, 0.5), (100, 0.1),
                    (408, 0.15), (1000, 0.2), (2000, 0.05), (2000, 0.5)]:
        gold = (rng.random(n) < 0.5).astype(np.int64)
        cases.append(classification_case(f"binary_n{n}_err{rate}", flip(rng, gold, rate), gold))

    # Imbalanced (CoLA-like 70/30 and a rare positive class).
    for n, share, rate in [(1043, 0.7, 0.2), (500, 0.03, 0.1), (2000, 0.01, 0.02)]:
        gold = (rng.random(n) < share).astype(np.int64)
        cases.append(classification_case(f"imbalanced_n{n}_pos{share}", flip(rng, gold, rate),
                                         gold))

    # Multi-class (MNLI-like, 3 classes): f1 raises, MCC uses the K-class formula.
    for n, rate in [(3, 0.5), (30, 0.3), (300, 0.4), (2000, 0.25), (2000, 0.67)]:
        gold = rng.integers(0, 3, size=n)
        cases.append(classification_case(f"multiclass3_n{n}_err{rate}",
                                         flip(rng, gold, rate, 3), gold))
    gold = rng.integers(0, 3, size=150)
    cases.append(classification_case("multiclass3_perfect", gold, gold))
    cases.append(classification_case("multiclass3_rotated", (gold + 1) % 3, gold))
    # A class present only in the predictions, and sparse label values.
    cases.append(classification_case("multiclass_extra_pred_class", [0, 1, 2, 2, 1, 0, 2],
                                     [0, 1, 1, 0, 1, 0, 1]))
    labels = np.array([3, 7, 100, -5])
    gold = rng.choice(labels, size=250)
    pred = gold.copy()
    mask = rng.random(250) < 0.35
    pred[mask] = rng.choice(labels, size=int(mask.sum()))
    cases.append(classification_case("multiclass4_sparse_labels", pred, gold))
    pred = gold.copy()
    pred[rng.random(250) < 0.3] = 7
    cases.append(classification_case("multiclass4_biased_to_7", pred, gold))
    return cases


# ---------------------------------------------------------------------------------------------
# Regression

def scipy_pearson(x, y):
    """pearsonr's statistic, or NaN and the reason where SciPy raises instead."""
    if len(x) < 2:
        return float("nan"), ("scipy.stats.pearsonr raises for n < 2; ChildTune's pearson "
                              "returns NaN there, like spearmanr")
    try:
        return scipy.stats.pearsonr(x, y).statistic, None
    except ValueError as error:
        if "must not contain infs or NaNs" not in str(error):
            raise
        return float("nan"), ("scipy.stats.pearsonr raises for NaN/inf input when n > 2; "
                              "ChildTune's pearson returns NaN")


def regression_case(name, x, y):
    x = roundtrip(x)
    y = roundtrip(y)
    assert x.shape == y.shape and x.size > 0, name
    pearson, note = scipy_pearson(x, y)
    spearman = scipy.stats.spearmanr(x, y).statistic
    case = {"name": name, "x": [encode_float(v) for v in x], "y": [encode_float(v) for v in y],
            "pearson": encode_float(pearson), "spearman": encode_float(spearman),
            # run_glue's combined_score for STS-B: np.mean over {"pearson", "spearmanr"}.
            "combined": encode_float(np.mean([pearson, spearman]))}
    if note:
        case["note"] = note
    return case


def sts_labels(rng, n):
    return np.round(rng.uniform(0.0, 5.0, size=n) * 2.0) / 2.0


def regression_cases(rng):
    cases = []
    cases.append(regression_case("size1", [2.5], [3.0]))
    cases.append(regression_case("size2_same_direction", [0.5, 2.0], [1.0, 4.5]))
    cases.append(regression_case("size2_opposite", [0.5, 2.0], [4.5, 1.0]))
    cases.append(regression_case("size3", [1.0, 2.0, 4.0], [1.5, 1.0, 5.0]))
    cases.append(regression_case("constant_x", [2.0] * 20, sts_labels(rng, 20)))
    cases.append(regression_case("constant_y", sts_labels(rng, 20), [3.5] * 20))
    cases.append(regression_case("both_constant", [1.0] * 7, [1.0] * 7))
    cases.append(regression_case("size2_constant_y", [1.0, 2.0], [3.0, 3.0]))
    cases.append(regression_case("signed_zeros_constant", [0.0, -0.0, 0.0], [1.0, 2.0, 3.0]))
    cases.append(regression_case("nan_in_x", [1.0, float("nan"), 3.0, 4.0], [1.0, 2.0, 3.5, 5.0]))
    cases.append(regression_case("nan_size2", [float("nan"), 1.0], [1.0, 2.0]))
    # Only +inf: SciPy's NaN test is np.isnan(np.sum(a)) over x and y together, so +inf and -inf
    # anywhere in the input make spearmanr return NaN, where ChildTune ranks them (see metrics.h).
    cases.append(regression_case("inf_in_y", [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
                                 [0.5, float("inf"), 1.0, float("inf"), 2.0, -3.0]))

    gold = sts_labels(rng, 100)
    cases.append(regression_case("perfect_sts_100", gold, gold))
    cases.append(regression_case("inverted_sts_100", 5.0 - gold, gold))
    x = rng.normal(size=300)
    cases.append(regression_case("monotone_nonlinear_300", np.round(x, 6),
                                 np.round(np.exp(2.0 * x), 6)))

    # Full-precision continuous values.
    for n in [3, 4, 10, 57, 400]:
        x = rng.normal(size=n)
        y = 0.6 * x + 0.8 * rng.normal(size=n)
        cases.append(regression_case(f"normal_full_precision_n{n}", x, y))

    # STS-B-like: gold rounded to 0.5 in [0, 5], predictions rounded to 0.5 (ties-heavy) or to
    # 0.001 (like a regression head's output).
    for n, noise in [(5, 1.0), (50, 0.8), (1500, 0.7), (2000, 2.0)]:
        gold = sts_labels(rng, n)
        pred = np.clip(np.round((gold + rng.normal(scale=noise, size=n)) * 2.0) / 2.0, 0.0, 5.0)
        cases.append(regression_case(f"sts_ties_n{n}_noise{noise}", pred, gold))
    for n, noise in [(200, 0.5), (1500, 1.2)]:
        gold = sts_labels(rng, n)
        pred = np.round(gold + rng.normal(scale=noise, size=n), 3)
        cases.append(regression_case(f"sts_continuous_n{n}_noise{noise}", pred, gold))
    gold = sts_labels(rng, 40)
    cases.append(regression_case("sts_uncorrelated_40", sts_labels(rng, 40), gold))

    # Numerically hard: a large common offset (naive one-pass formulas lose every digit), and
    # magnitudes whose squares overflow or underflow a double.
    x = np.round(rng.normal(size=200), 3)
    y = np.round(0.3 * x + rng.normal(size=200), 3)
    cases.append(regression_case("offset_1e9", 1e9 + x, y - 5e8))
    x = np.array([float(f"{v:.4e}") for v in rng.normal(size=50)])
    y = np.array([float(f"{v:.4e}") for v in 0.5 * x + rng.normal(size=50)])
    cases.append(regression_case("scale_1e200", x * 1e200, y * 1e180))
    cases.append(regression_case("scale_1e-200", x * 1e-200, y * 1e-190))
    return cases


def dump(document):
    lines = [HEADER]
    lines.append(' "versions": ' + json.dumps(document["versions"], sort_keys=True) + ",")
    lines.append(' "notes": [')
    lines.append(",\n".join("  " + json.dumps(note) for note in document["notes"]))
    lines.append(" ],")
    for key in ["classification", "regression"]:
        lines.append(f' "{key}": [')
        lines.append(",\n".join("  " + json.dumps(case, allow_nan=False)
                                for case in document[key]))
        lines.append(" ]" + ("," if key == "classification" else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path,
                        default=pathlib.Path(__file__).resolve().parent / "metrics_expected.json")
    args = parser.parse_args()
    check_versions()
    warnings.simplefilter("ignore")  # constant-input and zero-division warnings are expected

    rng = np.random.default_rng(SEED)
    document = {
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__,
                     "scikit-learn": sklearn.__version__},
        "notes": [
            "classification: accuracy = sklearn.metrics.accuracy_score(gold, pred); f1 = "
            "f1_score(gold, pred, pos_label=positive, average='binary', zero_division=0); "
            "matthews_correlation = matthews_corrcoef(gold, pred); combined = "
            "np.mean([accuracy, f1]).",
            "f1_error: 'multiclass' when sklearn raises \"Target is multiclass but "
            "average='binary'\", 'pos_label_absent' when it raises \"pos_label=... is not a "
            "valid label\".",
            "regression: pearson = scipy.stats.pearsonr(x, y).statistic (NaN where SciPy raises: "
            "n = 1, or NaN/inf input with n > 2; such cases carry a 'note'); spearman = scipy.stats.spearmanr(x, y).statistic; combined = "
            "np.mean([pearson, spearman]).",
            "Non-finite floats are the strings 'nan', 'inf', '-inf'.",
        ],
        "classification": classification_cases(rng),
        "regression": regression_cases(rng),
    }
    text = dump(document)
    json.loads(text)  # must be valid JSON
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode('utf-8'))} bytes, "
          f"{len(document['classification'])} classification and "
          f"{len(document['regression'])} regression cases)")


if __name__ == "__main__":
    main()
