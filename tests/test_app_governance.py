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
from tests import apptest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_data"


def _open(**params: str) -> AppTest:
    at = apptest.open_page("governance", **params)
    assert not at.exception and not at.error
    return at


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
    at = _open(**{"from": "2024-11", "to": "2026-10"})
    assert at.title[0].value == "Governance" and not at.error
    notes = apptest.said(at.caption)
    assert "APAC: decentralized → hybrid from January 2026" in notes
    assert "LATAM: decentralized → centralized from November 2025" in notes
    effects = apptest.table(at, "Region")
    assert list(effects["Region"]) == ["APAC", "LATAM"]
    assert all(ci != "no interval" for ci in effects["NPS 95% CI"])
    said = apptest.said(at.markdown)
    assert "APAC (decentralized → hybrid, Jan 2026): NPS rose" in said and "LATAM (decentralized → centralized" in said
    assert "observational" in at.info[0].value and "cannot tell two models apart" in at.info[0].value


def test_the_comparison_lists_every_model_with_regions_and_responses(app_env: str) -> None:
    at = _open(**{"from": "2024-11", "to": "2026-10"})
    table = apptest.table(at, "Model")
    assert list(table["Model"]) == ["centralized", "hybrid", "decentralized"]
    assert table.loc[0, "Regions"] == "4 (LATAM, NAE, NORDICS, UKI)"
    assert {"NPS", "95% CI", "Mean of regional NPS", "Monthly retention", "CSAT", "CES", "Responses"} <= set(table)


def test_the_default_period_explains_why_latam_has_no_before_after(app_env: str) -> None:
    at = _open()
    assert list(apptest.table(at, "Region")["Region"]) == ["APAC"]
    assert "LATAM: decentralized → centralized from November 2025 (no months before it" in apptest.said(at.caption)


def test_every_two_models_get_a_difference_and_a_plain_verdict(app_env: str) -> None:
    at = _open(**{"from": "2024-11", "to": "2026-10"})
    pairs = apptest.table(at, "Models")
    assert list(pairs["Models"]) == ["centralized vs hybrid", "centralized vs decentralized", "hybrid vs decentralized"]
    assert all(p.startswith("p") for p in pairs["p-value"]) and "no interval" not in set(pairs["95% CI"])
    assert "Pooled over responses, centralized scores" in apptest.said(at.warning)
    assert "the data cannot tell these models apart" in apptest.said(at.warning)
    told_apart = list(pairs.loc[pairs["Told apart?"] == "yes", "Models"])
    assert len(at.success) == len(told_apart)


def test_every_table_can_be_downloaded(app_env: str) -> None:
    at = _open(**{"from": "2024-11", "to": "2026-10"})
    assert [b.label for b in at.get("download_button")] == [
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


def test_adding_a_change_saves_it_audits_it_and_redraws(writable: Engine) -> None:
    at = _open(**{"from": "2024-11", "to": "2026-10"})
    at.selectbox(key="governance_add_region").select("ANZ")
    at.selectbox(key="governance_add_model").select("hybrid")
    at.date_input(key="governance_add_date").set_value(date(2026, 3, 1))
    at.button(key="FormSubmitter:governance_add-Add change").click().run()
    assert not at.exception and not at.error
    assert "Recorded: ANZ runs under hybrid from 2026-03-01." in apptest.said(at.success)
    assert ("ANZ", "hybrid", date(2026, 3, 1)) in _history(writable)
    assert _audit(writable) == [("create", "ANZ/2026-03-01", "demo")]
    assert "ANZ: decentralized → hybrid from March 2026" in apptest.said(at.caption)


def test_a_second_change_on_the_same_date_is_refused_with_a_sentence(writable: Engine) -> None:
    before = _history(writable)
    at = _open()
    at.selectbox(key="governance_add_region").select("LATAM")
    at.selectbox(key="governance_add_model").select("hybrid")
    at.date_input(key="governance_add_date").set_value(date(2025, 11, 1))
    at.button(key="FormSubmitter:governance_add-Add change").click().run()
    assert not at.exception
    assert "LATAM already has a change on 2025-11-01 (to centralized)" in apptest.said(at.error)
    assert _history(writable) == before and _audit(writable) == []


def test_correcting_and_removing_a_change_through_the_form(writable: Engine) -> None:
    with db.session(writable) as session:
        apac = governance_changes(session).query("region == 'APAC' and model == 'hybrid'")
    change_id = int(apac["change_id"].iloc[0])
    at = _open()
    at.selectbox(key="governance_fix_id").set_value(change_id).run()
    at.date_input(key=f"governance_fix_date_{change_id}").set_value(date(2026, 2, 1))
    at.button(key="FormSubmitter:governance_fix-Save correction").click().run()
    assert "Saved the correction." in apptest.said(at.success)
    assert ("APAC", "hybrid", date(2026, 2, 1)) in _history(writable)
    at.selectbox(key="governance_fix_id").set_value(change_id).run()
    at.button(key="FormSubmitter:governance_fix-Remove change").click().run()
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
    keys = {w.key for w in (*at.selectbox, *at.button)}
    assert "governance_add_region" not in keys and "governance_fix_id" not in keys
