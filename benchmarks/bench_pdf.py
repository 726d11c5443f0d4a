"""PDF speed, memory and glyph correctness: pypdfium2 vs pdfplumber vs pdfplumber-rs.

Run: python benchmarks/bench_pdf.py [--rs-python PATH] [--repeat N] [--no-check] [--json-only]

Every measurement runs in a fresh child process: time is measured inside the child (library
imports included, interpreter start-up not), peak RSS is the child's own maximum resident
set size via `getrusage(RUSAGE_CHILDREN)` in a small launcher process that starts it. Modes:

  legacy-import        the import as it was: pdfplumber tables + text lines (the baseline)
  import               `parse_file()` today
  glyphs-pdfium        the glyph layer: every page's glyphs, rectangles and lines
  glyphs-pdfplumber    pdfplumber's chars, rects and lines, page by page
  glyphs-pdfplumber-rs the same code under pdfplumber-rs (`--rs-python`: a Python whose
                       `import pdfplumber` is pdfplumber-rs; both packages install as
                       `pdfplumber`, so they cannot share one environment)

The check compares each backend's characters (text, position, font, size) and thin
rules (height under 2.5 pt: strike and underline candidates) with pdfplumber's, page by page.
Goal (issue 12): the 208-page general approach imports in under 3 s and 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("EU_POSITIES_CORPUS") or ROOT.parent / "shared" / "corpus")
FILES = [
    "ai-act/council-general-approach.ST-15698-2022.pdf",
    "council-marked/AI-Act.CZ-presidency-compromise-1.2022-07-15.pdf",
    "council-marked/AI-Act.FR-presidency-JHA-compromise.2022-04-04.pdf",
    "ai-act/commission-proposal.COM-2021-206.pdf",
]
MODES = ["legacy-import", "import", "glyphs-pdfium", "glyphs-pdfplumber", "glyphs-pdfplumber-rs"]
THIN = 2.5


# ---- child side: one mode on one file --------------------------------------------------


def _plumber_pages(path: str, dump: str | None) -> int:
    import pdfplumber

    count = 0
    out = open(dump, "w") if dump else None  # noqa: SIM115 - closed below
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                chars, rects, lines = page.chars, page.rects, page.lines
                count += len(chars)
                if out:
                    record = {
                        "page": page.page_number,
                        "chars": [
                            [c["text"], c["x0"], c["top"], c["fontname"], c["size"]]
                            for c in chars
                            if not c["text"].isspace()
                        ],  # fmt: skip
                        "thin": [
                            [r["x0"], r["top"], r["x1"], r["bottom"]]
                            for r in (*rects, *lines)
                            if r["bottom"] - r["top"] < THIN and r["x1"] - r["x0"] > 1
                        ],  # fmt: skip
                    }
                    out.write(json.dumps(record) + "\n")
                page.close()
    finally:
        if out:
            out.close()
    return count


def _pdfium_pages(path: str, dump: str | None) -> int:
    sys.path.insert(0, str(ROOT))
    from eu_posities.importers.pdf import read_pages

    count = 0
    out = open(dump, "w") if dump else None  # noqa: SIM115 - closed below
    try:
        for page in read_pages(Path(path)):
            glyphs = page.glyphs
            count += len(glyphs)
            if out:
                record = {
                    "page": page.number,
                    "chars": [
                        [g.text, g.x0, g.top, g.font, g.size]
                        for g in glyphs
                        if not g.text.isspace()
                    ],  # fmt: skip
                    "thin": [
                        [r.x0, r.top, r.x1, r.bottom]
                        for r in (*page.rects, *page.lines)
                        if r.height < THIN and r.width > 1
                    ],  # fmt: skip
                }
                out.write(json.dumps(record) + "\n")
    finally:
        if out:
            out.close()
    return count


def _child(mode: str, path: str, dump: str | None) -> dict[str, object]:
    start, start_cpu = time.perf_counter(), time.process_time()
    if mode == "legacy-import":
        sys.path.insert(0, str(ROOT))
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from _legacy_pdf import parse  # type: ignore[import-not-found]

        document = parse(Path(path))
        result = {"provisions": sum(len(s.provisions) for s in document.stages)}
    elif mode == "import":
        sys.path.insert(0, str(ROOT))
        from eu_posities.importers import parse_file

        document = parse_file(Path(path), fmt="pdf")
        coverage = document.coverage
        result = {
            "provisions": sum(len(s.provisions) for s in document.stages),
            "coverage": round(coverage.share, 4) if coverage else None,
        }
    elif mode == "glyphs-pdfium":
        result = {"chars": _pdfium_pages(path, dump)}
    else:
        result = {"chars": _plumber_pages(path, dump)}
    result["seconds"] = round(time.perf_counter() - start, 3)
    result["cpu"] = round(time.process_time() - start_cpu, 3)
    return result


# ---- parent side ---------------------------------------------------------------------


# A tiny launcher between this process and each child: Linux carries the RSS high-water mark
# of the process that forks into the child's `ru_maxrss`, so the child must be forked from
# something small, not from this parent (which holds the comparison data).
_LAUNCHER = """
import json, os, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True)
import resource
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": done.returncode, "out": done.stdout.decode(), "err": done.stderr.decode(),
                  "wall": time.perf_counter() - started, "peak_kb": peak}))
