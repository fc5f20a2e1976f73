"""What only a real browser shows: the Governance charts drawn by Chromium, both switches on them."""

from __future__ import annotations

import os

import pytest

from tests.browser import font_fetch, settled


def base_path_probe(error: str) -> bool:
    """Opened at /governance, Streamlit first asks /governance/_stcore/… in case the app is served under that path."""
    return "/governance/_stcore/" in error.split(" @ ")[-1] and "404" in error


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_governance_draws_timeline_comparison_consistency_and_switch_effects(
    server: str, browser: object, backend: str
) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 1200})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"{m.text} @ {m.location.get('url', '')}") if m.type == "error" else None
    )
    # Through the Overview first, so that app.py has set up navigation before the deep link.
    page.goto(server)
    settled(page)
    page.goto(f"{server}/governance?from=2024-11&to=2026-10")
    effects = page.locator('[data-testid="stVegaLiteChart"] svg .role-title-text', has_text="Effect of switching")
    effects.first.wait_for(timeout=60_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    titles = page.locator('[data-testid="stVegaLiteChart"] svg .role-title-text').all_text_contents()
    for title in ("Operating model per region", "NPS by operating model", "Level vs consistency per region"):
        assert title in titles
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    assert charts.count() == 4
    timeline_labels = " ".join(charts.nth(0).locator("svg text").all_text_contents())
    assert "LATAM" in timeline_labels and "APAC" in timeline_labels and "decentralized" in timeline_labels
    effect_labels = " ".join(charts.nth(3).locator("svg text").all_text_contents())
    assert "LATAM" in effect_labels and "APAC" in effect_labels
    assert "observational comparison" in page.inner_text("body")
    assert [e for e in errors if not (font_fetch(e) or base_path_probe(e))] == []
    shot = os.environ.get("CXDASH_SCREENSHOT_GOVERNANCE")
    if shot and backend == "sqlite":
        page.screenshot(path=shot, full_page=True)
