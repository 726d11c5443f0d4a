"""Words for prose in Dutch and English: dates written out, provisions and flags in words.

A note for the Minister says "13 december 2024", "artikel 7, eerste lid" and "de verplichting
is een bevoegdheid geworden", not "2024-12-13", "Article 7" or "modal: shall → may".
"""

from __future__ import annotations

import re

MONTHS = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip

_DATE = re.compile(r"^(\d{4})(?:-(\d\d))?(?:-(\d\d))?")


def long_date(date: str, lang: str) -> str:
    """ "2024-12-13" → "13 december 2024" (en: "13 December 2024"); a month alone
    "november 2023"; a year alone stays; anything else is returned as it is."""
    found = _DATE.match(date.strip())
    if not found:
        return date.strip()
    year, month, day = found.groups()
    if not month or not 1 <= int(month) <= 12:
        return year
    name = MONTHS[lang][int(month) - 1]
    if not day:
        return f"{name} {year}"
    return f"{int(day)} {name} {year}"


# A provision as printed in English → as Dutch prose names it.
_KINDS_NL = {
    "article": "artikel",
    "recital": "overweging",
    "annex": "bijlage",
    "section": "paragraaf",
    "chapter": "hoofdstuk",
    "citation": "visum",
    "title": "titel",
    "part": "deel",
    "point": "punt",
    "paragraph": "lid",
}
_LABEL = re.compile(r"^([A-Za-z]+)\b\s*(.*)$")


def provision_name(label: str, lang: str, *, start: bool = False) -> str:
    """ "Article 7" → "artikel 7" in Dutch prose ("Artikel 7" at the start of a sentence or
    heading); English labels stay as printed."""
    if lang != "nl":
        return label
    found = _LABEL.match(label.strip())
    if not found:
        return label
    word, rest = found.groups()
    dutch = _KINDS_NL.get(word.lower())
    if dutch is None:
        return label
    name = f"{dutch} {rest}".strip()
    return name[:1].upper() + name[1:] if start else name


def provision_list(labels: list[str], lang: str) -> str:
    """ "artikel 7, artikel 8 en artikel 9" (en: "Article 7, Article 8 and Article 9")."""
    names = [provision_name(label, lang) for label in labels]
    if len(names) <= 1:
        return "".join(names)
    joiner = " en " if lang == "nl" else " and "
    return ", ".join(names[:-1]) + joiner + names[-1]


FLAG_WORDS = {
    "modal": {
        "nl": "‘{old}’ is vervangen door ‘{new}’ (de mate van verplichting verandert)",
        "en": "‘{old}’ is replaced by ‘{new}’ (how binding the rule is changes)",
    },
    "negation": {
        "nl": "‘{old}’ is vervangen door ‘{new}’ (een ontkenning verandert)",
        "en": "‘{old}’ is replaced by ‘{new}’ (a negation changes)",
    },
    "number": {
        "nl": "‘{old}’ is vervangen door ‘{new}’ (een getal of termijn verandert)",
        "en": "‘{old}’ is replaced by ‘{new}’ (a number or time limit changes)",
    },
    "reference": {
        "nl": "‘{old}’ is vervangen door ‘{new}’ (een verwijzing verandert)",
        "en": "‘{old}’ is replaced by ‘{new}’ (a cross-reference changes)",
    },
    "reference-renumbered": {
        "nl": "‘{old}’ is vervangen door ‘{new}’ (een verwijzing volgt de vernummering)",
        "en": "‘{old}’ is replaced by ‘{new}’ (a cross-reference follows the renumbering)",
    },
}
_FLAG_FALLBACK = {
    "nl": "‘{old}’ is vervangen door ‘{new}’",
    "en": "‘{old}’ is replaced by ‘{new}’",
}


def flag_sentence(kind: str, old: str, new: str, lang: str) -> str:
    """A flag of the diff said in words, without the engine's names for it."""
    words = FLAG_WORDS.get(kind, _FLAG_FALLBACK)
    template = words.get(lang, _FLAG_FALLBACK[lang]) if isinstance(words, dict) else words
    return template.format(old=old.strip() or "—", new=new.strip() or "—")


def act_kind(title: str, lang: str) -> str:
    """What kind of act a dossier's title names: "verordening", "richtlijn", … ("" if none)."""
    first = title.strip().split(" ", 1)[0].lower() if title.strip() else ""
    kinds = {
        "regulation": ("verordening", "regulation"),
        "directive": ("richtlijn", "directive"),
        "decision": ("besluit", "decision"),
    }
    found = kinds.get(first)
    if found is None:
        return ""
    return found[0] if lang == "nl" else found[1]


def lower_first(text: str) -> str:
    """The first letter in lower case, unless the first word is an abbreviation (VOG)."""
    if not text:
        return text
    word = text.split(" ", 1)[0]
    if len(word) > 1 and word[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]
