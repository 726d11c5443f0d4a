"""Text from documents is printed as text: no Rich markup, no terminal escape sequences."""

from __future__ import annotations

from pathlib import Path

from clihelp import eup

HOSTILE = (
    "MADE-UP TEST ACT - NOT LEGAL TEXT\n\nArticle 1\nScope [deleted] [x] [/] [link=http://x]y[/link]\n"
    "1. Clear \x1b[2J the screen, \x1b]52;c;Zm9v\x07 a clipboard write, "
    "\u202egnihton\u202c reversed.\n"
)


def _imported(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'h.db'}"
    assert eup("--db", url, "init", "--empty").code == 0
    assert (
        eup("--db", url, "dossier", "add", "probe-d", "--title", "Probe [b]bold[/b] \x1b[31m").code
        == 0
    )
    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    result = eup("--db", url, "import", str(source), "--dossier", "probe-d", "--stage", "other")
    assert result.code == 0, result.err
    return url


def test_markup_in_documents_is_shown_as_text(tmp_path: Path) -> None:
    url = _imported(tmp_path)
    out = eup("--db", url, "provisions", "probe-d", "other").out
    assert "[deleted]" in out and "[x]" in out and "[/]" in out and "[link=http://x]" in out
    listing = eup("--db", url, "dossier", "list").out
    assert "[b]bold[/b]" in listing


def test_escape_sequences_and_bidi_overrides_are_never_printed(tmp_path: Path) -> None:
    url = _imported(tmp_path)
    for args in (
        ("provisions", "probe-d", "other"),
        ("dossier", "list"),
        ("search", "clipboard"),
        ("search", "clipboard", "--json"),
        ("provisions", "probe-d", "other", "--json"),
    ):
        result = eup("--db", url, *args)
        assert result.code == 0, (args, result.err)
        for bad in ("\x1b", "\x07", "\u202e", "\u202c"):
            assert bad not in result.out, (args, repr(bad))
    as_json = eup("--db", url, "dossier", "list", "--json").json()
    assert as_json[0]["title"].startswith("Probe [b]bold[/b]")


def test_an_error_naming_a_hostile_file_prints_no_escape(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'e.db'}"
    assert eup("--db", url, "init", "--empty").code == 0
    name = tmp_path / "evil\x1b[2Jname.txt"
    result = eup("--db", url, "import", str(name), "--dossier", "nope", "--stage", "x")
    assert result.code == 1 and "\x1b" not in result.err and "\\x1b" in result.err
