"""Column headings of a four-column table: which stage each column is, and the other columns.

A heading names a stage ("Commission Proposal" is `commission-proposal`, "EP Mandate" is
`ep-position`, "Draft Agreement" is `trilogue`, ...); any other heading is slugified. A few
headings name the table's own columns instead: the row number, the row heading, the row
status and comments.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from eu_posities import keys

# Column roles besides the stages.
NUMBER, HEADING, STATUS, COMMENTS, STAGE = "number", "heading", "status", "comments", "stage"

# Checked in order: the first pattern that matches a heading gives its stage key.
_STAGE_NAMES: tuple[tuple[str, str], ...] = (
    (r"commission(?:'s)?\s*(?:proposal|text)?|com\s*(?:proposal|\(\d{4}\)\s*\d+)|proposal",
     "commission-proposal"),
    (r"(?:ep|european\s+parliament|parliament)(?:'s)?\s*(?:committee\s+report|report)",
     "ep-committee-report"),
    (r"(?:ep|european\s+parliament|parliament)(?:'s)?\s*"
     r"(?:mandate|position|amendments?|text|first\s+reading)?", "ep-position"),
    (r"(?:council(?:'s)?\s*)?general\s+approach", "council-general-approach"),
    (r"council(?:'s)?\s*(?:mandate|position|text)?", "council-mandate"),
    (r"presidency\s+compromise(?:\s+(?:proposal|text)s?)?", "presidency-compromise"),
    (r"(?:draft\s+)?(?:agreement|compromise)(?:\s+text)?|trilogue|four[- ]column",
     "trilogue"),
    (r"provisional\s+agreement", "provisional-agreement"),
    (r"final\s+(?:act|text)", "final-act"),
)  # fmt: skip
_STAGES = tuple((re.compile(rf"^(?:{pattern})$", re.IGNORECASE), key) for pattern, key in
                _STAGE_NAMES)  # fmt: skip
STAGE_KINDS = frozenset(
    {"commission-proposal", "bnc-fiche", "council-general-approach", "council-mandate",
     "presidency-compromise", "ep-committee-report", "ep-position", "trilogue",
     "provisional-agreement", "final-act", "kamerbrief", "other"}
)  # fmt: skip
# A stage key as written by this tool: lower-case words joined by hyphens.
_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
_ROLES = (
    (re.compile(r"^(?:row|row\s*(?:no\.?|nr\.?|number)|no\.?|nr\.?|#|n°|number|rij)$", re.I),
     NUMBER),
    (re.compile(r"^(?:(?:row\s+)?heading|provision|article|reference|ref\.?|label|"
                r"onderdeel|bepaling)$", re.I), HEADING),
    (re.compile(r"^(?:(?:row\s+)?status|colou?r|state|g\s*/\s*y\s*/\s*r|kleur)$", re.I),
     STATUS),
    (re.compile(r"^(?:comments?|remarks?|observations?|notes?|opmerkingen|commentaar|"
                r"toelichting)$", re.I), COMMENTS),
)  # fmt: skip


def slugify(text: str) -> str:
    return keys.slugify(text, default="")


def _plain(heading: str) -> str:
    heading = re.sub(r"\s+", " ", heading.replace("’", "'")).strip()
    # "Council Mandate (ST 15698/22)", "Commission Proposal 1": the stage is before the detail.
    return re.sub(r"\s*(?:\(.*\)|\[.*\]|\d+)$", "", heading).strip(" :.-–")


def stage_key(heading: str) -> str:
    """The stage key a column heading stands for ("EP Mandate" -> "ep-position").

    A heading of several lines is named by its first ("council-mandate" above a date and a
    document number, as this tool's own tables print it).
    """
    lines = [line.strip() for line in heading.splitlines() if line.strip()]
    first = lines[0] if lines else ""
    if slugify(first) in STAGE_KINDS:
        return slugify(first)
    if _KEY.fullmatch(first):
        return first  # a stage key as this tool writes it
    for text in (first, " ".join(lines)):
        plain = _plain(text)
        for pattern, key in _STAGES:
            if pattern.match(plain):
                return key
    return slugify(first) or "column"


def named_kind(heading: str) -> str | None:
    """The stage kind a heading states below its stage key ("st-11320-council" over
    "council-mandate · 2023-06-14", as this tool writes a column whose key does not name its
    kind); None when it states none."""
    parts = [p.strip() for line in heading.splitlines() for p in line.split(" · ")]
    for part in parts[1:]:
        if part in STAGE_KINDS and part != "other":
            return part
    return None


def is_stage_name(heading: str) -> bool:
    """Does the heading name a known stage (not just any text)?"""
    lines = [line.strip() for line in heading.splitlines() if line.strip()]
    first = lines[0] if lines else ""
    if slugify(first) in STAGE_KINDS or _KEY.fullmatch(first):
        return True
    return any(pattern.match(_plain(text)) for text in (first, " ".join(lines))
               for pattern, _ in _STAGES)  # fmt: skip


def column_role(heading: str) -> str:
    """NUMBER, HEADING, STATUS or COMMENTS for those columns; STAGE for a text column."""
    plain = re.sub(r"\s+", " ", heading).strip(" :.")
    for pattern, role in _ROLES:
        if pattern.match(plain):
            return role
    return STAGE


def stage_keys(headings: Sequence[str]) -> list[str]:
    """One distinct key per stage column, in order; a repeated key gets "-2", "-3"."""
    keys: list[str] = []
    for heading in headings:
        key = stage_key(heading)
        if key in keys:
            count = 2
            while f"{key}-{count}" in keys:
                count += 1
            key = f"{key}-{count}"
        keys.append(key)
    return keys


_NAME_IN_LINE = re.compile(
    r"commission(?:'s)?\s+(?:proposal|text)|\bep\s+(?:mandate|position|amendments|text)"
    r"|european\s+parliament|council(?:'s)?\s+(?:mandate|position|text)|general\s+approach"
    r"|draft\s+agreement|(?:draft\s+|presidency\s+)?compromise|provisional\s+agreement"
    r"|final\s+(?:act|text)",
    re.IGNORECASE,
)


def names_in_line(line: str) -> int:
    """How many different stages a line of text names (a header row names three or more)."""
    return len({re.sub(r"\W+", " ", m.group(0).lower()) for m in _NAME_IN_LINE.finditer(line)})
