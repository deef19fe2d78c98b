"""The Streamlit glue: the only atlas package that imports streamlit. Cached loaders (loaders),
the filter state and the URL (session), page chrome (chrome), tables and downloads (tables),
and the sections the pages are wired from (*_page, publish, melden).

Reads the state, calls atlas.model and atlas.views, renders. No rule lives here."""
