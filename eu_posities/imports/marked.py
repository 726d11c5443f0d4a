"""A marked document imported against its base: the base rebuilt from the marks, or checked.

A Council text marks its changes against a base (normally the Commission proposal): plain
and struck text are the base, bold is new. When the dossier has no text for that base, the
base rebuilt from the marks is stored as that stage and says so wherever it is shown; when
it has one, the rebuilt base is compared with it provision by provision, and a document
whose marks disagree with it on most provisions is refused: the wrong base was named, or
the marks were misread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from eu_posities.document import ParsedDocument
from eu_posities.errors import InputError
from eu_posities.importers.marks.rebuild import BaseComparison, compare_base, rebuild_base
from eu_posities.models import Dossier
from eu_posities.store import as_parsed, find_stage, list_provisions

# Disagreements listed in the summary and the JSON (the rest are counted).
SHOWN = 20


@dataclass(frozen=True)
class BaseCheck:
    """What the import found about the base the document was marked against."""

    stage: str
    rebuilt: bool  # no text before: the base was rebuilt from the marks and stored
    comparison: BaseComparison | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"stage": self.stage, "rebuilt": self.rebuilt}
        if self.comparison is not None:
            data["agreement"] = round(self.comparison.share, 4)
            data["provisions_compared"] = len(self.comparison.provisions)
            data["disagreeing"] = [
                {
                    "provision": a.label,
                    "agreement": round(a.share, 3),
                    "differences": list(a.differences),
                }
                for a in self.comparison.disagreeing[:SHOWN]
            ]
            data["disagreeing_count"] = len(self.comparison.disagreeing)
        return data

    def summary(self) -> str:
        if self.rebuilt:
            return f"stage {self.stage!r} had no text: rebuilt from the document's marks"
        assert self.comparison is not None
        line = (
            f"the marks agree with stage {self.stage!r} on {self.comparison.share:.1%} of the "
            f"words of {len(self.comparison.provisions)} provisions"
        )
        if self.comparison.disagreeing:
            labels = ", ".join(a.label for a in self.comparison.disagreeing[:5])
            more = len(self.comparison.disagreeing) - 5
            line += f"; they disagree on {labels}" + (f" and {more} more" if more > 0 else "")
        return line


def check_marked(
    session: Session, dossier: Dossier, base_key: str, document: ParsedDocument, source: str
) -> tuple[BaseCheck, ParsedDocument | None]:
    """Check the marks against `base_key`; the base document to store when it has no text."""
    if len(document.stages) != 1:
        raise InputError("--marked-against takes a document of one text", source=source)
    text = document.stages[0]
    if not any(m.op != "equal" for p in text.provisions for m in p.marks):
        raise InputError(
            "no change marks found in this document: --marked-against needs a text that marks "
            "its changes (bold, strikethrough)",
            source=source,
        )
    rebuilt = rebuild_base(text)
    base = find_stage(session=session, dossier=dossier, key=base_key)
    provisions = (
        [as_parsed(p) for p in list_provisions(session=session, stage=base)] if base else []
    )
    if not provisions:
        return BaseCheck(base_key, rebuilt=True), ParsedDocument(
            stages=(rebuilt,), meta={"rebuilt_from": source.rsplit("/", 1)[-1]}
        )
    comparison = compare_base(rebuilt, provisions)
    if comparison.mostly_disagrees:
        raise InputError(
            f"the document's marks disagree with stage {base_key!r} on "
            f"{len(comparison.disagreeing)} of {len(comparison.provisions)} provisions: "
            "probably marked against another text (or its marks were misread); nothing imported",
            source=source,
        )
    return BaseCheck(base_key, rebuilt=False, comparison=comparison), None
