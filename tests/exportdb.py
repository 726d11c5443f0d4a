"""A small made-up dossier in a real database for the export tests.

ALL TEXT HERE IS MADE UP for testing; it is not from any EU document. Stages are stored
through the storage layer, concerns and assessments as ledger rows.
"""

from __future__ import annotations

from sqlmodel import Session

from eu_posities import db
from eu_posities.document import ParsedProvision
from eu_posities.models import Assessment, Concern, ConcernDossier, ConcernLink
from eu_posities.store import add_dossier, ensure_stage, replace_provisions

KEY = "practice-file"

TEXTS = {
    "commission-proposal": [
        ("Recital 1", "recital", "1", "Made-up recital: sample duties need common rules."),
        (
            "Article 1",
            "article",
            "1",
            "Subject matter\nThis made-up Regulation lays down rules on sample duties.",
        ),
        (
            "Article 2",
            "article",
            "2",
            "Providers shall report incidents to the authority within 24 hours. Reports are kept for one year.",  # noqa: E501
        ),
        (
            "Article 3",
            "article",
            "3",
            "Member States shall designate a competent authority for sample duties.",
        ),
    ],
    "council-general-approach": [
        ("Recital 1", "recital", "1", "Made-up recital: sample duties need common rules."),
        (
            "Article 1",
            "article",
            "1",
            "Subject matter\nThis made-up Regulation lays down uniform rules on sample duties.",
        ),
        (
            "Article 2",
            "article",
            "2",
            "Providers shall report incidents to the authority within 72 hours. Reports are kept for one year.",  # noqa: E501
        ),
        (
            "Article 3",
            "article",
            "3",
            "Member States may designate a competent authority for sample duties, in line with national law.",  # noqa: E501
        ),
        (
            "Article 3a",
            "article",
            "3a",
            "A made-up new article: the Commission shall review sample duties every five years.",
        ),
    ],
    "trilogue": [
        (
            "Article 1",
            "article",
            "1",
            "Subject matter\nThis made-up Regulation lays down uniform rules on sample duties.",
        ),
        (
            "Article 2",
            "article",
            "2",
            "Providers shall report serious incidents to the authority within 72 hours.",
        ),
        (
            "Article 3",
            "article",
            "3",
            "Member States may designate a competent authority for sample duties, in line with national law.",  # noqa: E501
        ),
    ],
}


def _provisions(stage: str) -> list[ParsedProvision]:
    return [
        ParsedProvision(kind=kind, number=number, label=label, text=text)
        for label, kind, number, text in TEXTS[stage]
    ]


def seed(
    url: str,
    *,
    with_texts: tuple[str, ...] = ("commission-proposal", "council-general-approach"),
    limite_text: bool = False,
) -> None:
    """Create the database and the made-up dossier; `with_texts` chooses which stages hold text."""
    engine = db.make_engine(url)
    db.upgrade(engine)
    with db.session_scope(engine, write=True) as session:
        _seed(session, with_texts, limite_text)
    engine.dispose()


def _seed(session: Session, with_texts: tuple[str, ...], limite_text: bool) -> None:
    dossier = add_dossier(
        session=session,
        key=KEY,
        title="Made-up practice regulation (test data, not a real act)",
        procedure="0000/0000(COD)",
        author="tester",
    )
    stages = {
        "commission-proposal": ensure_stage(
            session=session,
            dossier=dossier,
            key="commission-proposal",
            date="2030-01-01",
            ref="COM(0000) 0 final",
        ),
        "council-general-approach": ensure_stage(
            session=session, dossier=dossier, key="council-general-approach", date="2030-06-01"
        ),
        "trilogue": ensure_stage(
            session=session, dossier=dossier, key="trilogue", date="2030-09-01", fictional=True
        ),
        "council-mandate": ensure_stage(
            session=session, dossier=dossier, key="council-mandate", date="2030-12-01", limite=True
        ),
    }
    for key in with_texts:
        replace_provisions(session=session, stage=stages[key], provisions=_provisions(key))
    if limite_text:
        replace_provisions(
            session=session, stage=stages["council-mandate"], provisions=_provisions("trilogue")
        )
    concern = Concern(
        key="meldtermijn",
        title_nl="Meldtermijn (verzonnen testpunt)",
        title_en="Reporting deadline (made-up test concern)",
        position_nl="Nederland wil een langere meldtermijn (verzonnen).",
        position_source="Made-up test note",
    )
    session.add(concern)
    session.flush()
    assert concern.id is not None and dossier.id is not None
    session.add(ConcernDossier(concern_id=concern.id, dossier_id=dossier.id))
    cp, ga, tr = (
        stages["commission-proposal"],
        stages["council-general-approach"],
        stages["trilogue"],
    )
    assert cp.id and ga.id and tr.id
    session.add(
        ConcernLink(concern_id=concern.id, stage_id=cp.id, label="Article 2", state="confirmed")
    )
    session.add(
        Assessment(
            concern_id=concern.id,
            stage_id=cp.id,
            status="open",
            note="24 hours is too short (made up).",
            author="tester",
        )
    )
    session.add(
        Assessment(
            concern_id=concern.id,
            stage_id=ga.id,
            status="resolved",
            evidence="within 72 hours",
            evidence_document="made-up general approach",
            evidence_location="Article 2",
            author="tester",
        )
    )
    session.add(
        Assessment(
            concern_id=concern.id,
            stage_id=tr.id,
            status="partly",
            note="Fictional practice status.",
            author="tester",
        )
    )
    session.flush()
