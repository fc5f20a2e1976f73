"""What only a browser shows: the Alignment scorecard and the rating spread, rendered in Chromium."""

from __future__ import annotations

import pytest

from tests.browser import font_fetch

SPREAD_TITLE = "Every leader's rating per dimension"


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_alignment_renders_the_scorecard_and_the_spread(server: str, browser: object, backend: str) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 1000})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"{m.text} @ {m.location.get('url', '')}") if m.type == "error" else None
    )
    # Start at the app's root so that app.py's navigation (and its sign-in gate) is in charge.
    page.goto(server)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Alignment").click()
    page.wait_for_url("**/alignment**", timeout=60_000)
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
    page.wait_for_selector('[data-testid="stVegaLiteChart"] svg', timeout=60_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.inner_text("body")
    assert "Scorecard" in body and "Green: mean ≥ 4.0 and r_wg ≥ 0.70" in body
    assert page.locator('[data-testid="stMetric"]').count() == 4
    spread = page.locator('[data-testid="stVegaLiteChart"]', has_text=SPREAD_TITLE)
    spread.locator("svg").wait_for(timeout=60_000)
    # 12 leaders rated 8 dimensions in 2026-Q3: one dot each, none averaged away.
    assert spread.locator("g.role-mark.mark-symbol path").count() == 96
    # and the mean of each dimension beside them.
    assert spread.locator("g.role-mark.mark-rect path").count() == 8
    assert [e for e in errors if not font_fetch(e)] == []
