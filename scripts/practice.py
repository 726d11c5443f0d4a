"""Practice stages: fictional texts derived by rule from a real proposal, to try the tool on.

No later stage of the CSA Regulation could be obtained, yet redlines and the four-column view
are what a negotiator wants to see first. So a *practice* stage is derived mechanically from
the real Commission proposal, with the kinds of change a Council text brings: an inserted
article, a deleted one with the rest renumbered, a modal verb changed, periods changed. The
result is fictional, says so at its top and in the text it adds, and is flagged `fictional`
in the bundled data. `scripts/make_practice_stages.py` regenerates it; the same input always
gives the same bytes (a test checks this).

The CSA Directive has no real text here, so nothing is derived for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from eu_posities.errors import InputError
from eu_posities.importers.xmlsafe import parse_html

NOTICE = (
    "PRACTICE TEXT - fictional, derived by script from COM(2022) 209 final. "
    "Not a Council text and not a negotiation document."
)
_ARTICLE = re.compile(r"^Article\s+(\d+)$")


@dataclass(frozen=True)
class Edit:
    """One change the script makes, listed in the file's header so a reader can check it."""

    what: str


# The changes, in the order they are applied (articles numbered as in the proposal).
EDITS = (
    Edit("Title and document number marked as practice text"),
    Edit("Article 5a inserted after Article 5 (fictional text, marked as such)"),
    Edit("Article 5(2): 'Within three months' becomes 'Within two months'"),
    Edit("Article 7(1): 'shall have the power to request' becomes 'may request'"),
    Edit("Article 7(3)(d): 'four weeks' becomes 'six weeks'"),
    Edit(
        "Article 11 deleted; Articles 12 to 89 renumbered 11 to 88 (cross-references not updated)"
    ),
)


def _text(p: etree._Element) -> str:
    return " ".join("".join(p.itertext()).split())


def _articles(root: etree._Element) -> list[tuple[int, etree._Element]]:
    """The 'Article N' heading paragraphs of the enacting terms, in order 1, 2, 3, ..."""
    found: list[tuple[int, etree._Element]] = []
    for p in root.iter("p"):
        match = _ARTICLE.match(_text(p))
        if match and int(match.group(1)) == len(found) + 1:
            found.append((len(found) + 1, p))
    if len(found) < 12:
        raise InputError("fewer than 12 articles found: not the CSA Regulation proposal?")
    return found


def _paragraphs_of(
    root: etree._Element, start: etree._Element, end: etree._Element | None
) -> list[etree._Element]:
    """The paragraphs from `start` up to (not including) `end`, in document order."""
    out: list[etree._Element] = []
    inside = False
    for p in root.iter("p"):
        if p is start:
            inside = True
        elif p is end:
            break
        if inside:
            out.append(p)
    return out


def _replace_in(paragraphs: list[etree._Element], old: str, new: str, *, count: int = 1) -> None:
    """Replace `old` by `new` in the first `count` spans holding it (text is split in spans)."""
    done = 0
    for p in paragraphs:
        for node in p.iter():
            if node.text and old in node.text and done < count:
                node.text = node.text.replace(old, new, 1)
                done += 1
    if done == 0:
        raise InputError(f"practice derivation: {old!r} not found where expected")


def _set_number(heading: etree._Element, number: int) -> None:
    """Renumber an article heading; its words may be split over several spans."""
    nodes = [n for n in heading.iter() if n.text and n.text.strip()]
    if not nodes:
        raise InputError("practice derivation: empty article heading")
    nodes[0].text = f"Article {number}"
    for node in nodes[1:]:
        node.text = ""


def _para(cls: str, text: str, num: str = "") -> etree._Element:
    p = etree.Element("p", {"class": cls})
    if num:
        number = etree.SubElement(p, "span", {"class": "num"})
        etree.SubElement(number, "span").text = num
    etree.SubElement(p, "span").text = text
    return p


def derive_regulation_practice(source: bytes) -> bytes:
    """The practice text of the CSA Regulation, from the proposal's EUR-Lex HTML."""
    root = parse_html(source, "commission-proposal.eurlex.html")
    articles = dict(_articles(root))
    following = {n: articles.get(n + 1) for n in articles}

    for p in root.iter("p"):
        if "Rfrenceinstitutionnelle" in (p.get("class") or ""):
            for node in p.iter():
                if node.text and "COM(2022) 209" in node.text:
                    node.text = "PRACTICE - derived by script from COM(2022) 209 final"
            p.addnext(_para("Statut", NOTICE))
            break
    # The title is what lists and exports show: it must say "practice" too.
    for p in root.iter("p"):
        if (p.get("class") or "") == "Statut" and _text(p) == "Proposal for a":
            _replace_in(
                [p],
                "Proposal for a",
                "PRACTICE TEXT (fictional), derived by script from the Proposal for a",
            )

    art5 = _paragraphs_of(root, articles[5], following[5])
    _replace_in(art5, "Within three months", "Within two months")
    art7 = _paragraphs_of(root, articles[7], following[7])
    _replace_in(art7, "of establishment shall", "of establishment may")
    _replace_in(art7, " have the power to request", " request")
    _replace_in(art7, "four weeks", "six weeks")

    inserted = [
        _para("li ManualHeading3", "Article 5a"),
        _para("li ManualHeading3", "Record of risk assessments (practice provision, fictional)"),
        _para(
            "li ManualNumPar1",
            "[Practice text, fictional] Providers of hosting services and providers of "
            "interpersonal communications services shall keep a record of each risk assessment "
            "conducted pursuant to Article 3 for five years.",
            "1.",
        ),
        _para(
            "li ManualNumPar1",
            "[Practice text, fictional] The record shall be made available to the Coordinating "
            "Authority of establishment upon request.",
            "2.",
        ),
    ]
    anchor = articles[6]
    for p in inserted:
        anchor.addprevious(p)

    for p in _paragraphs_of(root, articles[11], following[11]):
        p.getparent().remove(p)
    for number in sorted(n for n in articles if n > 11):
        _set_number(articles[number], number - 1)

    header = "\n".join(
        ["<!--", NOTICE, "Generated by scripts/make_practice_stages.py. Changes made:"]
        + [f"  - {edit.what}" for edit in EDITS]
        + ["-->"]
    )
    body = etree.tostring(root, method="html", encoding="utf-8")
    return header.encode("utf-8") + b"\n" + body
