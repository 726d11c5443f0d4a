"""A consolidated EP text marked against its base: what each ▌ cut, recovered from the base.

The consolidated form shows the Parliament's words in bold italic and only a ▌ where
Commission text went. With the base at hand the redline is complete: the words both texts
share (in order) are equal, the EP's bold italic is inserted, and whatever the base has
between two shared words that the EP text does not is deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from eu_posities.document import MarkedRun, ParsedProvision, ParsedStage
from eu_posities.importers.amendments.runs import check_runs, merge_columns

AMENDMENT = "1"  # a consolidated text is the list's only amendment


def _key(label: str) -> str:
    return "".join(label.split()).lower()


def rebase_consolidated(base: Sequence[ParsedProvision], stage: ParsedStage) -> ParsedStage:
    """The consolidated stage with full marks against `base`; base provisions it drops struck."""
    base_by_label = {_key(p.label): p for p in base}
    seen: set[str] = set()
    provisions: list[ParsedProvision] = []
    for provision in stage.provisions:
        key = _key(provision.label)
        seen.add(key)
        old = base_by_label.get(key)
        ep_runs = provision.marks or (MarkedRun("equal", provision.text),)
        if old is None:
            marks: tuple[MarkedRun, ...] = (MarkedRun("insert", provision.text),)
            if not provision.text:
                marks = ()
        else:
            marks = merge_columns((MarkedRun("equal", old.text),), ep_runs)
            if not check_runs(marks, provision.text, old.text):  # pragma: no cover - defensive
                marks = (MarkedRun("delete", old.text), MarkedRun("insert", provision.text))
        changed = (
            old is None or any(r.op != "equal" for r in marks) or old.heading != provision.heading
        )
        markers = {k: v for k, v in provision.markers.items() if k != "cuts"}
        provisions.append(
            replace(
                provision,
                marks=marks,
                markers=markers,
                amendments=(AMENDMENT,) if changed else (),
            )
        )
    struck = tuple(
        replace(
            p, text="", blocks=(), marks=(MarkedRun("delete", p.text),), amendments=(AMENDMENT,)
        )
        for p in base
        if _key(p.label) not in seen and p.text
    )
    return replace(stage, provisions=tuple(provisions), struck=stage.struck + struck)
