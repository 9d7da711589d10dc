#!/usr/bin/env python3
"""Summarises experiment folders <out>/<task>/<method>/seed-N/results.json into a Markdown
table: per task and method, the mean, standard deviation (sample, n-1) and max over seeds of the
metric the paper reports (CoLA Matthews correlation, STS-B Spearman, MRPC F1, accuracy
otherwise), in percent.
Standard library only."""
import json
import statistics
import sys
from pathlib import Path

MAIN = {"CoLA": "matthews_correlation", "STS-B": "spearman", "MRPC": "f1", "QQP": "f1"}


def score(result, task):
    return 100.0 * result["metrics"][MAIN.get(task, "accuracy")]


def main(root):
    root = Path(root)
    rows = []
    methods_seen = []
    for task_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        cells = {}
        for method_dir in sorted(p for p in task_dir.iterdir() if p.is_dir()):
            scores = []
            for seed_dir in sorted(method_dir.glob("seed-*")):
                f = seed_dir / "results.json"
                if f.exists():
                    scores.append(score(json.loads(f.read_text()), task_dir.name))
            if scores:
                cells[method_dir.name] = scores
                if method_dir.name not in methods_seen:
                    methods_seen.append(method_dir.name)
        if cells:
            rows.append((task_dir.name, cells))
    order = [m for m in ("vanilla", "ct-f", "ct-d", "ct-d-random", "ct-d-lowest") if m in methods_seen]
    print("| task | " + " | ".join(f"{m} mean ± std (max) [n]" for m in order) + " |")
    print("|---|" + "---|" * len(order))
    for task, cells in rows:
        out = []
        for m in order:
            s = cells.get(m)
            if not s:
                out.append("–")
                continue
            std = statistics.stdev(s) if len(s) > 1 else 0.0
            out.append(f"{statistics.mean(s):.2f} ± {std:.2f} ({max(s):.2f}) [{len(s)}]")
        print(f"| {task} | " + " | ".join(out) + " |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "experiments/paper-small-tasks")
