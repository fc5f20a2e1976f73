"""What only a real browser shows: the Governance charts drawn by Chromium, a section at a time, and the confirmation
dialog."""

from __future__ import annotations

import os
import re
from typing import Any
from urllib.parse import quote_plus

import pytest
from playwright.sync_api import expect

from cxdash.views.governance import SECTIONS
from tests.browser import font_fetch, settled


def base_path_probe(error: str) -> bool:
    """Opened at /governance, Streamlit first asks /governance/_stcore/… in case the app is served under that path."""
    return "/governance/_stcore/" in error.split(" @ ")[-1] and "404" in error


def _open(server: str, browser: object, width: int, height: int, errors: list[str], tab: str = "") -> object:
    page = browser.new_page(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    page.on(
        "console", lambda m: errors.append(f"{m.text} @ {m.location.get('url', '')}") if m.type == "error" else None
    )
    # Through the Overview first, so that app.py has set up navigation before the deep link.
    page.goto(server)
    settled(page)
    section = f"&governance_tab={quote_plus(tab)}" if tab else ""
    page.goto(f"{server}/governance?from=2024-11&to=2026-10{section}")
    _charts_drawn(page, tab or SECTIONS[0])
    return page


# The charts each section draws, by their titles' beginning.
CHARTS = {
    SECTIONS[0]: ["NPS by operating model"],
    SECTIONS[1]: ["Level vs consistency per region"],
    SECTIONS[2]: ["Effect of switching model vs regions that kept theirs", "Before and after the switch"],
    SECTIONS[3]: ["Operating model per region"],
}


def _charts_drawn(page: Any, tab: str = SECTIONS[0]) -> tuple[list[str], int]:
    """Wait for the open section's charts and the end of its run; the chart titles on the page, and its charts."""
    titles = page.locator('[data-testid="stVegaLiteChart"] svg .role-title-text')
    for title in CHARTS[tab]:
        expect(titles.filter(has_text=title).first).to_be_visible(timeout=60_000)
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=60_000)
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=60_000)
    return list(titles.all_text_contents()), page.locator('[data-testid="stVegaLiteChart"]').count()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_governance_draws_each_section_with_its_charts_only_when_opened(
    server: str, browser: object, backend: str
) -> None:
    errors: list[str] = []
    page: Any = _open(server, browser, 1600, 1200, errors)
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.inner_text("body")
    assert "observational comparison" in body and "holds region by region" in body
    shot = os.environ.get("CXDASH_SCREENSHOT_GOVERNANCE")
    if shot and backend == "sqlite":
        page.screenshot(path=shot, full_page=True)
    titles = {SECTIONS[0]: _charts_drawn(page)}
    for tab in SECTIONS[1:]:
        page.get_by_role("tab", name=tab, exact=True).click()
        expect(page).to_have_url(re.compile(f"governance_tab={re.escape(quote_plus(tab))}"), timeout=30_000)
        titles[tab] = _charts_drawn(page, tab)
        if tab == SECTIONS[2]:
            effects = " ".join(page.locator('[data-testid="stVegaLiteChart"] svg text').all_text_contents())
            assert "LATAM" in effects and "APAC" in effects
    # Each section draws its own charts and none of another's.
    for tab, wanted in CHARTS.items():
        shown, count = titles[tab]
        assert count == len(wanted) and all(any(t.startswith(w) for t in shown) for w in wanted), tab
    assert page.locator('[data-testid="stException"]').count() == 0
    assert [e for e in errors if not (font_fetch(e) or base_path_probe(e))] == []


def test_removing_a_change_opens_a_dialog_that_names_it_and_cancel_closes_it(server: str, browser: object) -> None:
    errors: list[str] = []
    # A link opens the history section at once.
    page: Any = _open(server, browser, 1280, 900, errors, tab=SECTIONS[3])
    page.get_by_role("button", name="Remove change…").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=30_000)
    expect(dialog).to_contain_text("Remove the change “ANZ · decentralized from 01 Nov 2024”")
    expect(dialog.get_by_role("button", name="Remove this change")).to_be_visible()
    dialog.get_by_role("button", name="Cancel, change nothing").click()
    expect(dialog).to_be_hidden(timeout=30_000)
    assert [e for e in errors if not (font_fetch(e) or base_path_probe(e))] == []
