"""Where the reference geography lives, and where derived layers may be cached.

The reference files (municipality polygons, crosswalks, typologies, population) are
NOT part of this repository. They are read at run time from the directory named by
the environment variable ``ATLAS_GEO_DIR``; when it is unset, the default is
``<repo root>/../shared/geo``, computed from the location of this file (not from the
current working directory).

Derived layers (simplified polygons, place index, ...) may be cached on disk in
``<repo root>/.cache/geo`` (git-ignored); override with ``ATLAS_CACHE_DIR``.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_GEO_DIR = "ATLAS_GEO_DIR"
ENV_CACHE_DIR = "ATLAS_CACHE_DIR"

REPO_ROOT = Path(__file__).resolve().parent.parent


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    return Path(value).expanduser()


def geo_dir() -> Path:
    """Directory holding the reference geodata (``$ATLAS_GEO_DIR`` or ``<repo>/../shared/geo``)."""
    return _env_path(ENV_GEO_DIR) or (REPO_ROOT.parent / "shared" / "geo")


def cache_dir() -> Path:
    """Directory for the on-disk cache of derived layers (``$ATLAS_CACHE_DIR`` or ``<repo>/.cache/geo``).

    The directory is not created here; writers create it when they need it and carry on
    without a disk cache when that fails.
    """
    return _env_path(ENV_CACHE_DIR) or (REPO_ROOT / ".cache" / "geo")


class GeoUnavailable(Exception):
    """A reference-geography file is missing.

    ``str(exc)`` is a single friendly line (Dutch / English) that names the missing
    file(s), the directory looked in and the variable ``ATLAS_GEO_DIR`` to set, so the
    app can show it as is. The details are also available as attributes.
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
            f"Zet {ENV_GEO_DIR} op de map met de geodata / "
            f"set {ENV_GEO_DIR} to the folder that holds the geo data."
        )


def require(*filenames: str, directory: Path | None = None) -> Path:
    """Check that the named reference files exist; return the directory.

    Raises :class:`GeoUnavailable` listing every missing file.
    """
    base = Path(directory) if directory is not None else geo_dir()
    missing = [name for name in filenames if not (base / name).is_file()]
    if missing:
        raise GeoUnavailable(missing, base)
    return base
