"""Split provision text into redline tokens: whole words, numbering, references, punctuation."""

from __future__ import annotations

import re

# One token per word, number, point label or punctuation mark; trailing whitespace rides along
# with the token before it so that joining the tokens gives back the text exactly.
# Possessive quantifiers and an atomic group: a token never needs backtracking, and saying
# so makes the scan faster.
_TOKEN = re.compile(
    r"""
    (?:^|(?<=\n))\d+[a-z]{0,3}\.(?=\s|\S)       # paragraph numbering "1." at a line start
    | \(\w{1,6}\)                                # point or recital label "(a)", "(iv)", "(12)"
    | (?>\w+)(?:['’]\w+)*+(?:[./,\-]\d+)*+      # word or number: "children’s", "2.5", "10,000"
      (?:[/\-]\w+)*+                             # "2011/93/EU", "e-mail"
      (?:\(\w{1,4}\))*+                          # "7(2)(a)" stays one reference token
    | [^\w\s]                                    # any other single mark
    """,
    re.VERBOSE,
)
_SPACE = re.compile(r"\s*")
# The same, each token with the whitespace after it, for one-call tokenising.
_TOKEN_WS = re.compile(r"(?:" + _TOKEN.pattern + r")\s*+", re.VERBOSE)

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


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """Split `text[start:end]` into tokens whose concatenation is exactly that slice.

    Each token is one word/number/label/mark plus the whitespace that follows it; leading
    whitespace becomes a token of its own. Tokenising a slice gives the same tokens as
    tokenising the whole text when the slice starts after whitespace and ends before a token.
    """
    end = len(text) if end is None else end
    lead = _SPACE.match(text, start, end)
    pos = lead.end() if lead else start
    tokens = [text[start:pos]] if pos > start else []
    # Every non-space character starts a token (the last alternative takes any mark), so the
    # matches tile the slice without gaps.
    tokens.extend(_TOKEN_WS.findall(text, pos, end))
    return tokens


# `tokenize(text, start, end)` when `text[start]` is not whitespace (no leading-space token): the
# word diff calls it for every changed window, so it is the bound C method itself.
token_runs = _TOKEN_WS.findall


def typo_key(text: str) -> str:
    """Normalise quotes, dashes and non-breaking spaces for typography-insensitive checks."""
    return text.translate(_TYPO)
