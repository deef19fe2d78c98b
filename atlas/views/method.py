"""The "Methode" page's text: per-language markdown files in atlas/views/content/method, in order.

Pure. The files are ours (not data), named `<NN>_<topic>.<lang>.md`; they are read with
importlib.resources and rendered in the order of NN. Figures that change with the data
(the urban/rural shares under each typology) are `$name` placeholders filled from the data
(`figures`), so the text never quotes a stale number.
"""

from __future__ import annotations

import re
from importlib import resources
from string import Template

import pandas as pd

from atlas.text import fmt
from atlas.text.labels import class_label, typology_label

_NAME = re.compile(r"^(\d{2})_([a-z0-9_]+)\.([a-z]{2})\.md$")


def section_files(lang: str) -> list[str]:
    """The file names for `lang`, in order; a topic without a file in `lang` falls back to Dutch."""
    folder = resources.files("atlas.views").joinpath("content", "method")
    names = [p.name for p in folder.iterdir() if _NAME.match(p.name)]
    topics = sorted({_NAME.match(n).group(1, 2) for n in names})
    out = []
    for nn, topic in topics:
        for candidate in (f"{nn}_{topic}.{lang}.md", f"{nn}_{topic}.nl.md"):
            if candidate in names:
                out.append(candidate)
                break
    return out


def read_section(name: str) -> str:
    return resources.files("atlas.views").joinpath("content", "method", name).read_text(encoding="utf-8")


def figures(projects: pd.DataFrame, municipalities: pd.DataFrame | None, lang: str) -> dict[str, str]:
    """The numbers the texts quote, from the data: per typology, the share of the projects and
    of the population in its 'rural' classes, and the class names on each side."""
    from atlas.views.stats import kpis
    from geo.typology import RURAL_CLASSES, TYPOLOGIES

    values: dict[str, str] = {"n_projects": fmt.number(len(projects), lang)}
    for ty in ("degurba", "uitrusting"):
        rural = RURAL_CLASSES[ty]
        classes = TYPOLOGIES[ty]["classes"]
        k = kpis(projects, ty)
        values[f"{ty}_name"] = typology_label(ty, lang)
        values[f"{ty}_rural_classes"] = "; ".join(class_label(ty, c, lang) for c in classes if c in rural)
        values[f"{ty}_urban_classes"] = "; ".join(class_label(ty, c, lang) for c in classes if c not in rural)
        values[f"{ty}_rural_projects"] = fmt.percent(k.rural_share, lang) if k.rural_share is not None else "—"
        values[f"{ty}_known_projects"] = fmt.number(k.rural_known, lang)
        if municipalities is not None:
            has = municipalities[ty].astype(str) != ""
            in_rural = municipalities[ty].astype(str).isin(rural)
            pop = municipalities["population"]
            values[f"{ty}_rural_municipalities"] = fmt.number(int(in_rural.sum()), lang)
            values[f"{ty}_classified_municipalities"] = fmt.number(int(has.sum()), lang)
            values[f"{ty}_rural_population"] = fmt.percent(float(pop[in_rural].sum() / pop[has].sum()), lang)
        else:
            for key in ("rural_municipalities", "classified_municipalities", "rural_population"):
                values[f"{ty}_{key}"] = "—"
    return values


def sections(lang: str, values: dict[str, str]) -> list[str]:
    """The markdown of every section for `lang`, with the figures filled in."""
    return [Template(read_section(name)).safe_substitute(values) for name in section_files(lang)]
