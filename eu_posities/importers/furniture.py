"""What a Council document's page furniture says about it: LIMITE, a release stamp, its number.

Every page of a Council document repeats its number and marking ("11320/1/23 REV 1 RB/st 8",
"TREE.2.B LIMITE EN"); a document released later carries a stamp such as "DOCUMENT
PARTIALLY ACCESSIBLE TO THE PUBLIC (02.08.2023)". The PDF importer finds the furniture
from the page layout, the DOCX importer in the headers and footers.
"""

from __future__ import annotations

import re
from collections import Counter

RELEASE = re.compile(
    r"\b(DOCUMENT\s+(?:PARTIALLY\s+)?ACCESSIBLE\s+TO\s+THE\s+PUBLIC|DOCUMENT\s+(?:PARTIELLEMENT\s+)?"
    r"ACCESSIBLE\s+AU\s+PUBLIC|DECLASSIFIED|DÉCLASSIFIÉ)\b[^()]*(\([\d./ -]+\))?",
    re.IGNORECASE,
)
LIMITE = re.compile(r"\bLIMITE\b")
# Council document numbers: "11124/22", "11320/1/23 REV 1", "7052/22 COR 1".
DOC_NUMBER = re.compile(r"^(\d{3,5}/(?:\d{1,2}/)?\d{2})((?:\s+(?:REV|COR|ADD|AMD)\s*\d+)*)\b")


def furniture_meta(furniture: list[str], first_page: list[str]) -> dict[str, object]:
    """`limite` (a LIMITE marking), `release` (the stamp) and `ref` ("ST 11124/22")."""
    meta: dict[str, object] = {}
    first = [" ".join(text.split()) for text in first_page]
    if any(LIMITE.search(text) for text in furniture) or "LIMITE" in first:
        meta["limite"] = True
    for text in furniture + first:
        release = RELEASE.search(text)
        if release:
            meta["release"] = " ".join(release.group(0).split())
            break
    numbers: Counter[str] = Counter()
    for text in furniture:
        match = DOC_NUMBER.match(text.strip())
        if match:
            numbers[" ".join(f"{match.group(1)}{match.group(2)}".split())] += 1
    if numbers:
        meta["ref"] = f"ST {numbers.most_common(1)[0][0]}"
    return meta