"""


def _run(python: str, mode: str, path: Path, dump: str | None = None) -> dict[str, object]:
    command = [python, str(Path(__file__).resolve()), "--child", mode, str(path)]
    if dump:
        command += ["--dump", dump]
    done = subprocess.run([sys.executable, "-c", _LAUNCHER, *command], capture_output=True)
    launched = json.loads(done.stdout)
    if launched["code"] != 0:
        return {"error": launched["err"].strip().splitlines()[-1:]}
    result = json.loads(launched["out"])
    result["wall"] = round(launched["wall"], 3)
    result["peak_mb"] = round(launched["peak_kb"] / 1024, 1)  # kilobytes on Linux
    return result


def _load(dump: str) -> dict[int, dict[str, list[list[object]]]]:
    with open(dump) as handle:
        return {record["page"]: record for record in map(json.loads, handle)}


def _matches(want: list[list[object]], have: list[list[object]], width: int) -> list[int]:
    """For each item of `want`, the index of an unused item of `have` with the same text
    (for characters) and every coordinate within 1 pt, or -1."""
    grid: dict[tuple[object, ...], list[int]] = {}
    for index, item in enumerate(have):
        coords = [float(v) for v in item[width : width + 2]]  # type: ignore[arg-type]
        cell = (*item[:width], *(int(v) for v in coords))
        grid.setdefault(cell, []).append(index)
    used: set[int] = set()
    found = []
    for item in want:
        coords = [float(v) for v in item[width:]]  # type: ignore[arg-type]
        match = -1
        for dx in (0, -1, 1):
            for dy in (0, -1, 1):
                cell = (*item[:width], int(coords[0]) + dx, int(coords[1]) + dy)
                for index in grid.get(cell, []):
                    other = [float(v) for v in have[index][width:]]  # type: ignore[arg-type]
                    if index not in used and all(
                        abs(a - b) <= 1.0 for a, b in zip(coords, other, strict=False)
                    ):
                        match = index
                        break
                if match >= 0:
                    break
            if match >= 0:
                break
        if match >= 0:
            used.add(match)
        found.append(match)
    return found


def _compare(reference: str, other: str) -> dict[str, object]:
    """Characters and thin rules of `other` against `reference` (pdfplumber), page by page:
    the same character within 1 pt, its font (subset prefix aside) and size."""
    ref, got = _load(reference), _load(other)
    totals: Counter[str] = Counter()

    def font(name: object) -> str:
        return str(name).split("+", 1)[-1]

    for number, page in ref.items():
        theirs = got.get(number, {"chars": [], "thin": []})
        want = [c[:3] for c in page["chars"]]
        have = [c[:3] for c in theirs["chars"]]
        matches = _matches(want, have, width=1)
        totals["chars"] += len(want)
        totals["extra_chars"] += len(have) - sum(m >= 0 for m in matches)
        for char, match in zip(page["chars"], matches, strict=True):
            if match < 0:
                continue
            totals["chars_matched"] += 1
            totals["font_same"] += font(char[3]) == font(theirs["chars"][match][3])
            totals["size_same"] += abs(float(char[4]) - float(theirs["chars"][match][4])) < 0.2  # type: ignore[arg-type]
        rules = _matches(page["thin"], theirs["thin"], width=0)
        totals["thin"] += len(rules)
        totals["thin_matched"] += sum(m >= 0 for m in rules)
        totals["thin_extra"] += len(theirs["thin"]) - sum(m >= 0 for m in rules)

    def share(part: str, whole: str) -> float:
        return round(totals[part] / totals[whole], 5) if totals[whole] else 1.0

    return {
        "chars": share("chars_matched", "chars"),
        "extra_chars": totals["extra_chars"],
        "fonts": share("font_same", "chars_matched"),
        "sizes": share("size_same", "chars_matched"),
        "thin_rules": share("thin_matched", "thin"),
        "thin_extra": totals["thin_extra"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--dump", help=argparse.SUPPRESS)
    parser.add_argument("--rs-python", default=os.environ.get("EUP_PDFPLUMBER_RS_PYTHON", ""))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--files", nargs="*", help="corpus-relative PDF paths (default: four)")
    parser.add_argument("--modes", nargs="*", choices=MODES, help="default: all available")
    parser.add_argument("--no-check", action="store_true")
    parser.add_argument("--json-only", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child[0], args.child[1], args.dump)))
        return
    files = [CORPUS / name for name in (args.files or FILES) if (CORPUS / name).exists()]
    if not files:
        sys.exit(f"no corpus PDFs under {CORPUS}")
    pythons = {mode: sys.executable for mode in MODES}
    if args.rs_python:
        pythons["glyphs-pdfplumber-rs"] = args.rs_python
    else:
        del pythons["glyphs-pdfplumber-rs"]
    if args.modes:
        pythons = {mode: python for mode, python in pythons.items() if mode in args.modes}
    report: dict[str, object] = {"load": os.getloadavg(), "cpus": os.cpu_count(), "files": {}}
    for path in files:
        entry: dict[str, object] = {}
        for mode, python in pythons.items():
            runs = [_run(python, mode, path) for _ in range(args.repeat)]
            ok = [r for r in runs if "error" not in r]
            best = min(ok, key=lambda r: float(r["seconds"])) if ok else runs[0]  # type: ignore[arg-type]
            entry[mode] = best
        if not args.no_check:
            with tempfile.TemporaryDirectory() as tmp:
                dumps = {}
                for mode, python in pythons.items():
                    if mode.startswith("glyphs-"):
                        dumps[mode] = str(Path(tmp) / f"{mode}.jsonl")
                        _run(python, mode, path, dumps[mode])
                for mode, dump in dumps.items():
                    reference = dumps.get("glyphs-pdfplumber")
                    if reference and mode != "glyphs-pdfplumber" and Path(dump).exists():
                        entry[mode]["check"] = _compare(reference, dump)  # type: ignore[index]
        base = entry.get("legacy-import", {})
        for result in entry.values():
            if isinstance(result, dict) and "seconds" in result and "seconds" in base:
                result["time_ratio"] = round(float(result["seconds"]) / float(base["seconds"]), 3)
            result["cpu_ratio"] = round(float(result["cpu"]) / float(base["cpu"]), 3)
        report["files"][path.name] = entry  # type: ignore[index]
    if not args.json_only:
        _table(report)
    print(json.dumps(report, indent=2))


def _table(report: dict[str, object]) -> None:
    load = ", ".join(f"{x:.2f}" for x in report["load"])  # type: ignore[attr-defined]
    print(
        f"machine: {report['cpus']} cores, load average {load} (shared: treat ratios as the result)"
    )
    header = f"{'file':<46} {'mode':<22} {'s':>7} {'cpu s':>7} {'ratio':>6} {'MB':>7}  result"
    print(header)
    print("-" * len(header))
    for name, entry in report["files"].items():  # type: ignore[attr-defined]
        for mode, result in entry.items():
            if "error" in result:
                print(f"{name[:46]:<46} {mode:<22} error: {result['error']}")
                continue
            extra = {k: v for k, v in result.items()
                     if k not in ("seconds", "cpu", "wall", "peak_mb", "time_ratio",
                                  "cpu_ratio")}  # fmt: skip
            ratio = result.get("time_ratio", "")
            print(f"{name[:46]:<46} {mode:<22} {result['seconds']:>7.2f} {result['cpu']:>7.2f} "
                  f"{ratio:>6} {result['peak_mb']:>7.1f}  {extra}")  # fmt: skip
    print()


if __name__ == "__main__":
    main()
