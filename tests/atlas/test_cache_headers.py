"""Cache-Control for the content-hashed files the app publishes (issue 22): the ASGI middleware
(atlas.ui.cache_headers) and its place in Streamlit's server (atlas.cli.serve._cache_hashed_assets)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from atlas.ui.cache_headers import CacheHashedAssets
from geo import assets


def respond(path: str, status: int = 200, headers=()):
    """What CacheHashedAssets sends for a GET of `path` answered by an app with `status`/`headers`."""
    sent = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": status, "headers": list(headers)})
        await send({"type": "http.response.body", "body": b"x"})

    async def send(message):
        sent.append(message)

    # In a thread of its own: a worker that also ran a browser test (Playwright's sync API) has an
    # event loop running in this one, and asyncio.run refuses to start another there.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, CacheHashedAssets(app)({"type": "http", "path": path}, None, send)).result()
    start = sent[0]
    return [v.decode() for k, v in start["headers"] if k.lower() == b"cache-control"]


def test_every_published_name_is_cached_for_good(tmp_path):
    names = [assets.publish("municipalities", '{"a":1}', tmp_path),
             assets.publish("map", "var a;", tmp_path, suffix=".js"),
             assets.publish("map", "a{}", tmp_path, suffix=".css")]
    for rel in names:
        assert respond(assets.url(rel), headers=[(b"cache-control", b"no-cache")]) == [assets.IMMUTABLE], rel
        assert respond("/base" + assets.url(rel)) == [assets.IMMUTABLE], rel  # server.baseUrlPath


def test_other_files_and_failures_keep_their_headers():
    assert respond("/app/static/leaflet/leaflet.js") == []  # not content-named
    assert respond("/app/static/zb/data/map.js") == []
    assert respond("/", headers=[(b"cache-control", b"no-cache")]) == ["no-cache"]
    assert respond("/app/static/zb/data/map-0123456789ab.js", status=404) == []  # a miss is not kept


def test_serve_adds_the_middleware_to_streamlits_server(monkeypatch):
    from streamlit.web.server.starlette import starlette_app

    from atlas.cli.serve import _cache_hashed_assets

    monkeypatch.setattr(starlette_app, "create_streamlit_middleware", starlette_app.create_streamlit_middleware)
    assert _cache_hashed_assets() and _cache_hashed_assets()  # a second call adds nothing
    stack = starlette_app.create_streamlit_middleware()
    assert [m.cls for m in stack].count(CacheHashedAssets) == 1 and stack[-1].cls is CacheHashedAssets
