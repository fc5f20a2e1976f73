"""Reporting lines: the CEO, distance from the CX leader, broken lines reported as bad data, the DOT text."""

from __future__ import annotations

import pandas as pd

from cxdash.orgchart import (
    distance_to_ceo,
    dot_text,
    find_cycles,
    org_chart,
    org_dot,
    reporting_lines,
)

TEAM = {"CEO": None, "CCO": "CEO", "COO": "CEO", "VP_SUPPORT": "COO", "HEAD_CX": "VP_SUPPORT"}


def test_reporting_lines_read_missing_managers_as_none() -> None:
    frame = pd.DataFrame({"key": ["CEO", "CCO"], "reports_to": [None, "CEO"]})
    assert reporting_lines(frame) == {"CEO": None, "CCO": "CEO"}


def test_the_ceo_is_the_leader_who_reports_to_nobody() -> None:
    chart = org_chart(TEAM)
    assert chart.ceo == "CEO"
    assert chart.problems == ()
    assert chart.order[0] == "CEO"
    assert set(chart.order) == set(TEAM)


def test_distance_counts_reporting_steps_to_the_ceo() -> None:
    assert distance_to_ceo(TEAM, "CEO", "CEO").steps == 0
    assert distance_to_ceo(TEAM, "CCO", "CEO").steps == 1
    far = distance_to_ceo(TEAM, "HEAD_CX", "CEO")
    assert far.steps == 3
    assert far.path == ("HEAD_CX", "VP_SUPPORT", "COO", "CEO")
    assert far.problem is None


def test_a_cycle_is_reported_as_bad_data_and_does_not_loop() -> None:
    lines = {**TEAM, "A": "B", "B": "C", "C": "A", "D": "A"}
    distance = distance_to_ceo(lines, "D", "CEO")
    assert distance.steps is None
    assert distance.problem is not None and "circle" in distance.problem
    assert "A → B → C → A" in distance.problem
    chart = org_chart(lines)
    assert chart.cycles == (("A", "B", "C"),)
    assert any("circle" in p for p in chart.problems)
    assert set(chart.order) == set(lines)


def test_a_cycle_with_no_ceo_at_all_is_reported() -> None:
    lines = {"A": "B", "B": "A"}
    chart = org_chart(lines)
    assert chart.ceo is None
    assert any("nobody can be identified as the CEO" in p for p in chart.problems)
    assert distance_to_ceo(lines, "A", chart.ceo).steps is None


def test_a_leader_reporting_to_themselves_is_a_cycle() -> None:
    assert find_cycles({"CEO": None, "X": "X"}) == (("X",),)


def test_each_cycle_is_listed_once() -> None:
    lines = {"A": "B", "B": "A", "C": "A", "D": "C"}
    assert find_cycles(lines) == (("A", "B"),)


def test_two_leaders_without_a_manager_is_a_problem_and_the_bigger_team_heads_the_chart() -> None:
    lines = {"CEO": None, "CCO": "CEO", "COO": "CEO", "LOST": None}
    chart = org_chart(lines)
    assert chart.ceo == "CEO"
    assert any("report to nobody" in p for p in chart.problems)
    lost = distance_to_ceo(lines, "LOST", chart.ceo)
    assert lost.steps is None and lost.problem is not None and "not the CEO" in lost.problem


def test_a_manager_outside_the_team_is_reported() -> None:
    lines = {"CEO": None, "CCO": "GHOST"}
    assert any("GHOST" in p for p in org_chart(lines).problems)
    assert distance_to_ceo(lines, "CCO", "CEO").steps is None
    assert distance_to_ceo(lines, "NOBODY", "CEO").problem == "NOBODY is not in the leadership team."


def _leaders() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "key": list(TEAM),
            "name": ["Chief Executive Officer", 'Chief "Customer" Officer', "COO", "VP Support", "Head \\n of CX"],
            "reports_to": list(TEAM.values()),
        }
    )


def test_dot_highlights_the_cx_leader_their_line_and_accountable_leaders() -> None:
    chart = org_chart(TEAM)
    distance = distance_to_ceo(TEAM, "CCO", "CEO")
    dot = org_dot(_leaders(), chart, cx_owner="CCO", accountable={"CCO": 7, "VP_SUPPORT": 1}, distance=distance)
    assert dot.startswith("digraph org {") and dot.endswith("}")
    cco = next(line for line in dot.splitlines() if "Customer" in line)
    assert "CX leader · 1 step to CEO" in cco and 'fillcolor="#0072B2"' in cco
    assert "accountable for 7 touchpoints" in cco
    support = next(line for line in dot.splitlines() if "VP Support" in line)
    assert 'accountable for 1 touchpoint"' in support
    assert dot.count("penwidth=3") == 1
    assert dot.count("->") == len(TEAM) - 1


def test_dot_labels_are_plain_text() -> None:
    assert dot_text('Chief "Customer" Officer') == 'Chief \\"Customer\\" Officer'
    assert dot_text("Head \\n of\nCX") == "Head \\\\n of CX"
    dot = org_dot(_leaders(), org_chart(TEAM), cx_owner=None, accountable={}, distance=None)
    assert 'label="Chief \\"Customer\\" Officer"' in dot
    assert 'label="Head \\\\n of CX"' in dot


def test_dot_of_a_cycle_still_draws_every_leader() -> None:
    lines = {"A": "B", "B": "A"}
    leaders = pd.DataFrame({"key": ["A", "B"], "name": ["A", "B"], "reports_to": ["B", "A"]})
    dot = org_dot(leaders, org_chart(lines), cx_owner="A", accountable={}, distance=distance_to_ceo(lines, "A", None))
    assert dot.count("label=") == 2
    assert dot.count("->") == 2
