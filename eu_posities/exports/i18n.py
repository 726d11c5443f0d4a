"""Every fixed string of the exports, in Dutch and English, in one place."""

from __future__ import annotations

import re

from eu_posities.errors import InputError

LANGUAGES = ("nl", "en")

STRINGS: dict[str, dict[str, str]] = {
    "table_title": {"nl": "Vergelijking in kolommen", "en": "Multi-column comparison"},
    "memo_title": {"nl": "Positienotitie", "en": "Position memo"},
    "report_title": {"nl": "Wijzigingsrapport", "en": "Diff report"},
    "dossier": {"nl": "Dossier", "en": "Dossier"},
    "procedure": {"nl": "Procedure", "en": "Procedure"},
    "stages": {"nl": "Fasen", "en": "Stages"},
    "stage": {"nl": "Fase", "en": "Stage"},
    "date": {"nl": "Datum", "en": "Date"},
    "author": {"nl": "Auteur", "en": "Author"},
    "generated": {"nl": "Gemaakt", "en": "Generated"},
    "provision": {"nl": "Bepaling", "en": "Provision"},
    "concerns": {"nl": "Nederlandse zorgpunten", "en": "Dutch concerns"},
    "concern": {"nl": "Zorgpunt", "en": "Concern"},
    "page": {"nl": "Pagina", "en": "Page"},
    "of": {"nl": "van", "en": "of"},
    "new": {"nl": "[nieuw]", "en": "[new]"},
    "deleted": {"nl": "[geschrapt]", "en": "[deleted]"},
    "deleted_in": {"nl": "[geschrapt in {stage}]", "en": "[deleted in {stage}]"},
    "absent": {"nl": "—", "en": "—"},
    "merged": {"nl": "samengevoegd met {label}", "en": "merged into {label}"},
    "moved_from": {"nl": "verplaatst uit {label}", "en": "moved from {label}"},
    "moved_to": {"nl": "verplaatst naar {label}", "en": "moved to {label}"},
    "moved_to_part": {"nl": "verplaatst naar {part}", "en": "moved to {part}"},
    "moved_from_part": {"nl": "verplaatst uit {part}", "en": "moved from {part}"},
    "moved_within": {
        "nl": "verplaatst binnen de bepaling",
        "en": "moved within the provision",
    },
    "split_into": {"nl": "gesplitst", "en": "split"},
    "legend": {
        "nl": "Wijzigingen ten opzichte van de eerste kolom: ingevoegd vet cursief, geschrapt "
        "doorgehaald, verplaatst onderstreept (stippel).",
        "en": "Changes against the first column: inserted bold italic, deleted struck through, "
        "moved underlined (dotted).",
    },
    "legend_revisions": {
        "nl": "Wijzigingen ten opzichte van de eerste kolom staan als bijgehouden wijzigingen "
        "in het document, met de fase als auteur: te aanvaarden, te verwerpen en per fase te "
        "filteren.",
        "en": "Changes against the first column are tracked changes, with the stage as their "
        "author: accept, reject or filter them by stage.",
    },
    "legend_attributed": {
        "nl": "Elke wijziging staat op naam van de fase die haar aanbracht.",
        "en": "Each change is credited to the stage that made it.",
    },
    "legend_attributed_print": {
        "nl": "Elke wijziging draagt de kleur van de fase die haar aanbracht.",
        "en": "Each change bears the colour of the stage that made it.",
    },
    "column": {"nl": "Kolom", "en": "Column"},
    "fictional": {
        "nl": "FICTIEF — oefentekst, geen onderhandelingsdocument",
        "en": "FICTIONAL — practice text, not a negotiation document",
    },
    "limite": {"nl": "LIMITE", "en": "LIMITE"},
    "rebuilt": {
        "nl": "HERBOUWD — tekst afgeleid uit de markeringen in {file}, geen eigen document",
        "en": "REBUILT — text derived from the marks in {file}, not a document of its own",
    },
    "partial": {
        "nl": "ONVOLLEDIG — het document toont deze kolom op {shown} van de {rows} rijen",
        "en": "PARTIAL — the document shows this column on {shown} of {rows} rows",
    },
    "limite_banner": {
        "nl": "LIMITE — bevat niet-openbare documenten",
        "en": "LIMITE — contains non-public documents",
    },
    "overview": {"nl": "Overzicht zorgpunten per fase", "en": "Concerns by stage"},
    "position": {"nl": "Nederlandse positie", "en": "Dutch position"},
    "source": {"nl": "Bron", "en": "Source"},
    "where_now": {"nl": "Stand van zaken", "en": "Where it stands"},
    "resolved_in": {"nl": "Opgelost in de fase {stage}.", "en": "Resolved at the {stage} stage."},
    "not_resolved": {
        "nl": "Nog niet opgelost; laatste status: {status}.",
        "en": "Not resolved yet; latest status: {status}.",
    },
    "no_status": {"nl": "Nog niet beoordeeld.", "en": "Not assessed yet."},
    "evidence": {"nl": "Onderbouwing", "en": "Evidence"},
    "no_evidence": {"nl": "Geen onderbouwing vastgelegd.", "en": "No evidence recorded."},
    "redlines": {
        "nl": "Tekstwijzigingen in de gekoppelde bepalingen",
        "en": "Text changes in the linked provisions",
    },
    "no_redlines": {
        "nl": "Geen tekstwijzigingen beschikbaar (minder dan twee fasen met tekst, "
        "of geen gekoppelde bepalingen).",
        "en": "No text changes available (fewer than two stages with text, "
        "or no linked provisions).",
    },
    "linked": {"nl": "Gekoppelde bepalingen", "en": "Linked provisions"},
    "open_points": {"nl": "Openstaande punten", "en": "Open points"},
    "no_open_points": {"nl": "Geen openstaande punten.", "en": "No open points."},
    "no_concerns": {
        "nl": "Geen zorgpunten vastgelegd voor dit dossier.",
        "en": "No concerns recorded for this dossier.",
    },
    "unchanged": {"nl": "ongewijzigd", "en": "unchanged"},
    "note": {"nl": "Toelichting", "en": "Note"},
    "in": {"nl": "in", "en": "in"},
    "summary": {"nl": "Samenvatting", "en": "Summary"},
    "change_map": {"nl": "Wijzigingskaart", "en": "Change map"},
    "change_map_help": {
        "nl": "Aandeel gewijzigde woorden per bepaling en fasepaar.",
        "en": "Share of changed words per provision and stage pair.",
    },
    "totals": {"nl": "Totalen per fasepaar", "en": "Totals by stage pair"},
    "filter": {"nl": "Filter", "en": "Filter"},
    "filter_status": {"nl": "Status", "en": "Status"},
    "filter_concern": {"nl": "Zorgpunt", "en": "Concern"},
    "filter_all": {"nl": "alle", "en": "all"},
    "filter_changed": {"nl": "gewijzigd", "en": "changed"},
    "filter_renumbered": {"nl": "vernummerd", "en": "renumbered"},
    "shown_count": {"nl": "bepalingen getoond", "en": "provisions shown"},
    "chapter_counts": {"nl": "{n} bepalingen, {k} gewijzigd", "en": "{n} provisions, {k} changed"},
    "st.unchanged": {"nl": "ongewijzigd", "en": "unchanged"},
    "st.modified": {"nl": "gewijzigd", "en": "modified"},
    "st.added": {"nl": "nieuw", "en": "added"},
    "st.deleted": {"nl": "geschrapt", "en": "deleted"},
    "st.split": {"nl": "gesplitst", "en": "split"},
    "st.merged": {"nl": "samengevoegd", "en": "merged"},
    "words_changed": {"nl": "woorden geschrapt / ingevoegd", "en": "words deleted / inserted"},
    "renumbered": {"nl": "vernummerd", "en": "renumbered"},
    "changes_by": {"nl": "Wijzigingen per fase:", "en": "Changes by stage:"},
    "concern_matrix": {"nl": "Zorgpunten per fase", "en": "Concern matrix"},
    "provisions": {"nl": "Bepalingen", "en": "Provisions"},
    "pairs": {"nl": "Fasepaar", "en": "Stage pair"},
    "no_pairs": {
        "nl": "Minder dan twee fasen met tekst: niets te vergelijken.",
        "en": "Fewer than two stages with text: nothing to compare.",
    },
    "back": {"nl": "Terug naar het overzicht", "en": "Back to the overview"},
    "text_in": {"nl": "Tekst in {stage}", "en": "Text in {stage}"},
    "editorial": {"nl": "redactioneel", "en": "editorial"},
    "kind": {"nl": "Soort", "en": "Kind"},
    "reference": {"nl": "Kenmerk", "en": "Reference"},
    "dossiers": {"nl": "Dossiers", "en": "Dossiers"},
    "status.open": {"nl": "open", "en": "open"},
    "status.partly": {"nl": "deels opgelost", "en": "partly"},
    "status.resolved": {"nl": "opgelost", "en": "resolved"},
    "status.dropped": {"nl": "vervallen", "en": "dropped"},
    "status.": {"nl": "—", "en": "—"},
}


