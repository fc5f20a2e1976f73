"""One period for the whole session: a month picked on the Overview holds on every page and in each page's URL."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser import settled

# (page in the navigation, its sidebar picker that shows the month, the URL parameter that carries it)
PAGES = [
    ("Regions", "To", "to"),
    ("Ownership map", "Month", "month"),
    ("Governance", "To", "to"),
    ("Board pack", "Month", "month"),
    ("Overview", "Month", "month"),
]


def _open(page: Any, name: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a', has_text=name).first.click()
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_month_picked_on_the_overview_holds_on_every_page(server: str, browser: Any, backend: str) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server)
    settled(page)
    page.get_by_role("combobox", name="Month").click()
    page.get_by_role("option", name="September 2026", exact=True).click()
    expect(page.get_by_text("Monthly CX review for September 2026.")).to_be_visible(timeout=60_000)
    expect(page).to_have_url(re.compile(r"month=2026-09"))
    for name, picker, param in PAGES:
        _open(page, name)
        expect(page.get_by_role("combobox", name=picker, exact=True)).to_have_value("September 2026", timeout=60_000)
        expect(page).to_have_url(re.compile(rf"{param}=2026-09"))
        assert page.locator('[data-testid="stException"]').count() == 0
        if picker == "To":  # the range keeps its twelve months, now ending in September
            expect(page.get_by_role("combobox", name="From", exact=True)).to_have_value("October 2025")
        if name == "Board pack":
            main = page.locator('[data-testid="stMain"]')
            expect(main.get_by_text("September 2026").first).to_be_visible(timeout=60_000)
            assert "October 2026" not in main.inner_text()
