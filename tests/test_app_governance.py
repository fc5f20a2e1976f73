"""The Governance page through app.py: the sample's two switches, the model verdict, and editing the history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from cxdash import auth, db
from cxdash.models import AuditEvent
from cxdash.permissions import Actor
from cxdash.queries.governance import governance_changes
from cxdash.views.governance import SECTIONS
from tests import apptest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_data"


COMPARED, CONSISTENCY, SWITCHES, HISTORY = SECTIONS


def _open(tab: str | None = None, **params: str) -> AppTest:
    at = apptest.open_page("governance", tab=tab, **params)
    assert not at.exception and not at.error
    return at


def _charts(at: AppTest) -> int:
    return len(at.get("vega_lite_chart"))


def _history(engine: Engine) -> list[tuple[str, str, date]]:
    with db.session(engine) as session:
        frame = governance_changes(session)
    return list(zip(frame["region"], frame["model"], frame["effective_from"], strict=True))


def _audit(engine: Engine) -> list[tuple[str, str, str]]:
    with db.session(engine) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.entity == "governance")).all()
    # Loading the sample records an "import" event for governance.csv; only edits made here count.
    return [(e.action, e.key, e.username) for e in events if e.action != "import"]


def test_the_whole_history_shows_both_switching_regions_before_and_after(app_env: str) -> None:
    at = _open(SWITCHES, **{"from": "2024-11", "to": "2026-10"})
    assert at.title[0].value == "Governance" and not at.error
    notes = apptest.said(at.caption)
    assert "APAC: decentralized → hybrid from January 2026" in notes
    assert "LATAM: decentralized → centralized from November 2025" in notes
    effects = apptest.table(at, "Region")
    assert list(effects["Region"]) == ["APAC", "LATAM"]
    assert list(effects["p (placebo)"]) == ["p = 0.143 (lowest possible 1/7)"] * 2
    said = apptest.said(at.markdown)
    assert "APAC (decentralized → hybrid, Jan 2026): NPS moved +8.3 points" in said
    assert "the smallest possible with 6 comparison regions: 1/7 = 0.143" in said
    assert "observational" in at.info[0].value and "cannot tell two models apart" in at.info[0].value


def test_the_comparison_lists_every_model_with_its_regions_counted_once(app_env: str) -> None:
    at = _open(**{"from": "2025-11", "to": "2026-10"})
    table = apptest.table(at, "Model")
    assert list(table["Model"]) == ["centralized", "hybrid", "decentralized"]
    assert table.loc[2, "Regions"] == "2: ANZ, APAC (part of the period)"
    assert table.loc[0, "Responses"] == "10,162"
    assert {"Region-level NPS", "95% CI (regions)", "Pooled NPS (description)", "Monthly retention"} <= set(table)
    assert "8 regions ran a recorded model in this period. APAC ran two models" in apptest.said(at.caption)


def test_the_default_year_cannot_tell_any_models_apart_and_says_so_once_per_pair(app_env: str) -> None:
    at = _open(**{"from": "2025-11", "to": "2026-10"})
    pairs = apptest.table(at, "Models")
    assert list(pairs["Verdict"]) == [
        "Cannot tell apart with 7 regions",
        "Cannot tell apart with 6 regions",
        "Cannot tell apart with 4 regions",
    ]
    assert "p < 0.001" not in set(pairs["p (adjusted)"])
    warnings = [w.value for w in at.warning]
    assert len([w for w in warnings if w.startswith("Cannot tell")]) == 3 and len(at.success) == 0


def test_the_page_has_no_compare_with_choice(app_env: str) -> None:
    at = _open()
    assert "filter_compare" not in {r.key for r in at.radio}


def test_switch_effects_over_the_whole_history_show_latam_from_a_one_year_period(app_env: str) -> None:
    at = _open(SWITCHES, **{"from": "2025-11", "to": "2026-10"})
    assert list(apptest.table(at, "Region")["NPS 95% CI"]) == ["too few months"]
    at.radio(key="governance_effects_over").set_value("history").run()
    assert not at.exception and not at.error
    effects = apptest.table(at, "Region")
    assert list(effects["Region"]) == ["APAC", "LATAM"] and "too few months" not in set(effects["NPS 95% CI"])
    # The choice holds while another section is open, and the figures follow it.
    at = apptest.open_tab(apptest.open_tab(at, "governance", HISTORY), "governance", SWITCHES)
    assert at.radio(key="governance_effects_over").value == "history"
    assert "too few months" not in set(apptest.table(at, "Region")["NPS 95% CI"])


def test_every_table_can_be_downloaded(app_env: str) -> None:
    at = _open(**{"from": "2024-11", "to": "2026-10"})
    labels = [b.label for b in at.get("download_button")]
    for tab in SECTIONS[1:]:
        labels += [b.label for b in apptest.open_tab(at, "governance", tab).get("download_button")]
    assert labels == [
        "Download the comparison (CSV)",
        "Download the differences (CSV)",
        "Download the switch effects (CSV)",
        "Download the history (CSV)",
    ]


def test_a_role_without_access_is_refused_by_the_page_itself(app_env: str) -> None:
    at = AppTest.from_file(str(ROOT / "app_pages" / "governance.py"), default_timeout=120)
    at.session_state["auth_actor"] = Actor(username="board", role="viewer")
    at.run()
    assert not at.exception
    assert any("does not include the Governance page" in e.value for e in at.error)
    assert len(at.dataframe) == 0


def _fill_add(at: AppTest, region: str, model: str, since: date) -> AppTest:
    at.selectbox(key="governance_add_region").select(region)
    at.selectbox(key="governance_add_model").select(model)
    at.date_input(key="governance_add_date").set_value(since)
    return at.button(key="FormSubmitter:governance_add-Add change…").click().run()


def test_the_add_form_has_no_defaults_and_saves_nothing_on_one_click(writable: Engine) -> None:
    before = _history(writable)
    at = _open(HISTORY)
    assert at.selectbox(key="governance_add_region").value is None
    assert at.selectbox(key="governance_add_model").value is None
    assert at.date_input(key="governance_add_date").value is None
    at.button(key="FormSubmitter:governance_add-Add change…").click().run()
    assert "Choose a region, a model and an effective date; nothing was saved." in apptest.said(at.error)
    assert _history(writable) == before and _audit(writable) == []


def test_adding_a_change_asks_first_naming_what_changes_then_saves_and_audits(writable: Engine) -> None:
    at = _fill_add(_open(HISTORY, **{"from": "2024-11", "to": "2026-10"}), "ANZ", "hybrid", date(2026, 3, 1))
    assert not at.exception and not at.error
    said = apptest.said(at.markdown)
    assert "ANZ will run under hybrid from 01 Mar 2026. Before that date it stays under decentralized" in said
    assert ("ANZ", "hybrid", date(2026, 3, 1)) not in _history(writable)
    at.button(key="governance_confirm").click().run()
    assert "Recorded: ANZ runs under hybrid from 2026-03-01." in apptest.said(at.success)
    assert ("ANZ", "hybrid", date(2026, 3, 1)) in _history(writable)
    assert _audit(writable) == [("create", "ANZ/2026-03-01", "demo")]
    assert "ANZ: decentralized → hybrid from March 2026" in apptest.said(
        apptest.open_tab(at, "governance", SWITCHES).caption
    )


def test_cancelling_the_confirmation_changes_nothing(writable: Engine) -> None:
    before = _history(writable)
    at = _fill_add(_open(HISTORY), "ANZ", "hybrid", date(2026, 3, 1))
    at.button(key="governance_cancel").click().run()
    assert not at.exception and "governance_confirm" not in {b.key for b in at.button}
    assert _history(writable) == before and _audit(writable) == []


def test_a_second_change_on_the_same_date_is_refused_with_a_sentence(writable: Engine) -> None:
    before = _history(writable)
    at = _fill_add(_open(HISTORY), "LATAM", "hybrid", date(2025, 11, 1))
    at.button(key="governance_confirm").click().run()
    assert not at.exception
    assert "LATAM already has a change on 2025-11-01 (to centralized)" in apptest.said(at.error)
    assert _history(writable) == before and _audit(writable) == []


def test_correcting_and_removing_a_change_each_ask_first(writable: Engine) -> None:
    with db.session(writable) as session:
        apac = governance_changes(session).query("region == 'APAC' and model == 'hybrid'")
    change_id = int(apac["change_id"].iloc[0])
    at = _open(HISTORY)
    at.selectbox(key="governance_fix_id").set_value(change_id).run()
    at.date_input(key=f"governance_fix_date_{change_id}").set_value(date(2026, 2, 1))
    at.button(key="FormSubmitter:governance_fix-Save correction…").click().run()
    assert "to “APAC · hybrid from 01 Feb 2026”" in apptest.said(at.markdown)
    at.button(key="governance_confirm").click().run()
    assert "Saved the correction." in apptest.said(at.success)
    assert ("APAC", "hybrid", date(2026, 2, 1)) in _history(writable)
    at.selectbox(key="governance_fix_id").set_value(change_id).run()
    at.button(key="FormSubmitter:governance_fix-Remove change…").click().run()
    said = apptest.said(at.markdown)
    assert "Remove the change “APAC · hybrid from 01 Feb 2026”" in said
    assert "APAC then stays under decentralized (recorded from 01 Nov 2024)" in said
    assert ("APAC", "hybrid", date(2026, 2, 1)) in _history(writable)
    at.button(key="governance_confirm").click().run()
    assert "Removed the change." in apptest.said(at.success)
    assert [r for r in _history(writable) if r[0] == "APAC"] == [("APAC", "decentralized", date(2024, 11, 1))]
    assert [a for a, _, _ in _audit(writable)] == ["update", "delete"]


def test_an_executive_sees_the_page_but_no_editing(writable: Engine) -> None:
    with db.session(writable) as session:
        auth.add_user(
            session,
            actor=Actor("setup", "admin"),
            username="cfo",
            display_name="CFO",
            role="executive",
            password="x" * 12,
        )
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["auth_username"] = "cfo"
    at = at.run().switch_page("app_pages/governance.py").run()
    assert not at.exception and not at.error and at.title[0].value == "Governance"
    assert any(d.value.columns[0] == "Model" for d in at.dataframe)
    at = apptest.open_tab(at, "governance", HISTORY)
    assert not at.exception and any(d.value.columns[0] == "Region" for d in at.dataframe)  # the history, read-only
    keys = {w.key for w in (*at.selectbox, *at.button)}
    assert "governance_add_region" not in keys and "governance_fix_id" not in keys


def test_the_page_opens_on_the_models_compared_and_draws_no_other_section(app_env: str) -> None:
    at = _open(**{"from": "2024-11", "to": "2026-10"})
    assert [t.label for t in at.tabs] == list(SECTIONS)
    assert [d.value.columns[0] for d in at.dataframe] == ["Model", "Models"]
    assert _charts(at) == 1  # NPS by operating model; the timeline, consistency and switch charts wait
    assert "governance_effects_over" not in {r.key for r in at.radio} and "governance_fix_id" not in {
        s.key for s in at.selectbox
    }


def test_each_section_draws_only_its_own_content_when_opened(app_env: str) -> None:
    at = _open(**{"from": "2024-11", "to": "2026-10"})
    drawn = {}
    for tab in SECTIONS[1:]:
        at = apptest.open_tab(at, "governance", tab)
        assert not at.exception and not at.error, tab
        drawn[tab] = ([d.value.columns[0] for d in at.dataframe], _charts(at))
    assert drawn == {CONSISTENCY: ([], 1), SWITCHES: (["Region"], 2), HISTORY: (["Region"], 1)}
    # The caveat stands above every section.
    assert "observational" in at.info[0].value


def test_a_link_opens_its_section(app_env: str) -> None:
    at = _open(governance_tab=HISTORY)
    assert "governance_fix_id" in {s.key for s in at.selectbox}
    assert not any(d.value.columns[0] == "Model" for d in at.dataframe)
