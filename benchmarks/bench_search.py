"""Type-ahead search latency on the demo data, SQLite (FTS5) and PostgreSQL (full text).

Every prefix of real words of the CSA Regulation proposal is searched as a user types it
("de", "det", "dete", ... "detection"), then a second word ("detection o", ...), with the
TUI's limit of 50; the baseline is the search of migration 0002 (`_baseline_search.py`, its
index created again beside the current one) on the same database, in the same run. Prints a
table and JSON, with CPU time beside latency (this process, plus a local PostgreSQL server's
process). PostgreSQL is measured when EU_POSITIES_TEST_PG (or --pg) names a server.

    python benchmarks/bench_search.py [--pg postgresql+psycopg://...] [--words 20]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _baseline_search  # noqa: E402
from _team_bench import databases, print_json, print_table, summary, timed  # noqa: E402
from bench_scale import add_baseline_index, server_cpu  # noqa: E402

from eu_posities import db  # noqa: E402
from eu_posities.demo import load_demo  # noqa: E402
from eu_posities.search import search  # noqa: E402

REPEAT = 3
LIMIT = 50


def real_words(url: str, count: int) -> list[str]:
    """The most frequent longer words of the demo text (deterministic)."""
    from sqlalchemy import text

    engine = db.make_engine(url)
    with engine.connect() as conn:
        texts = [row[0] for row in conn.execute(text("SELECT text FROM provision"))]
    engine.dispose()
    counts = Counter(w.lower() for t in texts for w in re.findall(r"[A-Za-z]{7,}", t))
    return [w for w, _ in counts.most_common(count)]


def typing(words: list[str]) -> list[str]:
    """What a user's search box holds, keystroke by keystroke."""
    queries = [w[:n] for w in words for n in range(2, len(w) + 1)]
    first, second = words[0], words[1]
    queries += [f"{first} {second[:n]}" for n in range(1, len(second) + 1)]
    queries += ['"detection order"', "detection order judicial", "Coordinating Author"]
    return queries


def _current(session: object, query: str) -> int:
    return len(search(session=session, query=query, limit=LIMIT).hits)  # type: ignore[arg-type]


def _baseline(session: object, query: str) -> int:
    return len(_baseline_search.search(session=session, query=query, limit=LIMIT))  # type: ignore[arg-type]


def measure(url: str, queries: list[str], fn: object) -> dict[str, object]:
    engine = db.make_engine(url)
    samples: dict[str, float] = {}
    cpu: dict[str, float] = {}
    hits: dict[str, int] = {}
    for query in queries:
        best = best_cpu = float("inf")
        for _ in range(REPEAT):
            with db.session_scope(engine) as session:
                server = server_cpu(session)
                server_ns = server() if server else 0.0
                started = time.process_time()
                ms, found = timed(lambda: fn(session, query))  # type: ignore[operator]  # noqa: B023
                used = (time.process_time() - started) * 1000
                if server:
                    used += (server() - server_ns) / 1e6
            best, best_cpu = min(best, ms), min(best_cpu, used)
        samples[query], cpu[query], hits[query] = best, best_cpu, found
    engine.dispose()

    def bucket(q: str) -> str:
        size = len(q.split()[-1]) if " " not in q.strip() else 99
        return (
            "2"
            if size == 2
            else "3"
            if size == 3
            else "4-5"
            if size <= 5
            else "6+"
            if size < 99
            else "multi"
        )

    by_bucket: dict[str, list[float]] = {}
    for query, ms in samples.items():
        by_bucket.setdefault(bucket(query), []).append(ms)
    slowest = sorted(samples.items(), key=lambda kv: -kv[1])[:5]
    return {
        "all": summary(list(samples.values())),
        "cpu": summary(list(cpu.values())),
        "by_last_word_length": {k: summary(v) for k, v in sorted(by_bucket.items())},
        "slowest": [{"query": q, "ms": round(ms, 2), "hits": hits[q]} for q, ms in slowest],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", help="PostgreSQL server URL (default: $EU_POSITIES_TEST_PG)")
    parser.add_argument("--words", type=int, default=20)
    args = parser.parse_args(argv)
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp, databases(Path(tmp), pg_server=args.pg) as urls:
        queries: list[str] = []
        for backend, url in urls:
            engine = db.make_engine(url)
            db.upgrade(engine)
            with db.session_scope(engine, write=True) as session:
                load_demo(session=session, author="bench")
            engine.dispose()
            if not queries:
                queries = typing(real_words(url, args.words))
            add_baseline_index(url)
            results[backend] = {
                "current": measure(url, queries, _current),
                "baseline": measure(url, queries, _baseline),
            }
    rows = []
    for backend, pair in results.items():
        now, then = pair["current"], pair["baseline"]
        for bucket, stats in {"all": now["all"], **now["by_last_word_length"]}.items():  # type: ignore[dict-item]
            old = then["all"] if bucket == "all" else then["by_last_word_length"][bucket]  # type: ignore[index]
            rows.append(
                [
                    backend,
                    bucket,
                    stats["n"],
                    f"{stats['p50_ms']} (was {old['p50_ms']})",
                    f"{stats['p95_ms']} (was {old['p95_ms']})",
                    stats["max_ms"],
                ]
            )
    for backend, pair in results.items():
        cpu: Any = {name: measured["cpu"] for name, measured in pair.items()}  # type: ignore[attr-defined]
        now, then = cpu["current"], cpu["baseline"]
        rows.append(
            [
                backend,
                "all, CPU",
                now["n"],
                f"{now['p50_ms']} (was {then['p50_ms']})",
                f"{now['p95_ms']} (was {then['p95_ms']})",
                now["max_ms"],
            ]
        )
    print_table(
        f"Type-ahead search on the demo ({len(set(queries))} queries, "
        f"best of {REPEAT}, limit {LIMIT}; baseline: the search of migration 0002)",
        ["backend", "last word", "queries", "p50 ms", "p95 ms", "max ms"],
        rows,
    )
    print_json(
        {"benchmark": "search-typeahead-demo", "queries": len(set(queries)), "results": results}
    )


if __name__ == "__main__":
    main()
