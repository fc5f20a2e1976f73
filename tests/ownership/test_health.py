"""Gap, overlap and missing-Responsible detection, and the sentences that explain them."""

from __future__ import annotations

import pandas as pd

from cxdash.ownership import OwnershipHealth, explain, ownership_health
from cxdash.ownership.health import plain_list


def _map(rows: list[tuple[str, str | None, str | None]]) -> pd.DataFrame:
    """Rows of (touchpoint, leader, role) with names and stages filled in."""
    return pd.DataFrame(
        [
            {
                "touchpoint": tp,
                "touchpoint_name": f"Touchpoint {tp}",
                "stage": "Support",
                "leader": leader,
                "leader_name": None if leader is None else f"Leader {leader}",
                "role": role,
            }
            for tp, leader, role in rows
        ]
    )


def test_a_touchpoint_with_one_accountable_and_one_responsible_is_healthy() -> None:
    health = ownership_health(_map([("T1", "L1", "A"), ("T1", "L2", "R"), ("T1", "L3", "C")]))
    assert health == OwnershipHealth(gaps=(), overlaps=(), no_responsible=())
    assert health.findings == 0


def test_no_accountable_is_a_gap() -> None:
    health = ownership_health(_map([("T1", "L1", "R"), ("T1", "L2", "C")]))
    assert health.gaps == ("T1",)
    assert health.overlaps == ()


def test_two_accountables_is_an_overlap_not_a_gap() -> None:
    health = ownership_health(_map([("T1", "L1", "A"), ("T1", "L2", "A"), ("T1", "L3", "R")]))
    assert health.overlaps == ("T1",)
    assert health.gaps == ()


def test_no_responsible_is_reported_separately() -> None:
    health = ownership_health(_map([("T1", "L1", "A"), ("T1", "L2", "I")]))
    assert health.no_responsible == ("T1",)
    assert health.gaps == ()


def test_a_touchpoint_without_any_assignment_is_a_gap_and_lacks_a_responsible() -> None:
    health = ownership_health(_map([("T1", "L1", "A"), ("T1", "L2", "R"), ("T2", None, None)]))
    assert health.gaps == ("T2",)
    assert health.no_responsible == ("T2",)
    assert health.findings == 2


def test_findings_keep_journey_order() -> None:
    frame = _map([("T3", "L1", "R"), ("T1", "L1", "R"), ("T2", "L1", "A"), ("T2", "L2", "R")])
    assert ownership_health(frame).gaps == ("T3", "T1")


def test_each_finding_is_one_plain_sentence_naming_touchpoint_stage_and_leaders() -> None:
    frame = _map(
        [
            ("T1", "L1", "R"),
            ("T2", "L1", "A"),
            ("T2", "L2", "A"),
            ("T2", "L3", "R"),
            ("T3", "L1", "A"),
        ]
    )
    findings = explain(frame, ownership_health(frame))
    by_kind = {(f.kind, f.touchpoint): f.sentence for f in findings}
    assert by_kind[("gap", "T1")].startswith("Nobody is accountable for Touchpoint T1 (Support)")
    assert "Leader L1 and Leader L2 are both accountable for Touchpoint T2" in by_kind[("overlap", "T2")]
    assert by_kind[("no_responsible", "T3")].endswith("although Leader L1 answers for the result.")
    assert all(s.count(". ") == 0 and s.endswith(".") for s in by_kind.values())


def test_plain_list_reads_like_a_sentence() -> None:
    assert plain_list([]) == ""
    assert plain_list(["A"]) == "A"
    assert plain_list(["A", "B"]) == "A and B"
    assert plain_list(["A", "B", "C"]) == "A, B and C"


def test_the_sample_map_has_its_deliberate_flaws() -> None:
    from cxdash.sample.org import RACI

    frame = _map([(tp, leader, role) for tp, cells in RACI.items() for leader, role in cells])
    health = ownership_health(frame)
    assert health.gaps == ("AW_EVENT", "US_BILLING")
    assert health.overlaps == ("SU_CHAT",)
    assert health.no_responsible == ("RE_ACCOUNT",)
