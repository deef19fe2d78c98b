"""Configuration, the friendly missing-data error, and the on-disk cache."""

from __future__ import annotations

import os
import shutil

import pytest

from geo import config, reference
from geo.config import GeoUnavailable


@pytest.fixture
def fresh_memory():
    reference.clear_memory_cache()
    yield
    reference.clear_memory_cache()


def test_default_geo_dir_is_next_to_the_repository_whatever_the_cwd(monkeypatch, tmp_path):
    monkeypatch.delenv("ATLAS_GEO_DIR", raising=False)
    monkeypatch.delenv("ATLAS_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    repo = config.REPO_ROOT
    assert (repo / "geo" / "config.py").is_file()
    assert config.geo_dir() == repo.parent / "shared" / "geo"
    assert config.cache_dir() == repo / ".cache" / "geo"


def test_env_vars_override_the_geo_and_cache_dirs(monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_GEO_DIR", str(tmp_path / "g"))
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "c"))
    assert config.geo_dir() == tmp_path / "g"
    assert config.cache_dir() == tmp_path / "c"


def test_missing_geo_dir_raises_geounavailable_naming_the_file_dir_and_variable(
    monkeypatch, tmp_path, fresh_memory
):
    missing = tmp_path / "nowhere"
    monkeypatch.setenv("ATLAS_GEO_DIR", str(missing))
    with pytest.raises(GeoUnavailable) as info:
        reference.municipalities()
    message = str(info.value)
    assert "ATLAS_GEO_DIR" in message
    assert reference.F_MUN_2025 in message
    assert str(missing) in message
    assert "\n" not in message
    assert info.value.directory == missing and not info.value.directory_exists
    for call in (reference.places, reference.provinces, reference.deelgemeenten,
                 reference.known_nis, reference.municipalities_2024):
        with pytest.raises(GeoUnavailable):
            call()


def test_require_lists_only_the_files_that_are_missing(tmp_path):
    (tmp_path / "present.csv").write_text("x\n")
    with pytest.raises(GeoUnavailable) as info:
        config.require("present.csv", "absent.csv", directory=tmp_path)
    assert info.value.missing == ("absent.csv",)
    assert "absent.csv" in str(info.value) and "present.csv" not in str(info.value)
    assert config.require("present.csv", directory=tmp_path) == tmp_path


# --- disk cache (needs the real files, copied to a temporary directory) -----------------
REAL = config.geo_dir()
needs_data = pytest.mark.skipif(
    not (REAL / reference.F_MUN_2025).is_file(), reason=f"no reference geography in {REAL}"
)


@pytest.fixture
def private_geo(tmp_path, monkeypatch, fresh_memory):
    src = tmp_path / "geo"
    src.mkdir()
    for name in reference.MUNICIPALITY_SOURCES:
        shutil.copy2(REAL / name, src / name)
    monkeypatch.setenv("ATLAS_GEO_DIR", str(src))
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "cache"))
    return src


@needs_data
def test_disk_cache_is_used_on_the_second_load_and_invalidated_when_a_source_changes(
    private_geo, tmp_path, monkeypatch
):
    builds = []
    real_build = reference._build_municipalities_full

    def counting_build(gdir):
        builds.append(gdir)
        return real_build(gdir)

    monkeypatch.setattr(reference, "_build_municipalities_full", counting_build)
    cache = tmp_path / "cache"

    first = reference.municipalities_full()
    assert len(builds) == 1
    files = sorted(cache.glob("municipalities_full-*.pkl"))
    assert len(files) == 1

    reference.clear_memory_cache()
    second = reference.municipalities_full()
    assert len(builds) == 1, "second load should come from the disk cache"
    assert list(second["nis"]) == list(first["nis"])
    assert list(second["population"]) == list(first["population"])
    assert second.geometry.geom_equals_exact(first.geometry, tolerance=0).all()

    # a source file changes (new mtime): the fingerprint changes and the layer is rebuilt
    pop = private_geo / reference.F_POPULATION
    st = pop.stat()
    os.utime(pop, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    reference.clear_memory_cache()
    reference.municipalities_full()
    assert len(builds) == 2
    new_files = sorted(cache.glob("municipalities_full-*.pkl"))
    assert len(new_files) == 1 and new_files != files  # stale entry replaced


@needs_data
def test_layers_still_load_when_the_cache_dir_cannot_be_written(private_geo, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(blocker / "cache"))
    mun = reference.municipalities()
    assert len(mun) == 304


@needs_data
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(private_geo, tmp_path):
    path = reference.cache_path(
        "municipalities_full", private_geo, reference.MUNICIPALITY_SOURCES
    )
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    assert len(reference.municipalities_full()) == 304
    reference.clear_memory_cache()
    assert len(reference.municipalities_full()) == 304  # the rebuilt file loads
