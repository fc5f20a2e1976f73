"""What only a real browser shows: the Governance charts drawn by Chromium, and the confirmation dialog."""

from __future__ import annotations

import os

import pytest

from tests.browser import font_fetch, settled


def base_path_probe(error: str) -> bool:
    """Opened at /governance, Streamlit first asks /governance/_stcore/… in case the app is served under that path."""
    return "/governance/_stcore/" in error.split(" @ ")[-1] and "404" in error


def _open(server: str, browser: object, width: int, height: int, errors: list[str]) -> object:
    page = browser.new_page(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
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
    return page


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_governance_draws_timeline_comparison_consistency_switch_effects_and_pre_trends(
    server: str, browser: object, backend: str
) -> None:
    errors: list[str] = []
    page = _open(server, browser, 1600, 1200, errors)
    assert page.locator('[data-testid="stException"]').count() == 0  # type: ignore[attr-defined]
    titles = page.locator('[data-testid="stVegaLiteChart"] svg .role-title-text').all_text_contents()  # type: ignore[attr-defined]
    for title in ("Operating model per region", "NPS by operating model", "Level vs consistency per region"):
        assert title in titles
    assert any(t.startswith("Before and after the switch") for t in titles)
    charts = page.locator('[data-testid="stVegaLiteChart"]')  # type: ignore[attr-defined]
    assert charts.count() == 5
    effect_labels = " ".join(charts.nth(3).locator("svg text").all_text_contents())
    assert "LATAM" in effect_labels and "APAC" in effect_labels
    body = page.inner_text("body")  # type: ignore[attr-defined]
    assert "observational comparison" in body and "holds region by region" in body
    assert [e for e in errors if not (font_fetch(e) or base_path_probe(e))] == []
    shot = os.environ.get("CXDASH_SCREENSHOT_GOVERNANCE")
    if shot and backend == "sqlite":
        page.screenshot(path=shot, full_page=True)  # type: ignore[attr-defined]


def test_removing_a_change_opens_a_dialog_that_names_it_and_cancel_closes_it(server: str, browser: object) -> None:
    from playwright.sync_api import expect

    errors: list[str] = []
    page = _open(server, browser, 1280, 900, errors)
    page.get_by_role("button", name="Remove change…").click()  # type: ignore[attr-defined]
    dialog = page.get_by_role("dialog")  # type: ignore[attr-defined]
    expect(dialog).to_be_visible(timeout=30_000)
    expect(dialog).to_contain_text("Remove the change “ANZ · decentralized from 01 Nov 2024”")
    expect(dialog.get_by_role("button", name="Remove this change")).to_be_visible()
    dialog.get_by_role("button", name="Cancel, change nothing").click()
    expect(dialog).to_be_hidden(timeout=30_000)
    assert [e for e in errors if not (font_fetch(e) or base_path_probe(e))] == []
