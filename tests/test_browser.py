"""What only a real browser shows: the Overview served by Streamlit, rendered in Chromium."""

from __future__ import annotations

import os

import pytest

from tests.browser import font_fetch, settled


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_overview_renders_tiles_and_chart_without_errors(server: str, browser: object, backend: str) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 1000})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"{m.text} @ {m.location.get('url', '')}") if m.type == "error" else None
    )
    page.goto(f"{server}/?month=2026-10")
    settled(page)
    assert page.locator('[data-testid="stMetric"]').count() == 5
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "DACH" in page.inner_text("body")
    real_errors = [e for e in errors if not font_fetch(e)]
    assert real_errors == []
    shot = os.environ.get("CXDASH_SCREENSHOT")
    if shot and backend == "sqlite":
        page.screenshot(path=shot, full_page=True)
