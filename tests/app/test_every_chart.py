"""Every chart the app draws, read back from the figure the browser receives, against the data.

Each page is run as a user opens it (AppTest), in every tab, in Dutch and English, with the
shipped data (the Gent group amount present) and with a copy of data/projects.csv without
group memberships. For every figure the (label, value) pairs are read out of its JSON
(tests/chart_pairs.py) and compared with numbers computed here straight from the CSV files
(plain pandas, not atlas.model.budget). The chart's text summary under it must say the same pairs.
A figure whose title no check knows fails: a new chart needs its check here.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from atlas.model import schema
from atlas.model.budget import holder_label
from atlas.model.data import effective_end, load_projects, status_at
from atlas.text.i18n import t
from atlas.text.labels import class_label
from tests.app.conftest import each_tab, run_app, show_tab
from tests.chart_pairs import (array, bar_pairs, bar_traces, caption_text, check_summary, label,
                               money_pairs, rows, spec, title)

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
REF = date(2023, 5, 1)
PAGES = {  # page -> programmes its charts are about
    "pages/budget_status.py": schema.PROGRAMMES,
    "pages/programme_stek.py": ("stek",),
    "pages/programme_proeftuin.py": ("proeftuin",),
    "pages/programme_zorgzame_buurt.py": ("zorgzame_buurt",),
}


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


class Data:
    """The shown projects, from the CSV text (amounts, groups, names) plus the app's geography
    (2025 municipality, province, area class: a placement, not a chart rule)."""

    def __init__(self, projects_csv: Path):
        raw = read_csv(projects_csv)
        placed = load_projects().projects.set_index("id")
        assert len(placed) == len(raw), "every row of the file is valid, so the file is what the app shows"
        raw["amount"] = pd.to_numeric(raw["budget_eur"].replace("", np.nan))
        raw["basis"] = np.where(raw["amount"].notna() & (raw["budget_basis"] == ""), "granted", raw["budget_basis"])
        for col in ("province_nis", "nis2025", "degurba"):
            raw[col] = raw["id"].map(placed[col]).fillna("").astype(str)
        for col in ("start_date", "end_date", "extended_until"):
            raw[col] = pd.to_datetime(raw[col].replace("", None), errors="coerce")
        groups = read_csv(DATA / "budget_groups.csv").set_index("id")
        raw["group"] = raw["budget_group"].where(raw["budget_group"].isin(groups.index), "")
        self.projects, self.groups = raw, groups
        self.facts = read_csv(DATA / "programmes.csv").set_index("programme")
        self.institutes = read_csv(DATA / "institutes.csv")

    def of(self, programmes) -> pd.DataFrame:
        return self.projects[self.projects["programme"].isin(programmes)]




def sorted_pairs(fig) -> dict:
    return {name: sorted(pairs) for name, pairs in bar_pairs(fig).items()}


def check_budget_programme(fig, data: Data, progs, lang):
    part = data.of(progs)
    assert sorted_pairs(fig) == money_pairs(part, part["programme"], lambda p: t("prog_" + p, lang), lang, data.groups)


def check_budget_province(fig, data: Data, progs, lang):
    part = data.of(progs)
    name = lambda p: schema.PROVINCES.get(p) or t("unknown", lang)  # noqa: E731
    assert sorted_pairs(fig) == money_pairs(part, part["province_nis"], name, lang, data.groups)


def check_budget_holder(fig, data: Data, progs, lang):
    part = data.of(progs)
    names = dict(zip(data.institutes["id"], data.institutes["short_name"]))
    key = pd.Series([names[i] if i else (g if g else f"{holder_label(o)} ({m})") for i, g, o, m in
                     zip(part["institute_id"], part["group"], part["organisation"], part["municipality"])], index=part.index)

    def name(k):
        text = data.groups.loc[k, f"name_{lang}"] if k in data.groups.index else k
        return text if len(text) <= 44 else text[:42] + "…"

    assert sorted_pairs(fig) == money_pairs(part, key, name, lang, data.groups)


def check_project_budget(fig, data: Data, progs, lang):
    part = data.of(progs)
    key = part["municipality"] + " · " + part["id"]
    expected = money_pairs(part, key, lambda k: k, lang, None)  # own amounts, one row each
    shown_groups = data.groups.loc[sorted(set(part["group"]) - {""})]
    if len(shown_groups):
        expected[t("basis_group", lang)] = sorted((n, float(a)) for n, a in
                                                 zip(shown_groups[f"name_{lang}"], shown_groups["amount_eur"]))
    assert sorted_pairs(fig) == expected
    assert len(rows(fig)) == int(part["amount"].notna().sum()) + len(shown_groups)  # one row per bar


def check_programme_totals(fig, data: Data, progs, lang):
    expected: dict[str, list] = {}
    for p in progs:
        f = data.facts.loc[p]
        if f["total_budget_eur"]:
            expected.setdefault(t("basis_" + f["total_budget_basis"], lang), []).append(
                (t("prog_" + p, lang), float(f["total_budget_eur"])))
    assert sorted_pairs(fig) == {k: sorted(v) for k, v in expected.items()}


def check_per_inhabitant(fig, data: Data, progs, lang):
    from geo import reference

    pop = reference.municipalities().set_index("nis")["population"]
    part = data.of(progs)
    granted = part[part["basis"] == "granted"]
    expected = []
    for prov, grp in granted.groupby("province_nis"):
        people = sum(int(pop[n]) for n in set(grp["nis2025"]) if n in pop.index)
        expected.append((schema.PROVINCES.get(prov) or t("unknown", lang), grp["amount"].sum() / people))
    [(name, pairs)] = bar_pairs(fig).items()
    assert name == t("basis_granted", lang)
    assert [p[0] for p in sorted(pairs)] == [e[0] for e in sorted(expected)]
    assert [p[1] for p in sorted(pairs)] == pytest.approx([e[1] for e in sorted(expected)])


def check_stek_institutes(fig, data: Data, progs, lang):
    stek = data.of(("stek",))
    official = float(data.facts.loc["stek", "official_count"]) / len(data.institutes)
    known = stek["institute_id"].value_counts()
    expected = {
        t("stek_official_per_inst", lang): sorted((n, official) for n in data.institutes["short_name"]),
        t("stek_known_per_inst", lang): sorted((n, float(known.get(i, 0))) for i, n in
                                               zip(data.institutes["id"], data.institutes["short_name"])),
    }
    assert sorted_pairs(fig) == expected


def check_status(fig, data: Data, progs, lang, ref=REF):
    part = data.of(progs)
    status = status_at(part, ref)
    expected = {}
    for s in ("running", "planned", "ended", "unknown"):
        name = t("status_" + s, lang) + (" " + t("status_unknown_why", lang) if s == "unknown" else "")
        expected[label(name)] = sorted((t("prog_" + p, lang), float(((part["programme"] == p) & (status == s)).sum()))
                                       for p in progs)
    assert sorted_pairs(fig) == expected


def check_timeline(fig, data: Data, progs, lang):
    part = data.of(progs)
    shown_progs = [p for p in progs if (part["programme"] == p).any()
                   or (data.facts.loc[p, "start_date"] and data.facts.loc[p, "end_date"])]
    several = len(shown_progs) > 1
    expected_projects, expected_programme = [], []
    for p in shown_progs:
        mine = part[part["programme"] == p].assign(_end=lambda d: effective_end(d))
        full = mine[mine["start_date"].notna() & mine["_end"].notna()]
        for (s, e), grp in full.groupby(["start_date", "_end"]):
            text = t("tl_projects", lang, n=len(grp))
            lab = f"{t('prog_' + p, lang)}: {text}" if several else text[:1].upper() + text[1:]
            expected_projects.append((lab, s.strftime("%Y-%m-%d"), (e - s).days + 1))
        f = data.facts.loc[p]
        if f["start_date"] and f["end_date"]:
            s, e = pd.Timestamp(f["start_date"]), pd.Timestamp(f["end_date"])
            text = t("tl_programme", lang)
            lab = f"{t('prog_' + p, lang)}: {text}" if several else text[:1].upper() + text[1:]
            expected_programme.append((lab, s.strftime("%Y-%m-%d"), (e - s).days + 1))
    drawn = {}
    for tr in bar_traces(fig):
        cats = array(tr["y"])
        assert len(set(cats)) == len(cats), cats
        drawn[label(tr["name"])] = sorted((label(c), str(b)[:10], round(x / 86_400_000)) for c, b, x in
                                          zip(cats, array(tr["base"]), array(tr["x"])))
    expected = {t("tl_projects_legend", lang): sorted(expected_projects),
                t("tl_programme_legend", lang): sorted(expected_programme)}
    assert drawn == {k: v for k, v in expected.items() if v}


def check_area_split(fig, data: Data, progs, lang, typology="degurba"):
    from geo import reference
    from geo.typology import TYPOLOGIES

    part = data.of(progs)
    munis = reference.municipalities()
    classes = list(TYPOLOGIES[typology]["classes"]) + [""]
    pop_codes = munis[typology].fillna("").astype(str)
    pop_share = munis.groupby(pop_codes)["population"].sum() / munis["population"].sum()
    expected: dict[str, list] = {}
    for c in classes:
        pairs = []
        for p in progs:
            mine = part[part["programme"] == p]
            if len(mine) and (c or (mine[typology] == "").any()):
                pairs.append((t("prog_" + p, lang), 100 * float((mine[typology] == c).mean())))
        if c or pop_share.get("", 0):
            pairs.append((t("pop_label_all", lang), 100 * float(pop_share.get(c, 0.0))))
        if pairs:
            expected[label(class_label(typology, c, lang))] = sorted(pairs)
    drawn = sorted_pairs(fig)
    assert drawn.keys() == expected.keys()
    for name, pairs in expected.items():
        assert [p[0] for p in drawn[name]] == [p[0] for p in pairs], name
        assert [p[1] for p in drawn[name]] == pytest.approx([p[1] for p in pairs]), name


def check_need(fig, data: Data, progs, lang, measure="projects"):
    """Known projects (or granted amounts) per 10,000 inhabitants against the kansarmoede-index,
    per municipality or (points with a name label) per province, population-weighted."""
    from geo import reference

    munis = reference.municipalities().drop_duplicates("nis")
    part = data.of(progs)
    if measure == "projects":
        per_nis = part["nis2025"].value_counts()
    else:
        granted = part[part["basis"] == "granted"]
        per_nis = granted["amount"].groupby(granted["nis2025"]).sum()
    munis = munis.assign(value=munis["nis"].map(per_nis).fillna(0.0))
    [trace] = spec(fig)["data"]
    if trace.get("mode") == "markers+text":  # province level
        expected = {}
        for prov, grp in munis.groupby("province_nis"):
            known = grp["kansarmoede_index_pct"].notna() & (grp["population"] > 0)
            if known.any() and grp["population"].sum() > 0:
                w = grp.loc[known, "population"].astype(float)
                index = float((grp.loc[known, "kansarmoede_index_pct"] * w).sum() / w.sum())
                expected[schema.PROVINCES.get(prov, prov)] = (10_000 * grp["value"].sum() / grp["population"].sum(), index)
    else:
        expected = {n: (10_000 * v / pop, idx) for n, v, pop, idx in
                    zip(munis["name"], munis["value"], munis["population"], munis["kansarmoede_index_pct"])
                    if pd.notna(idx) and pop > 0}
    points = {label(row[0]): (y, x) for row, x, y in
              zip(trace["customdata"], array(trace["x"]), array(trace["y"]))}
    assert points.keys() == expected.keys()
    for name, (y, x) in points.items():
        assert (y, x) == pytest.approx(expected[name]), name


CHECKS = {  # chart title message -> check
    "ch_programme_totals": check_programme_totals,
    "ch_budget_programme": check_budget_programme,
    "ch_budget_province": check_budget_province,
    "ch_budget_holder": check_budget_holder,
    "ch_budget_project": check_project_budget,
    "ch_per_inhabitant": check_per_inhabitant,
    "ch_stek_institutes": check_stek_institutes,
    "ch_status": check_status,
    "ch_timeline": check_timeline,
    "ch_area_split": check_area_split,
    "need_chart_title_projects": check_need,
    "need_chart_title_amount": lambda fig, data, progs, lang: check_need(fig, data, progs, lang, measure="amount"),
}


def check_of(fig, lang: str):
    text = title(fig)
    for key, check in CHECKS.items():
        pattern = re.escape(label(t(key, lang, date="\0"))).replace("\\\x00", ".+").replace("\x00", ".+")
        if re.fullmatch(pattern, text):
            return key, check
    raise AssertionError(f"no check for the chart {text!r}: add one to CHECKS")


def summaries(at, lang: str) -> list[str]:
    head = t("chart_summary", lang, title="\0", content="\0").split("\0")[0]
    return [caption_text(c.value) for c in at.caption if caption_text(c.value).startswith(head)]


@pytest.fixture(params=["groups", "no_groups"])
def data(request, tmp_path, monkeypatch):
    path = DATA / "projects.csv"
    if request.param == "no_groups":
        raw = read_csv(path)
        assert (raw["budget_group"] != "").any()
        raw["budget_group"] = ""
        path = tmp_path / "projects.csv"
        raw.to_csv(path, index=False)
        monkeypatch.setenv("ATLAS_PROJECTS_CSV", str(path))
    return Data(path)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_chart_of_every_page_shows_the_values_of_the_data(data, lang):
    seen: dict[str, int] = {}
    group_bars = 0
    for page, progs in PAGES.items():
        at = run_app({"lang": lang, "date": REF.isoformat()}, page=page)
        for _ in each_tab(at):
            assert not at.exception, [e.message for e in at.exception]
            figs = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
            texts = summaries(at, lang)
            assert len(texts) == len(figs), (page, [title(f) for f in figs])
            for fig, summary in zip(figs, texts):
                key, check = check_of(fig, lang)
                check(fig, data, progs, lang)
                check_summary(fig, summary, lang)
                seen[key] = seen.get(key, 0) + 1
                group_bars += len(bar_pairs(fig).get(t("basis_group", lang), []))
        if page == "pages/budget_status.py":  # the need chart's other measure and level
            for measure, level in (("amount", "municipality"), ("projects", "province"), ("amount", "province")):
                show_tab(at, 4)
                at.session_state["need_measure"], at.session_state["need_level"] = measure, level
                at.run()
                [fig] = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
                key, check = check_of(fig, lang)
                assert key == "need_chart_title_" + measure
                check(fig, data, progs, lang)
                seen[key] = seen.get(key, 0) + 1
                assert (spec(fig)["data"][0]["mode"] == "markers+text") == (level == "province")
    assert set(seen) == set(CHECKS), f"charts never seen: {set(CHECKS) - set(seen)}"
    # With the shipped data the Gent group is drawn (per programme, province, organisation, project).
    assert (group_bars == 4) if (data.projects["group"] != "").any() else (group_bars == 0)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_static_site_charts_show_the_values_of_the_data(data, lang):
    from atlas.views import static_site
    from atlas.model.data import programmes

    figures = static_site.chart_figures(load_projects().projects, programmes(), lang, REF)
    assert len(figures) == 3
    for item in figures:
        key, check = check_of(item["figure"], lang)
        check(item["figure"], data, schema.PROGRAMMES, lang)
