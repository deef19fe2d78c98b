"""The project table is declared once (atlas.views.project_columns) and its four outputs agree.

For the same projects, read from data/projects.csv, the app's table, the static site's table,
the coverage report's project list and the downloads show the declared columns in the declared
order, with the same values (dates, amounts and their basis, status, source links), each
compared against a value computed here from the CSV's own text. Only the app links each row to
the /melden form ('Klopt er iets niet?'): a static file has no such form and a download is data.
"""

from __future__ import annotations

import csv
from datetime import date
from html.parser import HTMLParser

import pandas as pd
import pytest

from atlas.model import schema
from atlas.model.data import load_projects
from atlas.model.filters import FilterState
from atlas.text import fmt
from atlas.text.escape import is_http_url
from atlas.text.i18n import t
from atlas.views import export, project_columns, report, stats
from atlas.views.project_columns import COLUMNS, SITE, Money

REF = date(2024, 6, 30)  # the reference date of the statuses: some projects planned, some running, some ended


def sample_rows() -> list[dict]:
    """The CSV's first 10 rows, plus the first row with each case the first 10 may lack: an own
    amount, a group amount, an end date, an extension, several sources, a merged municipality."""
    with schema.projects_csv().open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    picked = rows[:10]
    merged = set(load_projects().projects.query("municipality2025 != municipality and municipality2025 != ''")["id"])
    cases = [lambda r: r["budget_eur"], lambda r: r["budget_group"] and not r["budget_eur"],
             lambda r: r["end_date"], lambda r: r["extended_until"], lambda r: r["source_url"].count("|") >= 2,
             lambda r: r["id"] in merged, lambda r: r["start_year"] and not r["start_date"]]
    for case in cases:
        row = next((r for r in rows if case(r)), None)
        if row is not None and row not in picked:
            picked.append(row)
    return picked


ROWS = sample_rows()
IDS = [r["id"] for r in ROWS]


@pytest.fixture(scope="module")
def projects() -> pd.DataFrame:
    frame = load_projects().projects
    return frame.set_index("id", drop=False).loc[IDS].reset_index(drop=True)


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def expected(row: dict, loaded: pd.Series, lang: str) -> dict:
    """What every output must show for one CSV row: computed from the CSV's text (the 2025
    municipality and a group's amount, which are not in the CSV, from the loaded frame)."""
    start, end = _day(row["start_date"]), _day(row["extended_until"] or row["end_date"])
    if end is not None and end < REF:
        status = "ended"
    elif start is None:
        status = "unknown"
    else:
        status = "running" if start <= REF else "planned"
    if row["budget_eur"]:
        money = Money(float(row["budget_eur"]), t("budget_" + row["budget_basis"], lang))
    elif row["budget_group"]:
        amount = fmt.money(loaded["budget_group_eur"], lang)
        if str(loaded["budget_group_at_least"]) == "True":
            amount = t("money_at_least", lang, amount=amount)
        money = Money(None, t("budget_group_part", lang, amount=amount, n=loaded["budget_group_n"]))
    else:
        money = Money(None, t("budget_unpublished", lang))
    return {
        "id": row["id"], "name": row["name"], "programme": t("prog_" + row["programme"], lang),
        "municipality": loaded["municipality2025"] or row["municipality"],
        "organisation": row["organisation_nl"] if lang == "nl" else row["organisation"],
        "start": _day(row["start_date"]), "end": _day(row["end_date"]), "status": t("status_" + status, lang),
        "budget": money,
        "sources": [u.strip() for u in row["source_url"].split("|") if u.strip().startswith(("http://", "https://"))],
    }


def keys_in_order(keys) -> bool:
    order = [c.key for c in COLUMNS]
    return [order.index(k) for k in keys] == sorted(order.index(k) for k in keys)


