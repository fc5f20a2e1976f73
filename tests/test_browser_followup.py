"""What only a real browser shows: a regional manager opens the Actions page's follow-up queue and finds their own
region's customers there and no other region's customer key anywhere on the page."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from cxdash import db
from cxdash.models import FollowUpCase, Region, SurveyResponse
from tests.browser import font_fetch, sign_in
from tests.roles import OWN_REGION


def _customers(url: str) -> tuple[set[str], set[str]]:
    """Customer keys behind the cases of the manager's region, and those behind every other region's cases only."""
    engine = db.make_engine(url)
    with db.session(engine) as session:
        rows = session.exec(
            select(Region.code, SurveyResponse.customer_key)
            .join(FollowUpCase, col(FollowUpCase.response_key) == SurveyResponse.response_key)
            .join(Region, col(Region.id) == FollowUpCase.region_id)
        ).all()  # fmt: skip
    engine.dispose()
    own = {c for r, c in rows if r == OWN_REGION}
    return own, {c for r, c in rows if r != OWN_REGION} - own


def _queue_cells(page: object) -> list[str]:
    """The cells of the queue the grid shows (a data grid keeps the cells it draws in an accessible table)."""
    frame = page.locator('[data-testid="stDataFrame"]:visible', has_text="Customer").first  # type: ignore[attr-defined]
    frame.scroll_into_view_if_needed()
    grid = frame.locator('table[role="grid"]')
    grid.wait_for(state="attached", timeout=30_000)
    return list(grid.locator("td").all_text_contents())


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_regional_manager_sees_no_other_regions_customer_key(
    roles_server: str, browser: object, roles_app: str
) -> None:
    from playwright.sync_api import expect

    own, others = _customers(roles_app)
    assert own and others
    page = browser.new_page(viewport={"width": 1600, "height": 1100})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"{m.text} @ {m.location.get('url', '')}") if m.type == "error" else None
    )
    sign_in(page, f"{roles_server}/actions", "regional_manager")
    page.get_by_role("tab", name="Detractor follow-up").click()
    expect(page.get_by_role("heading", name="Follow-up queue")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("button", name="Open cases for October 2026")).to_be_visible()
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    cells = _queue_cells(page)
    assert OWN_REGION in cells and own & set(cells)
    body, html = page.inner_text("body"), page.content()
    assert [key for key in others if key in body or key in html] == []
    assert page.locator('[data-testid="stException"]').count() == 0
    assert [e for e in errors if not (font_fetch(e) or ("/_stcore/" in e and "404" in e))] == []
