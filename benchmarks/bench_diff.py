"""Benchmark word_diff against difflib, redlines and diff-match-patch on real provision pairs.

Pairs: every aligned provision pair between the CSA Regulation proposal (COM(2022) 209) and
generated later stages (made up by tests/stagegen.py). Prints a table, then one JSON line.
The machine may be shared: besides best-of wall times it reports medians of wall and CPU time
(time.process_time, which other processes do not inflate), over all pairs and over the
changed pairs only (identical pairs cost word_diff nothing, difflib the full price).
Run: python benchmarks/bench_diff.py [number of stages]
"""

from __future__ import annotations

import difflib
import json
import statistics
import sys
import time
from collections.abc import Callable

from _corpus import stages

from eu_posities.alignment import align
from eu_posities.diff import word_diff

REPEAT = 5


def hunks_word_diff(old: str, new: str) -> int:
    return sum(op.op != "equal" for op in word_diff(old, new))


def hunks_difflib(old: str, new: str) -> int:
    sm = difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False)
    return sum(tag != "equal" for tag, *_ in sm.get_opcodes())


def hunks_redlines(old: str, new: str) -> int:
    from redlines import Redlines

    return sum(tag != "equal" for tag, *_ in Redlines(old, new).opcodes)


def _dmp() -> Callable[[str, str], int]:
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()

    def hunks(old: str, new: str) -> int:
        diffs = dmp.diff_main(old, new)
        dmp.diff_cleanupSemantic(diffs)
        count, in_change = 0, False
        for tag, _ in diffs:
            if tag != 0 and not in_change:
                count += 1
            in_change = tag != 0
        return count

    return hunks


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    proposal, generated = stages(range(n))
    old_text = {p.label: p.text for p in proposal}
    pairs: list[tuple[str, str]] = []
    for _, new, _ in generated:
        new_text = {p.label: p.text for p in new}
        for m in align(proposal, new):
            if m.from_label and m.to_label:
                pairs.append((old_text[m.from_label], new_text[m.to_label]))
    changed = sum(a != b for a, b in pairs)
    tools: dict[str, Callable[[str, str], int]] = {
        "word_diff": hunks_word_diff,
        "difflib (words)": hunks_difflib,
        "redlines": hunks_redlines,
        "diff-match-patch": _dmp(),
    }
    results: dict[str, dict[str, float]] = {
        name: {"seconds": 0.0, "whole_run_seconds": float("inf"), "hunks": 0} for name in tools
    }
    # 1. Tools take turns on each pair, best of REPEAT each: a busy machine slows all alike.
    for a, b in pairs:
        best = dict.fromkeys(tools, float("inf"))
        for _ in range(REPEAT):
            for name, fn in tools.items():
                start = time.perf_counter()
                fn(a, b)
                best[name] = min(best[name], time.perf_counter() - start)
        for name in tools:
            results[name]["seconds"] += best[name]
    # 2. Each tool over all pairs in one go, REPEAT runs (warm caches, as in a report): best and
    # median wall time, median CPU time; then the same over the changed pairs only.
    changed_pairs = [(a, b) for a, b in pairs if a != b]
    for name, fn in tools.items():
        for key, subset in (("", pairs), ("changed_", changed_pairs)):
            walls, cpus = [], []
            for _ in range(REPEAT):
                start, cpu = time.perf_counter(), time.process_time()
                hunks = sum(fn(a, b) for a, b in subset)
                walls.append(time.perf_counter() - start)
                cpus.append(time.process_time() - cpu)
            r = results[name]
            r[f"{key}hunks"] = hunks
            r[f"{key}median_wall_seconds"] = statistics.median(walls)
            r[f"{key}median_cpu_seconds"] = statistics.median(cpus)
            if not key:
                r["whole_run_seconds"] = min(walls)
    base = results["word_diff"]
    print(f"{len(pairs)} provision pairs ({changed} changed) from {n} generated stages")
    print(
        f"per pair: sum over pairs of the best of {REPEAT}, tools taking turns; "
        f"whole run: best of {REPEAT} runs over all pairs; median wall and CPU of those runs, "
        f"over all pairs and over changed pairs only; ×: times word_diff; hunks: non-equal ops\n"
    )
    print(
        f"{'tool':<17} {'per pair ms':>11} {'×':>5} {'whole ms':>9} {'×':>5} "
        f"{'med wall':>9} {'med CPU':>8} {'×':>5} {'changed CPU':>11} {'×':>5} {'hunks':>6}"
    )
    for name, r in results.items():
        r["slower_than_word_diff"] = r["seconds"] / base["seconds"]
        r["whole_run_slower_than_word_diff"] = r["whole_run_seconds"] / base["whole_run_seconds"]
        r["cpu_slower_than_word_diff"] = r["median_cpu_seconds"] / base["median_cpu_seconds"]
        r["changed_cpu_slower_than_word_diff"] = (
            r["changed_median_cpu_seconds"] / base["changed_median_cpu_seconds"]
        )
        print(
            f"{name:<17} {r['seconds'] * 1000:>11.1f} {r['slower_than_word_diff']:>5.1f} "
            f"{r['whole_run_seconds'] * 1000:>9.1f} {r['whole_run_slower_than_word_diff']:>5.1f} "
            f"{r['median_wall_seconds'] * 1000:>9.1f} {r['median_cpu_seconds'] * 1000:>8.1f} "
            f"{r['cpu_slower_than_word_diff']:>5.1f} "
            f"{r['changed_median_cpu_seconds'] * 1000:>11.1f} "
            f"{r['changed_cpu_slower_than_word_diff']:>5.1f} {r['hunks']:>6}"
        )
    print(json.dumps({"pairs": len(pairs), "changed": changed, "results": results}))


if __name__ == "__main__":
    main()
