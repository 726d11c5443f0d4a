"""The closed vocabularies of the domain, as types: one place per rule.

Stage kinds, provision kinds, concern statuses, link states, alignment statuses and methods,
and how many stages one comparison may hold. Every layer (importers, engine, storage, CLI,
TUI, exports) reads them from here, so a rule cannot be written twice and drift apart.
`StrEnum` members are strings: they compare equal to their values, serialise as plain JSON
strings and are stored as text.
"""

from __future__ import annotations

from enum import StrEnum


class StageKind(StrEnum):
    """What kind of position a stage is (a column of the four-column view)."""

    COMMISSION_PROPOSAL = "commission-proposal"
    BNC_FICHE = "bnc-fiche"
    COUNCIL_GENERAL_APPROACH = "council-general-approach"
    COUNCIL_MANDATE = "council-mandate"
    PRESIDENCY_COMPROMISE = "presidency-compromise"
    EP_COMMITTEE_REPORT = "ep-committee-report"
    EP_POSITION = "ep-position"
    TRILOGUE = "trilogue"
    PROVISIONAL_AGREEMENT = "provisional-agreement"
    FINAL_ACT = "final-act"
    KAMERBRIEF = "kamerbrief"
    OTHER = "other"

    @property
    def is_commentary(self) -> bool:
        """A document that comments on a text (fiche, letter) rather than stating one."""
        return self in COMMENTARY_KINDS


# Kinds that comment on a text rather than state one: never aligned as a column of text.
COMMENTARY_KINDS: frozenset[StageKind] = frozenset({StageKind.BNC_FICHE, StageKind.KAMERBRIEF})


def kind_of_key(key: str) -> str:
    """The stage kind a stage key names ("council-mandate", "council-mandate-2"), else other."""
    for kind in StageKind:
        if key == kind.value or key.startswith(kind.value + "-"):
            return kind.value
    return StageKind.OTHER.value


class ProvisionKind(StrEnum):
    """Provision kinds, in the order they usually appear in an EU act."""

    TITLE = "title"
    CITATION = "citation"
    RECITAL = "recital"
    FORMULA = "formula"
    ARTICLE = "article"
    ANNEX = "annex"
    SECTION = "section"  # a numbered section of a Dutch document (BNC-fiche, Kamerbrief)
    PARAGRAPH = "paragraph"  # a free paragraph of a commentary document
    OTHER = "other"


class ConcernStatus(StrEnum):
    """Where a Dutch concern stands in one stage."""

    OPEN = "open"
    PARTLY = "partly"
    RESOLVED = "resolved"
    DROPPED = "dropped"

    @property
    def needs_evidence(self) -> bool:
        """Saying a concern is (partly) met needs a quote that shows it."""
        return self in (ConcernStatus.RESOLVED, ConcernStatus.PARTLY)

    @property
    def is_open(self) -> bool:
        return self in (ConcernStatus.OPEN, ConcernStatus.PARTLY)


class LinkState(StrEnum):
    """A concern's link to a provision: proposed by the tool, confirmed or rejected by a user."""

    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class AlignStatus(StrEnum):
    """What became of a provision between two stages (the contract's `align` status)."""

    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    ADDED = "added"
    DELETED = "deleted"
    SPLIT = "split"
    MERGED = "merged"


class AlignMethod(StrEnum):
    """Why a match was made (the contract's `align` method)."""

    NUMBER = "number"  # same label, similar text
    CONTENT = "content"  # similar text, whatever the label
    MANUAL = "manual"  # a user's override
    # Beyond the contract's three: similar text found out of document order (the provision
    # moved against the flow of the others, e.g. to another chapter).
    MOVED = "moved"


class Classification(StrEnum):
    """How much a pair's change matters."""

    UNCHANGED = "unchanged"
    EDITORIAL = "editorial"
    SUBSTANTIVE = "substantive"


# How many stages one comparison (TUI columns, `eup table`, a report's lineage) may hold.
MIN_COMPARE_STAGES = 2
MAX_COMPARE_STAGES = 5


def values(enum: type[StrEnum]) -> tuple[str, ...]:
    """The values of a vocabulary, in declaration order (for messages and choices)."""
    return tuple(member.value for member in enum)
