"""Start-up and end-to-end timings of the command line, against a bare Python start as baseline.

Prints a table and a JSON document. Run: python benchmarks/bench_cli.py [--runs N]
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


def timed(cmd: list[str], env: dict[str, str], runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return {"median_s": statistics.median(samples), "min_s": min(samples), "max_s": max(samples)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="eup-bench-"))
    env = {**os.environ, "EU_POSITIES_HOME": str(home), "NO_COLOR": "1"}
    eup = [sys.executable, "-m", "eu_posities"]
    results: dict[str, dict[str, float]] = {}
    try:
        results["python -c pass (baseline)"] = timed([sys.executable, "-c", "pass"], env, args.runs)
        results["python -c 'import textual.app' (baseline)"] = timed(
            [sys.executable, "-c", "import textual.app"], env, args.runs
        )
        results["eup --help"] = timed([*eup, "--help"], env, args.runs)
        results["eup init --demo (new database)"] = timed([*eup, "init", "--demo"], env, 1)
        results["eup init --demo (again, no change)"] = timed([*eup, "init", "--demo"], env, 3)
        proposal = str(
            Path(__file__).resolve().parents[1] / "tests/data/commission-proposal.eurlex.html"
        )
        subprocess.run([*eup, "dossier", "add", "bench", "--title", "Bench"], env=env, check=True)
        results["eup import CSA proposal (1 MB HTML, end to end)"] = timed(
            [
                *eup,
                "import",
                proposal,
                "--dossier",
                "bench",
                "--stage",
                "commission-proposal",
                "--replace",
            ],
            env,
            args.runs,
        )
        results["eup stages csa-regulation --json"] = timed(
            [*eup, "stages", "csa-regulation", "--json"], env, args.runs
        )
    finally:
        shutil.rmtree(home, ignore_errors=True)
    width = max(len(k) for k in results)
    print(f"{'command':<{width}}  median    min       max")
    for name, r in results.items():
        print(f"{name:<{width}}  {r['median_s']:.3f} s  {r['min_s']:.3f} s  {r['max_s']:.3f} s")
    print(json.dumps({"benchmark": "cli", "runs": args.runs, "results": results}, indent=2))


if __name__ == "__main__":
    main()
