"""Difference-in-differences for regions that switched model, on datasets where the answer is known."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.governance import switch_effects
from cxdash.governance.did import DID_COLUMNS
from cxdash.overview import Thresholds
from tests.governance.builders import M1, M2, M3, M4, cell, customers, timeline

TH = Thresholds()
MONTHS = [M1, M2, M3, M4]
SWITCH = {"S": ["decentralized", "decentralized", "centralized", "centralized"]}
KEPT = {"C1": ["hybrid"] * 4, "C2": ["hybrid"] * 4}


def _counts() -> pd.DataFrame:
    """S: NPS -4, +4 before (pooled 0), 16, 24 after (pooled 20). Controls: 10 before, 15 after."""
    rows = [
        cell("S", M1, (38, 20, 42)),
        cell("S", M2, (42, 20, 38)),
        cell("S", M3, (48, 20, 32)),
        cell("S", M4, (52, 20, 28)),
    ]
    for region in KEPT:
        rows += [cell(region, m, (45, 20, 35)) for m in (M1, M2)]
        rows += [cell(region, m, (50, 15, 35)) for m in (M3, M4)]
    return pd.DataFrame(rows)


def _customers() -> pd.DataFrame:
    """S keeps 90% a month before and 95% after; the controls keep 97% throughout."""
    rows = [customers("S", m, 1000, 950, 50) for m in (M1, M2)]
    rows += [customers("S", m, 1000, 1000, 50) for m in (M3, M4)]
    rows += [customers(r, m, 1000, 990, 20) for r in KEPT for m in MONTHS]
    return pd.DataFrame(rows)


def _effects(models: dict[str, list[str]], counts: pd.DataFrame | None = None, **kw: int) -> pd.DataFrame:
    counts = _counts() if counts is None else counts
    return switch_effects(counts, _customers(), timeline(models, MONTHS[: len(next(iter(models.values())))]), TH, **kw)


def test_the_switchers_change_net_of_the_others_change() -> None:
    (row,) = _effects(SWITCH | KEPT).to_dict("records")
    assert (row["region"], row["from_model"], row["to_model"], row["switch_month"]) == (
        "S",
        "decentralized",
        "centralized",
        M3,
    )
    assert (row["months_before"], row["months_after"], row["control_regions"]) == (2, 2, "C1, C2")
    assert (row["nps_before"], row["nps_after"]) == pytest.approx((0.0, 20.0))
    assert (row["control_nps_before"], row["control_nps_after"]) == pytest.approx((10.0, 15.0))
    assert row["did_nps"] == pytest.approx(15.0)
    assert row["did_nps_low"] <= 15.0 <= row["did_nps_high"] and row["did_nps_low"] > 0
    assert (row["retention_before"], row["retention_after"]) == pytest.approx((0.90, 0.95))
    assert row["did_retention"] == pytest.approx(0.05)
    assert row["did_retention_low"] == pytest.approx(0.05) and row["did_retention_high"] == pytest.approx(0.05)


def test_the_interval_is_reproducible_and_depends_on_the_seed() -> None:
    first, again = _effects(SWITCH | KEPT), _effects(SWITCH | KEPT)
    pd.testing.assert_frame_equal(first, again)
    other = _effects(SWITCH | KEPT, seed=1, draws=40)
    assert other["did_nps"].iloc[0] == pytest.approx(15.0)
    assert (other["did_nps_low"].iloc[0], other["did_nps_high"].iloc[0]) != (
        first["did_nps_low"].iloc[0],
        first["did_nps_high"].iloc[0],
    )


def test_a_switchers_interval_does_not_depend_on_which_other_regions_switched() -> None:
    uneven = [(30, 20, 50), (45, 20, 35), (52, 18, 30), (61, 19, 20)]
    counts = pd.DataFrame(
        [cell("S", m, c) for m, c in zip(MONTHS, uneven, strict=True)]
        + [cell(r, m, (40 + i * k, 20, 40 - i * k)) for k, r in enumerate(KEPT, 1) for i, m in enumerate(MONTHS)]
    )
    alone = _effects(SWITCH | KEPT, counts=counts).set_index("region").loc["S"]
    mine = counts.query("region == 'S'")
    other = mine.assign(region="A2", promoters=mine["promoters"] - 5, passives=mine["passives"] + 5)
    models = SWITCH | KEPT | {"A2": ["hybrid", "hybrid", "centralized", "centralized"]}
    both = _effects(models, counts=pd.concat([counts, other])).set_index("region")
    assert list(both.index) == ["A2", "S"]
    assert (both.loc["S", "did_nps_low"], both.loc["S", "did_nps_high"]) == (
        alone["did_nps_low"],
        alone["did_nps_high"],
    )


def test_a_period_with_no_switchers_has_no_effects() -> None:
    effects = _effects({"S": ["decentralized"] * 4} | KEPT)
    assert effects.empty and list(effects.columns) == DID_COLUMNS


def test_a_switch_at_the_start_of_the_period_is_not_a_before_after() -> None:
    effects = _effects({"S": ["centralized"] * 2} | {r: ["hybrid"] * 2 for r in KEPT})
    assert effects.empty


def test_without_regions_that_kept_their_model_there_is_no_difference_in_differences() -> None:
    flipped = {r: ["hybrid", "hybrid", "centralized", "centralized"] for r in KEPT}
    effects = _effects(SWITCH | flipped)
    assert len(effects) == 3
    row = effects[effects["region"] == "S"].iloc[0]
    assert row["nps_after"] == pytest.approx(20.0) and row["control_regions"] == ""
    assert pd.isna(row["did_nps"]) and pd.isna(row["did_nps_low"]) and pd.isna(row["did_retention"])


def test_one_month_before_the_switch_gives_an_estimate_but_no_interval() -> None:
    models = {"S": ["decentralized", "centralized", "centralized", "centralized"]} | KEPT
    row = _effects(models).iloc[0]
    assert row["months_before"] == 1 and row["did_nps"] == pytest.approx((44 / 3 + 4) - (40 / 3 - 10))
    assert pd.isna(row["did_nps_low"]) and pd.isna(row["did_nps_high"])


def test_a_switch_back_ends_the_after_window() -> None:
    models = {"S": ["decentralized", "centralized", "decentralized", "decentralized"]} | KEPT
    row = _effects(models).iloc[0]
    assert (row["months_before"], row["months_after"], row["to_model"]) == (1, 1, "centralized")


def test_a_switcher_with_too_few_responses_hides_its_nps() -> None:
    tiny = _counts()
    tiny = pd.concat([tiny[tiny["region"] != "S"], pd.DataFrame([cell("S", m, (1, 1, 0)) for m in MONTHS])])
    row = _effects(SWITCH | KEPT, counts=tiny).iloc[0]
    assert row["sample"] == "suppressed" and row["n_before"] == 4
    assert pd.isna(row["nps_before"]) and pd.isna(row["did_nps"]) and pd.isna(row["did_nps_low"])
