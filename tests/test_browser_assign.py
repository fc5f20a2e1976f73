"""What only a real browser shows: the CCO signs in, assigns an action from a Needs-attention item in its dialog,
finds it on the Actions and Ownership pages, marks it done and reads its outcome."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy.engine import Engine

from tests import roles
from tests.browser import _serve, font_fetch, sign_in

TITLE = "Weekly call-backs to stop the DACH slide"
# Where the action's link is in the first frame that shows it (read in the page, frame by frame, from the click on
# "Assign the action"), while the run that draws it is still going.
FIRST_DRAWN = """title => {
  window.__firstTop = null;
  const look = () => {
    const link = [...document.querySelectorAll('a[data-testid="stPageLink-NavLink"]')]
      .find(a => a.innerText.includes(title));
    if (link) { window.__firstTop = link.getBoundingClientRect().top; } else { requestAnimationFrame(look); }
  };
  requestAnimationFrame(look);
}"""
OWNER = "Vice President EMEA"


@pytest.fixture
def loop_server(writable: Engine) -> Iterator[str]:
    """The app on a sample database of the test's own with one account per role."""
    url = writable.url.render_as_string(hide_password=False)
    roles.add_users(url)
    with _serve(url) as served:
        yield served


def _idle(page: Any) -> None:
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=60_000)


def _unfold(page: Any, label: str) -> None:
    """Open a folded form (it is drawn once open)."""
    _idle(page)
    page.locator('[data-testid="stExpander"] summary', has_text=label).click()
    _idle(page)


def _pick(scope: Any, page: Any, label: str, option: str) -> None:
    """Choose ``option`` in the select box labelled ``label`` by typing it, as a person does."""
    _idle(page)
    box = scope.get_by_role("combobox", name=label, exact=True)
    expect(box).to_be_visible(timeout=30_000)
    box.click()
    box.press_sequentially(option, delay=30)
    expect(page.get_by_role("option", name=option, exact=True)).to_be_visible(timeout=30_000)
    box.press("Enter")
    expect(box).to_have_value(option, timeout=30_000)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_cco_closes_the_loop_on_an_attention_item(loop_server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"{m.text} @ {m.location.get('url', '')}") if m.type == "error" else None
    )
    sign_in(page, loop_server, "cco")
    expect(page.get_by_text("Needs attention")).to_be_visible(timeout=60_000)

    _idle(page)
    page.get_by_role("button", name="Assign an action").first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=30_000)
    expect(dialog).to_contain_text("No regional manager of DACH is linked to a leader: pick an owner.")
    dialog.get_by_role("textbox", name="Action").fill(TITLE)
    _pick(dialog, page, "Owner", OWNER)
    for part, value in (("year", "2026"), ("month", "12"), ("day", "15")):
        dialog.get_by_role("spinbutton", name=f"{part}, Due").press_sequentially(value, delay=30)
    page.evaluate(FIRST_DRAWN, TITLE)
    dialog.get_by_role("button", name="Assign the action").click()
    expect(page.get_by_text(f"Assigned to {OWNER}: {TITLE}")).to_be_visible(timeout=60_000)
    # Both DACH items (its drop and its miss against target) now show the action instead of offering another.
    link = page.get_by_role("link", name=f"Open action: {TITLE} — {OWNER}, due 15 Dec 2026, open").first
    expect(link).to_be_visible(timeout=30_000)

    # The link stays where it is first drawn while the run goes on (it used to sit below the faded "Assign an
    # action" button it replaced until the run ended, then jump up: a click aimed at it hit the empty space).
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=60_000)  # the run has ended
    assert link.bounding_box()["y"] == page.evaluate("window.__firstTop")
    link.click()
    expect(page.get_by_role("heading", name="Actions", exact=True)).to_be_visible(timeout=60_000)
    # The Actions page lists it (filtered to DACH by the link): it is among the actions to update.
    _unfold(page, "Update an action")
    _pick(page, page, "Action", f"#8 {TITLE} — {OWNER}")

    page.locator('[data-testid="stSidebarNav"] a', has_text="Ownership map").click()
    performance = page.get_by_role("tab", name="Performance by owner", exact=True)  # drawn when its tab opens
    expect(performance).to_be_visible(timeout=60_000)
    _idle(page)
    performance.click()
    expect(page.get_by_text(f"{OWNER} (1 open, 0 overdue)")).to_be_visible(timeout=60_000)

    page.locator('[data-testid="stSidebarNav"] a', has_text="Actions").click()
    expect(page.get_by_role("heading", name="Actions", exact=True)).to_be_visible(timeout=60_000)
    _unfold(page, "Update an action")
    _pick(page, page, "Action", f"#8 {TITLE} — {OWNER}")
    form = page.locator('[data-testid="stForm"]', has_text="Save the status")
    _pick(form, page, "Status", "Done")
    form.get_by_role("button", name="Save the status").click()
    expect(page.get_by_text("Action #8 is now done. Its outcome is on the Outcomes tab.")).to_be_visible(timeout=60_000)
    _idle(page)
    page.get_by_role("tab", name="Outcomes").click()
    outcomes = page.locator('[data-testid="stDataFrame"]', has=page.locator("th", has_text="NPS before"))
    expect(outcomes).to_have_count(1, timeout=30_000)
    outcomes.scroll_into_view_if_needed()
    expect(outcomes.locator('table[role="grid"] td', has_text=TITLE)).to_have_count(1, timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert [e for e in errors if not font_fetch(e)] == []
