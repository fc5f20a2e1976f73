"""Alignment charts, checked through their Vega-Lite specs."""

from __future__ import annotations

from datetime import date

import pandas as pd

from cxdash.alignment import answer_distribution, rating_points, scorecard
from cxdash.charts import alignment as charts
from cxdash.charts.palette import MAIN_WIDTH
from cxdash.models import ALIGNMENT_DIMENSIONS
from tests.drawn import width as drawn_width

RATINGS = pd.DataFrame(
    [(w, d, s) for d in ALIGNMENT_DIMENSIONS for w, s in (("CEO", 5), ("CFO", 2), ("COO", 4))],
    columns=["leader", "dimension", "score"],
)
NAMES = {"CEO": "CEO", "CFO": "CFO", "COO": "COO"}


def _values(spec: dict) -> list[dict]:  # type: ignore[type-arg]
    return [row for rows in spec["datasets"].values() for row in rows]


def test_the_spread_shows_every_rating_and_the_mean() -> None:
    points = rating_points(RATINGS, NAMES, identified=True, ceo="CEO")
    card = scorecard(RATINGS, None, "CEO")
    before = points.copy()
    spec = charts.rating_spread(points, card, list(ALIGNMENT_DIMENSIONS.values())).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["circle", "tick"]
    rows = _values(spec)
    assert sum(1 for r in rows if "rater" in r) == len(RATINGS)
    assert {r["mean"] for r in rows if "mean" in r} == {11 / 3}
    assert spec["layer"][0]["encoding"]["y"]["sort"] == list(ALIGNMENT_DIMENSIONS.values())
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["CEO", "Other leaders"]
    pd.testing.assert_frame_equal(points, before)


def test_the_spread_puts_equal_ratings_side_by_side() -> None:
    more = [(w, d, s) for d in ALIGNMENT_DIMENSIONS for w, s in (("CMO", 5), ("CTO", 5), ("CRO", 2))]
    tied = pd.concat([RATINGS, pd.DataFrame(more, columns=list(RATINGS.columns))], ignore_index=True)
    names = NAMES | {"CMO": "CMO", "CTO": "CTO", "CRO": "CRO"}
    points = rating_points(tied, names, identified=True, ceo="CEO")
    spec = charts.rating_spread(points, scorecard(tied), list(ALIGNMENT_DIMENSIONS.values())).to_dict()
    # The places are sent with the ratings: the browser runs no transform to work them out.
    assert "transform" not in spec["layer"][0] and spec["layer"][0]["encoding"]["x"]["field"] == "position"
    first = next(iter(ALIGNMENT_DIMENSIONS.values()))
    places = {r["rater"]: r["position"] for r in _values(spec) if r.get("label") == first and "rater" in r}
    step = charts.DOT_SPACING
    # CEO, CMO and CTO gave 5: three dots around 5 in rater order; CFO and CRO gave 2: two around 2; COO alone at 4.
    assert places == {
        "CEO": round(5 - step, 3), "CMO": 5.0, "CTO": round(5 + step, 3),
        "CFO": round(2 - step / 2, 3), "CRO": round(2 + step / 2, 3), "COO": 4.0,
    }  # fmt: skip


def test_answers_chart_marks_the_owner() -> None:
    beliefs = pd.DataFrame({"leader": ["A", "B", "C"], "named_owner": ["CCO", "CEO", None]}).astype(object)
    answers = answer_distribution(beliefs, {"CCO": "CCO", "CEO": "CEO"}, "CCO")
    spec = charts.ownership_answers(answers).to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"] == ["the designated owner", "someone else", "don't know"]
    assert scale["range"][0] == charts.ANSWER_COLORS["owner"]
    assert "kind_label" not in answers.columns


def _trend(rounds: list[str]) -> pd.DataFrame:
    count = len(rounds)
    return pd.DataFrame(
        {
            "round": rounds,
            "held_on": [date(2024 + i // 4, 3 * (i % 4) + 1, 1) for i in range(count)],
            "index": [3.0 + 0.1 * i for i in range(count)],
            "agreement": [0.6 + 0.02 * i for i in range(count)],
            "clarity": [0.4 + 0.05 * i for i in range(count)],
            "raters": [10] * count,
        }
    )


def test_trend_has_three_panels_with_reference_lines() -> None:
    trend = _trend(["R1", "R2"])
    spec = charts.alignment_trend(trend).to_dict()
    panels = spec["hconcat"]
    titles = ["Alignment index (1–5)", "Agreement (0–1)", "Name the designated owner"]
    assert [p["title"] for p in panels] == titles
    references = [r["y"] for r in _values(spec) if "note" in r]
    assert references == [4.0, 0.7, 0.7]


def test_trend_panels_fit_the_main_column_side_by_side_with_every_round_labelled() -> None:
    trend = _trend(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"])
    spec = charts.alignment_trend(trend).to_dict()
    assert all(p["layer"][1]["encoding"]["x"]["axis"]["labelOverlap"] is False for p in spec["hconcat"])
    assert drawn_width(charts.alignment_trend(trend)) <= MAIN_WIDTH
