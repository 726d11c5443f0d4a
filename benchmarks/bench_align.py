"""Benchmark alignment speed and accuracy: real negotiation pairs and generated later stages.

1. Real pairs (corpus `real-pairs/` and the AI Act): the Commission proposal against the
   adopted act, the EP text or the Council general approach. Accuracy is the share of the
   article correspondences in each pair's `truth.json` (made by reading both texts) found
   among the alignment's rows; the misses are listed. Time is the best CPU time of REPEAT
   runs, today's aligner and the baseline (the aligner at commit 9b78290, frozen in
   benchmarks/baseline/) taking turns in one process, so a busy machine slows both alike.
2. Generated stages: the real CSA Regulation proposal against later stages made up by
   tests/stagegen.py (Council-style and final-act-style renumbering, insertions, deletions,
   splits, merges, moved text, edits) with known truth; moves: text the generator moved
   between provisions against the moves `diff_stages` reports, as recall/precision.
Prints tables, then one JSON line. Run: python benchmarks/bench_align.py [seeds]
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence

import _real
from _corpus import accuracy, expected_moves, stages
from baseline.align_9b78290 import align as baseline_align

from eu_posities.alignment import align
from eu_posities.diff import diff_stages
from eu_posities.document import ParsedProvision

REPEAT = 5
Aligner = Callable[[Sequence[ParsedProvision], Sequence[ParsedProvision]], list]  # type: ignore[type-arg]


def best_times(
    old: list[ParsedProvision], new: list[ParsedProvision], aligners: dict[str, Aligner]
) -> dict[str, float]:
    best = dict.fromkeys(aligners, float("inf"))
    for _ in range(REPEAT):
        for name, fn in aligners.items():
            start = time.process_time()  # CPU time: other processes do not inflate it
            fn(old, new)
            best[name] = min(best[name], time.process_time() - start)
    return best


def real_pairs() -> list[dict[str, object]]:
    aligners: dict[str, Aligner] = {"today": align, "baseline": baseline_align}
    rows: list[dict[str, object]] = []
    for name, (old, new) in _real.pairs().items():
        times = best_times(old, new, aligners)
        row: dict[str, object] = {
            "pair": name,
            "from": len(old),
            "to": len(new),
            "align_ms": times["today"] * 1000,
            "baseline_ms": times["baseline"] * 1000,
        }
        matches = align(old, new)
        row["moved_rows"] = sum(m.method == "moved" for m in matches)
        if name in _real.WITH_TRUTH:
            entries = _real.truth(name)
            for key, fn in aligners.items():
                got = {(m.from_label, m.to_label) for m in fn(old, new)}
                ok = _real.found(entries, got)
                row[f"{key}_found"] = sum(ok)
                row[f"{key}_misses"] = [
                    f"{e.old or '—'} → {e.new or '—'} ({e.kind})"
                    for e, hit in zip(entries, ok, strict=True)
                    if not hit
                ]
            row["entries"] = len(entries)
        rows.append(row)
    print(
        f"{'real pair':<12} {'from':>4} {'to':>4} {'ms today':>9} {'ms 9b78290':>10} "
        f"{'found today':>12} {'found 9b78290':>13} {'moved rows':>10}"
    )
    for r in rows:
        n = r.get("entries")
        today = f"{r['today_found']}/{n}" if n else "—"
        base = f"{r['baseline_found']}/{n}" if n else "—"
        print(
            f"{r['pair']:<12} {r['from']:>4} {r['to']:>4} {r['align_ms']:>9.1f} "
            f"{r['baseline_ms']:>10.1f} {today:>12} {base:>13} {r['moved_rows']:>10}"
        )
        for miss in r.get("today_misses", []):  # type: ignore[attr-defined]
            print(f"    still missed: {miss}")
    return rows


def generated(n: int) -> list[dict[str, object]]:
    rows = []
    for intensity in (1.0, 2.5):
        proposal, made_up = stages(range(n), intensity)
        for seed, new, truth in made_up:
            times = best_times(proposal, new, {"today": align, "baseline": baseline_align})
            matches = align(proposal, new)
            start = time.perf_counter()
            diffed = diff_stages(proposal, new, matches)
            diff_s = time.perf_counter() - start
            moves_want = expected_moves(new)
            moves_got = {(m.from_label, m.to_label) for m in diffed.moves}
            pred = [(m.from_label, m.to_label) for m in matches]
            want = {(t.from_label, t.to_label): t.status for t in truth}
            got = {(m.from_label, m.to_label): m.status for m in matches}
            status_ok = sum(got.get(k) == v for k, v in want.items()) / len(want)
            base_pred = [(m.from_label, m.to_label) for m in baseline_align(proposal, new)]
            rows.append(
                {
                    "seed": seed,
                    "style": "council" if seed % 2 == 0 else "final",
                    "intensity": intensity,
                    "from": len(proposal),
                    "to": len(new),
                    "align_ms": times["today"] * 1000,
                    "baseline_ms": times["baseline"] * 1000,
                    "diff_stages_ms": diff_s * 1000,
                    "accuracy": accuracy(pred, truth),
                    "baseline_accuracy": accuracy(base_pred, truth),
                    "status_accuracy": status_ok,
                    "moves_expected": len(moves_want),
                    "moves_found": len(moves_got),
                    "moves_right": len(moves_want & moves_got),
                }
            )
    print(
        f"\n{'intensity':>9} {'style':<8} {'stages':>6} {'align ms mean/max':>18} "
        f"{'9b78290 ms':>10} {'diff ms':>8} {'accuracy mean/min':>18} {'9b78290':>8} "
        f"{'status acc':>10} {'moves R/P':>11}"
    )
    summary = []
    for intensity in (1.0, 2.5):
        for style in ("council", "final"):
            sel = [r for r in rows if r["intensity"] == intensity and r["style"] == style]
            if not sel:
                continue

            def mean(key: str, sel: list[dict[str, object]] = sel) -> float:
                return sum(float(r[key]) for r in sel) / len(sel)  # type: ignore[arg-type]

            s = {
                "intensity": intensity,
                "style": style,
                "stages": len(sel),
                "align_ms_mean": mean("align_ms"),
                "align_ms_max": max(float(r["align_ms"]) for r in sel),  # type: ignore[arg-type]
                "baseline_ms_mean": mean("baseline_ms"),
                "diff_stages_ms_mean": mean("diff_stages_ms"),
                "accuracy_mean": mean("accuracy"),
                "accuracy_min": min(float(r["accuracy"]) for r in sel),  # type: ignore[arg-type]
                "baseline_accuracy_mean": mean("baseline_accuracy"),
                "status_accuracy_mean": mean("status_accuracy"),
                "move_recall": sum(int(r["moves_right"]) for r in sel)  # type: ignore[call-overload]
                / max(1, sum(int(r["moves_expected"]) for r in sel)),  # type: ignore[call-overload]
                "move_precision": sum(int(r["moves_right"]) for r in sel)  # type: ignore[call-overload]
                / max(1, sum(int(r["moves_found"]) for r in sel)),  # type: ignore[call-overload]
            }
            summary.append(s)
            print(
                f"{intensity:>9} {style:<8} {s['stages']:>6} "
                f"{s['align_ms_mean']:>8.1f} / {s['align_ms_max']:>7.1f} "
                f"{s['baseline_ms_mean']:>10.1f} {s['diff_stages_ms_mean']:>8.1f} "
                f"{s['accuracy_mean']:>8.4f} / {s['accuracy_min']:>7.4f} "
                f"{s['baseline_accuracy_mean']:>8.4f} {s['status_accuracy_mean']:>10.4f} "
                f"{s['move_recall']:>5.2f}/{s['move_precision']:<5.2f}"
            )
    return summary


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    print(f"best CPU time of {REPEAT} runs, the aligners taking turns (machine may be shared)\n")
    real = real_pairs()
    summary = generated(n)
    print(json.dumps({"real_pairs": real, "generated": summary}))


if __name__ == "__main__":
    main()
