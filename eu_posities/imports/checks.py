"""Checks before an import is stored: was the whole document read, does it belong here?

A document that imports but is misread is as bad as one that fails: text that landed in no
provision (coverage below 99%) and a document of another act (it shares hardly any text with
the dossier's stages) are refused unless the user forces them, and then warned about.
"""

from __future__ import annotations

from collections.abc import Sequence

from eu_posities.document import Coverage, ParsedProvision, ParsedStage
from eu_posities.errors import InputError

MIN_COVERAGE = 0.99
# Share of a new text's words that align with the dossier's latest text: unrelated acts of
# the corpus share 3–9% (formulaic articles), a later stage of the same act 48–60%.
MIN_SHARED = 0.2
_TEXT_KINDS = ("article", "recital", "annex")


def coverage_problem(coverage: Coverage | None) -> str:
    """Why the coverage is too low to trust the import ('' when it is fine or unknown)."""
    if coverage is None or coverage.share >= MIN_COVERAGE:
        return ""
    lost = coverage.body_words - coverage.placed_words - coverage.skipped_words
    sample = f" (e.g. “{coverage.missing[0][:60]}”)" if coverage.missing else ""
    return (
        f"only {coverage.share:.1%} of the document's text was read into provisions: "
        f"{lost} words landed nowhere{sample}"
    )


def check_coverage(coverage: Coverage | None, *, force: bool, source: str) -> list[str]:
    """Refuse a document read only in part; with `force`, the warning to show instead."""
    problem = coverage_problem(coverage)
    if problem and not force:
        raise InputError(
            f"{problem}; nothing was imported (--force imports it anyway)", source=source
        )
    return [problem] if problem else []


def shared_share(old: Sequence[ParsedProvision], new: Sequence[ParsedProvision]) -> float:
    """How much of `new`'s text (by words) aligns with a provision of `old`, 0..1."""
    from eu_posities.alignment import align

    old_text = [p for p in old if p.kind in _TEXT_KINDS]
    new_text = [p for p in new if p.kind in _TEXT_KINDS]
    if not old_text or not new_text:
        return 1.0  # nothing to compare: no evidence against the document
    words = {p.label: len(p.text.split()) for p in new_text}
    total = sum(words.values()) or 1
    matched = sum(
        words.get(m.to_label, 0) * m.score
        for m in align(old_text, new_text)
        if m.from_label and m.to_label
    )
    return matched / total


def check_same_act(
    text: ParsedStage,
    latest: tuple[str, Sequence[ParsedProvision]] | None,
    *,
    dossier: str,
    force: bool,
    source: str,
) -> list[str]:
    """Refuse a text that hardly shares any provision with the dossier's latest text."""
    if latest is None:
        return []
    stage_key, provisions = latest
    share = shared_share(provisions, text.provisions)
    if share < MIN_SHARED:
        # The latest text may be a part of the act (a four-column column shown on a few
        # rows): then most of that part is in the new text.
        share = max(share, shared_share(text.provisions, provisions))
    if share >= MIN_SHARED:
        return []
    problem = (
        f"shares only {share:.0%} of its text with stage {stage_key!r} of {dossier!r}: "
        "probably a document of another act"
    )
    if not force:
        raise InputError(
            f"{problem}; nothing was imported (--force imports it anyway)", source=source
        )
    return [problem]
