"""One verdict per pair of models, region by region, on datasets where the answer is known."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from scipy import stats

from cxdash.governance import model_pair_verdicts, p_text, with_models
from cxdash.metrics import nps_change, nps_from_counts
from cxdash.overview import Thresholds
from tests.governance.builders import M1, M2, cell, timeline

TH = Thresholds()
C, H, D = "centralized", "hybrid", "decentralized"
# 1,000 responses each: NPS 0, 20, 40 and 60.
NPS_0, NPS_20, NPS_40, NPS_60 = (300, 400, 300), (400, 400, 200), (500, 400, 100), (600, 400, 0)


def _frame(*rows: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def test_pooled_and_region_level_answers_disagree_and_the_region_level_one_is_the_verdict() -> None:
    # Decentralized regions 0 and 40 (pooled 20), centralized 20 and 60 (pooled 40), 1,000 responses each.
    cells = _frame(
        cell("D1", M1, NPS_0, model=D), cell("D2", M1, NPS_40, model=D),
        cell("C1", M1, NPS_20, model=C), cell("C2", M1, NPS_60, model=C),
    )  # fmt: skip
    pooled = nps_change(nps_from_counts(800, 800, 400), nps_from_counts(1000, 800, 200))
    assert pooled.delta == pytest.approx(20.0) and pooled.p_value is not None and pooled.p_value < 0.001
    (pair,) = model_pair_verdicts(cells, TH)
    # Region level: +20 with residuals ±20 a side, CR1 variance 4/2 × (800/4 + 800/4) = 800, t with 3 df.
    se = math.sqrt(800.0)
    assert (pair.first, pair.second, pair.regions) == (C, D, 4)
    assert pair.difference.value == pytest.approx(20.0)
    assert pair.p_adjusted == pytest.approx(2 * stats.t.sf(20.0 / se, 3))
    assert not pair.distinguishable and pair.headline == "cannot tell apart with 4 regions"
    assert pair.verdict.startswith("Cannot tell centralized and decentralized apart with 4 regions")
    assert "p < 0.001" not in pair.verdict


def test_models_apart_in_every_region_are_told_apart() -> None:
    cells = _frame(
        cell("D1", M1, NPS_0, model=D), cell("D2", M1, (304, 400, 296), model=D),
        cell("C1", M1, NPS_40, model=C), cell("C2", M1, (504, 400, 96), model=C),
    )  # fmt: skip
    (pair,) = model_pair_verdicts(cells, TH)
    assert pair.difference.value == pytest.approx(40.0) and pair.p_adjusted is not None and pair.p_adjusted < 0.05
    assert pair.distinguishable and pair.rests_on == ()
    assert pair.headline == "centralized higher, holds region by region"
    assert "Centralized regions score 40.0 NPS points higher than decentralized regions" in pair.verdict
    assert "4 regions" in pair.verdict and "not proof that the model causes it" in pair.verdict


def test_a_switched_region_counts_once_in_the_comparison() -> None:
    raw = _frame(
        cell("S", M1, NPS_0), cell("S", M2, NPS_40), cell("D1", M1, NPS_20), cell("D1", M2, NPS_20),
        cell("C1", M1, NPS_60), cell("C1", M2, NPS_60),
    )  # fmt: skip
    tagged = with_models(raw, timeline({"S": [D, C], "D1": [D, D], "C1": [C, C]}, [M1, M2]))
    (pair,) = model_pair_verdicts(tagged, TH)
    assert pair.regions == 3 and pair.switched == ("S",)
    assert pair.regions_first == ("C1", "S") and pair.regions_second == ("D1", "S")
    assert "S ran both models and counts once, under the model in force each month." in pair.verdict
    assert "(3 regions;" in pair.verdict


def test_one_region_under_a_model_cannot_be_told_apart() -> None:
    cells = _frame(cell("D1", M1, NPS_0, model=D), cell("C1", M1, NPS_40, model=C), cell("C2", M1, NPS_60, model=C))
    (pair,) = model_pair_verdicts(cells, TH)
    assert pair.p_adjusted is None and not pair.distinguishable
    assert "only one region ran decentralized in this period (D1)" in pair.verdict


def test_p_values_are_adjusted_across_the_pairs_shown_together() -> None:
    cells = _frame(
        cell("D1", M1, NPS_0, model=D), cell("D2", M1, (304, 400, 296), model=D),
        cell("H1", M1, NPS_20, model=H), cell("H2", M1, (404, 400, 196), model=H),
        cell("C1", M1, NPS_40, model=C), cell("C2", M1, (504, 400, 96), model=C),
    )  # fmt: skip
    pairs = model_pair_verdicts(cells, TH)
    assert [(p.first, p.second) for p in pairs] == [(C, H), (C, D), (H, D)]
    raw = [p.difference.p_value for p in pairs]
    assert raw[0] == pytest.approx(raw[2])
    # Benjamini–Hochberg: the two tied largest p keep rank 3 (× 3/3); the smallest is × 3, capped by them.
    assert pairs[1].p_adjusted == pytest.approx(min(3 * raw[1], raw[0]))
    assert pairs[0].p_adjusted == pytest.approx(raw[0]) and pairs[2].p_adjusted == pytest.approx(raw[0])
    assert "after correcting for 3 comparisons" in pairs[0].verdict


def test_a_gap_carried_by_one_region_names_it() -> None:
    cells = _frame(
        cell("D1", M1, NPS_40, model=D), cell("D2", M1, (450, 400, 150), model=D),
        cell("C1", M1, (1000, 0, 0), model=C), cell("C2", M1, NPS_0, model=C),
    )  # fmt: skip
    (pair,) = model_pair_verdicts(cells, TH)
    # Centralized 100 and 0 (mean 50) vs 40 and 30 (35): without C1 centralized is 0, below decentralized.
    assert pair.difference.value == pytest.approx(15.0) and pair.rests_on == ("C1",)


def test_p_text_never_prints_zero() -> None:
    assert p_text(0.0004) == "p < 0.001" and p_text(0.0123) == "p = 0.012" and p_text(None) == "no test possible"
