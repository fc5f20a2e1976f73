"""Drivers: standardized coefficients of CSAT and CES on the 0–10 score, checked against a direct fit."""

import numpy as np
import pandas as pd
import pytest

from cxdash.why.drivers import driver_sentence, drivers


def _responses(n: int = 400, seed: int = 3, touchpoint: str = "X") -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    csat = rng.integers(1, 6, n)
    ces = rng.integers(1, 8, n)
    nps = np.clip(np.round(1.5 * csat + 0.1 * ces + rng.normal(0, 1.2, n)), 0, 10).astype(int)
    return pd.DataFrame({"touchpoint": touchpoint, "nps": nps, "csat": csat, "ces": ces})


def test_coefficients_match_a_standardized_least_squares_fit() -> None:
    frame = _responses()
    table = drivers(frame).set_index(["touchpoint", "driver"])
    z = (frame[["nps", "csat", "ces"]] - frame[["nps", "csat", "ces"]].mean()) / frame[["nps", "csat", "ces"]].std()
    design = np.column_stack([np.ones(len(z)), z["csat"], z["ces"]])
    beta = np.linalg.lstsq(design, z["nps"].to_numpy(), rcond=None)[0]
    assert table.loc[("all", "csat"), "beta"] == pytest.approx(beta[1])
    assert table.loc[("all", "ces"), "beta"] == pytest.approx(beta[2])
    assert table.loc[("all", "csat"), "ci_low"] < beta[1] < table.loc[("all", "csat"), "ci_high"]


def test_verdicts_in_words_after_the_multiple_testing_control() -> None:
    table = drivers(_responses()).set_index(["touchpoint", "driver"])
    assert table.loc[("all", "csat"), "verdict"] == "goes strongly with more willingness to recommend"
    assert table.loc[("all", "ces"), "verdict"] == "no clear link"


def test_a_touchpoint_needs_thirty_responses_with_both_ratings() -> None:
    frame = pd.concat([_responses(), _responses(n=20, touchpoint="SMALL")])
    assert "SMALL" not in set(drivers(frame)["touchpoint"])
    missing = _responses().assign(ces=None)
    assert drivers(missing).empty


def test_the_sentence_says_association_not_cause() -> None:
    sentence = driver_sentence(drivers(_responses()), "DACH")
    assert sentence is not None and sentence.startswith("In DACH, across 400 responses")
    assert sentence.endswith("association, not cause.")
