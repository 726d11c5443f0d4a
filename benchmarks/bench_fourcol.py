"""Four-column import of the real AI Act document: time, memory, and what comes out.

Run: python benchmarks/bench_fourcol.py [--repeat N] [--no-baseline] [--check] [--json-only]

Every measurement runs in a fresh child process (library imports included, interpreter
start-up not); wall time and CPU time are both reported, since the machine is shared and
its load varies from one run to the next (the ratios to the baseline measured in the same
run are the result). Modes:

  baseline   the import as it is without this reader: the generic PDF path (pdfplumber's
             table finder on every page, then its text lines), `pdf_import.parse`
  fourcol    `parse_file()`: detection, then the four-column reader (the goal: under 10 s)
  glyphs     the PDF glyph layer alone (`read_pages`: spans, rectangles, lines), the part of
             `fourcol` spent in pdfium

`--check` adds the word agreement of the Commission and Council columns with the real
Commission proposal (XHTML) and the real general approach (as today's PDF importer reads
it, and as its text layer reads), per provision: the worst ones are listed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("EU_POSITIES_CORPUS") or ROOT.parent / "shared" / "corpus")
FILE = "ai-act/four-column.ST-11320-2023-REV-1.pdf"
PROPOSAL = "ai-act/commission-proposal.COM-2021-206.xhtml"
GENERAL_APPROACH = "ai-act/council-general-approach.ST-15698-2022.pdf"
MODES = ["baseline", "fourcol", "glyphs"]


def _child(mode: str, path: str) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    wall, cpu = time.perf_counter(), time.process_time()
    result: dict[str, object]
    if mode == "baseline":
        from eu_posities.importers import pdf_import

        document = pdf_import.parse(Path(path), Path(path).read_bytes())
        result = {"stages": len(document.stages),
                  "provisions": sum(len(s.provisions) for s in document.stages)}  # fmt: skip
    elif mode == "fourcol":
        from eu_posities.importers import parse_file

        document = parse_file(Path(path))
        coverage = document.coverage
        result = {
            "stages": [s.name for s in document.stages],
            "provisions": [len(s.provisions) for s in document.stages],
            "rows": len(document.rows),
            "coverage": round(coverage.share, 4) if coverage else None,
        }
    else:
        from eu_posities.importers.pdf import read_pages

        spans = sum(len(page.spans) for page in read_pages(Path(path)))
        result = {"spans": spans}
    result["seconds"] = round(time.perf_counter() - wall, 3)
    result["cpu"] = round(time.process_time() - cpu, 3)
    result["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def _run(mode: str, path: Path) -> dict[str, object]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(path)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout)


def _check(path: Path) -> dict[str, object]:
    """Word agreement of the columns with the real texts, per provision (worst first)."""
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    from fourcolreal import agreement, articles_in_text  # type: ignore[import-not-found]

    from eu_posities.importers import parse_file

    document = parse_file(path)
    commission, _ep, council = document.stages[:3]
    references = {
        "commission vs proposal (XHTML import)": (
            commission,
            {p.label: p.text for p in parse_file(CORPUS / PROPOSAL).stages[0].provisions},
        ),
        "council vs general approach (today's PDF import)": (
            council,
            {p.label: p.text for p in parse_file(CORPUS / GENERAL_APPROACH).stages[0].provisions},
        ),
        "council vs general approach (text layer)": (
            council,
            articles_in_text(CORPUS / GENERAL_APPROACH),
        ),
    }
    out: dict[str, object] = {}
    for name, (stage, reference) in references.items():
        scores = []
        for provision in stage.provisions:
            ours, theirs = agreement(provision.text, reference.get(provision.label, ""))
            scores.append((round(ours, 4), round(theirs, 4), provision.label))
        scores.sort()
        out[name] = {
            "provisions": len(scores),
            "at_least_97": sum(score[0] >= 0.97 for score in scores),
            "worst": [
                {"label": label, "ours_found": ours, "theirs_found": theirs}
                for ours, theirs, label in scores[:5]
            ],  # fmt: skip
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-baseline", action="store_true", help="skip the slow baseline")
    parser.add_argument("--check", action="store_true", help="word agreement with real texts")
    parser.add_argument("--json-only", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child[0], args.child[1])))
        return
    path = CORPUS / FILE
    if not path.exists():
        sys.exit(f"{FILE} not found under {CORPUS}: the real corpus is not on this machine")
    modes = [m for m in MODES if not (args.no_baseline and m == "baseline")]
    report: dict[str, object] = {"file": FILE, "cpus": os.cpu_count(),
                                 "load_before": os.getloadavg(), "modes": {}}  # fmt: skip
    for mode in modes:
        runs = [_run(mode, path) for _ in range(args.repeat if mode != "baseline" else 1)]
        ok = [r for r in runs if "error" not in r]
        report["modes"][mode] = min(ok, key=lambda r: float(r["seconds"])) if ok else runs[0]  # type: ignore[index, arg-type]
    report["load_after"] = os.getloadavg()
    base = report["modes"].get("baseline", {})  # type: ignore[attr-defined]
    for result in report["modes"].values():  # type: ignore[attr-defined]
        if "seconds" in result and "seconds" in base:
            result["time_ratio"] = round(float(result["seconds"]) / float(base["seconds"]), 3)
            result["cpu_ratio"] = round(float(result["cpu"]) / float(base["cpu"]), 3)
    if args.check:
        report["check"] = _check(path)
    if not args.json_only:
        _table(report)
    print(json.dumps(report, indent=2))


def _table(report: dict[str, object]) -> None:
    before = ", ".join(f"{x:.2f}" for x in report["load_before"])  # type: ignore[attr-defined]
    after = ", ".join(f"{x:.2f}" for x in report["load_after"])  # type: ignore[attr-defined]
    print(
        f"machine: {report['cpus']} cores shared with others, load average {before} before "
        f"and {after} after (wall times vary with the load: read CPU times and ratios)"
    )
    header = f"{'mode':<10} {'wall s':>8} {'cpu s':>8} {'ratio':>6} {'MB':>7}  result"
    print(header)
    print("-" * len(header))
    for mode, result in report["modes"].items():  # type: ignore[attr-defined]
        if "error" in result:
            print(f"{mode:<10} error: {result['error']}")
            continue
        extra = {k: v for k, v in result.items()
                 if k not in ("seconds", "cpu", "peak_mb", "time_ratio", "cpu_ratio")}  # fmt: skip
        ratio = result.get("cpu_ratio", "")
        print(f"{mode:<10} {result['seconds']:>8.2f} {result['cpu']:>8.2f} {ratio:>6} "
              f"{result['peak_mb']:>7.1f}  {extra}")  # fmt: skip
    for name, found in report.get("check", {}).items():  # type: ignore[attr-defined]
        worst = ", ".join(f"{w['label']} {w['ours_found']:.1%}" for w in found["worst"][:3])
        print(
            f"{name}: {found['at_least_97']}/{found['provisions']} provisions at >= 97%; "
            f"worst {worst}"
        )
    print()


if __name__ == "__main__":
    main()
