"""The Ownership page's view on the sample data: what each section is given."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine

from cxdash import db
from cxdash.edits.ownership import EditOutcome
from cxdash.permissions import Actor
from cxdash.views import overview as overview_view
from cxdash.views import ownership as views
from cxdash.views import raci_edit

OCT = date(2026, 10, 1)


def _view(url: str, month: date | None = OCT, stages: tuple[str, ...] = (), only: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    engine = db.make_engine(url)
    try:
        with db.session(engine) as session:
            return views.ownership(session, month, stages, only)
    finally:
        engine.dispose()


def test_health_on_the_page_matches_the_overview_count(sample_url: str) -> None:
    view = _view(sample_url)
    assert (len(view.health.gaps), len(view.health.overlaps), len(view.health.no_responsible)) == (2, 1, 1)
    engine = db.make_engine(sample_url)
    with db.session(engine) as session:
        items = overview_view.overview(session, OCT).attention
    engine.dispose()
    ownership_items = [a for a in items if a.topic in ("Unowned touchpoints", "Split ownership", "Nobody responsible")]
    assert len(ownership_items) == 3
    gap = next(a for a in ownership_items if a.topic == "Unowned touchpoints")
    assert gap.text.startswith(f"{len(view.health.gaps)} touchpoints have nobody accountable: Events & webinars")
    assert len(view.findings) == view.health.findings


def test_the_cx_leader_is_one_step_from_the_ceo_in_the_sample(sample_url: str) -> None:
    view = _view(sample_url)
    assert view.cx_owner == "CCO" and view.cx_distance is not None and view.cx_distance.steps == 1
    assert views.cx_line(view).endswith("reports directly to the CEO: 1 step.")
    assert "digraph" in view.dot and "CX leader" in view.dot


def test_filters_narrow_matrix_performance_and_health_alike(sample_url: str) -> None:
    view = _view(sample_url, stages=("Support",), only=("CCO", "VP_SUPPORT"))
    assert view.matrix.rows == ["Phone support", "Chat support", "Help centre"]
    assert view.matrix.columns == ["CCO", "VP Support"]
    assert set(view.leaders["leader"]) == {"CCO", "VP_SUPPORT"}
    assert set(view.owned["stage"]) == {"Support"}
    assert view.health.overlaps == ("SU_CHAT",) and view.health.findings == 1
    assert [f.touchpoint for f in view.findings] == ["SU_CHAT"]
    assert _view(sample_url).health.findings == 4


def test_a_leader_filter_keeps_the_touchpoints_where_they_hold_a_role(sample_url: str) -> None:
    view = _view(sample_url, only=("VP_SALES",))
    assert set(view.matrix.status["touchpoint"]) == set(view.matrix.cells["touchpoint"])
    assert view.matrix.columns == ["VP Sales"]


def test_performance_has_nps_ci_n_and_a_twelve_month_trend(sample_url: str) -> None:
    view = _view(sample_url)
    assert set(view.leaders["leader"]) == {"CMO", "VP_SALES", "CCO", "VP_PRODUCT", "VP_SUPPORT"}
    assert (view.leaders["n"] > 0).all()
    assert (view.leaders["ci_low"] <= view.leaders["nps"]).all()
    assert all(len(t) == 12 for t in view.owned["trend"])
    assert list(view.owned["nps"]) == sorted(view.owned["nps"])
    # Chat support has two Accountable leaders: listed under each with its own 198 responses, never 396.
    chat = view.owned[view.owned["touchpoint_name"] == "Chat support"]
    assert chat["n"].tolist() == [198, 198]
    assert chat["ci_low"].round(1).tolist() == [14.3, 14.3] and chat["ci_high"].round(1).tolist() == [37.4, 37.4]
    assert chat["p_value"].round(3).tolist() == [0.249, 0.249]
    table = views.score_table(view.leaders, views.LEADER_COLUMNS, OCT)
    assert list(table.columns) == [
        "Accountable leader",
        "Touchpoints owned",
        "NPS",
        "95% CI",
        "Responses",
        "Δ vs Sep 2026",
        "Change test",
        views.TREND,
        "Sample",
    ]


def test_without_survey_data_the_map_still_shows(sample_url: str) -> None:
    view = _view(sample_url, month=None)
    assert view.leaders.empty and view.owned.empty
    assert len(view.matrix.rows) == 14


def test_the_matrix_exports_one_row_per_touchpoint(sample_url: str) -> None:
    table = views.matrix_table(_view(sample_url))
    assert len(table) == 14
    chat = table.set_index("Touchpoint").loc["Chat support"]
    assert (chat["CCO"], chat["VP Support"], chat["Health"]) == ("A", "A", "2+ Accountable")


def test_saving_from_the_grid_without_the_right_is_a_refusal_not_an_error(org: Engine) -> None:
    cells = raci_edit.open_cells(org)
    change = raci_edit.CellChange(cells[("AW_EVENT", "CMO")], "A", "Events & webinars", "CMO", "")
    outcome = raci_edit.save(org, Actor("viv", "viewer"), change, False)
    assert outcome == EditOutcome("refused", "Your role (viewer) does not allow edit ownership.")
    assert raci_edit.open_cells(org)[("AW_EVENT", "CMO")].role == "R"


def test_the_grid_reads_a_plus_r_and_names_the_first_change(org: Engine) -> None:
    with db.session(org) as session:
        view = views.ownership(session, None, (), ())
    cells = raci_edit.open_cells(org)
    table = raci_edit.grid(view, cells)
    assert list(table.frame.columns[:2]) == ["Stage", "Touchpoint"]
    assert list(table.frame["Stage"]) == sorted(table.frame["Stage"], key=list(views.STAGES).index)
    row = table.touchpoints.index("AW_WEB")
    column = next(label for label, key in table.leaders.items() if key == "CCO")
    assert raci_edit.first_edit(table, {str(row): {"Stage": "x", column: "A+R"}}) == ("AW_WEB", "CCO", "A+R")
    change = raci_edit.change_for(view, cells, "AW_WEB", "CCO", "A+R")
    assert (change.loaded.role, change.role) == ("C", "A+R")
    assert change.needs_confirmation and "Chief Marketing Officer is already accountable" in change.question()
    assert not raci_edit.change_for(view, cells, "AW_WEB", "CMO", "A+R").needs_confirmation


def test_frames_the_page_charts_hash_as_cache_keys(sample_url: str) -> None:
    """ui.chart caches by its inputs; a frame pandas cannot hash makes Streamlit pickle it instead, with a warning."""
    view = _view(sample_url)
    for frame in (view.leaders, view.owned, view.trend, view.over_time, view.leader_table, view.owned_table):
        pd.util.hash_pandas_object(frame)


def test_score_tables_download_with_the_trend_as_text(sample_url: str) -> None:
    view = _view(sample_url)
    table = views.downloadable(view.owned_table)
    first = view.owned.iloc[0]
    expected = " ".join("—" if v is None else f"{v:.1f}" for v in first["trend"])
    assert table[views.TREND].iloc[0] == expected and len(expected.split()) == views.TREND_MONTHS
    assert list(table.columns) == list(view.owned_table.columns)
    assert isinstance(view.owned_table[views.TREND].iloc[0], tuple), "the page's sparkline column is left as it was"
    assert views.downloadable(views.matrix_table(view)).equals(views.matrix_table(view))


def test_the_performance_note_names_the_month_and_the_sample_thresholds(sample_url: str) -> None:
    note = views.performance_note(_view(sample_url))
    assert "in October 2026" in note and "12-month trend" in note
    assert "Fewer than 30 responses: low sample" in note and "fewer than 5: hidden" in note
