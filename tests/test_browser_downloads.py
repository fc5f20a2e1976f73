"""What only a real browser shows: tables offer no download of Streamlit's own (it keeps formulas live), and
the page's own CSV download of a table hands a spreadsheet formula over as plain text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cxdash import db, ingest
from tests import roles
from tests.browser import font_fetch, sign_in
from tests.roles import OWN_REGION

# A customer comment that a spreadsheet would run as a command: the newest of its region, so on the first page.
FORMULA = '=cmd|" /C calc"!A0'


def _plant(url: str) -> None:
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(ingest.FORMATS["responses"].header)
    writer.writerow(["F1", "CF1", OWN_REGION, "SU_PHONE", "web", "2026-10-31", 2, "", "", FORMULA])
    engine = db.make_engine(url)
    assert ingest.import_file(engine, "responses", rows.getvalue().encode(), today=date(2026, 11, 23)).ok
    engine.dispose()


@pytest.fixture
def app_env(
    backend: str, sample_url: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """What the ``server`` fixture serves: the sample, one account per role and a comment holding a formula."""
    url = roles.database(backend, sample_url, tmp_path_factory.mktemp("downloads"), name="downloads", prepare=_plant)
    monkeypatch.setenv("DATABASE_URL", url)
    yield url


def _open_comments(server: str, browser: object, **options: object) -> tuple[Any, list[str]]:
    """The admin, signed in, on the Regions page comparing a region with its customer comments shown; and the
    console errors the page logs."""
    page = browser.new_page(viewport={"width": 1500, "height": 1100}, **options)  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"{m.text} @ {m.location.get('url', '')}") if m.type == "error" else None
    )
    sign_in(page, f"{server}/regions?view=compare&region={OWN_REGION}&comments=show", "admin")
    page.get_by_role("button", name="Download these comments (CSV)").wait_for(timeout=60_000)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    return page, errors


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_tables_toolbar_keeps_search_and_fullscreen_but_not_streamlits_csv_download(
    server: str, browser: object, backend: str
) -> None:
    from playwright.sync_api import expect

    page, errors = _open_comments(server, browser)
    table = page.locator('[data-testid="stElementContainer"]').filter(has=page.get_by_test_id("stDataFrame")).last
    table.scroll_into_view_if_needed()
    table.hover()
    toolbar = table.get_by_test_id("stElementToolbar")
    expect(toolbar).to_have_css("opacity", "1")  # hovering shows the toolbar
    expect(toolbar.get_by_role("button", name="Search")).to_be_visible()
    expect(toolbar.get_by_role("button", name="Fullscreen")).to_be_visible()
    # Streamlit still draws its button (so the rule hides a real one), but nobody can see or reach it.
    builtin = toolbar.locator('button[aria-label^="Download as CSV"]')
    expect(builtin).to_have_count(1)
    expect(builtin).to_be_hidden()
    labels = [b.get_attribute("aria-label") or "" for b in toolbar.get_by_role("button").all()]
    assert labels and not [label for label in labels if "download" in label.lower()], labels
    # A chart's "Show data" opens its data as a table: no download there either.
    chart = page.locator('[data-testid="stElementContainer"]').filter(has=page.get_by_test_id("stVegaLiteChart")).first
    chart.evaluate("e => e.scrollIntoView({block: 'center'})")
    chart.hover()
    chart.get_by_role("button", name="Show data").dispatch_event("click")  # the chart lies over its toolbar
    shown = page.locator('[data-testid="stElementContainer"]').filter(has=page.get_by_label("Show chart"))
    shown.get_by_test_id("stDataFrame").wait_for(timeout=10_000)
    shown.hover()
    # Streamlit names the button after the element ("Download as CSV: <chart title>"): the rule matches the prefix.
    hidden = shown.locator('button[aria-label^="Download as CSV"]')
    expect(hidden).to_have_count(1, timeout=20_000)
    expect(hidden).to_be_hidden()
    assert page.get_by_role("button", name="Download as CSV").count() == 0
    assert [e for e in errors if not (font_fetch(e) or ("/_stcore/" in e and "404" in e))] == []


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_the_comments_download_hands_a_formula_over_as_text(
    server: str, browser: object, backend: str, tmp_path: Path
) -> None:
    page, _ = _open_comments(server, browser, accept_downloads=True)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download these comments (CSV)").click()
    assert download.value.suggested_filename == f"cxdash-{OWN_REGION}-comments.csv"
    saved = tmp_path / "comments.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert "'" + FORMULA in [r["Comment"] for r in rows]
    assert not [r for r in rows if r["Comment"].startswith(("=", "+", "-", "@"))]
