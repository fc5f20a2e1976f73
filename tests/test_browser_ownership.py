"""What only a real browser shows: the RACI matrix and the org chart drawn by Chromium."""

from __future__ import annotations

import os
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from cxdash import db
from cxdash.queries import ownership as q
from tests.browser import font_fetch, settled


def base_path_probe(error: str) -> bool:
    """Opened at /ownership, Streamlit first asks /ownership/_stcore/… in case the app is served under that path."""
    return "/ownership/_stcore/" in error.split(" @ ")[-1] and "404" in error


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_ownership_map_renders_the_matrix_and_the_org_chart(server: str, browser: object, backend: str) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 1200})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"{m.text} @ {m.location.get('url', '')}") if m.type == "error" else None
    )
    page.goto(f"{server}/ownership?month=2026-10")
    page.wait_for_selector('[data-testid="stVegaLiteChart"] svg', timeout=60_000)
    page.wait_for_selector('[data-testid="stGraphVizChart"] svg', timeout=60_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    matrix = page.locator('[data-testid="stVegaLiteChart"]').first
    matrix_text = matrix.inner_text() + " ".join(matrix.locator("svg text").all_text_contents())
    assert "Chat support" in matrix_text and "VP Support" in matrix_text and "2+ Accountable" in matrix_text
    org = page.locator('[data-testid="stGraphVizChart"] svg')
    labels = " ".join(org.locator("text").all_text_contents())
    assert "Chief Customer Officer" in labels and "CX leader · 1 step to CEO" in labels
    assert org.locator("g.node").count() == 15
    assert "Nobody is accountable for Events & webinars" in page.inner_text("body")
    real_errors = [e for e in errors if not (font_fetch(e) or base_path_probe(e))]
    assert real_errors == []
    shot = os.environ.get("CXDASH_SCREENSHOT_OWNERSHIP")
    if shot and backend == "sqlite":
        page.screenshot(path=shot, full_page=True)


def test_a_role_picked_in_a_cell_of_the_matrix_saves_a_plus_r(
    writable_server: str, browser: Any, writable: Engine
) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(writable_server)
    settled(page)
    # Only the CMO's column, so the cell to click sits at a known place in the grid's canvas.
    page.goto(f"{writable_server}/ownership?month=2026-10&leaders=CMO")
    page.get_by_text("Edit the matrix").click()
    grid = page.locator('[class*="st-key-ownership_raci_editor"] [data-testid="stDataFrame"]')
    expect(grid).to_be_visible(timeout=60_000)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    row_height, stage, touchpoint = 35, 100, 150  # cxdash/ui/raci.py: the grid's row height and pinned widths
    # Row 2 is Events & webinars, where the CMO is Responsible and nobody is Accountable.
    page.mouse.dblclick(box["x"] + stage + touchpoint + 30, box["y"] + row_height * 2 + row_height // 2)
    page.get_by_text("A+R", exact=True).last.click()
    saved = page.get_by_text("Chief Marketing Officer is now accountable and responsible for Events & webinars")
    expect(saved).to_be_visible(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    with db.session(writable) as session:
        assert q.cell(session, touchpoint="AW_EVENT", leader="CMO").role == "A+R"
