"""The floor of the static export (``python -m bench browser``, row "static site vs plain
Leaflet"): one HTML file with Leaflet inlined, the same municipal and province boundaries as
the export's map (``geo.mapbuilder.prepare_layers``) and one plain marker per project of the
shipped file. What any Leaflet page with this data costs; not part of the app."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

HERE = Path(__file__).resolve().parent


def write(outdir: Path) -> Path:
    """Write ``outdir/floor.html`` and return its path."""
    from atlas.model.data import load_projects
    from atlas.model.schema import projects_csv
    from geo import assets, reference
    from geo.mapbuilder import FLANDERS_BOUNDS, prepare_layers

    layers = prepare_layers(reference.municipalities(), reference.provinces())
    source = projects_csv()
    projects = load_projects(source.read_bytes(), source.name).projects
    points = [[round(float(a), 5), round(float(b), 5)] for a, b in zip(projects["lat"], projects["lon"])]
    env = Environment(loader=FileSystemLoader(HERE), autoescape=False, undefined=StrictUndefined)
    html = env.get_template("leaflet.html.j2").render(
        leaflet_css=Markup(assets.read_text("leaflet/leaflet.css")),
        leaflet_js=Markup(assets.read_text("leaflet/leaflet.js")),
        bounds=json.dumps(FLANDERS_BOUNDS),
        municipalities=layers.municipalities_js,  # already safe inside <script> (geo.mapbuilder._compact_json)
        provinces=layers.provinces_js,
        points=json.dumps(points),
    )
    outdir.mkdir(parents=True, exist_ok=True)
    path = outdir / "floor.html"
    path.write_text(html, encoding="utf-8")
    return path
