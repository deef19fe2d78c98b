"""All UI text, Dutch first and English second, in one place.

`t("key", lang, **values)` returns the text in the UI language; an unknown key raises
KeyError so a typo fails in the tests, not silently on a projector.
"""

from __future__ import annotations

LANGS = ("nl", "en")

STRINGS: dict[str, tuple[str, str]] = {
    # app frame
    "app_title": ("Zorgzame buurten in kaart", "Caring neighbourhoods on the map"),
    "app_subtitle": (
        "Waar de buurtgerichte zorgprogramma's van de Vlaamse overheid werken, wat ze kosten en wie ze bereiken.",
        "Where the Flemish government's neighbourhood-care programmes work, what they cost and whom they reach.",
    ),
    "page_map": ("Kaart", "Map"),
    "page_budget": ("Budget & status", "Budget & status"),
    "page_coverage": ("Dekking werkgebied", "Coverage"),
    "page_sources": ("Bronnen & data", "Sources & data"),
    "page_programme_stek": ("STEK", "STEK"),
    "page_programme_proeftuin": ("Proeftuinen", "Pilot networks"),
    "page_programme_zorgzame_buurt": ("Zorgzame buurten", "Caring neighbourhoods"),
    "language": ("Taal / language", "Taal / language"),
    # programmes (short labels; long names and facts live in data/programmes.csv)
    "prog_stek": ("STEK (16 nieuwe)", "STEK (16 new)"),
    "prog_stek_bestaand": ("STEK (bestaande praktijk)", "STEK (older practice)"),
    "prog_proeftuin": ("Proeftuin buurtgericht netwerk", "Pilot neighbourhood network"),
    "prog_zorgzame_buurt": ("Zorgzame buurt", "Caring neighbourhood"),
    # statuses
    "status_planned": ("gepland", "planned"),
    "status_running": ("lopend", "running"),
    "status_ended": ("afgelopen", "ended"),
    "status_unknown": ("onbekend", "unknown"),
    # sidebar filters
    "filters": ("Filters", "Filters"),
    "f_programme": ("Programma", "Programme"),
    "f_typology": ("Typologie stedelijk/landelijk", "Urban/rural typology"),
    "f_area": ("Gebiedstype", "Area type"),
    "f_province": ("Provincie", "Province"),
    "f_institute": ("Werkgebied regionaal instituut", "Regional institute's working area"),
    "f_date": ("Peildatum (status)", "Reference date (status)"),
    "f_all": ("alle", "all"),
    "f_definition": ("Definitie: {name}", "Definition: {name}"),
    "f_reset": ("Alle filters wissen", "Clear all filters"),
    "f_link_hint": (
        "De adresbalk bevat deze weergave: kopieer de link om ze te delen.",
        "The address bar holds this view: copy the link to share it.",
    ),
    "url_ignored": ("Genegeerd in de link: {items}", "Ignored in the link: {items}"),
    # data quality
    "rows_skipped": (
        "{n} rij(en) uit projects.csv niet getoond wegens fouten:",
        "{n} row(s) of projects.csv not shown because of errors:",
    ),
    "geo_missing": (
        "Referentiegeografie ontbreekt: projecten staan op de basiskaart zonder gemeentegrenzen en zonder "
        "gebiedstypes. {detail}",
        "Reference geography missing: projects are shown on the base map without municipal boundaries or "
        "area types. {detail}",
    ),
    "n_of_N_known": (
        "{n} van {N} {what} met gekende locatie",
        "{n} of {N} {what} with a known location",
    ),
    "n_known_no_total": ("{n} met gekende locatie (officieel totaal onbekend)", "{n} with a known location (official total unknown)"),
    # map
    "legend_title": ("Legende", "Legend"),
    "legend_boundaries": ("gemeentegrens (2025)", "municipal boundary (2025)"),
    "legend_provinces": ("provinciegrens", "province boundary"),
    "tt_programme": ("Programma", "Programme"),
    "tt_municipality": ("Gemeente", "Municipality"),
    "pp_organisation": ("Organisatie", "Organisation"),
    "pp_neighbourhood": ("Buurt", "Neighbourhood"),
    "pp_period": ("Periode", "Period"),
    "pp_budget": ("Budget", "Budget"),
    "pp_status": ("Status op {date}", "Status on {date}"),
    "pp_sources": ("Bron(nen)", "Source(s)"),
    "pp_precision": ("Ligging", "Location"),
    "pp_confidence": ("Betrouwbaarheid", "Confidence"),
    "budget_unpublished": ("niet gepubliceerd", "not published"),
    "budget_granted": ("toegekend", "granted"),
    "budget_maximum": ("maximum", "maximum"),
    "budget_standard_rate": ("standaardbedrag, niet per project bevestigd", "standard amount, not confirmed per project"),
    "precision_address": ("adres", "address"),
    "precision_neighbourhood": ("buurt (bij benadering, ±1 km)", "neighbourhood (approximate, ±1 km)"),
    "precision_deelgemeente": ("deelgemeente (representatief punt)", "sub-municipality (representative point)"),
    "precision_municipality": ("enkel gemeente gekend", "municipality only"),
    "confidence_high": ("hoog", "high"),
    "confidence_medium": ("middel (koppeling aan het programma niet expliciet)", "medium (link to the programme implicit)"),
    "unknown": ("onbekend", "unknown"),
    "tiles_attribution_note": (
        "Achtergrondkaart © OpenStreetMap-bijdragers (enkel met internet); grenzen: Statbel, bewerking PinC.",
        "Base map © OpenStreetMap contributors (online only); boundaries: Statbel, processed by PinC.",
    ),
    # KPIs
    "kpi_projects": ("Projecten getoond", "Projects shown"),
    "kpi_municipalities": ("Gemeenten bereikt", "Municipalities reached"),
    "kpi_rural": ("Aandeel in landelijk gebied", "Share in rural areas"),
    "kpi_budget": ("Gekend toegekend budget", "Known granted budget"),
    "kpi_budget_help": (
        "Som van de per project gepubliceerde toegekende bedragen; {n} project(en) zonder gepubliceerd bedrag.",
        "Sum of the granted amounts published per project; {n} project(s) without a published amount.",
    ),
    # table / sources
    "col_id": ("id", "id"),
    "col_name": ("Naam", "Name"),
    "col_programme": ("Programma", "Programme"),
    "col_municipality": ("Gemeente", "Municipality"),
    "col_province": ("Provincie", "Province"),
    "col_organisation": ("Organisatie", "Organisation"),
    "col_start": ("Start", "Start"),
    "col_end": ("Einde", "End"),
    "col_budget": ("Budget (EUR)", "Budget (EUR)"),
    "col_status": ("Status", "Status"),
    "col_sources": ("Bronnen", "Sources"),
    "sources_footer": (
        "Bronnen: projectgegevens uit publieke bronnen per project (zie tabel); grenzen: Statbel, bewerking "
        "Data & Analyse van de Vlaamse provincies (PinC); gebiedstypes: Eurostat DEGURBA (LAU 2019), PinC.",
        "Sources: project data from public sources per project (see table); boundaries: Statbel, processed by "
        "Data & Analyse van de Vlaamse provincies (PinC); area types: Eurostat DEGURBA (LAU 2019), PinC.",
    ),
}


def t(key: str, lang: str = "nl", **values) -> str:
    nl, en = STRINGS[key]
    text = en if lang == "en" else nl
    return text.format(**values) if values else text
