"""Shared by bench_search.py and bench_scale.py: databases to measure on, timing, report format."""

from __future__ import annotations

import json
import os
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ENV = "EU_POSITIES_TEST_PG"


@contextmanager
def databases(workdir: Path, *, pg_server: str | None) -> Iterator[list[tuple[str, str]]]:
    """[(backend, URL)]: a SQLite file, and a fresh PostgreSQL database if a server is set."""
    urls = [("sqlite", f"sqlite:///{workdir / 'bench.db'}")]
    admin = None
    name = f"eup_bench_{uuid.uuid4().hex[:10]}"
    server = pg_server or os.environ.get(PG_ENV)
    if server:
        admin = create_engine(make_url(server), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        urls.append(
            (
                "postgresql",
                make_url(server).set(database=name).render_as_string(hide_password=False),
            )
        )
    try:
        yield urls
    finally:
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(milliseconds, result)"""
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def summary(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    if not ordered:
        return {"n": 0}
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(ordered[-1], 2),
        "mean_ms": round(statistics.fmean(ordered), 2),
    }


def print_table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    widths = [
        max(len(str(c)), *(len(str(r[i])) for r in rows)) if rows else len(c)
        for i, c in enumerate(columns)
    ]
    print(f"\n{title}")
    print("  ".join(str(c).ljust(w) for c, w in zip(columns, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))


def print_json(data: Any) -> None:
    print("\nJSON:")
    print(json.dumps(data, indent=2, ensure_ascii=False))
