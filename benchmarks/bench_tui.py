"""Terminal UI timings with Textual's Pilot: first screen, opening a dossier, moving provisions.

Two data sets: the bundled demo (the real CSA proposal and its fictional practice stage), and a
large MADE-UP dossier for scale (500 provisions per stage, 6 stages: a base stretched from the
real proposal's recitals and articles, and five later stages generated from it by
tests/stagegen.py). The made-up dossier is benchmark data only, never shown as real text.

Also the AI Act of the demo with four real stages (Commission, Council, EP and the Council
column of the four-column trilogue document), the view a negotiator opens most.

Prints a table, then one JSON document. Run: python benchmarks/bench_tui.py [--runs N]
`--baseline DIR` measures the code in DIR too, in the same run, and prints both side by side;
DIR holds another version of the project, e.g. `git archive main | tar -x -C DIR`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def code_root(argv: list[str]) -> Path:
    """The project whose code is measured: this one, or `--code-root DIR` (a baseline run)."""
    if "--code-root" not in argv:
        return ROOT
    root = Path(argv[argv.index("--code-root") + 1]).resolve()
    # The TUI and the bundled data live in folders of their own (pyproject's package-dir):
    # link them where a plain import from the folder finds them.
    for package, folder in (("tui", "tui"), ("bundled", "data")):
        link = root / "eu_posities" / package
        if not link.exists():
            link.symlink_to(root / folder, target_is_directory=True)
    return root


CODE = code_root(sys.argv)
sys.path[:0] = [str(CODE), str(CODE / "tests")]

from engine_corpus import load_proposal  # noqa: E402
from stagegen import generate  # noqa: E402

from eu_posities.db import make_engine, session_scope, upgrade  # noqa: E402
from eu_posities.demo import load_demo  # noqa: E402
from eu_posities.document import ParsedProvision  # noqa: E402
from eu_posities.store import add_dossier, ensure_stage, replace_provisions  # noqa: E402
from eu_posities.tui.app import EuPositiesApp  # noqa: E402
from eu_posities.tui.screens.dossier import DossierScreen  # noqa: E402
from eu_posities.tui.widgets.provision_tree import ProvisionTree  # noqa: E402

LARGE = "bench-large"
LARGE_SIZE = 500
SIZE = (120, 36)


def build(folder: Path) -> str:
    url = f"sqlite:///{folder / 'bench.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine, write=True) as session:
        load_demo(session=session, author="bench")
        dossier = add_dossier(
            session=session, key=LARGE, title="MADE-UP benchmark dossier", author="bench"
        )
        base = stretched_base(load_proposal(), LARGE_SIZE)
        stages = [("base", base)] + [
            (f"generated-{seed}", generate(base, seed)[0]) for seed in range(1, 6)
        ]
        for day, (key, provisions) in enumerate(stages, start=1):
            stage = ensure_stage(
                session=session,
                dossier=dossier,
                key=key,
                kind="other",
                date=f"2030-01-{day:02d}",
                fictional=True,
                source_name="made-up benchmark data",
            )
            replace_provisions(session=session, stage=stage, provisions=provisions)
    engine.dispose()
    return url


def stretched_base(proposal: list[ParsedProvision], size: int) -> list[ParsedProvision]:
    """`size` provisions: the proposal's recitals and article texts, cycled and renumbered."""
    recitals = [p for p in proposal if p.kind == "recital"]
    articles = [p for p in proposal if p.kind == "article"]
    n_recitals = size * 3 // 10
    result = [
        ParsedProvision(
            kind="recital",
            number=str(i),
            label=f"Recital {i}",
            text=recitals[(i - 1) % len(recitals)].text,
            markers={"synthetic": True},
        )
        for i in range(1, n_recitals + 1)
    ]
    for i in range(1, size - n_recitals + 1):
        source = articles[(i - 1) % len(articles)]
        result.append(
            ParsedProvision(
                kind="article",
                number=str(i),
                label=f"Article {i}",
                text=source.text,
                heading=source.heading,
                path=(f"CHAPTER {(i - 1) // 25 + 1}",),
                markers={"synthetic": True},
            )
        )
    return result


