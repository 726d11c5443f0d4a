"""Finding provisions by what a negotiator types: "7", "art 7", "rec 12", "Articles 7–11".

Pure functions over labels as stored ("Article 7", "Recital 12", "Annex II"), in document
order; used by the TUI's jump and by exports of part of a dossier.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from eu_posities.errors import InputError

# What people type for a kind of provision, English and Dutch, full or short.
KIND_WORDS = {
    "article": "Article",
    "articles": "Article",
    "art": "Article",
    "arts": "Article",
    "artikel": "Article",
    "artikelen": "Article",
    "recital": "Recital",
    "recitals": "Recital",
    "rec": "Recital",
    "overweging": "Recital",
    "overwegingen": "Recital",
    "ow": "Recital",
    "citation": "Citation",
    "citations": "Citation",
    "cit": "Citation",
    "annex": "Annex",
    "annexes": "Annex",
    "bijlage": "Annex",
    "bijlagen": "Annex",
}
# "Article 7(1)(a)" names a paragraph: the provision is "Article 7".
_ONE = re.compile(
    r"^\s*(?:(?P<kind>[^\W\d_]+)(?:\.\s*|\s+))?(?P<number>[0-9]+[a-z]*|[IVXLC]+)\b", re.I
)
_DASHES = re.compile(r"\s*(?:[-–—]|\bto\b|\btot\b|\bt/m\b|\.\.)\s*", re.I)


def find_label(wanted: str, labels: Sequence[str]) -> str | None:
    """The label `wanted` names, or None: a bare number is an article; case is ignored."""
    typed = " ".join(wanted.split())
    if not typed:
        return None
    exact = {label.lower(): label for label in labels}
    if typed.lower() in exact:
        return exact[typed.lower()]
    match = _ONE.match(typed)
    if not match:
        return None
    kind_word = (match.group("kind") or "article").lower()
    kind = KIND_WORDS.get(kind_word)
    if kind is None:
        return None
    return exact.get(f"{kind} {match.group('number')}".lower())


def label_range(wanted: str, labels: Sequence[str]) -> list[str]:
    """The labels of "Articles 7–11", "art 7 to 11", "Article 7, Article 9", "Recital 12".

    A range runs in document order (`labels`' order) from its first to its last label and
    keeps only provisions of their kind (Article 7a is in "Articles 7–11"). Raises
    `InputError` naming the part that matches no provision.
    """
    chosen: list[str] = []
    for part in (p.strip() for p in wanted.split(",")):
        if not part:
            continue
        ends = _DASHES.split(part, maxsplit=1)
        first = _found(ends[0], labels, part)
        if len(ends) == 1:
            chosen.append(first)
            continue
        kind = first.split(" ", 1)[0]
        bare = _ONE.match(ends[1])
        last_typed = f"{kind} {ends[1]}" if bare and not bare.group("kind") else ends[1]
        last = _found(last_typed, labels, part)
        start, end = sorted((labels.index(first), labels.index(last)))
        chosen.extend(label for label in labels[start : end + 1] if label.startswith(kind + " "))
    if not chosen:
        raise InputError("name a provision or a range, e.g. 'Article 7' or 'Articles 7-11'")
    return list(dict.fromkeys(chosen))


def _found(typed: str, labels: Sequence[str], part: str) -> str:
    label = find_label(typed, labels)
    if label is None:
        raise InputError(f"no provision {part!r} here; try e.g. 'Article 7', 'rec 12', 'Annex II'")
    return label
