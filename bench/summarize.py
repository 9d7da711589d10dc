#!/usr/bin/env python3
"""Prints the benchmark table (Markdown) from bench/run.sh's JSON lines.

Ratios are taken pair by pair (each ChildTune measurement against the peer measurement of the
same repetition, run next to it) and shown as median [min-max] over the repetitions, so that load
from other processes on a shared machine shows up as spread instead of hiding in a mean.

    python3 bench/summarize.py build-bench/bench-results.jsonl
"""

import json
import statistics
import sys
from collections import defaultdict


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                item = json.loads(line)
                rows.append((item["tag"], item["result"]))
    return rows


def spread(values, fmt="{:.2f}"):
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    med = statistics.median(values)
    if len(values) == 1:
        return fmt.format(med)
    return f"{fmt.format(med)} [{fmt.format(min(values))}-{fmt.format(max(values))}]"


def ratios(ours, theirs):
    return [a / b for a, b in zip(ours, theirs) if b]


def mean_std(values):
    if not values:
        return "-"
    if len(values) == 1:
        return f"{values[0]:.4f}"
    return f"{statistics.mean(values):.4f} ± {statistics.stdev(values):.4f}"


def main(path):
    rows = load(path)
    by = defaultdict(list)
    for tag, r in rows:
        by[tag].append(r)
    info = next((r for _, r in rows if r.get("impl") == "peer"), {})
    ours_info = next((r for _, r in rows if r.get("impl") == "childtune" and "torch" in r), {})
    print(f"ChildTune: LibTorch {ours_info.get('torch', '?')} ({ours_info.get('blas', '?')}); "
          f"peer: torch {info.get('torch', '?')} ({info.get('blas', '?')}); "
          f"threads {info.get('threads', '?')}\n")

    train = by.get("train", [])
    if train:
        print("### 1. Training throughput (examples/s; batch 16, max length 128)\n")
        print("| task | method | peer pad128 | ours dynamic | ours pad128 | "
              "ours dynamic / peer | ours pad128 / peer | mean length dyn / 128 |")
        print("|---|---|---|---|---|---|---|---|")
        keyed = defaultdict(list)
        for r in train:
            keyed[(r["task"], r["method"], r["impl"], r["pad"])].append(r)
        tasks = sorted({k[0] for k in keyed}, key=lambda t: (t != "RTE", t))
        for task in tasks:
            for method in ["vanilla", "ct-f", "ct-d"]:
                peer = [r["examples_per_s"] for r in keyed[(task, method, "peer", 128)]]
                dyn = [r["examples_per_s"] for r in keyed[(task, method, "childtune", 0)]]
                p128 = [r["examples_per_s"] for r in keyed[(task, method, "childtune", 128)]]
                lens = [r["seq_len_mean"] for r in keyed[(task, method, "childtune", 0)]]
                if not (peer or dyn or p128):
                    continue
                print(f"| {task} | {method} | {spread(peer)} | {spread(dyn)} | {spread(p128)} | "
                      f"{spread(ratios(dyn, peer))}x | {spread(ratios(p128, peer))}x | "
                      f"{spread(lens, '{:.1f}')} |")
        print("\n### 2. Child-Tuning overhead (median ms per step; ratio to vanilla)\n")
        print("| impl | task | pad | method | whole step | optimizer step (incl. mask) | "
              "whole step / vanilla | optimizer / vanilla |")
        print("|---|---|---|---|---|---|---|---|")
        for impl, pads in [("childtune", [0, 128]), ("peer", [128])]:
            for task in tasks:
                for pad in pads:
                    van = keyed[(task, "vanilla", impl, pad)]
                    for method in ["vanilla", "ct-f", "ct-d"]:
                        rs = keyed[(task, method, impl, pad)]
                        if not rs:
                            continue
                        step = [r["step_ms"] for r in rs]
                        opt = [r["opt_ms"] for r in rs]
                        print(f"| {impl} | {task} | {pad} | {method} | {spread(step, '{:.0f}')} | "
                              f"{spread(opt, '{:.1f}')} | "
                              f"{spread(ratios(step, [r['step_ms'] for r in van]))} | "
                              f"{spread(ratios(opt, [r['opt_ms'] for r in van]))} |")
        print()

    fisher = by.get("fisher", [])
    if fisher:
        print("### 3a. Fisher pass vs forward+backward over the same batches (RTE, pad 128)\n")
        print("| impl | batches | fwd+bwd s | Fisher pass s | Fisher / fwd+bwd |")
        print("|---|---|---|---|---|")
        for impl in ["peer", "childtune"]:
            rs = [r for r in fisher if r["impl"] == impl]
            if rs:
                print(f"| {impl} | {rs[0]['batches']} | {spread([r['fwd_bwd_s'] for r in rs])} | "
                      f"{spread([r['fisher_s'] for r in rs])} | "
                      f"{spread([r['ratio'] for r in rs])} |")
        print()

    select = by.get("select", [])
    if select:
        print("### 3b. Child-network selection, 302,309,376 scores (BERT-large encoder)\n")
        print("| impl | method | seconds | peak RSS MiB |")
        print("|---|---|---|---|")
        ours = [r for r in select if r["impl"] == "childtune"]
        if ours:
            print(f"| childtune | core::percentile only | "
                  f"{spread([r['percentile_s'] for r in ours])} | - |")
            print(f"| childtune | selectChildNetwork (threshold + masks) | "
                  f"{spread([r['select_s'] for r in ours])} | "
                  f"{spread([r['peak_rss_mib'] for r in ours], '{:.0f}')} |")
        for variant, label in [("released", "released: np.append loop + np.percentile + >="),
                               ("concatenate", "np.concatenate + np.percentile + >=")]:
            rs = [r for r in select if r["impl"] == "peer" and f"{variant}_s" in r]
            if rs:
                print(f"| peer | {label} | {spread([r[f'{variant}_s'] for r in rs])} | "
                      f"{spread([r['peak_rss_mib'] for r in rs], '{:.0f}')} |")
        print()

    memory = by.get("memory", [])
    if memory:
        print("### 4. Peak resident memory of a whole ct-d run (RTE, 400 examples, 1 epoch)\n")
        peer = [r["peak_rss_mib"] for r in memory if r["impl"] == "peer"]
        ours = [r["peak_rss_mib"] for r in memory if r["impl"] == "childtune"]
        print("| peer MiB | ours MiB | ours / peer |")
        print("|---|---|---|")
        print(f"| {spread(peer, '{:.0f}')} | {spread(ours, '{:.0f}')} | "
              f"{spread(ratios(ours, peer))} |\n")

    quality = by.get("quality", [])
    if quality:
        print("### 6. Same-seed quality: SST-2 dev accuracy (1 epoch on the first "
              f"{quality[0].get('train_examples', '?')} training examples)\n")
        print("| method | peer per seed | ours per seed | peer mean ± sd | ours mean ± sd |")
        print("|---|---|---|---|---|")
        for method in ["vanilla", "ct-d"]:
            peer = [r["accuracy"] for r in quality if r["impl"] == "peer" and r["method"] == method]
            ours = [r["accuracy"] for r in quality
                    if r["impl"] == "childtune" and r["method"] == method]
            print(f"| {method} | {', '.join(f'{a:.3f}' for a in peer)} | "
                  f"{', '.join(f'{a:.3f}' for a in ours)} | {mean_std(peer)} | "
                  f"{mean_std(ours)} |")
        print()

    bf16 = by.get("bf16-step", [])
    if bf16:
        print("### bf16 autocast (CPU): ct-d step on SST-2, pad 128\n")
        print("| impl | fp32 examples/s | bf16 examples/s | bf16 / fp32 |")
        print("|---|---|---|---|")
        for impl in ["childtune", "peer"]:
            f32 = [r["examples_per_s"] for r in bf16 if r["impl"] == impl and not r["bf16"]]
            b16 = [r["examples_per_s"] for r in bf16 if r["impl"] == impl and r["bf16"]]
            print(f"| {impl} | {spread(f32)} | {spread(b16)} | {spread(ratios(b16, f32))} |")
        print()
    bf16run = by.get("bf16-run", [])
    if bf16run:
        f32 = [r["accuracy"] for r in bf16run if not r["bf16"]]
        b16 = [r["accuracy"] for r in bf16run if r["bf16"]]
        t32 = [r["train_s"] for r in bf16run if not r["bf16"]]
        t16 = [r["train_s"] for r in bf16run if r["bf16"]]
        print("| ChildTune ct-d run | dev accuracy per seed | mean ± sd | train s |")
        print("|---|---|---|---|")
        print(f"| fp32 | {', '.join(f'{a:.3f}' for a in f32)} | {mean_std(f32)} | "
              f"{spread(t32, '{:.0f}')} |")
        print(f"| bf16 autocast | {', '.join(f'{a:.3f}' for a in b16)} | {mean_std(b16)} | "
              f"{spread(t16, '{:.0f}')} |\n")

    loadr = by.get("load", [])
    if loadr:
        print("### 5. Loading a BERT-large-sized safetensors file (335M float32, 1.34 GB; "
              "page cache warm)\n")
        print("| impl | seconds | peak RSS MiB | peak - before MiB | parameters MiB |")
        print("|---|---|---|---|---|")
        for impl in ["childtune", "peer"]:
            rs = [r for r in loadr if r["impl"] == impl]
            if not rs:
                continue
            extra = [r["peak_rss_mib"] - r["baseline_rss_mib"] for r in rs
                     if "baseline_rss_mib" in r]
            print(f"| {impl} | {spread([r['load_s'] for r in rs])} | "
                  f"{spread([r['peak_rss_mib'] for r in rs], '{:.0f}')} | "
                  f"{spread(extra, '{:.0f}')} | {rs[0]['parameters'] * 4 / 1048576:.0f} |")
        print()

    gui = by.get("gui", [])
    if gui:
        print("### 7. GUI costs on the GUI thread (ms; median [min-max] over processes of each "
              "process's median or percentile)\n")
        print("| measurement | median | p90 / p99 | target | load1 |")
        print("|---|---|---|---|---|")
        rows_of = defaultdict(list)
        for r in gui:
            rows_of[r["section"]].append(r)

        def loads(rs):
            return spread([r["load1_before"] for r in rs], "{:.1f}")

        rs = rows_of.get("replot", [])
        if rs:
            label = f"chart: 5 curves x {rs[0]['points_per_curve']:,} points"
            print(f"| {label}, flush {rs[0]['batch']} steps + replot | "
                  f"{spread([r['flush_replot_ms']['median'] for r in rs], '{:.1f}')} | "
                  f"p90 {spread([r['flush_replot_ms']['p90'] for r in rs], '{:.1f}')} | "
                  f"< {rs[0]['target_ms']} | {loads(rs)} |")
            print(f"| {label}, redraw | "
                  f"{spread([r['redraw_ms']['median'] for r in rs], '{:.1f}')} | "
                  f"p90 {spread([r['redraw_ms']['p90'] for r in rs], '{:.1f}')} | - | "
                  f"{loads(rs)} |")
        rs = rows_of.get("heatmap", [])
        if rs:
            print(f"| heatmap: {rs[0]['layers']} layers ({rs[0]['cells']} cells), update + "
                  f"replot | {spread([r['update_replot_ms']['median'] for r in rs], '{:.1f}')} | "
                  f"p90 {spread([r['update_replot_ms']['p90'] for r in rs], '{:.1f}')} | - | "
                  f"{loads(rs)} |")
        for model in sorted({r["model"] for r in rows_of.get("rethreshold", [])}):
            rs = [r for r in rows_of["rethreshold"] if r["model"] == model]
            scores = f"{rs[0]['scores']:,} scores"
            print(f"| what-if p_D ({model}, {scores}): core summarize | "
                  f"{spread([r['summarize_ms']['median'] for r in rs], '{:.1f}')} | "
                  f"p90 {spread([r['summarize_ms']['p90'] for r in rs], '{:.1f}')} | - | "
                  f"{loads(rs)} |")
            print(f"| what-if p_D ({model}): whole view update | "
                  f"{spread([r['page_rethreshold_ms']['median'] for r in rs], '{:.1f}')} | "
                  f"p90 {spread([r['page_rethreshold_ms']['p90'] for r in rs], '{:.1f}')} | "
                  f"< {rs[0]['target_ms']} | {loads(rs)} |")
        rs = rows_of.get("eventloop", [])
        if rs:
            print(f"| event-loop lateness ({rs[0]['tick_ms']} ms timer) while a tiny ct-d run "
                  f"trains ({spread([r['steps'] for r in rs], '{:.0f}')} steps) | "
                  f"p50 {spread([r['lateness_ms']['p50'] for r in rs], '{:.1f}')} | "
                  f"p99 {spread([r['lateness_ms']['p99'] for r in rs], '{:.1f}')} | "
                  f"p99 < {rs[0]['target_p99_ms']} | {loads(rs)} |")
        print()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "build-bench/bench-results.jsonl")
