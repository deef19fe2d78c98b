"""Render deploy/nginx.conf.j2 for a list of app instances.

    python deploy/render_nginx.py --listen 8080 --upstream 127.0.0.1:8601 --upstream 127.0.0.1:8602 \
        --prefix /tmp/zb/ > /tmp/zb/nginx.conf

`make deploy-local` (deploy/local.sh) and the compose file use it; deploy/nginx.compose.conf is
its output for the compose services app1 and app2 (regenerate it with `make deploy-configs`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

HERE = Path(__file__).resolve().parent


def render(upstreams: list[str], *, listen: str = "8080", prefix: str = "/var/lib/nginx/", user: str = "",
           workers: str = "auto") -> str:
    if not upstreams:
        raise ValueError("at least one --upstream")
    if not prefix.endswith("/"):
        prefix += "/"
    env = Environment(loader=FileSystemLoader(HERE), autoescape=False, undefined=StrictUndefined,
                      keep_trailing_newline=True)
    return env.get_template("nginx.conf.j2").render(upstreams=upstreams, listen=listen, prefix=prefix, user=user,
                                                    workers=workers)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--upstream", action="append", required=True, help="host:port of one app instance (repeat)")
    p.add_argument("--listen", default="8080", help="port (or address:port) nginx listens on")
    p.add_argument("--prefix", default="/var/lib/nginx/", help="folder for pid, logs and temp files")
    p.add_argument("--user", default="", help="user of the worker processes (nginx started as root)")
    p.add_argument("--workers", default="auto")
    args = p.parse_args(argv)
    sys.stdout.write(render(args.upstream, listen=args.listen, prefix=args.prefix, user=args.user,
                            workers=args.workers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
