"""``python -m bench trace [--rounds N] [NAME=path/index.html ...]``: the static export against a
plain Leaflet page with the same boundaries and markers (the floor), both from file://, to the
first map marker: wall time (a performance.mark from a MutationObserver watching the document
from its creation) and the main-thread CPU, the sum of the thread time (tdur) of the renderer
main thread's top-level tasks up to that mark, from a Chrome trace (Playwright start_tracing);
the same to the end of the first frame painted after the mark (the marker on screen), and to
the later of the mark and DOMContentLoaded (the figure this tool gave before: `measure`). Pages interleaved, the order rotated each round,
a fresh context per load. The CPU figure is the steadier one on a loaded machine
(bench/README.md); its absolute values include the tracing's own overhead, so compare the pages
of one run only.

It writes the floor and the export itself (bench.browser.static_files); NAME=path arguments add
more pages to the A/B (e.g. an export built from an older commit).
"""

from __future__ import annotations

import json
import statistics
import tempfile
from pathlib import Path

from bench import Row, register
from bench.harness import DESKTOP, launch, screen_context

TARGET = 1.2  # the export's first marker within 1.2x of the plain Leaflet page (issue 22)
FIGURES = {  # measure's figures: what each row says
    "cpu": "first marker inserted, main-thread CPU",
    "wall": "first marker inserted, wall",
    "painted": "first frame with the marker painted, main-thread CPU",
    "painted wall": "first frame with the marker painted, wall",
    "dcl": "later of marker and DOMContentLoaded (the old figure), main-thread CPU",
    "dcl wall": "later of marker and DOMContentLoaded (the old figure), wall",
}

# The first marker's insertion, watched from the document's creation: an init script runs before
# the <html> element exists, so the observer watches the document node itself. (Until the fourth
# pass it waited for DOMContentLoaded when there was no <html> element yet, i.e. always: a marker
# inserted mid-parse, as the export's is, was timed at the end of the parse.)
MARK = """
(() => {
  if (window !== window.top) return;
  const check = () => {
    if (document.querySelector('.leaflet-marker-icon')) {
      performance.mark('zb-first-marker'); window.__zbT = performance.now(); obs.disconnect();
    }
  };
  const obs = new MutationObserver(check);
  obs.observe(document, {childList: true, subtree: true});
  check();
})();
"""
CATS = ["toplevel", "blink.user_timing", "devtools.timeline",
        "__metadata"]


TASKS = ("RunTask", "ThreadControllerImpl::RunTask")
KINDS = ("FunctionCall", "EvaluateScript", "ParseHTML", "UpdateLayoutTree", "Layout",
         "ParseAuthorStyleSheet", "v8.compile", "Paint", "PrePaint", "Layerize",
         "TimerFire", "FireAnimationFrame", "EventDispatch", "v8.produceCache",
         "RecalculateStyles", "UpdateLayerTree", "HitTest", "MajorGC", "MinorGC",
         "CompileScript", "EvaluateModule", "v8.parseOnBackground")


def measure(trace: bytes) -> dict:
    """From one trace: `cpu`, the renderer main thread's CPU (thread time of its top-level tasks)
    up to the first marker's insertion, and `kinds`, its breakdown; `painted`, the same up to the
    end of the first frame painted after it (the marker on screen), and `paint_ms`, the wall time
    from the insertion to that frame's end; `dcl`, the same up to the later of the insertion and
    DOMContentLoaded (what this tool measured before the fourth pass), and `dcl_ms` likewise."""
    events = json.loads(trace)
    events = events["traceEvents"] if isinstance(events, dict) else events
    mark = next(e for e in events if e.get("name") == "zb-first-marker" and e.get("ph") in ("R", "I", "n", "b", "i"))
    pid = mark["pid"]
    main = next(e["tid"] for e in events if e.get("ph") == "M" and e.get("name") == "thread_name"
                and e["pid"] == pid and e["args"]["name"] == "CrRendererMain")
    mine = [e for e in events if e.get("pid") == pid and e.get("tid") == main]
    on_main = [e for e in mine if e.get("ph") == "X"]
    paint = min((e for e in on_main if e.get("name") == "Paint" and e["ts"] > mark["ts"]),
                key=lambda e: e["ts"], default=None)
    paint_end = paint["ts"] + paint.get("dur", 0) if paint else mark["ts"]
    dcl = min((e["ts"] for e in mine if e.get("name") == "MarkDOMContent"), default=mark["ts"])
    dcl_end = max(dcl, mark["ts"])

    def cpu_until(ts: float) -> float:
        return sum(e.get("tdur", e.get("dur", 0)) / 1000 for e in on_main if e.get("name") in TASKS and e["ts"] <= ts)

    kinds: dict = {}
    for e in on_main:
        if e.get("ts", 0) <= mark["ts"] and e.get("name") in KINDS:
            kinds[e["name"]] = kinds.get(e["name"], 0) + e.get("tdur", e.get("dur", 0)) / 1000
    return {"cpu": cpu_until(mark["ts"]), "kinds": kinds, "painted": cpu_until(paint_end),
            "paint_ms": (paint_end - mark["ts"]) / 1000, "dcl": cpu_until(dcl_end),
            "dcl_ms": (dcl_end - mark["ts"]) / 1000}


