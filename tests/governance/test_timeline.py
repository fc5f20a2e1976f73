"""The model in force per region and month, its spans and its switches."""

from __future__ import annotations

from datetime import date

import pandas as pd

from cxdash.governance import model_by_month, model_spans, switches

JAN, FEB, MAR, APR = (date(2026, m, 1) for m in (1, 2, 3, 4))


def _changes(*rows: tuple[str, str, date]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["region", "model", "effective_from"])
    return frame.assign(change_id=range(1, len(rows) + 1))


def test_a_change_on_the_first_of_a_month_applies_to_that_month() -> None:
    timeline = model_by_month(_changes(("A", "hybrid", JAN), ("A", "centralized", MAR)), ["A"], [JAN, FEB, MAR, APR])
    assert list(timeline["model"]) == ["hybrid", "hybrid", "centralized", "centralized"]


def test_a_change_after_the_first_applies_from_the_next_month() -> None:
    timeline = model_by_month(
        _changes(("A", "hybrid", JAN), ("A", "centralized", date(2026, 2, 15))), ["A"], [FEB, MAR]
    )
    assert list(timeline["model"]) == ["hybrid", "centralized"]


def test_months_before_any_change_have_no_model() -> None:
    timeline = model_by_month(_changes(("A", "hybrid", FEB)), ["A", "B"], [JAN, FEB])
    assert timeline["model"].notna().tolist() == [False, True, False, False]
    assert timeline["model"].iloc[1] == "hybrid"


def test_spans_join_consecutive_months_and_end_the_month_after() -> None:
    timeline = model_by_month(_changes(("A", "decentralized", JAN), ("A", "hybrid", MAR)), ["A"], [JAN, FEB, MAR, APR])
    spans = model_spans(timeline)
    assert spans.to_dict("records") == [
        {"region": "A", "model": "decentralized", "start": JAN, "end": MAR, "months": 2},
        {"region": "A", "model": "hybrid", "start": MAR, "end": date(2026, 5, 1), "months": 2},
    ]


def test_spans_break_at_a_gap_in_the_months() -> None:
    timeline = model_by_month(_changes(("A", "hybrid", JAN)), ["A"], [JAN, MAR])
    assert list(model_spans(timeline)["months"]) == [1, 1]


def test_switches_name_the_month_and_both_models() -> None:
    changes = _changes(("A", "decentralized", JAN), ("A", "hybrid", MAR), ("B", "centralized", JAN))
    found = switches(model_by_month(changes, ["A", "B"], [JAN, FEB, MAR, APR]))
    assert found.to_dict("records") == [
        {"region": "A", "month": MAR, "from_model": "decentralized", "to_model": "hybrid"}
    ]


def test_a_first_recorded_model_is_not_a_switch() -> None:
    found = switches(model_by_month(_changes(("A", "hybrid", FEB)), ["A"], [JAN, FEB, MAR]))
    assert found.empty
