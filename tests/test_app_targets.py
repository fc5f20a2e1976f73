"""The Targets tab of the Data page through app.py: a CCO sets a target and the Overview measures against it."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from cxdash import auth, db
from cxdash.permissions import Actor
from tests import apptest


def _signed_in(engine: Engine, role: str) -> AppTest:
    """app.py for a new account with ``role``, not yet run (the sign-in form is tested elsewhere)."""
    with db.session(engine) as session:
        setup = Actor("setup", "admin")
        auth.add_user(session, actor=setup, username=f"t-{role}", display_name=role, role=role, password="x" * 12)
    at = apptest.app()
    at.session_state["auth_username"] = f"t-{role}"
    return at


def _targets_tab(engine: Engine, role: str = "cco") -> AppTest:
    at = apptest.open_page("data", _signed_in(engine, role), tab="Targets")
    assert not at.exception and "Targets" in [t.label for t in at.tabs]
    return at


def _choose(at: AppTest, metric: str, scope: str, year: int) -> AppTest:
    at.selectbox(key="data_target_metric").set_value(metric)
    at.selectbox(key="data_target_scope").set_value(scope)
    return at.number_input(key="data_target_year").set_value(year).run()


def _tile_notes(at: AppTest) -> str:
    return apptest.said(at.caption)


def test_a_cco_sets_the_nps_target_and_the_overview_shows_it(writable: Engine) -> None:
    at = _choose(_targets_tab(writable), "nps", "", 2026)
    assert at.number_input(key="data_target_value").value == 38.0  # the sample's company-wide target
    at.number_input(key="data_target_value").set_value(60.0).run()
    at.button(key="data_target_save").click().run()
    assert not at.exception
    assert "Saved: the company-wide NPS target for 2026 is now 60 points." in apptest.said(at.success)
    table = apptest.table(at, "Metric")
    assert table.query("Metric == 'NPS' and Scope == 'Company' and Year == 2026")["Target"].tolist() == [60.0]
    assert "Download the targets (CSV)" in [b.label for b in at.get("download_button")]
    at.switch_page("app_pages/overview.py").run()
    assert "target 60.0: below target (-24.5 pts)" in _tile_notes(at)
    assert "Company NPS is 35.5 against a target of 60.0, even at the top of its 95% interval." in apptest.said(
        at.markdown
    )  # the attention list: NPS below target, by the one target rule


def test_a_retention_target_is_typed_in_percent(writable: Engine) -> None:
    at = _choose(_targets_tab(writable), "retention", "", 2026)
    assert at.number_input(key="data_target_value").value == 98.5
    at.number_input(key="data_target_value").set_value(99.5).run()
    at.button(key="data_target_save").click().run()
    assert "is now 99.5%." in apptest.said(at.success)
    at.switch_page("app_pages/overview.py").run()
    assert "target 99.5%: below target (-1.0 pp)" in _tile_notes(at)


def test_a_value_out_of_range_is_a_sentence_and_nothing_changes(writable: Engine) -> None:
    at = _choose(_targets_tab(writable), "csat", "", 2026)
    at.number_input(key="data_target_value").set_value(180.0).run()
    at.button(key="data_target_save").click().run()
    assert not at.exception
    assert "A CSAT target must be from 0% to 100%; 180% is outside that range." in apptest.said(at.error)
    assert at.number_input(key="data_target_value").value == 180.0  # kept, to correct it
    table = apptest.table(at, "Metric")
    assert table.query("Metric == 'CSAT' and Scope == 'Company' and Year == 2026")["Target"].tolist() == [80.0]


def test_removing_a_target_asks_for_confirmation(writable: Engine) -> None:
    at = _choose(_targets_tab(writable), "nps", "LATAM", 2026)
    at.button(key="data_target_remove").click().run()
    assert "Tick the box to confirm that the NPS target of LATAM for 2026 should be removed." in apptest.said(at.error)
    at.checkbox(key="data_target_confirm").check().run()
    at.button(key="data_target_remove").click().run()
    assert "Removed the NPS target of LATAM for 2026." in apptest.said(at.success)
    assert "Latin America" not in apptest.table(at, "Metric")["Scope"].tolist()
    assert at.number_input(key="data_target_value").value is None
    assert "data_target_remove" not in {b.key for b in at.button}


def test_an_executive_does_not_get_the_tab(writable: Engine) -> None:
    at = _signed_in(writable, "executive").run()
    assert not at.exception
    with pytest.raises(ValueError):  # AppTest: the Data page is not in this role's navigation
        at.switch_page("app_pages/data.py")
    assert "Targets" not in [t.label for t in at.tabs]
