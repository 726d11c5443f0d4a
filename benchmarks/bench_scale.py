"""Scale benchmark: 20 GENERATED dossiers x 8 stages x 300 provisions (benchmarks/loadgen.py),
on SQLite and PostgreSQL: load time, database size, search latency, alignment of stage pairs,
memory (tracemalloc peak per operation, peak RSS of the process). Prints a table and JSON.

Search has a baseline measured in the same run, on the same data: the search of migration
0002 (`_baseline_search.py`, its index created again beside the current one).

    python benchmarks/bench_scale.py [--pg URL] [--dossiers 20 --stages 8 --provisions 300]
        [--only search]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _baseline_search  # noqa: E402
from _team_bench import databases, print_json, print_table, summary, timed  # noqa: E402
from loadgen import STAGE_KEYS, generate  # noqa: E402

from eu_posities import db  # noqa: E402
from eu_posities.search import search  # noqa: E402

QUERIES = {
    "word": [
        "detection",
        "provider",
        "authority",
        "Coordinating",
        "removal",
        "hosting",
        "child",
        "EU",
    ],
    "prefix": ["de", "det", "pro", "auth", "remo", "ha", "coo", "inter"],
    "phrase": ['"detection order"', '"competent authority"', '"EU Centre"', '"hosting services"'],
    "words": [
        "detection order judicial",
        "risk assessment provider",
        "EU Centre report",
        "child sexual ab",
    ],
}
RUNS = 3


def peak_kib(fn: Any) -> tuple[float, Any]:
    """(tracemalloc peak in KiB, result) of one call."""
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1024, result


def database_mib(url: str) -> float:
    from sqlalchemy import text

    engine = db.make_engine(url)
    if engine.dialect.name == "sqlite":
        path = Path(engine.url.database or "")
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    else:
        with engine.connect() as conn:
            size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    engine.dispose()
    return round(size / 2**20, 1)


def add_baseline_index(url: str) -> float:
    """Create the 0002 index again beside the current one (seconds taken)."""
    import importlib

    old = importlib.import_module("eu_posities.migrations.versions.0002_search_index")
    engine = db.make_engine(url)
    started = time.perf_counter()
    with engine.begin() as conn:
        for statement in old.SQLITE_UP if engine.dialect.name == "sqlite" else old.POSTGRES_UP:
            conn.exec_driver_sql(statement)
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    return time.perf_counter() - started


def _current(session: Any, query: str, dossier: str | None) -> int:
    return len(search(session=session, query=query, dossier=dossier, limit=20).hits)


def _baseline(session: Any, query: str, dossier: str | None) -> int:
    return len(_baseline_search.search(session=session, query=query, dossier=dossier, limit=20))


def server_cpu(session: Any) -> Callable[[], float] | None:
    """Nanoseconds the PostgreSQL backend of this session has run, if it runs on this machine
    (Linux schedstat); None for SQLite or a remote server."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    pid = session.connection().connection.dbapi_connection.info.backend_pid
    path = Path(f"/proc/{pid}/schedstat")
    if not path.exists():
        return None
    return lambda: float(path.read_text().split()[0])


