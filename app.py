"""Entry point: page config, navigation over pages/, the shared sidebar filters. Nothing else."""

import streamlit as st

from atlas.text.i18n import t
from atlas.ui import melden, publish, chrome, loaders, session
from geo.assets import ensure_static

st.set_page_config(page_title="Zorgzame buurten in kaart", page_icon="🗺️", layout="wide")  # an emoji favicon needs no download
ensure_static()  # Leaflet & co. served by the app itself (offline-safe)

with chrome.run_timer():  # server time of a run, for python -m bench map
    loaders.warm_up()
    melden.startup()  # once per process, in the background: schema check, e-mail purge
    melden.take_link_params()  # ?project=ID for /melden, before the filters rewrite the URL
    state = session.start()  # the URL at session start or on back/forward, else the session's state
    lang = state.lang
    chrome.set_html_lang(lang)
    pages = [
        st.Page("pages/map.py", title=t("page_map", lang), icon=":material/map:", url_path="kaart", default=True),
        st.Page("pages/budget_status.py", title=t("page_budget", lang), icon=":material/euro:", url_path="budget"),
        st.Page("pages/programme_stek.py", title=t("page_programme_stek", lang), icon=":material/storefront:", url_path="stek"),
        st.Page("pages/programme_proeftuin.py", title=t("page_programme_proeftuin", lang), icon=":material/family_restroom:", url_path="proeftuinen"),
        st.Page("pages/programme_zorgzame_buurt.py", title=t("page_programme_zorgzame_buurt", lang), icon=":material/volunteer_activism:",
                url_path="zorgzame-buurten"),
        st.Page("pages/coverage.py", title=t("page_coverage", lang), icon=":material/radar:", url_path="dekking"),
        st.Page("pages/method.py", title=t("page_method", lang), icon=":material/menu_book:", url_path="methode"),
        st.Page("pages/report_form.py", title=t("page_melden", lang), icon=":material/campaign:", url_path="melden"),
    ]
    nav = st.navigation(pages, position="top")
    publish.screen_styles()  # the map on the first screen at every size (issue 24)
    if not state.presenter:
        chrome.phone_nav(pages)
    publish.presenter_bar(state, {"map": pages[0], "budget": pages[1]}, nav)  # only with ?presenter=N
    try:
        nav.run()
    except chrome.PageDone:  # the page ended early with chrome.stop_page()
        pass
    finally:  # after the page (see chrome.sidebar), and also when it ends early or fails
        chrome.sidebar(session.current_state())
