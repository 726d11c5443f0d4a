"""Timings of the exports on the bundled demo: the batch report, the table and the memo.

Runs the real commands (`python -m eu_posities …`) against a fresh demo database, today's code
and a baseline (the package as it was at `--baseline`, default 8413fa3: the exports before
Word revisions, the four-column layout and the ministerial note) taking turns on the same
database, so a busy machine slows both alike; reports the ratio today / baseline. Also the
export functions in-process with a per-phase breakdown of the report (build vs write).
Prints a table and a JSON document.
Run: python benchmarks/bench_report.py [--runs N] [--baseline COMMIT]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASELINE_ENV: dict[str, str] = {}  # PYTHONPATH of the baseline package, set in main()


def _once(cmd: list[str], env: dict[str, str]) -> float | None:
    start = time.perf_counter()
    # From a neutral folder: the worktree on sys.path would shadow the baseline package.
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tempfile.gettempdir())
    if done.returncode != 0:
        print(f"failed {' '.join(cmd[3:])}: {done.stderr.strip()}", file=sys.stderr)
        return None
    return time.perf_counter() - start


def timed(cmd: list[str], env: dict[str, str], runs: int) -> dict[str, float] | None:
    """Today's code and the baseline in turns; medians and their ratio."""
    today: list[float] = []
    base: list[float] = []
    for _ in range(runs):
        for samples, extra in ((today, {}), (base, BASELINE_ENV)):
            if extra is BASELINE_ENV and not BASELINE_ENV:
                continue
            took = _once(cmd, {**env, **extra})
            if took is None:
                return None
            samples.append(took)
    result = {"median_s": statistics.median(today), "min_s": min(today), "max_s": max(today)}
    if base:
        result["baseline_median_s"] = statistics.median(base)
        result["ratio"] = round(result["median_s"] / result["baseline_median_s"], 2)
    return result


def baseline_tree(commit: str, into: Path) -> Path:
    """The package as it was at `commit`, unpacked (data/ and tui/ come from today's tree)."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "eu_posities"], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def phases(home: Path, out: Path) -> dict[str, Any]:
    """The report of both demo dossiers in-process: building the model vs writing the files."""
    os.environ["EU_POSITIES_HOME"] = str(home)
    from eu_posities import config, db
    from eu_posities.services.exporting import _report, _write_dossier
    from eu_posities.services.tx import reading

    engine = db.make_engine(config.default_db_url())
    result: dict[str, Any] = {}
    for key in ("csa-regulation", "csa-directive"):
        start = time.perf_counter()
        with reading(engine) as session:
            report = _report(
                session,
                key,
                generated="bench",
                lang="en",
                all_pairs=False,
                include_limite=False,
                progress=None,
            )
        built = time.perf_counter()
        _write_dossier(report, out / key)
        written = time.perf_counter()
        files = sum(1 for p in (out / key).rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in (out / key).rglob("*") if p.is_file())
        result[key] = {
            "compared_stages": len(report.text_stages),
            "pairs": len(report.stage_pairs),
            "provisions": len(report.lineages),
            "files": files,
            "bytes": size,
            "build_s": round(built - start, 4),
            "write_s": round(written - built, 4),
        }
    engine.dispose()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", default="8413fa3", help="commit to compare with ('' none)")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="eup-bench-report-"))
    env = {**os.environ, "EU_POSITIES_HOME": str(home), "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)
    if args.baseline:
        BASELINE_ENV["PYTHONPATH"] = str(baseline_tree(args.baseline, home / "baseline"))
    eup = [sys.executable, "-m", "eu_posities"]
    out = home / "out"
    results: dict[str, dict[str, float] | None] = {}
    try:
        subprocess.run([*eup, "init", "--demo"], env=env, check=True, capture_output=True)
        results["eup report csa-regulation"] = timed(
            [*eup, "report", "csa-regulation", "--out", str(out / "r1")], env, args.runs
        )
        results["eup report csa-regulation csa-directive"] = timed(
            [*eup, "report", "csa-regulation", "csa-directive", "--out", str(out / "r2")],
            env,
            args.runs,
        )
        results["eup report csa-regulation --all-pairs"] = timed(
            [*eup, "report", "csa-regulation", "--all-pairs", "--out", str(out / "r3")],
            env,
            args.runs,
        )
        pair = "commission-proposal,practice-council-text"
        for suffix in ("md", "html", "docx"):
            results[f"eup table csa-regulation --stages {pair} --concerns --out t.{suffix}"] = (
                timed(
                    [
                        *eup,
                        "table",
                        "csa-regulation",
                        "--stages",
                        pair,
                        "--concerns",
                        "--out",
                        str(out / f"t.{suffix}"),
                    ],
                    env,
                    args.runs,
                )
            )
        for suffix in ("md", "docx"):
            results[f"eup memo csa-regulation --include-fictional --out m.{suffix}"] = timed(
                [
                    *eup,
                    "memo",
                    "csa-regulation",
                    "--include-fictional",
                    "--out",
                    str(out / f"mf.{suffix}"),
                ],
                env,
                args.runs,
            )
        for suffix in ("md", "html", "docx"):
            results[f"eup memo csa-regulation --out memo.{suffix}"] = timed(
                [*eup, "memo", "csa-regulation", "--out", str(out / f"memo.{suffix}")],
                env,
                args.runs,
            )
        results["eup memo csa-directive --out memo.docx"] = timed(
            [*eup, "memo", "csa-directive", "--out", str(out / "memod.docx")], env, args.runs
        )
        breakdown = phases(home, out / "phases")
    finally:
        shutil.rmtree(home, ignore_errors=True)
    width = max(len(k) for k in results)
    print(f"{'command':<{width}}  median    min       max       baseline  ratio")
    for name, r in results.items():
        if r is None:
            print(f"{name:<{width}}  (failed, see stderr)")
        else:
            base = f"{r['baseline_median_s']:.3f} s  {r['ratio']:.2f}" if "ratio" in r else "—"
            print(
                f"{name:<{width}}  {r['median_s']:.3f} s  {r['min_s']:.3f} s  "
                f"{r['max_s']:.3f} s  {base}"
            )
    for key, row in breakdown.items():
        print(
            f"{key}: {row['compared_stages']} stages compared, {row['pairs']} pairs, "
            f"{row['provisions']} provisions, {row['files']} files ({row['bytes']} bytes); "
            f"build {row['build_s']:.3f} s, write {row['write_s']:.3f} s"
        )
    print(
        json.dumps(
            {
                "benchmark": "report",
                "runs": args.runs,
                "baseline": args.baseline,
                "results": results,
                "phases": breakdown,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
