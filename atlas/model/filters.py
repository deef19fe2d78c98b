"""The one filter state of the app, and every filter declared once.

Each `Filter` below says, in one place, what a filter is:
- its URL parameter (`key`) and how a value is read from and written to a link;
- its widget (kind, label, options and how an option reads), rendered by `atlas.ui`;
- how it narrows the projects (`narrow`);
- how it reads in words (`describe`), for the summary and the exports;
- what it does on the coverage page (`coverage`, one of COVERAGE_USES): narrow the projects
  that count, name or limit the area, change how the page reads, or not apply there (the page
  then says so). The coverage figures, its report and its exports follow this declaration.
- for an area filter (`coverage='area'`), how it names or limits the area (`area`, an
  `AreaRule`): which municipalities a value covers, how the area then reads, and whether it
  names the area or only narrows one another filter names. `atlas.model.areas.resolve` reads
  these rules, and every page (map, programme pages, budget, coverage, report, downloads)
  follows the area it gives.

`FilterState` is a frozen dataclass with one field per filter. `to_query()` gives the query
parameters (defaults left out); `from_query()` restores a state from a link, dropping
unknown or malformed values with a notice instead of failing. Old links keep working:
multiple values are comma-separated (`?programme=stek,proeftuin`) and repeated
parameters (`?programme=stek&programme=proeftuin`) are read too.

A new filter is one `Filter` entry here, one field in `FilterState` and its strings (a new area
filter also names a municipality attribute, declared in geo.config.MUNICIPALITY_ATTRIBUTES).
This module is pure: no streamlit, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any, Callable, Iterable, Mapping, Sequence

import pandas as pd

from atlas.model import schema
from atlas.model.data import STATUSES as _DATA_STATUSES
from atlas.text import fmt
from atlas.text.i18n import LANGS, t  # the languages come from the catalogues
from atlas.text.labels import class_label, typology_label
from geo.typology import TYPOLOGIES

TYPOLOGY_CODES: tuple[str, ...] = tuple(TYPOLOGIES)
COLOUR_MODES = ("none", "typology", "density", "kansarmoede", "oki")
# The filter's display order (current first) of atlas.model.data.STATUSES, the one list of statuses.
STATUSES = tuple(sorted(_DATA_STATUSES, key=("running", "ended", "planned", "unknown").index))
# What a filter does on the coverage page (Filter.coverage):
# 'projects': narrows the projects that count (coverage, white spots, need gaps, map);
# 'area': names or limits the working area (its Filter.area rule; atlas.model.areas.resolve);
# 'view': changes how the page reads (language, the typology of the balance table);
# 'not_applied': has no effect there; the page lists it when it is set.
COVERAGE_USES = ("projects", "area", "view", "not_applied")
# The reference date is bounded: the programmes run 2019-2025; a link may look a little
# further either way, not to year 1 or 9999.
DATE_MIN = date(2018, 1, 1)
DATE_MAX = date(2030, 12, 31)
MAX_VALUE_CHARS = 40  # a value quoted back in a notice is cut to this length
MAX_ITEMS = 400  # more comma-separated items than this in one parameter are not read
# Only ASCII digits: `\d` and str.isdigit() also accept '²', '①', '٣' and fullwidth digits, which
# int() refuses (or reads as another number) and no NIS code or step is written with.
_NIS_RE = re.compile(r"[0-9]{5}")
_STEP_RE = re.compile(r"[0-9]{1,2}")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ELZ_RE = re.compile(r"elz[0-9]{1,3}")


def _natural(text: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"([0-9]+)", str(text)))


def _typology_classes() -> dict[str, tuple[str, ...]]:
    return {code: tuple(spec["classes"]) for code, spec in TYPOLOGIES.items()}


@dataclass(frozen=True)
class Vocabulary:
    """The values a link may name (unknown ones are dropped with a notice), and their names."""

    institutes: Mapping[str, str] = field(default_factory=dict)  # id -> display name
    municipalities: Mapping[str, str] | None = None  # 2025 NIS -> name; None: any 5-digit code
    classes: Mapping[str, tuple[str, ...]] = field(default_factory=_typology_classes)
    # per code attribute of the municipalities layer (geo.config.MUNICIPALITY_ATTRIBUTES, e.g.
    # 'elz'): 2025 NIS -> value; an attribute without a layer is missing (a link may then name any value)
    attributes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def municipality_name(self, nis: str) -> str:
        return (self.municipalities or {}).get(nis, nis)

    def values_of(self, attribute: str) -> tuple[str, ...] | None:
        """The values an attribute takes in the layer (sorted naturally: elz2 before elz10);
        None without the layer."""
        if attribute not in self.attributes:
            return None
        return tuple(sorted({v for v in self.attributes[attribute].values() if v}, key=_natural))

    def members_of(self, attribute: str, value: str) -> tuple[str, ...]:
        """The 2025 NIS codes whose `attribute` is `value`, in code order."""
        return tuple(sorted(n for n, v in self.attributes.get(attribute, {}).items() if v == value))


# ---------------------------------------------------------------------------
# The state
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class FilterState:
    programmes: tuple[str, ...] = schema.PROGRAMMES
    typology: str = "degurba"
    area: tuple[str, ...] = ()  # class codes of `typology`; empty = all
    provinces: tuple[str, ...] = ()  # empty = all
    statuses: tuple[str, ...] = ()  # status at the reference date; empty = all
    institute: str | None = None  # working area of a regional institute
    elz: str | None = None  # a primary-care zone (eerstelijnszone) code, e.g. 'elz13'
    date: date | None = None  # None = today
    municipality: str | None = None  # selected 2025 NIS code (map click, place search)
    municipalities: tuple[str, ...] = ()  # a custom working area (2025 NIS codes)
    colour: str = "none"  # map choropleth: none | typology | density | kansarmoede | oki
    lang: str = "nl"
    presenter: int = 0  # presenter mode: 0 = off, else the step shown (atlas.views.presenter.STEPS, 1-based)

    def __post_init__(self) -> None:
        # One canonical order, so equal selections give equal states and equal links.
        object.__setattr__(self, "programmes", tuple(p for p in schema.PROGRAMMES if p in self.programmes))
        object.__setattr__(self, "statuses", tuple(s for s in STATUSES if s in self.statuses))

    @property
    def ref_date(self) -> date:
        return self.date or date.today()

    def with_(self, **changes) -> FilterState:
        return replace(self, **changes)

    def pick(self, field: str, value) -> FilterState:
        """The state after a user picks `value` for one filter: a new way of naming the area
        clears the others (an institute replaces a province or a custom list, …)."""
        changes = {field: value}
        if value:
            for other in REPLACES[field]:
                changes[other] = getattr(_DEFAULT, other)
        if field == "typology" and value != self.typology:
            changes["area"] = ()  # class codes belong to one typology
        return replace(self, **changes)

    # ---- URL round trip ------------------------------------------------------
    def to_query(self) -> dict[str, str]:
        """Query parameters for this state; defaults are left out so links stay short."""
        default = FilterState()
        out: dict[str, str] = {}
        for f in FILTERS:
            value = getattr(self, f.field)
            if value != getattr(default, f.field):
                out[f.key] = f.dump(value)
        return out

    @classmethod
    def from_query(cls, params: Mapping[str, Any], vocab: Vocabulary | None = None) -> tuple[FilterState, list[str]]:
        """Restore a state from query parameters; returns (state, notices about ignored values).

        A notice is `key=value` with the value cut to MAX_VALUE_CHARS characters; the caller
        shows it as plain text (it comes from the link, so it is not trusted). No parameter
        value raises: the parsers accept ASCII digits only, and a parser that still fails
        makes the whole value a notice.
        """
        vocab = vocab or Vocabulary()
        notices: list[str] = []
        values: dict[str, Any] = {}
        for f in FILTERS:  # in declaration order: `area` is read after `typology`
            raw = _raw(params.get(f.key))
            if raw is None:
                continue
            try:
                value, bad = f.parse(raw, vocab, values)
            except (ValueError, TypeError, ArithmeticError):  # a link is input: a notice, never a traceback
                value, bad = _MISSING, [raw]
            notices.extend(f"{f.key}={_cut(item)}" for item in bad)
            if value is not _MISSING:
                values[f.field] = value
        return cls(**values), notices

    # ---- applying ----------------------------------------------------------------
    def apply(self, projects: pd.DataFrame, area_municipalities: set[str] | None = None) -> pd.DataFrame:
        """The projects this state shows.

        `projects` carries `programme`, `province_nis`, `nis2025`, `start_date`, `end_date`
        and one column per typology (`degurba`, `uitrusting`) as strings.
        `area_municipalities` is the resolved set of 2025 NIS codes of the chosen working area
        (institute or custom list), if any.
        """
        mask = pd.Series(True, index=projects.index)
        for f in FILTERS:
            if f.narrow is not None and getattr(self, f.field) != getattr(_DEFAULT, f.field):
                mask &= f.narrow(projects, self)
        if area_municipalities is not None:
            mask &= projects["nis2025"].isin(area_municipalities)
        return projects[mask]

    def coverage_projects(self, projects: pd.DataFrame) -> pd.DataFrame:
        """The projects that count on the coverage page: every filter declared `coverage=
        'projects'` narrows them (programme, status at the reference date). The area filters do
        not: a project just outside the area still counts for the distances."""
        mask = pd.Series(True, index=projects.index)
        for f in FILTERS:
            if f.coverage == "projects" and f.narrow is not None and getattr(self, f.field) != getattr(_DEFAULT, f.field):
                mask &= f.narrow(projects, self)
        return projects[mask]

    def coverage_filters(self, lang: str, vocab: Vocabulary | None = None, *, applied: bool = True) -> str:
        """The set filters that the coverage page applies to its projects (`applied`), or those
        it does not apply (`applied=False`), in words; empty when there are none."""
        uses = ("projects",) if applied else ("not_applied",)
        return self.describe(lang, vocab, skip=[f.field for f in FILTERS if f.coverage not in uses])

    def describe(self, lang: str, vocab: Vocabulary | None = None, *, skip: Iterable[str] = ()) -> str:
        """The active filters in words (empty when nothing is filtered)."""
        vocab = vocab or Vocabulary()
        parts = []
        for f in FILTERS:
            value = getattr(self, f.field)
            if f.describe is None or f.field in skip or value == getattr(_DEFAULT, f.field):
                continue
            parts.append(t(f.label, lang).lower() + ": " + f.describe(value, self, lang, vocab))
        return "; ".join(parts)


# ---------------------------------------------------------------------------
# Declarations
# ---------------------------------------------------------------------------
class _Missing:
    pass


_MISSING: Any = _Missing()


@dataclass(frozen=True)
class Widget:
    """How `atlas.ui` draws a filter: kind, options and how each option reads."""

    kind: str  # multiselect | radio | selectbox | segmented | date
    options: Callable[[FilterState, Vocabulary], Sequence[Any]]
    label_of: Callable[[Any, FilterState, Vocabulary, str], str] = lambda v, s, voc, lang: str(v)
    placeholder: str | None = None  # message key ("alle")
    where: str = "sidebar"  # sidebar | page (the page draws it where it belongs)
    help: str | None = None  # message key


@dataclass(frozen=True)
class AreaData:
    """What an area rule reads: the municipalities layer (`nis`, `name`, `province_nis`,
    `region`, the typology and code attributes) and data/institutes.csv."""

    municipalities: pd.DataFrame
    institutes: pd.DataFrame | None = None

    def where(self, column: str, values: Iterable[str]) -> set[str]:
        """The 2025 NIS codes whose `column` holds one of `values`."""
        munis = self.municipalities
        if column not in munis.columns:
            return set()
        return set(munis.loc[munis[column].astype(str).isin([str(v) for v in values]), "nis"])


def _area_size(value, nis: frozenset, data: AreaData, lang: str) -> str:
    return t("cov_area_def_province", lang, n=fmt.number(len(nis), lang))


@dataclass(frozen=True)
class AreaRule:
    """How an area filter names or limits the area (read by atlas.model.areas.resolve).

    Of the set filters that name an area (`kind` not empty), the one with the lowest
    `precedence` names it; each other set filter that `limits` narrows it (a province narrows
    an institute's working area from a link), one that does not is ignored (a custom list
    replaces an institute). A filter with an empty `kind` (the area types) never names the
    area, it only narrows it."""

    members: Callable[[Any, FilterState, AreaData], set[str]]  # the 2025 NIS codes a value covers
    kind: str = ""  # the area's kind when this filter names it; '' = it only narrows an area
    precedence: int = 0
    limits: bool = True
    label: Callable[[Any, frozenset, AreaData, str], str] | None = None  # its name; None: Filter.describe
    definition: Callable[[Any, frozenset, AreaData, str], str] = _area_size  # how it is defined, in words
    short: Callable[[Any, AreaData], str] = lambda value, data: ""  # a short name for sentences
    note: Callable[[Any, AreaData, str], str] = lambda value, data, lang: ""  # a note from the data


def _institute_row(value, data: AreaData) -> dict:
    table = data.institutes.set_index("id") if data.institutes is not None else pd.DataFrame()
    return table.loc[value].to_dict() if value in table.index else {}


def _institute_members(value, s, data: AreaData) -> set[str]:
    from geo.areas import institute_municipalities

    if data.institutes is None:
        raise KeyError(value)
    return institute_municipalities(value, data.municipalities, data.institutes)  # KeyError if unknown


def _sorted_names(nis, data: AreaData) -> str:
    munis = data.municipalities
    names = dict(zip(munis["nis"], munis["name"] if "name" in munis.columns else munis["nis"]))
    return ", ".join(sorted((names.get(c, c) for c in nis), key=str.lower))


INSTITUTE_AREA = AreaRule(
    kind="institute", precedence=1, limits=False, members=_institute_members,
    label=lambda value, nis, data, lang: str(_institute_row(value, data).get("name", value)),
    definition=lambda value, nis, data, lang: t("cov_area_def_institute", lang, n=fmt.number(len(nis), lang)),
    short=lambda value, data: str(_institute_row(value, data).get("short_name", "") or ""),
    note=lambda value, data, lang: str(_institute_row(value, data).get("area_note_" + lang, "")
                                       or _institute_row(value, data).get("area_note_nl", "") or ""),
)
CUSTOM_AREA = AreaRule(
    kind="custom", precedence=0, limits=False,
    members=lambda value, s, data: set(value) & set(data.municipalities["nis"]),
    label=lambda value, nis, data, lang: t("cov_area_custom_label", lang, n=len(nis)),
    definition=lambda value, nis, data, lang: _sorted_names(nis, data),
)


@dataclass(frozen=True)
class Filter:
    field: str  # FilterState attribute
    key: str  # URL parameter
    label: str  # message key of the filter's name
    parse: Callable[[str, Vocabulary, dict], tuple[Any, list[str]]]
    dump: Callable[[Any], str]
    narrow: Callable[[pd.DataFrame, FilterState], pd.Series] | None = None
    describe: Callable[[Any, FilterState, str, Vocabulary], str] | None = None
    widget: Widget | None = None  # None: set from a page (map click, coverage area)
    coverage: str = "not_applied"  # what it does on the coverage page: one of COVERAGE_USES
    area: AreaRule | None = None  # how it names or limits the area (coverage='area' only)


def _raw(value: Any) -> str | None:
    """One string for a parameter: repeated parameters are joined with commas."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value)


