"""What only a real browser shows: a regional manager signs in through the form, compares regions, and finds
that a link to another region's customer comments opens that region's figures but not its comments."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from cxdash import db, ingest
from tests import roles
from tests.browser import font_fetch
from tests.roles import OTHER_REGION, OWN_REGION, PASSWORD, USERS

MANAGER = USERS["regional_manager"]
# The newest comment of each region, distinctive so that seeing it anywhere can only mean it was shown.
OWN_REMARK, OTHER_REMARK = "Own-region remark 5182", "Other-region remark 4471"


def _plant(url: str) -> None:
    rows = "".join(
        f"B{region},C{region},{region},SU_PHONE,web,2026-10-31,8,,,{remark}\n"
        for region, remark in ((OWN_REGION, OWN_REMARK), (OTHER_REGION, OTHER_REMARK))
    )
    engine = db.make_engine(url)
    data = (",".join(ingest.FORMATS["responses"].header) + "\n" + rows).encode()
    assert ingest.import_file(engine, "responses", data, today=date(2026, 11, 23)).ok
    engine.dispose()


@pytest.fixture
def app_env(
    backend: str, sample_url: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """What the ``server`` fixture serves: the sample, one account per role and a remark in two regions."""
    url = roles.database(backend, sample_url, tmp_path_factory.mktemp("browser"), name="browser", prepare=_plant)
    monkeypatch.setenv("DATABASE_URL", url)
    yield url


def _sign_in(page: object) -> None:
    page.get_by_text("Sign in to cxdash").wait_for(timeout=60_000)  # type: ignore[attr-defined]
    page.get_by_role("textbox", name="Username").fill(MANAGER.username)  # type: ignore[attr-defined]
    page.get_by_role("textbox", name="Password").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in", exact=True).click()  # type: ignore[attr-defined]


def _settled(page: object) -> None:
    page.wait_for_selector('[data-testid="stVegaLiteChart"] svg', timeout=60_000)  # type: ignore[attr-defined]
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)  # type: ignore[attr-defined]


def _compare_chart(page: object, region: str) -> None:
    title = page.locator(".role-title-text", has_text=f"NPS: {region} against")  # type: ignore[attr-defined]
    title.first.wait_for(timeout=60_000)


def _comment_cells(page: object) -> list[str]:
    """The cells of the comments table, if the page shows one. A data grid draws on a canvas and keeps the cells
    it shows in an accessible table, so each visible grid is scrolled into view before it is read."""
    cells = []
    for frame in page.locator('[data-testid="stDataFrame"]:visible').all():  # type: ignore[attr-defined]
        frame.scroll_into_view_if_needed()
        grid = frame.locator('table[role="grid"]')
        grid.wait_for(state="attached", timeout=30_000)
        if "Comment" in grid.locator("th").all_text_contents():
            cells += grid.locator("td").all_text_contents()
    return cells


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_a_regional_manager_compares_regions_but_reads_only_their_own_comments(
    server: str, browser: object, backend: str
) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 1100})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"{m.text} @ {m.location.get('url', '')}") if m.type == "error" else None
    )
    page.goto(server)
    _sign_in(page)
    _settled(page)
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Regions" in nav and "Data" not in nav

    page.locator('[data-testid="stSidebarNav"] a', has_text="Regions").click()
    page.get_by_role("heading", name="Rank table").wait_for(timeout=60_000)
    _settled(page)
    page.get_by_text("Compare a region").click()
    _compare_chart(page, OWN_REGION)
    page.get_by_text(f"Show customer comments from {OWN_REGION}").click()
    page.get_by_role("spinbutton", name="Page").wait_for(timeout=60_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    assert OWN_REMARK in _comment_cells(page)

    # A link to another region's comments, as someone might bookmark or pass on: a new session, signed in again.
    page.goto(f"{server}/regions?view=compare&region={OTHER_REGION}&comments=show")
    _sign_in(page)
    _compare_chart(page, OTHER_REGION)
    page.get_by_text("your own region").wait_for(timeout=60_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    assert "/regions" in page.url and f"region={OTHER_REGION}" in page.url
    body = page.inner_text("body")
    assert f"{OTHER_REGION} NPS" in body  # the figures are there: comparison is the point
    assert _comment_cells(page) == []
    assert OTHER_REMARK not in body and OTHER_REMARK not in page.content()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert [e for e in errors if not (font_fetch(e) or ("/_stcore/" in e and "404" in e))] == []
