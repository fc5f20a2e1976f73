"""Every page, as the CCO reads it in Chromium (and the Data page as the admin, who sees the import forms), in
plain words: no test names (they are in the help), no "None" or "nan", no p-value of "0.000", and separators in
every count. A text planted on the first page proves the walk reads what these rules look at."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests import roles
from tests.plain_words import PAGES, offences, read_page, settle, visible_text
from tests.roles import PASSWORD, USERS

PLANTED = "Responses 10162 · p = 0.000 (Wald) · target None"


@pytest.fixture
def app_env(
    backend: str, sample_url: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """What the ``server`` fixture serves: the sample with one account per role."""
    url = roles.database(backend, sample_url, tmp_path_factory.mktemp("plain"), name="plain")
    monkeypatch.setenv("DATABASE_URL", url)
    yield url


def _open(page: Any, url: str, role: str) -> None:
    """Open ``url`` and sign in as ``role`` (a new page load is a new session)."""
    page.goto(url)
    page.locator('h1, [data-testid="stForm"]').first.wait_for(timeout=60_000)
    if page.get_by_text("Sign in to cxdash").count():
        page.get_by_role("textbox", name="Username").fill(USERS[role].username)
        page.get_by_role("textbox", name="Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in", exact=True).click()
    settle(page)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_every_page_reads_in_plain_words(server: str, browser: Any, backend: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    _open(page, server, "cco")
    page.evaluate(
        """text => { const p = document.createElement('p'); p.textContent = text;
        document.querySelector('[data-testid="stMain"]').appendChild(p); }""",
        PLANTED,
    )
    caught = {found.split(":")[0] for found in offences(visible_text(page))}
    assert caught == {"test name", "blank", "p-value 0.000", "count without separators"}

    found = []
    for role, paths in (("cco", PAGES), ("admin", ["data"])):
        for path in paths:
            _open(page, f"{server}/{path}", role)
            for tab, text in read_page(page).items():
                found += [f"{role} /{path} {tab}: {offence}" for offence in offences(text)]
    assert found == []
