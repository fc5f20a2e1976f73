"""Touchpoint and journey-stage breakdown for one region against the rest of the company, by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.overview import Thresholds
from cxdash.regions import stage_breakdown, touchpoint_breakdown

TH = Thresholds(low=30, suppress=5)
TOUCHPOINTS = pd.DataFrame(
    {
        "touchpoint": ["SU_CHAT", "AW_WEB", "SU_PHONE"],
        "touchpoint_name": ["Chat", "Website", "Phone"],
        "stage": ["Support", "Awareness", "Support"],
        "position": [3, 1, 4],
    }
)
# A: Website (20, 5, 5) NPS 50; Chat (4, 2, 4) n = 10 NPS 0; Phone: nothing.
# Rest (B): Website (10, 10, 10) NPS 0; Chat (10, 10, 10); Phone (5, 0, 5).
COUNTS = pd.DataFrame(
    [
        ("A", "AW_WEB", 20, 5, 5),
        ("A", "SU_CHAT", 4, 2, 4),
        ("B", "AW_WEB", 10, 10, 10),
        ("B", "SU_CHAT", 10, 10, 10),
        ("B", "SU_PHONE", 5, 0, 5),
    ],
    columns=["region", "touchpoint", "promoters", "passives", "detractors"],
).assign(n=lambda f: f["promoters"] + f["passives"] + f["detractors"])


def test_touchpoints_come_in_journey_order_with_their_stage() -> None:
    table = touchpoint_breakdown(COUNTS, TOUCHPOINTS, "A", TH)
    assert table["touchpoint"].tolist() == ["AW_WEB", "SU_CHAT", "SU_PHONE"]
    assert table["label"].tolist() == ["Awareness · Website", "Support · Chat", "Support · Phone"]


def test_a_touchpoint_gap_to_the_rest_of_the_company_is_tested() -> None:
    web = touchpoint_breakdown(COUNTS, TOUCHPOINTS, "A", TH).iloc[0]
    # A 50 (n = 30) vs rest 0 (n = 30): var 0.8333 − 0.25 = 0.5833 and 0.6667;
    # se = √(0.5833/30 + 0.6667/30) = 0.2041; z = 0.5/0.2041 = 2.449; p = 0.0143.
    assert web["nps"] == pytest.approx(50.0) and web["rest_nps"] == pytest.approx(0.0)
    assert web["gap"] == pytest.approx(50.0)
    assert web["p_value"] == pytest.approx(0.0143, abs=1e-4)
    assert web["significant"] is True


def test_low_and_empty_touchpoints_make_no_claim() -> None:
    table = touchpoint_breakdown(COUNTS, TOUCHPOINTS, "A", TH).set_index("touchpoint")
    assert table.loc["SU_CHAT", "sample"] == "low" and table.loc["SU_CHAT", "significant"] is None
    phone = table.loc["SU_PHONE"]
    assert phone["n"] == 0 and phone["sample"] == "suppressed" and pd.isna(phone["nps"])
    assert phone["note"] == "no responses"


def test_stages_pool_their_touchpoints_in_journey_order() -> None:
    stages = stage_breakdown(COUNTS, TOUCHPOINTS, "A", TH).set_index("stage")
    assert list(stages.index) == ["Awareness", "Support"]
    # Support for A = Chat + Phone = (4, 2, 4): n = 10, NPS 0; rest = (15, 10, 15): NPS 0.
    assert stages.loc["Support", "n"] == 10 and stages.loc["Support", "rest_n"] == 40
    assert stages.loc["Support", "nps"] == pytest.approx(0.0)


def test_a_region_with_no_responses_gets_every_touchpoint_with_nothing_shown() -> None:
    table = touchpoint_breakdown(COUNTS, TOUCHPOINTS, "Z", TH)
    assert len(table) == 3 and (table["n"] == 0).all() and table["nps"].isna().all()
