"""The capacity test's bookkeeping (cxdash/bench/load.py): the users' plans are bounded and repeatable, the
percentiles are the nearest-rank ones, and the verdict holds only when every page is within the budget."""

from __future__ import annotations

import itertools

import pytest

from cxdash.bench.load import (
    BUDGET_P95_S,
    BUDGET_USERS,
    MAX_RUNS,
    SIGN_IN,
    Level,
    met,
    percentile,
    session_plan,
    table,
    verdict,
)

FILTERS: dict[str, str | None] = {"overview": "Month", "regions": "To", "actions": None}


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5), ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10),
     ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9), (list(range(1, 101)), 95, 95), ([0.3], 95, 0.3),
     ([5, 1, 3], 50, 3), ([5, 1, 3], 100, 5)],
)  # fmt: skip
def test_percentile_is_the_nearest_rank(values: list[float], q: float, expected: float) -> None:
    assert percentile(values, q) == expected


@pytest.mark.parametrize(("values", "q"), [([], 50), ([1.0], 0), ([1.0], 101)])
def test_percentile_refuses_what_has_none(values: list[float], q: float) -> None:
    with pytest.raises(ValueError):
        percentile(values, q)


def test_a_plan_has_the_asked_number_of_clicks_and_the_same_seed_gives_the_same_plan() -> None:
    plan = session_plan(FILTERS, runs=12, think_s=5.0, seed=7)
    assert len(plan) == 12
    assert plan == session_plan(FILTERS, runs=12, think_s=5.0, seed=7)
    assert plan != session_plan(FILTERS, runs=12, think_s=5.0, seed=8)
    assert all(2.5 <= step.think_s <= 7.5 for step in plan)


def test_a_filter_is_changed_only_on_the_page_just_opened_and_only_where_the_page_has_one() -> None:
    plan = session_plan(FILTERS, runs=MAX_RUNS, think_s=0.0, seed=3)
    for before, step in itertools.pairwise(plan):
        if step.label is not None:
            assert before.label is None and before.page == step.page and FILTERS[step.page] == step.label
        else:
            assert step.page != before.page  # a switch goes to another page
    assert plan[0].label is None
    assert {s.page for s in plan} == set(FILTERS) and any(s.label for s in plan)


@pytest.mark.parametrize("runs", [0, MAX_RUNS + 1])
def test_a_plan_is_bounded(runs: int) -> None:
    with pytest.raises(ValueError, match="runs per session"):
        session_plan(FILTERS, runs=runs, think_s=1.0, seed=0)


def _level(users: int, slowest: float, *, errors: int = 0, done: int = 20) -> Level:
    times = {"overview": [0.2] * 9 + [slowest], "regions": [0.4] * 10, SIGN_IN: [9.0]}
    return Level(users, times, done=done, planned=20, errors=errors, load_average=3.0)


def test_the_budget_is_met_only_when_every_page_p95_is_within_it_and_every_run_happened() -> None:
    assert met(_level(BUDGET_USERS, slowest=1.9))  # of 10 values the 10th is p95; sign-in is not budgeted
    assert not met(_level(BUDGET_USERS, slowest=BUDGET_P95_S + 0.1))
    assert not met(_level(BUDGET_USERS, slowest=0.2, errors=1))
    assert not met(_level(BUDGET_USERS, slowest=0.2, done=19))


def test_the_table_shows_every_page_and_level_and_the_verdict_names_the_budget() -> None:
    levels = [_level(1, 0.3), _level(BUDGET_USERS, 3.0), _level(40, 9.0)]
    text = table(levels)
    assert "| page run, p50 / p95 s | 1 user | 20 users | 40 users |" in text
    assert "| overview | 0.20 / 0.30 | 0.20 / 3.00 | 0.20 / 9.00 |" in text
    assert "| sign-in | 9.00 / 9.00 |" in text and "| page runs done / planned | 20 / 20 |" in text
    assert "| every page p95 ≤ 2 s | met | missed | — |" in text
    assert verdict(levels).startswith("MISSED: 20 users, slowest page p95 3.00 s (budget 2 s)")
    assert verdict([_level(1, 0.3)]).startswith("budget not measured")
