"""Time reading and applying the 771 AI Act plenary amendments, with baselines from the same run.

Run: python benchmarks/bench_amendments.py [--repeat N] [--json-only]
Goal: reading + applying the 771 amendments (P9_TA(2023)0236, OJ XHTML) under 3 s.
Baselines measured alongside: the plain OJ XHTML importer on the same file (what today's
`eup import` does with it: reads "a title and six articles"), and the base proposal's parse.
Reads the real corpus in place (EU_POSITIES_CORPUS, default ../shared/corpus).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eu_posities.amending import apply_amendments  # noqa: E402
from eu_posities.importers import oj_xhtml, parse_file  # noqa: E402
from eu_posities.importers.amendments import oj_tables  # noqa: E402

CORPUS = Path(os.environ.get("EU_POSITIES_CORPUS", ROOT.parent / "shared" / "corpus"))
LIST = CORPUS / "ai-act" / "ep-amendments.P9-TA-2023-0236.oj.html"
PROPOSAL = CORPUS / "ai-act" / "commission-proposal.COM-2021-206.xhtml"


def timed(step: Callable[[], object], repeat: int) -> tuple[dict[str, float], object]:
    wall, cpu = [], []
    result: object = None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = step()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {
        "median_s": round(statistics.median(wall), 4),
        "min_s": round(min(wall), 4),
        "cpu_median_s": round(statistics.median(cpu), 4),
    }, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json-only", action="store_true")
    args = parser.parse_args()
    if not LIST.exists() or not PROPOSAL.exists():
        sys.exit(f"corpus not found under {CORPUS}")
    data = LIST.read_bytes()
    base = parse_file(PROPOSAL).stages[0].provisions
    document = oj_tables.parse(LIST, data)

    rows = []
    stats, _ = timed(lambda: oj_xhtml.parse(LIST, data), args.repeat)
    rows.append({"step": "baseline: OJ act importer on the list", **stats})
    stats, _ = timed(lambda: parse_file(PROPOSAL), args.repeat)
    rows.append({"step": "baseline: parse the proposal (base)", **stats})
    stats, _ = timed(lambda: oj_tables.parse(LIST, data), args.repeat)
    rows.append({"step": "read 771 amendments", **stats})
    stats, amended = timed(lambda: apply_amendments(base, document.amendments), args.repeat)
    rows.append({"step": "apply to the proposal", **stats})

    def both() -> object:
        return apply_amendments(base, parse_file(LIST).amendments)

    stats, _ = timed(both, args.repeat)
    rows.append({"step": "read + apply (parse_file, auto-detect)", **stats})
    baseline = rows[0]["median_s"]
    for row in rows:
        row["x_baseline"] = round(float(row["median_s"]) / baseline, 2) if baseline else None
    result = {
        "repeat": args.repeat,
        "python": sys.version.split()[0],
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "amendments": len(document.amendments),
        "summary": amended.summary(),  # type: ignore[attr-defined]
        "goal_s": 3.0,
        "rows": rows,
    }
    if not args.json_only:
        print(f"{'step':<42} {'median s':>9} {'min s':>7} {'cpu s':>7} {'x base':>7}")
        for row in rows:
            print(
                f"{row['step']:<42} {row['median_s']:>9.3f} {row['min_s']:>7.3f} "
                f"{row['cpu_median_s']:>7.3f} {row['x_baseline']:>7}"
            )
        print(result["summary"])
        print(f"load average: {result['load_average']}")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
