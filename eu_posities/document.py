"""Parsed documents: what every importer produces, before anything touches the database.

Importers model their source format and map it onto these plain, immutable records; the
storage layer turns them into `Stage` and `Provision` rows in one transaction. Keeping this
layer free of the database lets the alignment and diff engine, the tests and the benchmarks
work on parsed text directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Provision kinds, in the order they usually appear in an EU act.
PROVISION_KINDS = (
    "title",
    "citation",
    "recital",
    "formula",
    "article",
    "annex",
    "section",  # a numbered section of a Dutch document (BNC-fiche, Kamerbrief)
    "paragraph",  # a free paragraph of a commentary document
    "other",
)


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph, point or indent inside a provision.

    `num` is the number as printed ("1.", "(a)", "–"), `level` the nesting depth (0 for a
    paragraph, 1 for its points, ...). `markers` carries structure a format adds on top of the
    words, e.g. LEOS soft actions or recast arrows: `{"origin": "cn", "softaction": "add"}`.
    """

    text: str
    num: str = ""
    level: int = 0
    markers: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ParsedProvision:
    """One provision as printed in one document.

    `label` is the provision's name as printed in this stage ("Article 5a", "Recital 12",
    "Annex I"); `number` the bare number ("5a", "12", "I"). `text` is plain text, paragraphs
    separated by "\\n", footnote markers removed. `path` is the chapter/section headings
    above it, outermost first.
    """

    kind: str
    number: str
    label: str
    text: str
    heading: str = ""
    path: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    footnotes: tuple[str, ...] = ()
    markers: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ParsedStage:
    """The text of one stage as found in a file.

    Most files hold one stage (`name` None). A multi-column table or a LEOS mandate holds
    several; then `name` is the column heading or the origin ("Commission", "Council").
    """

    provisions: tuple[ParsedProvision, ...]
    format: str
    name: str | None = None
    title: str = ""
    language: str = "en"
    meta: dict[str, Any] = field(default_factory=dict)
