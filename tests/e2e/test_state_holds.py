"""The filter state holds in a real browser: the language switch, every sidebar filter, every
page tab, a map click, the copy-link button and following the copied link.

AppTest did not see these: it has no URL bar, no page tabs and no browser-side widget state.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PAGE_PATHS, map_frame, map_settled, wait_idle

pytestmark = pytest.mark.e2e


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query, keep_blank_values=True)


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def assert_healthy(page) -> None:
    """No exception box and no traceback text on the page."""
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.locator("body").inner_text()


def chips(widget):
    """The selected values of a multiselect."""
    return widget.locator('[data-testid="stMultiSelectTagsContainer"] span[data-tag]')


def settle(page) -> None:
    page.wait_for_timeout(300)
    wait_idle(page, quiet_ms=900)


def pick_option(page, widget, text: str) -> None:
    """Open a multiselect/selectbox and pick the option with this text."""
    widget.locator("input").click()
    page.get_by_role("option").filter(has_text=text).first.click()
    page.keyboard.press("Escape")
    settle(page)


def open_app(page, url: str, ready_text: str) -> None:
    """Open a URL and wait until the page's own content (not just the navigation) is there."""
    page.goto(url, wait_until="domcontentloaded")
    page.locator('[data-testid="stMain"]').get_by_text(ready_text).first.wait_for(timeout=60_000)
    page.locator('[data-testid="stSidebar"]').get_by_text("Filters").first.wait_for(timeout=30_000)
    settle(page)


def wait_for_query(page, pattern: str, timeout: float = 30_000) -> None:
    """Wait until the address bar's query matches (Streamlit rewrites it without navigating)."""
    page.wait_for_function("p => new RegExp(p).test(window.location.search)", arg=pattern, timeout=timeout)


def test_language_switch_then_every_sidebar_filter_keeps_filters_and_language(server, offline_page):
    page = offline_page.page
    open_app(page, server + "/?province=70000", "Projecten getoond")
    sidebar(page).get_by_text("English", exact=True).click()
    page.get_by_text("Projects shown").wait_for(timeout=30_000)
    settle(page)
    assert query(page) == {"lang": ["en"], "province": ["70000"]}

    side = sidebar(page)
    steps = [
        ("typology", lambda: side.get_by_text("Level of amenities of Flemish municipalities", exact=False).click()),
        ("area", lambda: pick_option(page, side.locator('[data-testid="stMultiSelect"]').nth(1), "very good amenities")),
        ("status", lambda: pick_option(page, side.locator('[data-testid="stMultiSelect"]').nth(3), "running")),
        ("programme", lambda: side.locator('[data-testid="stMultiSelect"]').first
         .get_by_role("button", name="Remove STEK (older practice)").click()),
    ]
    for name, act in steps:
        act()
        settle(page)
        assert_healthy(page)
        q = query(page)
        assert q.get("lang") == ["en"], (name, page.url)
        assert q.get("province") == ["70000"], (name, page.url)
        assert page.get_by_text("Projects shown").count() == 1, name
    q = query(page)
    assert q["typology"] == ["uitrusting"] and q["status"] == ["running"] and len(q["area"][0].split(",")) == 1
    assert q["programme"] == ["stek,proeftuin,zorgzame_buurt"]
    # the programme filter was not emptied by any of these clicks
    expect(chips(side.locator('[data-testid="stMultiSelect"]').first)).to_have_count(3)

    # An institute names the area another way: it replaces the province, and the language stays.
    pick_option(page, side.locator('[data-testid="stSelectbox"]').first, "SAAMO Limburg")
    assert_healthy(page)
    assert query(page).get("institute") == ["saamo-limburg"] and "province" not in query(page)
    assert query(page).get("lang") == ["en"]

    # Back to Dutch: every filter survives the switch.
    sidebar(page).get_by_text("Nederlands", exact=True).click()
    page.get_by_text("Projecten getoond").wait_for(timeout=30_000)
    settle(page)
    assert_healthy(page)
    q = query(page)
    assert "lang" not in q and q["institute"] == ["saamo-limburg"] and q["status"] == ["running"]
    # the sidebar is drawn after the page (app.py): wait for its Dutch labels, not a count taken at once
    expect(side.get_by_text("lopend").first).to_be_visible(timeout=30_000)


PAGES = [
    ("Budget & status", "/budget"),
    ("STEK", "/stek"),
    ("Pilot networks", "/proeftuinen"),
    ("Caring neighbourhoods", "/zorgzame-buurten"),
    ("Coverage", "/dekking"),
    ("Map", "/"),
]


def test_every_page_tab_keeps_the_filters_and_the_language(server, offline_page):
    page = offline_page.page
    open_app(page, server + "/?province=70000&lang=en&status=ended", "Projects shown")
    for title, path in PAGES:
        page.locator('[data-testid="stTopNavLink"]').filter(has_text=title).first.click()
        page.wait_for_url(re.compile(re.escape(server + path) + r"(\?|$)"), timeout=30_000)
        sidebar(page).get_by_text("Urban/rural typology").wait_for(timeout=30_000)
        settle(page)
        assert_healthy(page)
        q = query(page)
        assert q.get("province") == ["70000"] and q.get("lang") == ["en"] and q.get("status") == ["ended"], \
            (title, page.url)
        expect(chips(sidebar(page)).filter(has_text="Limburg")).to_have_count(1)


