"""A/B of file:// pages (static exports, the plain Leaflet floor) to the first map marker, for
bench/README.md's issue 22 figures: wall time (a performance.mark from a MutationObserver) and
the main-thread CPU, the sum of the thread time (tdur) of the renderer main thread's top-level
tasks up to that mark, from a Chrome trace (Playwright start_tracing). Pages interleaved, the
order rotated each round, a fresh context per load; the first page is the base of the ratios.
A standalone helper, not a `python -m bench` case (bench/browser.py has the official rows).

usage: python -m bench.trace_first_marker ROUNDS floor=floor/floor.html site=site/index.html ...
(pages written by e.g. bench.browser.static_files). Absolute CPU figures include the tracing's
own overhead (devtools.timeline, for the per-kind breakdown printed under each row): compare
pages of one run only.
"""
import json
import os
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1"]
MARK = """
(() => {
  if (window !== window.top) return;
  const go = () => {
    const check = () => {
      if (document.querySelector('.leaflet-marker-icon')) {
        performance.mark('zb-first-marker'); window.__zbT = performance.now(); obs.disconnect();
      }
    };
    const obs = new MutationObserver(check);
    obs.observe(document.documentElement, {childList: true, subtree: true});
    check();
  };
  if (document.documentElement) go(); else document.addEventListener('DOMContentLoaded', go);
})();
"""
CATS = ["toplevel", "blink.user_timing", "devtools.timeline",
        "__metadata"]


def cpu_to_mark(trace: bytes) -> tuple[float, dict]:
    events = json.loads(trace)
    events = events["traceEvents"] if isinstance(events, dict) else events
    mark = next(e for e in events if e.get("name") == "zb-first-marker" and e.get("ph") in ("R", "I", "n", "b", "i"))
    pid = mark["pid"]
    main = next(e["tid"] for e in events if e.get("ph") == "M" and e.get("name") == "thread_name"
                and e["pid"] == pid and e["args"]["name"] == "CrRendererMain")
    total = 0.0
    kinds: dict = {}
    for e in events:
        if e.get("pid") != pid or e.get("tid") != main or e.get("ph") != "X":
            continue
        if e.get("ts", 0) > mark["ts"]:
            continue
        if e.get("name") in ("RunTask", "ThreadControllerImpl::RunTask"):
            total += e.get("tdur", e.get("dur", 0)) / 1000
        elif e.get("name") in ("FunctionCall", "EvaluateScript", "ParseHTML", "UpdateLayoutTree", "Layout",
                               "ParseAuthorStyleSheet", "v8.compile", "Paint", "PrePaint", "Layerize",
                               "TimerFire", "FireAnimationFrame", "EventDispatch", "v8.produceCache",
                               "RecalculateStyles", "UpdateLayerTree", "HitTest", "MajorGC", "MinorGC",
                               "CompileScript", "EvaluateModule", "v8.parseOnBackground"):
            kinds[e["name"]] = kinds.get(e["name"], 0) + e.get("tdur", e.get("dur", 0)) / 1000
    return total, kinds


def one(browser, path: Path, trace: bool):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.add_init_script(MARK)
    page = ctx.new_page()
    try:
        if trace:
            browser.start_tracing(page=page, categories=CATS)
        page.goto(path.as_uri(), wait_until="commit")
        page.wait_for_function("() => window.__zbT > 0", timeout=30000, polling=50)
        wall = page.evaluate("() => window.__zbT")
        page.wait_for_timeout(300)
        cpu, kinds = (None, {})
        if trace:
            cpu, kinds = cpu_to_mark(browser.stop_tracing())
        return wall, cpu, kinds
    finally:
        ctx.close()


def main():
    rounds = int(sys.argv[1])
    pages = [(a.split("=", 1)[0], Path(a.split("=", 1)[1]).resolve()) for a in sys.argv[2:]]
    res = {n: {"wall": [], "cpu": [], "kinds": []} for n, _ in pages}
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for n, p in pages:  # warm the file cache
            one(b, p, False)
        for r in range(rounds):
            order = pages[r % len(pages):] + pages[:r % len(pages)]
            for n, p in order:
                wall, cpu, kinds = one(b, p, True)
                res[n]["wall"].append(wall)
                res[n]["cpu"].append(cpu)
                res[n]["kinds"].append(kinds)
        b.close()
    base = pages[0][0]
    bw = statistics.median(res[base]["wall"])
    bc = statistics.median(res[base]["cpu"])
    for n, _ in pages:
        w, c = res[n]["wall"], res[n]["cpu"]
        ks = {}
        for k in res[n]["kinds"]:
            for kk, v in k.items():
                ks.setdefault(kk, []).append(v)
        top = sorted(((statistics.median(v), kk) for kk, v in ks.items()), reverse=True)[:7]
        print(f"{n:14s} wall med {statistics.median(w):6.0f} ms ({min(w):.0f}-{max(w):.0f}) x{statistics.median(w)/bw:.2f}"
              f" | cpu med {statistics.median(c):6.1f} ms ({min(c):.0f}-{max(c):.0f}) x{statistics.median(c)/bc:.2f}")
        print("    " + ", ".join(f"{kk} {v:.1f}" for v, kk in top))


if __name__ == "__main__":
    main()
