"""Melden: report a missing project, a correction or a project that stopped (issue 20).

Wiring only: the form is atlas.meldingen_view, the rules atlas.meldingen. The file is not named
after its URL (/melden), like the other pages: Streamlit's AppTest resolves a page whose file
name equals its url_path to the pages/ folder's own page, which runs without app.py (no sidebar)."""

from atlas import meldingen_view, ui
from atlas.i18n import t

state = ui.current_state()
ui.page_header(t("mld_title", state.lang), t("mld_intro", state.lang), state)
meldingen_view.page(state)
