"""The ownership history: readable changes, imports shown as such, and findings replayed over time."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from cxdash.ownership.history import change_detail, describe, findings_over_time, history_table, parse_detail


def _events(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """(at, action, key, detail) newest first, as the query returns them."""
    return pd.DataFrame(
        [(datetime.fromisoformat(at), "cco", action, key, detail) for at, action, key, detail in rows],
        columns=["at", "username", "action", "key", "detail"],
    )


def _today() -> pd.DataFrame:
    rows = [("T1", "L1", "A"), ("T1", "L2", "R"), ("T2", "L1", "A"), ("T2", "L3", "R")]
    return pd.DataFrame(rows, columns=["touchpoint", "leader", "role"])


def test_details_round_trip() -> None:
    for before, after in [("R", "A"), (None, "C"), ("A", None)]:
        assert parse_detail(change_detail(before, after)) == (before, after)
    assert change_detail("R", "A") == "R -> A"


def test_changes_read_as_words() -> None:
    assert describe("R -> A") == "R → A"
    assert describe("none -> C") == "added as C"
    assert describe("A -> none") == "removed (was A)"


def test_history_names_touchpoints_and_leaders_and_shows_imports() -> None:
    events = _events(
        [
            ("2026-10-05 09:30:00", "change", "T1/L1", "R -> A"),
            ("2026-10-01 08:00:00", "import", "ownership.csv", "ownership.csv: 56 new"),
        ]
    )
    table = history_table(events, {"T1": "Website visit"}, {"L1": "Chief Marketing Officer"})
    assert table.iloc[0].tolist() == ["2026-10-05 09:30", "cco", "Website visit", "Chief Marketing Officer", "R → A"]
    assert table.iloc[1]["Change"] == "imported ownership.csv: 56 new"


def test_unknown_codes_are_shown_as_stored() -> None:
    table = history_table(_events([("2026-10-05 09:30:00", "change", "GONE/X", "none -> I")]), {}, {})
    assert table.iloc[0][["Touchpoint", "Leader"]].tolist() == ["GONE", "X"]


def test_findings_are_replayed_back_from_todays_map() -> None:
    events = _events(
        [
            ("2026-10-03 10:00:00", "assign", "T2/L3", "none -> R"),
            ("2026-10-02 10:00:00", "change", "T1/L1", "R -> A"),
            ("2026-10-01 10:00:00", "remove", "T2/L2", "A -> none"),
        ]
    )
    replay = findings_over_time(_today(), events)
    # Oldest first: before any change T1 had no A (and L1 as a second R), T2 had two As and no R.
    assert replay["findings"].tolist() == [3, 2, 1, 0]
    assert replay.iloc[0][["gaps", "overlaps", "no_responsible"]].tolist() == [1, 1, 1]
    assert replay["at"].is_monotonic_increasing


def test_the_replay_stops_at_the_newest_import() -> None:
    events = _events(
        [
            ("2026-10-03 10:00:00", "change", "T1/L1", "R -> A"),
            ("2026-10-02 10:00:00", "import", "ownership.csv", "ownership.csv: 1 updated"),
            ("2026-10-01 10:00:00", "change", "T2/L1", "C -> A"),
        ]
    )
    replay = findings_over_time(_today(), events)
    assert len(replay) == 2
    assert replay["findings"].tolist() == [1, 0]


def test_no_events_no_replay() -> None:
    assert findings_over_time(_today(), _events([])).empty
