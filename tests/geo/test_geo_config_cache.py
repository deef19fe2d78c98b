"""Where the reference layers are read from: the committed folder, or $ATLAS_GEO_DIR."""

from __future__ import annotations

import shutil

import pytest

from geo import config, reference
from geo.config import GeoUnavailable


@pytest.fixture
def fresh_memory():
    reference.clear_memory_cache()
    yield
    reference.clear_memory_cache()


def test_default_geo_dir_is_the_committed_layers_folder_whatever_the_cwd(monkeypatch, tmp_path):
    monkeypatch.delenv("ATLAS_GEO_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    repo = config.REPO_ROOT
    assert (repo / "geo" / "config.py").is_file()
    assert config.geo_dir() == repo / "geo" / "layers"
    assert "shared" not in config.geo_dir().parts


def test_atlas_geo_dir_overrides_the_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_GEO_DIR", str(tmp_path / "g"))
    assert config.geo_dir() == tmp_path / "g"


def test_an_override_folder_of_derived_layers_is_read_instead_of_the_committed_one(
    monkeypatch, tmp_path, fresh_memory
):
    other = tmp_path / "layers"
    shutil.copytree(config.LAYERS_DIR, other)
    csv = other / config.MUNICIPALITIES_CSV
    csv.write_text(csv.read_text(encoding="utf-8").replace(",Aartselaar,", ",Aartselaar (test copy),", 1),
                   encoding="utf-8")
    monkeypatch.setenv("ATLAS_GEO_DIR", str(other))
    assert reference.municipalities().set_index("nis").loc["11001", "name"] == "Aartselaar (test copy)"
    monkeypatch.delenv("ATLAS_GEO_DIR")
    assert reference.municipalities().set_index("nis").loc["11001", "name"] == "Aartselaar"


def test_missing_geo_dir_raises_geounavailable_naming_the_file_dir_and_variable(
    monkeypatch, tmp_path, fresh_memory
):
    missing = tmp_path / "nowhere"
    monkeypatch.setenv("ATLAS_GEO_DIR", str(missing))
    with pytest.raises(GeoUnavailable) as info:
        reference.municipalities()
    message = str(info.value)
    assert "ATLAS_GEO_DIR" in message
    assert config.MUNICIPALITIES_CSV in message
    assert str(missing) in message
    assert "\n" not in message
    assert info.value.directory == missing and not info.value.directory_exists
    for call in (reference.places, reference.provinces, reference.regions, reference.deelgemeenten,
                 reference.known_nis, reference.municipalities_2024, reference.municipalities_full):
        with pytest.raises(GeoUnavailable):
            call()


def test_an_incomplete_override_folder_names_the_missing_layer(monkeypatch, tmp_path, fresh_memory):
    partial = tmp_path / "partial"
    partial.mkdir()
    shutil.copy2(config.LAYERS_DIR / config.MUNICIPALITIES_CSV, partial)
    monkeypatch.setenv("ATLAS_GEO_DIR", str(partial))
    with pytest.raises(GeoUnavailable) as info:
        reference.municipalities_full()
    assert info.value.missing == (config.MUNICIPALITIES_GEOJSON,)


def test_require_lists_only_the_files_that_are_missing(tmp_path):
    (tmp_path / "present.csv").write_text("x\n")
    with pytest.raises(GeoUnavailable) as info:
        config.require("present.csv", "absent.csv", directory=tmp_path)
    assert info.value.missing == ("absent.csv",)
    assert "absent.csv" in str(info.value) and "present.csv" not in str(info.value)
    assert config.require("present.csv", directory=tmp_path) == tmp_path


def test_nothing_in_the_geo_package_reads_the_shared_folder_at_run_time():
    for path in (config.REPO_ROOT / "geo").glob("*.py"):
        if path.name in ("build.py", "__main__.py"):  # the builder takes --from
            continue
        text = path.read_text(encoding="utf-8")
        assert "../shared" not in text and '"shared"' not in text, path.name
