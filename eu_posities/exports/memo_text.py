"""The sentences of the position memo (a ministerial *notitie*), in Dutch and English."""

from __future__ import annotations

MEMO: dict[str, dict[str, str]] = {
    "title": {"nl": "Notitie", "en": "Note"},
    "to": {"nl": "Aan", "en": "To"},
    "from": {"nl": "Van", "en": "From"},
    "date": {"nl": "Datum", "en": "Date"},
    "reference": {"nl": "Kenmerk", "en": "Reference"},
    "classification": {"nl": "Rubricering", "en": "Classification"},
    "subject": {"nl": "Onderwerp", "en": "Subject"},
    "default_to": {
        "nl": "de Minister van Justitie en Veiligheid",
        "en": "the Minister of Justice and Security",
    },
    "limite_class": {
        "nl": "Departementaal vertrouwelijk — bevat LIMITE-documenten van de Raad",
        "en": "Departementaal vertrouwelijk (restricted) — contains Council LIMITE documents",
    },
    "subject_line": {
        "nl": "Stand van de onderhandelingen over {what}",
        "en": "State of play of the negotiations on {what}",
    },
    "subject_titled": {
        "nl": "{title}: stand van de onderhandelingen",
        "en": "{title}: state of play of the negotiations",
    },
    "the_proposal": {"nl": "het voorstel", "en": "the proposal"},
    "the_proposal_for": {"nl": "het voorstel voor een {kind}", "en": "the proposal for a {kind}"},
    "occasion": {"nl": "Aanleiding", "en": "Background"},
    "occasion_text": {
        "nl": "Deze notitie geeft de stand van de onderhandelingen over {what}{refs}, ter "
        "voorbereiding van de bespreking in de Raad en de instructie voor de raadswerkgroep. "
        "Per Nederlands zorgpunt staan hieronder de inzet, de stand van zaken per fase, de "
        "wijzigingen in de tekst en de spreekpunten.",
        "en": "This note sets out the state of play of the negotiations on {what}{refs}, in "
        "preparation for the discussion in the Council and the instruction for the working "
        "party. For each Dutch concern it gives the position, where it stands at each stage, "
        "the changes in the text and the speaking points.",
    },
    "latest_text": {
        "nl": "De meest recente tekst in deze notitie is {stage}{date}.",
        "en": "The most recent text in this note is {stage}{date}.",
    },
    "no_text": {
        "nl": "Van dit dossier is nog geen wetstekst ingelezen; de stand van zaken hieronder "
        "berust op de vastgelegde beoordelingen.",
        "en": "No legislative text of this file has been read in yet; the state of play below "
        "rests on the recorded assessments.",
    },
    "fictional_warning": {
        "nl": "Let op: ‘{stage}’ is een oefentekst. Die tekst is fictief en geen "
        "onderhandelingsdocument.",
        "en": "Note: ‘{stage}’ is a practice text. It is fictional and not a negotiation document.",
    },
    "core": {"nl": "Kern en advies", "en": "Summary and advice"},
    "core_none": {
        "nl": "Voor dit dossier zijn geen Nederlandse zorgpunten vastgelegd.",
        "en": "No Dutch concerns have been recorded for this file.",
    },
    "core_resolved": {"nl": "Opgelost: {items}{where}.", "en": "Resolved: {items}{where}."},
    "core_partly": {"nl": "Deels opgelost: {items}.", "en": "Partly resolved: {items}."},
    "core_open": {"nl": "Nog open: {items}.", "en": "Still open: {items}."},
    "core_dropped": {"nl": "Vervallen: {items}.", "en": "Dropped: {items}."},
    "core_unassessed": {"nl": "Nog niet beoordeeld: {items}.", "en": "Not assessed yet: {items}."},
    "in_stage": {"nl": " (in {stage})", "en": " (in {stage})"},
    "decisions": {"nl": "Beslispunten", "en": "Decision points"},
    "decisions_intro": {"nl": "U wordt gevraagd:", "en": "You are asked:"},
    "decide_note": {
        "nl": "kennis te nemen van de stand van zaken per zorgpunt;",
        "en": "to take note of where each concern stands;",
    },
    "decide_hold": {
        "nl": "in te stemmen met het vasthouden aan de Nederlandse inzet op {items};",
        "en": "to agree to maintaining the Dutch position on {items};",
    },
    "decide_accept": {
        "nl": "in te stemmen met het aanvaarden van de tekst op de opgeloste punten ({items}), "
        "tenzij die tekst opnieuw verandert;",
        "en": "to agree to accepting the text on the resolved points ({items}), unless that "
        "text changes again;",
    },
    "decide_points": {
        "nl": "in te stemmen met de spreekpunten in deze notitie.",
        "en": "to agree to the speaking points in this note.",
    },
    "concerns": {"nl": "Zorgpunten", "en": "Concerns"},
    "position": {"nl": "Nederlandse inzet", "en": "Dutch position"},
    "position_text": {
        "nl": "Nederland houdt vast aan de inzet die het kabinet eerder heeft verwoord "
        "(bron: {source}):",
        "en": "The Netherlands maintains the position the government set out earlier "
        "(source: {source}):",
    },
    "position_none": {
        "nl": "De Nederlandse inzet op dit punt is niet vastgelegd.",
        "en": "The Dutch position on this point has not been recorded.",
    },
    "provisions": {"nl": "Het zorgpunt betreft {items}.", "en": "The concern covers {items}."},
    "of_stage": {"nl": "{items} van {stage}", "en": "{items} of {stage}"},
    "stand": {"nl": "Stand van zaken per fase", "en": "State of play by stage"},
    "stand_none": {
        "nl": "Dit zorgpunt is nog in geen enkele fase beoordeeld.",
        "en": "This concern has not been assessed at any stage yet.",
    },
    "resolved_since": {
        "nl": "Het zorgpunt is opgelost in {stage}.",
        "en": "The concern was resolved in {stage}.",
    },
    "not_resolved": {
        "nl": "Het zorgpunt is nog niet opgelost (laatste beoordeling: {status}).",
        "en": "The concern is not resolved yet (latest assessment: {status}).",
    },
    "changes": {"nl": "Wat er in de tekst veranderde", "en": "What changed in the text"},
    "unchanged": {
        "nl": "ongewijzigd ten opzichte van {stage}",
        "en": "unchanged from {stage}",
    },
    "why_fictional": {
        "nl": "De wijzigingen in de tekst zijn hier niet opgenomen: de enige latere tekst, "
        "{stage}, is een fictieve oefentekst en blijft daarom buiten deze notitie (opnemen met "
        "--include-fictional).",
        "en": "The changes in the text are not shown here: the only later text, {stage}, is "
        "a fictional practice text and is therefore left out of this note (include it with "
        "--include-fictional).",
    },
    "why_one_text": {
        "nl": "Van dit dossier is alleen de tekst van {stage} ingelezen; wijzigingen zijn te "
        "zien zodra de tekst van een volgende fase is ingelezen.",
        "en": "Only the text of {stage} has been read in for this file; changes show once the "
        "text of a later stage is read in.",
    },
    "why_no_text": {
        "nl": "Van dit dossier is nog geen tekst ingelezen, dus er zijn geen wijzigingen te tonen.",
        "en": "No text of this file has been read in yet, so there are no changes to show.",
    },
    "why_commentary": {
        "nl": "Het zorgpunt is gekoppeld aan {items}, niet aan bepalingen van de wetstekst; er "
        "zijn dus geen tekstwijzigingen te tonen.",
        "en": "The concern is linked to {items}, not to provisions of the legislative text; "
        "there are therefore no text changes to show.",
    },
    "why_no_links": {
        "nl": "Aan dit zorgpunt zijn geen bepalingen gekoppeld, dus er zijn geen "
        "tekstwijzigingen te tonen.",
        "en": "No provisions are linked to this concern, so there are no text changes to show.",
    },
    "why_unchanged": {
        "nl": "De gekoppelde bepalingen zijn in de latere fasen niet gewijzigd.",
        "en": "The linked provisions did not change in the later stages.",
    },
    "unchanged_in": {
        "nl": "Ongewijzigd in {stage}: {items}.",
        "en": "Unchanged in {stage}: {items}.",
    },
    "new_provision": {"nl": "nieuw in {stage}", "en": "new in {stage}"},
    "deleted_provision": {"nl": "geschrapt in {stage}", "en": "deleted in {stage}"},
    "attention": {"nl": "Let op: {what}.", "en": "Note: {what}."},
    "forces": {"nl": "Krachtenveld", "en": "Balance of power"},
    "points": {"nl": "Spreekpunten", "en": "Speaking points"},
    "point_open": {
        "nl": "Nederland handhaaft zijn inzet op het punt ‘{title}’ en vraagt het "
        "voorzitterschap daarmee in de volgende compromistekst rekening te houden.",
        "en": "The Netherlands maintains its position on ‘{title}’ and asks the Presidency to "
        "take it into account in the next compromise text.",
    },
    "point_partly": {
        "nl": "Nederland waardeert de stappen die op het punt ‘{title}’ zijn gezet, maar ziet "
        "nog ruimte voor verbetering.",
        "en": "The Netherlands appreciates the steps taken on ‘{title}’, but sees room for "
        "further improvement.",
    },
    "point_resolved": {
        "nl": "Nederland kan zich op het punt ‘{title}’ vinden in de tekst zoals die nu "
        "voorligt en wil die tekst graag behouden.",
        "en": "On ‘{title}’ the Netherlands can accept the text as it stands and would like to "
        "keep it.",
    },
    "point_dropped": {
        "nl": "Nederland brengt het punt ‘{title}’ niet langer actief in.",
        "en": "The Netherlands no longer raises ‘{title}’ actively.",
    },
    "point_flag": {
        "nl": "Nederland vraagt aandacht voor {provision}: {what}.",
        "en": "The Netherlands draws attention to {provision}: {what}.",
    },
    "annex": {
        "nl": "Bijlage: verloop van de beoordelingen",
        "en": "Annex: record of the assessments",
    },
    "annex_none": {"nl": "Geen beoordelingen vastgelegd.", "en": "No assessments recorded."},
    "col_concern": {"nl": "Zorgpunt", "en": "Concern"},
    "col_stage": {"nl": "Fase", "en": "Stage"},
    "col_status": {"nl": "Status", "en": "Status"},
    "col_by": {"nl": "Vastgelegd door", "en": "Recorded by"},
    "col_at": {"nl": "Tijdstip", "en": "Time"},
    "overview": {"nl": "Overzicht per fase", "en": "Overview by stage"},
    "legend": {
        "nl": "Wijzigingen ten opzichte van de vorige fase: ingevoegde tekst vet cursief, "
        "geschrapte tekst doorgehaald.",
        "en": "Changes against the previous stage: inserted text bold italic, deleted text "
        "struck through.",
    },
    "legend_revisions": {
        "nl": "Wijzigingen ten opzichte van de vorige fase staan als bijgehouden wijzigingen in "
        "het document, met de fase als auteur.",
        "en": "Changes against the previous stage are tracked changes, with the stage as their "
        "author.",
    },
}


def m(key: str, lang: str, **values: str) -> str:
    text = MEMO[key][lang]
    return text.format(**values) if values else text
