"""The coverage page, its report and its CSV agree with each other and with the data, for SAAMO
West-Vlaanderen, SAAMO Limburg and a custom area, under a status filter and a past reference
date (issue 19.2-4). Expected numbers come from the data (status at the date, official counts
from data/official_counts.csv), never from the page's own code."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from atlas.model.completeness import official_area_counts
from atlas.model.data import institutes, load_projects, status_at
from atlas.text import fmt
from geo import reference
from geo.areas import institute_municipalities
from tests.e2e.conftest import wait_idle

pytestmark = pytest.mark.e2e
REF = date(2021, 6, 1)  # a past reference date: a few projects ran, most were still planned
CUSTOM = "31005,35013,71004,72018"  # Brugge, Oostende, Beringen, Kinrooi
CASES = [
    ("institute=saamo-west-vlaanderen", "SAAMO West-Vlaanderen", "province:30000"),
    ("institute=saamo-limburg", "SAAMO Limburg", "province:70000"),
    (f"municipalities={CUSTOM}", None, None),
]


def expected(area_param: str, official_area: str | None) -> dict:
    munis = reference.municipalities()
    key, value = area_param.split("=")
    area = (institute_municipalities(value, munis, institutes()) if key == "institute" else set(value.split(",")))
    projects = load_projects().projects
    running = projects[status_at(projects, REF) == "running"]
    in_area = running[running["nis2025"].isin(area)]
    all_in_area = projects[projects["nis2025"].isin(area)]
    counts = official_area_counts()
    zb = None
    if official_area:
        zb = int(counts.loc[(counts["programme"] == "zorgzame_buurt") & (counts["area"] == official_area),
                            "official_count"].iloc[0])
    return {
        "municipalities": len(area),
        "with": in_area["nis2025"].nunique(),
        "projects": len(in_area),
        "zb_known": int((all_in_area["programme"] == "zorgzame_buurt").sum()),
        "zb_official": zb,
        "pt_known": int((all_in_area["programme"] == "proeftuin").sum()),
    }


def visible(text: str) -> str:
    return " ".join(text.replace("\u200b", "").split())


def has(text: str, line: str) -> bool:
    """`line` in `text`, not as the tail of a larger number ('2 van 62' is not in '12 van 62')."""
    return re.search(r"(?<!\d)" + re.escape(line), text) is not None


def download(page, label: str) -> bytes:
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name=label).click()
    return open(info.value.path(), "rb").read()


@pytest.mark.parametrize("area_param, name, official_area", CASES)
def test_page_report_and_csv_agree_under_a_status_filter_and_a_past_date(server, module_page, area_param, name,
                                                                         official_area):
    exp = expected(area_param, official_area)
    page = module_page
    page.goto(f"{server}/dekking?{area_param}&status=running&date={REF.isoformat()}", wait_until="domcontentloaded")
    kpi = page.locator('[data-testid="stMetric"]').filter(has_text="Gemeenten met ≥ 1 project")
    expect(kpi).to_contain_text(re.compile(rf"(?<!\d){exp['with']} van {exp['municipalities']}"), timeout=120_000)
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    raw_text = page.locator("section.stMain, [data-testid='stMain']").first.inner_text().replace("\u200b", "")
    text = visible(raw_text)
    day = fmt.day(REF, "nl")
    filters = f"Filters toegepast op de dekking: status op de peildatum: lopend; peildatum {day}."
    assert filters in text
    label = name or "Mijn werkgebied"
    if exp["zb_official"] is not None:  # the working area is a province: its official count (19.2)
        zb_line = f"{exp['zb_known']} van {exp['zb_official']} zorgzame buurten in {name} gekend"
    else:  # a custom area has none: say so, never quote Flanders (19.4)
        zb_line = f"{exp['zb_known']} zorgzame buurten gekend in "
    assert has(text, zb_line)
    pt_line = f"{exp['pt_known']} van {exp['pt_known']} proeftuinen in "
    assert has(text, pt_line) and "(alle 6 zijn gekend)" in text
    need = next(p for p in raw_text.splitlines() if "kansarmoede-index ≥" in p and not p.startswith("Noden"))
    assert "114" not in need and "Vlaanderen:" not in need and has(need, pt_line)  # the area's own counts (19.4)
    assert label in text

    # the HTML report says the same filters, counts and figures
    doc = visible(html.unescape(re.sub(r"<[^>]+>", " ", download(page, "Rapport downloaden (HTML, werkt offline)")
                                       .decode("utf-8"))))
    assert filters in doc and has(doc, zb_line) and has(doc, pt_line)
    assert re.search(rf"Alle programma's samen {exp['projects']} {exp['with']} van {exp['municipalities']} ", doc)
    assert "officieel 114" not in doc

    # the CSV holds the same municipalities, projects and filters
    raw = download(page, "Tabel downloaden (CSV)").decode("utf-8-sig")
    comments = [visible(line.lstrip("# ")) for line in raw.splitlines() if line.startswith("#")]
    assert any(filters in c for c in comments) and any(has(c, zb_line) for c in comments)
    rows = list(csv.DictReader(io.StringIO("\n".join(ln for ln in raw.splitlines() if not ln.startswith("#"))),
                               delimiter=";"))
    assert len(rows) == exp["municipalities"]
    projects = [int(r["Projecten"]) for r in rows]
    assert sum(projects) == exp["projects"] and sum(p > 0 for p in projects) == exp["with"]
