"""Write the README screenshot: the dossier screen at 120×36 on the demo's AI Act, the three
columns of the trilogue document (ST 11320/1/23) side by side, paragraph by paragraph, with the
document's row numbers and G/Y/R statuses; Article 26 selected.

Run `python scripts/screenshot.py docs/screenshot.svg`; it builds the demo in a temporary SQLite
database, so it never touches the user's data.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from eu_posities.db import make_engine, session_scope, upgrade
from eu_posities.demo import load_demo
from eu_posities.tui.app import EuPositiesApp

SIZE = (120, 36)
DOSSIER = "ai-act"
STAGES = ["st-11320-commission", "st-11320-ep", "st-11320-council"]
PROVISION = "Article 26"


async def _shoot(engine: object, out: Path) -> None:
    app = EuPositiesApp(engine, author="demo")  # type: ignore[arg-type]
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.open_dossier(DOSSIER, stages=STAGES, provision=PROVISION)
        for _ in range(5):
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.title = DOSSIER
        out.write_text(app.export_screenshot(title="eu-posities"), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    out = Path((argv or sys.argv[1:] or ["docs/screenshot.svg"])[0])
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'demo.db'}")
        upgrade(engine)
        with session_scope(engine, write=True) as session:
            load_demo(session=session, author="demo")
        asyncio.run(_shoot(engine, out))
        engine.dispose()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
