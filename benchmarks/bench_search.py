"""Type-ahead search latency on the demo data, SQLite (FTS5) and PostgreSQL (full text).

Every prefix of real words of the CSA Regulation proposal is searched as a user types it
("de", "det", "dete", ... "detection"), then a second word ("detection o", ...). Prints a
table and JSON. PostgreSQL is measured when EU_POSITIES_TEST_PG (or --pg) names a server.

    python benchmarks/bench_search.py [--pg postgresql+psycopg://...] [--words 20]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _team_bench import databases, print_json, print_table, summary, timed  # noqa: E402

from eu_posities import db  # noqa: E402
from eu_posities.demo import load_demo  # noqa: E402
from eu_posities.search import search  # noqa: E402

REPEAT = 3
LIMIT = 20


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


def measure(url: str, queries: list[str]) -> dict[str, object]:
    engine = db.make_engine(url)
    samples: dict[str, float] = {}
    hits: dict[str, int] = {}
    for query in queries:
        best = float("inf")
        for _ in range(REPEAT):
            with db.session_scope(engine) as session:
                ms, found = timed(lambda: search(session=session, query=query, limit=LIMIT))  # noqa: B023
            best = min(best, ms)
        samples[query], hits[query] = best, len(found)
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
            results[backend] = measure(url, queries)
    rows = []
    for backend, result in results.items():
        for bucket, stats in {"all": result["all"], **result["by_last_word_length"]}.items():  # type: ignore[dict-item]
            rows.append(
                [backend, bucket, stats["n"], stats["p50_ms"], stats["p95_ms"], stats["max_ms"]]
            )
    print_table(
        f"Type-ahead search on the demo ({len(set(queries))} queries, "
        f"best of {REPEAT}, limit {LIMIT})",
        ["backend", "last word", "queries", "p50 ms", "p95 ms", "max ms"],
        rows,
    )
    print_json(
        {"benchmark": "search-typeahead-demo", "queries": len(set(queries)), "results": results}
    )


if __name__ == "__main__":
    main()