class Tables(HTMLParser):
    """Each <table> of a page: its headers, and per row the cell texts and the links in each cell."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self.cell: list[str] | None = None
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"head": [], "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
            self.tables[-1].setdefault("ids", []).append(dict(attrs).get("data-id"))
        elif tag in ("td", "th"):
            self.cell, self.links = [], []
        elif tag == "a" and self.cell is not None:
            self.links.append(dict(attrs)["href"])

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            text = "".join(self.cell).strip()
            if tag == "th":
                self.tables[-1]["head"].append(text)
            else:
                self.tables[-1]["rows"][-1].append((text, list(self.links)))
            self.cell = None


def html_tables(page: str) -> list[dict]:
    parser = Tables()
    parser.feed(page)
    for table in parser.tables:
        table["ids"] = [i for i, r in zip(table.get("ids", []), table["rows"]) if r]
        table["rows"] = [r for r in table["rows"] if r]
    return parser.tables


def site_cell(key: str, want, lang: str) -> str:
    if key == "budget":
        return f"{fmt.money(want.amount, lang)} ({want.basis})" if want.amount is not None else want.basis
    if key == "start":
        return fmt.day(want, lang) if want else t("unknown", lang)
    return want or t("unknown", lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_four_outputs_show_the_declared_columns_with_the_same_values(lang, projects, tmp_path):
    from atlas.ui.tables import project_table
    from atlas.views.static_site import build_site

    assert len(ROWS) >= 10 and any(r["budget_eur"] for r in ROWS) and any(r["end_date"] for r in ROWS)
    want = {r["id"]: expected(r, projects.iloc[i], lang) for i, r in enumerate(ROWS)}
    shown = [c for c in COLUMNS if c.shown]

    # the app: typed columns in the declared order; the amount and its basis side by side
    table, config = project_table(projects, lang, REF)
    n_links = max(len(w["sources"]) for w in want.values())
    heads = []
    for c in shown:  # a money column: the amount and its basis; a links column: one column per source
        heads += {"money": [t(c.label, lang), t("col_basis", lang)],
                  "links": [t("col_source_n", lang, n=n) for n in range(1, n_links + 1)],
                  }.get(c.kind, [t(c.label, lang)])
    assert list(table.columns) == heads
    assert heads[:9] == [t(k, lang) for k in ("col_id", "col_name", "col_programme", "col_municipality",
                                              "col_province", "col_organisation", "col_start", "col_end",
                                              "col_status")]
    for _, rec in table.iterrows():
        w = want[rec[t("col_id", lang)]]
        for key in ("name", "programme", "municipality", "organisation", "status"):
            assert rec[t(project_columns.BY_KEY[key].label, lang)] == w[key], key
        assert rec[t("col_start", lang)] == w["start"] or (w["start"] is None and pd.isna(rec[t("col_start", lang)]))
        assert rec[t("col_end", lang)] == w["end"] or (w["end"] is None and pd.isna(rec[t("col_end", lang)]))
        amount = rec[t("col_budget", lang)]
        assert (amount == w["budget"].amount) if w["budget"].amount is not None else pd.isna(amount)
        assert rec[t("col_basis", lang)] == w["budget"].basis
        links = [rec[t("col_source_n", lang, n=n)] for n in range(1, n_links + 1)]
        assert [u for u in links if isinstance(u, str)] == w["sources"]
        assert rec[t("mld_link_project", lang)] == f"/melden?lang={lang}&project={w['id']}"
    assert set(config) >= {t("col_budget", lang), t("col_start", lang), t("mld_link_project", lang)}

    # the static site: the SITE columns in the declared order, the same values as text
    sample = tmp_path / "projects.csv"
    with sample.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(ROWS[0]))
        writer.writeheader()
        writer.writerows(ROWS)
    build_site(tmp_path / "site", lang, projects_csv=sample, today=REF)
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    site = next(tb for tb in html_tables(page) if t("col_name", lang) in tb["head"])
    assert keys_in_order(SITE) and site["head"] == [t(project_columns.BY_KEY[k].label, lang) for k in SITE]
    assert sorted(site["ids"]) == sorted(IDS)
    for pid, cells in zip(site["ids"], site["rows"]):
        w = want[pid]
        for key, (text, links) in zip(SITE, cells):
            if key == "sources":
                assert links == w["sources"]
            else:
                assert text == site_cell(key, w[key], lang), key
    assert "/melden" not in page and t("mld_link_project", lang) not in page

    # the coverage report: id, name, programme, municipality, 'in the area', sources
    from geo import coverage as cov_mod
    from geo import reference
    from atlas.model.data import institutes

    state = FilterState(lang=lang, date=REF)
    area = report.resolve_area(state, reference.municipalities(), institutes(), lang)
    cov = report.compute_coverage(cov_mod.default_territory(), projects, state.programmes)
    view = report.build_view(area, cov, lang=lang, state=state)
    page = report.report_html(view, None)
    listed = html_tables(page)[-1]
    keys = [k for k in project_columns.REPORT if k != "sources"]
    assert keys_in_order(project_columns.REPORT)
    assert listed["head"] == [t(project_columns.BY_KEY[k].label, lang) for k in keys] + [
        t("cov_col_in_area", lang), t("col_sources", lang)]
    assert sorted(cells[0][0] for cells in listed["rows"]) == sorted(set(view.map_projects["id"]))
    assert len(listed["rows"]) >= len(ROWS) - 2  # the sample lies (nearly all) in Flanders
    for cells in listed["rows"]:
        w = want[cells[0][0]]
        assert [c[0] for c in cells[:len(keys)]] == [w[k] or t("unknown", lang) for k in keys]
        assert cells[-1][1] == w["sources"]
    assert "/melden" not in page

    # the downloads: every exported column in the declared order, typed values
    sheet = stats.export_sheet(projects, state, "https://example.org/?x", [], REF)
    names = list(project_columns.EXPORT)
    assert sheet.headers == [export.header(n, lang) for n in names]
    assert names[:12] == ["id", "name", "programme", "municipality2025", "province_name", "organisation",
                          "start_date", "end_date", "status", "budget_eur", "budget_basis", "source_url"]
    for values in sheet.rows:
        rec = dict(zip(names, values))
        w = want[rec["id"]]
        assert [rec["name"], rec["programme"], rec["municipality2025"], rec["organisation"], rec["status"]] == [
            w["name"], w["programme"], w["municipality"], w["organisation"], w["status"]]
        assert (rec["start_date"] or None) == w["start"] and (rec["end_date"] or None) == w["end"]
        amount = rec["budget_eur"]
        assert (amount == w["budget"].amount) if w["budget"].amount is not None else pd.isna(amount)
        assert rec["budget_basis"] == w["budget"].basis
        assert rec["source_url"] == " | ".join(w["sources"])
    assert not any("/melden" in str(v) for row in sheet.rows for v in row)


def test_one_http_only_rule_for_source_links():
    assert project_columns.source_links(
        "https://a.be/x | javascript:alert(1) | ftp://b.be | HTTP://C.BE/y | http:// | data:text/html,x"
    ) == ["https://a.be/x", "HTTP://C.BE/y"]
    assert not is_http_url("javascript:alert(1)") and not is_http_url("//a.be") and is_http_url("https://a.be")
