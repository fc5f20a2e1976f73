"""What only a real browser shows: a regional manager opens the Actions page's follow-up queue and finds their own
region's customers there and no other region's customer key anywhere on the page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import col, select

from cxdash import db
from cxdash.models import FollowUpCase, Region, SurveyResponse
from tests import roles
from tests.browser import font_fetch
from tests.roles import OWN_REGION, PASSWORD, USERS

MANAGER = USERS["regional_manager"]


@pytest.fixture
def app_env(
    backend: str, sample_url: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """What the ``server`` fixture serves: the sample (with its October cases) and one account per role."""
    url = roles.database(backend, sample_url, tmp_path_factory.mktemp("followup"), name="browser_followup")
    monkeypatch.setenv("DATABASE_URL", url)
    yield url


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
def test_a_regional_manager_sees_no_other_regions_customer_key(server: str, browser: object, app_env: str) -> None:
    from playwright.sync_api import expect

    own, others = _customers(app_env)
    assert own and others
    page = browser.new_page(viewport={"width": 1600, "height": 1100})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"{m.text} @ {m.location.get('url', '')}") if m.type == "error" else None
    )
    page.goto(f"{server}/actions")
    page.get_by_text("Sign in to cxdash").wait_for(timeout=60_000)
    page.get_by_role("textbox", name="Username").fill(MANAGER.username)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
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
