"""Markup as files: the one Jinja environment for every template of the app, the report and the
static site, and the raw style sheets and scripts next to them.

One environment, so a template renders the same whoever calls it: every value is HTML-escaped
unless the template says otherwise, an undefined name is an error, and block tags leave no blank
lines behind.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import jinja2


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("atlas.views", "templates"),
        autoescape=True,  # every value is HTML-escaped unless a template says otherwise
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["zip"] = zip
    return env


def render(name: str, **values) -> str:
    return environment().get_template(name).render(**values)


def read_bytes(name: str) -> bytes:
    """A file of this folder as it is (a style sheet or a script, not a template)."""
    if "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"not a file of atlas/views/templates: {name!r}")
    return (resources.files(__name__) / name).read_bytes()


def read_text(name: str) -> str:
    return read_bytes(name).decode("utf-8")
