"""Applying EP amendments to a base text: the Parliament's stage, with a result per amendment.

- `amend(base, document, ...) -> AmendedStage`: what `eup import --amending BASE` needs in one
  call: applies an amendment list (or rebases a consolidated text) and refuses, with one
  `InputError` line, a document that amends another act.
- `apply_amendments(base, amendments) -> AmendedStage`: pure; `.stage` is the EP stage
  (`ParsedStage`, deleted provisions in `struck`), `.results` one `AmendmentResult` per
  amendment (`applied`, `problem`, `note`, `to_json()` in the contract's row shape),
  `.summary()` the import summary line.
- `check_amends_base(document, base, ...)`: the refusal on its own.
- `rebase_consolidated(base, stage)`: a consolidated EP text (one amendment restating the
  whole act) marked against its base, the text cut at each ▌ recovered from the base.
- `amendment_rows(document)`: the contract rows of a file read without a base
  (`eup amendments --file FILE`): `applied` is None, nothing having been applied.
"""

from __future__ import annotations

from collections.abc import Sequence

from eu_posities.amending.apply import apply_amendments
from eu_posities.amending.check import check_amends_base
from eu_posities.amending.consolidated import AMENDMENT, rebase_consolidated
from eu_posities.amending.results import AmendedStage, AmendmentResult, unapplied_row
from eu_posities.document import Amendment, ParsedDocument, ParsedProvision

__all__ = [
    "AmendedStage",
    "AmendmentResult",
    "amend",
    "amendment_rows",
    "apply_amendments",
    "check_amends_base",
    "rebase_consolidated",
]


def amend(
    base: Sequence[ParsedProvision],
    document: ParsedDocument,
    *,
    title: str = "",
    procedure: str = "",
    ref: str = "",
    name: str | None = None,
    source: str | None = None,
) -> AmendedStage:
    """The EP stage `document` makes of `base`, after checking that it amends `base`.

    `title`, `procedure` and `ref` are what is known of the base (its stage title, the
    dossier's procedure, the base's document reference); `source` names the file in errors.
    Raises `InputError` for a document that amends another act; nothing is returned then.
    """
    if document.stages and document.meta.get("consolidated"):
        check_amends_base(document, base, title=title, procedure=procedure, ref=ref, source=source)
        stage = rebase_consolidated(base, document.stages[0])
        changed = sum(1 for p in stage.provisions if p.amendments) + len(stage.struck)
        whole = Amendment(AMENDMENT, "whole text (consolidated)", "modify", old="", new="")
        result = AmendmentResult(whole, applied=True, where=f"{changed} provisions changed")
        return AmendedStage(stage=stage, results=(result,), warnings=document.warnings)
    amended = apply_amendments(base, document.amendments, name=name)
    check_amends_base(
        document, base, title=title, procedure=procedure, ref=ref, applied=amended, source=source
    )
    return amended


def amendment_rows(document: ParsedDocument) -> list[dict[str, object]]:
    """The contract's rows for the amendments of a file, read but not applied."""
    return [unapplied_row(a) for a in document.amendments]
