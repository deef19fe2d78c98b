"""Melden: report a missing project, a correction or a project that stopped (issue 20).

Wiring only: the form is atlas.ui.melden, the rules atlas.meldingen. The file is not named
after its URL (/melden), like the other pages: Streamlit's AppTest resolves a page whose file
name equals its url_path to the pages/ folder's own page, which runs without app.py (no sidebar)."""

from atlas.text.i18n import t
from atlas.ui import melden, chrome, session

state = session.current_state()
chrome.page_header(t("mld_title", state.lang), t("mld_intro", state.lang), state)
melden.page(state)
