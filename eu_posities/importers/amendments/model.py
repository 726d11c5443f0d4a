"""From what a reader found (number, target, both columns as marked lines) to an `Amendment`.

Every reader (OJ/EUR-Lex XHTML, EP PDF, EP DOCX, AT4AM XML) collects the two columns of an
amendment as lines of marked pieces and hands them to `build_amendment`, so the rules for
the kind, the label, the path and the marks live in one place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from eu_posities.document import Amendment
from eu_posities.importers.amendments.runs import Piece, as_runs, clean_pieces, join_lines, plain
from eu_posities.importers.amendments.targets import parse_target

_DELETED = re.compile(r"^\s*(deleted|supprimé|gestrichen|schrappen|geschrapt)\s*$", re.IGNORECASE)
_RECITAL_NUMBER = re.compile(r"^\(\d+\s?[a-z]{0,3}\)$")
# "Article 4 a" as a line of the amendment column: the article's number, not its text.
_ARTICLE_LINE = re.compile(r"^Article\s+\d+\s?[a-z]{0,3}$", re.IGNORECASE)


# "1 a. Text", "(33b ) Text", "( c ) Text": the EP prints inserted numbers with spaces.
_LOOSE_NUMBER = re.compile(
    r"^(?:(?P<par>\d+)\s+(?P<psuf>[a-z]{1,3})\.(?=\s)"
    r"|\(\s*(?P<pt>\d+|[a-z]{1,4})\s*(?P<ptsuf>[a-z]{0,3})\s*\)(?=\s|$)"
    r"|(?P<bare>[a-z]{1,3})\)(?=\s))"
)


def tidy_number(line: list[Piece]) -> list[Piece]:
    """The line's leading number without inner spaces: "1 a." -> "1a.", "(33b )" -> "(33b)"."""
    text = plain(line)
    match = _LOOSE_NUMBER.match(text)
    if not match or (" " not in match.group(0) and not match.group("bare")):
        return line
    if match.group("par"):
        number = f"{match.group('par')}{match.group('psuf')}."
    elif match.group("bare"):
        number = f"({match.group('bare')})"  # "dc)" printed for "(dc)"
    else:
        number = f"({match.group('pt')}{match.group('ptsuf')})"
    cut = match.end()
    out: list[Piece] = [(number, line[0][1])]
    seen = 0
    for piece, marked in line:
        if seen + len(piece) > cut:
            out.append((piece[max(0, cut - seen) :], marked))
        seen += len(piece)
    return out


def is_deleted(text: str) -> bool:
    """True when a column says only "deleted"."""
    return bool(_DELETED.match(text))


@dataclass
class Column:
    """One column of one amendment while it is read: its lines and its heading."""

    lines: list[list[Piece]] = field(default_factory=list)
    heading: list[Piece] = field(default_factory=list)
    deleted: bool = False

    def add(self, pieces: Sequence[Piece]) -> None:
        line = tidy_number(clean_pieces(pieces))
        if not plain(line):
            return
        if is_deleted(plain(line)):
            self.deleted = True
            return
        self.lines.append(line)


def column_words(column: Column) -> int:
    """Words a column holds as read (numbers, heading and a "deleted" included)."""
    words = sum(len(plain(line).split()) for line in column.lines)
    words += len(plain(column.heading).split())
    return words + (1 if column.deleted else 0)


def _texts(column: Column, kind: str) -> list[list[Piece]]:
    lines = list(column.lines)
    if kind == "recital" and lines:
        # The recital's number is printed in a cell of its own; a stage's text has none.
        first = plain(lines[0])
        if _RECITAL_NUMBER.match(first):
            lines = lines[1:]
        else:
            lines[0] = _drop_number(lines[0])
    if kind == "article" and lines and _ARTICLE_LINE.match(plain(lines[0])):
        lines = lines[1:]
    return lines


def _drop_number(line: list[Piece]) -> list[Piece]:
    text = plain(line)
    match = re.match(r"^\(\d+\s?[a-z]{0,3}\)\s+", text)
    if not match:
        return line
    cut = match.end()
    out: list[Piece] = []
    seen = 0
    for piece, marked in line:
        if seen + len(piece) <= cut:
            seen += len(piece)
            continue
        out.append((piece[max(0, cut - seen) :], marked))
        seen += len(piece)
    return out


def build_amendment(
    number: str,
    target: str,
    old: Column,
    new: Column,
    *,
    justification: str = "",
    members: str = "",
) -> Amendment:
    """The amendment a reader found, with its kind, label, path and marks."""
    parsed = parse_target(target)
    old_lines = _texts(old, parsed.kind)
    new_lines = _texts(new, parsed.kind)
    old_pieces = join_lines(old_lines)
    new_pieces = join_lines(new_lines)
    old_text, new_text = plain(old_pieces), plain(new_pieces)
    old_heading, new_heading = plain(old.heading), plain(new.heading)
    if not new_text and not new_heading and (new.deleted or old_text or old_heading):
        kind = "delete"
    elif not old_text and not old_heading:
        kind = "insert"
    else:
        kind = "modify"
    return Amendment(
        number=number,
        target=" ".join(target.split()),
        kind=kind,
        old=old_text,
        new=new_text,
        label=parsed.label,
        path=parsed.path,
        new_marks=as_runs(new_pieces, "insert"),
        justification=" ".join(justification.split()),
        members=" ".join(members.split()),
        old_marks=as_runs(old_pieces, "delete"),
        old_heading=old_heading,
        new_heading=new_heading,
    )