def _cut(text: str) -> str:
    text = str(text)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def _items(raw: str) -> tuple[list[str], list[str]]:
    parts = raw.split(",", MAX_ITEMS)  # bounded: the rest of a huge list stays one unread string
    too_many = len(parts) > MAX_ITEMS
    items = [p.strip() for p in parts[:MAX_ITEMS] if p.strip()]
    return items, ([f">{MAX_ITEMS} values"] if too_many else [])


def _many(allowed: Callable[[Vocabulary, dict], Iterable[str] | None], pattern: re.Pattern | None = None,
          empty_means_none: bool = False):
    """Parse a comma list against the allowed values (None: any value matching `pattern`)."""

    def parse(raw: str, vocab: Vocabulary, so_far: dict):
        items, bad = _items(raw)
        ok_values = allowed(vocab, so_far)
        ok = None if ok_values is None else set(ok_values)
        good: list[str] = []
        for item in items:
            if (ok is not None and item not in ok) or (pattern is not None and not pattern.fullmatch(item)):
                bad.append(item)
            elif item not in good:
                good.append(item)
        if good:
            return tuple(good), bad
        if empty_means_none and not raw.strip():
            return (), bad  # an explicitly empty selection (`?programme=`)
        return _MISSING, bad

    return parse


def _one(allowed: Callable[[Vocabulary, dict], Iterable[str] | None], pattern: re.Pattern | None = None):
    """Parse a single value; of several (`?typology=a&typology=b`) the last valid one counts."""
    many = _many(allowed, pattern)

    def parse(raw: str, vocab: Vocabulary, so_far: dict):
        value, bad = many(raw, vocab, so_far)
        return (value[-1] if value is not _MISSING else _MISSING), bad

    return parse


