"""Align the provisions of two stages: anchors on numbers and identical text, then content.

Within each provision kind (recitals with recitals, articles with articles, ...):
1. anchors: identical text unique on both sides, and same label with similar content; the
   longest order-preserving chain of anchors is kept (so a renumbered stage cannot drag
   a same-numbered but different article along);
2. between consecutive anchors, an order-preserving dynamic programme maximises the summed
   content similarity (a band keeps big gaps cheap); what stays unpaired is added or deleted;
3. an added provision next to a matched one whose source text contains both is a split part;
   a deleted one that sits inside its neighbour's target is a merge part.
Manual overrides are applied first and never second-guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from eu_posities.alignment.groups import Groups, regroup_further
from eu_posities.alignment.match import Match, ProvisionLike
from eu_posities.alignment.parts import with_parts
from eu_posities.alignment.regroup import find_merges, find_splits
from eu_posities.alignment.relocate import relocate
from eu_posities.alignment.similarity import (
    Interner,
    Profile,
    share_score,
    similarity,
    text_score,
)
from eu_posities.diff.sequence import longest_increasing
from eu_posities.errors import NotFound
from eu_posities.kinds import AlignMethod

THRESHOLD = 0.35  # below this two provisions are not the same provision
NUMBER_BONUS = 0.1  # a shared label makes a pair a little more likely
SIGNATURE_WORDS = 8  # opening/closing words that identify a provision
SIGNATURE_ANCHOR = 0.5  # similarity that confirms a heading or opening/closing-words anchor
SANDWICHED = 0.2  # one provision each side between two anchors: most likely the same one
FULL_DP_CELLS = 4000  # gaps larger than this are searched in a diagonal band only
MIN_BAND = 20

Override = tuple[str | None, str | None]


def align(
    from_provs: Sequence[ProvisionLike],
    to_provs: Sequence[ProvisionLike],
    overrides: Iterable[Override] = (),
    *,
    parts: bool = False,
) -> list[Match]:
    """Which provision of `from_provs` became which of `to_provs`, in TO document order.

    `overrides` are (from_label | None, to_label | None) pairs that pin a match (method
    `manual`); (label, None) pins a deletion and (None, label) an addition. Unknown labels
    raise NotFound. Provisions may be any objects with `kind`, `label`, `text` and `heading`
    (ParsedProvision, or rows read back from the database). `parts=True` also aligns the
    paragraphs and points of every row (`Match.parts`, see parts.py).
    """
    interner = Interner()
    fs = [interner.profile(i, p) for i, p in enumerate(from_provs)]
    ts = [interner.profile(i, p) for i, p in enumerate(to_provs)]
    f_by_label = {f.prov.label: f for f in fs}
    t_by_label = {t.prov.label: t for t in ts}
    rows = _manual(list(overrides), f_by_label, t_by_label)
    pinned_f = {r.from_label for r in rows}
    pinned_t = {r.to_label for r in rows}
    kinds = list(dict.fromkeys([p.kind for p in from_provs] + [p.kind for p in to_provs]))
    for kind in kinds:
        kf = [f for f in fs if f.prov.kind == kind and f.prov.label not in pinned_f]
        kt = [t for t in ts if t.prov.kind == kind and t.prov.label not in pinned_t]
        rows.extend(_align_kind(kf, kt))
    ordered = _in_document_order(rows, fs, ts)
    return with_parts(ordered, from_provs, to_provs) if parts else ordered


def _status(f: Profile, t: Profile) -> str:
    same = " ".join(f.prov.text.split()) == " ".join(t.prov.text.split())
    return "unchanged" if same and f.heading == t.heading else "modified"


def _method(f: Profile, t: Profile) -> str:
    return "number" if f.prov.label == t.prov.label else "content"


def _manual(
    overrides: list[Override], fl: dict[str, Profile], tl: dict[str, Profile]
) -> list[Match]:
    for f, t in overrides:
        if f is None and t is None:
            raise NotFound("alignment override: both labels are empty")
        if f is not None and f not in fl:
            raise NotFound(f"alignment override: no provision {f!r} in the FROM stage")
        if t is not None and t not in tl:
            raise NotFound(f"alignment override: no provision {t!r} in the TO stage")
    pairs = list(dict.fromkeys(overrides))
    n_from = Counter(f for f, t in pairs if f and t)
    n_to = Counter(t for f, t in pairs if f and t)
    rows = []
    for f, t in pairs:
        if f is None:
            rows.append(Match(None, t, 0.0, "added", "manual"))
        elif t is None:
            rows.append(Match(f, None, 0.0, "deleted", "manual"))
        else:
            a, b = fl[f], tl[t]
            if n_from[f] > 1:
                status, score = "split", share_score(b, a)
            elif n_to[t] > 1:
                status, score = "merged", share_score(a, b)
            else:
                status, score = _status(a, b), text_score(a, b)
            rows.append(Match(f, t, score, status, "manual"))
    return rows


def _anchors(
    fs: list[Profile], ts: list[Profile]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Pairs that are surely the same provision, reduced to an order-preserving chain.

    First identical text (unique on both sides); then, for the rest, the same heading, the
    same opening words or the same closing words (unique on both sides) backed by at least
    SIGNATURE_ANCHOR similarity. These hash look-ups keep the gaps, and so the costly
    similarity search, small. Numbers are not anchors: in a renumbered stage "Article 20"
    may name a different, yet similar, provision; they only weigh in inside the gap search.
    Returns the chain, and the identical-text pairs that fell out of it (moved provisions).
    """
    pairs: dict[int, int] = {}
    used: set[int] = set()
    exact: set[int] = set()
    signatures = (
        (lambda p: p.key if p.words else None, False),
        (lambda p: p.heading or None, True),
        (
            lambda p: (
                " ".join(p.words[:SIGNATURE_WORDS]) if len(p.words) > SIGNATURE_WORDS else None
            ),
            True,
        ),
        (
            lambda p: (
                " ".join(p.words[-SIGNATURE_WORDS:]) if len(p.words) > SIGNATURE_WORDS else None
            ),
            True,
        ),
    )
    for signature, verify in signatures:
        fsig = [signature(f) if i not in pairs else None for i, f in enumerate(fs)]
        tsig = [signature(t) if j not in used else None for j, t in enumerate(ts)]
        fcount = Counter(x for x in fsig if x is not None)
        tcount = Counter(x for x in tsig if x is not None)
        t_by_sig = {x: j for j, x in enumerate(tsig) if x is not None and tcount[x] == 1}
        for i, x in enumerate(fsig):
            if x is None or fcount[x] != 1 or x not in t_by_sig:
                continue
            j = t_by_sig[x]
            if not verify or similarity(fs[i], ts[j]) >= SIGNATURE_ANCHOR:
                pairs[i] = j
                used.add(j)
                if not verify:
                    exact.add(i)
    chain = longest_increasing(sorted(pairs.items())) if pairs else []
    # Identical text that moved against the flow is still the same provision.
    in_chain = set(chain)
    moved = [(i, j) for i, j in sorted(pairs.items()) if i in exact and (i, j) not in in_chain]
    return chain, moved


