"""The marking convention a Council note states in its introduction, in English or French.

"The changes in the document compared with the Commission's proposal are underlined:
additions are marked with bold, deletions with strikethrough." Presidencies word it in
many ways ("Compared with the Commission's proposal, additions are marked with bold,
deletions with strikethrough"; "les ajouts sont indiqués en caractères gras et les
passages supprimés sont barrés"; "les suppressions sont signalées par des crochets
barrés"), so a sentence is recognised by what it says, not by its exact words: it names
additions and bold, and deletions and strikethrough. Underlining, when the sentence
mentions it, marks changes since an earlier text (the previous compromise).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from eu_posities.errors import InputError
from eu_posities.importers.marks.text import BOLD, STRUCK, UNDERLINED, MarkedText, carries

MARKS = ("auto", "council", "none")

_SENTENCE = re.compile(r"[^.;]*(?:[.;](?!\d)|$)", re.S)
_WORDS = {
    "en": {
        "addition": r"\b(addition|added|new text|insertion|inserted)s?\b",
        "bold": r"\bbold\b",
        "deletion": r"\b(deletion|deleted|removed|removal)s?\b",
        "strike": r"\b(strike|struck|strikethrough|strike-through|crossed[- ]out)\b",
        "underline": r"\bunderlin(ed|ing|e)\b",
    },
    "fr": {
        "addition": r"\b(ajout|ajouts|ajoutée?s?|nouveau texte|insertions?)\b",
        "bold": r"\bgras\b",
        "deletion": r"\b(suppressions?|supprimée?s?|passages supprimés)\b",
        "strike": r"\bbarrée?s?\b",
        "underline": r"\bsoulign(ée?s?|ement)\b",
    },
}
_COMMISSION = re.compile(r"\bCommission\b", re.IGNORECASE)
_COMPILED = {
    language: {key: re.compile(pattern, re.IGNORECASE) for key, pattern in table.items()}
    for language, table in _WORDS.items()
}


def find_convention(paragraphs: Iterable[str]) -> dict[str, object] | None:
    """The convention stated in the text, as `{"convention": "council", "sentence",
    "language", "underline", "against_commission"}`, or None if no sentence states one."""
    texts = [" ".join(p.split()) for p in paragraphs]
    # A sentence broken over two paragraphs (a page break, a misread line) is found too.
    candidates = texts + [f"{a} {b}" for a, b in zip(texts, texts[1:], strict=False)]
    for text in candidates:
        folded = text.lower()
        if len(text) > 3000 or ("bold" not in folded and "gras" not in folded):
            continue
        for language, table in _COMPILED.items():
            if not (table["bold"].search(text) and table["strike"].search(text)):
                continue
            found = _sentence(text, table)
            if found:
                return {
                    "convention": "council",
                    "sentence": found,
                    "language": language,
                    # Underlining is often explained in the sentence before.
                    "underline": bool(table["underline"].search(text)),
                    "against_commission": bool(_COMMISSION.search(found)),
                }
    return None


def _sentence(text: str, table: dict[str, re.Pattern[str]]) -> str:
    """The shortest run of sentences (at most three) that names all four things."""
    sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
    for length in (1, 2, 3):
        for start in range(len(sentences) - length + 1):
            window = " ".join(sentences[start : start + length])
            if all(table[key].search(window) for key in ("addition", "bold", "deletion", "strike")):
                return window
    return ""


def marks_reading(
    paragraphs: list[MarkedText], option: object
) -> tuple[bool, dict[str, object] | None, list[str]]:
    """How to read a document's marks: whether to read them as the Council's, the record
    for `ParsedDocument.meta["marks"]` (None when they are not read) and warnings.

    `option` is "council" (always), "none" (never: the text as printed) or "auto": when
    the document states the convention, or strikes text through (then with a warning)."""
    option = str(option or "auto")
    if option not in MARKS:
        raise InputError(f"marks must be one of {', '.join(MARKS)}, not {option!r}")
    convention = find_convention(p.text for p in paragraphs)
    struck = sum(
        len(p.view(0).split()) - len(p.view(STRUCK).split())
        for p in paragraphs
        if carries(p.flags, STRUCK)
    )
    marked = option == "council" or (option == "auto" and (convention is not None or struck > 0))
    if not marked:
        return False, None, []
    record: dict[str, object] = dict(convention or {"convention": "council", "sentence": None})
    record["stated"] = convention is not None
    for name, flag in (("bold", BOLD), ("struck", STRUCK), ("underlined", UNDERLINED)):
        record[f"{name}_chars"] = sum(
            1 for p in paragraphs for c, f in zip(p.text, p.flags, strict=True)
            if f & flag and not c.isspace()
        )  # fmt: skip
    warnings = []
    if convention is None:
        warnings.append(
            f"the text has change marks ({struck} struck words) but no sentence stating the "
            "convention: read as Council marks (bold added, struck deleted, underlined "
            "changed); use marks='none' to read it as printed"
        )
    return True, record, warnings
