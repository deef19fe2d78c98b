"""Charts everyone can read: a text version from the chart's own data, status styles that
differ by more than hue (colour-vision deficiencies), dark axis text."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from atlas.text.palette import STATUS_STYLE
from atlas.views import charts

# Machado et al. (2009) simulation matrices, severity 1.0, on linear RGB.
CVD = {
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}


def _linear(hex_colour: str) -> np.ndarray:
    c = np.array([int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _luminance(rgb: np.ndarray) -> float:
    return float(np.clip(rgb, 0, 1) @ np.array([0.2126, 0.7152, 0.0722]))


def _contrast(a: float, b: float) -> float:
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def frame():
    return pd.DataFrame({"programme": ["stek", "zorgzame_buurt"], "running": [0, 3], "planned": [0, 0],
                         "ended": [11, 78], "unknown": [5, 5]})


def test_status_styles_differ_by_pattern_or_lightness_under_every_colour_vision_deficiency():
    statuses = list(STATUS_STYLE)
    for name, matrix in CVD.items():
        seen = {s: _luminance(np.array(matrix) @ _linear(STATUS_STYLE[s]["colour"])) for s in statuses}
        for i, a in enumerate(statuses):
            for b in statuses[i + 1:]:
                same_pattern = STATUS_STYLE[a]["pattern"] == STATUS_STYLE[b]["pattern"]
                assert not same_pattern or _contrast(seen[a], seen[b]) >= 3, (name, a, b)
    # running (green) and ended (grey) were alike under deuteranopia: now lightness AND pattern differ
    deut = np.array(CVD["deuteranopia"])
    run, end = (_luminance(deut @ _linear(STATUS_STYLE[s]["colour"])) for s in ("running", "ended"))
    assert _contrast(run, end) >= 3 and STATUS_STYLE["running"]["pattern"] != STATUS_STYLE["ended"]["pattern"]


def test_status_bar_text_has_at_least_4_5_to_1_contrast_on_its_fill():
    for s, style in STATUS_STYLE.items():
        fill, text = _luminance(_linear(style["colour"])), _luminance(_linear(style["text"]))
        assert _contrast(fill, text) >= 4.5, s


def test_status_chart_draws_each_status_with_its_pattern():
    fig = charts.status_chart(frame(), "nl", date(2026, 1, 1), source="Bron: x")
    patterns = {tr.name.split(" ")[0]: tr.marker.pattern.shape for tr in fig.data}
    assert patterns["lopend"] == "" and patterns["afgelopen"] == "x" and patterns["gepland"] == "."


def test_chart_text_summary_is_generated_from_the_chart_data():
    fig = charts.status_chart(frame(), "nl", date(2026, 1, 1), source="Bron: x")
    text = charts.text_summary(fig, "nl")
    assert text.startswith("Grafiek “Status op 1 januari 2026")
    assert "lopend: Zorgzame buurt 3" in text and "afgelopen: STEK (16 nieuwe) 11; Zorgzame buurt 78" in text
    more = frame().assign(ended=[1000, 2])
    assert "STEK (16 nieuwe) 1.000" in charts.text_summary(charts.status_chart(more, "nl", date(2026, 1, 1),
                                                                                source="x"), "nl")


def test_chart_axis_and_title_text_is_dark():
    fig = charts.status_chart(frame(), "nl", date(2026, 1, 1), source="Bron: x")
    assert fig.layout.font.color == charts.TEXT_COLOUR and fig.layout.xaxis.tickfont.color == charts.TEXT_COLOUR
    assert _contrast(_luminance(_linear(charts.TEXT_COLOUR)), 1.0) >= 4.5