def _align_kind(fs: list[Profile], ts: list[Profile]) -> list[Match]:
    chain, moved = _anchors(fs, ts)
    pairs: dict[int, tuple[int, float]] = {
        i: (j, similarity(fs[i], ts[j])) for i, j in [*chain, *moved]
    }
    taken_t = {j for j, _ in pairs.values()}
    bounds = [(-1, -1), *chain, (len(fs), len(ts))]
    for (pi, pj), (ni, nj) in zip(bounds, bounds[1:], strict=False):
        gf = [i for i in range(pi + 1, ni) if i not in pairs]
        gt = [j for j in range(pj + 1, nj) if j not in taken_t]
        for a, b, _ in _gap(gf, gt, fs, ts):
            pairs[a] = (b, similarity(fs[a], ts[b]))
    # Parts next to their group, in order, first: that is strong evidence; then what is left
    # is looked for across the stage, out of order.
    splits = find_splits(pairs, fs, ts)
    merges = find_merges(pairs, fs, ts)
    rows: list[Match] = []
    split_from = {i for i, _ in splits}
    for i in [i for i, (j, _) in pairs.items() if i in split_from and (i, j) not in splits]:
        del pairs[i]  # a split source whose 1:1 partner went to another group
    in_groups_f = split_from | {i for i, _ in merges}
    in_groups_t = {j for _, j in splits} | {j for _, j in merges}
    relocate(pairs, fs, ts, in_groups_f, in_groups_t)
    groups = Groups(pairs, splits, merges)
    regroup_further(groups, fs, ts)
    splits, merges = groups.splits, groups.merges
    split_from = {i for i, _ in splits}
    merge_to = {j for _, j in merges}

    # A row whose place disagrees with the longest order-keeping chain of all rows moved.
    kept = [(i, j) for i, (j, _) in pairs.items() if i not in split_from and j not in merge_to]
    # (the parts of a merge share their TO provision: ordered by FROM among themselves)
    every = sorted({*kept, *splits, *merges})
    width = len(fs) + 1
    chain = longest_increasing([(i, j * width + i) for i, j in every]) if every else []
    in_order = {(i, key // width) for i, key in chain}

    def method_of(i: int, j: int) -> str:
        method = _method(fs[i], ts[j])
        if method == AlignMethod.CONTENT and (i, j) not in in_order:
            return AlignMethod.MOVED
        return method

    # Rows show text similarity; the matching confidence in `pairs` stays internal.
    for i, (j, _) in pairs.items():
        f, t = fs[i], ts[j]
        if i in split_from or j in merge_to:
            continue
        rows.append(
            Match(f.prov.label, t.prov.label, text_score(f, t), _status(f, t), method_of(i, j))
        )
    for i, j in splits:
        rows.append(
            Match(
                fs[i].prov.label,
                ts[j].prov.label,
                share_score(ts[j], fs[i]),
                "split",
                method_of(i, j),
            )
        )
    for i, j in merges:
        rows.append(
            Match(
                fs[i].prov.label,
                ts[j].prov.label,
                share_score(fs[i], ts[j]),
                "merged",
                method_of(i, j),
            )
        )
    matched_f = set(pairs) | split_from | {i for i, _ in merges}
    matched_t = {j for j, _ in pairs.values()} | {j for _, j in splits} | merge_to
    rows.extend(
        Match(f.prov.label, None, 0.0, "deleted", "content")
        for i, f in enumerate(fs)
        if i not in matched_f
    )
    rows.extend(
        Match(None, t.prov.label, 0.0, "added", "content")
        for j, t in enumerate(ts)
        if j not in matched_t
    )
    return rows


def _gap(
    gf: list[int], gt: list[int], fs: list[Profile], ts: list[Profile]
) -> list[tuple[int, int, float]]:
    """Order-preserving pairing inside a gap that maximises summed similarity."""
    n, m = len(gf), len(gt)
    if not n or not m:
        return []
    band = None if n * m <= FULL_DP_CELLS else max(MIN_BAND, abs(n - m) + 10)
    threshold = SANDWICHED if n == m == 1 else THRESHOLD
    score: dict[tuple[int, int], float] = {}
    for a in range(n):
        lo, hi = 0, m
        if band is not None:
            centre = a * m / n
            lo, hi = max(0, int(centre - band)), min(m, int(centre + band) + 1)
        fa = fs[gf[a]]
        for b in range(lo, hi):
            tb = ts[gt[b]]
            s = similarity(fa, tb) + (NUMBER_BONUS if fa.prov.label == tb.prov.label else 0.0)
            if s >= threshold:
                score[a, b] = s
    if not score:
        return []
    dp = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(1, n + 1):
        row, prev = dp[a], dp[a - 1]
        for b in range(1, m + 1):
            best = prev[b] if prev[b] >= row[b - 1] else row[b - 1]
            cell = score.get((a - 1, b - 1))
            if cell is not None and prev[b - 1] + cell > best:
                best = prev[b - 1] + cell
            row[b] = best
    out = []
    a, b = n, m
    while a and b:
        cell = score.get((a - 1, b - 1))
        if cell is not None and dp[a][b] == dp[a - 1][b - 1] + cell:
            out.append((gf[a - 1], gt[b - 1], cell))
            a, b = a - 1, b - 1
        elif dp[a][b] == dp[a - 1][b]:
            a -= 1
        else:
            b -= 1
    out.reverse()
    return out


def _in_document_order(rows: list[Match], fs: list[Profile], ts: list[Profile]) -> list[Match]:
    """Rows in TO order; a deletion goes right after what its FROM predecessor became."""
    f_pos = {f.prov.label: f.index for f in fs}
    t_pos = {t.prov.label: t.index for t in ts}
    first_to: dict[int, int] = {}
    for r in rows:
        if r.from_label and r.to_label:
            i = f_pos[r.from_label]
            first_to[i] = min(first_to.get(i, 1 << 30), t_pos[r.to_label])
    anchor = -1
    after: dict[int, int] = {}
    for f in fs:
        if f.index in first_to:
            anchor = max(anchor, first_to[f.index])
        after[f.index] = anchor

    def key(r: Match) -> tuple[float, int, int]:
        fi = f_pos[r.from_label] if r.from_label else -1
        if r.to_label:
            return (t_pos[r.to_label], 0, fi)
        return (after[fi] + 0.5, 1, fi)

    return sorted(rows, key=key)
