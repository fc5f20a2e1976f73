"""The Ownership map through app.py: health, filters, the org chart, and editing with lost-update protection."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from cxdash import db
from cxdash.edits.ownership import change_role
from cxdash.models import AuditEvent, Leader, Touchpoint
from cxdash.permissions import Actor
from cxdash.present import escape_markdown
from cxdash.queries import ownership as q
from cxdash.views.ownership import SECTION, SECTIONS, STAGES
from tests import apptest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_data"


LINES, PERFORMANCE, HISTORY = SECTIONS


def _open(section: str | None = None, **params: str) -> AppTest:
    """The page as a link opens it, on ``section`` (the label of one of the tabs under the matrix) if named."""
    at = apptest.open_page("ownership", **params, **({SECTION: section} if section else {}))
    assert not at.exception
    return at


def test_the_page_shows_ownership_health_with_a_sentence_per_finding(app_env: str) -> None:
    at = _open()
    assert not at.error
    assert [(m.label, m.value) for m in at.metric] == [
        ("No one accountable", "2"),
        ("Split accountability", "1"),
        ("No one responsible", "1"),
    ]
    text = apptest.said(at.markdown)
    assert "Nobody is accountable for Events & webinars (Awareness)" in text
    assert "Chief Customer Officer and Vice President Customer Support are both accountable for Chat support" in text
    assert "The CX leader is Chief Customer Officer" in text and "1 step" in text


def test_performance_tables_put_the_worst_owned_touchpoint_first(app_env: str) -> None:
    at = _open(PERFORMANCE)
    leaders = apptest.table(at, "Accountable leader")
    assert set(leaders["Accountable leader"]) == {
        "Chief Customer Officer",
        "Vice President Customer Support",
        "Vice President Product",
        "Vice President Sales",
        "Chief Marketing Officer",
    }
    owned = apptest.table(at, "Touchpoint")
    scores = [float(v) for v in owned["NPS"] if v != "—"]
    assert scores == sorted(scores)
    assert {"95% CI", "Responses", "Δ vs Sep 2026"} <= set(owned.columns)


def test_filters_by_stage_and_leader_are_kept_in_the_url(app_env: str) -> None:
    at = _open(PERFORMANCE)
    at.multiselect(key="ownership_stages").select("Support").run()
    at.multiselect(key="ownership_leaders").select("CCO").run()
    assert not at.exception
    assert at.query_params["stages"] in (["Support"], "Support")
    assert at.query_params["leaders"] in (["CCO"], "CCO")
    owned = apptest.table(at, "Touchpoint")
    assert set(owned["Stage"]) == {"Support"}
    assert set(owned["Accountable leader"]) == {"Chief Customer Officer"}
    assert [m.value for m in at.metric] == ["0", "1", "0"]  # the filters apply to the health too: Chat support


def test_a_link_with_filters_opens_them(app_env: str) -> None:
    at = _open(PERFORMANCE, stages="Renewal", leaders="VP_SALES")
    assert at.multiselect(key="ownership_stages").value == ["Renewal"]
    owned = apptest.table(at, "Touchpoint")
    assert list(owned["Touchpoint"]) == ["Account review"]


def _edit(at: AppTest, touchpoint: str, leader: str, role: str | None) -> AppTest:
    """Pick ``role`` in one cell of the in-place grid, as the grid's change callback reports it (AppTest cannot
    type into a data editor; the browser test does)."""
    if not at.toggle(key="ownership_edit").value:
        at.toggle(key="ownership_edit").set_value(True).run()
    at.session_state["ownership_raci_pending"] = (touchpoint, leader, role)
    return at.run()


def _stored(engine: Engine, touchpoint: str, leader: str) -> str | None:
    with db.session(engine) as session:
        return q.cell(session, touchpoint=touchpoint, leader=leader).role


def test_the_grid_shows_the_map_grouped_by_stage_for_those_who_may_edit(writable: Engine) -> None:
    at = _open()
    at.toggle(key="ownership_edit").set_value(True).run()
    assert not at.exception
    grid = next(d.value for d in at.dataframe if list(d.value.columns[:2]) == ["Stage", "Touchpoint"])
    assert list(grid["Stage"]) == sorted(grid["Stage"], key=list(STAGES).index)
    chat = grid.set_index("Touchpoint").loc["Chat support"]
    assert (chat["CCO"], chat["VP Support"]) == ("A", "A")


def test_editing_a_cell_saves_audits_and_shows_in_the_history(writable: Engine) -> None:
    at = _edit(_open(HISTORY), "AW_EVENT", "CMO", "A")
    assert not at.exception and not at.error
    assert "Chief Marketing Officer is now accountable for Events & webinars" in apptest.said(at.success)
    assert [m.value for m in at.metric] == ["1", "1", "2"]
    history = apptest.table(at, "When (UTC)")
    assert history.iloc[0][["Touchpoint", "Leader", "Change"]].tolist() == [
        "Events & webinars",
        "Chief Marketing Officer",
        "R → A",
    ]
    with db.session(writable) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.key == "AW_EVENT/CMO")).all()
    assert [(e.username, e.detail) for e in events] == [("demo", "R -> A")]


def test_a_plus_r_keeps_the_responsible_and_closes_the_gap(writable: Engine) -> None:
    at = _edit(_open(HISTORY), "AW_EVENT", "CMO", "A+R")
    assert "Chief Marketing Officer is now accountable and responsible for Events & webinars" in apptest.said(
        at.success
    )
    assert [m.value for m in at.metric] == ["1", "1", "1"]
    assert _stored(writable, "AW_EVENT", "CMO") == "A+R"
    assert apptest.table(at, "When (UTC)").iloc[0]["Change"] == "R → A+R"


def test_a_second_accountable_is_saved_only_when_confirmed(writable: Engine) -> None:
    at = _edit(_open(), "AW_WEB", "CCO", "A")
    assert "ownership_raci_confirm" in {b.key for b in at.button}
    assert "Chief Marketing Officer is already accountable for Website visit" in apptest.said(at.markdown)
    assert _stored(writable, "AW_WEB", "CCO") == "C"
    at.button(key="ownership_raci_confirm").click().run()
    assert "Saved" in apptest.said(at.success)
    assert [m.value for m in at.metric] == ["2", "2", "1"]
    assert "ownership_raci_confirm" not in {b.key for b in at.button}


def test_cancelling_the_second_accountable_changes_nothing(writable: Engine) -> None:
    at = _edit(_open(), "AW_WEB", "CCO", "A+R")
    at.button(key="ownership_raci_cancel").click().run()
    assert not at.exception and "ownership_raci_confirm" not in {b.key for b in at.button}
    assert _stored(writable, "AW_WEB", "CCO") == "C"


def test_a_save_over_someone_elses_change_is_refused_on_the_page(writable: Engine) -> None:
    at = _open()
    at.toggle(key="ownership_edit").set_value(True).run()
    with db.session(writable) as session:
        meanwhile = q.cell(session, touchpoint="SU_CHAT", leader="VP_SUPPORT")
        assert change_role(session, actor=Actor("carol", "cco"), loaded=meanwhile, role="C").status == "saved"
    at = _edit(at, "SU_CHAT", "VP_SUPPORT", "R")
    assert not at.exception
    refusal = apptest.said(at.error)
    assert "Not saved" in refusal and "carol changed it (A -> C)" in refusal
    assert _stored(writable, "SU_CHAT", "VP_SUPPORT") == "C"
    grid = next(d.value for d in at.dataframe if list(d.value.columns[:2]) == ["Stage", "Touchpoint"])
    assert grid.set_index("Touchpoint").loc["Chat support", "VP Support"] == "C"


def test_removing_an_assignment_through_the_page(writable: Engine) -> None:
    at = _edit(_open(HISTORY), "AW_WEB", "CTO", None)
    assert "Chief Technology Officer is now not assigned to Website visit" in apptest.said(at.success)
    assert apptest.table(at, "When (UTC)").iloc[0]["Change"] == "removed (was I)"


def _attention(at: AppTest) -> str:
    return apptest.said(m for m in at.markdown if "Unowned touchpoints" in m.value or "Split ownership" in m.value)


def test_a_fixed_gap_leaves_the_overviews_attention_list(writable: Engine) -> None:
    overview = apptest.app().run()
    assert "2 touchpoints have nobody accountable: Events & webinars and Billing & invoices" in _attention(overview)
    at = _edit(_open(), "AW_EVENT", "CMO", "A")
    assert "Saved" in apptest.said(at.success)
    overview = at.switch_page("app_pages/overview.py").run()
    assert not overview.exception
    assert "1 touchpoint has nobody accountable: Billing & invoices" in _attention(overview)


def test_every_table_can_be_downloaded(app_env: str) -> None:
    at = _open()
    labels = [b.label for b in at.get("download_button")]
    for section in (PERFORMANCE, HISTORY):
        at.session_state[SECTION] = section
        labels += [b.label for b in at.run().get("download_button")][1:]  # the matrix's is on every tab
    assert labels == [
        "Download the matrix (CSV)",
        "Download NPS by leader (CSV)",
        "Download owned touchpoints (CSV)",
        "Download the history (CSV)",
    ]


def test_only_the_open_section_under_the_matrix_is_drawn(app_env: str) -> None:
    at = _open()
    assert [t.label for t in at.tabs] == list(SECTIONS)
    assert at.get("graphviz_chart") and "The CX leader is" in apptest.said(at.markdown)
    assert not at.dataframe  # performance and history wait for their tabs
    at = _open(HISTORY)
    assert not at.get("graphviz_chart") and "The CX leader is" not in apptest.said(at.markdown)
    assert [d.value.columns[0] for d in at.dataframe] == ["When (UTC)"]
    at = _open(PERFORMANCE)
    assert [d.value.columns[0] for d in at.dataframe] == ["Accountable leader", "Touchpoint"]
    assert not at.get("graphviz_chart")


def test_a_circle_in_the_reporting_lines_is_reported_as_bad_data(writable: Engine) -> None:
    with db.session(writable) as session:
        cco = session.exec(select(Leader).where(Leader.key == "CCO")).one()
        ceo = session.exec(select(Leader).where(Leader.key == "CEO")).one()
        ceo.reports_to_id = cco.id
        session.add(ceo)
        session.commit()
    at = _open()
    assert not at.error
    problems = apptest.said(at.warning)
    assert "Bad reporting-line data: Reporting lines go round in a circle: CCO → CEO → CCO." in problems
    assert "nobody can be identified as the CEO" in problems
    assert "distance to the CEO is unknown" in apptest.said(at.markdown)
    assert at.get("graphviz_chart") and len(at.metric) == 3


def test_names_typed_into_the_data_are_shown_as_typed(writable: Engine) -> None:
    with db.session(writable) as session:
        cco = session.exec(select(Leader).where(Leader.key == "CCO")).one()
        cco.name = "Chief *Customer* Officer [call](https://example.com)"
        event = session.exec(select(Touchpoint).where(Touchpoint.code == "AW_EVENT")).one()
        event.name = "<b>Events</b> & _webinars_"
        session.add_all([cco, event])
        session.commit()
    at = _open()
    raw = " ".join(m.value for m in at.markdown)
    assert escape_markdown("Chief *Customer* Officer [call](https://example.com) and Vice President") in raw
    assert escape_markdown("Nobody is accountable for <b>Events</b> & _webinars_ (Awareness)") in raw
    assert "*Customer*" not in raw.replace("\\*", "") and "<b>" not in raw and "](https" not in raw


def test_a_role_without_access_is_refused_by_the_page_itself(app_env: str) -> None:
    at = AppTest.from_file(str(ROOT / "app_pages" / "ownership.py"), default_timeout=120)
    at.session_state["auth_actor"] = Actor(username="board", role="viewer")
    at.run()
    assert not at.exception
    assert any("does not include the Ownership map" in e.value for e in at.error)
    assert len(at.metric) == 0


def test_an_executive_sees_the_map_but_no_editor(app_env: str) -> None:
    at = AppTest.from_file(str(ROOT / "app_pages" / "ownership.py"), default_timeout=120)
    at.session_state["auth_actor"] = Actor(username="cfo", role="executive")
    at.run()
    assert not at.exception
    assert len(at.metric) == 3
    assert "ownership_edit_save" not in {b.key for b in at.button}
