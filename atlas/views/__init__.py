"""Views: pure builders of what a user sees or downloads from the model: charts, the map,
the coverage report, the static site, the method text, the presenter, the exports (CSV, XLSX,
GeoJSON, GeoPackage) and the templates they render.

Imports atlas.model, atlas.text and geo; never Streamlit. Tests call these builders directly."""
