"""``python -m bench load``: concurrent real browser sessions against one server.

One ``python -m atlas serve`` on 127.0.0.1; Debian's Chromium through Playwright (one browser,
one context per session, all concurrent). Each session opens the map page with its own filter
link ``--changes`` times (a different programme and province each time, so sessions expect
different numbers) and waits until the "Projecten getoond" KPI shows the count computed
here from the same data: a session that sees another's count, an error box or a traceback
is an error.

Two rounds: the sessions alone, then the same sessions next to one CPU-heavy session that
uploads a large valid file (about 1 MB, the upload limit) on the coverage page again and
again. Rows: page-load time (median, p95) of each round, the ratio of the medians
(target ≤ 2: a heavy user must not more than double everyone else's wait), errors (target 0)
and the server's memory per session (RSS of the server process from /proc, at the peak of
the round above the idle server, divided by the sessions).

Options: ``--sessions N`` (default 20), ``--changes N`` (default 10), ``--timeout S`` (default
600, for the whole run). On a loaded 2-core machine ``--sessions 6`` is quicker.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import statistics
import time
from dataclasses import dataclass, field

from bench import Row, register
from bench.harness import launch, rss_kb, screen_context, start_server

KPI_LABEL = "Projecten getoond"


@dataclass
class Round:
    loads_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    peak_rss_kb: int = 0
    heavy_uploads: int = 0


def scenarios() -> list[tuple[str, str]]:
    """(query, expected KPI text) for every programme x province link, from the shipped data."""
    from atlas.text import fmt
    from atlas.model.data import load_projects, status_at
    from atlas.model.filters import FilterState
    from atlas.model.schema import PROGRAMMES, PROVINCES

    projects = load_projects().projects
    projects = projects.assign(status=status_at(projects, FilterState().ref_date))
    out = []
    for prog in PROGRAMMES:
        for prov in [None, *PROVINCES]:
            state = FilterState(programmes=(prog,), provinces=(prov,) if prov else ())
            query = f"programme={prog}" + (f"&province={prov}" if prov else "")
            out.append((query, fmt.number(len(state.apply(projects, None)), "nl")))
    return out


def heavy_upload() -> bytes:
    """A large valid projects file just under the 1 MB upload limit (shipped rows, repeated
    with new ids): the most CPU an honest visitor can ask of the server at once."""
    from atlas.model import schema

    text = schema.PROJECTS_CSV.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    i = 0
    while buf.tell() < 950_000:
        r = rows[i % len(rows)]
        writer.writerow({**r, "id": f"LOAD-{i}", "budget_group": ""})
        i += 1
    return buf.getvalue().encode("utf-8")


async def _session(browser, base: str, index: int, plan: list[tuple[str, str]], rnd: Round, deadline: float) -> None:
    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import expect

    context = await screen_context(browser)
    page = await context.new_page()
    try:
        for query, expected in plan:
            if time.time() > deadline:
                rnd.errors.append(f"session {index}: out of time")
                return
            t0 = time.perf_counter()
            metric = page.locator('[data-testid="stMetric"]').filter(has_text=KPI_LABEL)
            try:
                await page.goto(f"{base}/?{query}", wait_until="domcontentloaded", timeout=120_000)
                await expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(expected, timeout=120_000)
                await page.locator("iframe").first.wait_for(timeout=120_000)
            except (AssertionError, PlaywrightError) as exc:
                got = await metric.locator('[data-testid="stMetricValue"]').all_inner_texts()
                late = got == [expected]  # the right count, but after the 120 s wait: slow, not wrong
                rnd.errors.append(f"session {index} ?{query}: " + (
                    "right count, later than 120 s" if late else
                    f"expected {expected}, saw {got} ({type(exc).__name__}: {' '.join(str(exc).split())[:80]})"))
                continue
            rnd.loads_ms.append((time.perf_counter() - t0) * 1000)
            if await page.locator('[data-testid="stException"]').count():
                rnd.errors.append(f"session {index} ?{query}: an exception box")
    finally:
        await context.close()


async def _heavy(browser, base: str, raw: bytes, rnd: Round, stop: asyncio.Event) -> None:
    context = await screen_context(browser)
    page = await context.new_page()
    try:
        while not stop.is_set():
            await page.goto(f"{base}/dekking?institute=saamo-limburg", wait_until="domcontentloaded")
            await page.locator('[data-testid="stFileUploaderDropzoneInput"]').wait_for(state="attached", timeout=120_000)
            await page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
                {"name": f"groot-{rnd.heavy_uploads}.csv", "mimeType": "text/csv", "buffer": raw})
            await page.locator('[data-testid="stAlert"]').filter(has_text="rijen zijn geldig").first.wait_for(
                timeout=300_000)
            rnd.heavy_uploads += 1
    except Exception as exc:  # noqa: BLE001 - stopping the round closes the page under it
        if not stop.is_set():
            rnd.errors.append(f"heavy session: {type(exc).__name__}: {str(exc)[:120]}")
    finally:
        await context.close()


async def _watch_rss(pid: int, rnd: Round, stop: asyncio.Event) -> None:
    while not stop.is_set():
        rnd.peak_rss_kb = max(rnd.peak_rss_kb, rss_kb(pid))
        await asyncio.sleep(0.25)


async def _round(browser, base: str, pid: int, plans, *, heavy: bytes | None, deadline: float) -> Round:
    rnd = Round()
    stop = asyncio.Event()
    watcher = asyncio.create_task(_watch_rss(pid, rnd, stop))
    heavy_task = asyncio.create_task(_heavy(browser, base, heavy, rnd, stop)) if heavy else None
    if heavy_task:
        await asyncio.sleep(2)  # the heavy session is busy before the others start
    await asyncio.gather(*(_session(browser, base, i, plan, rnd, deadline) for i, plan in enumerate(plans)))
    stop.set()
    await watcher
    if heavy_task:
        await heavy_task
    return rnd


async def _run(sessions: int, changes: int, timeout: float) -> tuple[Round, Round, int, int]:
    from playwright.async_api import async_playwright

    cases = scenarios()
    # Session i walks the links from its own offset: concurrent sessions expect different counts.
    plans = [[cases[(i * 7 + j * 3) % len(cases)] for j in range(changes)] for i in range(sessions)]
    server = start_server()
    base = server.base
    deadline = time.time() + timeout
    try:
        async with async_playwright() as pw:
            browser = await launch(pw)
            warm = Round()
            await _session(browser, base, -1, [cases[0]], warm, deadline)  # load data and caches once
            idle_rss = rss_kb(server.pid)
            if warm.errors:
                raise SystemExit("bench load: warm-up failed: " + "; ".join(warm.errors))
            alone = await _round(browser, base, server.pid, plans, heavy=None, deadline=deadline)
            crowded = await _round(browser, base, server.pid, plans, heavy=heavy_upload(), deadline=deadline)
            await browser.close()
    finally:
        server.stop()
    return alone, crowded, idle_rss, sessions


def _p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def _load_row(label: str, values: list[float], note: str = "") -> Row:
    if not values:
        return Row(label, float("nan"), 0, float("nan"), float("nan"), None, note or "no successful loads")
    return Row(label, statistics.median(values), len(values), min(values), max(values), None,
               f"p95 {_p95(values):,.0f} ms" + (f"; {note}" if note else ""))


@register("load", "concurrent browser sessions against one server: counts, page loads, memory, a heavy user")
def run(argv: list[str]) -> list[Row]:
    parser = argparse.ArgumentParser(prog="python -m bench load")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args(argv)
    sessions, changes = max(1, min(args.sessions, 50)), max(1, min(args.changes, 50))
    alone, crowded, idle_rss, n = asyncio.run(_run(sessions, changes, args.timeout))
    ratio = statistics.median(crowded.loads_ms) / statistics.median(alone.loads_ms) \
        if alone.loads_ms and crowded.loads_ms else float("inf")
    per_session = [max(0, r.peak_rss_kb - idle_rss) / 1024 / n for r in (alone, crowded)]
    errors = alone.errors + crowded.errors
    rows = [
        _load_row(f"page load, {n} sessions x {changes} filter changes", alone.loads_ms),
        _load_row("page load, the same next to a heavy upload session", crowded.loads_ms,
                  f"{crowded.heavy_uploads} uploads of ~1 MB done meanwhile"),
        Row("heavy session slows the others (median ratio)", ratio, 1, ratio, ratio, 2.0, unit="x"),
        Row("errors (wrong count, exception box, load over 120 s)", float(len(errors)), 1, float(len(errors)),
            float(len(errors)), 0.0, "; ".join(errors[:3]) + (f" … +{len(errors) - 3}" if len(errors) > 3 else ""),
            unit="n"),
        Row("server memory per session (peak RSS above idle / sessions)", per_session[0], 1, min(per_session),
            max(per_session), None, f"idle server {idle_rss / 1024:,.0f} MB; peak {alone.peak_rss_kb / 1024:,.0f} MB "
            f"alone, {crowded.peak_rss_kb / 1024:,.0f} MB with the heavy session", unit="MB"),
    ]
    return rows
