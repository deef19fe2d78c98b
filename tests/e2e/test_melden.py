"""The maintainer's path in a real browser (issue 20): from the coverage page of SAAMO Limburg a
user reports a missing project and sees the confirmation; the CLI lists it and accepts it (into a
COPY of data/projects.csv, never the real file); after a reload the app shows it with its source."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest
from playwright.sync_api import expect

from atlas.model import schema
from atlas.text.i18n import t
from tests.e2e.conftest import REPO, map_frame, start_server, wait_idle

pytestmark = pytest.mark.e2e
NAME = "Zorgzame buurt Winterslag-Test"
SOURCE = "https://www.genk.be/zorgzame-buurten-winterslag"


@pytest.fixture
def app_with_copy(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(schema.PROJECTS_CSV, data / "projects.csv")
    env = {"ATLAS_PROJECTS_CSV": str(data / "projects.csv"), "ATLAS_DB_URL": f"sqlite:///{tmp_path / 'm.sqlite'}"}
    cli(env, "migrate")
    with start_server(env=env) as app:
        yield app.base, env, data / "projects.csv"


def cli(env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "atlas", "meldingen", *args], cwd=REPO, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def choose(page, label: str, option: str, typed: str | None = None) -> None:
    box = page.get_by_test_id("stForm").get_by_label(label, exact=True)  # the sidebar has a 'Programma' too
    box.click()
    if typed:
        box.fill(typed)
    page.get_by_role("option", name=option, exact=True).click()


def test_report_accept_and_see_it_after_a_reload(app_with_copy, offline_page):
    base, env, projects = app_with_copy
    real = schema.PROJECTS_CSV.read_bytes()
    page = offline_page.page
    page.goto(f"{base}/dekking?institute=saamo-limburg", wait_until="domcontentloaded")
    link = page.get_by_role("link", name=t("mld_link_area", "nl"))
    expect(link).to_be_visible(timeout=90_000)
    link.click()
    expect(page.get_by_role("heading", name=t("mld_title", "nl"))).to_be_visible(timeout=60_000)
    wait_idle(page)
    assert "institute=saamo-limburg" in page.url
    choose(page, t("mld_programme", "nl"), t("prog_zorgzame_buurt", "nl"))
    form = page.get_by_test_id("stForm")
    form.get_by_label(t("mld_name", "nl"), exact=True).fill(NAME)
    choose(page, t("mld_municipality", "nl"), "Genk (gemeente)", typed="Genk")
    form.get_by_label(t("mld_neighbourhood", "nl"), exact=True).fill("Winterslag")
    form.get_by_label(t("mld_source", "nl"), exact=True).fill(SOURCE)
    form.get_by_label(t("mld_text", "nl"), exact=True).fill("Gestart in 2022, zie de pagina van de stad.")
    time.sleep(3.2)  # a person: the form refuses anything sent within 3 s
    page.get_by_role("button", name=t("mld_send", "nl")).click()
    expect(page.get_by_text(t("mld_done", "nl"))).to_be_visible(timeout=60_000)
    expect(page.get_by_text(t("mld_next", "nl"))).to_be_visible()

    (item,) = json.loads(cli(env, "list", "--json"))
    assert (item["status"], item["name"], item["municipality_nis"], item["institute_id"], item["source_url"]) == \
           ("open", NAME, "71016", "saamo-limburg", SOURCE)
    out = cli(env, "accept", str(item["id"]), "--by", "e2e")
    new_id = f"ZB-M{item['id']:03d}"
    assert f"added:   {new_id}" in out
    assert schema.PROJECTS_CSV.read_bytes() == real  # the real file is never touched

    page.goto(f"{base}/kaart?municipality=71016", wait_until="domcontentloaded")
    frame = map_frame(page)
    expect(frame.locator(".leaflet-container")).to_be_visible(timeout=90_000)
    popups = ""
    deadline = time.time() + 60
    while NAME not in popups and time.time() < deadline:  # the markers arrive after the map
        popups = frame.locator("body").evaluate(POPUPS)
        time.sleep(0.5)
    (mine,) = [p for p in popups.split("\n\n") if NAME in p]
    assert SOURCE in mine and "Genk" in mine and "Winterslag" in mine
    assert f"/melden?lang=nl&project={new_id}" in mine  # its own 'Klopt er iets niet?' link
    assert page.locator('[data-testid="stException"]').count() == 0


# Every project popup of the Leaflet map (built as a click would build it): its text and its links.
POPUPS = """() => {
  const out = [], seen = new Set();
  function walk(layer) {
    if (seen.has(layer)) { return; }
    seen.add(layer);
    const popup = layer.getPopup && layer.getPopup();
    if (popup) {
      let content = popup._content;
      if (typeof content === 'function') { content = content(layer); }
      if (content && content.querySelectorAll) {
        const links = Array.from(content.querySelectorAll('a')).map(a => a.getAttribute('href'));
        out.push(content.textContent + ' ' + links.join(' '));
      }
    }
    if (layer.getLayers) { layer.getLayers().forEach(walk); }
    if (layer.eachLayer) { layer.eachLayer(walk); }
  }
  Object.keys(window).filter(k => k.startsWith('map_')).forEach(k => {
    if (window[k] && window[k].eachLayer) { window[k].eachLayer(walk); }
  });
  return out.join('\\n\\n');
}"""
