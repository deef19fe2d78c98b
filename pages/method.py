"""Method page: how the figures are made, what "landelijk" means, what is known and missing.

Wiring only: the texts are our own markdown files (atlas/content/method, via atlas.method),
with the figures filled in from the data.
"""

import streamlit as st

from atlas import method, ui
from atlas.i18n import t

state = ui.current_state()
lang = state.lang
ui.page_header(t("page_method", lang), t("method_intro", lang), state)

pdata = ui.project_data()
ui.data_notices(pdata, lang)
munis, _provs, _message = ui.reference()
values = method.figures(pdata.projects, munis, lang)
for text in method.sections(lang, values):
    st.markdown(text)
