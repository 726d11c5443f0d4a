"""What an amendment document says about itself: the act it amends, the procedure, the date.

EP texts state it in their title: "Amendments adopted by the European Parliament on 14 June
2023 on the proposal for a regulation of the European Parliament and of the Council on laying
down harmonised rules on artificial intelligence (Artificial Intelligence Act) ...
(COM(2021)0206 — C9-0146/2021 — 2021/0106(COD))". Committee opinions and reports say the same
on their cover page. The importer of a list (and the check that it amends the right base)
reads these facts from `ParsedDocument.meta`.
"""

from __future__ import annotations

import re
from datetime import date

_PROCEDURE = re.compile(r"\b((?:19|20)\d{2})/(\d{4})\s*\(\s*(COD|CNS|APP|NLE|INI|INL|BUD)\s*\)")
_COM = re.compile(r"\b(COM|SWD|JOIN)\s*\(\s*((?:19|20)\d{2})\s*\)\s*0*(\d{1,4})")
_TA = re.compile(r"\b(P\d{1,2}_TA(?:-PROV)?\s*\(\s*\d{4}\s*\)\s*\d{4})")
_REPORT = re.compile(r"\b(A\d{1,2}-\d{4}/\d{4})\b")
_DATE = re.compile(
    r"\bon\s+(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+((?:19|20)\d{2})"
)
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_ACT = re.compile(
    r"\b(?:proposal|draft)\s+for\s+an?\s+([a-z ]*?(?:regulation|directive|decision))\b"
)
_SUBJECT = re.compile(
    r"\b(?:proposal|draft) for an? [a-z ]*?(?:regulation|directive|decision)"
    r"(?: of the European Parliament and of the Council| of the Council)?\s+(.*?)\s*"
    r"(?:\(\s*(?:COM|SWD|JOIN)\s*\(|$)",
    re.IGNORECASE | re.DOTALL,
)


def read_meta(title: str) -> dict[str, str]:
    """The facts stated in an amendment document's title (missing facts left out)."""
    text = " ".join(title.split())
    meta: dict[str, str] = {}
    if text:
        meta["title"] = text
    if match := _PROCEDURE.search(text):
        meta["procedure"] = f"{match.group(1)}/{match.group(2)}({match.group(3)})"
    if match := _COM.search(text):
        meta["amends"] = f"{match.group(1)}({match.group(2)}) {int(match.group(3))}"
    if match := _TA.search(text):
        meta["ref"] = re.sub(r"\s+", "", match.group(1))
    elif match := _REPORT.search(text):
        meta["ref"] = match.group(1)
    if match := _DATE.search(text):
        day, month, year = int(match.group(1)), match.group(2).lower(), int(match.group(3))
        meta["date"] = date(year, _MONTHS.index(month) + 1, day).isoformat()
    if match := _ACT.search(text.lower()):
        meta["act"] = match.group(1).strip()
    if match := _SUBJECT.search(text):
        subject = match.group(1).strip(" ,.")
        if subject:
            meta["subject"] = subject
    return meta


def normalise_procedure(text: str) -> str:
    """ "2021/0106 (COD)" and "2021/0106(COD)" compare equal."""
    match = _PROCEDURE.search(text or "")
    return f"{match.group(1)}/{match.group(2)}({match.group(3)})" if match else ""


def normalise_com(text: str) -> str:
    """ "COM(2021)0206", "COM(2021) 206 final" -> "COM(2021) 206"."""
    match = _COM.search(text or "")
    return f"{match.group(1)}({match.group(2)}) {int(match.group(3))}" if match else ""
