"""What only a real browser shows: a bookmarked compare link opens with the chosen region's charts drawn."""

from __future__ import annotations

import os

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
    page.goto(f"{server}/regions?view=compare&region=DACH&peers=NAE,UKI&from=2025-11&to=2026-10")
    settled(page)
    title = page.locator('[data-testid="stVegaLiteChart"] svg .role-title-text', has_text="NPS: DACH against")
    title.first.wait_for(timeout=60_000)
    assert page.locator('[data-testid="stVegaLiteChart"] svg').count() == 4
    titles = page.locator('[data-testid="stVegaLiteChart"] svg .role-title-text').all_text_contents()
    assert "NPS: DACH against the company and peers" in titles
    assert "Monthly retention: DACH against the company and peers" in titles
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
