"""The keys users type (dossier, stage and concern keys) and stage dates, checked where they
enter: at input, on import and when a backup is restored. No database here."""

from __future__ import annotations

import re
import unicodedata

from eu_posities.errors import InputError

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def check_slug(value: str, what: str) -> str:
    if not _SLUG.match(value):
        raise InputError(
            f"invalid {what} {value!r}: use lower-case letters, digits and hyphens, "
            "starting with a letter or digit"
        )
    return value


def check_date(value: str) -> str:
    """A stage date: YYYY-MM-DD, or YYYY-MM / YYYY where only that much is known.

    Stages are ordered by date as text, so "yesterday" or "13-12-2024" would put a stage in
    the wrong place in every comparison.
    """
    import datetime as dt

    if value:
        parts = value.split("-")
        padded = "-".join([*parts, "01", "01"][:3])
        try:
            if len(parts) > 3 or not all(p.isdigit() for p in parts):
                raise ValueError
            if [len(p) for p in parts] != [4, 2, 2][: len(parts)]:
                raise ValueError
            dt.date.fromisoformat(padded)
        except ValueError:
            raise InputError(f"invalid date {value!r}: use YYYY-MM-DD (or YYYY-MM, YYYY)") from None
    return value


def slugify(text: str, default: str = "stage") -> str:
    """A key from a heading, in lower-case ASCII words joined by hyphens: "Council General
    Approach" -> "council-general-approach", "Orientation générale" -> "orientation-generale"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].rstrip("-") or default
