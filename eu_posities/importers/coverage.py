"""Text coverage: how much of a document's body text landed in its provisions.

Every importer reports it (`ParsedDocument.coverage`) so that no text is lost silently. The
body is the document's running text in reading order, page furniture and footnotes
aside; words are compared case-folded, letters and digits only. The share is exact as a
multiset: each body word counts as placed if some provision holds one more copy of it
than was already matched. Missing stretches are located with word trigrams: a run of body
words none of whose trigrams occurs in the placed text.

    measure(body, placed, skipped={"explanatory memorandum": [...]}) -> Coverage
    placed_texts(stages) -> list[str]   # what counts as placed: titles, labels, headings,
                                        # texts, chapter titles, struck and deleted text
    lines_coverage(lines, splitter, stages)  # for importers built on TextSplitter
    markup_texts(root, part, block)          # body texts and skipped parts of XML/HTML

The four-column and amendment-list importers call `measure` with their own body (the
cells or amendment texts) and `placed_texts` of their stages, plus the texts they place
elsewhere (row headings, justifications) as `placed` or under a `skipped` name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from lxml import etree

from eu_posities.document import Coverage, ParsedProvision, ParsedStage

if TYPE_CHECKING:
    from eu_posities.importers.text import TextSplitter

_WORD = re.compile(r"[^\W_]+")
_MIN_MISSING = 4
_MAX_SNIPPETS = 5
_SNIPPET_WORDS = 12


def words(text: str) -> list[str]:
    """The words of `text` as coverage compares them: case-folded letters and digits.

    Control characters go first, as they go from everything an import stores
    (`safetext.for_storage`): "rules\x9b31m" in the file is "rules31m" in the provision.
    """
    from eu_posities.safetext import for_storage

    return _WORD.findall(for_storage(text).casefold())


def measure(
    body: Iterable[str],
    placed: Iterable[str],
    skipped: Mapping[str, Iterable[str]] | None = None,
) -> Coverage:
    """Coverage of `body` (texts in reading order) by `placed`, with `skipped` parts named."""
    body_texts = list(body)
    skipped_counts = {
        name: sum(len(words(t)) for t in texts) for name, texts in (skipped or {}).items()
    }
    skipped_counts = {name: count for name, count in skipped_counts.items() if count}
    tokens = [w for text in body_texts for w in words(text)]
    placed_tokens: list[str] = [w for text in placed for w in words(text)]
    available = Counter(placed_tokens)
    matched = sum((Counter(tokens) & available).values())
    missing = _missing(body_texts, placed_tokens) if matched < len(tokens) else ()
    return Coverage(
        body_words=len(tokens) + sum(skipped_counts.values()),
        placed_words=matched,
        skipped_words=sum(skipped_counts.values()),
        skipped=tuple(skipped_counts),
        missing=missing,
    )


def _trigrams(tokens: Sequence[str]) -> Iterable[tuple[str, str, str]]:
    return zip(tokens, tokens[1:], tokens[2:], strict=False)


def _missing(body: list[str], placed_tokens: list[str]) -> tuple[str, ...]:
    """Up to five stretches of body words that no placed text holds (as printed). A body
    word is held if a trigram of the paragraph around it occurs in the placed text (for a
    paragraph of one or two words: if its words do)."""
    grams = set(_trigrams(placed_tokens))
    pairs = set(zip(placed_tokens, placed_tokens[1:], strict=False))
    singles = set(placed_tokens)
    snippets: list[str] = []
    # The uncovered stretch being collected: it may run on from one paragraph to the next.
    run: list[str] = []

    def close() -> None:
        printed = " ".join(run).split()
        if len(printed) >= _MIN_MISSING and len(snippets) < _MAX_SNIPPETS:
            text = " ".join(printed[:_SNIPPET_WORDS])
            snippets.append(text + (" …" if len(printed) > _SNIPPET_WORDS else ""))
        run.clear()

    for text in body:
        matches = list(_WORD.finditer(text.casefold()))
        tokens = [m.group() for m in matches]
        if len(tokens) < 3:
            held = tuple(tokens) in pairs if len(tokens) == 2 else all(t in singles for t in tokens)
            covered = [held] * len(tokens)
        else:
            covered = [False] * len(tokens)
            for index, gram in enumerate(_trigrams(tokens)):
                if gram in grams:
                    covered[index] = covered[index + 1] = covered[index + 2] = True
        index = 0
        while index < len(tokens):
            if covered[index]:
                close()
                index += 1
                continue
            end = index
            while end < len(tokens) and not covered[end]:
                end += 1
            run.append(text[matches[index].start() : matches[end - 1].end()])
            if end < len(tokens):
                close()
            index = end
        if len(snippets) >= _MAX_SNIPPETS:
            break
    close()
    return tuple(snippets)


def provision_texts(provision: ParsedProvision) -> list[str]:
    """A provision's label, heading and text, and the text its marks show as deleted."""
    texts = [provision.label, provision.heading, provision.text]
    texts.extend(run.text for run in provision.marks if run.op == "delete")
    placeholder = provision.markers.get("placeholder")
    if isinstance(placeholder, str):
        texts.append(placeholder)
    return texts


def placed_texts(stages: Iterable[ParsedStage]) -> list[str]:
    """Everything the stages hold that came from the body: see the module docstring."""
    texts: list[str] = []
    for stage in stages:
        texts.append(stage.title)
        paths: set[str] = set()
        for provision in (*stage.provisions, *stage.struck):
            texts.extend(provision_texts(provision))
            paths.update(provision.path)
        texts.extend(sorted(paths))
    return texts


def lines_coverage(
    lines: Sequence[str], splitter: TextSplitter, stages: Iterable[ParsedStage]
) -> Coverage:
    """Coverage of lines read by a `TextSplitter` (the parts it skipped named)."""
    body = [line for line, part in zip(lines, splitter.skipped, strict=False) if not part]
    parts: dict[str, list[str]] = {}
    for line, part in zip(lines, splitter.skipped, strict=False):
        if part:
            parts.setdefault(part, []).append(line)
    return measure(body, placed_texts(stages), parts)


def markup_texts(
    root: etree._Element,
    part: Callable[[etree._Element], str | None],
    block: Callable[[etree._Element], bool],
) -> tuple[list[str], dict[str, list[str]]]:
    """The body texts of an XML or HTML document, block by block, and the skipped parts.

    `part(element)` says what an element is: None (body, read on), "" (not body at all:
    footnotes, metadata, navigation) or the name of a part deliberately left out (its text
    is counted under that name). `block(element)` says which elements are blocks (their
    text, nested blocks aside, is one body text).
    """
    body: list[str] = []
    skipped: dict[str, list[str]] = {}

    def walk(element: etree._Element, into: list[str]) -> None:
        name = part(element)
        if name == "":
            return
        if name:
            texts: list[str] = []
            _collect(element, texts)
            skipped.setdefault(name, []).extend(texts)
            return
        own: list[str] = [] if block(element) else into
        if element.text and isinstance(element.tag, str):
            own.append(element.text)
        for child in element:
            if isinstance(child.tag, str):
                walk(child, own)
            if child.tail:
                own.append(child.tail)
        if own is not into and "".join(own).strip():
            body.append(" ".join("".join(own).split()))

    def _collect(element: etree._Element, texts: list[str]) -> None:
        texts.append(" ".join("".join(element.itertext()).split()))

    walk(root, [])
    return body, skipped
