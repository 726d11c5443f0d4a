"""Multi-column comparison tables (DOCX or PDF) to one stage per text column.

Negotiators trade "four-column" documents: a header row such as "Commission proposal | EP
| Council | Compromise", then one row per provision (or per paragraph). The provision's
label sits in a label column or at the top of the first text cell ("Article 5", "Recital
12", "(12)"). Each text column becomes a stage named after its heading; a row without a
label continues the provision above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eu_posities.document import Coverage, ParsedStage
from eu_posities.importers.common import Draft, clean, finish, num_level, split_num

_LABEL_HEADER = re.compile(r"^(provision|article|label|nr\.?|no\.?|#|ref\.?|reference)?$", re.I)
_LABEL = re.compile(
    r"^(?:(?P<kind>Article|Art\.|Recital|Citation|Annex|ANNEX)\s*(?P<number>\(?[0-9IVXLC]+[a-z]*\)?)"
    r"|\((?P<recital>\d+[a-z]?)\))\s*[-–—:.]?\s*(?P<rest>.*)$"
)
_KINDS = {"article": "article", "art.": "article", "recital": "recital", "citation": "citation",
          "annex": "annex"}  # fmt: skip
_NUM_START = re.compile(r"^(\d+[a-z]?\.|\([a-z0-9]{1,4}\)|[–—•])\s*")


@dataclass(frozen=True)
class Label:
    """A provision label read from a cell: kind, bare number and the text after it."""

    kind: str
    number: str
    rest: str

    @property
    def printed(self) -> str:
        prefix = {"article": "Article", "recital": "Recital", "citation": "Citation",
                  "annex": "Annex"}[self.kind]  # fmt: skip
        return f"{prefix} {self.number}"


def read_label(line: str) -> Label | None:
    """Read "Article 5a", "Art. 5", "Recital (12)", "(12) text", "Annex II" at a line start."""
    match = _LABEL.match(line.strip())
    if not match:
        return None
    if match.group("recital"):
        return Label("recital", match.group("recital"), match.group("rest"))
    kind = _KINDS[match.group("kind").lower()]
    number = match.group("number").strip("()")
    rest = match.group("rest")
    if kind == "article" and rest and rest[0].islower():
        return None  # "Article 5 shall apply ..." is a sentence, not a label
    return Label(kind, number, rest)


def is_comparison_table(rows: list[list[str]]) -> bool:
    """A header row naming at least two texts, and at least one body row."""
    if len(rows) < 2 or len(rows[0]) < 2:
        return False
    header = [clean(cell) for cell in rows[0]]
    named = [
        cell for index, cell in enumerate(header) if cell and not _is_label_header(index, cell)
    ]
    return len(named) >= 2 and all(len(cell) < 80 for cell in named)


def _is_label_header(index: int, cell: str) -> bool:
    return index == 0 and bool(_LABEL_HEADER.match(cell))


def stages_from_table(
    rows: list[list[str]], fmt: str, *, detect_headings: bool = True
) -> list[ParsedStage]:
    """One stage per text column of a comparison table, named after the column heading."""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    header = [clean(cell) for cell in rows[0]]
    label_column = 0 if _is_label_header(0, header[0]) else None
    columns = [i for i in range(width) if i != label_column and header[i]]
    body = [row for row in rows[1:] if [clean(c) for c in row] != header]
    drafts: dict[int, dict[str, Draft]] = {column: {} for column in columns}
    current: dict[int, Draft | None] = {column: None for column in columns}
    for row in body:
        row_label = read_label(clean(row[label_column])) if label_column is not None else None
        if row_label is None:
            for column in columns:
                lines = _lines(row[column])
                if lines and (found := read_label(lines[0])) is not None:
                    row_label = found
                    break
        for column in columns:
            lines = _lines(row[column])
            if not lines:
                continue
            own = read_label(lines[0])
            if own is not None:
                lines = ([own.rest] if own.rest else []) + lines[1:]
            label = own or row_label
            if label is not None:
                key = label.printed
                draft = drafts[column].get(key)
                if draft is None:
                    draft = Draft(kind=label.kind, number=label.number, label=key)
                    drafts[column][key] = draft
                    titled = label.kind in ("article", "annex") and len(lines) > 1
                    if detect_headings and titled and _heading_like(lines[0]):
                        draft.heading, lines = lines[0], lines[1:]
                current[column] = draft
            draft_or_none = current[column]
            if draft_or_none is None:
                continue  # text before the first labelled row (a title row): not a provision
            _add_lines(draft_or_none, lines, join_wrapped=not detect_headings)
    stages = []
    for column in columns:
        provisions = finish(drafts[column].values())
        if provisions:
            stages.append(ParsedStage(provisions=provisions, format=fmt, name=header[column]))
    return stages


def table_coverage(rows: list[list[str]], stages: list[ParsedStage]) -> Coverage:
    """Text coverage of a comparison table: its cells against the stages read from it (the
    header row and the label column count as placed: they name the columns and rows)."""
    from eu_posities.importers.coverage import measure, placed_texts

    header = rows[0] if rows else []
    label_column = 0 if header and _is_label_header(0, clean(header[0])) else None
    placed = placed_texts(stages) + [clean(cell) for cell in header]
    if label_column is not None:
        placed.extend(clean(row[0]) for row in rows if row)
    body = [clean(cell) for row in rows for cell in row if clean(cell)]
    return measure(body, placed)


def _lines(cell: str) -> list[str]:
    return [clean(line) for line in (cell or "").splitlines() if clean(line)]


def _heading_like(line: str) -> bool:
    return len(line) < 120 and line[-1] not in ".;:," and not _NUM_START.match(line)


def _add_lines(draft: Draft, lines: list[str], *, join_wrapped: bool) -> None:
    for line in lines:
        last_ends = draft.blocks[-1].text[-1:] in ".;:" if draft.blocks else True
        if join_wrapped and draft.blocks and not (_NUM_START.match(line) and last_ends):
            last = draft.blocks[-1]
            if re.search(r"[A-Za-z]-$", last.text) and line[:1].islower():
                draft.blocks[-1] = type(last)(
                    text=last.text[:-1] + line, num=last.num, level=last.level, markers=last.markers
                )
                continue
            # In a PDF cell a line break is mostly wrapping; a number after a full stop
            # starts a new block.
            draft.blocks[-1] = type(last)(
                text=f"{last.text} {line}", num=last.num, level=last.level, markers=last.markers
            )
            continue
        num, text = split_num(line)
        previous = draft.blocks[-1].num if draft.blocks else ""
        draft.add(text, num=num, level=num_level(num, previous))
