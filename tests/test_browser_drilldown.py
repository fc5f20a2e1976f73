"""Drill-down in a real browser: a click on a region in the Overview's chart opens that region's compare view."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser import settled


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_click_on_a_region_opens_its_compare_view_in_the_chosen_period(
    server: str, browser: Any, backend: str
) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/?month=2026-09")
    settled(page)
    chart = page.locator('[data-testid="stVegaLiteChart"]', has_text="NPS by region")
    chart.locator('svg .mark-symbol path[aria-label*="region: DACH;"]').first.click()
    page.wait_for_url("**/regions?**", timeout=60_000)
    expect(page.get_by_role("heading", name="DACH: Germany, Austria & Switzerland")).to_be_visible(timeout=60_000)
    assert "view=compare" in page.url and "region=DACH" in page.url
    assert "to=2026-09" in page.url  # the month chosen on the Overview goes along
    assert page.locator('[data-testid="stException"]').count() == 0
