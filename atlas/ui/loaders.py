"""Cached loaders: the data, reference layers, place names and official counts every page reads,
once per process (Streamlit's caches, keyed on the data file's version), and the warm-up that
fills them before the server says it is healthy.

Streamlit glue (atlas/ui): no domain logic; it calls atlas.model and geo and caches their results."""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from atlas.model import data as atlas_data, completeness
from atlas.model.filters import FilterState, Vocabulary
from atlas.text.i18n import LANGS, t


def _stamp(path) -> tuple:
    """What identifies a data file's version: a changed file (an accepted melding) is read anew
    on the next run, without a restart."""
    try:
        st_ = path.stat()
        return str(path), st_.st_mtime_ns, st_.st_size
    except OSError:
        return str(path), None, None


def project_data() -> atlas_data.ProjectData:
    from atlas.model import schema

    return _project_data(_stamp(schema.projects_csv()))


@st.cache_data(show_spinner=False, max_entries=4)
def _project_data(stamp: tuple) -> atlas_data.ProjectData:
    return atlas_data.load_projects()


def programmes() -> pd.DataFrame:
    from atlas.model import schema

    return _programmes(_stamp(schema.PROGRAMMES_CSV))


@st.cache_data(show_spinner=False, max_entries=4)
def _programmes(stamp: tuple) -> pd.DataFrame:
    return atlas_data.programmes()


@st.cache_data(show_spinner=False)
def institutes() -> pd.DataFrame:
    return atlas_data.institutes()


@st.cache_data(show_spinner=False)
def reference_file_problems() -> list[str]:
    """One line per problem of institutes.csv, programmes.csv and budget_groups.csv."""
    from atlas.model.validate import reference_problems

    return [str(p) for p in reference_problems()]


@st.cache_resource(show_spinner=False)
def reference():
    """(municipalities, provinces, message): the reference layers, or None and why not."""
    from geo import reference as ref
    from geo.config import GeoUnavailable

    try:
        return ref.municipalities(), ref.provinces(), None
    except GeoUnavailable as exc:
        return None, None, str(exc)


@st.cache_resource(show_spinner=False)
def map_layers():
    from geo.mapbuilder import prepare_layers, publish_layers

    munis, provs, _ = reference()
    if munis is None:
        return None
    # The boundaries go to the browser as static files it caches, not in every map message.
    return publish_layers(prepare_layers(munis, provs))


def warm_up() -> None:
    """Load data and boundaries once per session behind a progress message.

    The message lives in a slot that exists on every run: a spinner that appears only on the
    first run would shift every later element, and Streamlit would remount them (the map
    iframe loses its open popup, a widget loses the user's first pick).
    """
    slot = st.empty()
    if st.session_state.get("_warm"):
        return
    with slot.container(), st.spinner(" / ".join(t("loading", lang) for lang in LANGS)):
        project_data()
        reference()
        map_layers()
    slot.empty()
    st.session_state["_warm"] = True


def warm_process() -> float:
    """Before the server starts (``python -m atlas serve``), so before it says it is healthy:
    import what the pages import and fill the process-wide caches every first session needs
    (projects, reference layers, the published map files, place search labels, a map built
    once). Without it the first visitor after a start waited for all of it (issue 22). The
    caches are Streamlit's own (in memory, per process), filled outside a session. Never stops
    the start: a failure here is left for the first session to show. Returns the seconds taken."""
    t0 = time.perf_counter()
    try:
        # Not streamlit_folium: a component declared before the server's runtime exists is
        # unknown to it (the map's iframe would never load).
        from atlas.views import charts, mapview  # noqa: F401  (what the pages import, once)
        from geo.assets import ensure_static

        ensure_static()
        pdata = project_data()
        programmes()
        institutes()
        reference()
        layers = map_layers()
        official_area_counts()
        for lang in LANGS:
            place_labels(lang)
        mapview.build(pdata.projects, layers, FilterState()).get_root().render()  # folium's templates
    except Exception:  # noqa: BLE001 - the first session shows the problem, with its own message
        pass
    return time.perf_counter() - t0


def vocabulary() -> Vocabulary:
    """What a link may name, with display names: institutes and (when known) municipalities and
    their text attributes (geo.config.MUNICIPALITY_ATTRIBUTES: the codes an area filter names)."""
    from geo.config import MUNICIPALITY_ATTRIBUTES

    munis, _, _ = reference()
    if munis is None:
        return Vocabulary(institutes=institute_names())
    attributes = {a.name: dict(zip(munis["nis"], munis[a.name].astype(str)))
                  for a in MUNICIPALITY_ATTRIBUTES if a.kind == "text" and a.name not in ("nis", "name")}
    return Vocabulary(institutes=institute_names(), municipalities=dict(zip(munis["nis"], munis["name"])),
                      attributes=attributes)


@st.cache_data(show_spinner=False)
def official_area_counts() -> pd.DataFrame:
    return completeness.official_area_counts()


@st.cache_resource(show_spinner=False)
def official_units() -> tuple:
    """Every area with an official count, as sets of municipalities (atlas.model.completeness)."""
    munis, _, _ = reference()
    return completeness.official_units(official_area_counts(), programmes(), munis, institutes())


@st.cache_data(show_spinner=False)
def places() -> pd.DataFrame:
    """Searchable place names (municipalities, former municipalities, sub-municipalities)."""
    from geo import reference
    from geo.config import GeoUnavailable

    try:
        frame = reference.places()
    except GeoUnavailable:
        return pd.DataFrame(columns=["name", "kind", "nis", "lat", "lon", "bounds", "municipality"])
    return frame.sort_values(["name", "kind"]).reset_index(drop=True)


@st.cache_data(show_spinner=False)
def place_labels(lang: str) -> dict[int, str]:
    frame = places()
    out = {}
    for idx, row in frame.iterrows():
        kind = t("place_kind_" + row["kind"], lang, parent=row["municipality"])
        out[idx] = f"{row['name']} ({kind})"
    return out


def institute_names() -> dict[str, str]:
    inst = institutes()
    return dict(zip(inst["id"], inst["name"]))


def attribution_lines() -> list[str]:
    from geo.typology import ATTRIBUTION

    return list(ATTRIBUTION.values())
