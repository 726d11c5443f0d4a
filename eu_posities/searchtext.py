"""What a searchable word is: folded, split and stemmed in Python, alike at index and query time.

Both databases index what `entry()` produces and every query is reduced by `alternatives()`,
so SQLite and PostgreSQL find the same provisions, and `København`, `Straße`, `Œuvre` and
`geïnformeerd` are found by `kobenhavn`, `strasse`, `oeuvre` and `geinformeerd`:

- `fold`: lower case without accents (`ß` -> `ss`, `ø` -> `o`, `œ` -> `oe`, ligatures split);
- `words`: the folded words of a text (letters and digits; anything else separates words);
- `stemmer`: the Snowball stemmer of a stage's language (PyStemmer, loaded on first use only),
  English or Dutch; provisions of Dutch commentary stages (kamerbrief, BNC-fiche) are Dutch;
- `terms`: index terms, the stems tagged with their stemmer (`alternatives` for a query word).

Changing any of these changes what the index holds: add a migration that reindexes
(see `eu_posities.searchindex.reindex`), as migration 0005 does.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from eu_posities.kinds import COMMENTARY_KINDS

WORD = re.compile(r"[^\W_]+")
# Longer "words" are noise (base64, a run of one letter) that neither database indexes well.
MAX_WORD = 200
_EXTRA_FOLD = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe"})
# The Snowball algorithm of each language whose provisions are stemmed; others are indexed as
# folded words (still found by the exact word, accents optional).
ALGORITHMS = {"en": "english", "nl": "dutch"}
QUERY_LANGUAGES = tuple(ALGORITHMS)
# Dutch stems keep a long vowel that the plural spells single ("bevelen" -> "beveel", but
# "bevel" -> "bevel"): one vowel either way, so singular and plural meet.
_DUTCH_LONG_VOWEL = re.compile(r"([aeou])\1([^aeiouy]+)$")


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without accents, as the index compares words: `Categorieën` -> `categorieen`."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(_EXTRA_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def fold_parts(word: str) -> tuple[str, ...]:
    """The searchable words one written word folds into (`⑴` -> `1`, `½` -> `1`, `2`)."""
    if len(word) > MAX_WORD:
        return ()
    folded = fold(word)
    if folded.isalnum():
        return (folded,)
    return tuple(w for w in WORD.findall(folded) if len(w) <= MAX_WORD)


def words(text: str) -> list[str]:
    """The searchable words of `text`, folded, in order."""
    return [part for word in WORD.findall(text) for part in fold_parts(word)]


def tokens(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, folded words) of each written word: for marking matches in the text."""
    return [(m.start(), m.end(), fold_parts(m.group())) for m in WORD.finditer(text)]


def stem_language(language: str, kind: str = "") -> str | None:
    """Which stemmer a stage's provisions get: Dutch commentary is Dutch whatever its tag."""
    if kind in COMMENTARY_KINDS:
        return "nl"
    code = (language or "").lower().replace("_", "-").split("-")[0]
    return code if code in ALGORITHMS else None


@functools.lru_cache(maxsize=65536)
def _one_vowel(stem: str) -> str:
    return _DUTCH_LONG_VOWEL.sub(r"\1\2", stem)


_local = threading.local()  # PyStemmer's stemmers are not to be shared between threads


def stemmer(language: str | None) -> Callable[[list[str]], list[str]]:
    """A function from folded words to their stems in `language` (unchanged when None)."""
    if language is None:
        return list
    cache: dict[str, Callable[[list[str]], list[str]]] = _local.__dict__.setdefault("stems", {})
    if language not in cache:
        import Stemmer  # PyStemmer: loaded only by indexing and searching, never by `eup --help`

        snowball = Stemmer.Stemmer(ALGORITHMS[language])
        if language == "nl":

            def dutch(folded: list[str]) -> list[str]:
                return [_one_vowel(s) for s in snowball.stemWords(folded)]

            cache[language] = dutch
        else:
            cache[language] = snowball.stemWords
    return cache[language]


# Each index term starts with the letter of the stemmer that made it, so that a Dutch stem
# never meets an English word: the Dutch stem of "order" is "or".
TAGS = {"en": "e", "nl": "n", None: "w"}


def terms(folded: list[str], language: str | None) -> list[str]:
    """The index terms of folded words in a stage of `language`: tagged stems."""
    tag = TAGS[language]
    return [tag + stem for stem in stemmer(language)(folded)]


# Every stemming a provision may have had: None (unstemmed) and each language.
EVERY_STEMMING: tuple[str | None, ...] = (None, *QUERY_LANGUAGES)


def alternatives(word: str, stemmings: tuple[str | None, ...] = EVERY_STEMMING) -> tuple[str, ...]:
    """The index terms a folded query word may stand for, one per stemmer.

    A query has no language: "orders" is looked for as the English stem `order` in English
    provisions, the Dutch stem `order` in Dutch ones, and the word itself in unstemmed ones
    (of `stemmings`: those the database holds).
    """
    return tuple(terms([word], language)[0] for language in stemmings)


def phrase_alternatives(
    phrase: tuple[str, ...], stemmings: tuple[str | None, ...] = EVERY_STEMMING
) -> tuple[tuple[str, ...], ...]:
    """A phrase as index terms, one per stemmer (a provision has one language)."""
    return tuple(tuple(terms(list(phrase), lang)) for lang in stemmings)


@dataclass(frozen=True, slots=True)
class Entry:
    """What the index holds for one text of a provision: index terms, space-separated."""

    label: str
    heading: str
    body: str
    words: str  # every distinct folded word of label, heading and text: for type-ahead prefixes


def entry(label: str, heading: str, text: str, language: str | None) -> Entry:
    """The index entry of a provision's label, heading and text in a stage of `language`."""
    parts = [words(label), words(heading), words(text)]
    distinct = dict.fromkeys(w for part in parts for w in part)
    return Entry(
        label=" ".join(terms(parts[0], language)),
        heading=" ".join(terms(parts[1], language)),
        body=" ".join(terms(parts[2], language)),
        words=" ".join(distinct),
    )
