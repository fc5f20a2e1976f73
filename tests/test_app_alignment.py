"""The Alignment page through app.py: viewing a round, entering one, and what an executive sees."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select
from streamlit.testing.v1 import AppTest

from cxdash import auth
from cxdash.models import ALIGNMENT_DIMENSIONS, AlignmentRating, AlignmentRound, AuditEvent
from cxdash.permissions import Actor
from cxdash.views.alignment import SECTIONS
from tests import apptest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_data"
METRICS = ["Alignment index", "Agreement (0–1)", "Name the designated owner", "Leaders who rated"]
SCORECARD, SPREAD, CLARITY, TREND, ENTRY = SECTIONS


def _open(tab: str | None = None) -> AppTest:
    return apptest.open_page("alignment", tab=tab)


def _scorecard(at: AppTest) -> pd.DataFrame:
    """The scorecard, read in its section, back in the round entry afterwards."""
    table = apptest.table(apptest.open_tab(at, "alignment", SCORECARD), "Dimension")
    apptest.open_tab(at, "alignment", ENTRY)
    return table


def _caption_text(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_viewing_the_latest_round(app_env: str) -> None:
    at = _open()
    assert not at.exception and not at.error
    assert [m.label for m in at.metric] == METRICS
    assert [m.value for m in at.metric] == ["3.52", "0.59", "67%", "12"]
    assert at.sidebar.selectbox(key="alignment_round").value == "2026-Q3"
    table = at.dataframe[0].value
    assert list(table["Dimension"]) == list(ALIGNMENT_DIMENSIONS.values())
    assert set(table["Status"]) == {"Green", "Amber", "Red"}
    assert "Green: mean ≥ 4.0 and agreement ≥ 0.70" in _caption_text(at)
    # The statistic's name and source stay one hover away, beside the bands in words.
    bands = next(c for c in at.caption if c.value.startswith("Agreement runs from 0"))
    assert "LeBreton & Senter" in bands.proto.help and "r_wg(j) over the 8 dimensions: 0.92" in bands.proto.help
    assert "r_wg" not in _caption_text(at)
    at = apptest.open_tab(at, "alignment", CLARITY)
    assert any("industry figure of **30%**" in md.value for md in at.markdown)


def test_choosing_an_earlier_round(app_env: str) -> None:
    at = _open()
    at.sidebar.selectbox(key="alignment_round").select("2026-Q2").run()
    assert not at.exception
    assert at.query_params["round"] in (["2026-Q2"], "2026-Q2")
    table = at.dataframe[0].value.set_index("Dimension")
    assert table.loc["Resourcing", "Raters"] == 11
    assert [m.value for m in at.metric][2] == "58%"


def _answer(at: AppTest, leader: str, scores: dict[str, int], owner: str, *, replace: bool = False) -> AppTest:
    at.selectbox(key="alignment_leader").select(leader)
    for dimension, score in scores.items():
        at.radio(key=f"alignment_score_{dimension}").set_value(score)
    at.selectbox(key="alignment_named_owner").select(owner)
    at.checkbox(key="alignment_replace").set_value(replace)
    return at.button(key="alignment_save_answers").click().run()


def _count(session: Session, label: str) -> int:
    stmt = select(func.count()).select_from(AlignmentRating).join(AlignmentRound)
    stmt = stmt.where(col(AlignmentRound.label) == label)
    return int(session.exec(stmt).one())


def test_entering_a_round(writable: Engine) -> None:
    at = _open(ENTRY)
    at.text_input(key="alignment_new_label").input("2026-Q4")
    at.date_input(key="alignment_new_held_on").set_value(date(2026, 12, 9))
    at.button(key="alignment_create_round").click().run()
    assert not at.exception and not at.error
    assert "Created round 2026-Q4." in apptest.said(at.success)
    assert at.sidebar.selectbox(key="alignment_round").value == "2026-Q4"
    assert [m.value for m in at.metric][3] == "0"

    at = _answer(at, "CFO", dict.fromkeys(ALIGNMENT_DIMENSIONS, 4), "CCO")
    assert not at.error, [e.value for e in at.error]
    assert "Saved the answers of CFO for round 2026-Q4." in apptest.said(at.success)
    table = _scorecard(at)
    assert set(table["Raters"]) == {1} and set(table["Status"]) == {"n/a"}
    assert "no agreement figure, only 1 rater(s)" in _caption_text(apptest.open_tab(at, "alignment", SCORECARD))
    apptest.open_tab(at, "alignment", ENTRY)

    at = _answer(at, "CFO", dict.fromkeys(ALIGNMENT_DIMENSIONS, 2), "CCO")
    assert "CFO has already answered round 2026-Q4" in apptest.said(at.error)
    at = _answer(at, "CFO", dict.fromkeys(ALIGNMENT_DIMENSIONS, 2), "", replace=True)
    assert not at.error and _scorecard(at)["Mean (1–5)"].tolist() == [2.0] * len(ALIGNMENT_DIMENSIONS)

    partial = {d: 5 for d in list(ALIGNMENT_DIMENSIONS)[:-1]}
    at = _answer(at, "CEO", partial, "CCO")
    assert "still without a score: CEO commitment." in apptest.said(at.error)

    with Session(writable) as session:
        assert _count(session, "2026-Q4") == len(ALIGNMENT_DIMENSIONS)
        entities = ["alignment_round", "alignment_rating"]
        actions = session.exec(select(AuditEvent.action).where(col(AuditEvent.entity).in_(entities))).all()
    assert sorted(actions) == ["create", "enter", "replace"]


def test_answers_saved_after_creating_a_round_land_in_the_new_round(writable: Engine) -> None:
    """The CEO answered 2026-Q3; chosen there first, they stay chosen and answer the round just created."""
    at = _open(ENTRY)
    at.selectbox(key="alignment_leader").select("CEO").run()
    at.text_input(key="alignment_new_label").input("2026-Q4")
    at.date_input(key="alignment_new_held_on").set_value(date(2026, 12, 9))
    at.button(key="alignment_create_round").click().run()
    assert at.sidebar.selectbox(key="alignment_round").value == "2026-Q4"
    assert at.query_params["round"] in (["2026-Q4"], "2026-Q4")
    assert "Answers for round 2026-Q4" in apptest.said(at.markdown)
    at = _answer(at, "CEO", dict.fromkeys(ALIGNMENT_DIMENSIONS, 5), "CCO")
    assert not at.exception and not at.error, apptest.said(at.error)
    assert "Saved the answers of CEO for round 2026-Q4." in apptest.said(at.success)
    with Session(writable) as session:
        assert _count(session, "2026-Q4") == len(ALIGNMENT_DIMENSIONS)


def test_a_form_drawn_for_another_round_saves_nothing(writable: Engine) -> None:
    at = _open(ENTRY)
    at.session_state["alignment_form_round"] = "2026-Q2"
    at = _answer(at, "CTO", dict.fromkeys(ALIGNMENT_DIMENSIONS, 3), "CCO")
    assert "This form was for round 2026-Q2, but the page now shows round 2026-Q3" in apptest.said(at.error)
    with Session(writable) as session:
        assert _count(session, "2026-Q3") == 12 * len(ALIGNMENT_DIMENSIONS)


def test_an_executive_sees_aggregates_and_enters_only_their_own(writable: Engine) -> None:
    with Session(writable, expire_on_commit=False) as session:
        admin = Actor("setup", "admin")
        auth.add_user(
            session,
            actor=admin,
            username="cfo",
            display_name="CFO",
            role="executive",
            password="x" * 12,
            leader_key="CFO",
        )
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["auth_username"] = "cfo"
    at = at.run().switch_page("app_pages/alignment.py").run()
    assert not at.exception
    assert [m.label for m in at.metric] == METRICS
    assert "Leaders are anonymous here" in _caption_text(apptest.open_tab(at, "alignment", SPREAD))
    at = apptest.open_tab(at, "alignment", ENTRY)
    assert at.selectbox(key="alignment_leader").options == ["CFO"]
    assert "Already answered this round: " in _caption_text(at)
    keys = {w.key for w in at.text_input} | {w.key for w in at.selectbox}
    assert "alignment_new_label" not in keys and "alignment_cx_owner" not in keys


def test_a_bad_import_shows_its_problems_with_a_download_and_changes_nothing(writable: Engine) -> None:
    with Session(writable) as session:
        before = int(session.exec(select(func.count()).select_from(AlignmentRating)).one())
    header = (SAMPLE_DIR / "alignment_ratings.csv").read_text(encoding="utf-8").splitlines()[0]
    row = ",".join("=cmd" if name == "leader" else "" for name in header.split(","))
    at = _open(ENTRY)
    at.selectbox(key="alignment_import_kind").set_value("alignment_ratings").run()
    at.file_uploader(key="alignment_upload").set_value(("bad.csv", f"{header}\n{row}\n".encode(), "text/csv")).run()
    at.button(key="alignment_import").click().run()
    assert not at.exception and at.error
    problems = next(d.value for d in at.dataframe if "reason" in d.value.columns)
    assert "=cmd" in set(problems["value"])
    assert "Download the report (CSV)" in [b.label for b in at.get("download_button")]
    with Session(writable) as session:
        assert int(session.exec(select(func.count()).select_from(AlignmentRating)).one()) == before


def test_the_page_opens_on_the_scorecard_and_draws_no_other_section(app_env: str) -> None:
    at = _open()
    assert [t.label for t in at.tabs] == list(SECTIONS)
    assert [m.label for m in at.metric] == METRICS and [d.value.columns[0] for d in at.dataframe] == ["Dimension"]
    assert len(at.get("vega_lite_chart")) == 0
    assert "alignment_leader" not in {s.key for s in at.selectbox}


def test_each_section_draws_when_opened(app_env: str) -> None:
    at = _open()
    charts = {}
    for tab in SECTIONS[1:]:
        at = apptest.open_tab(at, "alignment", tab)
        assert not at.exception and not at.error, tab
        assert [m.label for m in at.metric] == METRICS and len(at.dataframe) == 0, tab  # tiles above, no scorecard
        charts[tab] = len(at.get("vega_lite_chart"))
    assert charts == {SPREAD: 1, CLARITY: 1, TREND: 1, ENTRY: 0}
    assert "alignment_leader" in {s.key for s in at.selectbox}


def test_a_link_opens_its_section(app_env: str) -> None:
    at = apptest.open_page("alignment", alignment_tab=ENTRY)
    assert not at.exception and "alignment_leader" in {s.key for s in at.selectbox}