def _parse_date(raw: str, vocab: Vocabulary, so_far: dict):
    raw = raw.strip()
    try:
        value = date.fromisoformat(raw) if _DATE_RE.fullmatch(raw) else None
    except ValueError:
        value = None
    if value is None or not DATE_MIN <= value <= DATE_MAX:
        return _MISSING, [raw]
    return value, []


def _join(value) -> str:
    return ",".join(value) if isinstance(value, (tuple, list)) else ("" if value is None else str(value))


def _status(projects: pd.DataFrame, ref: date) -> pd.Series:
    if "status" in projects.columns:
        return projects["status"]
    from atlas.model.data import status_at

    return status_at(projects, ref)


def _with_members(value: str, attribute: str, vocab: Vocabulary) -> str:
    """A code with the municipalities that carry it: 'elz13 (Aalst, Erpe-Mere, …)'."""
    names = sorted((vocab.municipality_name(n) for n in vocab.members_of(attribute, value)), key=str.lower)
    return f"{value} ({', '.join(names)})" if names else value


def _names(values, name) -> str:
    return ", ".join(name(v) for v in values) or "—"


PRESENTER_MAX_STEPS = 9  # a link may name steps 1..9; atlas.views.presenter clamps to its own sequence


def _parse_step(raw: str, vocab: Vocabulary, so_far: dict):
    value = raw.strip()
    if value in ("", "0"):
        return 0, []
    if _STEP_RE.fullmatch(value) and 1 <= int(value) <= PRESENTER_MAX_STEPS:
        return int(value), []
    return _MISSING, [value]


