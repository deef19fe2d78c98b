"""Budget and status statistics: pure pandas, no Streamlit, no plotly.

The rules of the house, enforced here so every chart and table follows them:

* Only sourced amounts are summed. An empty `budget_eur` is *unknown*: it is counted
  (`n_without_amount`), never treated as zero.
* The budget bases (`granted`, `standard_rate`, `maximum`) are kept apart: every frame
  carries one column per basis and there is no column that adds them up.
* Programme-level totals (data/programmes.csv) are programme facts; they are never
  derived from, nor mixed with, the sum of the per-project amounts.
* An amount a source gives for several projects together (data/budget_groups.csv, the
  members carry its id in `budget_group`) is a GROUP amount: it is counted once, as the
  group's, in its own column (`group_eur`) and never split into per-project amounts nor
  added to the per-project sums. Its members are counted as `n_in_group`, not as "without
  amount".
* Per-inhabitant figures divide a sourced amount by the population (1 Jan 2020, Statbel,
  summed to the 2025 municipalities) of the very municipalities the amount went to.

Inputs are the frames the app already has: projects (after `FilterState.apply`, with
`province_nis`, `nis2025` and the typology columns), `atlas.model.data.programmes()`,
`atlas.model.data.institutes()` and `geo.reference.municipalities()` (a plain DataFrame is
enough: `nis`, `name`, `province_nis`, `population`, `degurba`, `uitrusting`).
"""

from __future__ import annotations

import math
import re
from datetime import date
from urllib.parse import urlparse

import numpy as np
import pandas as pd

from atlas.model import schema
from atlas.model.data import STATUSES, effective_end, status_at
from atlas.text import fmt
from atlas.text.i18n import t

BASES: tuple[str, ...] = ("granted", "standard_rate", "maximum")  # display order
UNKNOWN_GROUP = ""  # group value for projects whose province / class is not known


# ---------------------------------------------------------------------------
# Budgets per group, one column per basis
# ---------------------------------------------------------------------------
def _basis_columns() -> list[str]:
    cols = []
    for b in BASES:
        cols += [f"{b}_eur", f"n_{b}"]
    return cols


GROUP_AMOUNT_COLUMNS = ["n_in_group", "n_groups", "group_eur", "group_at_least"]


