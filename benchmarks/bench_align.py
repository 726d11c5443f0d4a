"""Benchmark alignment speed and accuracy: the real proposal against generated later stages.

Generated stages are made up by tests/stagegen.py (Council-style and final-act-style
renumbering, insertions, deletions, splits, merges, moved text, edits) with known truth.
Moves: text the generator moved between provisions (recorded when a clause of 6+ words
moved) against the moves `diff_stages` reports, as recall/precision. Prints a table, then
one JSON line. Run: python benchmarks/bench_align.py [seeds]
"""

from __future__ import annotations

import json
import sys
import time

from _corpus import accuracy, expected_moves, stages

from eu_posities.alignment import align
from eu_posities.diff import diff_stages


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    rows = []
    for intensity in (1.0, 2.5):
        proposal, generated = stages(range(n), intensity)
        for seed, new, truth in generated:
            start = time.perf_counter()
            matches = align(proposal, new)
            align_s = time.perf_counter() - start
            start = time.perf_counter()
            diffed = diff_stages(proposal, new, matches)
            diff_s = time.perf_counter() - start
            moves_want = expected_moves(new)
            moves_got = {(m.from_label, m.to_label) for m in diffed.moves}
            pred = [(m.from_label, m.to_label) for m in matches]
            want = {(t.from_label, t.to_label): t.status for t in truth}
            got = {(m.from_label, m.to_label): m.status for m in matches}
            status_ok = sum(got.get(k) == v for k, v in want.items()) / len(want)
            rows.append(
                {
                    "seed": seed,
                    "style": "council" if seed % 2 == 0 else "final",
                    "intensity": intensity,
                    "from": len(proposal),
                    "to": len(new),
                    "align_ms": align_s * 1000,
                    "diff_stages_ms": diff_s * 1000,
                    "accuracy": accuracy(pred, truth),
                    "status_accuracy": status_ok,
                    "moves_expected": len(moves_want),
                    "moves_found": len(moves_got),
                    "moves_right": len(moves_want & moves_got),
                }
            )
    print(
        f"{'intensity':>9} {'style':<8} {'stages':>6} {'align ms mean/max':>18} "
        f"{'diff ms mean':>12} {'accuracy mean/min':>18} {'status acc':>10} {'moves R/P':>11}"
    )
    summary = []
    for intensity in (1.0, 2.5):
        for style in ("council", "final"):
            sel = [r for r in rows if r["intensity"] == intensity and r["style"] == style]
            s = {
                "intensity": intensity,
                "style": style,
                "stages": len(sel),
                "align_ms_mean": sum(r["align_ms"] for r in sel) / len(sel),
                "align_ms_max": max(r["align_ms"] for r in sel),
                "diff_stages_ms_mean": sum(r["diff_stages_ms"] for r in sel) / len(sel),
                "accuracy_mean": sum(r["accuracy"] for r in sel) / len(sel),
                "accuracy_min": min(r["accuracy"] for r in sel),
                "status_accuracy_mean": sum(r["status_accuracy"] for r in sel) / len(sel),
                "move_recall": sum(r["moves_right"] for r in sel)
                / max(1, sum(r["moves_expected"] for r in sel)),
                "move_precision": sum(r["moves_right"] for r in sel)
                / max(1, sum(r["moves_found"] for r in sel)),
            }
            summary.append(s)
            print(
                f"{intensity:>9} {style:<8} {s['stages']:>6} "
                f"{s['align_ms_mean']:>8.1f} / {s['align_ms_max']:>7.1f} "
                f"{s['diff_stages_ms_mean']:>12.1f} "
                f"{s['accuracy_mean']:>8.4f} / {s['accuracy_min']:>7.4f} "
                f"{s['status_accuracy_mean']:>10.4f} "
                f"{s['move_recall']:>5.2f}/{s['move_precision']:<5.2f}"
            )
    print(json.dumps({"summary": summary}))


if __name__ == "__main__":
    main()