_DATE_WIDGET = Widget(kind="date", options=lambda s, v: (DATE_MIN, DATE_MAX))

FILTERS: tuple[Filter, ...] = (
    Filter(
        field="lang", key="lang", label="language",
        parse=_one(lambda v, s: LANGS), dump=str,
        widget=Widget(kind="segmented", options=lambda s, v: LANGS,
                      label_of=lambda code, s, v, lang: t("language_name", code)),  # each in its own language
        coverage="view",
    ),
    Filter(
        field="programmes", key="programme", label="f_programme",
        parse=_many(lambda v, s: schema.PROGRAMMES, empty_means_none=True), dump=_join,
        narrow=lambda df, s: df["programme"].isin(s.programmes),
        describe=lambda value, s, lang, v: _names(value, lambda p: t("prog_" + p, lang)),
        widget=Widget(kind="multiselect", options=lambda s, v: schema.PROGRAMMES,
                      label_of=lambda p, s, v, lang: t("prog_" + p, lang), placeholder="f_none"),
        coverage="projects",
    ),
    Filter(
        field="typology", key="typology", label="f_typology",
        parse=_one(lambda v, s: TYPOLOGY_CODES), dump=str,
        widget=Widget(kind="radio", options=lambda s, v: TYPOLOGY_CODES,
                      label_of=lambda code, s, v, lang: typology_label(code, lang)),
        coverage="view",
    ),
    Filter(
        field="area", key="area", label="f_area",
        parse=_many(lambda v, s: v.classes.get(s.get("typology", "degurba"), ())), dump=_join,
        narrow=lambda df, s: df[s.typology].astype(str).isin(s.area) if s.typology in df.columns
        else pd.Series(False, index=df.index),
        describe=lambda value, s, lang, v: _names(value, lambda c: class_label(s.typology, c, lang)),
        widget=Widget(kind="multiselect", options=lambda s, v: v.classes.get(s.typology, ()),
                      label_of=lambda c, s, v, lang: class_label(s.typology, c, lang), placeholder="f_all"),
        coverage="area", area=AreaRule(members=lambda value, s, data: data.where(s.typology, value)),
    ),
    Filter(
        field="provinces", key="province", label="f_province",
        parse=_many(lambda v, s: schema.PROVINCES), dump=_join,
        narrow=lambda df, s: df["province_nis"].isin(s.provinces),
        describe=lambda value, s, lang, v: _names(value, lambda p: schema.PROVINCES[p]),
        widget=Widget(kind="multiselect", options=lambda s, v: tuple(schema.PROVINCES),
                      label_of=lambda p, s, v, lang: schema.PROVINCES[p], placeholder="f_all"),
        coverage="area",
        area=AreaRule(kind="province", precedence=3, members=lambda value, s, data: data.where("province_nis", value)),
    ),
    Filter(
        field="statuses", key="status", label="f_status",
        parse=_many(lambda v, s: STATUSES), dump=_join,
        narrow=lambda df, s: _status(df, s.ref_date).isin(s.statuses),
        describe=lambda value, s, lang, v: _names(value, lambda c: t("status_" + c, lang)),
        widget=Widget(kind="multiselect", options=lambda s, v: STATUSES,
                      label_of=lambda c, s, v, lang: t("status_" + c, lang), placeholder="f_all",
                      help="f_status_help"),
        coverage="projects",
    ),
    Filter(
        field="institute", key="institute", label="f_institute",
        parse=_one(lambda v, s: v.institutes), dump=str,
        describe=lambda value, s, lang, v: v.institutes.get(value, value),
        widget=Widget(kind="selectbox", options=lambda s, v: ("",) + tuple(v.institutes),
                      label_of=lambda i, s, v, lang: v.institutes.get(i, t("f_all", lang)) if i else t("f_all", lang)),
        coverage="area", area=INSTITUTE_AREA,
    ),
    # A primary-care zone (eerstelijnszone): the layer's `elz` code of each municipality. The zones
    # have no names in the source (PinC), so an option reads as its code and its municipalities.
    Filter(
        field="elz", key="elz", label="f_elz",
        parse=_one(lambda v, s: v.values_of("elz"), _ELZ_RE), dump=str,
        describe=lambda value, s, lang, v: value,
        widget=Widget(kind="selectbox", options=lambda s, v: ("",) + (v.values_of("elz") or ()), help="f_elz_help",
                      label_of=lambda z, s, v, lang: _with_members(z, "elz", v) if z else t("f_all", lang)),
        coverage="area",
        area=AreaRule(kind="elz", precedence=2, members=lambda value, s, data: data.where("elz", (value,)),
                      label=lambda value, nis, data, lang: t("area_elz_label", lang, code=value),
                      definition=lambda value, nis, data, lang: _sorted_names(nis, data)),
    ),
    Filter(
        field="date", key="date", label="f_date",
        parse=_parse_date, dump=lambda d: d.isoformat(),
        describe=None,  # the summary always names the reference date
        widget=_DATE_WIDGET,
        coverage="projects",
    ),
    Filter(
        field="municipality", key="municipality", label="f_municipality",
        parse=_one(lambda v, s: v.municipalities, _NIS_RE), dump=str,
        narrow=lambda df, s: df["nis2025"] == s.municipality,
        describe=lambda value, s, lang, v: v.municipality_name(value),
        coverage="not_applied",
    ),
    Filter(
        field="municipalities", key="municipalities", label="f_municipalities",
        parse=_many(lambda v, s: v.municipalities, _NIS_RE), dump=_join,
        describe=lambda value, s, lang, v: _names(value, v.municipality_name),
        coverage="area", area=CUSTOM_AREA,
    ),
    Filter(
        field="colour", key="colour", label="colour_by",
        parse=_one(lambda v, s: COLOUR_MODES), dump=str,
        widget=Widget(kind="radio", options=lambda s, v: COLOUR_MODES, where="page", help="colour_density_help",
                      label_of=lambda c, s, v, lang: t("colour_" + c, lang)),
        coverage="not_applied",
    ),
    # Presenter mode (?presenter=1): a guided sequence of views for a projector; the value is the
    # step, so a reload, a link and every click keep it. No widget: the step bar of
    # atlas.ui.publish moves it (next / previous / reset).
    Filter(
        field="presenter", key="presenter", label="presenter_mode",
        parse=_parse_step, dump=str,
        coverage="view",
    ),
)
BY_FIELD: dict[str, Filter] = {f.field: f for f in FILTERS}
_DEFAULT = FilterState()

assert {f.field for f in FILTERS} == {f.name for f in fields(FilterState)}, "every FilterState field is declared once"
assert all(f.coverage in COVERAGE_USES for f in FILTERS), "every filter says what it does on the coverage page"
assert all((f.coverage == "area") == (f.area is not None) for f in FILTERS), "an area filter says how it makes the area"
AREA_FILTERS: tuple[Filter, ...] = tuple(f for f in FILTERS if f.area is not None)
"""The filters that name or limit the area, in declaration order (atlas.model.areas)."""
REPLACES: dict[str, tuple[str, ...]] = {
    f.field: tuple(g.field for g in AREA_FILTERS if g is not f and g.area.kind) if f.area is not None and f.area.kind
    else () for f in FILTERS}
"""The fields a pick of a filter clears: a filter that names the area replaces every other one that
can (an institute replaces a province, a zone or a custom list, …)."""
