"""Split provision text into redline tokens: whole words, numbering, references, punctuation."""

from __future__ import annotations

import re

# One token per word, number, point label or punctuation mark; trailing whitespace rides along
# with the token before it so that joining the tokens gives back the text exactly.
_TOKEN = re.compile(
    r"""
    (?:^|(?<=\n))\d+[a-z]{0,3}\.(?=\s|\S)       # paragraph numbering "1." at a line start
    | \(\w{1,6}\)                                # point or recital label "(a)", "(iv)", "(12)"
    | \w+(?:['’]\w+)*(?:[./,\-]\d+)*            # word or number: "children’s", "2.5", "10,000"
      (?:[/\-]\w+)*                              # "2011/93/EU", "e-mail"
      (?:\(\w{1,4}\))*                           # "7(2)(a)" stays one reference token
    | [^\w\s]                                    # any other single mark
    """,
    re.VERBOSE,
)
_SPACE = re.compile(r"\s*")

# Typographic variants that do not change meaning: normalised in comparison keys only.
_TYPO = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‑": "-",
        "\u00a0": " ",
    }
)


def tokenize(text: str) -> list[str]:
    """Split `text` into tokens whose concatenation is exactly `text`.

    Each token is one word/number/label/mark plus the whitespace that follows it; leading
    whitespace of the text becomes a token of its own.
    """
    tokens: list[str] = []
    pos = 0
    n = len(text)
    lead = _SPACE.match(text, 0)
    if lead and lead.end() > 0:
        tokens.append(text[: lead.end()])
        pos = lead.end()
    while pos < n:
        m = _TOKEN.match(text, pos)
        end = m.end() if m and m.end() > pos else pos + 1
        sp = _SPACE.match(text, end)
        end2 = sp.end() if sp else end
        tokens.append(text[pos:end2])
        pos = end2
    return tokens


def token_key(token: str) -> str:
    """The comparison key of a token: whitespace dropped, so reflowed text stays equal."""
    return token.rstrip() or " "


def typo_key(text: str) -> str:
    """Normalise quotes, dashes and non-breaking spaces for typography-insensitive checks."""
    return text.translate(_TYPO)
