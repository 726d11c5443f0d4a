"""Marked paragraphs (PDF lines or DOCX paragraphs) to provisions with their marks.

The splitter that reads plain text reads the *stage view* of each paragraph (struck
characters left out): the provisions, labels and numbering are the Council's. A second
pass reads the *base view* (inserted, i.e. bold, characters left out) to know which
provision of the base each wholly struck paragraph belonged to: a struck paragraph goes
with the stage provision that holds the rest of its base provision (as a delete run), and
a base provision with nothing left in the stage is deleted (`ParsedStage.struck`).

Placeholders ("Article 24 [deleted]", "(12) deleted", "[…]") make their provision
deleted, with its label; inside a provision ("(c) deleted") they drop the point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from eu_posities.document import Coverage, MarkedRun, ParsedProvision, ParsedStage
from eu_posities.importers.common import Draft
from eu_posities.importers.coverage import measure, placed_texts
from eu_posities.importers.marks.runs import align
from eu_posities.importers.marks.text import BOLD, STRUCK, MarkedText, join
from eu_posities.importers.text import TextSplitter, act_title, with_title

_GONE = r"[\[(]?\s*(?:deleted|Deleted|DELETED|supprimée?|Supprimée?|\u2026|\.\.\.|…)\s*[\])]?[.;,]?"
_PLACEHOLDER = re.compile(
    rf"^(?P<label>Article\s+\d+[a-z]*|ANNEX\s+[IVXLC]+[a-z]*|\(\d+[a-z]*\))\s*{_GONE}$"
)
_POINT_GONE = re.compile(rf"^(?:-?\d+[a-z]?\.|\([a-z0-9]{{1,5}}\)|[–—•-])\s*{_GONE}$")
_BARE_GONE = re.compile(rf"^{_GONE}$")
_RECITAL_STATES = ("preamble", "recitals")


@dataclass
class Split:
    """What `split_paragraphs` read: provisions, deleted provisions, title and coverage."""

    provisions: tuple[ParsedProvision, ...]
    struck: tuple[ParsedProvision, ...]
    title: str
    coverage: Coverage
    # Characters of provision texts whose marks could not be found in the source.
    unmatched: int = 0
    skipped: dict[str, list[str]] = field(default_factory=dict)


def stage_view(paragraph: MarkedText) -> str:
    return paragraph.view(STRUCK)


def struck_view(paragraph: MarkedText, flags: int = STRUCK) -> str:
    """The characters marked exactly with `flags` among bold and struck (deleted: struck
    only; withdrawn: bold and struck), a space where others stood between them."""
    table = bytes(1 if value & (STRUCK | BOLD) == flags else 0 for value in range(256))
    marked = paragraph.flags.translate(table)
    if 1 not in marked:
        return ""
    kept = "".join(c if m else " " for c, m in zip(paragraph.text, marked, strict=True))
    return " ".join(kept.split())


_LABEL_LINE = re.compile(
    r"^(Article\s+\d+[a-z]*|ANNEX(\s+[IVXLC]+[a-z]*)?|(CHAPTER|TITLE|SECTION|PART|Chapter|Title|"
    r"Section|Part)\s+([IVXLC]+|\d+)[A-Za-z]?)\b"
)


def _base_line(paragraph: MarkedText) -> str:
    """The base view of a paragraph; a label line's bold is typography ("ANNEX III",
    "CHAPTER 2" set in bold as headings are), only what is struck through is not there."""
    if _LABEL_LINE.match(paragraph.text.strip()) and len(paragraph.text) < 200:
        withdrawn = "".join(
            c if f & (STRUCK | BOLD) != (STRUCK | BOLD) else "\x00"
            for c, f in zip(paragraph.text, paragraph.flags, strict=True)
        )
        return " ".join(withdrawn.replace("\x00", "").split())
    return base_view(paragraph)


def base_view(paragraph: MarkedText) -> str:
    """The paragraph as the base had it: bold characters left out, struck or not (bold and
    struck is text an earlier compromise added and this one deletes again: it is in
    neither the base nor the stage; measured on the Czech compromise, reading it so makes
    the rebuilt base agree with the Commission proposal on 98.9% of article words, against
    95.4% when it is read as deleted base text)."""
    return paragraph.view(BOLD)


class _Reader:
    """One TextSplitter pass over one view of the paragraphs, placeholders understood."""

    def __init__(self, views: list[str]) -> None:
        self.views = views
        self.splitter = TextSplitter()
        count = len(views)
        splitter = self.splitter
        splitter.owners, splitter.roles, splitter.skipped = (
            [None] * count,
            [""] * count,
            [""] * count,
        )
        self.placeholders: dict[int, str] = {}  # id(draft) -> the placeholder as printed

    def run(self, start: int, parts: list[str]) -> None:
        splitter = self.splitter
        for index, part in enumerate(parts):
            splitter.skipped[index] = part
        for index in range(start, len(self.views)):
            line = self.views[index]
            if line:
                self._feed(index, line)

    def _feed(self, index: int, line: str) -> None:
        splitter = self.splitter
        whole = _PLACEHOLDER.match(line)
        if whole and (
            not whole.group("label").startswith("(") or splitter.state in _RECITAL_STATES
        ):
            splitter.feed(index, whole.group("label"))
            if splitter.current is not None:
                splitter.expect_heading = False
                self.placeholders[id(splitter.current)] = line
            return
        bare = _BARE_GONE.match(line)
        current = splitter.current
        if bare and current is not None and not current.blocks:
            # "Article 24" (and its heading) then "[deleted]" on a line of its own.
            splitter.expect_heading = False
            self.placeholders[id(current)] = line
            splitter.owners[index], splitter.roles[index] = current, "head"
            return
        if bare or _POINT_GONE.match(line):
            splitter.skipped[index] = "placeholders"  # a deleted point inside a provision
            return
        splitter.feed(index, line)


def split_paragraphs(
    paragraphs: list[MarkedText],
    *,
    marked: bool,
    notes: list[tuple[str, ...]] | None = None,
    footnotes: dict[str, str] | None = None,
) -> Split:
    """Split paragraphs into provisions; with `marked`, read their change marks."""
    full = [p.clean() for p in paragraphs]
    if marked:
        full = [_number_goes_with_text(p) for p in full]
    stage_views = [stage_view(p) if marked else p.text for p in full]
    stage = _Reader(stage_views)
    start, parts = stage.splitter._act_start(stage_views)
    stage.run(start, parts)
    base: _Reader | None = None
    if marked:
        base = _Reader([_base_line(p) for p in full])
        base.run(start, parts)
    attached, struck_drafts, skipped = _attach(stage, base, stage_views)
    lines_of: dict[int, list[int]] = {}
    for index, owner in enumerate(stage.splitter.owners):
        if owner is not None:
            lines_of.setdefault(id(owner), []).append(index)
    blocks_of: dict[int, list[int]] = {}
    for index, (owner, role) in enumerate(
        zip(stage.splitter.owners, stage.splitter.roles, strict=True)
    ):
        if owner is not None and role == "block":
            blocks_of.setdefault(id(owner), []).append(index)
    # (first line, provision, deleted?) in document order.
    found: list[tuple[int, ParsedProvision, bool]] = []
    unmatched = 0
    for draft in stage.splitter.drafts:
        provision = _with_notes(draft.build(), stage.splitter, draft, notes, footnotes)
        first = min(lines_of.get(id(draft), [len(full)]))
        if marked:
            own = blocks_of.get(id(draft)) or lines_of.get(id(draft), [])
            if draft.kind in ("recital", "citation"):
                own = lines_of.get(id(draft), [])  # "(57) ~~text~~": the label line is text
            lines = sorted(own + attached.get(id(draft), []))
            provision, own_base = _with_base(provision, base, lines_of.get(id(draft), []))
            bases = _bases(base, own_base, lines, full)
            runs, missed = align(provision.text, join([full[i] for i in lines], "\n"), bases)
            unmatched += missed
            provision = replace(provision, marks=runs)
        placeholder = stage.placeholders.get(id(draft))
        if placeholder is not None and not provision.text:
            found.append((first, _deleted(provision, "placeholder", placeholder), True))
        elif not provision.text and any(run.op == "delete" for run in provision.marks):
            found.append((first, _deleted(provision, "struck", ""), True))  # "(57) ~~text~~"
        elif provision.text or provision.heading or provision.kind in ("article", "annex"):
            found.append((first, provision, False))
    for draft, lines in struck_drafts:
        built = draft.build()
        runs = (MarkedRun("delete", built.text),) if built.text else ()
        found.append((min(lines), _deleted(replace(built, marks=runs), "struck", ""), True))
    found.sort(key=lambda item: item[0])
    provisions: list[ParsedProvision] = []
    struck: list[ParsedProvision] = []
    for _first, provision, deleted in found:
        if deleted:
            # Where it stood: after the last provision the stage still has before it.
            after = provisions[-1].label if provisions else None
            struck.append(replace(provision, markers={**provision.markers, "after": after}))
        else:
            provisions.append(provision)
    title = act_title(stage.splitter, stage_views)
    parts_of = {i: part for part, indices in skipped.items() for i in indices}
    parts_of.update((i, part) for i, part in enumerate(stage.splitter.skipped) if part)
    stage_parts: dict[str, list[str]] = {}
    body: list[str] = []
    for index, paragraph in enumerate(full):
        # Words are counted as the marks cut them: "~~When implementing t~~**T**he" holds
        # "when implementing t" (deleted) and "the".
        texts = [stage_views[index], struck_view(paragraph)] if marked else [paragraph.text]
        if index in parts_of:
            stage_parts.setdefault(parts_of[index], []).extend(texts)
        else:
            body.extend(texts)
        withdrawn = struck_view(paragraph, STRUCK | BOLD) if marked else ""
        if withdrawn:
            stage_parts.setdefault("added and deleted again", []).append(withdrawn)
    # The title as the provision "Title" (as the Commission's own formats give it), read
    # from the stage's view of the document: its marks are that text, unchanged.
    provisions = [
        p if p.kind != "title" or p.marks else replace(p, marks=(MarkedRun("equal", p.text),))
        for p in with_title(tuple(provisions), title)
    ]
    parsed = ParsedStage(tuple(provisions), "", title=title, struck=tuple(struck))
    coverage = measure(body, placed_texts([parsed]), stage_parts)
    return Split(tuple(provisions), tuple(struck), title, coverage, unmatched, stage_parts)


def _with_base(
    provision: ParsedProvision, base: _Reader | None, lines: list[int]
) -> tuple[ParsedProvision, Draft | None]:
    """The provision with the label and heading the base had where they differ ("Article 6"
    struck and "Article 7" printed in bold), or marked new when the base opened no
    provision where this one starts (its label is in bold); and its base draft."""
    if base is None or not lines:
        return provision, None
    first = min(lines)
    owner = base.splitter.owners[first]
    markers = dict(provision.markers)
    if owner is None or _first_line(base, owner) != first:
        markers["new"] = True
        owner = None
    else:
        built = owner.build()
        if built.label != provision.label:
            markers["base_label"] = built.label
            markers["base_number"] = built.number
        if built.heading != provision.heading:
            markers["base_heading"] = built.heading
    return replace(provision, markers=markers), owner


def _bases(
    base: _Reader | None, own: Draft | None, lines: list[int], full: list[MarkedText]
) -> list[tuple[int, str]]:
    """Where the source of a provision holds text of another base provision (a merge):
    (offset in the joined source, that provision's label; "" back to its own)."""
    if base is None:
        return []
    out: list[tuple[int, str]] = []
    offset = 0
    for index in lines:
        owner = base.splitter.owners[index]
        label = ""
        if owner is not None and owner is not own and _wordy(base.views[index]):
            label = owner.label or owner.build().label
        if not out or out[-1][1] != label:
            out.append((offset, label))
        offset += len(full[index].text) + 1
    return out


def _wordy(text: str) -> bool:
    """More than numbering: three words of two letters or more."""
    return sum(1 for w in text.split() if sum(c.isalpha() for c in w) > 1) >= 3


def _first_line(reader: _Reader, draft: Draft) -> int:
    return next(i for i, owner in enumerate(reader.splitter.owners) if owner is draft)


_NUMBER_ONLY = re.compile(r"^(-?\d+[a-z]?\.|\([a-z0-9]{1,5}\)|[–—•-])$")


def _number_goes_with_text(paragraph: MarkedText) -> MarkedText:
    """ "(h) ~~Regulation (EU) 2019/2144.~~": a point deleted in full whose number was left
    unstruck. The number goes with its text (struck too), so that no stray number is left
    in the stage text."""
    view = stage_view(paragraph)
    if not view or not _NUMBER_ONLY.match(view) or not paragraph.any(STRUCK):
        return paragraph
    return MarkedText(paragraph.text, bytes(f | STRUCK for f in paragraph.flags))


def _deleted(provision: ParsedProvision, how: str, printed: str) -> ParsedProvision:
    markers = dict(provision.markers)
    markers["deleted"] = how
    if how == "placeholder":
        markers["placeholder"] = printed
    return replace(provision, text="", blocks=(), markers=markers)


def _attach(
    stage: _Reader, base: _Reader | None, stage_views: list[str]
) -> tuple[dict[int, list[int]], list[tuple[Draft, list[int]]], dict[str, list[int]]]:
    """Where each wholly struck paragraph goes: into a stage provision (as deleted text),
    into a provision deleted in full, or (struck labels and titles) nowhere in particular."""
    attached: dict[int, list[int]] = {}
    skipped: dict[str, list[int]] = {}
    if base is None:
        return attached, [], skipped
    owners, roles = base.splitter.owners, base.splitter.roles
    stage_owner = stage.splitter.owners
    lines_of: dict[int, list[int]] = {}
    for index, owner in enumerate(owners):
        if owner is not None:
            lines_of.setdefault(id(owner), []).append(index)
    struck: list[tuple[Draft, list[int]]] = []
    done: set[int] = set()
    for index, view in enumerate(stage_views):
        base_owner = owners[index]
        if view or not base.views[index] or stage.splitter.skipped[index]:
            continue
        if base_owner is None:
            skipped.setdefault("struck titles", []).append(index)
            continue
        siblings = lines_of[id(base_owner)]
        alive = [i for i in siblings if stage_views[i] and stage_owner[i] is not None]
        if not alive:
            if id(base_owner) not in done:
                done.add(id(base_owner))
                struck.append((base_owner, siblings))
            continue
        if roles[index] != "block":
            skipped.setdefault("struck labels and headings", []).append(index)
            continue
        before = [i for i in alive if i < index]
        target = stage_owner[before[-1] if before else alive[0]]
        assert target is not None
        attached.setdefault(id(target), []).append(index)
    return attached, struck, skipped


def _with_notes(
    provision: ParsedProvision,
    splitter: TextSplitter,
    draft: Draft,
    notes: list[tuple[str, ...]] | None,
    footnotes: dict[str, str] | None,
) -> ParsedProvision:
    """The footnotes referred to from the provision's lines."""
    if not notes or not footnotes:
        return provision
    found: list[str] = []
    for index, owner in enumerate(splitter.owners):
        if owner is draft and index < len(notes):
            found.extend(footnotes[n] for n in notes[index] if n in footnotes)
    if not found:
        return provision
    return replace(provision, footnotes=provision.footnotes + tuple(dict.fromkeys(found)))
