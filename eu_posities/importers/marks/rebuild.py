"""The base a marked document was marked against: rebuilt from its marks, and checked.

`rebuild_base(stage)` gives the text the Council marked its changes against (plain and
struck text, bold left out), provision by provision, with the provisions the document
shows only as deleted put back in their place (a placeholder such as "Article 24
[deleted]" gives the provision with no text, marked `text_unknown`); a provision wholly
in bold is not in it.
`compare_base(rebuilt, base)` measures, per provision, how many words the rebuilt base
and a base the user names (e.g. the imported Commission proposal) share, and where they
differ. A rebuilt base that disagrees with the named base on most provisions means the
wrong base was named, or marks were misread: the import should refuse it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from eu_posities.document import MarkedRun, ParsedProvision, ParsedStage
from eu_posities.importers.marks.runs import base_of

# A provision agrees with the base when at least this share of its words does.
AGREES = 0.9


def rebuild_base(stage: ParsedStage) -> ParsedStage:
    """The base text the stage's marks were made against (see the module docstring).

    Text a provision took over from another base provision (its runs name that provision
    in `MarkedRun.base`) goes back to that provision: a merged "Article 56" gives back both
    Articles 56 and 57."""
    deleted_after: dict[str | None, list[ParsedProvision]] = {}
    for provision in stage.struck:
        deleted_after.setdefault(provision.markers.get("after"), []).append(provision)
    order: list[str] = []
    parts: dict[str, list[str]] = {}
    firsts: dict[str, ParsedProvision] = {}

    def add(label: str, provision: ParsedProvision, text: str) -> None:
        if label not in parts:
            order.append(label)
            parts[label] = []
            firsts[label] = provision
        if text:
            parts[label].append(text)

    def put_back(after: str | None) -> None:
        for provision in deleted_after.pop(after, []):
            add(provision.label, provision, base_of(provision.marks))

    put_back(None)
    for provision in stage.provisions:
        own = str(provision.markers.get("base_label", provision.label))
        if not provision.marks:
            add(own, provision, provision.text)
        elif not _wholly_inserted(provision):
            add(own, provision, base_of(r for r in provision.marks if not r.base))
        for label, text in _foreign(provision.marks):
            add(label, _named(label, provision), text)
        put_back(provision.label)
    for remaining in list(deleted_after):
        put_back(remaining)
    rebuilt = []
    for label in order:
        text = "\n".join(t for t in parts[label] if t)
        provision = firsts[label]
        own = str(provision.markers.get("base_label", provision.label))
        if label != own:
            rebuilt.append(replace(provision, text=text))
        elif text or provision.kind in ("article", "annex") or "placeholder" in provision.markers:
            base = _as_base(provision, text)
            if not text and "placeholder" in provision.markers:
                # "Article 24 [deleted]": the base had it, the document does not say with
                # which words.
                base = replace(base, markers={**base.markers, "text_unknown": True})
            rebuilt.append(base)
    meta = dict(stage.meta)
    meta["rebuilt_from_marks"] = True
    return ParsedStage(
        provisions=tuple(rebuilt),
        format=stage.format,
        name=stage.name,
        title=stage.title,
        language=stage.language,
        meta=meta,
    )


def _foreign(runs: Iterable[MarkedRun]) -> list[tuple[str, str]]:
    """The base text of other base provisions inside these runs, by label."""
    found: dict[str, list[MarkedRun]] = {}
    for run in runs:
        if run.base and run.op != "insert":
            found.setdefault(run.base, []).append(run)
    return [(label, base_of(found_runs)) for label, found_runs in found.items()]


def _named(label: str, like: ParsedProvision) -> ParsedProvision:
    """A base provision known only by its label ("Article 57")."""
    kind, _space, number = label.partition(" ")
    kind = {"Article": "article", "Recital": "recital", "Annex": "annex"}.get(kind, like.kind)
    return ParsedProvision(kind=kind, number=number, label=label, text="",
                           markers={"rebuilt_from_marks": True})  # fmt: skip


def _wholly_inserted(provision: ParsedProvision) -> bool:
    """New in the stage: all its words are bold, or its label is and the rest of its text
    is little more than numbering ("(a)", "1.")."""
    if not provision.marks:
        return False
    kept = " ".join(run.text for run in provision.marks if run.op != "insert")
    words = [w for w in kept.split() if sum(c.isalpha() for c in w) > 1]
    if not words:
        return True
    return bool(provision.markers.get("new")) and len(words) < 3


def _as_base(provision: ParsedProvision, text: str) -> ParsedProvision:
    dropped = ("base_label", "base_number", "base_heading", "after", "new")
    markers = {k: v for k, v in provision.markers.items() if k not in dropped}
    markers["rebuilt_from_marks"] = True
    return replace(
        provision,
        label=str(provision.markers.get("base_label", provision.label)),
        number=str(provision.markers.get("base_number", provision.number)),
        heading=str(provision.markers.get("base_heading", provision.heading)),
        text=text,
        blocks=(),
        marks=(),
        markers=markers,
    )


@dataclass(frozen=True, slots=True)
class Agreement:
    """How one rebuilt provision compares with the same provision of the named base."""

    label: str
    rebuilt_words: int
    base_words: int
    common: int  # words the two share, in order (longest common subsequence)
    differences: tuple[str, ...] = ()  # a few places where they differ, "rebuilt → base"

    @property
    def share(self) -> float:
        """The share of the rebuilt words that the named base confirms (an extract that
        reproduces a few paragraphs of an article can agree fully)."""
        return self.common / self.rebuilt_words if self.rebuilt_words else 1.0

    @property
    def dice(self) -> float:
        """Agreement counted on both texts: also low when the rebuilt text lacks words."""
        total = self.rebuilt_words + self.base_words
        return 2 * self.common / total if total else 1.0

    @property
    def agrees(self) -> bool:
        return self.share >= AGREES


@dataclass(frozen=True, slots=True)
class BaseComparison:
    """The rebuilt base against a named base: per provision, and overall."""

    provisions: tuple[Agreement, ...]
    only_rebuilt: tuple[str, ...]  # labels the rebuilt base has and the named base lacks
    only_base: tuple[str, ...]  # labels the named base has and the marked document lacks

    @property
    def share(self) -> float:
        """The share of rebuilt words the named base confirms, over all compared provisions."""
        words = sum(p.rebuilt_words for p in self.provisions)
        return sum(p.common for p in self.provisions) / words if words else 1.0

    @property
    def dice(self) -> float:
        """Agreement over the words of both texts, over all compared provisions."""
        words = sum(p.rebuilt_words + p.base_words for p in self.provisions)
        return 2 * sum(p.common for p in self.provisions) / words if words else 1.0

    @property
    def disagreeing(self) -> tuple[Agreement, ...]:
        return tuple(p for p in self.provisions if not p.agrees)

    @property
    def mostly_disagrees(self) -> bool:
        """True when most compared provisions disagree (or none could be compared): the
        named base is probably not the one the document was marked against."""
        if not self.provisions:
            return True
        return len(self.disagreeing) * 2 > len(self.provisions)


def compare_base(
    rebuilt: ParsedStage | Iterable[ParsedProvision],
    base: Sequence[ParsedProvision],
    *,
    kinds: Iterable[str] = ("article", "recital", "annex"),
) -> BaseComparison:
    """Compare a rebuilt base with the base stage it should equal, provision by provision
    (matched by label; only provisions of `kinds`)."""
    from rapidfuzz.distance import Indel

    wanted = set(kinds)
    ours = rebuilt.provisions if isinstance(rebuilt, ParsedStage) else tuple(rebuilt)
    mine = {p.label: p for p in ours if p.kind in wanted and p.text}
    theirs = {p.label: p for p in base if p.kind in wanted}
    results = []
    for label, provision in mine.items():
        other = theirs.get(label)
        if other is None:
            continue
        a, b = _words(provision.text), _words(other.text)
        common = (len(a) + len(b) - Indel.distance(a, b)) // 2
        results.append(Agreement(label, len(a), len(b), common, _differences(a, b)))
    return BaseComparison(
        provisions=tuple(results),
        only_rebuilt=tuple(label for label in mine if label not in theirs),
        only_base=tuple(label for label in theirs if label not in mine),
    )


def _words(text: str) -> list[str]:
    from eu_posities.importers.coverage import words

    return words(text)


def _differences(a: list[str], b: list[str], limit: int = 3) -> tuple[str, ...]:
    """A few places where the rebuilt text (a) and the base (b) differ, as "a → b"."""
    from rapidfuzz.distance import Indel

    if a == b:
        return ()
    out: list[str] = []
    opcodes = [op for op in Indel.opcodes(a, b) if op.tag != "equal"]
    for op in opcodes[:limit]:
        left = " ".join(a[op.src_start : op.src_end][:12])
        right = " ".join(b[op.dest_start : op.dest_end][:12])
        out.append(f"{left or '∅'} → {right or '∅'}")
    return tuple(out)
