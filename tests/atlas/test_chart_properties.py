"""Property-based tests of the chart builders (Hypothesis): for any mix of budget bases, group
amounts, unknown amounts and repeated names, every drawn bar carries the value of its own
label, no two rows merge, and the text summary says the same pairs.

Projects are generated as plain dicts; the expected pairs are computed from those dicts with
plain pandas (tests/chart_pairs.py), the figure is read back from its JSON.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas.model import budget, schema
from atlas.model.data import with_budget_groups
from atlas.text.i18n import t
from atlas.views import charts
from tests.atlas.test_budget import frame
from tests.chart_pairs import BASES, bar_pairs, check_summary, label, money_pairs, note_of, rows, spec
from tests.conftest import examples

# Building a plotly figure costs about 0.1 s of CPU, so: twice as many examples for the per-project
# chart (where labels and amounts once drifted apart) as for the others; ten times as many with
# ZB_HYPOTHESIS=deep (tests/conftest.py).
SETTINGS = settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
QUICK = settings(SETTINGS, max_examples=examples(15))
SOURCE = "Bron: test"
# Repeated and look-alike names on purpose: the same municipality name in two provinces,
# organisations equal in their first 46 characters, markup that must stay text.
MUNICIPALITIES = ["Zonnebeke", "Zonnebeke", "Gent", "Sint-Niklaas", "A & B", "<b>Bold</b>"]
ORGANISATIONS = ["vzw Buurtwerk", "OCMW (penhouder niet geverifieerd)",
                 "Vereniging voor samenlevingsopbouw en buurtwerking Noord",
                 "Vereniging voor samenlevingsopbouw en buurtwerking Zuid"]
GROUP_NAMES = ["Gent (5 projecten samen)", "Zonnebeke · P1", "Groep <i>x</i>"]
INSTITUTES = pd.DataFrame({"id": ["i1", "i2"], "short_name": ["SAAMO Gent", "SAAMO Limburg"], "name": ["a", "b"]})


@st.composite
def projects(draw, min_size: int = 1):
    """A projects frame as the app has it after loading (with the group columns), and its groups."""
    n = draw(st.integers(min_size, 10))
    group_names = {g: draw(st.sampled_from(GROUP_NAMES)) for g in ("G1", "G2")}  # two groups may share a name
    groups = pd.DataFrame({
        "id": ["G1", "G2"], "amount_eur": [float(draw(st.integers(1, 900)) * 1000) for _ in range(2)],
        "amount_qualifier": [draw(st.sampled_from(["", "at_least"])) for _ in range(2)],
        "n_projects": [3, 2], "name_nl": list(group_names.values()), "name_en": [g + " (en)" for g in group_names.values()],
        "budget_basis": ["granted", "granted"], "source_url": ["https://example.org/a", "https://example.org/b"],
    }).set_index("id", drop=False)
    rows_ = []
    for i in range(n):
        programme = draw(st.sampled_from(schema.PROGRAMMES))
        amount = draw(st.one_of(st.none(), st.integers(1, 500).map(lambda k: float(k * 1000))))
        rows_.append({
            "id": f"P{i}", "programme": programme, "name": f"Project {i}",
            "municipality": draw(st.sampled_from(MUNICIPALITIES)),
            "province_nis": draw(st.sampled_from([*schema.PROVINCES, ""])),
            "organisation": draw(st.sampled_from(ORGANISATIONS)),
            "institute_id": draw(st.sampled_from(["", "i1", "i2"])) if programme == "stek" else "",
            "budget_eur": np.nan if amount is None else amount,
            "budget_basis": "" if amount is None else draw(st.sampled_from(BASES)),
            "budget_group": draw(st.sampled_from(["", "", "G1", "G2"])),
        })
    shown = with_budget_groups(frame(rows_), groups)
    return shown, groups


def plain_rows(shown: pd.DataFrame) -> pd.DataFrame:
    """The generated rows with the columns the expected values use (`amount`, `basis`, `group`)."""
    return shown.assign(amount=shown["budget_eur"], basis=shown["budget_basis"], group=shown["budget_group"])


def note(part: pd.DataFrame, lang: str) -> str:
    """The second line of a row label: the projects without any amount, and those in a group amount."""
    unknown = int((part["budget_eur"].isna() & (part["budget_group"] == "")).sum())
    text = t("n_without_amount", lang, n=unknown) if unknown else t("all_amounts_known", lang)
    in_group = int((part["budget_group"] != "").sum())
    return text + (" · " + t("n_in_group", lang, n=in_group) if in_group else "")


def second_lines(fig) -> dict[str, str]:
    """Row label -> the note under it, for every drawn row (bars and 'not published' texts)."""
    out = {}
    for cat in rows(fig):
        out[label(cat)] = note_of(cat)
    return out


def no_zero_bars(fig) -> None:
    """An unknown amount is never drawn as a zero bar."""
    for name, pairs in bar_pairs(fig).items():
        assert all(v > 0 for _, v in pairs), (name, pairs)


@SETTINGS
@given(projects(), st.sampled_from(["nl", "en"]))
def test_project_chart_pairs_each_amount_with_its_own_project(data, lang):
    shown, groups = data
    amounts = budget.project_amounts(shown)
    shown_groups = budget.group_amounts(shown)
    built = charts.project_budget_chart(amounts, lang, source=SOURCE, n_without=0, groups=shown_groups)
    fig = spec(built)
    part = plain_rows(shown)
    expected = money_pairs(part, part["municipality"] + " · " + part["id"], lambda k: k, lang, None)
    members = sorted(set(part["group"]) - {""})
    if members:
        expected[t("basis_group", lang)] = sorted((groups.loc[g, f"name_{lang}"], groups.loc[g, "amount_eur"])
                                                  for g in members)
    assert {k: sorted(v) for k, v in bar_pairs(fig).items()} == expected
    assert len(rows(fig)) == int(part["amount"].notna().sum()) + len(members)  # one row per bar, none merged
    no_zero_bars(fig)
    check_summary(fig, charts.text_summary(built, lang, max_items=100), lang)


@QUICK
@given(projects(), st.sampled_from(["nl", "en"]))
def test_programme_and_province_charts_sum_each_row_and_count_its_unknowns(data, lang):
    shown, groups = data
    part = plain_rows(shown)
    built = charts.budget_by_programme_chart(budget.budget_by_programme(shown), lang, source=SOURCE)
    fig = spec(built)
    assert {k: sorted(v) for k, v in bar_pairs(fig).items()} == money_pairs(
        part, part["programme"], lambda p: t("prog_" + p, lang), lang, groups)
    notes = second_lines(fig)
    assert notes == {t("prog_" + p, lang): note(part[part["programme"] == p], lang) for p in schema.PROGRAMMES}
    no_zero_bars(fig)
    check_summary(fig, charts.text_summary(built, lang, max_items=100), lang)

    province = lambda p: schema.PROVINCES.get(p) or t("unknown", lang)  # noqa: E731
    built = charts.budget_by_province_chart(budget.budget_by_province(shown), lang, source=SOURCE)
    fig = spec(built)
    assert {k: sorted(v) for k, v in bar_pairs(fig).items()} == money_pairs(
        part, part["province_nis"], province, lang, groups)
    assert second_lines(fig) == {province(p): note(part[part["province_nis"] == p], lang)
                                 for p in set(part["province_nis"])}
    no_zero_bars(fig)
    check_summary(fig, charts.text_summary(built, lang, max_items=100), lang)


@QUICK
@given(projects(), st.sampled_from(["nl", "en"]))
def test_holder_chart_pairs_each_organisation_with_its_own_amounts(data, lang):
    shown, groups = data
    part = plain_rows(shown)
    names = dict(zip(INSTITUTES["id"], INSTITUTES["short_name"]))
    key = pd.Series([names[i] if i else (g if g else f"{budget.holder_label(o)} ({m})") for i, g, o, m in
                     zip(part["institute_id"], part["group"], part["organisation"], part["municipality"])],
                    index=part.index)
    holders = budget.with_amount(budget.budget_by_holder(shown, INSTITUTES))
    if not len(holders):
        return  # the page then says so in words, without a chart
    built = charts.budget_by_holder_chart(holders, lang, source=SOURCE, n_holders_without=0, n_projects_without=0)
    fig = spec(built)

    def name(k):
        text = groups.loc[k, f"name_{lang}"] if k in groups.index else k
        return text if len(text) <= 44 else text[:42] + "…"

    assert {k: sorted(v) for k, v in bar_pairs(fig).items()} == money_pairs(part, key, name, lang, groups)
    # Two organisations cut to the same label, a group named like another row: still one row each.
    with_amounts = set(key[part["amount"].notna()])
    for _, grp in part[part["group"] != ""].groupby("group"):
        if len(set(key[grp.index])) == 1:
            with_amounts |= set(key[grp.index])
    assert len(rows(fig)) == len(with_amounts)
    no_zero_bars(fig)
    check_summary(fig, charts.text_summary(built, lang, max_items=100), lang)


@QUICK
@given(st.lists(st.tuples(st.sampled_from(schema.PROGRAMMES), st.integers(0, 3), st.integers(0, 3)), min_size=1,
                max_size=8), st.sampled_from(["nl", "en"]))
def test_timeline_draws_one_row_per_period_even_when_two_periods_share_a_count(periods, lang):
    f = frame([{"id": f"P{i}", "programme": p, "start_date": f"{2019 + s}-01-01", "end_date": f"{2023 + e}-06-30"}
               for i, (p, s, e) in enumerate(periods)])
    tl = budget.timeline(f, None)
    fig = charts.timeline_chart(tl, lang, date(2023, 5, 1), source=SOURCE)
    distinct = {(p, s, e) for p, s, e in periods}
    [trace] = [tr for tr in fig.data if tr.base is not None]
    assert len(set(trace.y)) == len(trace.y) == len(distinct)  # no two periods on one row
    counts = sorted(sum(1 for q in periods if q == d) for d in distinct)
    assert sorted(int(label(y).split(":")[-1].split()[0]) for y in trace.y) == counts