# The standard stage kinds as a reader of the memo knows them (CONTRACT.md lists the kinds):
# the name (as a heading or column title) and the name in a sentence, with its article.
KIND_NAMES: dict[str, dict[str, tuple[str, str]]] = {
    "commission-proposal": {
        "nl": ("Commissievoorstel", "het Commissievoorstel"),
        "en": ("Commission proposal", "the Commission proposal"),
    },
    "bnc-fiche": {"nl": ("BNC-fiche", "het BNC-fiche"), "en": ("BNC fiche", "the BNC fiche")},
    "council-general-approach": {
        "nl": ("Algemene oriëntatie van de Raad", "de algemene oriëntatie van de Raad"),
        "en": ("Council general approach", "the Council general approach"),
    },
    "council-mandate": {
        "nl": ("Mandaat van de Raad", "het mandaat van de Raad"),
        "en": ("Council mandate", "the Council mandate"),
    },
    "presidency-compromise": {
        "nl": (
            "Compromistekst van het voorzitterschap",
            "de compromistekst van het voorzitterschap",
        ),
        "en": ("Presidency compromise text", "the Presidency compromise text"),
    },
    "ep-committee-report": {
        "nl": ("Verslag van de EP-commissie", "het verslag van de EP-commissie"),
        "en": ("EP committee report", "the EP committee report"),
    },
    "ep-position": {
        "nl": ("Standpunt van het Europees Parlement", "het standpunt van het Europees Parlement"),
        "en": ("European Parliament position", "the European Parliament position"),
    },
    "trilogue": {
        "nl": ("Triloogdocument", "het triloogdocument"),
        "en": ("Trilogue document", "the trilogue document"),
    },
    "provisional-agreement": {
        "nl": ("Voorlopig akkoord", "het voorlopig akkoord"),
        "en": ("Provisional agreement", "the provisional agreement"),
    },
    "final-act": {
        "nl": ("Vastgestelde tekst", "de vastgestelde tekst"),
        "en": ("Final act", "the final act"),
    },
    "kamerbrief": {
        "nl": ("Kamerbrief", "de Kamerbrief"),
        "en": ("Letter to Parliament", "the letter to Parliament"),
    },
}
_DATED = re.compile(r"^\d{4}(-\d\d){0,2}$")