def click_on_map(page, lat: float, lon: float) -> None:
    """A real mouse click at a geographic point of the Leaflet map."""
    frame_el = page.locator('iframe[src*="streamlit_folium.st_folium"]')
    frame_el.scroll_into_view_if_needed()
    frame = frame_el.element_handle().content_frame()
    frame.wait_for_selector(".leaflet-overlay-pane canvas, .leaflet-overlay-pane path")  # boundaries arrive by fetch
    point = frame.evaluate(
        """([lat, lon]) => {
            const map = Object.values(window).find(v => v instanceof L.Map);
            const p = map.latLngToContainerPoint([lat, lon]);
            const r = map.getContainer().getBoundingClientRect();
            return [p.x + r.left, p.y + r.top];
        }""",
        [lat, lon],
    )
    box = frame_el.bounding_box()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])


def test_clicking_a_municipality_gives_it_its_own_kpis_summary_and_table(server, offline_page):
    page = offline_page.page
    open_app(page, server + "/?programme=proeftuin", "Projecten getoond")  # few markers near Vilvoorde
    map_frame(page).locator(".zb-legend").wait_for(timeout=30_000)
    settle(page)
    click_on_map(page, 50.9279, 4.4300)  # Vilvoorde, where no project is known
    wait_for_query(page, "municipality=23088")
    page.locator("h3").filter(has_text="Geselecteerd: Vilvoorde").wait_for(timeout=30_000)
    settle(page)
    assert_healthy(page)
    assert query(page).get("municipality") == ["23088"]
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text().strip() == "0"
    assert page.get_by_text("0 projecten in Vilvoorde").count() == 1
    assert page.get_by_text("Geen projecten in deze weergave.").count() == 1
    assert page.get_by_text("empty", exact=True).count() == 0  # not Streamlit's English empty grid
    # the selection is drawn on the map and the map zooms to it with its surroundings
    zoom = map_frame(page).locator("body").evaluate(
        "() => Object.values(window).find(v => v instanceof L.Map).getZoom()")
    assert 10 <= zoom <= 13


def test_picking_a_zone_on_the_coverage_page_names_the_area_in_the_url_and_the_sidebar(server, offline_page):
    """The coverage page's area choice has the primary-care zones (eerstelijnszones): picking one
    replaces the institute in the URL, the sidebar's zone filter shows it, and the page's heading
    and figures are the zone's (its municipalities and inhabitants: the reference layer, read
    directly)."""
    from atlas.text import fmt
    from geo import reference

    munis = reference.municipalities()
    elz2 = munis[munis["elz"] == "elz2"]
    page = offline_page.page
    open_app(page, server + "/dekking?institute=saamo-limburg", "Werkgebied van")
    map_settled(page)  # the map's first report reruns the page: a click before it ends may be lost
    main = page.locator('[data-testid="stMain"]')
    modes = main.locator('[data-testid="stRadio"]')
    modes.get_by_text("Eerstelijnszone", exact=True).click()
    expect(modes.get_by_role("radio", name="Eerstelijnszone", exact=True)).to_be_checked(timeout=30_000)
    picker = main.locator('[class*="st-key-w_cov_elz_"]')
    expect(picker).to_be_visible(timeout=30_000)
    settle(page)
    pick_option(page, picker, "elz2 (Antwerpen")
    wait_for_query(page, r"(^|[?&])elz=elz2(&|$)")
    assert "institute" not in query(page)
    expect(main.get_by_role("heading", name="Eerstelijnszone elz2")).to_be_visible(timeout=30_000)
    expect(sidebar(page).get_by_role("combobox", name="Eerstelijnszone")).to_have_value(re.compile(r"^elz2 \(Antwerpen"))
    kpis = main.locator(".st-key-kpis")
    expect(kpis.locator('[data-testid="stMetric"]').filter(has_text="Inwoners in het gebied")).to_contain_text(
        fmt.number(int(elz2["population"].sum()), "nl"))
    expect(kpis.locator('[data-testid="stMetric"]').filter(has_text="Gemeenten met")).to_contain_text(
        re.compile(rf"van {len(elz2)}\b"))
    assert_healthy(page)


def test_copy_link_button_copies_this_view_and_the_link_opens_it_again(server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    try:
        open_app(page, server + "/budget?province=70000&lang=en&status=running", "Budget per programme")
        button = page.frame_locator('iframe[title="st.iframe"]').first.get_by_role("button", name="Copy link")
        button.click()
        page.frame_locator('iframe[title="st.iframe"]').first.get_by_text("Link copied").wait_for(timeout=5_000)
        link = page.evaluate("navigator.clipboard.readText()")
        assert urlparse(link).path == "/budget"
        assert parse_qs(urlparse(link).query) == {"lang": ["en"], "province": ["70000"], "status": ["running"]}

        # Follow the link in a new browser: the same page, filters and language.
        other = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            fresh = other.new_page()
            open_app(fresh, link, "Budget per programme")
            assert_healthy(fresh)
            expect(chips(sidebar(fresh)).filter(has_text="Limburg")).to_have_count(1)
            expect(chips(sidebar(fresh)).filter(has_text="running")).to_have_count(1)
            expect(fresh.get_by_text("Filters active").first).to_be_visible()
        finally:
            other.close()
    finally:
        context.close()


def test_old_comma_links_and_hostile_values_open_without_error(server, offline_page):
    page = offline_page.page
    open_app(page, server + "/budget?programme=stek,proeftuin&date=9999-12-31&programme=%5BKlik%5D(https://evil.example)",
             "Budget per programma")
    assert_healthy(page)
    side = sidebar(page)
    expect(chips(side.locator('[data-testid="stMultiSelect"]').first)).to_have_count(2)
    warning = side.locator('[data-testid="stAlert"]').inner_text()
    assert "date=9999-12-31" in warning and "evil.example" in warning
    assert side.locator('[data-testid="stAlert"] a').count() == 0  # shown as text, not as a link
    assert page.locator('[data-testid="stTopNavLink"]').count() == len(PAGE_PATHS)  # navigation still there
