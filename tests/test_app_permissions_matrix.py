"""Every role against every page through app.py: what the navigation offers, what an address reaches, which
write controls a page draws, and whose customer comments the Regions page shows (README: roles)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from cxdash.ui.slides import TAB
from tests import apptest
from tests.roles import OTHER_REGION, OWN_REGION, USERS

ROLES = tuple(USERS)
PAGES = {
    "overview": "Overview",
    "regions": "Regions",
    "ownership": "Ownership map",
    "governance": "Governance",
    "alignment": "Alignment",
    "board_pack": "Board pack",
    "data": "Data",
}
# README, roles: viewers see Overview and Board pack; the Data page (imports, audit, users) is for admin and CCO.
OPENS = {
    "admin": set(PAGES),
    "cco": set(PAGES),
    "executive": set(PAGES) - {"data"},
    "regional_manager": set(PAGES) - {"data"},
    "viewer": {"overview", "board_pack"},
}
# Write controls per page: a widget key (or key prefix) and the roles whose page draws it.
CONTROLS: dict[str, dict[str, set[str]]] = {
    # "Assign an action" under Needs-attention items: a regional manager gets it on their own region's items.
    "overview": {"overview_attention_": {"admin", "cco", "regional_manager"}},
    "regions": {},
    "ownership": {"ownership_edit": {"admin", "cco"}},
    "governance": {"governance_add_region": {"admin", "cco"}},
    "alignment": {
        "alignment_new_label": {"admin", "cco"},
        "alignment_upload": {"admin", "cco"},
        "alignment_cx_owner": {"admin", "cco"},
        "alignment_leader": {"admin", "cco", "executive"},
    },
    "board_pack": {"board_pack_note_": {"admin", "cco", "executive", "regional_manager"}},
    "data": {
        "data_upload": {"admin"},
        "data_audit_": {"admin", "cco"},
        "data_user_": {"admin"},
        "data_target_save": {"admin", "cco"},
    },
}


# Pages that draw only their open section: the session key that opens a section by its label.
SECTIONED = {"governance": "governance_tab", "alignment": "alignment_tab", "data": "data_tab"}


def widget_keys(at: AppTest) -> set[str]:
    """Every user-given key drawn in this run, in the main area and the sidebar, inside tabs and forms too."""
    found: set[str] = set()
    stack: list[object] = [at.main, at.sidebar]
    while stack:
        node = stack.pop()
        if key := getattr(node, "key", None):
            found.add(str(key))
        stack.extend(getattr(node, "children", {}).values())
    return found


@pytest.mark.parametrize("role", ROLES)
def test_the_navigation_holds_exactly_the_pages_of_the_role(roles_app: str, role: str) -> None:
    at = apptest.signed_in(role)
    assert not at.exception
    assert at.title[0].value == "Overview"
    registered = set()
    for page in PAGES:
        try:
            at.switch_page(f"app_pages/{page}.py")
        except ValueError:  # AppTest: the page is not among those st.navigation registered
            continue
        registered.add(page)
    assert registered == OPENS[role]


@pytest.mark.parametrize(("role", "page"), [(r, p) for r in ROLES for p in PAGES if p not in OPENS[r]])
def test_a_page_outside_the_role_is_not_run_when_asked_for_by_address(roles_app: str, role: str, page: str) -> None:
    at = apptest.signed_in(role)
    # The page a browser asks for at /<page>: st.navigation finds no such page and runs the default one.
    at._page_hash = calc_hash(page)
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Overview"]


@pytest.mark.parametrize(("role", "page"), [(r, p) for r in ROLES for p in PAGES if p in OPENS[r]])
def test_a_page_draws_the_write_controls_of_the_role_only(roles_app: str, role: str, page: str) -> None:
    at = apptest.signed_in(role, page)
    assert not at.exception
    assert [e.value for e in at.error] == []
    assert at.title[0].value == PAGES[page]
    keys = widget_keys(at)
    for label in [t.label for t in at.tabs][1:] if page in SECTIONED else []:
        apptest.choose_tab(at, SECTIONED[page], label)
        keys |= widget_keys(at.run())
        assert not at.exception and [e.value for e in at.error] == [], label
    drawn = {control for control in CONTROLS[page] if any(k.startswith(control) for k in keys)}
    assert drawn == {control for control, allowed in CONTROLS[page].items() if role in allowed}


def test_a_regional_manager_writes_commentary_for_their_own_region(roles_app: str) -> None:
    at = apptest.signed_in("regional_manager", "board_pack")
    labels = {a.label for a in at.text_area if str(a.key).startswith("board_pack_note_")}
    at.session_state[TAB] = "Regions"  # only the open slide is drawn: the Regions slide's commentary too
    labels |= {a.label for a in at.run().text_area if str(a.key).startswith("board_pack_note_")}
    # Every commentary box the manager gets is their own region's (the slides' commentary and the board ask).
    assert f"Commentary for {OWN_REGION} (plain text)" in labels
    assert all(label.endswith(f" for {OWN_REGION} (plain text)") for label in labels)


def _comment_tables(at: AppTest) -> list[object]:
    return [d.value for d in at.dataframe if "Comment" in d.value.columns]


@pytest.mark.parametrize(
    ("role", "region", "shown"),
    [
        ("regional_manager", OWN_REGION, True),
        ("regional_manager", OTHER_REGION, False),
        ("executive", OTHER_REGION, True),
        ("cco", OTHER_REGION, True),
    ],
)
def test_customer_comments_by_address_show_only_what_the_role_may_read(
    roles_app: str, role: str, region: str, shown: bool
) -> None:
    params = {"view": "compare", "region": region, "comments": "show"}
    at = apptest.signed_in(role, "regions", **params)
    assert not at.exception
    tables = _comment_tables(at)
    if shown:
        assert len(tables) == 1 and len(tables[0]) > 0  # type: ignore[arg-type]
    else:
        assert tables == []
        assert any("your own region (DACH) only" in i.value.replace("\\", "") for i in at.info)
    # The figures of the region are there for everyone who may open the page: comparison is the point.
    assert any(m.label.startswith(f"{region} NPS") for m in at.metric)
