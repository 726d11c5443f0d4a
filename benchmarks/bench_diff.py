"""Benchmark word_diff against difflib, a plain rapidfuzz diff and others, on two sets of pairs.

1. Real changes: every changed article pair of the real proposal → later-stage pairs present
   in the corpus (AI Act proposal → Council general approach, DMA and CRA proposal → act,
   Data Act proposal → EP text), paired by today's aligner. Heavy rewrites, long texts.
2. Generated changes: every aligned provision pair between the CSA Regulation proposal
   (COM(2022) 209) and later stages made up by tests/stagegen.py (sparse edits).

Tools: today's word_diff (with the compiled helpers when they are built, and without them);
word_diff at commit 9b78290 (frozen in benchmarks/baseline/);
difflib on words; a plain rapidfuzz diff (regex tokens + Indel.opcodes, no clean-up); and on
the generated set also redlines and diff-match-patch (if installed: pip install -e ".[bench]").
The machine may be shared: tools take turns, and the table shows the median and
the best CPU time (time.process_time) of REPEAT runs over all pairs of a set, each as a multiple
of word_diff's, and hunks (non-equal ops). Prints tables, then one JSON line.
Run: python benchmarks/bench_diff.py [number of generated stages]
"""

from __future__ import annotations

import difflib
import json
import re
import statistics
import sys
import time
from collections.abc import Callable

import _real
from _corpus import stages
from baseline.diff_9b78290 import word_diff as baseline_word_diff
from rapidfuzz.distance import Indel

from eu_posities.alignment import align
from eu_posities.diff import word_diff
from eu_posities.diff.native import NATIVE, python_only

REPEAT = 11
_PLAIN_TOKEN = re.compile(r"\w+|[^\w\s]")

Pairs = list[tuple[str, str]]


def hunks_word_diff(old: str, new: str) -> int:
    return sum(op.op != "equal" for op in word_diff(old, new))


def hunks_python_only(old: str, new: str) -> int:
    """word_diff without the compiled helpers, as on a machine that had no C compiler."""
    with python_only():
        return sum(op.op != "equal" for op in word_diff(old, new))


def hunks_baseline(old: str, new: str) -> int:
    return sum(op.op != "equal" for op in baseline_word_diff(old, new))


def hunks_difflib(old: str, new: str) -> int:
    sm = difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False)
    return sum(tag != "equal" for tag, *_ in sm.get_opcodes())


def hunks_plain(old: str, new: str) -> int:
    """The plain baseline: regex tokens, an exact LCS by rapidfuzz, no clean-up at all."""
    ops = Indel.opcodes(_PLAIN_TOKEN.findall(old), _PLAIN_TOKEN.findall(new))
    return sum(tag != "equal" for tag, *_ in ops)


def hunks_redlines(old: str, new: str) -> int:
    from redlines import Redlines

    return sum(tag != "equal" for tag, *_ in Redlines(old, new).opcodes)


def _installed(module: str) -> bool:
    from importlib.util import find_spec

    return find_spec(module) is not None


def _dmp() -> Callable[[str, str], int] | None:
    try:
        from diff_match_patch import diff_match_patch
    except ImportError:
        return None
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


def real_pairs() -> Pairs:
    pairs: Pairs = []
    for _, (old, new) in _real.pairs().items():
        old_by = {p.label: p for p in old}
        new_by = {p.label: p for p in new}
        for m in align(old, new):
            if not (m.from_label and m.to_label):
                continue
            a, b = old_by[m.from_label], new_by[m.to_label]
            if a.kind == "article" and a.text != b.text:
                pairs.append((a.text, b.text))
    return pairs


def generated_pairs(n: int) -> Pairs:
    proposal, made_up = stages(range(n))
    old_text = {p.label: p.text for p in proposal}
    pairs: Pairs = []
    for _, new, _ in made_up:
        new_text = {p.label: p.text for p in new}
        for m in align(proposal, new):
            if m.from_label and m.to_label:
                pairs.append((old_text[m.from_label], new_text[m.to_label]))
    return pairs


def measure(pairs: Pairs, tools: dict[str, Callable[[str, str], int]]) -> dict[str, dict]:  # type: ignore[type-arg]
    """CPU time of each tool over all pairs, REPEAT times. Tools take turns, so that a busy
    spell of the machine (other processes share its caches and cores) slows all alike; each
    runs over the whole set at once, as a report over a dossier does."""
    cpu: dict[str, list[float]] = {name: [] for name in tools}
    hunks: dict[str, int] = {}
    for _ in range(REPEAT):
        for name, fn in tools.items():
            start = time.process_time()
            hunks[name] = sum(fn(a, b) for a, b in pairs)
            cpu[name].append(time.process_time() - start)
    base, best = statistics.median(cpu["word_diff"]), min(cpu["word_diff"])
    return {
        name: {
            "median_cpu_ms": statistics.median(times) * 1000,
            "best_cpu_ms": min(times) * 1000,
            "times_word_diff": statistics.median(times) / base,
            "best_times_word_diff": min(times) / best,
            "hunks": hunks[name],
        }
        for name, times in cpu.items()
    }


def table(title: str, pairs: Pairs, results: dict[str, dict]) -> None:  # type: ignore[type-arg]
    words = sum(len(a.split()) + len(b.split()) for a, b in pairs)
    print(f"\n{title}: {len(pairs)} pairs, {words} words")
    print(
        f"{'tool':<17} {'median CPU ms':>13} {'× word_diff':>11} {'best ms':>8} "
        f"{'× (best)':>8} {'hunks':>7}"
    )
    for name, r in results.items():
        print(
            f"{name:<17} {r['median_cpu_ms']:>13.1f} {r['times_word_diff']:>11.2f} "
            f"{r['best_cpu_ms']:>8.1f} {r['best_times_word_diff']:>8.2f} {r['hunks']:>7}"
        )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    print(
        "compiled helpers: "
        + ("built" if NATIVE is not None else "not built (word_diff runs in Python only)")
    )
    core: dict[str, Callable[[str, str], int]] = {
        "word_diff": hunks_word_diff,
        "… Python only": hunks_python_only,
        "word_diff 9b78290": hunks_baseline,
        "plain rapidfuzz": hunks_plain,
        "difflib (words)": hunks_difflib,
    }
    out: dict[str, object] = {}
    real = real_pairs()
    if real:
        out["real"] = {"pairs": len(real), "results": measure(real, core)}
        table("Real changed article pairs", real, out["real"]["results"])  # type: ignore[index]
    extra = dict(core)
    if _installed("redlines"):
        extra["redlines"] = hunks_redlines
    dmp = _dmp()
    if dmp is not None:
        extra["diff-match-patch"] = dmp
    generated = generated_pairs(n)
    out["generated"] = {"pairs": len(generated), "results": measure(generated, extra)}
    table(f"Generated stages ({n})", generated, out["generated"]["results"])  # type: ignore[index]
    out["compiled_helpers"] = NATIVE is not None
    print(json.dumps(out))


if __name__ == "__main__":
    main()
