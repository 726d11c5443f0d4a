"""Amendment targets as printed ("Article 7 – paragraph 1 – point a") read into their parts.

An EP amendment names what it amends in a heading: the provision ("Article 7", "Recital 1 a
(new)", "Annex III", "Citation 4", "Title" for the act's title, "Title IV" for a title of the
enacting terms), then the part inside it, outermost first, joined by dashes: "paragraph 1",
"subparagraph 2", "point a", "point 44 b (new)", "introductory part", "title" (the heading
of an article), "indent 1", "SECTION 2 – title" (a structural heading). A "(new)" says the
provision or part does not exist in the text amended and is inserted after its predecessor
by number ("point 44 b (new)" goes after point 44, or after 44 a when that was inserted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Dashes as the EP prints them between the parts of a target: en dash, em dash, a hyphen
# between spaces, or a plain "–" glued to the end ("point h –").
_SEPARATOR = re.compile(r"\s+[–—-]\s*|\s*[–—]\s+|\s*[–—]$")
_NEW = re.compile(r"\s*\((?:new|nouveau|neu|nieuw)\)\s*$", re.IGNORECASE)
# "44 b", "4a", "1 aa", "IV", "4.5", "B": a number with an optional letter suffix.
_NUMBER = (
    r"(?:\d+(?:\.\d+)*(?:\s?[a-z]{1,3})?|[IVXLC]+(?:\s?[a-z]{1,2})?|[A-Za-z]{1,4}(?:\s[a-z]{1,3})?)"
)
_PROVISION = re.compile(
    rf"^(?P<kind>article|recital|citation|annex|title|chapter|section|part)\s*"
    rf"(?P<number>{_NUMBER})?$",
    re.IGNORECASE,
)
_STEP = re.compile(
    rf"^(?P<kind>paragraph|subparagraph|point|indent|section|chapter|part|title|heading|"
    rf"introductory part|introductory wording|table|row|column|sentence|"
    rf"first subparagraph|second subparagraph|final part|"
    rf"sub-point|subpoint)\s*(?P<number>{_NUMBER}|\([a-z0-9]{{1,4}}\))?$",
    re.IGNORECASE,
)
_ROMAN = re.compile(r"^[IVXLC]+$")

# Where a provision kind is written with a different word in a target.
_KINDS = {"article": "article", "recital": "recital", "citation": "citation", "annex": "annex"}
_LABEL_WORD = {
    "article": "Article",
    "recital": "Recital",
    "citation": "Citation",
    "annex": "Annex",
    "title": "Title",
    "chapter": "Chapter",
    "section": "Section",
    "part": "Part",
}
_STEP_WORD = {
    "heading": "title",
    "introductory wording": "introductory part",
    "sub-point": "point",
    "subpoint": "point",
}


@dataclass(frozen=True, slots=True)
class Step:
    """One part of a target below the provision: `kind` "point", `number` "44b", `new`."""

    kind: str
    number: str = ""
    new: bool = False

    def __str__(self) -> str:
        text = f"{self.kind} {self.number}".strip()
        return f"{text} (new)" if self.new else text


@dataclass(frozen=True, slots=True)
class Target:
    """A target read: the provision (`kind`, `number`, `label`), whether it is new, its parts.

    `kind` is "article", "recital", "citation", "annex", "title" (the act's title) or
    "structure" (a title, chapter or section heading of the enacting terms, e.g. "Title IV");
    `label` is the provision's label as a stage prints it ("Article 4a", "Recital 1a").
    `label` is None when the heading names no provision we know how to find.
    """

    printed: str
    kind: str
    number: str
    label: str | None
    new: bool
    steps: tuple[Step, ...]

    @property
    def path(self) -> tuple[str, ...]:
        """The parts as strings: ("paragraph 1", "point 44b (new)")."""
        return tuple(str(step) for step in self.steps)

    @property
    def inserts(self) -> bool:
        """True when the target names something new: the provision or its last part."""
        return self.new or bool(self.steps and self.steps[-1].new)


def squeeze_number(number: str) -> str:
    """ "44 b" -> "44b", "(a)" -> "a": the number as a stage's label writes it."""
    return re.sub(r"\s+", "", number.strip().strip("()"))


def _pieces(printed: str) -> list[str]:
    text = " ".join(printed.replace("\u00a0", " ").split())
    return [p.strip() for p in _SEPARATOR.split(text) if p and p.strip()]


def parse_target(printed: str) -> Target:
    """Read a target heading; unknown wording gives `label` None, never an exception."""
    pieces = _pieces(printed)
    if len(pieces) >= 2 and pieces[0].lower() in _KINDS and re.match(r"^\d", pieces[1]):
        # "Article – 57 a (new)": the number slipped behind a dash.
        pieces[:2] = [f"{pieces[0]} {pieces[1]}"]
    if not pieces:
        return Target(printed, "", "", None, False, ())
    head = pieces[0]
    new = bool(_NEW.search(head))
    head = _NEW.sub("", head)
    match = _PROVISION.match(head)
    if not match:
        return Target(printed, "", "", None, new, tuple(_steps(pieces[1:])))
    word = match.group("kind").lower()
    number = squeeze_number(match.group("number") or "")
    if word == "annex":
        number = number.upper() if _ROMAN.match(number.upper()) else number
    if word == "title" and not number:
        kind, label = "title", "Title"
    elif word in _KINDS:
        kind = _KINDS[word]
        label = f"{_LABEL_WORD[word]} {number}".strip()
    else:
        # "Title IV", "Chapter 3": a heading of the enacting terms, not a provision.
        kind, label = "structure", f"{_LABEL_WORD[word]} {number}".strip()
    return Target(printed, kind, number, label, new, tuple(_steps(pieces[1:])))


def _steps(pieces: list[str]) -> list[Step]:
    steps = []
    for piece in pieces:
        new = bool(_NEW.search(piece))
        text = _NEW.sub("", piece).strip()
        match = _STEP.match(text)
        if match:
            kind = match.group("kind").lower()
            kind = _STEP_WORD.get(kind, kind)
            steps.append(Step(kind, squeeze_number(match.group("number") or ""), new))
        else:
            # Wording we do not model ("point h", "Table 1 - row 3" in odd forms): kept as
            # printed so the reason for not applying can name it.
            steps.append(Step(text.lower(), "", new))
    return steps


@lru_cache(maxsize=4096)
def number_key(number: str, *, roman: bool = False) -> tuple[object, ...]:
    """Sort key of a provision or point number: "4" < "4a" < "4b" < "5"; "c" < "ca" < "d".

    Letters sort as words, which puts an inserted "ca" between "c" and "d"; `roman` reads
    "iv" as four (for points numbered (i), (ii), ...) with an inserted "iia" after "ii".
    """
    number = squeeze_number(number).lower()
    match = re.match(r"^(\d+(?:\.\d+)*)([a-z]*)$", number)
    if match:
        digits = tuple(int(d) for d in match.group(1).split("."))
        return (0, digits, match.group(2))
    if roman:
        for cut in (len(number), len(number) - 1):
            value = _roman_value(number[:cut])
            if value is not None:
                return (1, (value,), number[cut:])
    return (2, (), number)


_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _roman_value(text: str) -> int | None:
    if not text or any(c not in _ROMAN_VALUES for c in text) or len(text) > 7:
        return None
    total = 0
    for i, char in enumerate(text):
        value = _ROMAN_VALUES[char]
        if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def is_roman(number: str) -> bool:
    """True for "i", "iv", "xii" (a point numbered with roman numerals)."""
    return _roman_value(squeeze_number(number).lower()) is not None
