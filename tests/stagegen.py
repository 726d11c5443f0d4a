"""Generate a later negotiation stage from a list of provisions, with the true alignment.

Deterministic for a given seed. The generated stage is MADE UP for testing: inserted
provisions are word salad drawn from the source's own word pairs (marked
`markers={"synthetic": True}`), and edits, modal and number changes are random. It is
never real legal text and must not be shown as such.

Operations, like the ones seen between a Commission proposal and later stages: delete,
insert, split an article in two, merge two neighbours, move a paragraph between articles,
move an article sentence into a recital, edit words, change modal verbs and numbers, then
renumber Council style ("Article 5a") or final-act style (everything renumbered, with
cross-references updated).
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass, field

from eu_posities.document import ParsedProvision

PREFIX = {"article": "Article", "recital": "Recital"}  # the kinds that get restructured
_WORD = re.compile(r"[A-Za-z]{3,}")
MOVED_FROM = "synthetic_moved_from"  # marker on a generated provision that received moved text
MOVE_MIN_WORDS = 6
_MODALS = {"shall": "may", "may": "shall", "should": "shall", "must": "may"}


@dataclass
class _Item:
    kind: str
    text: str
    heading: str
    sources: tuple[str, ...]  # FROM labels; () for an inserted provision
    role: str = "kept"  # kept | new | split | merged
    number: str = ""
    markers: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Truth:
    """The true alignment row: FROM label, TO label (None for deleted/added) and status."""

    from_label: str | None
    to_label: str | None
    status: str


def generate(
    provisions: list[ParsedProvision],
    seed: int,
    *,
    style: str | None = None,
    intensity: float = 1.0,
) -> tuple[list[ParsedProvision], list[Truth]]:
    """A made-up later stage of `provisions` and its true alignment.

    `style` is "council" (numbers kept, insertions numbered "5a") or "final" (full
    renumbering); by default it follows the seed. `intensity` scales the number of changes.
    """
    rng = random.Random(seed)
    style = style or ("council" if seed % 2 == 0 else "final")
    items = [_Item(p.kind, p.text, p.heading, (p.label,), number=p.number) for p in provisions]
    vocab = _bigrams(provisions)

    def count(lo: int, hi: int) -> int:
        return max(0, round(rng.randint(lo, hi) * intensity))

    def pick(kind: str | None = None, role: str = "kept", cond=lambda it: True) -> int | None:  # type: ignore[no-untyped-def]
        cands = [
            i
            for i, it in enumerate(items)
            if it.role == role
            and (kind is None or it.kind == kind)
            and it.kind in PREFIX
            and cond(it)
        ]
        return rng.choice(cands) if cands else None

    deleted: list[str] = []
    for _ in range(count(1, 4)):
        i = pick()
        if i is not None:
            deleted.extend(items.pop(i).sources)
    for _ in range(count(1, 2)):
        i = pick("article", cond=lambda it: it.text.count("\n") >= 2)
        if i is not None:
            paras = items[i].text.split("\n")
            cut = rng.randint(1, len(paras) - 1)
            it = items[i]
            items[i : i + 1] = [
                _Item(it.kind, "\n".join(paras[:cut]), it.heading, it.sources, "split", it.number),
                _Item(it.kind, "\n".join(paras[cut:]), it.heading, it.sources, "split", it.number),
            ]
    for _ in range(count(1, 2)):
        cands = [
            i
            for i in range(len(items) - 1)
            if items[i].role == items[i + 1].role == "kept"
            and items[i].kind == items[i + 1].kind
            and items[i].kind in PREFIX
        ]
        if cands:
            i = rng.choice(cands)
            a, b = items[i], items[i + 1]
            items[i : i + 2] = [
                _Item(
                    a.kind,
                    a.text + "\n" + b.text,
                    a.heading,
                    a.sources + b.sources,
                    "merged",
                    a.number,
                )
            ]
    for _ in range(count(1, 4)):
        i = rng.randrange(len(items))
        kind = items[i].kind if items[i].kind in PREFIX else "article"
        heading = _salad(rng, vocab, rng.randint(2, 5)).capitalize() if kind == "article" else ""
        text = "\n".join(
            _salad(rng, vocab, rng.randint(25, 90)) + "." for _ in range(rng.randint(1, 3))
        )
        items.insert(i, _Item(kind, text, heading, (), "new", markers={"synthetic": True}))
    _move_text(items, rng, count(1, 2), count(0, 1))
    for it in items:
        if it.role == "new":
            continue
        if rng.random() < 0.3 * intensity:
            it.text = _edit_words(it.text, rng, vocab, rng.randint(1, 6))
        if rng.random() < 0.08 * intensity:
            it.text = _swap_modal(it.text, rng)
        if rng.random() < 0.08 * intensity:
            it.text = _change_number(it.text, rng)
    return _number(provisions, items, deleted, style)


def _bigrams(provisions: list[ParsedProvision]) -> dict[str, list[str]]:
    follow: dict[str, list[str]] = defaultdict(list)
    for p in provisions:
        words = _WORD.findall(p.text.lower())
        for a, b in zip(words, words[1:], strict=False):
            follow[a].append(b)
    return follow


def _salad(rng: random.Random, vocab: dict[str, list[str]], n: int) -> str:
    word = rng.choice(list(vocab))
    out = [word]
    for _ in range(n - 1):
        nxt = vocab.get(word) or list(vocab)
        word = rng.choice(nxt)
        out.append(word)
    return " ".join(out)


def _edit_words(text: str, rng: random.Random, vocab: dict[str, list[str]], n: int) -> str:
    words = text.split(" ")
    for _ in range(n):
        if len(words) < 3:
            break
        k = rng.randrange(len(words))
        action = rng.random()
        if action < 0.4:
            words[k] = _salad(rng, vocab, 1) + ("\n" if words[k].endswith("\n") else "")
        elif action < 0.7:
            words.insert(k, _salad(rng, vocab, rng.randint(1, 4)))
        elif "\n" not in words[k]:
            del words[k]
    return " ".join(words)


def _swap_modal(text: str, rng: random.Random) -> str:
    hits = [m for m in re.finditer(r"\b(shall|may|should|must)\b", text)]
    if not hits:
        return text
    m = rng.choice(hits)
    return text[: m.start()] + _MODALS[m.group(1)] + text[m.end() :]


def _change_number(text: str, rng: random.Random) -> str:
    hits = [m for m in re.finditer(r"\b(\d{1,3}) (months|years|days|hours|weeks)\b", text)]
    if not hits:
        return text
    m = rng.choice(hits)
    return (
        f"{text[: m.start()]}{int(m.group(1)) + rng.randint(1, 12)} {m.group(2)}{text[m.end() :]}"
    )


def _move_text(items: list[_Item], rng: random.Random, paragraphs: int, sentences: int) -> None:
    """Move paragraphs between articles, and article sentences into recitals."""
    arts = [it for it in items if it.kind == "article" and it.role == "kept"]
    recitals = [it for it in items if it.kind == "recital" and it.role == "kept"]
    for _ in range(paragraphs):
        donors = [a for a in arts if a.text.count("\n") >= 2]
        if not donors or len(arts) < 2:
            break
        a = rng.choice(donors)
        b = rng.choice([x for x in arts if x is not a])
        paras = a.text.split("\n")
        para = paras.pop(rng.randint(1, len(paras) - 1))
        a.text = "\n".join(paras)
        b.text = b.text + "\n" + para
        _record_move(a, b, para)
    for _ in range(sentences):
        donors = [a for a in arts if len(re.findall(r"\. [A-Z]", a.text)) >= 1]
        if not donors or not recitals:
            break
        a = rng.choice(donors)
        parts = re.split(r"(?<=\.) (?=[A-Z])", a.text)
        k = rng.randint(1, len(parts) - 1)
        sentence = parts.pop(k)
        a.text = " ".join(parts)
        r = rng.choice(recitals)
        r.text = r.text + " " + sentence.strip()
        _record_move(a, r, sentence)


def _record_move(source: _Item, target: _Item, text: str) -> None:
    """Remember a move that a sentence-level detector can see (a clause of 6+ words)."""
    if any(len(part.split()) >= MOVE_MIN_WORDS for part in re.split(r"[.;:]\s|\n", text)):
        moved = target.markers.setdefault(MOVED_FROM, [])
        moved.append(source.sources[0])  # type: ignore[union-attr]


def expected_moves(stage: list[ParsedProvision]) -> set[tuple[str, str]]:
    """(FROM label, TO label) of every text move the generator made and recorded."""
    return {(src, p.label) for p in stage for src in p.markers.get(MOVED_FROM, ())}


def _number(
    provisions: list[ParsedProvision], items: list[_Item], deleted: list[str], style: str
) -> tuple[list[ParsedProvision], list[Truth]]:
    counters: dict[str, int] = defaultdict(int)
    last: dict[str, str] = {}
    suffix: dict[str, int] = defaultdict(int)
    split_seen: set[tuple[str, ...]] = set()
    for it in items:
        if it.kind not in PREFIX:
            continue
        if style == "final":
            counters[it.kind] += 1
            it.number = str(counters[it.kind])
        elif it.role == "new" or (it.role == "split" and it.sources in split_seen):
            base = last.get(it.kind, "0").rstrip("abcdefghijklmnopqrstuvwxyz") or "0"
            suffix[base] += 1
            it.number = base + "abcdefghijklmnopqrstuvwxyz"[suffix[base] - 1]
        last[it.kind] = it.number
        if it.role == "split":
            split_seen.add(it.sources)
    label_of = {p.label: p for p in provisions}
    renumbered: dict[str, str] = {}
    for it in items:
        if it.sources and it.role != "new" and it.kind in PREFIX:
            renumbered.setdefault(it.sources[0], f"{PREFIX[it.kind]} {it.number}")
    out: list[ParsedProvision] = []
    truth: list[Truth] = []
    for it in items:
        label = f"{PREFIX[it.kind]} {it.number}" if it.kind in PREFIX else it.sources[0]
        text = _renumber_refs(it.text, renumbered) if style == "final" else it.text
        out.append(
            ParsedProvision(it.kind, it.number, label, text, heading=it.heading, markers=it.markers)
        )
        if it.role == "new":
            truth.append(Truth(None, label, "added"))
        elif it.role in ("split", "merged"):
            truth.extend(Truth(s, label, it.role) for s in it.sources)
        else:
            src = label_of[it.sources[0]]
            same = (
                " ".join(src.text.split()) == " ".join(text.split()) and src.heading == it.heading
            )
            truth.append(Truth(src.label, label, "unchanged" if same else "modified"))
    truth.extend(Truth(d, None, "deleted") for d in deleted)
    return out, truth


def _renumber_refs(text: str, renumbered: dict[str, str]) -> str:
    def sub(m: re.Match[str]) -> str:
        new = renumbered.get(f"Article {m.group(2)}")
        return f"{m.group(1)}{new.split()[-1]}" if new else m.group(0)

    # "Article 42(2) of Regulation (EU) 2018/1725" points into another act: left alone.
    # ("… of Regulation (EU) …/…" without a number is this act, still in draft: renumbered.)
    other_act = (
        r"(?!(?:\(\w+\))*,? (?:(?:of|to) (?:Regulation|Directive|Decision)"
        r"(?: \((?:EU|EC|EEC|EU, Euratom)\))? (?:No )?\d|of the Charter|of the Treaty|TFEU|TEU))"
    )
    return re.sub(r"\b(Articles? )(\d+[a-z]?)\b(?!/)" + other_act, sub, text)


def accuracy(predicted: list[tuple[str | None, str | None]], truth: list[Truth]) -> float:
    """Share of rows right: |predicted ∩ true| / max(|predicted|, |true|) over (from, to) pairs."""
    want = {(t.from_label, t.to_label) for t in truth}
    got = set(predicted)
    return len(want & got) / max(len(want), len(got), 1)
