"""Per-leader ratings: identified for those allowed, anonymous otherwise."""

from __future__ import annotations

import pandas as pd

from cxdash.alignment import rater_names, rating_points

RATINGS = pd.DataFrame(
    [
        ("CEO", "customer_vision", 5),
        ("CEO", "resourcing", 5),
        ("CFO", "customer_vision", 2),
        ("CFO", "resourcing", 2),
        ("COO", "customer_vision", 4),
        ("COO", "resourcing", 3),
    ],
    columns=["leader", "dimension", "score"],
)
NAMES = {"CEO": "Chief Executive", "CFO": "Finance Chief", "COO": "Operations Chief"}


def test_identified_points_name_each_leader_and_mark_the_ceo() -> None:
    points = rating_points(RATINGS, NAMES, identified=True, ceo="CEO")
    assert set(points["rater"]) == set(NAMES.values())
    ceo = points[points["rater"] == "Chief Executive"]
    assert set(ceo["group"]) == {"CEO"} and set(points.loc[points["rater"] != "Chief Executive", "group"]) == {
        "Other leaders"
    }
    assert list(points["dimension"][:3]) == ["customer_vision"] * 3


def test_anonymous_points_number_leaders_from_the_most_favourable_down() -> None:
    points = rating_points(RATINGS, NAMES, identified=False, ceo="CEO")
    by_rater = points.groupby("rater")["score"].mean().to_dict()
    assert by_rater == {"Leader 1": 5.0, "Leader 2": 3.5, "Leader 3": 2.0}
    shown = set(points["rater"]) | set(points["group"])
    assert not shown & (set(NAMES) | set(NAMES.values()) | {"CEO"})


def test_an_anonymous_viewer_sees_their_own_ratings_as_you() -> None:
    points = rating_points(RATINGS, NAMES, identified=False, viewer="CFO")
    mine = points[points["rater"] == "You"]
    assert list(mine["score"]) == [2, 2] and set(mine["group"]) == {"You"}
    assert sorted(set(points["rater"]) - {"You"}) == ["Leader 1", "Leader 2"]


def test_points_keep_every_rating_and_leave_the_input_alone() -> None:
    before = RATINGS.copy()
    assert len(rating_points(RATINGS, NAMES, identified=False)) == len(RATINGS)
    pd.testing.assert_frame_equal(RATINGS, before)


def test_shared_titles_get_the_key_added() -> None:
    team = pd.DataFrame({"leader": ["VP_A", "VP_B", "CEO"], "title": ["VP", "VP", "CEO"]})
    assert rater_names(team) == {"VP_A": "VP (VP_A)", "VP_B": "VP (VP_B)", "CEO": "CEO"}
