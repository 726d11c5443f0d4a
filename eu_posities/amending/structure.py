"""Amendments to the headings above the articles: titles, chapters and sections.

"Title IV" or "Title III – Chapter 3 – title" reword a heading that a stage keeps in the
`path` of the provisions under it. "Article 56 – SECTION 1 – Title" or "Article 68 –
Chapter 3a (new)" put a new heading above an article: it heads that article (or, for a
"(new)" number such as 3a, the articles after it) up to the end of the enclosing title, or
to the next such heading of the same kind. Only `path` changes; no provision text does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from eu_posities.amending.results import AmendmentResult
from eu_posities.amending.similarity import MATCH, normalise, ratio
from eu_posities.amending.working import Working
from eu_posities.document import Amendment
from eu_posities.importers.amendments.targets import Step, Target

_LEVELS = ("part", "title", "chapter", "section")
_LEADING_NUMBER = re.compile(r"^\d+\s?[a-z]{0,3}\s*[.:–—-]\s*", re.IGNORECASE)


def is_structural(target: Target) -> bool:
    """A heading of the enacting terms, not a provision's text."""
    if target.kind == "structure":
        return True
    return target.kind == "article" and any(
        s.kind in ("section", "chapter", "part") for s in target.steps
    )


def _fail(amendment: Amendment, problem: str) -> AmendmentResult:
    return AmendmentResult(amendment, applied=False, problem=problem)


def _entry_matches(entry: str, word: str, number: str) -> bool:
    match = re.match(rf"^{word}\s+{re.escape(number)}(?![\w])", entry, re.IGNORECASE)
    return match is not None


def _rest(entry: str) -> str:
    """The words of a heading after its number: "TITLE IV – TRANSPARENCY" -> "TRANSPARENCY"."""
    return re.sub(r"^\S+\s+\S+\s*[–—:.-]?\s*", "", entry)


def apply_structure(
    works: Sequence[Working], amendment: Amendment, target: Target
) -> AmendmentResult:
    """Apply a heading amendment to the paths of the provisions it heads."""
    if target.kind == "structure":
        return _reword(works, amendment, target)
    return _insert_heading(works, amendment, target)


def _reword(works: Sequence[Working], amendment: Amendment, target: Target) -> AmendmentResult:
    levels = [(target.label or "").split()[0].lower(), target.number]
    chain = [(levels[0], levels[1])] + [
        (s.kind, s.number) for s in target.steps if s.kind in _LEVELS and s.number
    ]
    word, number = chain[-1]
    outer = chain[:-1]
    new_text = " ".join(amendment.new.split("\n")).strip()
    if not new_text:
        return _fail(amendment, "nothing to insert: the amendment column is empty")
    hits = 0
    entry_seen = ""
    for work in works:
        path = list(work.path)
        if not all(any(_entry_matches(e, w, n) for e in path) for w, n in outer):
            continue
        for i, entry in enumerate(path):
            if _entry_matches(entry, word, number):
                entry_seen = entry
                head = " ".join(entry.split()[:2])
                path[i] = f"{head} – {new_text}"
                hits += 1
        work.path = tuple(path)
    if not hits:
        named = " – ".join(f"{w.capitalize()} {n}" for w, n in chain)
        return _fail(amendment, f"heading not found: {named} is not among the base's headings")
    old = " ".join(amendment.old.split("\n"))
    score = ratio(normalise(old), normalise(_rest(entry_seen))) if old else 1.0
    where = f"heading {' '.join(entry_seen.split()[:2])} ({hits} provisions)"
    if old and score < MATCH:
        return AmendmentResult(
            amendment, applied=True, where=where, score=score,
            problem=f"heading differs: the base reads {_rest(entry_seen)!r}",
        )  # fmt: skip
    return AmendmentResult(amendment, applied=True, where=where, score=score)


def _heading_text(amendment: Amendment, step: Step) -> str:
    lines = [line for line in amendment.new.split("\n") if line.strip()]
    if lines and lines[0].strip().lower() in ("title", "heading"):
        lines = lines[1:]
    text = " ".join(lines).strip()
    word = step.kind.upper()
    if re.match(rf"^{word}\b", text, re.IGNORECASE):
        return text
    return f"{word} {step.number} – {_LEADING_NUMBER.sub('', text)}".strip(" –")


def _insert_heading(
    works: Sequence[Working], amendment: Amendment, target: Target
) -> AmendmentResult:
    step = next(s for s in target.steps if s.kind in ("section", "chapter", "part"))
    anchor = next(
        (i for i, w in enumerate(works) if "".join(w.label.split()).lower()
         == "".join((target.label or "").split()).lower()), None,
    )  # fmt: skip
    if anchor is None:
        return _fail(amendment, f"provision not in the base: {target.label}")
    if not amendment.new.strip():
        return _fail(amendment, "nothing to insert: the amendment column is empty")
    heading = _heading_text(amendment, step)
    start = anchor + 1 if step.new and re.search(r"\d[a-z]$", step.number) else anchor
    outer = works[anchor].path[:1]
    changed = 0
    for work in works[start:]:
        if work.kind != "article" or work.path[:1] != outer:
            if work.kind == "article":
                break
            continue
        kept = tuple(e for e in work.path if not e.upper().startswith(step.kind.upper() + " "))
        work.path = (*kept, heading)
        changed += 1
    if not changed:
        return _fail(amendment, f"heading not placed: no article follows {target.label}")
    return AmendmentResult(
        amendment, applied=True, where=f"heading above {works[start].label}", score=1.0
    )
