"""The RACI matrix: journey order, org order, filters, row health, labels that never merge two rows."""

from __future__ import annotations

import pandas as pd

from cxdash.ownership import ownership_health
from cxdash.ownership.matrix import accountable_by_touchpoint, raci_matrix, row_status, unique_labels

ROWS = [
    ("AW_WEB", "Website visit", "Awareness", "CMO", "A"),
    ("AW_WEB", "Website visit", "Awareness", "DIG", "R"),
    ("SU_CHAT", "Chat support", "Support", "CCO", "A"),
    ("SU_CHAT", "Chat support", "Support", "VPS", "A"),
    ("SU_CHAT", "Chat support", "Support", "DIG", "R"),
    ("RE_NEW", "Renewal", "Renewal", None, None),
]
ORDER = ("CEO", "CCO", "CMO", "DIG", "VPS")


def _assignments() -> pd.DataFrame:
    frame = pd.DataFrame(ROWS, columns=["touchpoint", "touchpoint_name", "stage", "leader", "role"])
    return frame.assign(leader_name=frame["leader"].map(lambda k: None if k is None else f"Leader {k}"))


def _leaders() -> pd.DataFrame:
    return pd.DataFrame({"key": list(ORDER), "title": ["CEO", "CCO", "CMO", "Digital", "VP Support"]})


def _matrix(**filters: tuple[str, ...]):  # type: ignore[no-untyped-def]
    frame = _assignments()
    return raci_matrix(frame, _leaders(), ORDER, ownership_health(frame), **filters)


def test_rows_follow_the_journey_and_columns_the_org_chart() -> None:
    matrix = _matrix()
    assert matrix.rows == ["Website visit", "Chat support", "Renewal"]
    assert matrix.columns == ["CCO", "CMO", "Digital", "VP Support"]
    assert len(matrix.cells) == 5


def test_a_touchpoint_nobody_holds_still_gets_a_row_and_a_status() -> None:
    matrix = _matrix()
    status = dict(zip(matrix.status["row"], matrix.status["status"], strict=True))
    assert status == {
        "Website visit": "ok",
        "Chat support": "2+ Accountable",
        "Renewal": "no Accountable · no Responsible",
    }


def test_stage_filter_keeps_only_those_rows() -> None:
    matrix = _matrix(stages=("Support",))
    assert matrix.rows == ["Chat support"]
    assert set(matrix.cells["touchpoint"]) == {"SU_CHAT"}


def test_leader_filter_keeps_those_columns_in_org_order_and_the_rows_they_hold_a_role_on() -> None:
    matrix = _matrix(only_leaders=("VPS", "CCO"))
    assert matrix.columns == ["CCO", "VP Support"]
    assert set(matrix.cells["leader"]) == {"CCO", "VPS"}
    assert matrix.rows == ["Chat support"]


def test_the_input_frame_is_not_changed() -> None:
    frame = _assignments()
    before = frame.copy()
    raci_matrix(frame, _leaders(), ORDER, ownership_health(frame))
    pd.testing.assert_frame_equal(frame, before)


def test_duplicate_labels_get_their_code() -> None:
    assert unique_labels(["Chat", "Chat", "Phone"], ["C1", "C2", "P"]) == ["Chat (C1)", "Chat (C2)", "Phone"]


def test_row_status_for_a_healthy_row_is_ok() -> None:
    assert row_status("AW_WEB", ownership_health(_assignments())) == "ok"


def test_accountable_by_touchpoint_lists_every_owner() -> None:
    assert accountable_by_touchpoint(_assignments()) == {"AW_WEB": ("CMO",), "SU_CHAT": ("CCO", "VPS")}
