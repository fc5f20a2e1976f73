"""What the Alignment page shows, on the sample data and on an empty database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cxdash import db
from cxdash.models import Leader
from cxdash.permissions import DEMO_ACTOR
from cxdash.views import alignment as views
from tests.alignment.conftest import CFO_EXEC


@pytest.fixture
def sample(sample_url: str) -> Iterator[Session]:
    engine = db.make_engine(sample_url)
    with Session(engine) as session:
        yield session
    engine.dispose()


def test_the_latest_round_against_the_one_before(sample: Session) -> None:
    view = views.alignment(sample, None, DEMO_ACTOR)
    assert (view.round, view.previous) == ("2026-Q3", "2026-Q2")
    assert view.rounds == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
    assert view.index.mean == pytest.approx(3.5208, abs=1e-4)
    # Headline agreement: mean r_wg 0.589, 3 of 8 dimensions at ≥ 0.70; r_wg(j) 0.920 kept for detail only.
    assert view.index.mean_rwg == pytest.approx(0.5890, abs=1e-4)
    assert (view.index.strong, view.index.rated) == (3, 8)
    assert view.index.rwg_j == pytest.approx(0.9198, abs=1e-4)
    assert (view.clarity.owner, view.clarity.naming_owner, view.clarity.answered) == ("CCO", 8, 12)
    assert view.owner == views.q.DesignatedOwner("CCO", False)
    status = dict(zip(view.scorecard["dimension"], view.scorecard["status"], strict=True))
    assert status["resourcing"] == "red" and status["ceo_commitment"] == "green"
    assert view.trend["clarity"].is_monotonic_increasing


def test_a_skipped_rating_counts_one_rater_less(sample: Session) -> None:
    view = views.alignment(sample, "2026-Q2", DEMO_ACTOR)
    raters = dict(zip(view.scorecard["dimension"], view.scorecard["raters"], strict=True))
    assert raters["resourcing"] == 11 and raters["customer_vision"] == 12


def test_an_unknown_round_falls_back_to_the_latest(sample: Session) -> None:
    assert views.alignment(sample, "1999-Q1", DEMO_ACTOR).round == "2026-Q3"


def test_an_executive_sees_aggregates_but_not_who_rated_what(sample: Session) -> None:
    view = views.alignment(sample, None, CFO_EXEC)
    assert not view.identified
    assert set(view.points["rater"]) - {"You"} == {f"Leader {i}" for i in range(1, 12)}
    assert not set(view.points["rater"]) & set(view.leaders.values())


def test_tiles_table_and_texts(sample: Session) -> None:
    view = views.alignment(sample, None, DEMO_ACTOR)
    tiles = views.tiles(view)
    assert [t.value for t in tiles] == ["3.52", "0.59", "67%", "12"]
    assert tiles[1].note == "3 of 8 dimensions (38%) agree strongly (0.70 or more); on average moderate agreement"
    assert views.rwg_j_note(view.index).startswith("r_wg(j) over the 8 dimensions: 0.92.")
    assert "rises with the number of items" in views.rwg_j_note(view.index)
    assert tiles[0].delta == "+0.20 vs 2026-Q2" and tiles[2].delta == "+8 pp vs 2026-Q2"
    table = views.scorecard_table(view.scorecard)
    assert list(table.columns[:6]) == [
        "Dimension", "Status", "Raters", "Mean (1–5)", "Agreement (0–1)", "Agreement in words"
    ]  # fmt: skip
    assert table.set_index("Dimension").loc["Accountability & metrics", "Agreement in words"] == "moderate agreement"
    assert set(table["Status"]) <= {"Green", "Amber", "Red", "n/a"}
    assert "**67%**" in views.clarity_text(view) and "**30%**" in views.clarity_text(view)
    assert views.small_group_notes(view) == []


def test_an_empty_database_has_no_round_but_still_lists_nothing_safely(engine: Engine) -> None:
    with Session(engine) as session:
        view = views.alignment(session, None, DEMO_ACTOR)
    assert view.round is None and view.rounds == [] and view.leaders == {}
    assert view.scorecard["raters"].sum() == 0 and view.points.empty and view.trend.empty
    assert "Nobody has answered" in views.clarity_text(view)


def test_names_in_the_clarity_text_are_shown_as_typed(team: Session) -> None:
    cco = team.exec(select(Leader).where(Leader.key == "CCO")).one()
    cco.title = "**C*O** <b>"
    team.add(cco)
    team.commit()
    text = views.clarity_text(views.alignment(team, None, DEMO_ACTOR))
    assert "\\*\\*C\\*O\\*\\* \\<b\\>" in text
