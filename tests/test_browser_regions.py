"""What only a real browser shows: a bookmarked compare link opens with the chosen region's charts drawn, and the
small multiples of every region fit the main column."""

from __future__ import annotations

import os
import re

import pytest

from tests.browser import font_fetch, settled


def base_path_probe(error: str) -> bool:
    """Opened at /regions, Streamlit first asks /regions/_stcore/… in case the app is served under that path;
    those 404s are expected and it then uses the root. Only they are forgiven."""
    return "/regions/_stcore/" in error.split(" @ ")[-1] and "404" in error


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_a_bookmarked_compare_link_draws_the_chosen_regions_charts(server: str, browser: object, backend: str) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 1000})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"{m.text} @ {m.location.get('url', '')}") if m.type == "error" else None
    )
    page.goto(f"{server}/regions?view=compare&region=DACH&peers=NAE,UKI&from=2025-11&to=2026-10&regions_why=true")
    settled(page)
    title = page.locator('[data-testid="stVegaLiteChart"] svg .role-title-text', has_text="NPS: DACH against")
    title.first.wait_for(timeout=60_000)
    from playwright.sync_api import expect

    # NPS against peers, stages, touchpoints, and why it moved, opened by the link (the bridge and the impact chart).
    expect(page.locator('[data-testid="stVegaLiteChart"] svg')).to_have_count(5, timeout=60_000)
    titles = page.locator('[data-testid="stVegaLiteChart"] svg .role-title-text').all_text_contents()
    assert "NPS: DACH against the company and peers" in titles
    # Retention waits behind its tab; opening it draws it in place of NPS and keeps the tab in the URL.
    page.get_by_role("tab", name="Retention", exact=True).click()
    retention = page.locator('[data-testid="stVegaLiteChart"] svg .role-title-text', has_text="Monthly retention:")
    expect(retention).to_have_text("Monthly retention: DACH against the company and peers", timeout=60_000)
    expect(title).to_have_count(0, timeout=60_000)
    expect(page).to_have_url(re.compile(r"trend=Retention"))
    assert page.locator('[data-testid="stMetricLabel"]', has_text="DACH NPS").count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0
    assert [e for e in errors if not (font_fetch(e) or base_path_probe(e))] == []
    assert "region=DACH" in page.url and ("peers=NAE%2CUKI" in page.url or "peers=NAE,UKI" in page.url)
    shot = os.environ.get("CXDASH_SCREENSHOT_REGIONS")
    if shot and backend == "sqlite":
        page.screenshot(path=shot, full_page=True)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_deep_link_to_a_fresh_server_runs_through_app_py(server: str, browser: object, backend: str) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 1000})  # type: ignore[attr-defined]
    page.goto(f"{server}/regions?view=compare&region=DACH")
    settled(page)
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Regions" in nav and "app" not in nav.split()
    assert "Open demo" in page.inner_text("body")


SAMPLE_REGIONS = {"ANZ", "APAC", "DACH", "LATAM", "NAE", "NAW", "NORDICS", "UKI"}
# Per chart: its panel titles, line paths, and how far its drawing's right edge runs past the main column's content.
CHARTS_JS = """() => {
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const edge = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight);
  return [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg')].map(svg => ({
    titles: [...svg.querySelectorAll('.role-title-text')].map(t => t.textContent),
    lines: svg.querySelectorAll('.mark-line path').length,
    past: svg.getBoundingClientRect().right - edge,
  }));
}"""


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_small_multiples_of_every_region_stay_within_the_main_column(
    server: str, browser: object, backend: str
) -> None:
    for width in (1280, 1500, 1920):
        page = browser.new_page(viewport={"width": width, "height": 1000})  # type: ignore[attr-defined]
        for trend in ("NPS", "Retention"):  # one tab drawn at a time; the link opens the one it names
            page.goto(f"{server}/regions?from=2025-11&to=2026-10&trend={trend}")
            page.locator('[data-testid="stVegaLiteChart"] svg').first.wait_for(timeout=60_000)
            page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
            charts = page.evaluate(CHARTS_JS)
            assert len(charts) == 1, (width, trend)
            for chart in charts:
                assert set(chart["titles"]) >= SAMPLE_REGIONS, (width, chart["titles"])
                assert chart["lines"] >= 2 * len(SAMPLE_REGIONS), width  # each panel: its region and the company
                assert chart["past"] <= 0, (width, chart["past"])
        shot = os.environ.get("CXDASH_SCREENSHOT_SMALL_MULTIPLES")
        if shot:
            page.locator('[data-testid="stVegaLiteChart"]').first.screenshot(path=shot.replace(".png", f"-{width}.png"))
        page.close()
