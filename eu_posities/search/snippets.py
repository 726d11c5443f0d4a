"""Where a query matches inside a text: spans of the matched words, and the snippet around them.

Words are compared exactly as the index compares them (`eu_posities.searchtext`): folded,
stemmed in the stage's language, so a snippet marks "orders" for a search of "order".
"""

from __future__ import annotations

import itertools

from eu_posities.readmodels import SNIPPET_MARK
from eu_posities.search.query import Query
from eu_posities.searchtext import WORD, fold_parts, terms, tokens

SNIPPET_WORDS = 24
MARK = SNIPPET_MARK
_FIRST_LOOK = 800  # characters


def _hits(written: list[tuple[str, ...]], query: Query, language: str | None) -> dict[int, int]:
    """Which query part each written word (given as the words it folds into) matches."""
    # Each distinct word is stemmed and compared once: long texts repeat their words.
    distinct = list(dict.fromkeys(p for parts in written for p in parts))
    term_of = dict(zip(distinct, terms(distinct, language), strict=True))
    asked = list(query.terms) + ([query.prefix] if query.prefix else [])
    wanted = {alt: n for n, term in enumerate(asked) for alt in query.alternatives(term)}
    prefix_part = len(asked) - 1
    part_of: dict[str, int] = {}
    for word, term in term_of.items():
        if term in wanted:
            part_of[word] = wanted[term]
        elif query.prefix and word.startswith(query.prefix):
            part_of[word] = prefix_part
    hits: dict[int, int] = {}  # written word -> query part
    if part_of:
        for i, parts in enumerate(written):
            for part in parts:
                if part in part_of:
                    hits[i] = part_of[part]
                    break
    if query.phrases:
        # As the index sees them: a written word may fold into several (`½` -> 1, 2).
        owner = [i for i, parts in enumerate(written) for _ in parts]
        sequence = [term_of[p] for parts in written for p in parts]
        for n, phrase in enumerate(query.phrases, len(asked)):
            for variant in query.phrase_alternatives(phrase):
                size = len(variant)
                for k in range(len(sequence) - size + 1):
                    if sequence[k] == variant[0] and tuple(sequence[k : k + size]) == variant:
                        for j in range(k, k + size):
                            hits[owner[j]] = n
    return hits


def spans(text: str, query: Query, language: str | None) -> list[tuple[int, int]]:
    """(start, end) of every word of `text` that the query matches, in order."""
    found = tokens(text)
    hits = _hits([parts for _, _, parts in found], query, language)
    return [(found[i][0], found[i][1]) for i in sorted(hits)]


def _words(text: str) -> list[tuple[str, ...]]:
    return [fold_parts(w) for w in WORD.findall(text)]


def snippet(text: str, query: Query, language: str | None, words: int = SNIPPET_WORDS) -> str:
    """The stretch of `text` with most of the query in it, matched words between `MARK`s."""
    # Long annexes: look at their start first, which usually holds every part of the query.
    cut = text.find(" ", _FIRST_LOOK)
    written = _words(text[:cut] if cut > 0 else text)
    hits = _hits(written, query, language)
    parts = len(query.terms) + bool(query.prefix) + len(query.phrases)
    if cut > 0 and len(set(hits.values())) < parts:
        written = _words(text)
        hits = _hits(written, query, language)
    if not written:
        return ""
    start = _best_window(hits, len(written), words)
    end = min(len(written), start + words)
    # Where the words of the window are: only as far as the window reaches.
    window = [(m.start(), m.end()) for m in itertools.islice(WORD.finditer(text), start, end)]
    out: list[str] = []
    cursor = window[0][0]
    for i, (begin, finish) in enumerate(window, start):
        out.append(text[cursor:begin])
        word = text[begin:finish]
        out.append(f"{MARK}{word}{MARK}" if i in hits else word)
        cursor = finish
    body = " ".join("".join(out).split())
    body = body.replace(f"{MARK} {MARK}", " ")  # one mark around a whole phrase
    return ("…" if start > 0 else "") + body + ("…" if end < len(written) else "")


def best_snippet(text: str, heading: str, query: Query, language: str | None) -> str:
    """From the text; from the heading when only the heading matched."""
    body = snippet(text, query, language)
    if MARK not in body and heading:
        marked = snippet(heading, query, language)
        if MARK in marked:
            return marked
    return body or snippet(heading, query, language)


def _best_window(hits: dict[int, int], count: int, words: int) -> int:
    """Start of the window covering most distinct query parts (then most hits), earliest first."""
    if not hits:
        return 0
    positions = sorted(hits)
    best, best_score = 0, (-1, -1)
    inside: dict[int, int] = {}  # query part -> hits in the window
    low = high = 0
    # Window starts only grow with `first`: slide both ends (long annexes have many hits).
    for first in positions:
        start = max(0, min(first - 3, count - words))
        while high < len(positions) and positions[high] < start + words:
            part = hits[positions[high]]
            inside[part] = inside.get(part, 0) + 1
            high += 1
        while low < high and positions[low] < start:
            part = hits[positions[low]]
            inside[part] -= 1
            if not inside[part]:
                del inside[part]
            low += 1
        score = (len(inside), high - low)
        if score > best_score:
            best, best_score = start, score
    return best
