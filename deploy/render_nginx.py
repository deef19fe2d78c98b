"""Render deploy/nginx.conf.j2 for a list of app instances.

    python deploy/render_nginx.py --listen 8080 --upstream 127.0.0.1:8601 --upstream 127.0.0.1:8602 \
        --prefix /tmp/zb/ > /tmp/zb/nginx.conf

`make deploy-local` (deploy/local.sh) and the compose file use it; deploy/nginx.compose.conf is
its output for the compose services app1 and app2 (regenerate it with `make deploy-configs`).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

HERE = Path(__file__).resolve().parent


# Hosts the proxy answers for (any other Host gets 421); add your domain with --server-name.
SERVER_NAMES = ("localhost", "127.0.0.1")
# Image hosts besides the app itself: the optional OpenStreetMap background of the maps.
TILE_HOSTS = ("https://tile.openstreetmap.org",)
# New websocket sessions per client address: a minute's rate, the burst on top, and how many at once.
# One address can be a whole room (a workshop or a demo behind one NAT): 30 at once, then one a
# second (Streamlit's page retries its websocket by itself), at most 60 open (~2-4.5 MB each).
WS_RATE, WS_BURST, WS_OPEN = 60, 30, 60
_NAME = re.compile(r"^[A-Za-z0-9.-]{1,253}$")


def render(upstreams: list[str], *, listen: str = "8080", prefix: str = "/var/lib/nginx/", user: str = "",
           workers: str = "auto", server_names: list[str] | tuple[str, ...] = SERVER_NAMES,
           ws_rate: int = WS_RATE, ws_burst: int = WS_BURST, ws_open: int = WS_OPEN) -> str:
    if not upstreams:
        raise ValueError("at least one --upstream")
    if not server_names or not all(_NAME.match(n) for n in server_names):
        raise ValueError(f"--server-name: host names only (letters, digits, '.', '-'), got {list(server_names)}")
    if min(ws_rate, ws_burst, ws_open) < 1:
        raise ValueError("the websocket limits must be at least 1")
    if not prefix.endswith("/"):
        prefix += "/"
    env = Environment(loader=FileSystemLoader(HERE), autoescape=False, undefined=StrictUndefined,
                      keep_trailing_newline=True)
    return env.get_template("nginx.conf.j2").render(
        upstreams=upstreams, listen=listen, prefix=prefix, user=user, workers=workers,
        server_names=list(dict.fromkeys(server_names)), tile_hosts=TILE_HOSTS, ws_rate=ws_rate, ws_burst=ws_burst,
        ws_open=ws_open)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--upstream", action="append", required=True, help="host:port of one app instance (repeat)")
    p.add_argument("--listen", default="8080", help="port (or address:port) nginx listens on")
    p.add_argument("--prefix", default="/var/lib/nginx/", help="folder for pid, logs and temp files")
    p.add_argument("--user", default="", help="user of the worker processes (nginx started as root)")
    p.add_argument("--workers", default="auto")
    p.add_argument("--server-name", action="append", dest="server_names",
                   help=f"a host name visitors use (repeat; default {' '.join(SERVER_NAMES)}); other Hosts get 421")
    p.add_argument("--ws-rate", type=int, default=WS_RATE, help="new websocket sessions a minute per address")
    p.add_argument("--ws-burst", type=int, default=WS_BURST, help="new websocket sessions at once above the rate")
    p.add_argument("--ws-open", type=int, default=WS_OPEN, help="open websocket sessions per address")
    args = p.parse_args(argv)
    try:
        conf = render(args.upstream, listen=args.listen, prefix=args.prefix, user=args.user, workers=args.workers,
                      server_names=args.server_names or SERVER_NAMES, ws_rate=args.ws_rate, ws_burst=args.ws_burst,
                      ws_open=args.ws_open)
    except ValueError as exc:
        p.error(str(exc))
    sys.stdout.write(conf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