async def until(pilot: Any, condition: Any, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the screen did not get there in time")
        await pilot.pause(0.001)


def import_time() -> float:
    """A fresh Python process importing the app (what `eup` pays before the first screen)."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "import eu_posities.tui.app, eu_posities.db"], check=True, cwd=CODE
    )
    return time.perf_counter() - start


async def first_screen(url: str) -> float:
    engine = make_engine(url)
    start = time.perf_counter()
    app = EuPositiesApp(engine, author="bench")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: getattr(app.screen, "dossiers", None))
        await pilot.pause()
        elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed


async def dossier_timings(
    url: str, dossier: str, stages: list[str] | None, moves: int
) -> dict[str, Any]:
    engine = make_engine(url)
    app = EuPositiesApp(engine, author="bench")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: getattr(app.screen, "dossiers", None))
        start = time.perf_counter()
        app.open_dossier(dossier, stages=stages)
        await until(
            pilot,
            lambda: isinstance(app.screen, DossierScreen) and app.screen.data is not None,
        )
        await pilot.pause()
        opened = time.perf_counter() - start
        screen = app.screen
        assert isinstance(screen, DossierScreen) and screen.data is not None
        tree = screen.query_one(ProvisionTree)
        tree.focus()
        painted = paint_times(screen)
        shown: list[float] = []
        show_row = screen.show_row

        def timed_show_row(index: int) -> None:
            show_row(index)
            shown.append(time.perf_counter())

        screen.show_row = timed_show_row  # type: ignore[method-assign]
        samples, pilot_samples = [], []
        while len(samples) < moves:
            line = tree.cursor_line
            start = time.perf_counter()
            await pilot.press("down")
            await until(pilot, lambda line=line: tree.cursor_line != line)
            node = tree.cursor_node
            if node is None or node.data is None:
                continue  # a chapter heading, not a provision
            await until(pilot, lambda node=node: screen.current == node.data)
            await pilot.pause()
            await until(pilot, lambda: bool(shown) and bool(painted) and painted[-1] > shown[-1])
            pilot_samples.append(time.perf_counter() - start)
            # Key press to the first screen update after the new provision was put in place.
            samples.append(next(t for t in painted if t > shown[-1]) - start)
        rows, columns = len(screen.data.rows), len(screen.data.chosen)
    engine.dispose()
    samples.sort()
    pilot_samples.sort()
    return {
        "open_s": opened,
        "rows": rows,
        "columns": columns,
        "move_median_ms": statistics.median(samples) * 1000,
        "move_p95_ms": samples[int(len(samples) * 0.95) - 1] * 1000,
        "move_max_ms": samples[-1] * 1000,
        "move_with_pilot_overhead_median_ms": statistics.median(pilot_samples) * 1000,
    }


def paint_times(screen: Any) -> list[float]:
    """When the screen finished each update of the terminal (wraps a private Textual hook)."""
    times: list[float] = []
    original = screen._compositor_refresh

    def timed() -> None:
        original()
        times.append(time.perf_counter())

    screen._compositor_refresh = timed
    return times


async def run(runs: int, moves: int) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="eup-bench-tui-"))
    start = time.perf_counter()
    url = build(folder)
    results: dict[str, Any] = {"build_databases_s": time.perf_counter() - start}
    imports = [import_time() for _ in range(runs)]
    results["import_tui_s"] = {"median": statistics.median(imports), "max": max(imports)}
    firsts = [await first_screen(url) for _ in range(runs)]
    results["first_screen_s"] = {"median": statistics.median(firsts), "max": max(firsts)}
    results["demo_columns"] = await dossier_timings(url, "csa-regulation", None, moves)
    results["ai_act_4_columns"] = await dossier_timings(url, "ai-act", AI_ACT_FOUR, moves)
    large = ["base", "generated-1", "generated-2", "generated-3"]
    results["large_4_columns"] = await dossier_timings(url, LARGE, large, moves)
    results["code"] = str(CODE)
    return results


AI_ACT_FOUR = ["commission-proposal", "council-general-approach", "ep-position", "st-11320-council"]
CASES = ("demo_columns", "ai_act_4_columns", "large_4_columns")


def baseline(folder: str, runs: int, moves: int) -> dict[str, Any]:
    """The same measurements of the code in `folder`, in a process of its own."""
    command = [sys.executable, __file__, "--code-root", folder, "--runs", str(runs)]
    done = subprocess.run(
        [*command, "--moves", str(moves), "--json-only"],
        check=True,
        capture_output=True,
        text=True,
        cwd=folder,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def lines(results: dict[str, Any]) -> list[tuple[str, float, str, str]]:
    """(measure, value, unit, target) rows of the table."""
    first = results["first_screen_s"]["median"]
    imported = results["import_tui_s"]["median"]
    rows = [
        ("new process importing the app (median)", imported, "s", ""),
        ("first screen on the demo, app start to list (median)", first, "s", "< 0.6 s"),
        ("first screen including the import", imported + first, "s", "< 1.5 s"),
    ]
    for name in CASES:
        r = results.get(name)
        if r is None:
            continue
        label = f"{name}: {r['rows']} rows × {r['columns']} stages"
        rows.append((label + ", open", r["open_s"], "s", ""))
        rows.append((label + ", move (median)", r["move_median_ms"], "ms", "< 100 ms"))
        rows.append((label + ", move (p95)", r["move_p95_ms"], "ms", ""))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--moves", type=int, default=60)
    parser.add_argument("--baseline", help="a folder with another version to measure too")
    parser.add_argument("--code-root", help=argparse.SUPPRESS)
    parser.add_argument("--json-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    before = baseline(args.baseline, args.runs, args.moves) if args.baseline else None
    results = asyncio.run(run(args.runs, args.moves))
    if args.json_only:
        print(json.dumps(results))
        return
    old = {name: value for name, value, _, _ in lines(before)} if before else {}
    print(f"{'measure':<60} {'baseline':>10} {'now':>10}  target")
    for name, value, unit, target in lines(results):
        was = f"{old[name]:>8.3f}" if name in old and unit == "s" else ""
        was = f"{old[name]:>8.1f}" if name in old and unit == "ms" else was
        shown = f"{value:>8.3f}" if unit == "s" else f"{value:>8.1f}"
        print(f"{name:<60} {was:>8} {unit:<2}{shown} {unit:<2} {target}")
    print(json.dumps({"now": results, "baseline": before} if before else results))


if __name__ == "__main__":
    main()
