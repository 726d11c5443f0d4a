"""What became of each amendment when a list was applied, and of the list as a whole."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from eu_posities.document import Amendment, ParsedStage


@dataclass(frozen=True, slots=True)
class AmendmentResult:
    """One amendment and whether it was applied; `problem` says why not (or what was odd).

    `where` names the lines it changed ("Article 7, lines 3-4"), `score` how closely the
    Commission column matched the base text there (1.0 for an insert or an exact quote),
    `note` a caveat on an applied one (found elsewhere than its path says).
    """

    amendment: Amendment
    applied: bool
    problem: str = ""
    where: str = ""
    score: float = 0.0
    # Applied, but worth a look: the text was found away from where the target points.
    note: str = ""

    @property
    def number(self) -> str:
        return self.amendment.number

    def to_json(self) -> dict[str, object]:
        """The contract's row: number, target, kind, old, new, applied, problem (and more)."""
        a = self.amendment
        return {
            "number": a.number,
            "target": a.target,
            "kind": a.kind,
            "old": a.old,
            "new": a.new,
            "applied": self.applied,
            "problem": self.problem or None,
            "label": a.label,
            "path": list(a.path),
            "where": self.where or None,
            "score": round(self.score, 3),
            "note": self.note or None,
        }


def unapplied_row(amendment: Amendment, problem: str = "") -> dict[str, object]:
    """The contract's row for an amendment read from a file but not applied to anything."""
    row = AmendmentResult(amendment, applied=False, problem=problem).to_json()
    row["applied"] = None if not problem else False
    return row


@dataclass(frozen=True, slots=True)
class AmendedStage:
    """The stage an amendment list makes of its base, and what became of every amendment."""

    stage: ParsedStage
    results: tuple[AmendmentResult, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def applied(self) -> int:
        return sum(1 for r in self.results if r.applied)

    @property
    def not_applied(self) -> tuple[AmendmentResult, ...]:
        return tuple(r for r in self.results if not r.applied)

    def reasons(self) -> Counter[str]:
        """How many amendments were not applied, per kind of reason."""
        return Counter(r.problem.split(":")[0] for r in self.not_applied)

    def summary(self) -> str:
        """ "771 amendments, 760 applied, 11 not applied (Annex III is not in the base: 9, ...)"."""
        total = len(self.results)
        line = f"{total} amendments, {self.applied} applied, {len(self.not_applied)} not applied"
        reasons = self.reasons()
        if reasons:
            parts = ", ".join(f"{why}: {n}" for why, n in reasons.most_common())
            line += f" ({parts})"
        return line

    def to_json(self) -> list[dict[str, object]]:
        return [r.to_json() for r in self.results]
