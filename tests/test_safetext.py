"""Text from documents made safe for storage, for XML and for a terminal."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from eu_posities.document import MarkedRun, ParsedDocument, ParsedProvision, ParsedStage
from eu_posities.safetext import for_storage, for_terminal, for_xml, is_clean, map_strings

ATTACK = (
    "clear\x1b[2J screen, \x1b]8;;http://evil.example\x07link\x1b]8;;\x07, "
    "clipboard \x1b]52;c;SGVsbG8=\x07, CSI \x9b31m, bell\x07, bidi \u202eevil\u202c, "
    "isolate \u2066x\u2069, NUL \x00, DEL \x7f"
)


def test_storage_keeps_text_and_drops_controls() -> None:
    assert for_storage("Artikel 5a — “quoted” ‘text’ ✓ €") == "Artikel 5a — “quoted” ‘text’ ✓ €"
    assert for_storage("a\tb\nc") == "a\tb\nc"
    assert for_storage("a\x00b\x01c\x1bd\x7fe\x9bf") == "abcdef"
    assert for_storage("line\r\nnext\rlast") == "line\nnext\nlast"
    assert for_storage("page\x0cbreak\x0bvt\x85nel") == "page\nbreak\nvt\nnel"
    assert for_storage("lone \ud800 surrogate, \ufffe \uffff") == "lone  surrogate,  "
    # Bidi marks are text (storage); only the terminal escapes them.
    assert for_storage("\u202eabc\u202c") == "\u202eabc\u202c"


def test_xml_accepts_whatever_for_xml_returns() -> None:
    text = for_xml(ATTACK + "\ud800\ufffe")
    element = etree.Element("t")
    element.text = text  # lxml raises ValueError on anything XML 1.0 cannot hold
    assert "clear" in element.text and "\x1b" not in element.text


def test_terminal_escapes_are_made_visible() -> None:
    shown = for_terminal(ATTACK)
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "\u202e" not in shown and "\u2066" not in shown and "\x00" not in shown
    assert "\\x1b[2J" in shown and "\\u202e" in shown and "\\x9b" in shown and "\\x7f" in shown
    assert for_terminal("Artikel 5\n\tlid 1 — “ok”") == "Artikel 5\n\tlid 1 — “ok”"
    assert for_terminal("cr\rlf") == "cr\\x0dlf"  # a bare CR would overwrite the line
    assert for_terminal("\ud83d") == "\\ud83d"  # printable: a lone surrogate cannot be encoded
    for_terminal(ATTACK + "\udcff").encode("utf-8")


@given(st.text())
def test_storage_is_idempotent_and_clean(text: str) -> None:
    once = for_storage(text)
    assert for_storage(once) == once
    assert is_clean(once)
    etree.Element("t").text = once  # always XML-safe


@given(st.text())
def test_terminal_output_has_no_controls(text: str) -> None:
    shown = for_terminal(text)
    assert all(ch in "\n\t" or not (ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F) for ch in shown)
    shown.encode("utf-8")


def test_map_strings_reaches_every_string_and_copies_only_what_changes() -> None:
    clean = ParsedProvision(kind="article", number="1", label="Article 1", text="fine")
    dirty = ParsedProvision(
        kind="article",
        number="2",
        label="Article 2",
        text="bad\x1b[2J",
        heading="h\x00",
        marks=(MarkedRun("insert", "x\x07y"),),
        markers={"note\x01": ["v\x02"]},
    )
    document = ParsedDocument((ParsedStage((clean, dirty), format="text", title="t\x0b"),))
    out = map_strings(document)
    stage = out.stages[0]
    assert stage.provisions[0] is clean  # untouched records are not copied
    fixed = stage.provisions[1]
    assert (fixed.text, fixed.heading, fixed.marks[0].text) == ("bad[2J", "h", "xy")
    assert fixed.markers == {"note": ["v"]} and stage.title == "t\n"
    assert map_strings(out) is out


def test_map_strings_on_plain_dataclasses() -> None:
    @dataclass(frozen=True)
    class Row:
        cells: tuple[str, ...]
        count: int

    row = Row(("a\x01", "b"), 3)
    assert map_strings(row, for_xml) == Row(("a", "b"), 3)
