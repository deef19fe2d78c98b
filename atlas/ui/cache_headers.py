"""Cache-Control for the content-hashed files the app publishes (``geo.assets.publish``).

Streamlit sends its own JavaScript bundles as ``public, immutable, max-age=1 year`` but the
files of ``[server] enableStaticServing`` (``/app/static/...``) with no Cache-Control at all:
a browser then revalidates or re-downloads the map's script (~0.5 MB) on a second visit. The
map script, its style sheet and the boundary GeoJSON carry their content hash in their names,
so they can be kept for good. :class:`CacheHashedAssets` is a plain ASGI middleware that sets
``geo.assets.IMMUTABLE`` on a successful response for such a path (``geo.assets.HASHED``) and
leaves every other response alone. ``python -m atlas serve`` adds it to Streamlit's server
(atlas.cli.serve); deploy/nginx.conf.j2 sets the same header in front of several instances.

Pure: no streamlit import.
"""

from __future__ import annotations

from geo.assets import HASHED, IMMUTABLE

_VALUE = IMMUTABLE.encode("ascii")


class CacheHashedAssets:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope.get("type") != "http" or not HASHED.search(scope.get("path", "")):
            await self.app(scope, receive, send)
            return

        async def send_cached(message):
            if message.get("type") == "http.response.start" and message.get("status") == 200:
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                message = {**message, "headers": [*headers, (b"cache-control", _VALUE)]}
            await send(message)

        await self.app(scope, receive, send_cached)
