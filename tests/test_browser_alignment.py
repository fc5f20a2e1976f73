"""What only a browser shows: the Alignment scorecard and the rating spread, and entering a round in Chromium."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from cxdash.models import ALIGNMENT_DIMENSIONS, AlignmentRating, AlignmentRound
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
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.inner_text("body")
    assert "Scorecard" in body and "Green: mean ≥ 4.0 and agreement ≥ 0.70" in body
    assert page.locator('[data-testid="stMetric"]').count() == 4
    # The spread is drawn when its section opens, and the address names the section.
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 0
    page.get_by_role("tab", name="Rating spread", exact=True).click()
    expect(page).to_have_url(re.compile(r"alignment_tab=Rating(\+|%20)spread"), timeout=30_000)
    spread = page.locator('[data-testid="stVegaLiteChart"]', has_text=SPREAD_TITLE)
    spread.locator("svg").wait_for(timeout=60_000)
    # 12 leaders rated 8 dimensions in 2026-Q3: one dot each, none averaged away.
    assert spread.locator("g.role-mark.mark-symbol path").count() == 96
    # and the mean of each dimension beside them.
    assert spread.locator("g.role-mark.mark-rect path").count() == 8
    assert [e for e in errors if not font_fetch(e)] == []


def _pick(page: Any, label: str, option: str) -> None:
    """Choose ``option`` in the select box labelled ``label``."""
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=60_000)
    box = page.get_by_role("combobox", name=label, exact=True)
    expect(box).to_be_visible(timeout=30_000)
    box.click()
    box.press_sequentially(option, delay=50)  # typing filters the list to the option, and Enter takes the first match
    expect(page.get_by_role("option", name=option, exact=True)).to_be_visible(timeout=30_000)
    box.press("Enter")
    expect(box).to_have_value(option, timeout=30_000)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_leader_answers_the_round_just_created(writable_server: str, browser: Any, writable: Engine) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(writable_server)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Alignment").click()
    page.get_by_role("tab", name="Enter a round", exact=True).click()
    expect(page.get_by_text("Answers for round 2026-Q3")).to_be_visible(timeout=60_000)
    # The CEO comes first in the leader list, so the form starts on the CEO.
    expect(page.get_by_role("combobox", name="Leader", exact=True)).to_have_value("CEO", timeout=30_000)
    page.get_by_role("tab", name="New round").click()
    page.get_by_role("textbox", name="Label", exact=True).fill("2026-Q4")
    page.get_by_role("button", name="Create round").click()
    expect(page.get_by_text("Created round 2026-Q4.")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("combobox", name="Survey round")).to_have_value("2026-Q4")
    expect(page).to_have_url(re.compile(r"round=2026-Q4"))

    page.get_by_role("tab", name="Leader answers").click()
    form = page.locator('[data-testid="stForm"]', has_text="Answers for round 2026-Q4")
    expect(form).to_be_visible()
    groups = form.locator('[data-testid="stRadio"]')
    expect(groups).to_have_count(len(ALIGNMENT_DIMENSIONS))
    for group in groups.all():
        group.get_by_text("4", exact=True).click()
    _pick(page, "Who owns CX here?", "CCO")
    form.get_by_role("button", name="Save answers to round 2026-Q4").click()
    expect(page.get_by_text("Saved the answers of CEO for round 2026-Q4.")).to_be_visible(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    with Session(writable) as session:
        stmt = select(func.count()).select_from(AlignmentRating).join(AlignmentRound)
        assert session.exec(stmt.where(col(AlignmentRound.label) == "2026-Q4")).one() == len(ALIGNMENT_DIMENSIONS)
