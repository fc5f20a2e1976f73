"""Every page, as the CCO reads it in Chromium (and the Data page as the admin, who sees the import forms), in
plain words: no test names (they are in the help), no "None" or "nan", no p-value of "0.000", and separators in
every count. A text planted on the first page proves the walk reads what these rules look at."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser import sign_in
from tests.plain_words import PAGES, offences, read_page, settle, visible_text

PLANTED = "Responses 10162 · p = 0.000 (Wald) · target None"


def _open(page: Any, url: str, role: str) -> None:
    """Open ``url`` as ``role`` and wait for the page's run to end."""
    sign_in(page, url, role)
    settle(page)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_every_page_reads_in_plain_words(roles_server: str, browser: Any, backend: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    _open(page, roles_server, "cco")
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
            _open(page, f"{roles_server}/{path}", role)
            for tab, text in read_page(page).items():
                found += [f"{role} /{path} {tab}: {offence}" for offence in offences(text)]
    assert found == []
