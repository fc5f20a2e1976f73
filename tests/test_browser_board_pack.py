"""What only a real browser shows on the Board pack page: the deck downloads, and presenting hides the sidebar."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pptx import Presentation

from cxdash.boardpack.sections import SECTIONS
from tests.browser import font_fetch, settled

SLIDES = len(SECTIONS) + 1  # the title slide and one per section


def base_path_probe(error: str) -> bool:
    """Opened at /board_pack, Streamlit first asks /board_pack/_stcore/… in case the app is served under that path."""
    return "/board_pack/_stcore/" in error.split(" @ ")[-1] and "404" in error


def _idle(page: object) -> None:
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)  # type: ignore[attr-defined]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_download_the_deck_then_present_it_without_the_sidebar(
    server: str, browser: object, backend: str, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 1000}, accept_downloads=True)  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"{m.text} @ {m.location.get('url', '')}") if m.type == "error" else None
    )
    page.goto(server)
    settled(page)
    page.goto(f"{server}/board_pack?month=2026-10")
    page.get_by_role("tab", name="Executive summary").wait_for(timeout=60_000)
    _idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    from playwright.sync_api import expect  # only where Chromium runs, as the browser fixture does

    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="PowerPoint").click()
    assert download.value.suggested_filename == "cxdash-board-pack-2026-10.pptx"
    saved = tmp_path / "deck.pptx"
    download.value.save_as(saved)
    assert len(Presentation(str(saved)).slides) == SLIDES

    page.get_by_role("button", name="Present").click()
    page.get_by_role("heading", name="Customer experience: board pack").wait_for(timeout=60_000)
    _idle(page)
    # The style arrives with the run's other elements but may be applied a moment after the title shows.
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden(timeout=20_000)
    expect(page.get_by_text("Open demo")).to_be_hidden(timeout=20_000)
    expect(page.get_by_text(f"Slide 1 of {SLIDES}")).to_be_visible()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text(f"Slide 2 of {SLIDES}")).to_be_visible(timeout=60_000)
    title = page.locator("h1", has_text="DACH: NPS fell")
    expect(title).to_be_visible()
    assert float(title.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) > 30
    assert [e for e in errors if not (font_fetch(e) or base_path_probe(e))] == []
    shot = os.environ.get("CXDASH_SCREENSHOT_BOARD_PACK")
    if shot:
        page.screenshot(path=shot, full_page=True)
    page.get_by_role("button", name="Exit").click()
    expect(page.get_by_role("tab", name="Executive summary")).to_be_visible(timeout=60_000)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_presenting_keeps_previous_next_and_exit_in_view(
    server: str, browser: object, backend: str, size: tuple[int, int]
) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": size[0], "height": size[1]})  # type: ignore[attr-defined]
    page.goto(f"{server}/board_pack?month=2026-10")
    page.get_by_role("button", name="Present").click()
    expect(page.get_by_text(f"Slide 1 of {SLIDES}")).to_be_visible(timeout=60_000)
    for number in range(2, SLIDES + 2):
        for name in ("Previous", "Next", "Exit"):
            box = page.get_by_role("button", name=name).bounding_box()
            assert box is not None and box["y"] + box["height"] <= size[1], (number, name)
        if number == SLIDES + 1:
            break
        page.get_by_role("button", name="Next").click()
        expect(page.get_by_text(f"Slide {number} of {SLIDES}")).to_be_visible(timeout=60_000)
        _idle(page)
    # No other control is offered while presenting.
    assert (
        page.get_by_role("button")
        .filter(has_not_text="Previous")
        .filter(has_not_text="Next")
        .filter(has_not_text="Exit")
        .count()
        == 0
    )


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_draft_typed_on_one_slide_is_there_after_another_slide_opens(writable_server: str, browser: object) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(f"{writable_server}/board_pack?month=2026-10")
    page.get_by_role("tab", name="Regions").click()
    _idle(page)
    page.get_by_text("Commentary", exact=True).click()
    box = page.get_by_role("textbox", name="Commentary (plain text)")
    box.fill("DACH first, then UKI.")
    # No click elsewhere first: the click on the next slide's tab is what takes the text away from the box.
    page.get_by_role("tab", name="Governance").click()
    expect(page.get_by_text("Commentary not saved yet on Regions.")).to_be_visible(timeout=60_000)
    _idle(page)
    page.get_by_role("tab", name="Regions").click()
    expect(box).to_have_value("DACH first, then UKI.", timeout=60_000)
    page.get_by_role("button", name="Save commentary").click()
    expect(page.get_by_text("Saved the commentary for Regions.")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Commentary not saved yet")).to_have_count(0)
    shot = os.environ.get("CXDASH_SCREENSHOT_DRAFTS")
    if shot:
        page.screenshot(path=shot, full_page=True)
