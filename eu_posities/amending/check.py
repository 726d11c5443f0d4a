"""Refuse an amendment list that amends another act than the base it is applied to.

Two kinds of evidence: what the list says about itself (procedure, COM number, title, in
`ParsedDocument.meta`) against what is known of the base, and whether the Commission column's
texts are found in the base at all. One failing is enough; the error is one line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from eu_posities.amending.results import AmendedStage
from eu_posities.amending.similarity import normalise, ratio
from eu_posities.document import ParsedDocument, ParsedProvision
from eu_posities.errors import InputError
from eu_posities.importers.amendments.meta import normalise_com, normalise_procedure

FOUND_SHARE = 0.5  # fewer Commission texts found than this: the list amends something else
TITLE_SCORE = 60  # token-set similarity (0..100) below which two titles name different acts
_NOT_FOUND = ("Commission text not found", "provision not in the base")


def check_amends_base(
    document: ParsedDocument,
    base: Sequence[ParsedProvision],
    *,
    title: str = "",
    procedure: str = "",
    ref: str = "",
    applied: AmendedStage | None = None,
    source: str | None = None,
) -> None:
    """Raise `InputError` (one line) when `document` does not amend `base`.

    `title`, `procedure` and `ref` are what is known of the base (the dossier's procedure,
    the base stage's title and document reference); empty ones are not checked. `applied`
    is the result of applying the list, if already computed (else it is computed here).
    """
    meta = document.meta
    stated = normalise_procedure(str(meta.get("procedure", "")))
    wanted = normalise_procedure(procedure)
    if stated and wanted and stated != wanted:
        raise InputError(
            f"this list amends procedure {stated}, not {wanted} (the dossier's)", source=source
        )
    stated_com, wanted_com = normalise_com(str(meta.get("amends", ""))), normalise_com(ref)
    if stated_com and wanted_com and stated_com != wanted_com:
        raise InputError(f"this list amends {stated_com}, not {wanted_com}", source=source)
    subject = str(meta.get("subject", ""))
    if (
        subject
        and title
        and fuzz.token_set_ratio(normalise(subject), normalise(title)) < TITLE_SCORE
    ):
        raise InputError(
            f"this list amends a proposal {_short(subject)!r}, the base is {_short(title)!r}",
            source=source,
        )
    if document.stages and document.meta.get("consolidated"):
        _check_consolidated(document, base, source)
        return
    if applied is None:
        from eu_posities.amending.apply import apply_amendments

        applied = apply_amendments(base, document.amendments)
    quoted = [r for r in applied.results if r.amendment.old]
    if not quoted:
        return
    missing = [r for r in quoted if not r.applied and r.problem.startswith(_NOT_FOUND)]
    found = len(quoted) - len(missing)
    if found < FOUND_SHARE * len(quoted):
        raise InputError(
            f"only {found} of {len(quoted)} Commission-column texts are in the base: "
            "this list amends another text",
            source=source,
        )


def _check_consolidated(
    document: ParsedDocument, base: Sequence[ParsedProvision], source: str | None
) -> None:
    by_label = {"".join(p.label.split()).lower(): p for p in base if p.text}
    pairs = [
        (by_label[key], p)
        for p in document.stages[0].provisions
        if (key := "".join(p.label.split()).lower()) in by_label and p.kind != "title"
    ]
    alike = sum(1 for old, new in pairs if ratio(normalise(old.text), normalise(new.text)) >= 0.5)
    if not pairs or alike < FOUND_SHARE * len(pairs):
        raise InputError(
            f"only {alike} of {len(pairs)} provisions resemble the base: "
            "this text amends another act",
            source=source,
        )


_BOILERPLATE = re.compile(
    r"^(proposal for an? )?(regulation|directive|decision)( of the european parliament)?"
    r"( and)?( of the council)?\s*",
    re.IGNORECASE,
)


def _short(text: str, limit: int = 70) -> str:
    """The words that tell one act from another, shortened for a one-line error."""
    text = _BOILERPLATE.sub("", " ".join(text.split())) or text
    return text if len(text) <= limit else text[: limit - 1] + "…"
