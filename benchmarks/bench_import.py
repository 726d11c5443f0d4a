"""Time the importers on the real corpus: parse time per file, as a table and as JSON.

Run: python benchmarks/bench_import.py [--repeat N] [--json-only]
Goal: the CSA Regulation proposal (1 MB EUR-Lex HTML) parses well under 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eu_posities.importers import detect_format, parse_file  # noqa: E402

DATA = ROOT / "tests" / "data"
FILES = [
    DATA / "commission-proposal.eurlex.html",
    DATA / "commission-proposal.derived.txt",
    DATA / "reg-2024-903-oj.xhtml",
    DATA / "formex" / "reg-2024-903",
    DATA / "formex" / "reg-2008-1137",
    DATA / "formex" / "impl-reg-2011-1319",
    DATA / "COM-2025-1-proposal.html",
    DATA / "COM-2025-11-proposal.xhtml",
    DATA / "COM-2025-43-proposal.xhtml",
    DATA / "akn" / "akn-cirsfid-32014L0092-directive.xml",
    DATA / "akn" / "akn4eu-JOIN-2022-19-regulation-proposal.xml",
    DATA / "akn" / "akn4eu-leos-COM-2025-162-directive-proposal.xml",
    DATA / "akn" / "leos-mandate" / "mandate_add_bill_add__article_output.xml",
]


def size_of(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.glob("*.xml"))
    return path.stat().st_size


def measure(path: Path, repeat: int) -> dict[str, object]:
    times = []
    cpu = []
    stages = []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        stages = parse_file(path, leos_both=True).stages
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {
        "file": str(path.relative_to(ROOT)),
        "format": detect_format(path),
        "bytes": size_of(path),
        "stages": len(stages),
        "provisions": sum(len(s.provisions) for s in stages),
        "articles": sum(1 for s in stages[:1] for p in s.provisions if p.kind == "article"),
        "median_s": round(statistics.median(times), 4),
        "min_s": round(min(times), 4),
        "max_s": round(max(times), 4),
        # CPU time is steadier than wall time on a busy machine.
        "cpu_median_s": round(statistics.median(cpu), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json-only", action="store_true")
    args = parser.parse_args()
    rows = [measure(path, args.repeat) for path in FILES if path.exists()]
    result = {
        "repeat": args.repeat,
        "python": sys.version.split()[0],
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "files": rows,
    }
    if not args.json_only:
        header = (
            f"{'file':<62} {'format':<12} {'KB':>6} {'prov':>5} {'art':>4} {'median s':>9} "
            f"{'cpu s':>7}"
        )
        print(header)
        print("-" * len(header))
        for row in rows:
            print(
                f"{str(row['file'])[-62:]:<62} {row['format']!s:<12} "
                f"{int(row['bytes']) // 1024:>6} {row['provisions']:>5} {row['articles']:>4} "
                f"{row['median_s']:>9.4f} {row['cpu_median_s']:>7.4f}"
            )
        print()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
