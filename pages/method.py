"""Method page: how the figures are made, what "landelijk" means, what is known and missing.

Wiring only: the texts are our own markdown files (atlas/views/content/method, via atlas.views.method),
with the figures filled in from the data.
"""

import streamlit as st

from atlas.text.i18n import t
from atlas.ui import chrome, loaders, session
from atlas.views import method

state = session.current_state()
lang = state.lang
chrome.page_header(t("page_method", lang), t("method_intro", lang), state)

pdata = loaders.project_data()
chrome.data_notices(pdata, lang)
munis, _provs, _message = loaders.reference()
values = method.figures(pdata.projects, munis, lang)
for text in method.sections(lang, values):
    st.markdown(text)
