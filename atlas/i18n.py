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
    "prog_eigen": ("Eigen locatie (upload, enkel voor jou)", "Own location (upload, only for you)"),
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
    "search_place": ("Zoek een gemeente of deelgemeente", "Search a municipality or sub-municipality"),
    "search_placeholder": ("bv. Beverlo, Zeebrugge, Gent…", "e.g. Beverlo, Zeebrugge, Gent…"),
    "place_kind_gemeente": ("gemeente", "municipality"),
    "place_kind_gemeente_2024": ("vroegere gemeente, nu {parent}", "former municipality, now {parent}"),
    "place_kind_deelgemeente": ("deelgemeente van {parent}", "sub-municipality of {parent}"),
    "colour_by": ("Kleur de gemeenten volgens", "Colour the municipalities by"),
    "colour_none": ("niets (enkel grenzen)", "nothing (boundaries only)"),
    "colour_typology": ("gekozen gebiedstypologie", "chosen area typology"),
    "colour_density": ("projecten per 10.000 inwoners", "projects per 10,000 inhabitants"),
    "colour_density_help": (
        "Aantal getoonde projecten in de gemeente gedeeld door haar bevolking op 1 januari 2020 (Statbel), maal 10.000.",
        "Number of shown projects in the municipality divided by its population on 1 January 2020 (Statbel), times 10,000.",
    ),
    "selected_municipality": ("Geselecteerd: {name}", "Selected: {name}"),
    "clear_selection": ("Selectie wissen", "Clear selection"),
    "map_click_hint": (
        "Klik op een gemeente om ze te selecteren; klik op een symbool voor alle gegevens en bronnen.",
        "Click a municipality to select it; click a symbol for all facts and sources.",
    ),
    "table_title": ("Projecten in deze weergave", "Projects in this view"),
    "table_title_muni": ("Projecten in {name}", "Projects in {name}"),
    "download_csv": ("Download deze rijen (CSV, met filter en bronnen)", "Download these rows (CSV, with filter and sources)"),
    "summary_title": ("Samenvatting", "Summary"),
    "kpi_rural_help": (
        "Aandeel van de getoonde projecten in gemeenten van de klassen: {classes} ({typology}).",
        "Share of the shown projects in municipalities of the classes: {classes} ({typology}).",
    ),
    "kpi_municipalities_help": ("Gemeenten (indeling 2025) met minstens één getoond project.", "Municipalities (2025 layout) with at least one shown project."),
    "official_projects": ("projecten", "projects"),
    "scope_flanders": (" in Vlaanderen", " in Flanders"),
    "plus_outside_scope": (" (+ {n} in Brussel)", " (+ {n} in Brussels)"),
    "known_counts_title": ("Hoeveel projecten zijn gekend?", "How many projects are known?"),
    "summary": (
        "De kaart toont {n} projecten ({programmes}) in {m} gemeenten{filters}. Onder de gekozen typologie ligt "
        "{rural} ervan in landelijk gebied ({rural_classes}). Het per project gepubliceerde toegekende budget "
        "bedraagt {budget} voor {n_granted} projecten; {n_unknown} projecten hebben geen gepubliceerd bedrag en "
        "{n_other} alleen een maximum- of standaardbedrag. Status op {date}: {running} lopend, {ended} afgelopen, "
        "{planned} gepland, {unknown} onbekend.",
        "The map shows {n} projects ({programmes}) in {m} municipalities{filters}. Under the chosen typology "
        "{rural} of them lie in rural areas ({rural_classes}). The granted budget published per project is "
        "{budget} for {n_granted} projects; {n_unknown} projects have no published amount and {n_other} only a "
        "maximum or standard amount. Status on {date}: {running} running, {ended} ended, {planned} planned, "
        "{unknown} unknown.",
    ),
    "summary_empty": (
        "Geen projecten voor deze filters{filters}. Pas de filters in de zijbalk aan.",
        "No projects for these filters{filters}. Change the filters in the sidebar.",
    ),
    "n_known_no_total": ("{n} met gekende locatie (officieel totaal onbekend)", "{n} with a known location (official total unknown)"),
    # map
    "legend_title": ("Legende", "Legend"),
    "legend_boundaries": ("gemeentegrens (2025)", "municipal boundary (2025)"),
    "legend_provinces": ("provinciegrens", "province boundary"),
    "legend_density": ("Projecten per 10.000 inwoners", "Projects per 10,000 inhabitants"),
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
        "Som van de per project gepubliceerde toegekende bedragen; {n} project(en) zonder gepubliceerd bedrag en "
        "{m} met enkel een maximum- of standaardbedrag (niet meegeteld).",
        "Sum of the granted amounts published per project; {n} project(s) without a published amount and {m} "
        "with only a maximum or standard amount (not counted).",
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
    "col_basis": ("Soort bedrag", "Type of amount"),
    "col_budget_help": (
        "Per project gepubliceerd bedrag in euro; leeg = niet gepubliceerd. Zie 'Soort bedrag'.",
        "Amount published for the project, in euro; empty = not published. See 'Type of amount'.",
    ),
    "col_status": ("Status", "Status"),
    "col_sources": ("Bronnen", "Sources"),
    "sources_footer": (
        "Bronnen: projectgegevens uit publieke bronnen per project (zie tabel); grenzen: Statbel, bewerking "
        "Data & Analyse van de Vlaamse provincies (PinC); gebiedstypes: Eurostat DEGURBA (LAU 2019), PinC.",
        "Sources: project data from public sources per project (see table); boundaries: Statbel, processed by "
        "Data & Analyse van de Vlaamse provincies (PinC); area types: Eurostat DEGURBA (LAU 2019), PinC.",
    ),
    # budget & status page, programme pages, charts (issue 4)
    "budget_intro": (
        "Wat de programma's kosten, waar het geld naartoe gaat, in welk soort gebied de projecten liggen en wat "
        "er liep op de peildatum. Alleen gepubliceerde bedragen worden opgeteld; ontbrekende bedragen worden geteld.",
        "What the programmes cost, where the money goes, in which kind of area the projects are and what was "
        "running on the reference date. Only published amounts are summed; missing amounts are counted.",
    ),
    "click_to_filter": (
        "Klik op een staaf of segment om de pagina daarop te filteren (het komt in de link); wis het filter in de zijbalk.",
        "Click a bar or segment to filter the page on it (it becomes part of the link); clear the filter in the sidebar.",
    ),
    "chart_csv": ("Gegevens van deze grafiek (CSV)", "Data of this chart (CSV)"),
    "filtered_n_of_N": (
        "Filters actief: {n} van {N} projecten getoond.",
        "Filters active: {n} of {N} projects shown.",
    ),
    "bases_title": ("Hoe lees ik de bedragen? (toegekend, standaardbedrag, maximum)", "How to read the amounts (granted, standard amount, maximum)"),
    "bases_explained": (
        "- **Toegekend**: een bron vermeldt het bedrag dat aan dít project werd toegekend. Alleen deze bedragen "
        "worden opgeteld.\n"
        "- **Standaardbedrag**: het standaardbedrag van het programma per project, niet per project bevestigd. "
        "Apart getoond, nooit bij toegekende bedragen opgeteld.\n"
        "- **Maximum**: het plafond van een oproep; geen toegekend bedrag. Apart getoond.\n"
        "- **Niet gepubliceerd**: geen bron geeft een bedrag voor dit project. Deze projecten worden geteld, niet als "
        "nul meegerekend.\n"
        "- **Programmabudget**: het totaal dat op programmaniveau gepubliceerd is (data/programmes.csv). Het staat "
        "los van de som van de projectbedragen en is niet te verdelen over provincies of gebiedstypes.",
        "- **Granted**: a source states the amount granted to this very project. Only these amounts are summed.\n"
        "- **Standard amount**: the programme's standard amount per project, not confirmed per project. Shown "
        "apart, never added to granted amounts.\n"
        "- **Maximum**: a call's ceiling; not a granted amount. Shown apart.\n"
        "- **Not published**: no source gives an amount for this project. These projects are counted, not taken "
        "as zero.\n"
        "- **Programme budget**: the total published at programme level (data/programmes.csv). It is separate "
        "from the sum of the project amounts and cannot be split over provinces or area types.",
    ),
    "basis_granted": ("Toegekend", "Granted"),
    "basis_standard_rate": ("Standaardbedrag (niet per project bevestigd)", "Standard amount (not confirmed per project)"),
    "basis_maximum": ("Maximum (plafond van de oproep)", "Maximum (call ceiling)"),
    "n_without_amount": ("{n} projecten zonder gepubliceerd bedrag", "{n} projects without a published amount"),
    "n_without_amount_one": ("1 project zonder gepubliceerd bedrag", "1 project without a published amount"),
    "all_amounts_known": ("voor elk project een gepubliceerd bedrag", "a published amount for every project"),
    "no_programme_budget": ("geen programmabudget gepubliceerd", "no programme budget published"),
    "official_count": ("Officieel aantal projecten", "Official number of projects"),
    "h_programme_budgets": ("Budget per programma", "Budget per programme"),
    "h_where": ("Waar gaat het geld naartoe?", "Where does the money go?"),
    "h_status": ("Status op {date} en tijdlijn", "Status on {date} and timeline"),
    "h_area": ("Stedelijk of landelijk?", "Urban or rural?"),
    "m_programme_fact": ("programmafeit, niet de som van de projecten", "programme fact, not the sum of the projects"),
    "totals_not_split": (
        "De programmabudgetten gelden voor het hele programma: ze volgen de programmakeuze, maar niet de filters op "
        "provincie, gebiedstype of werkgebied.",
        "Programme budgets are for the whole programme: they follow the programme choice, not the province, area "
        "type or working-area filters.",
    ),
    "no_projects_for_filters": ("Geen projecten voor deze filters.", "No projects for these filters."),
    "no_granted_amounts": (
        "Geen toegekende bedragen per project gepubliceerd voor deze selectie.",
        "No granted amounts per project published for this selection.",
    ),
    "needs_geo": (
        "Deze grafiek heeft de referentiegeografie nodig (bevolking en gebiedstypes per gemeente).",
        "This chart needs the reference geography (population and area types per municipality).",
    ),
    "no_project_amounts": (
        "Geen bedrag per project gepubliceerd ({n} projecten zonder gepubliceerd bedrag).",
        "No amount per project published ({n} projects without a published amount).",
    ),
    "stek_no_amount_per_inst": (
        "Het STEK-budget van {total} ging samen naar de 8 regionale instituten; een bedrag per instituut of per "
        "locatie is niet gepubliceerd.",
        "The STEK budget of {total} went to the 8 regional institutes together; no amount per institute or per "
        "location is published.",
    ),
    "ch_programme_totals": ("Programmabudget (programmafeiten)", "Programme budget (programme facts)"),
    "ch_programme_totals_sub": (
        "Op programmaniveau gepubliceerd; niet de som van de projecten",
        "Published at programme level; not the sum of the projects",
    ),
    "ch_budget_programme": ("Per project gepubliceerde bedragen, per programma", "Amounts published per project, by programme"),
    "ch_budget_province": ("Per project gepubliceerde bedragen, per provincie", "Amounts published per project, by province"),
    "ch_budget_holder": ("Per project gepubliceerde bedragen, per organisatie", "Amounts published per project, by organisation"),
    "holders_without": (
        "{n} organisaties/instituten zonder gepubliceerd bedrag ({m} projecten) niet getekend",
        "{n} organisations/institutes without a published amount ({m} projects) not drawn",
    ),
    "ch_budget_project": ("Gepubliceerd bedrag per project", "Published amount per project"),
    "ch_per_inhabitant": ("Toegekend bedrag per inwoner, per provincie", "Granted amount per inhabitant, by province"),
    "ch_per_inhabitant_sub": (
        "Toegekende projectbedragen gedeeld door de bevolking (2020) van de gemeenten die ze kregen, niet van de hele provincie",
        "Granted project amounts divided by the population (2020) of the municipalities that received them, not of the whole province",
    ),
    "ch_stek_institutes": ("Nieuwe STEK-locaties per regionaal instituut", "New STEK locations per regional institute"),
    "ch_stek_institutes_sub": (
        "Gekend in de data tegenover het officiële aantal per instituut (officieel totaal gedeeld door de instituten)",
        "Known in the data against the official number per institute (official total divided over the institutes)",
    ),
    "stek_official_per_inst": ("officieel per instituut", "official per institute"),
    "stek_known_per_inst": ("gekend in de data", "known in the data"),
    "ch_status": ("Status op {date}, per programma", "Status on {date}, by programme"),
    "ch_status_sub": (
        "Uit de start- en einddatum; 'onbekend' = geen startdatum gepubliceerd",
        "From the start and end dates; 'unknown' = no start date published",
    ),
    "status_unknown_why": ("(geen startdatum gepubliceerd)", "(no start date published)"),
    "ch_timeline": ("Tijdlijn van de projectperiodes", "Timeline of the project periods"),
    "ch_timeline_sub": (
        "Eén balk per programma en periode, met het aantal projecten; gearceerd = officiële programmaperiode",
        "One bar per programme and period, with the number of projects; hatched = official programme period",
    ),
    "tl_programme": ("programmaperiode (officieel)", "programme period (official)"),
    "tl_projects": ("{n} projecten", "{n} projects"),
    "tl_projects_one": ("1 project", "1 project"),
    "tl_start_only": ("{n} met enkel een startdatum", "{n} with a start date only"),
    "tl_end_only": ("{n} met enkel een einddatum", "{n} with an end date only"),
    "tl_no_dates": ("{n} zonder datums", "{n} without dates"),
    "tl_not_drawn": ("niet getekend: periode niet gepubliceerd", "not drawn: period not published"),
    "tl_programme_legend": ("Programmaperiode (programmafeiten)", "Programme period (programme facts)"),
    "tl_projects_legend": ("Projectperiode (per project gepubliceerd)", "Project period (published per project)"),
    "tl_ref_date": ("peildatum {date}", "reference date {date}"),
    "tl_nothing_drawn": (
        "Tijdlijn: voor deze projecten is geen volledige periode gepubliceerd ({counts}), dus er valt niets te tekenen.",
        "Timeline: no full period is published for these projects ({counts}), so there is nothing to draw.",
    ),
    "ch_area_split": ("Projecten per gebiedstype tegenover de bevolking", "Projects by area type against the population"),
    "no_class": ("geen klasse (Brussel)", "no class (Brussels)"),
    "unit_projects": ("projecten", "projects"),
    "unit_inhabitants": ("inwoners", "inhabitants"),
    "pop_label_all": ("Bevolking Vlaanderen + Brussel (2020)", "Population Flanders + Brussels (2020)"),
    "pop_label_provinces": ("Bevolking {names} (2020)", "Population {names} (2020)"),
    "pop_label_area": ("Bevolking van het gekozen werkgebied (2020)", "Population of the chosen working area (2020)"),
    "ax_budget_eur": ("Budget (EUR)", "Budget (EUR)"),
    "ax_eur_per_inhabitant": ("EUR per inwoner", "EUR per inhabitant"),
    "ax_n_projects": ("Aantal projecten", "Number of projects"),
    "ax_n_locations": ("Aantal STEK-locaties", "Number of STEK locations"),
    "ax_share_pct": ("Aandeel (%)", "Share (%)"),
    "ax_date": ("Datum (jaar)", "Date (year)"),
    "hover_n_with": ("projecten met dit bedrag", "projects with this amount"),
    "hover_n_without": ("projecten zonder gepubliceerd bedrag", "projects without a published amount"),
    "hover_per_inhabitant": ("per inwoner", "per inhabitant"),
    "hover_population": ("bevolking 2020 van deze gemeenten", "2020 population of these municipalities"),
    "hover_municipalities": ("gemeenten", "municipalities"),
    "src_prefix": ("Bron:", "Source:"),
    "src_projects": ("data/projects.csv (bron per project)", "data/projects.csv (a source per project)"),
    "src_facts": ("programmafeiten data/programmes.csv ({sources})", "programme facts data/programmes.csv ({sources})"),
    "src_population": ("bevolking 1 jan. 2020: Statbel", "population 1 Jan 2020: Statbel"),
    "src_typology_degurba": ("gebiedstype: Eurostat DEGURBA (LAU 2019)", "area type: Eurostat DEGURBA (LAU 2019)"),
    "src_typology_uitrusting": (
        "gebiedstype: uitrustingsgraad, provincies in Cijfers (2025)",
        "area type: level of amenities, Provincies in Cijfers (2025)",
    ),
    "fact_funder": ("Financiering", "Funded by"),
    "fact_operator": ("Uitvoering", "Run by"),
    "fact_period": ("Periode", "Period"),
    "fact_count": ("Aantal", "Number"),
    "period_unpublished": ("geen volledige begin- en einddatum gepubliceerd", "no full start and end date published"),
    "note_from_data": ("Toelichting (data/programmes.csv):", "Note (data/programmes.csv):"),
    "m_programme_budget": ("Programmabudget", "Programme budget"),
    "m_max_per_project": ("Maximum per project", "Maximum per project"),
    "m_standard_per_project": ("Standaardbedrag per project", "Standard amount per project"),
    "m_granted_projects": ("Som toegekend per project", "Sum granted per project"),
    "m_standard_rate_projects": ("Som standaardbedragen", "Sum of standard amounts"),
    "m_without_amount": ("Projecten zonder gepubliceerd bedrag", "Projects without a published amount"),
    "m_of_projects": ("{n} van {N} projecten", "{n} of {N} projects"),
    "m_programme_fact_short": ("programmafeit", "programme fact"),
    "m_never_added": (
        "Toegekende bedragen, standaardbedragen en maxima staan apart en worden nooit samengeteld; het programmabudget "
        "is een programmafeit, niet de som van de projecten.",
        "Granted amounts, standard amounts and maxima stand apart and are never added up; the programme budget is a "
        "programme fact, not the sum of the projects.",
    ),
    "h_map": ("Kaart", "Map"),
    "h_charts": ("Grafieken", "Charts"),
    "h_table": ("Projecten", "Projects"),
    "h_sources": ("Bronnen van het programma", "Programme sources"),
    "col_source_n": ("Bron {n}", "Source {n}"),
    "src_for_count": ("aantal", "number"),
    "src_for_budget": ("budget", "budget"),
    "src_for_max": ("maximum per project", "maximum per project"),
    "no_sources": ("Geen programmabronnen.", "No programme sources."),
    "sources_per_project": (
        "Elk project heeft zijn eigen bronnen: zie de tabel hierboven.",
        "Every project has its own sources: see the table above.",
    ),
    # coverage page (pages/coverage.py, atlas/report.py)
    "cov_title": ("Dekking van een werkgebied", "Coverage of a working area"),
    "cov_intro": (
        "Wat houdt een werkgebied in, en waar is er niets? Kies een regionaal instituut, een provincie of je eigen "
        "gemeenten. Grijs: gemeente met een project; zalm: witte vlek.",
        "What does a working area hold, and where is there nothing? Pick a regional institute, a province or your own "
        "municipalities. Grey: municipality with a project; salmon: white spot.",
    ),
    "cov_geo_missing": (
        "De dekking kan niet berekend worden zonder de referentiegeografie. {detail}",
        "Coverage cannot be computed without the reference geography. {detail}",
    ),
    "cov_error": ("De dekking kon niet berekend worden: {detail}", "The coverage could not be computed: {detail}"),
    "cov_choose": ("Gebied", "Area"),
    "cov_mode_institute": ("Regionaal instituut", "Regional institute"),
    "cov_mode_province": ("Provincie", "Province"),
    "cov_mode_custom": ("Mijn werkgebied", "My working area"),
    "cov_mode_all": ("Vlaanderen en Brussel", "Flanders and Brussels"),
    "cov_pick_institute": ("Werkgebied van", "Working area of"),
    "cov_pick_province": ("Provincie", "Province"),
    "cov_pick_municipalities": ("Gemeenten van mijn werkgebied", "Municipalities of my working area"),
    "cov_pick_placeholder": ("Kies…", "Choose…"),
    "cov_pick_hint": (
        "Of klik op de kaart: een klik op een gemeente voegt ze toe of haalt ze weg.",
        "Or click the map: a click on a municipality adds or removes it.",
    ),
    "cov_all_hint": ("Alle 304 gemeenten van 2025 (285 Vlaamse en 19 Brusselse).",
                     "All 304 municipalities of 2025 (285 Flemish and 19 in Brussels)."),
    "cov_area_custom_label": ("Mijn werkgebied ({n} gemeenten)", "My working area ({n} municipalities)"),
    "cov_area_custom_label_one": ("Mijn werkgebied (1 gemeente)", "My working area (1 municipality)"),
    "cov_area_all_label": ("Vlaanderen en Brussel", "Flanders and Brussels"),
    "cov_area_def_institute": (
        "werkgebied volgens data/institutes.csv: {area} (toegepast op de gemeenten van 2025)",
        "working area as in data/institutes.csv: {area} (applied to the 2025 municipalities)",
    ),
    "cov_area_def_province": ("provincie {codes} (gemeenten van 2025)", "province {codes} (2025 municipalities)"),
    "cov_area_def_all": ("alle {n} gemeenten van 2025", "all {n} municipalities of 2025"),
    "cov_area": ("Gebied", "Area"),
    "cov_definition": ("Afbakening", "Definition"),
    "cov_area_note": ("Opmerking", "Note"),
    "cov_restricted": ("Verder beperkt door de filters in de zijbalk", "Further narrowed by the sidebar filters"),
    "cov_link_param": ("In de link", "In the link"),
    "cov_pop_date": ("(1 januari 2020, Statbel)", "(1 January 2020, Statbel)"),
    "cov_programmes": ("Meegeteld", "Counted"),
    "cov_empty_area": (
        "Dit gebied bevat geen enkele gemeente (kies gemeenten of wis de filters in de zijbalk).",
        "This area holds no municipality (pick municipalities or clear the sidebar filters).",
    ),
    "cov_computing": ("Dekking berekenen…", "Computing coverage…"),
    "cov_group_all": ("Alle programma's samen", "All programmes together"),
    "cov_group_own": ("Eigen locaties", "Own locations"),
    "cov_own_prefix": ("Eigen locatie: ", "Own location: "),
    "cov_no_class": ("geen klasse (Brussel)", "no class (Brussels)"),
    "cov_white_rule": ("Witte vlek", "White spot"),
    "cov_white_rule_none": ("geen project in de gemeente", "no project in the municipality"),
    "cov_white_rule_km": ("niets binnen {km} km", "nothing within {km} km"),
    "cov_white_def_none": (
        "Witte vlek: een gemeente zonder enig project (van de meegetelde programma's).",
        "White spot: a municipality without any project (of the programmes counted).",
    ),
    "cov_white_def_km": (
        "Witte vlek: geen enkel deel van de gemeente ligt binnen {km} km (rechte lijn) van een project.",
        "White spot: no part of the municipality lies within {km} km (straight line) of a project.",
    ),
    "cov_kpi_population": ("Inwoners in het gebied", "Inhabitants in the area"),
    "cov_kpi_munis_with": ("Gemeenten met ≥ 1 project", "Municipalities with ≥ 1 project"),
    "cov_kpi_within5": ("Inwoners ≤ 5 km (schatting)", "Inhabitants ≤ 5 km (estimate)"),
    "cov_kpi_white": ("Witte vlekken", "White spots"),
    "cov_n_of": ("{n} van {N}", "{n} of {N}"),
    "cov_col_group": ("Programma", "Programme"),
    "cov_col_projects": ("Projecten", "Projects"),
    "cov_col_munis_with": ("Gemeenten met ≥ 1 project", "Municipalities with ≥ 1 project"),
    "cov_col_pop_with": ("Inwoners in die gemeenten", "Inhabitants of those municipalities"),
    "cov_col_within": ("Inwoners ≤ {km} km", "Inhabitants ≤ {km} km"),
    "cov_col_class": ("Gebiedstype", "Area type"),
    "cov_col_municipalities": ("Gemeenten", "Municipalities"),
    "cov_col_population": ("Inwoners", "Inhabitants"),
    "cov_col_pop_share": ("% inwoners", "% of inhabitants"),
    "cov_col_proj_share": ("% projecten", "% of projects"),
    "cov_col_per_100k": ("Projecten per 100.000 inwoners", "Projects per 100,000 inhabitants"),
    "cov_col_white": ("Witte vlek", "White spot"),
    "cov_col_nearest": ("Dichtstbijzijnde project", "Nearest project"),
    "cov_col_distance": ("Afstand (km)", "Distance (km)"),
    "cov_col_in_area": ("In het gebied", "In the area"),
    "cov_no_project": ("geen project", "no project"),
    "cov_no_projects_near": ("Geen projecten in of rond dit gebied.", "No projects in or around this area."),
    "cov_yes": ("ja", "yes"),
    "cov_no": ("nee (binnen 10 km)", "no (within 10 km)"),
    "cov_fill_title_in": ("Gemeenten", "Municipalities"),
    "cov_fill_none": ("witte vlek: geen project", "white spot: no project"),
    "cov_fill_with": ("minstens één project", "at least one project"),
    "cov_fill_title_km": ("Inwoners binnen {km} km (schatting)", "Inhabitants within {km} km (estimate)"),
    "cov_fill_km_none": ("0 %: witte vlek", "0 %: white spot"),
    "cov_fill_km_low": ("minder dan de helft", "less than half"),
    "cov_fill_km_mid": ("de helft of meer", "half or more"),
    "cov_fill_km_full": ("(bijna) iedereen", "(almost) everyone"),
    "cov_fill_outside": ("buiten het gebied (klik om toe te voegen)", "outside the area (click to add)"),
    "cov_highlight_stek": ("eigen STEK-locaties van {name}", "own STEK locations of {name}"),
    "cov_highlight_own": ("geüploade eigen locaties ({n}, met het marker van hun programma)",
                          "uploaded own locations ({n}, with their programme's marker)"),
    "cov_h_area": ("Gebied", "Area"),
    "cov_h_map": ("Kaart", "Map"),
    "cov_map_title": ("Kaart van het gebied", "Map of the area"),
    "cov_map_missing": ("Geen kaart: de gemeentegrenzen ontbreken.", "No map: the municipal boundaries are missing."),
    "cov_h_figures": ("Dekking per programma", "Coverage per programme"),
    "cov_h_balance": ("Stedelijk en landelijk: projecten tegenover inwoners ({typology})",
                      "Urban and rural: projects against inhabitants ({typology})"),
    "cov_h_table": ("Gemeenten: witte vlekken eerst", "Municipalities: white spots first"),
    "cov_h_projects": ("Projecten in en rond het gebied", "Projects in and around the area"),
    "cov_h_sources": ("Bronnen en methode", "Sources and method"),
    "cov_estimate": (
        "Inwoners binnen 2, 5 en 10 km: schatting: bevolking gelijk gespreid over de gemeente (oppervlakteweging "
        "op de niet-vereenvoudigde gemeentegrenzen: aandeel van de oppervlakte binnen de afstand × inwoners). "
        "Afstanden in rechte lijn (Lambert 72). Ook projecten net buiten het gebied tellen mee. Alle projecten, "
        "ongeacht hun status op de peildatum.",
        "Inhabitants within 2, 5 and 10 km: estimate: population spread evenly over the municipality (areal "
        "weighting on the unsimplified municipal boundaries: share of the area within the distance × inhabitants). "
        "Straight-line distances (Lambert 72). Projects just outside the area count too. All projects, whatever "
        "their status on the reference date.",
    ),
    "cov_method": (
        "Methode: schatting: bevolking gelijk gespreid over de gemeente. Het aandeel inwoners binnen d km is de "
        "oppervlakte van de gemeente binnen d km (rechte lijn, Belgische Lambert 72, EPSG:31370) van een project, "
        "gedeeld door de oppervlakte van de gemeente (niet-vereenvoudigde grenzen van 2025), maal het aantal "
        "inwoners op 1 januari 2020. Projecten buiten het gebied tellen mee. 'Gemeenten met ≥ 1 project' telt de "
        "projecten waarvan het punt in de gemeente ligt. Alle projecten tellen, ongeacht hun status.",
        "Method: estimate: population spread evenly over the municipality. The share of inhabitants within d km is "
        "the municipality's area within d km (straight line, Belgian Lambert 72, EPSG:31370) of a project, divided "
        "by the municipality's area (unsimplified 2025 boundaries), times its inhabitants on 1 January 2020. "
        "Projects outside the area count too. 'Municipalities with ≥ 1 project' counts projects whose point lies "
        "in the municipality. All projects count, whatever their status.",
    ),
    "cov_table_note": (
        "Afstand: rechte lijn van het midden van de gemeente (zwaartepunt) tot het dichtstbijzijnde project, "
        "in km. Klik op een kolomtitel om te sorteren.",
        "Distance: straight line from the municipality's centre (centroid) to the nearest project, in km. "
        "Click a column header to sort.",
    ),
    "cov_report_title": ("Dekkingsrapport: {area}", "Coverage report: {area}"),
    "cov_report_made": ("Gemaakt op {date} om {time}", "Made on {date} at {time}"),
    "cov_source_population": (
        "Inwoners: Statbel, bevolking op 1 januari 2020, opgeteld naar de gemeenten van 2025.",
        "Inhabitants: Statbel, population on 1 January 2020, summed to the 2025 municipalities.",
    ),
    "cov_source_projects": (
        "Projecten: data/projects.csv (publieke bronnen per project, zie de tabel en data/SOURCES.md); "
        "werkgebieden: data/institutes.csv.",
        "Projects: data/projects.csv (public sources per project, see the table and data/SOURCES.md); "
        "working areas: data/institutes.csv.",
    ),
    "cov_own_in_report_yes": ("{n} eigen locatie(s), meegeteld in de cijfers", "{n} own location(s), counted in the figures"),
    "cov_own_in_report_no": ("{n} eigen locatie(s), enkel op de kaart", "{n} own location(s), on the map only"),
    "cov_upload_h": ("Eigen locaties (enkel voor jou, in deze sessie)", "Own locations (only for you, this session)"),
    "cov_upload_private": (
        "Je bestand blijft in het geheugen van deze browsersessie: het wordt niet opgeslagen en niemand anders ziet "
        "het. Zelfde formaat als data/projects.csv, hoogstens 1 MB.",
        "Your file stays in the memory of this browser session: it is not stored and nobody else sees it. Same "
        "format as data/projects.csv, at most 1 MB.",
    ),
    "cov_upload_label": ("CSV met eigen locaties", "CSV with own locations"),
    "cov_upload_help": (
        "Kolommen zoals data/projects.csv (id, programme, name, municipality_nis, ..., lat, lon, ...). Elke rij wordt "
        "gecontroleerd zoals `python -m atlas validate`.",
        "Columns as in data/projects.csv (id, programme, name, municipality_nis, ..., lat, lon, ...). Every row is "
        "checked as by `python -m atlas validate`.",
    ),
    "cov_upload_checking": ("Bestand controleren…", "Checking the file…"),
    "cov_upload_too_big": (
        "Bestand geweigerd: {size} MB is groter dan het maximum van {max} MB.",
        "File refused: {size} MB is larger than the maximum of {max} MB.",
    ),
    "cov_upload_ok": ("{n} van {N} rijen zijn geldig en staan op de kaart.", "{n} of {N} rows are valid and on the map."),
    "cov_upload_problems": (
        "{n} probleem/problemen: die rijen worden niet getoond (zelfde meldingen als de validator):",
        "{n} problem(s): those rows are not shown (same messages as the validator):",
    ),
    "cov_upload_include": ("Eigen locaties meetellen in de dekkingscijfers", "Count my own locations in the coverage figures"),
    "cov_download_report": ("Rapport downloaden (HTML, werkt offline)", "Download the report (HTML, works offline)"),
    "cov_download_csv": ("Tabel downloaden (CSV)", "Download the table (CSV)"),
    # --- branch data14: budget groups and the zorgzame buurten extension (to be moved to the catalogues) ---
    "money_at_least": ("ruim {amount}", "just over {amount}"),
    "basis_group": ("Groepsbedrag (meerdere projecten samen)", "Group amount (several projects together)"),
    "budget_group_part": ("deel van groepsbedrag {amount} voor {n} projecten (niet per project gepubliceerd)",
                          "part of a group amount of {amount} for {n} projects (not published per project)"),
    "n_in_group": ("{n} in een groepsbedrag", "{n} in a group amount"),
    "hover_group_projects": ("Projecten onder dit bedrag", "Projects under this amount"),
    "h_group_amounts": ("Bedragen voor groepen van projecten", "Amounts for groups of projects"),
    "group_amounts_intro": (
        "Sommige bronnen geven één bedrag voor meerdere projecten samen. Dat bedrag staat hier als geheel: het wordt "
        "niet over de projecten verdeeld en niet opgeteld bij de bedragen per project.",
        "Some sources give one amount for several projects together. It is shown here as a whole: it is not split "
        "over the projects and not added to the per-project amounts.",
    ),
    "group_amounts_row": ("**{name}**: {amount}, {basis}; projecten: {ids}.", "**{name}**: {amount}, {basis}; projects: {ids}."),
    "extension_note_title": ("Verlenging", "Extension"),
    "status_extension_note": ("Let op: {note}", "Note: {note}"),
    "extension_sources": ("Bronnen: {sources}", "Sources: {sources}"),
}


def t(key: str, lang: str = "nl", **values) -> str:
    nl, en = STRINGS[key]
    text = en if lang == "en" else nl
    return text.format(**values) if values else text