def stage_name(
    key: str, kind: str, lang: str, fictional: bool = False, *, prose: bool = False
) -> str:
    """A stage as a reader says it: "Algemene oriëntatie van de Raad", "Kamerbrief van 20
    december 2024"; `prose`: as inside a sentence ("de algemene oriëntatie van de Raad").

    A key of the user's own ("council-mandate-3") stays visible beside the kind's name; a
    fictional stage says that it is a practice text.
    """
    from eu_posities.exports.wording import long_date

    names = KIND_NAMES.get(kind)
    if names is None:
        name = key
    else:
        name = names[lang][1 if prose else 0]
        rest = key[len(kind) + 1 :] if key.startswith(f"{kind}-") else ("" if key == kind else key)
        if rest and _DATED.match(rest):
            name += f" {'van' if lang == 'nl' else 'of'} {long_date(rest, lang)}"
        elif rest and not fictional:
            name += f" – {rest}"  # no parentheses: labels are often followed by "(stage)"
    if fictional:
        name += " (oefentekst)" if lang == "nl" else " (practice text)"
    return name


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r}; use nl or en")
    return lang


def t(key: str, lang: str, **values: str) -> str:
    text = STRINGS[key][lang]
    return text.format(**values) if values else text


def status_text(status: str | None, lang: str) -> str:
    return STRINGS.get(f"status.{status or ''}", {}).get(lang, status or "—")
