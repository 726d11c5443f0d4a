"""A user's alignment override is applied the same way everywhere: `eup diff`, the exports,
the terminal UI and the concern alerts all see the provision go where the user said."""

from __future__ import annotations

from pathlib import Path

import pytest
from clihelp import eup
from sqlalchemy.engine import Engine
from tuihelp import pilot_test, settle

from eu_posities.tui.app import EuPositiesApp
from eu_posities.tui.screens.dossier import DossierScreen

pytest_plugins = ("tuifixtures",)

PAIR = ("csa-regulation", "commission-proposal", "practice-council-text")


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture
def pinned(engine: Engine) -> str:
    """The demo with Article 7 of the proposal pinned as deleted in the practice text.

    Without the override the engine matches it with Article 7 of the practice text.
    """
    url = url_of(engine)
    before = eup("--db", url, "align", *PAIR, "--json").json()
    assert {"from": "Article 7", "to": "Article 7"}.items() <= before[
        [r["from"] for r in before].index("Article 7")
    ].items()
    result = eup("--db", url, "align", *PAIR, "--set", "Article 7=", "--json")
    assert result.code == 0, result.err
    return url


def test_eup_diff_follows_the_override(pinned: str) -> None:
    data = eup("--db", pinned, "diff", *PAIR, "--json").json()
    mine = [p for p in data["pairs"] if p["from"] == "Article 7"]
    assert [(p["to"], p["status"], p["ops"][0]["op"]) for p in mine] == [
        (None, "deleted", "delete")
    ]
    added = [p for p in data["pairs"] if p["to"] == "Article 7"]
    assert [p["status"] for p in added] == ["added"]


def test_the_table_export_follows_the_override(pinned: str, tmp_path: Path) -> None:
    out = tmp_path / "table.md"
    stages = ",".join(PAIR[1:])
    args = ["table", PAIR[0], "--stages", stages, "--layout", "provisions", "--out", str(out)]
    result = eup("--db", pinned, *args)
    assert result.code == 0, result.err
    rows = [line for line in out.read_text(encoding="utf-8").splitlines() if "Article 7" in line]
    first = next(line for line in rows if line.startswith("| **Article 7**"))
    # Deleted in the practice column (its text is shown only where it moved to).
    assert first.split(" | ")[-1].startswith("**\\[deleted\\]**")
    assert any("\\[new\\]" in line for line in rows)  # the practice Article 7, own row


def test_the_concern_alerts_follow_the_override(pinned: str) -> None:
    alerts = eup("--db", pinned, "concerns", "alerts", PAIR[0], "--json").json()
    article7 = [a for a in alerts if a["provision"] == "Article 7"]
    assert [a["summary"] for a in article7] == [
        "Article 7 of commission-proposal was deleted in practice-council-text"
    ]


@pilot_test
async def test_the_terminal_ui_follows_the_override(engine: Engine) -> None:
    assert eup("--db", url_of(engine), "align", *PAIR, "--set", "Article 7=").code == 0
    app = EuPositiesApp(engine, author="tester")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_dossier(PAIR[0], stages=list(PAIR[1:]), provision="Article 7")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DossierScreen) and screen.data is not None
        row = next(r for r in screen.data.rows if r.cells[0] == ("Article 7",))
        assert row.status == (None, "deleted")
        added = next(r for r in screen.data.rows if r.cells[1] == ("Article 7",))
        assert added.status == (None, "added")
