"""Load the real CSA Regulation proposal's provisions from its derived plain text (test helper).

A small reader for `tests/data/engine-csa-regulation-proposal.txt` (see tests/data/SOURCES.md):
recitals "(N)…" after "Whereas:", "Article N" + heading lines after "HAVE ADOPTED", and
"ANNEX N:" blocks after "ANNEXES". Footnote markers (lines holding only a number) are dropped
and the pieces they split are joined again. It stands in until the EUR-Lex importer is used.
"""

from __future__ import annotations

import re
from pathlib import Path

from eu_posities.document import ParsedProvision

DATA = Path(__file__).parent / "data"
PROPOSAL = DATA / "engine-csa-regulation-proposal.txt"

_ARTICLE = re.compile(r"^Article (\d+[a-z]*)$")
_RECITAL = re.compile(r"^\((\d+[a-z]*)\)(.*)$")
_ANNEX = re.compile(r"^ANNEX ([IVXLC]+):?$")
_NUMBERED = re.compile(r"^(\d+\.|\([a-z]+\)|\([ivx]+\))(?=\S)")


def _paragraphs(lines: list[str]) -> list[str]:
    """Rejoin paragraphs split by footnote-marker lines; blank lines separate paragraphs."""
    paras: list[str] = []
    current = ""
    marker = False
    for raw in lines:
        line = raw.strip()
        if re.fullmatch(r"\d{1,3}", line):
            marker = True
            continue
        if not line:
            continue
        if marker and current:
            sep = "" if re.match(r"[,.;:)]", line) else " "
            current = current + sep + line
        else:
            if current:
                paras.append(current)
            current = line
        marker = False
    if current:
        paras.append(current)
    return [_NUMBERED.sub(r"\1 ", p) for p in paras]


def load_proposal(path: Path = PROPOSAL) -> list[ParsedProvision]:
    """Recitals, articles and annexes of COM(2022) 209, in document order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "Whereas:")
    adopted = next(i for i, line in enumerate(lines) if line.startswith("HAVE ADOPTED"))
    done = next(i for i, line in enumerate(lines) if line.startswith("Done at"))
    annexes = next(i for i, line in enumerate(lines) if line.strip() == "ANNEXES")
    provisions: list[ParsedProvision] = []

    for para in _paragraphs(lines[start + 1 : adopted]):
        m = _RECITAL.match(para)
        if m:
            num, text = m.group(1), m.group(2).strip()
            provisions.append(ParsedProvision("recital", num, f"Recital {num}", text))

    body = lines[adopted + 1 : done]
    chapter: tuple[str, ...] = ()
    heads = [i for i, line in enumerate(body) if _ARTICLE.match(line.strip())]
    for k, h in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else len(body)
        paras = _paragraphs(body[h + 1 : end])
        path = chapter
        # Chapter and section headings printed after the text belong to the next article.
        cut = next((i for i, p in enumerate(paras) if p.startswith(("CHAPTER", "Section"))), None)
        if cut is not None and cut > 0:
            tail_heads = paras[cut:]
            if tail_heads[0].startswith("CHAPTER"):
                chapter = (" ".join(tail_heads[:2]),)
            paras = paras[:cut]
        num = _ARTICLE.match(body[h].strip()).group(1)  # type: ignore[union-attr]
        heading, text = paras[0], "\n".join(paras[1:])
        provisions.append(
            ParsedProvision("article", num, f"Article {num}", text, heading=heading, path=path)
        )

    tail = lines[annexes + 1 :]
    starts = [i for i, line in enumerate(tail) if _ANNEX.match(line.strip())]
    for k, s in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(tail)
        paras = _paragraphs(tail[s + 1 : end])
        num = _ANNEX.match(tail[s].strip()).group(1)  # type: ignore[union-attr]
        provisions.append(
            ParsedProvision(
                "annex",
                num,
                f"Annex {num}",
                "\n".join(paras[1:]),
                heading=paras[0] if paras else "",
            )
        )
    return provisions
