"""Load generator: many GENERATED dossiers whose stages are mutations of a real proposal.

The text of every stage is derived from the provisions of the real CSA Regulation proposal
(COM(2022) 209, bundled demo text) by mechanical edits (modal verbs swapped, words dropped,
sentences moved between provisions, provisions inserted, split, merged and renumbered), the
way negotiating stages drift apart. It is NOT legal text: every dossier and stage says it is
generated (key prefix `gen-`, title, `fictional` flag and note).

    python benchmarks/loadgen.py --db sqlite:///load.db [--dossiers 20 --stages 8 --provisions 300]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import replace
from importlib.resources import as_file

from eu_posities import db
from eu_posities.document import Block, ParsedProvision
from eu_posities.models import Dossier
from eu_posities.store import ensure_stage, log_change, replace_provisions

GENERATED = "GENERATED load-test text, derived by mutating COM(2022) 209; not a real document"
STAGE_KEYS = (
    "commission-proposal",
    "presidency-compromise-1",
    "presidency-compromise-2",
    "council-general-approach",
    "ep-committee-report",
    "ep-position",
    "trilogue",
    "provisional-agreement",
    "final-act",
    "trilogue-2",
    "trilogue-3",
    "final-act-2",
)
MODALS = {"shall": "may", "may": "shall", "must": "should", "should": "must", "all": "some"}


def real_provisions() -> list[ParsedProvision]:
    """The provisions of the bundled Commission proposal: the real text mutations start from."""
    from eu_posities.demo import bundled, read_manifest
    from eu_posities.importers import parse_file

    for dossier in read_manifest()["dossiers"]:
        for stage in dossier["stages"]:
            if (dossier["key"], stage["key"]) == ("csa-regulation", "commission-proposal"):
                with as_file(bundled(stage["text"])) as path:
                    return list(parse_file(path).stages[0].provisions)
    raise SystemExit("the bundled CSA Regulation proposal is missing: no text to derive load from")


def _sentences(provisions: list[ParsedProvision]) -> list[str]:
    found = []
    for provision in provisions:
        found += [s.strip() + "." for s in provision.text.split(". ") if 40 < len(s) < 400]
    return found


def _with_text(provision: ParsedProvision, text: str, label: str | None = None) -> ParsedProvision:
    label = label or provision.label
    number = label.split(" ", 1)[1] if " " in label else provision.number
    blocks = tuple(Block(text=p) for p in text.split("\n") if p.strip())
    return replace(provision, text=text, label=label, number=number, blocks=blocks)


def mutate(provision: ParsedProvision, rng: random.Random, sentences: list[str]) -> ParsedProvision:
    """One negotiating round's edits to one provision."""
    words = provision.text.split(" ")
    edits = rng.randint(0, 4)
    for _ in range(edits):
        if not words:
            break
        i = rng.randrange(len(words))
        roll = rng.random()
        if roll < 0.35 and words[i] in MODALS:
            words[i] = MODALS[words[i]]
        elif roll < 0.6:
            del words[i : i + rng.randint(1, 6)]
        elif roll < 0.85:
            words[i:i] = rng.choice(sentences).split(" ")
        else:
            words[i:i] = ["[generated", "amendment]"]
    return _with_text(provision, " ".join(words))


def first_stage(
    base: list[ParsedProvision], size: int, rng: random.Random
) -> list[ParsedProvision]:
    """`size` provisions: the real ones, then extra articles made of shuffled real sentences."""
    out = list(base[:size])
    sentences = _sentences(base)
    articles = [int(p.number) for p in base if p.kind == "article" and p.number.isdigit()]
    number = max(articles, default=0)
    while len(out) < size:
        number += 1
        text = " ".join(rng.sample(sentences, k=min(len(sentences), rng.randint(2, 6))))
        out.append(
            ParsedProvision(
                kind="article",
                number=str(number),
                label=f"Article {number}",
                heading="Generated provision",
                text=text,
                blocks=(Block(text=text),),
            )
        )
    return out


def next_stage(previous: list[ParsedProvision], rng: random.Random) -> list[ParsedProvision]:
    """The next stage: edits, one inserted article (`Article 5a`), one split, one merge."""
    sentences = _sentences(previous)
    out = [mutate(p, rng, sentences) if rng.random() < 0.3 else p for p in previous]
    articles = [i for i, p in enumerate(out) if p.kind == "article"]
    if len(articles) > 10:
        at = rng.choice(articles[1:-1])
        base = out[at]
        inserted = _with_text(base, " ".join(rng.sample(sentences, k=3)), label=f"{base.label}a")
        labels = {p.label for p in out}
        if inserted.label not in labels:
            out.insert(at + 1, inserted)
        merge_at = rng.choice(articles[2:-2])
        if merge_at + 1 < len(out) and out[merge_at].kind == out[merge_at + 1].kind == "article":
            merged = _with_text(out[merge_at], out[merge_at].text + "\n" + out[merge_at + 1].text)
            # The merged-away article stays as "deleted" text so the count stays stable.
            out[merge_at + 1] = _with_text(out[merge_at + 1], "[deleted]")
            out[merge_at] = merged
    return out


def generate(
    url: str, *, dossiers: int, stages: int, provisions: int, seed: int = 1
) -> dict[str, float]:
    """Write the load into `url` (schema created if needed); returns counts and seconds."""
    rng = random.Random(seed)
    base = real_provisions()
    engine = db.make_engine(url)
    db.upgrade(engine)
    started = time.perf_counter()
    written = 0
    for d in range(1, dossiers + 1):
        with db.session_scope(engine, write=True) as session:
            dossier = Dossier(
                key=f"gen-{d:02d}", title=f"{GENERATED} (dossier {d})", note=GENERATED
            )
            session.add(dossier)
            session.flush()
            log_change(
                session=session, author="loadgen", action="dossier.add", dossier_key=dossier.key
            )
            texts = first_stage(base, provisions, rng)
            for s in range(stages):
                if s:
                    texts = next_stage(texts, rng)
                stage = ensure_stage(
                    session=session,
                    dossier=dossier,
                    key=STAGE_KEYS[s % len(STAGE_KEYS)],
                    date=f"20{22 + s // 4}-{1 + (s * 3) % 12:02d}-01",
                    title=GENERATED,
                    fictional=True,
                    note=GENERATED,
                )
                written += replace_provisions(session=session, stage=stage, provisions=texts)
    seconds = time.perf_counter() - started
    engine.dispose()
    return {
        "dossiers": dossiers,
        "stages": dossiers * stages,
        "provisions": written,
        "seconds": seconds,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of an empty database")
    parser.add_argument("--dossiers", type=int, default=20)
    parser.add_argument("--stages", type=int, default=8)
    parser.add_argument("--provisions", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    result = generate(
        args.db,
        dossiers=args.dossiers,
        stages=args.stages,
        provisions=args.provisions,
        seed=args.seed,
    )
    print(
        f"generated {result['provisions']} provisions in {result['seconds']:.1f} s", file=sys.stderr
    )


if __name__ == "__main__":
    main()