def one(browser, path: Path, trace: bool):
    ctx = screen_context(browser, *DESKTOP)  # the desktop of `bench browser`'s static-site rows
    ctx.add_init_script(MARK)
    page = ctx.new_page()
    try:
        if trace:
            browser.start_tracing(page=page, categories=CATS)
        page.goto(path.as_uri(), wait_until="commit")
        page.wait_for_function("() => window.__zbT > 0", timeout=30000, polling=50)
        wall = page.evaluate("() => window.__zbT")
        page.wait_for_timeout(300)
        m = measure(browser.stop_tracing()) if trace else {}
        return wall, m
    finally:
        ctx.close()


def ab(pages: list[tuple[str, Path]], rounds: int) -> dict[str, dict[str, list]]:
    """Each page `rounds` times, interleaved, after one untimed load each (the file cache)."""
    from playwright.sync_api import sync_playwright

    res: dict[str, dict[str, list]] = {n: {k: [] for k in (*FIGURES, "kinds")} for n, _ in pages}
    with sync_playwright() as pw:
        browser = launch(pw, no_outside_hosts=True)
        try:
            for _, path in pages:
                one(browser, path, False)
            for r in range(rounds):
                for n, path in pages[r % len(pages):] + pages[:r % len(pages)]:
                    wall, m = one(browser, path, True)
                    res[n]["wall"].append(wall)
                    res[n]["painted wall"].append(wall + m["paint_ms"])
                    res[n]["dcl wall"].append(wall + m["dcl_ms"])
                    for k in ("cpu", "painted", "dcl", "kinds"):
                        res[n][k].append(m[k])
        finally:
            browser.close()
    return res


def top_kinds(kinds: list[dict], n: int = 5) -> str:
    """The costliest kinds of main-thread work (median ms each): where the time goes."""
    by_kind: dict[str, list[float]] = {}
    for k in kinds:
        for name, ms in k.items():
            by_kind.setdefault(name, []).append(ms)
    top = sorted(((statistics.median(v), name) for name, v in by_kind.items()), reverse=True)[:n]
    return ", ".join(f"{name} {ms:.0f} ms" for ms, name in top)


@register("trace", "static export vs a plain Leaflet page: first marker, wall and main-thread CPU")
def run(argv: list[str]) -> list[Row]:
    from bench.browser import static_files

    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 7
    extra = [(a.split("=", 1)[0], Path(a.split("=", 1)[1]).resolve()) for a in argv if "=" in a]
    with tempfile.TemporaryDirectory(prefix="bench-trace-") as tmp:
        site, floor = static_files(Path(tmp))
        pages = [("floor", floor), ("static", site), *extra]
        res = ab(pages, rounds)
    rows = []
    for name, _ in pages:
        for m in FIGURES:
            v = res[name][m]
            rows.append(Row(f"{name}: {FIGURES[m]}", statistics.median(v), len(v), min(v), max(v),
                            note=top_kinds(res[name]["kinds"]) if m == "cpu" else ""))
    for name, _ in pages[1:]:
        for m, what in FIGURES.items():
            ratios = [x / f for x, f in zip(res[name][m], res["floor"][m])]
            rows.append(Row(f"{name} / floor, {what}", statistics.median(res[name][m]) / statistics.median(res["floor"][m]),
                            len(ratios), min(ratios), max(ratios), target_ms=TARGET if name == "static" else None,
                            unit="x", note="ratio of the medians; min/max: per-round ratios"))
    return rows
