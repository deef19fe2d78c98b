"""Where the reference layers live.

The app reads the DERIVED reference layers committed in this repository, in
``geo/layers/`` (built by ``python -m geo build-reference``, see ``geo.build``). Set the
environment variable ``ATLAS_GEO_DIR`` to read another folder holding the same derived
files instead (e.g. layers built from a newer Statbel release). The raw official files
(PinC polygons, Statbel and Eurostat tables) are only the INPUT of ``build-reference``;
nothing at run time reads them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_GEO_DIR = "ATLAS_GEO_DIR"

REPO_ROOT = Path(__file__).resolve().parent.parent
LAYERS_DIR = Path(__file__).resolve().parent / "layers"
"""The committed derived layers (the default reference folder)."""

# --- the derived layer files (written by geo.build, read by geo.reference) -------------
MUNICIPALITIES_CSV = "municipalities_2025.csv"
"""2025 municipalities: attributes (codes, names, population, typologies, need indicators, ELZ)."""
MUNICIPALITIES_GEOJSON = "municipalities_2025.geojson"
"""2025 municipalities at placement precision (point-in-polygon and coverage maths)."""
MUNICIPALITIES_MAP_GEOJSON = "municipalities_2025_map.geojson"
"""2025 municipalities simplified for the map."""
PROVINCES_MAP_GEOJSON = "provinces_2025_map.geojson"
REGIONS_MAP_GEOJSON = "regions_map.geojson"
MUNICIPALITIES_2024_CSV = "municipalities_2024.csv"
"""2019-2024 municipalities: code, name, 2025 successor (the 2024->2025 crosswalk), a point, bounds."""
DEELGEMEENTEN_CSV = "deelgemeenten_2025.csv"
"""Sub-municipalities: code, name, 2025 municipality, a point, bounds."""
CROSSWALK_2018_2019_CSV = "crosswalk_2018_2019.csv"
INPUTS_CSV = "inputs.csv"
"""Size and SHA-256 of every raw file the layers were built from."""


@dataclass(frozen=True)
class MunicipalityAttribute:
    """One attribute of a 2025 municipality, declared once: what it is and where it goes.

    `kind` says how it is read and carried: 'text' (a string: a code or a name), 'class' (an
    integer class code in the layer, carried as text: DEGURBA), 'count' (an integer),
    'number' (a float) or 'measure' (a float, NaN where the source has none: never 0).
    `project`: the column it becomes on each project placed in the municipality (its empty
    value, '' when unplaced; atlas.model.data), '' when projects do not carry it. `map`: in
    the map layer's attributes for server-side choropleths (geo.mapbuilder.prepare_layers).
    `table`: in the coverage table (geo.coverage.territory; a measure there is optional).
    """

    name: str  # the column in MUNICIPALITIES_CSV and the layers
    kind: str = "text"
    project: str = ""
    map: bool = False
    table: bool = False

    @property
    def as_text(self) -> bool:
        """Carried as a string on projects and the map (a code, a name, a class)."""
        return self.kind in ("text", "class")


MUNICIPALITY_ATTRIBUTES: tuple[MunicipalityAttribute, ...] = (
    MunicipalityAttribute("nis", project="nis2025", table=True),
    MunicipalityAttribute("name", project="municipality2025", table=True),
    MunicipalityAttribute("province_nis", project="province_nis", map=True, table=True),
    MunicipalityAttribute("province_name", project="province_name", table=True),
    MunicipalityAttribute("region", project="region", table=True),
    MunicipalityAttribute("population", "count", map=True, table=True),
    MunicipalityAttribute("degurba", "class", project="degurba", map=True, table=True),
    MunicipalityAttribute("uitrusting", project="uitrusting", map=True, table=True),
    MunicipalityAttribute("area_km2", "number"),
    MunicipalityAttribute("kansarmoede_index_pct", "measure", map=True, table=True),
    MunicipalityAttribute("oki", "measure", map=True, table=True),
    MunicipalityAttribute("elz"),  # the eerstelijnszone (primary-care zone) code
)
"""Every attribute of a 2025 municipality, in MUNICIPALITIES_CSV file order; the layers, the
projects, the map and the coverage table take theirs from here."""
KINDS = ("text", "class", "count", "number", "measure")
assert all(a.kind in KINDS for a in MUNICIPALITY_ATTRIBUTES), "every attribute has a known kind"

MUNICIPALITY_CSV_COLUMNS: tuple[str, ...] = tuple(a.name for a in MUNICIPALITY_ATTRIBUTES)
"""The attribute columns of MUNICIPALITIES_CSV, in file order (the layers join them to the polygons)."""

LAYER_FILES: tuple[str, ...] = (
    MUNICIPALITIES_CSV,
    MUNICIPALITIES_GEOJSON,
    MUNICIPALITIES_MAP_GEOJSON,
    PROVINCES_MAP_GEOJSON,
    REGIONS_MAP_GEOJSON,
    MUNICIPALITIES_2024_CSV,
    DEELGEMEENTEN_CSV,
    CROSSWALK_2018_2019_CSV,
    INPUTS_CSV,
)
"""Every file ``build-reference`` writes, in the order it writes them."""


def geo_dir() -> Path:
    """Folder holding the derived reference layers (``$ATLAS_GEO_DIR`` or ``geo/layers``)."""
    value = os.environ.get(ENV_GEO_DIR, "").strip()
    return Path(value).expanduser() if value else LAYERS_DIR


class GeoUnavailable(Exception):
    """A reference-layer file is missing.

    ``str(exc)`` is a single friendly line (Dutch / English) that names the missing
    file(s), the directory looked in and the variable ``ATLAS_GEO_DIR``, so the app can
    show it as is. The details are also available as attributes. With the committed
    layers this only happens when ``ATLAS_GEO_DIR`` points at an incomplete folder.
    """

    def __init__(self, missing: list[str] | tuple[str, ...], directory: Path):
        self.missing = tuple(missing)
        self.directory = Path(directory)
        self.directory_exists = self.directory.is_dir()
        super().__init__(self._message())

    def _message(self) -> str:
        files = ", ".join(self.missing) or "?"
        where = str(self.directory)
        if not self.directory_exists:
            where += " (map bestaat niet / directory does not exist)"
        return (
            f"Referentiekaart niet beschikbaar / reference map layer unavailable: "
            f"{files} niet gevonden in / not found in {where}. "
            f"Zet {ENV_GEO_DIR} op een map met de afgeleide lagen (python -m geo build-reference), "
            f"of laat de variabele leeg voor de meegeleverde lagen / "
            f"set {ENV_GEO_DIR} to a folder of derived layers (python -m geo build-reference), "
            f"or unset it to use the layers shipped in geo/layers."
        )


class GeoBroken(GeoUnavailable):
    """A reference-layer file is there but cannot be used (empty, truncated, a bad value).

    ``str(exc)`` names the file (never its folder: the app shows it on every page), the line
    where known and what is wrong; ``file``, ``line`` and ``reason`` hold the parts. A subclass
    of GeoUnavailable, so every page keeps working without the layers, as when one is missing.
    """

    def __init__(self, file: str, reason: str, line: int | None = None, directory: Path | None = None):
        self.file, self.reason, self.line = file, reason, line
        self.missing = ()
        self.directory = Path(directory) if directory is not None else geo_dir()
        self.directory_exists = self.directory.is_dir()
        Exception.__init__(self, self._message())

    def _message(self) -> str:
        where = self.file + (f" line {self.line}" if self.line else "")
        return (f"Referentiekaart onbruikbaar / reference map layer unusable: {where}: {self.reason}. "
                f"Bouw de lagen opnieuw (python -m geo build-reference) of laat {ENV_GEO_DIR} leeg / "
                f"rebuild the layers (python -m geo build-reference) or unset {ENV_GEO_DIR}.")


def require(*filenames: str, directory: Path | None = None) -> Path:
    """Check that the named layer files exist; return the directory.

    Raises :class:`GeoUnavailable` listing every missing file.
    """
    base = Path(directory) if directory is not None else geo_dir()
    missing = [name for name in filenames if not (base / name).is_file()]
    if missing:
        raise GeoUnavailable(missing, base)
    return base
