"""`python -m atlas serve [streamlit options]`: start the Streamlit server for app.py, with the
app's cache headers and deep-path redirects in Streamlit's server and the process warmed up
(atlas.ui.loaders.warm_process) before the server says it is healthy.
"""

from __future__ import annotations

import os
import sys

from atlas.model import schema


def _cache_hashed_assets() -> bool:
    """Add atlas.ui.cache_headers.CacheHashedAssets to Streamlit's server (Starlette), which has no
    setting for response headers. Streamlit builds its middleware list by calling
    `starlette_app.create_streamlit_middleware` when the server starts; ours goes last (inside
    the others). False, and the app runs without it, if this Streamlit is built differently."""
    try:
        from starlette.middleware import Middleware
        from streamlit.web.server.starlette import starlette_app
    except ImportError:
        return False
    original = getattr(starlette_app, "create_streamlit_middleware", None)
    if original is None or getattr(original, "_zb_cache", False):
        return original is not None
    from atlas.ui.cache_headers import CacheHashedAssets

    def with_cache_headers():
        return [*original(), Middleware(CacheHashedAssets)]

    with_cache_headers._zb_cache = True
    starlette_app.create_streamlit_middleware = with_cache_headers
    return True


# Streamlit's warnings about caches used outside a session ("No runtime found", "missing
# ScriptRunContext"): expected while warming up, so not logged then.
BARE_MODE_LOGGERS = ("streamlit.runtime.caching.cache_data_api", "streamlit.runtime.scriptrunner_utils.script_run_context")


def _warm() -> float:
    """atlas.ui.loaders.warm_process, with Streamlit's bare-mode warnings left out (a logging filter:
    Streamlit resets its loggers' levels when it reads its config)."""
    import logging

    quiet = logging.Filter("warm-up")  # passes only records of a logger named warm-up*
    for name in BARE_MODE_LOGGERS:
        logging.getLogger(name).addFilter(quiet)
    try:
        from atlas.ui import loaders

        return loaders.warm_process()
    finally:
        for name in BARE_MODE_LOGGERS:
            logging.getLogger(name).removeFilter(quiet)


def serve(args: list[str]) -> int:
    """Start the app: `streamlit run app.py` for an st.navigation app with a pages/ folder.

    Streamlit decides once per process, before app.py has run, whether `pages/` is a legacy
    multipage folder; on the first session of a fresh server a deep link (e.g. /budget) then
    flashed a "Page not found" dialog before st.navigation took over. This app navigates with
    st.navigation only, so say so before the server starts (checked by
    tests/e2e/test_fresh_server_links.py).
    """
    _deep_paths_go_to_their_page()
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    if not _cache_hashed_assets():
        print("note: this Streamlit cannot take the cache headers of /app/static/zb/data/ "
              "(atlas/ui/cache_headers.py); the files are revalidated instead", file=sys.stderr)
    if os.environ.get("ATLAS_NO_WARM") != "1":  # ATLAS_NO_WARM=1: measure a cold start (python -m bench browser)
        print(f"warmed up in {_warm():.1f} s (data, reference layers, map files)", flush=True)
    sys.argv = ["streamlit", "run", str(schema.REPO_ROOT / "app.py"), *args]
    return cli.main()


def deep_path_redirect(path: str, query: str = "") -> str | None:
    """Where a path of several segments that is no file goes: its first segment (a page, or
    Streamlit's "page not found" with the app's default page), relative so that it also works
    under a proxy's path prefix. `kaart/extra/deep` -> `../../kaart`. None for one segment."""
    parts = [p for p in path.replace("\\", "/").split("/") if p]
    if len(parts) < 2:
        return None
    return "../" * (len(parts) - 1) + parts[0] + (f"?{query}" if query else "")


def _deep_paths_go_to_their_page() -> None:
    """Streamlit answers any unknown path with its index.html, whose scripts are relative
    (`./static/js/...`): under `/kaart/extra/deep` they resolve to `/kaart/extra/static/...`,
    which is index.html again, and the page stays blank. Such a path is redirected to its first
    segment instead; a missing file under /static/ is a 404. (Checked by
    tests/e2e/test_fresh_server_links.py.)"""
    from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse
    from streamlit.web.server.starlette import starlette_static_routes as routes

    make = routes.create_streamlit_static_handler
    if getattr(make, "atlas_deep_paths", False):
        return

    def create(*args, **kwargs):
        handler = make(*args, **kwargs)
        cls = type(handler)
        base_get = cls.get_response

        async def get_response(self, path, scope):
            response = await base_get(self, path, scope)
            if not (isinstance(response, FileResponse) and response.path == self._index_path):
                return response
            query = scope.get("query_string", b"").decode("latin-1")
            target = deep_path_redirect(path, query)
            if target is None:
                return response
            if target.rsplit("/", 1)[-1].split("?")[0] == "static":
                return PlainTextResponse("Not found", status_code=404)
            return RedirectResponse(target, status_code=302, headers={"Cache-Control": "no-cache"})

        cls.get_response = get_response
        return handler

    create.atlas_deep_paths = True
    routes.create_streamlit_static_handler = create
