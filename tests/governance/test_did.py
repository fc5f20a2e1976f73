"""Difference-in-differences with placebo inference, on datasets where the answer is known."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest
from scipy import stats

from cxdash.governance import switch_effects, switch_verdict
from cxdash.governance.did import DID_COLUMNS
from cxdash.overview import Thresholds
from tests.governance.builders import cell, customers, timeline

TH = Thresholds()
MONTHS = [date(2026, m, 1) for m in range(1, 7)]
D, C, H = "decentralized", "centralized", "hybrid"
SWITCH = {"S": [D] * 3 + [C] * 3}
KEPT = {"C1": [H] * 6, "C2": [H] * 6, "C3": [H] * 6}
# Monthly NPS (100 responses each): S −4, 4, 0 then 16, 24, 20; controls 10/12/8 before, 15/14/16 after.
NPS = {"S": [-4, 4, 0, 16, 24, 20], "C1": [10] * 3 + [15] * 3, "C2": [12] * 3 + [14] * 3, "C3": [8] * 3 + [16] * 3}


def _counts(nps: dict[str, list[int]] = NPS) -> pd.DataFrame:
    return pd.DataFrame(
        [cell(r, m, (30 + x, 40 - x, 30)) for r, xs in nps.items() for m, x in zip(MONTHS, xs, strict=True)]
    )


def _customers() -> pd.DataFrame:
    """S keeps 90% a month before and 95% after; the controls keep 97% throughout."""
    rows = [customers("S", m, 1000, 950 if i < 3 else 1000, 50) for i, m in enumerate(MONTHS)]
    rows += [customers(r, m, 1000, 990, 20) for r in KEPT for m in MONTHS]
    return pd.DataFrame(rows)


def _effects(
    models: dict[str, list[str]], counts: pd.DataFrame | None = None, history: pd.DataFrame | None = None, **kw: int
) -> pd.DataFrame:
    window = timeline(models, MONTHS[-len(next(iter(models.values()))) :])
    counts = _counts() if counts is None else counts
    return switch_effects(counts, _customers(), window, window if history is None else history, TH, **kw)


def test_the_switchers_change_net_of_the_others_change() -> None:
    (row,) = _effects(SWITCH | KEPT).to_dict("records")
    assert (row["region"], row["from_model"], row["to_model"], row["switch_month"]) == ("S", D, C, MONTHS[3])
    assert (row["months_before"], row["months_after"], row["control_regions"]) == (3, 3, "C1, C2, C3")
    assert (row["nps_before"], row["nps_after"]) == pytest.approx((0.0, 20.0))
    assert (row["control_nps_before"], row["control_nps_after"]) == pytest.approx((10.0, 15.0))
    assert row["did_nps"] == pytest.approx(15.0)
    assert row["did_retention"] == pytest.approx(0.05)


def test_the_placebo_p_is_at_its_floor_when_no_control_moved_as_much() -> None:
    # Placebos: C1 5 − 5 = 0, C2 2 − 6.5 = −4.5, C3 8 − 3.5 = +4.5; none reaches 15, so p = 1/(3 + 1).
    row = _effects(SWITCH | KEPT).iloc[0]
    assert row["controls"] == 3 and row["placebo_larger"] == 0
    assert row["placebo_p"] == pytest.approx(0.25) and row["placebo_floor"] == pytest.approx(0.25)
    assert not row["significant"]
    sentence = switch_verdict(row.to_dict())
    assert "p = 0.250, the smallest possible with 3 comparison regions: 1/4 = 0.250" in sentence
    assert "Suggestive, not proof" in sentence


def test_a_placebo_as_large_as_the_effect_raises_p() -> None:
    nps = NPS | {"C3": [8] * 3 + [40] * 3}
    row = _effects(SWITCH | KEPT, counts=_counts(nps)).iloc[0]
    assert row["placebo_larger"] >= 1 and row["placebo_p"] >= 0.5
    assert "the data cannot tell whether the switch made a difference" in switch_verdict(row.to_dict())


def test_three_months_a_side_give_a_reproducible_interval() -> None:
    first, again = _effects(SWITCH | KEPT), _effects(SWITCH | KEPT)
    pd.testing.assert_frame_equal(first, again)
    row = first.iloc[0]
    assert row["did_nps_low"] <= 15.0 <= row["did_nps_high"] and not row["no_interval"]
    other = _effects(SWITCH | KEPT, seed=1, draws=40).iloc[0]
    assert (other["did_nps_low"], other["did_nps_high"]) != (row["did_nps_low"], row["did_nps_high"])


def test_the_pre_trend_is_the_slope_of_the_gap_before_the_switch() -> None:
    # Gap S − controls before: −14, −6, −10: slope 2 a month, SSE 24 on 1 degree of freedom, se √12.
    row = _effects(SWITCH | KEPT).iloc[0]
    assert row["pretrend_slope"] == pytest.approx(2.0)
    assert row["pretrend_p"] == pytest.approx(2 * stats.t.sf(2.0 / math.sqrt(12.0), 1))
    assert "held steady (+2.0 points a month, p = 0.667)" in switch_verdict(row.to_dict())


def test_two_months_before_the_switch_give_an_estimate_but_no_interval() -> None:
    models = {"S": [D] * 2 + [C] * 3, **{r: [H] * 5 for r in KEPT}}
    row = _effects(models).iloc[0]
    assert row["months_before"] == 2 and row["no_interval"] and row["did_nps"] is not None
    assert pd.isna(row["did_nps_low"]) and pd.isna(row["did_retention_low"]) and pd.isna(row["pretrend_slope"])
    sentence = switch_verdict(row.to_dict())
    assert "only 2 month(s) before and 3 after" in sentence and "at least 3 on each side" in sentence


def test_a_region_that_switched_at_the_start_of_the_window_is_no_control() -> None:
    window = {"S": [D] * 2 + [C] * 3, **{r: [H] * 5 for r in KEPT}}
    history = timeline(SWITCH | KEPT | {"C3": [D] + [H] * 5}, MONTHS)
    row = _effects(window, history=history).iloc[0]
    assert row["control_regions"] == "C1, C2" and row["controls"] == 2


def test_two_switchers_are_never_each_others_control() -> None:
    models = SWITCH | KEPT | {"T": [H] * 2 + [C] * 4}
    effects = _effects(models, counts=_counts(NPS | {"T": [5] * 6}))
    assert list(effects["region"]) == ["S", "T"]
    assert set(effects["control_regions"]) == {"C1, C2, C3"}


def test_a_period_with_no_switchers_has_no_effects() -> None:
    effects = _effects({"S": [D] * 6} | KEPT)
    assert effects.empty and list(effects.columns) == DID_COLUMNS


def test_without_regions_that_kept_their_model_there_is_no_difference_in_differences() -> None:
    flipped = {r: [H] * 3 + [C] * 3 for r in KEPT}
    row = _effects(SWITCH | flipped).set_index("region").loc["S"]
    assert row["control_regions"] == "" and pd.isna(row["did_nps"]) and pd.isna(row["placebo_p"])
    assert "nothing to compare it with" in switch_verdict(row.to_dict() | {"region": "S"})


def test_a_switcher_with_too_few_responses_hides_its_nps() -> None:
    tiny = _counts()
    tiny = pd.concat([tiny[tiny["region"] != "S"], pd.DataFrame([cell("S", m, (1, 0, 0)) for m in MONTHS])])
    row = _effects(SWITCH | KEPT, counts=tiny).iloc[0]
    assert row["sample"] == "suppressed" and row["n_before"] == 3
    assert pd.isna(row["nps_before"]) and pd.isna(row["did_nps"]) and pd.isna(row["did_nps_low"])
