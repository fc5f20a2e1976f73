"""Every page checks its own role when it runs, whatever route reached it (the navigation is the first check)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cxdash import permissions
from cxdash.permissions import Actor

ROOT = Path(__file__).resolve().parent.parent


def test_every_page_names_itself_to_the_role_check() -> None:
    assert set(permissions.PAGE_NAMES) == set(permissions.PAGES)
    for page in permissions.PAGES:
        assert f'ui.current_actor("{page}")' in (ROOT / "app_pages" / f"{page}.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", ["data", "alignment"])
def test_a_page_run_alone_refuses_a_role_without_access(app_env: str, page: str) -> None:
    at = AppTest.from_file(str(ROOT / "app_pages" / f"{page}.py"), default_timeout=120)
    at.session_state["auth_actor"] = Actor(username="board", role="viewer")
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        f"Your role does not include {permissions.PAGE_NAMES[page]}. Ask your cxdash admin if you need it."
    ]
    assert not at.title and not at.dataframe
