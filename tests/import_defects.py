"""Misreads an importer can leave in the provisions of a real document, found by their look.

- `unfinished recitals`: a recital whose text does not end a sentence (".", ";", ":" or a
  closing bracket or quote after one): cut off where its text carried on;
- `sentences broken`: a paragraph break inside a sentence: the line after it opens with a
  small letter or with "(EU)" ("Regulation" + "(EU) 2016/679" read as a new paragraph);
- `headings in text`: a TITLE, CHAPTER, SECTION or PART heading printed in capitals inside a
  provision's text instead of in its path;
- `furniture in text`: what a Council page repeats at its top or foot (the document number
  with the drafter's initials "15698/22 RB/ek 21", the directorate "TREE.2.B", "LIMITE", a
  lone "EN") inside a provision's text;
- `recitals run together`: a line of a recital's text that opens with a recital number
  ("(-12a) If and insofar ..."): a recital the importer did not see start;
- `repeated labels`: two provisions of the same stage printed with one label (a stray
  "(4)" at a line start read as a new recital).

`scan(document)` counts them per kind and gives the first few labels of each.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from eu_posities.document import ParsedDocument, ParsedProvision

_SENTENCE_END = re.compile(r"[.;:!?…][)\]’”\"']*$|\[…\]$|\(\.\.\.\)$")
_HEADING = re.compile(r"(?:^|\n|\s)(TITLE|CHAPTER|SECTION|PART)\s+([IVXLC]+|\d+)[A-Za-z]?\b")
_FURNITURE = re.compile(
    r"\b\d{3,5}/(?:\d{1,2}/)?\d{2}(?:\s+(?:REV|COR|ADD)\s*\d+)*\s+[A-Z]{2,4}/[a-z]{2,4}\b"
    r"|\b[A-Z]{3,5}\.\d\.[A-Z]\b|\bLIMITE\b|(?:^|\n)EN(?:\n|$)"
)
_BROKEN = re.compile(r"[^.;:\n]\n(?:\((?:EU|EC|EEC|Euratom)\)|[a-zà-ÿ])")
_RECITAL_START = re.compile(r"\n\(-?\d+[a-z]?\)\s+[A-Z]")
KINDS = (
    "unfinished recitals",
    "recitals run together",
    "sentences broken",
    "headings in text",
    "furniture in text",
    "repeated labels",
)


@dataclass
class Defects:
    """Per kind of misread, the labels of the provisions that show it."""

    found: dict[str, list[str]] = field(default_factory=lambda: {kind: [] for kind in KINDS})

    def counts(self) -> dict[str, int]:
        return {kind: len(labels) for kind, labels in self.found.items()}

    def total(self) -> int:
        return sum(self.counts().values())


def scan(document: ParsedDocument) -> Defects:
    """The misreads in every stage of `document` (deleted provisions left out)."""
    defects = Defects()
    for stage in document.stages:
        labels = Counter(p.label for p in stage.provisions)
        defects.found["repeated labels"] += sorted(label for label, n in labels.items() if n > 1)
        for provision in stage.provisions:
            for kind in _defects_of(provision):
                defects.found[kind].append(provision.label)
    return defects


def _defects_of(provision: ParsedProvision) -> list[str]:
    text = provision.text.strip()
    kinds = []
    if provision.kind == "recital" and text and not _SENTENCE_END.search(text):
        kinds.append("unfinished recitals")
    if provision.kind == "recital" and _RECITAL_START.search(text):
        kinds.append("recitals run together")
    if _BROKEN.search(text):
        kinds.append("sentences broken")
    # A heading's words may be quoted in a sentence ("Chapter 2 of this Title"): only the
    # capitals a heading is printed in count.
    if _HEADING.search(text):
        kinds.append("headings in text")
    if _FURNITURE.search(text):
        kinds.append("furniture in text")
    return kinds