def _group_membership(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Per row: the id of its budget group with a known amount ('' if none), and that amount."""
    gid = frame["budget_group"].fillna("").astype(str) if "budget_group" in frame else pd.Series("", index=frame.index)
    gamount = (pd.to_numeric(frame["budget_group_eur"], errors="coerce") if "budget_group_eur" in frame
               else pd.Series(np.nan, index=frame.index))
    return gid.where(gamount.notna(), ""), gamount


def budget_by(projects: pd.DataFrame, by: str, groups: list[str] | None = None) -> pd.DataFrame:
    """Sourced amounts per value of column `by`, one amount column per budget basis.

    Columns: `by`, `n_projects`, then per basis `<basis>_eur` (sum of that basis; NaN
    when no project of the group has that basis: unknown, not zero) and `n_<basis>`,
    then `n_without_amount` (projects with no published amount of their own and not in a
    budget group), then the group amounts: `n_in_group` (projects whose money is part of
    a group amount), `n_groups` and `group_eur` (the amounts of the budget groups whose
    shown members all fall in this row, each counted once; NaN when none) and
    `group_at_least` (one of them is a lower bound, "just over"). A budget group whose
    shown members fall in several rows is in no row's `group_eur`: it cannot be split.
    `groups` fixes the rows and their order (rows without projects get zero counts).
    """
    frame = projects.copy()
    frame[by] = frame[by].fillna(UNKNOWN_GROUP).astype(str)
    amount = pd.to_numeric(frame["budget_eur"], errors="coerce")
    basis = frame["budget_basis"].fillna("").astype(str)
    gid, gamount = _group_membership(frame)
    at_least = (frame["budget_group_at_least"].fillna(False).astype(bool) if "budget_group_at_least" in frame
                else pd.Series(False, index=frame.index))
    # Each budget group belongs to the row of its members, if they all share one.
    group_row = {g: vals.iloc[0] for g, vals in frame.loc[gid != "", by].groupby(gid[gid != ""]) if vals.nunique() == 1}
    if groups is None:
        groups = list(dict.fromkeys(frame[by]))
    rows = []
    for g in groups:
        sel = frame[by] == g
        row: dict = {by: g, "n_projects": int(sel.sum())}
        for b in BASES:
            mask = sel & amount.notna() & (basis == b)
            row[f"n_{b}"] = int(mask.sum())
            row[f"{b}_eur"] = float(amount[mask].sum()) if mask.any() else np.nan
        row["n_without_amount"] = int((sel & amount.isna() & (gid == "")).sum())
        row["n_in_group"] = int((sel & (gid != "")).sum())
        mine = [k for k, v in group_row.items() if v == g]
        first = [int(np.flatnonzero((gid == k).to_numpy())[0]) for k in mine]
        row["n_groups"] = len(mine)
        row["group_eur"] = float(sum(gamount.iloc[i] for i in first)) if mine else np.nan
        row["group_at_least"] = bool(any(at_least.iloc[i] for i in first))
        rows.append(row)
    return pd.DataFrame(rows, columns=[by, "n_projects", *_basis_columns(), "n_without_amount", *GROUP_AMOUNT_COLUMNS])


def group_amounts(projects: pd.DataFrame) -> pd.DataFrame:
    """The budget groups with at least one member among `projects`, one row each.

    Columns: `budget_group`, `programme`, `name_nl`, `name_en`, `amount_eur` (the group's
    amount, never split), `at_least` (the source says "just over"), `n_projects` (how many
    projects the source puts under the amount), `n_shown` (members among `projects`),
    `ids`, `municipalities`, `province_nis` (if the members share one, else ''), `budget_basis`
    and `source_url` of the group.
    """
    gid, gamount = _group_membership(projects)
    cols = ["budget_group", "programme", "name_nl", "name_en", "amount_eur", "at_least", "budget_basis", "n_projects",
            "n_shown", "ids", "municipalities", "province_nis", "source_url"]
    rows = []
    for g, part in projects[gid != ""].groupby(gid[gid != ""], sort=True):
        first = part.iloc[0]
        prov = set(part["province_nis"].astype(str)) if "province_nis" in part else set()
        rows.append({
            "budget_group": g, "programme": first["programme"],
            "name_nl": first.get("budget_group_name_nl", g) or g, "name_en": first.get("budget_group_name_en", g) or g,
            "amount_eur": float(gamount[part.index[0]]), "at_least": bool(first.get("budget_group_at_least", False)),
            "budget_basis": first.get("budget_group_basis", "") or "granted",
            "n_projects": int(first.get("budget_group_n", len(part))), "n_shown": len(part),
            "ids": ", ".join(part["id"]), "municipalities": ", ".join(sorted(set(part["municipality"].astype(str)))),
            "province_nis": prov.pop() if len(prov) == 1 else "",
            "source_url": first.get("budget_group_source", ""),
        })
    return pd.DataFrame(rows, columns=cols)


def budget_by_programme(projects: pd.DataFrame, programmes: tuple[str, ...] | list[str] = schema.PROGRAMMES) -> pd.DataFrame:
    """Per-project sourced amounts summed per programme (every listed programme gets a row)."""
    return budget_by(projects, "programme", [p for p in schema.PROGRAMMES if p in programmes])


def budget_by_province(projects: pd.DataFrame) -> pd.DataFrame:
    """Per-project sourced amounts summed per province (Brussels as its region).

    Only provinces with projects get a row; a row `''` collects projects whose province is
    not known (reference geography missing). Adds `province_name`.
    """
    present = set(projects["province_nis"].fillna("").astype(str))
    groups = [p for p in schema.PROVINCES if p in present] + ([UNKNOWN_GROUP] if UNKNOWN_GROUP in present else [])
    out = budget_by(projects, "province_nis", groups)
    out.insert(1, "province_name", out["province_nis"].map(schema.PROVINCES).fillna(""))
    return out


_ORG_NOTE = re.compile(r"\s*[\(;].*$")


def holder_label(organisation: str) -> str:
    """A short label for an organisation field: the name before any remark in brackets."""
    text = _ORG_NOTE.sub("", str(organisation or "")).strip(" -–,")
    return text or str(organisation or "").strip()


def budget_by_holder(projects: pd.DataFrame, institutes: pd.DataFrame) -> pd.DataFrame:
    """Sourced amounts per institute (STEK rows: `institute_id`) or organisation (other rows).

    The organisation field is free text from the sources (with remarks such as "formal
    penhouder not verified"); the label keeps the name before the first remark, and the
    municipality is added so equal names in different places stay apart. Columns:
    `holder`, `holder_kind` ('institute' | 'organisation'), `programme`, `municipalities`
    plus the columns of `budget_by`. Sorted by granted amount, then the other bases.
    """
    names = dict(zip(institutes.get("id", []), institutes.get("short_name", [])))
    frame = projects.copy()
    inst = frame["institute_id"].fillna("").astype(str) if "institute_id" in frame else pd.Series("", index=frame.index)
    is_inst = inst != ""
    org_label = frame["organisation"].map(holder_label) + " (" + frame["municipality"].astype(str) + ")"
    gid, _ = _group_membership(frame)
    frame["holder"] = np.where(is_inst, inst.map(lambda i: names.get(i, i)), np.where(gid != "", gid, org_label))
    frame["holder_kind"] = np.where(is_inst, "institute", np.where(gid != "", "group", "organisation"))
    out = budget_by(frame, "holder")
    meta = frame.groupby("holder", sort=False).agg(
        holder_kind=("holder_kind", "first"),
        programme=("programme", lambda s: ",".join(p for p in schema.PROGRAMMES if p in set(s))),
        municipalities=("municipality", lambda s: ", ".join(sorted(set(s)))),
    )
    out = out.join(meta, on="holder")
    out = out[["holder", "holder_kind", "programme", "municipalities", *[c for c in out.columns if c not in
                                                                          ("holder", "holder_kind", "programme", "municipalities")]]]
    # A budget group is one holder row, labelled with its own name (language-specific).
    for lang in ("nl", "en"):
        col = f"budget_group_name_{lang}"
        names_by_group = dict(zip(gid, frame[col])) if col in frame else {}
        out[f"label_{lang}"] = [names_by_group.get(h, h) if k == "group" else h
                                for h, k in zip(out["holder"], out["holder_kind"])]
    keys = [f"{b}_eur" for b in BASES] + ["group_eur"]
    return out.sort_values(keys, ascending=False, na_position="last", kind="stable").reset_index(drop=True)


def project_amounts(projects: pd.DataFrame) -> pd.DataFrame:
    """The projects that have a published amount, one row each, with their basis.

    Columns: `id`, `programme`, `name`, `municipality`, `budget_eur`, `budget_basis`.
    """
    amount = pd.to_numeric(projects["budget_eur"], errors="coerce")
    out = projects.loc[amount.notna(), ["id", "programme", "name", "municipality", "budget_basis"]].copy()
    out.insert(4, "budget_eur", amount[amount.notna()])
    order = {b: i for i, b in enumerate(BASES)}
    return out.sort_values(["budget_basis", "budget_eur"], key=lambda s: s.map(order) if s.name == "budget_basis" else -s,
                           kind="stable").reset_index(drop=True)


def with_amount(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a `budget_by` frame that have at least one sourced amount (own or group)."""
    has = frame[[f"n_{b}" for b in BASES]].sum(axis=1) > 0
    if "n_groups" in frame:
        has |= frame["n_groups"] > 0
    return frame[has].reset_index(drop=True)


def stek_institutes(projects: pd.DataFrame, institutes: pd.DataFrame, programme_facts: pd.DataFrame) -> pd.DataFrame:
    """Known new STEK locations per regional institute next to the official number per institute.

    The official number per institute is the programme's official count divided over the
    institutes that received the grant (data/programmes.csv: 16 over the 8 institutes of
    data/institutes.csv). No amount per institute is published, so none is given.
    """
    stek = projects[projects["programme"] == "stek"]
    official = _number(programme_facts.loc["stek", "official_count"]) if "stek" in programme_facts.index else np.nan
    per_inst = official / len(institutes) if len(institutes) and not np.isnan(official) else np.nan
    counts = stek["institute_id"].value_counts()
    rows = []
    for _, inst in institutes.iterrows():
        rows.append({
            "institute_id": inst["id"],
            "institute": inst["short_name"],
            "n_known": int(counts.get(inst["id"], 0)),
            "n_official": per_inst,
            "municipalities": ", ".join(sorted(set(stek.loc[stek["institute_id"] == inst["id"], "municipality"]))),
        })
    return pd.DataFrame(rows, columns=["institute_id", "institute", "n_known", "n_official", "municipalities"])


# ---------------------------------------------------------------------------
# Programme-level facts (never from the projects)
# ---------------------------------------------------------------------------
def _number(value) -> float:
    try:
        return float(value) if str(value).strip() != "" else np.nan
    except ValueError:
        return np.nan


def programme_totals(programme_facts: pd.DataFrame, programmes: tuple[str, ...] | list[str] = schema.PROGRAMMES) -> pd.DataFrame:
    """The programme-level budget facts of data/programmes.csv, one row per listed programme.

    Columns: `programme`, `total_budget_eur` (NaN when none is published),
    `total_budget_basis`, `official_count`, `max_budget_per_project_eur`, `total_budget_note`,
    `total_budget_source`.
    """
    rows = []
    for p in schema.PROGRAMMES:
        if p not in programmes or p not in programme_facts.index:
            continue
        f = programme_facts.loc[p]
        rows.append({
            "programme": p,
            "total_budget_eur": _number(f["total_budget_eur"]),
            "total_budget_basis": f["total_budget_basis"],
            "official_count": _number(f["official_count"]),
            "max_budget_per_project_eur": _number(f["max_budget_per_project_eur"]),
            "total_budget_note": f["total_budget_note"],
            "total_budget_source": f["total_budget_source"],
        })
    return pd.DataFrame(rows, columns=["programme", "total_budget_eur", "total_budget_basis", "official_count",
                                       "max_budget_per_project_eur", "total_budget_note", "total_budget_source"])


def fact_text(facts, column: str, lang: str) -> str:
    """A programme text (data/programmes.csv) in the UI language: `<column>_<lang>` where the file
    has that column (an empty one stays empty: never the English research note on a Dutch page),
    else `<column>` itself (funder and operator are written in Dutch, with `_en` beside them)."""
    name = f"{column}_{lang}"
    value = facts[name] if name in facts else facts.get(column, "")
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def source_parts(value: str) -> list[tuple[str, str | None]]:
    """Split a ` | `-separated source field into (label, url or None for a document reference)."""
    out = []
    for part in schema.split_sources(value):
        if re.match(r"^https?://", part):
            parsed = urlparse(part)
            host = parsed.netloc.removeprefix("www.")
            out.append((host + (parsed.path if parsed.path not in ("", "/") else ""), part))
        else:
            out.append((part, None))
    return out


def short_sources(values: list[str] | pd.Series, limit: int = 6) -> list[str]:
    """Compact, de-duplicated source names for a chart's source line (domain or document)."""
    names: list[str] = []
    for value in values:
        for label, url in source_parts(value):
            name = urlparse(url).netloc.removeprefix("www.") if url else label.split(",")[0].split(" - ")[0].strip()
            if name and name not in names:
                names.append(name)
    return names[:limit] + (["…"] if len(names) > limit else [])


# ---------------------------------------------------------------------------
# Per inhabitant
# ---------------------------------------------------------------------------
def per_inhabitant(projects: pd.DataFrame, municipalities: pd.DataFrame, basis: str = "granted",
                   by: str = "province_nis") -> pd.DataFrame:
    """Sourced amounts of one `basis` per inhabitant, per value of `by`.

    The divisor is the population (1 Jan 2020, Statbel, on the 2025 municipalities) of the
    municipalities that received those amounts, each counted once: not the whole province.
    Columns: `by`, `amount_eur`, `n_projects`, `programmes`, `n_municipalities`, `municipalities`
    (names), `population`, `eur_per_inhabitant`. Groups without an amount of that basis
    have no row.
    """
    amount = pd.to_numeric(projects["budget_eur"], errors="coerce")
    funded = projects[amount.notna() & (projects["budget_basis"] == basis)].assign(_amount=amount)
    pop = municipalities[["nis", "name", "population"]].drop_duplicates("nis").set_index("nis")
    rows = []
    for g, part in funded.groupby(funded[by].fillna(UNKNOWN_GROUP).astype(str), sort=False):
        nis = sorted(set(part["nis2025"].astype(str)) & set(pop.index))
        population = int(pop.loc[nis, "population"].sum()) if nis else 0
        total = float(part["_amount"].sum())
        rows.append({
            by: g,
            "amount_eur": total,
            "n_projects": len(part),
            "programmes": ",".join(q for q in schema.PROGRAMMES if q in set(part["programme"])),
            "n_municipalities": len(nis),
            "municipalities": ", ".join(sorted(pop.loc[nis, "name"].astype(str))),
            "population": population,
            "eur_per_inhabitant": total / population if population else np.nan,
        })
    out = pd.DataFrame(rows, columns=[by, "amount_eur", "n_projects", "programmes", "n_municipalities", "municipalities",
                                      "population", "eur_per_inhabitant"])
    if by == "province_nis":
        out.insert(1, "province_name", out["province_nis"].map(schema.PROVINCES).fillna(""))
        order = {p: i for i, p in enumerate(schema.PROVINCES)}
        out = out.sort_values("province_nis", key=lambda s: s.map(order).fillna(99)).reset_index(drop=True)
    return out


# ---------------------------------------------------------------------------
# Status and timeline
# ---------------------------------------------------------------------------
def status_counts(projects: pd.DataFrame, ref: date, programmes: tuple[str, ...] | list[str] = schema.PROGRAMMES) -> pd.DataFrame:
    """Number of projects per programme and status at `ref` (from the dates alone).

    Columns: `programme`, `planned`, `running`, `ended`, `unknown`, `n_projects`; one row per
    listed programme, zeros where a status does not occur.
    """
    progs = [p for p in schema.PROGRAMMES if p in programmes]
    status = status_at(projects, ref) if len(projects) else pd.Series(dtype="object")
    table = pd.crosstab(projects["programme"], status) if len(projects) else pd.DataFrame()
    table = table.reindex(index=progs, columns=list(STATUSES), fill_value=0).fillna(0).astype(int)
    table["n_projects"] = table.sum(axis=1)
    return table.rename_axis(index="programme", columns=None).reset_index()


def extension_notes(programme_facts: pd.DataFrame, programmes: tuple[str, ...] | list[str], lang: str,
                    ref: date | None = None) -> list[tuple[str, str, str]]:
    """The sourced extension notes of data/programmes.csv for the listed programmes.

    One (programme, note in `lang`, sources) per programme that has one; the note says which
    projects may have run past their recorded end (e.g. the zorgzame buurten extension).
    With `ref`, only programmes whose official end lies before the reference date (before
    it, the note changes no status).
    """
    out = []
    for p in schema.PROGRAMMES:
        if p not in programmes or p not in programme_facts.index:
            continue
        f = programme_facts.loc[p]
        end = pd.to_datetime(f.get("end_date", ""), errors="coerce")
        if ref is not None and pd.notna(end) and end >= pd.Timestamp(ref):
            continue
        note = str(f.get(f"extension_note_{lang}", "") or f.get("extension_note_nl", "") or "").strip()
        if note:
            out.append((p, note, str(f.get("extension_source", "") or "")))
    return out


def timeline(projects: pd.DataFrame, programme_facts: pd.DataFrame | None = None,
             programmes: tuple[str, ...] | list[str] = schema.PROGRAMMES) -> pd.DataFrame:
    """Gantt rows: one per programme and distinct project period, with the number of projects.

    Only full periods (start AND end date published) are drawn: `kind='projects'`; the end
    is `extended_until` where the data records an extension. The
    programme's own period from data/programmes.csv is a separate row, `kind='programme'`,
    so it is never taken for a project's period. Projects with a missing date are rows with
    `kind='start_only'`, `'end_only'` or `'no_dates'` and empty dates that charts list as
    counts, never draw. Columns: `programme`, `kind`, `start`, `end`, `n_projects`, `ids`.
    """
    rows = []
    progs = [p for p in schema.PROGRAMMES if p in programmes]
    for p in progs:
        part = projects[projects["programme"] == p]
        if programme_facts is not None and p in programme_facts.index:
            f = programme_facts.loc[p]
            if str(f["start_date"]).strip() and str(f["end_date"]).strip():
                rows.append({"programme": p, "kind": "programme", "start": pd.Timestamp(f["start_date"]),
                             "end": pd.Timestamp(f["end_date"]), "n_projects": 0, "ids": ""})
        part = part.assign(_end=effective_end(part))  # an extension recorded in the data lengthens the bar
        has_s, has_e = part["start_date"].notna(), part["_end"].notna()
        full = part[has_s & has_e]
        for (s, e), grp in full.groupby(["start_date", "_end"], sort=True):
            rows.append({"programme": p, "kind": "projects", "start": s, "end": e, "n_projects": len(grp),
                         "ids": ", ".join(grp["id"])})
        for kind, mask in (("start_only", has_s & ~has_e), ("end_only", ~has_s & has_e), ("no_dates", ~has_s & ~has_e)):
            grp = part[mask]
            if len(grp):
                rows.append({"programme": p, "kind": kind, "start": pd.NaT, "end": pd.NaT, "n_projects": len(grp),
                             "ids": ", ".join(grp["id"])})
    return pd.DataFrame(rows, columns=["programme", "kind", "start", "end", "n_projects", "ids"])


# ---------------------------------------------------------------------------
# Urban versus rural
# ---------------------------------------------------------------------------
def area_split(projects: pd.DataFrame, municipalities: pd.DataFrame, typology: str, classes: list[str],
               programmes: tuple[str, ...] | list[str] = schema.PROGRAMMES) -> pd.DataFrame:
    """Projects per programme and area class next to the population living in each class.

    `municipalities` is the reference population for the comparison (pass the municipalities
    of the area the projects were filtered to). Rows: one per listed programme with projects
    (`group` = programme code) plus one `group='population'`. Columns: `group`, `class`
    (a class code, or '' for 'no class', e.g. Brussels under uitrusting), `count` (projects,
    or inhabitants for the population row), `share` (of the row's total).
    """
    cls_all = list(classes) + [UNKNOWN_GROUP]
    rows = []
    for p in [p for p in schema.PROGRAMMES if p in programmes]:
        part = projects[projects["programme"] == p]
        if not len(part):
            continue
        codes = part[typology].fillna("").astype(str) if typology in part else pd.Series("", index=part.index)
        counts = codes.value_counts()
        for c in cls_all:
            n = int(counts.get(c, 0))
            if c == UNKNOWN_GROUP and n == 0:
                continue
            rows.append({"group": p, "class": c, "count": n, "share": n / len(part)})
    codes = municipalities[typology].fillna("").astype(str)
    pop = municipalities.groupby(codes)["population"].sum()
    total = float(pop.sum())
    for c in cls_all:
        n = int(pop.get(c, 0))
        if c == UNKNOWN_GROUP and n == 0:
            continue
        rows.append({"group": "population", "class": c, "count": n, "share": n / total if total else np.nan})
    return pd.DataFrame(rows, columns=["group", "class", "count", "share"])


def reference_municipalities(municipalities: pd.DataFrame, state, institutes: pd.DataFrame | None = None
                             ) -> pd.DataFrame:
    """The municipalities of the area the projects were filtered to (atlas.model.areas, the one
    resolver), and of the selected municipality: for a fair comparison.

    The area-class filter is deliberately not applied: the population shares show all classes.
    """
    from atlas.model import areas

    area = areas.resolve(state.with_(area=()), municipalities, institutes)  # every class: see above
    mask = municipalities["nis"].astype(str).isin(area.nis)
    if state.municipality:
        mask &= municipalities["nis"].astype(str) == state.municipality
    return municipalities[mask]


def group_money(amount, at_least: bool, lang: str) -> str:
    """A group amount as the source gives it: 'ruim € 400.000' when the source says 'just over'."""
    money = fmt.money(amount, lang)
    return t("money_at_least", lang, amount=money) if at_least else money


# ---------------------------------------------------------------------------
# Projects and amounts against need (kansarmoede-index, geo.need)
# ---------------------------------------------------------------------------
NEED_COLUMNS = ["nis", "name", "province_nis", "province_name", "population", "kansarmoede_index_pct", "n_projects",
                "projects_per_10k", "amount_granted_eur", "n_granted", "amount_per_10k"]


def need_against_projects(projects: pd.DataFrame, municipalities: pd.DataFrame, level: str = "municipality") -> pd.DataFrame:
    """Known projects and known (granted) amounts per 10,000 inhabitants next to the kansarmoede-index.

    `level` 'municipality': one row per municipality of `municipalities` (the reference area;
    those without a known project have 0 projects, their amount 0 of 0 granted amounts: only
    sourced `granted` amounts per project are summed, group amounts are left out).
    `level` 'province': the same summed per province; its index is the population-weighted
    mean of the municipal indices (a rough figure: the index is a share of births) over the
    municipalities with a value. Rows keep a missing index as NaN.
    Columns: NEED_COLUMNS (`nis`/`name` are the province code/name at province level).
    """
    from geo.need import KANSARMOEDE, weighted_index

    m = municipalities.drop_duplicates("nis")
    nis = m["nis"].astype(str)
    amount = pd.to_numeric(projects["budget_eur"], errors="coerce")
    granted = amount.notna() & (projects["budget_basis"] == "granted")
    by_muni = projects["nis2025"].astype(str) if "nis2025" in projects.columns else pd.Series("", index=projects.index)
    n = by_muni.value_counts()
    amt = amount[granted].groupby(by_muni[granted]).sum()
    n_granted = by_muni[granted].value_counts()
    index = (pd.to_numeric(m[KANSARMOEDE], errors="coerce") if KANSARMOEDE in m.columns
             else pd.Series(np.nan, index=m.index))
    out = pd.DataFrame({
        "nis": nis.to_numpy(),
        "name": m["name"].astype(str).to_numpy(),
        "province_nis": m["province_nis"].astype(str).to_numpy(),
        "province_name": m["province_nis"].astype(str).map(schema.PROVINCES).fillna("").to_numpy(),
        "population": m["population"].astype("int64").to_numpy(),
        "kansarmoede_index_pct": index.to_numpy(dtype=float),
        "n_projects": nis.map(n).fillna(0).astype("int64").to_numpy(),
        "amount_granted_eur": nis.map(amt).fillna(0.0).astype(float).to_numpy(),
        "n_granted": nis.map(n_granted).fillna(0).astype("int64").to_numpy(),
    })
    if level == "province":
        rows = []
        for prov, part in out.groupby("province_nis", sort=False):
            rows.append({
                "nis": prov, "name": schema.PROVINCES.get(prov, prov), "province_nis": prov,
                "province_name": schema.PROVINCES.get(prov, prov), "population": int(part["population"].sum()),
                "kansarmoede_index_pct": weighted_index(part["kansarmoede_index_pct"], part["population"]),
                "n_projects": int(part["n_projects"].sum()), "amount_granted_eur": float(part["amount_granted_eur"].sum()),
                "n_granted": int(part["n_granted"].sum()),
            })
        out = pd.DataFrame(rows, columns=[c for c in NEED_COLUMNS if c not in ("projects_per_10k", "amount_per_10k")])
        order = {p: i for i, p in enumerate(schema.PROVINCES)}
        out = out.sort_values("province_nis", key=lambda s: s.map(order).fillna(99)).reset_index(drop=True)
    pop = out["population"].astype(float)
    out["projects_per_10k"] = np.where(pop > 0, out["n_projects"] / pop.clip(lower=1) * 10_000, np.nan)
    out["amount_per_10k"] = np.where(pop > 0, out["amount_granted_eur"] / pop.clip(lower=1) * 10_000, np.nan)
    return out[NEED_COLUMNS]
