"""Split and merge groups of a stage diff: flags and class of the whole group, shown once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from eu_posities.diff.classify import classify
from eu_posities.diff.flags import Flag, detect_flags
from eu_posities.diff.ops import word_diff

if TYPE_CHECKING:
    from eu_posities.alignment.match import Match


def group_key(m: Match) -> str | None:
    if m.status == "split" and m.from_label:
        return "from:" + m.from_label
    if m.status == "merged" and m.to_label:
        return "to:" + m.to_label
    return None


def group_results(
    matches: Sequence[Match],
    old_text: Mapping[str, str],
    new_text: Mapping[str, str],
    labels: Mapping[str, str],
) -> tuple[dict[str, list[Flag]], dict[str, str]]:
    """Flags and class of each split (old vs. its parts joined) and merge (parts vs. new)."""
    olds: dict[str, list[str]] = {}
    news: dict[str, list[str]] = {}
    for m in matches:
        key = group_key(m)
        if key is None or not m.from_label or not m.to_label:
            continue
        olds.setdefault(key, [])
        news.setdefault(key, [])
        if m.from_label not in olds[key]:
            olds[key].append(m.from_label)
        if m.to_label not in news[key]:
            news[key].append(m.to_label)
    flags: dict[str, list[Flag]] = {}
    kinds: dict[str, str] = {}
    for key in olds:
        old = "\n".join(old_text.get(label, "") for label in olds[key])
        new = "\n".join(new_text.get(label, "") for label in news[key])
        ops = word_diff(old, new)
        flags[key] = detect_flags(old, new, ops, labels)
        kinds[key] = classify(old, new, ops, flags[key], labels)
    return flags, kinds
