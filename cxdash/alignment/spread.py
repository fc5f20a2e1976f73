"""Every leader's rating per dimension as points, identified or anonymised for the viewer."""

from __future__ import annotations

import pandas as pd

from cxdash.models import ALIGNMENT_DIMENSIONS

SPREAD_COLUMNS = ["rater", "group", "dimension", "label", "score"]


def rater_names(leaders: pd.DataFrame) -> dict[str, str]:
    """How a leader is shown: their title, with the key added where two leaders share a title."""
    titles = leaders["title"].tolist()
    return {
        key: title if titles.count(title) == 1 else f"{title} ({key})"
        for key, title in zip(leaders["leader"], leaders["title"], strict=True)
    }


def _anonymous_order(ratings: pd.DataFrame) -> list[str]:
    # Numbered from the most favourable rater down: the order follows the ratings
    # only, so "Leader 1" says nothing about who that is.
    by_leader = {
        str(key): tuple(group.sort_values("dimension")["score"].tolist())
        for key, group in ratings.groupby("leader", sort=True)
    }
    return sorted(by_leader, key=lambda k: (-sum(by_leader[k]) / len(by_leader[k]), by_leader[k]))


def rating_points(
    ratings: pd.DataFrame,
    names: dict[str, str],
    *,
    identified: bool,
    ceo: str | None = None,
    viewer: str | None = None,
) -> pd.DataFrame:
    """One row per leader and dimension; anonymous viewers see "Leader n" (and "You" for their own ratings)."""
    if identified:
        label = {key: names.get(key, key) for key in sorted(set(ratings["leader"]), key=lambda k: names.get(k, k))}
        group = {key: "CEO" if key == ceo else "Other leaders" for key in label}
    else:
        others = [key for key in _anonymous_order(ratings) if key != viewer]
        label = {key: f"Leader {i}" for i, key in enumerate(others, start=1)}
        if viewer in set(ratings["leader"]):
            label[str(viewer)] = "You"
        group = {key: "You" if key == viewer else "Leader" for key in label}
    order = {
        "dimension": {d: i for i, d in enumerate(ALIGNMENT_DIMENSIONS)},
        "leader": {k: i for i, k in enumerate(label)},
    }
    known = ratings[ratings["dimension"].isin(list(ALIGNMENT_DIMENSIONS))].sort_values(
        ["dimension", "leader"], key=lambda column: column.map(order[str(column.name)])
    )
    frame = pd.DataFrame(
        {
            "rater": known["leader"].map(label),
            "group": known["leader"].map(group),
            "dimension": known["dimension"],
            "label": known["dimension"].map(ALIGNMENT_DIMENSIONS),
            "score": known["score"].astype("int64"),
        },
        columns=SPREAD_COLUMNS,
    )
    return frame.reset_index(drop=True)