def bench_search(url: str, dossiers: int) -> dict[str, Any]:
    """Latency per kind of query; and CPU time (this process plus, on a local PostgreSQL, its
    server process), which a busy machine inflates far less than latency."""
    engine = db.make_engine(url)
    out: dict[str, Any] = {}
    for scope, dossier in (("all dossiers", None), ("one dossier", "gen-01")):
        for kind, queries in QUERIES.items():
            for name, fn in (("current", _current), ("baseline", _baseline)):
                samples, cpu, hits = [], [], []
                for query in queries:
                    runs, cpu_runs = [], []
                    for _ in range(RUNS):
                        with db.session_scope(engine) as session:
                            server = server_cpu(session)
                            server_ns = server() if server else 0.0
                            started = time.process_time()
                            ms, found = timed(lambda: fn(session, query, dossier))  # noqa: B023
                            used = (time.process_time() - started) * 1000
                            if server:
                                used += (server() - server_ns) / 1e6
                        runs.append(ms)
                        cpu_runs.append(used)
                    samples.append(sorted(runs)[RUNS // 2])
                    cpu.append(sorted(cpu_runs)[RUNS // 2])
                    hits.append(found)
                out.setdefault(f"{scope} / {kind}", {})[name] = {
                    **summary(samples),
                    "cpu_p50_ms": summary(cpu)["p50_ms"],
                    "cpu_p95_ms": summary(cpu)["p95_ms"],
                    "mean_hits": round(sum(hits) / len(hits), 1),
                }
            entry = out[f"{scope} / {kind}"]
            entry["ratio_p50"] = round(entry["baseline"]["p50_ms"] / entry["current"]["p50_ms"], 1)
    with db.session_scope(engine) as session:
        kib, _ = peak_kib(lambda: search(session=session, query="de", limit=50))
    out["memory_peak_kib_prefix_de"] = round(kib)
    engine.dispose()
    return out


def bench_align(url: str, stages: int, pairs_per_dossier: int = 7) -> dict[str, Any]:
    from eu_posities.services import comparing

    engine = db.make_engine(url)
    samples: list[float] = []
    rows = 0
    for dossier in ("gen-01", "gen-02"):
        for s in range(min(pairs_per_dossier, stages - 1)):
            old, new = STAGE_KEYS[s], STAGE_KEYS[s + 1]
            ms, result = timed(lambda: comparing.align(engine, dossier, old, new))  # noqa: B023
            samples.append(ms)
            rows += len(result.matches)
    kib, _ = peak_kib(lambda: comparing.align(engine, "gen-03", STAGE_KEYS[0], STAGE_KEYS[1]))
    engine.dispose()
    return {
        "available": True,
        "pairs": len(samples),
        "rows": rows,
        **summary(samples),
        "memory_peak_kib": round(kib),
    }


def bench_report(url: str, workdir: Path) -> dict[str, Any]:
    """`eup report` of one generated dossier: its consecutive stage pairs, aligned and diffed."""
    from eu_posities.services.exporting import export_report

    engine = db.make_engine(url)
    out = workdir / f"report-{engine.dialect.name}"
    ms, _ = timed(lambda: export_report(engine, ["gen-01"], out))
    pages = sum(1 for _ in out.rglob("*.html"))
    engine.dispose()
    return {
        "available": True,
        "dossier": "gen-01",
        "seconds": round(ms / 1000, 2),
        "html_pages": pages,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", help="PostgreSQL server URL (default: $EU_POSITIES_TEST_PG)")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--dossiers", type=int, default=20)
    parser.add_argument("--stages", type=int, default=8)
    parser.add_argument("--provisions", type=int, default=300)
    parser.add_argument("--only", choices=["search"], help="Measure only this (after loading)")
    args = parser.parse_args(argv)
    if args.no_pg:
        os.environ.pop("EU_POSITIES_TEST_PG", None)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, databases(Path(tmp), pg_server=args.pg) as urls:
        for backend, url in urls:
            load = generate(
                url, dossiers=args.dossiers, stages=args.stages, provisions=args.provisions
            )
            size = database_mib(url)
            baseline_s = add_baseline_index(url)
            results[backend] = {
                "load": {**load, "provisions_per_s": round(load["provisions"] / load["seconds"])},
                "database_mib": size,
                "baseline_index_s": round(baseline_s, 1),
                "search": bench_search(url, args.dossiers),
            }
            if args.only != "search":
                results[backend]["align"] = bench_align(url, args.stages)
                results[backend]["report"] = bench_report(url, Path(tmp))
    peak_rss_mib = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    rows = []
    for backend, r in results.items():
        rows.append(
            [
                backend,
                "load",
                f"{r['load']['provisions']} provisions",
                f"{r['load']['seconds']:.1f} s",
                f"{r['load']['provisions_per_s']}/s",
                "",
            ]
        )
        rows.append([backend, "database size", "", f"{r['database_mib']} MiB", "", ""])
        for name, s in r["search"].items():
            if isinstance(s, dict):
                now, then = s["current"], s["baseline"]
                rows.append(
                    [
                        backend,
                        f"search {name}",
                        f"{now['n']} q, ~{now['mean_hits']} hits",
                        f"{now['p50_ms']} ms (was {then['p50_ms']}, x{s['ratio_p50']})",
                        f"{now['p95_ms']} ms (was {then['p95_ms']})",
                        f"{now['max_ms']} ms",
                        f"{now['cpu_p50_ms']} / {now['cpu_p95_ms']} ms",
                    ]
                )
        rows.append(
            [
                backend,
                "search memory (prefix 'de')",
                "",
                f"{r['search']['memory_peak_kib_prefix_de']} KiB",
                "",
                "",
            ]
        )
        if "align" not in r:
            continue
        a = r["align"]
        if a.get("available"):
            rows.append(
                [
                    backend,
                    "align stage pair",
                    f"{a['pairs']} pairs",
                    f"{a['p50_ms']} ms",
                    f"{a['p95_ms']} ms",
                    f"{a['max_ms']} ms",
                ]
            )
            rows.append(
                [backend, "align memory (one pair)", "", f"{a['memory_peak_kib']} KiB", "", ""]
            )
        else:
            rows.append([backend, "align stage pair", a["why"], "", "", ""])
        rep = r["report"]
        if rep.get("available"):
            rows.append(
                [
                    backend,
                    "eup report (one dossier)",
                    f"{rep['html_pages']} pages",
                    f"{rep['seconds']} s",
                    "",
                    "",
                ]
            )
        else:
            rows.append([backend, "eup report", rep["why"], "", "", ""])
    columns = ["backend", "measure", "size", "p50 / value", "p95", "max", "CPU p50 / p95"]
    rows = [row + [""] * (len(columns) - len(row)) for row in rows]
    print_table(
        f"Scale: {args.dossiers} dossiers x {args.stages} stages x {args.provisions} provisions "
        f"(generated); peak RSS {peak_rss_mib} MiB",
        columns,
        rows,
    )
    print_json(
        {
            "benchmark": "scale",
            "config": vars(args),
            "peak_rss_mib": peak_rss_mib,
            "results": results,
        }
    )


if __name__ == "__main__":
    main()
