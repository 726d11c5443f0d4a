"""Output for people: tables that fit narrow and wide terminals, redlines readable without
colour (piped or NO_COLOR), no escape codes where colour is off."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from clihelp import eup

from eu_posities.cli.redline import redline_text
from eu_posities.diff import DiffOp

PAIR = ("csa-regulation", "commission-proposal", "practice-council-text")
KAMERBRIEF = "kamerbrief-2024-12-20"
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])[0-9;]*m")
TABLES = [
    ("dossier", "list"),
    ("stages", "csa-directive"),
    ("stages", "csa-regulation"),
    ("provisions", "csa-directive", "kamerbrief-2024-12-20"),
    ("align", *PAIR),
    ("concerns", "list"),
    ("concerns", "suggest", *PAIR[:2]),
    ("log", "--limit", "5"),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('output') / 'demo.db'}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EU_POSITIES_USER", "tester")
        assert eup("--db", url, "init").code == 0
    return url


@pytest.mark.parametrize("width", [60, 80, 200])
@pytest.mark.parametrize("args", TABLES, ids=[" ".join(a) for a in TABLES])
def test_tables_fit_the_terminal_and_are_not_cut(
    demo: str, monkeypatch: pytest.MonkeyPatch, width: int, args: tuple[str, ...]
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = eup("--db", demo, *args)
    assert result.code == 0, result.err
    for line in result.out.splitlines():
        assert len(line) <= width
        if line[:1] in "┏┃┡│└":  # a table row must end in its right border, not be cut off
            assert line.rstrip()[-1] in "┓┃┩│┘", line


def test_concern_keys_are_never_shortened(demo: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    assert "…" not in eup("--db", demo, "concerns", "list").out
    assert "…" not in eup("--db", demo, "log").out
    assert "…" not in eup("--db", demo, "concerns", "suggest", "csa-directive", KAMERBRIEF).out
    monkeypatch.setenv("COLUMNS", "200")
    out = eup("--db", demo, "concerns", "list").out
    assert "│ afbakening-strafbaarstellingen │" in out and "commission-proposal: open" in out


def test_change_log_names_a_deleted_match_in_words(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'log.db'}"
    assert eup("--db", url, "init").code == 0
    assert eup("--db", url, "align", *PAIR, "--set", "Article 11=").code == 0
    subject = eup("--db", url, "log", "--json").json()[-1]["subject"]
    assert subject == "commission-proposal:Article 11 -> practice-council-text:(deleted)"


def test_no_positions_found_is_said(demo: str) -> None:
    out = eup("--db", demo, "concerns", "positions", "csa-directive", KAMERBRIEF).out
    assert out.startswith("No 'Nederlandse positie' found in kamerbrief-2024-12-20")


def test_piped_redline_marks_deleted_and_inserted_words(
    demo: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    # Piped: no colour, no strike-through; the change must still be visible.
    out = eup("--db", demo, "diff", *PAIR, "--provision", "Article 7").out
    assert "[-shall have the power to-]" in out
    assert "{+may+}" in out


def test_no_color_on_a_terminal(demo: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("FORCE_COLOR", "1")  # Rich treats the output as a terminal
    monkeypatch.setenv("NO_COLOR", "1")
    out = eup("--db", demo, "diff", *PAIR, "--provision", "Article 7").out
    assert not ANSI_COLOUR.search(out)
    assert "{+may+}" in out


def test_redline_marks_leave_spacing_alone() -> None:
    ops = [
        DiffOp("equal", "Within ", "Within "),
        DiffOp("replace", "three ", "two "),
        DiffOp("equal", "months", "months"),
        DiffOp("insert", "", " \n"),
    ]
    assert redline_text(ops, marks=True).plain == "Within [-three-] {+two+} months \n"
    assert redline_text(ops).plain == "Within three two months \n"


def test_progress_bars_stay_off_when_piped(demo: str, tmp_path: Path) -> None:
    result = eup("--db", demo, "table", "csa-regulation", "--stages", ",".join(PAIR[1:]),
                 "--out", str(tmp_path / "t.md"))  # fmt: skip
    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out.strip() == f"Wrote {tmp_path / 't.md'}"


def test_a_stage_without_text_says_so(demo: str) -> None:
    out = eup("--db", demo, "provisions", "csa-regulation", "ep-position").out
    assert out.splitlines() == [
        "csa-regulation/ep-position has no text yet.",
        "Import one: eup import FILE --dossier csa-regulation --stage ep-position",
    ]
    assert eup("--db", demo, "provisions", "csa-regulation", "ep-position", "--json").json() == []


def test_no_dossiers_yet_says_what_to_do(tmp_path: Path) -> None:
    assert eup("--db", f"sqlite:///{tmp_path / 'empty.db'}", "init", "--empty").code == 0
    out = eup("--db", f"sqlite:///{tmp_path / 'empty.db'}", "dossier", "list").out
    assert out.strip() == (
        "No dossiers yet: `eup init` loads the demo data, `eup dossier add` adds one."
    )


def test_stage_kind_line_does_not_read_as_another_stage(demo: str) -> None:
    out = eup("--db", demo, "stages", "csa-regulation").out
    assert "│ (kind: council-mandate)" in out  # under practice-council-text
    assert "│ council-mandate " in out  # the real council-mandate stage, once
    assert out.count("│ council-mandate ") == 1
