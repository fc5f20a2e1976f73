"""What only a real browser shows: comment themes opened from a link (``themes=show``). A regional manager sees
another region's theme counts but none of its customers' words; the CCO sees the themes with example comments."""

from __future__ import annotations

import pytest

from cxdash import db
from cxdash.queries.themes import commented_responses
from cxdash.views.themes import EVER
from tests.browser import font_fetch, sign_in
from tests.roles import OTHER_REGION, OWN_REGION

THEMES_LINK = "regions?view=compare&region={region}&themes=show"


def _words(url: str) -> dict[str, set[str]]:
    """Every stored comment text per region."""
    engine = db.make_engine(url)
    with db.session(engine) as session:
        frame = commented_responses(session, month_from=EVER[0], month_to=EVER[1])
    engine.dispose()
    return {str(region): set(group["comment"]) for region, group in frame.groupby("region")}


def _open_themes(page: object, server: str, role: str, region: str) -> None:
    """Open a link to a region's themes, sign in as ``role``, wait for the themes and open their examples."""
    from playwright.sync_api import expect

    sign_in(page, f"{server}/{THEMES_LINK.format(region=region)}", role)
    caption = page.get_by_text(f"comments from {region},", exact=False)  # type: ignore[attr-defined]
    expect(caption).to_be_visible(timeout=120_000)
    examples = page.get_by_text("Example comments per theme")  # type: ignore[attr-defined]
    examples.scroll_into_view_if_needed()
    examples.click()
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)  # type: ignore[attr-defined]


def _quoted(page: object) -> list[str]:
    """The example comments the page shows (each a block quote)."""
    return [t.strip() for t in page.locator("blockquote").all_inner_texts()]  # type: ignore[attr-defined]


def _errors(page: object) -> list[str]:
    errors: list[str] = []
    page.on(  # type: ignore[attr-defined]
        "console", lambda m: errors.append(f"{m.text} @ {m.location.get('url', '')}") if m.type == "error" else None
    )
    return errors


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_a_regional_manager_sees_another_regions_theme_counts_but_none_of_its_words(
    roles_server: str, browser: object, backend: str, roles_app: str
) -> None:
    from playwright.sync_api import expect

    words = _words(roles_app)
    theirs = words[OTHER_REGION] - words[OWN_REGION]
    assert theirs  # otherwise the check below could pass on texts both regions share
    page = browser.new_page(viewport={"width": 1600, "height": 1100})  # type: ignore[attr-defined]
    errors = _errors(page)
    _open_themes(page, roles_server, "regional_manager", OTHER_REGION)
    expect(page.get_by_role("heading", name="What customers say")).to_be_visible()
    expect(page.get_by_text("count in the figures but are not shown")).to_be_visible()
    assert _quoted(page) == []
    content = page.content()
    assert not [text for text in theirs if text in content]
    assert page.locator('[data-testid="stException"]').count() == 0
    assert [e for e in errors if not (font_fetch(e) or ("/_stcore/" in e and "404" in e))] == []


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_cco_sees_themes_with_example_comments(
    roles_server: str, browser: object, backend: str, roles_app: str
) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1600, "height": 1100})  # type: ignore[attr-defined]
    _open_themes(page, roles_server, "cco", OTHER_REGION)
    expect(page.locator("blockquote").first).to_be_visible()
    quoted = _quoted(page)
    assert len(quoted) >= 5
    assert set(quoted) <= _words(roles_app)[OTHER_REGION]
    expect(page.get_by_text("Name a theme")).to_be_visible()
    assert "not shown" not in page.inner_text("body")
