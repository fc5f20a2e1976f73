"""The Overview's figures: tiles, region rows, the tests shown together and the one target rule, by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from cxdash import present
from cxdash.overview import Kpi, Thresholds, adjust_family, kpi_tiles, region_nps

SEP, OCT, NOV = date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)
TH = Thresholds()
NO_TARGETS = pd.DataFrame(columns=["metric", "region", "value"])
NO_RETENTION = pd.DataFrame(columns=["month", "region", "customers_start", "customers_end", "new_customers"])


def _month(month: date, p: int, pa: int, d: int, csat: tuple[int, int] = (0, 0), ces: tuple[int, int, int] = (0, 0, 0)):  # type: ignore[no-untyped-def]
    return {
        "month": month, "n": p + pa + d, "promoters": p, "passives": pa, "detractors": d,
        "csat_n": csat[0], "csat_top2": csat[1], "ces_n": ces[0], "ces_sum": ces[1], "ces_sumsq": ces[2],
    }  # fmt: skip


def _tiles(
    rows: list[dict[str, object]],
    month: date = OCT,
    targets: pd.DataFrame = NO_TARGETS,
    retention: pd.DataFrame = NO_RETENTION,
) -> dict[str, Kpi]:
    return {k.key: k for k in kpi_tiles(pd.DataFrame(rows), retention, targets, month, TH)}


def test_the_first_month_with_data_has_no_comparison() -> None:
    tiles = _tiles([_month(OCT, 50, 30, 20, (100, 80), (4, 20, 104))])
    assert all(k.previous is None and k.delta is None for k in tiles.values())
    assert present.tile(tiles["responses"], "Sep").delta is None


def test_a_month_after_data_compares_responses() -> None:
    tiles = _tiles([_month(SEP, 40, 30, 30), _month(OCT, 50, 30, 20)])
    assert tiles["responses"].delta == 0.0 and tiles["nps"].delta == pytest.approx(20.0)


def test_csat_and_ces_changes_are_tested() -> None:
    # CSAT 80/100 → 70/100: pooled z, p = 0.10247 (tests/metrics/test_change.py)
    # CES 20 × 4 and 20 × 6 (sum 200, squares 1040) → 20 × 5 and 20 × 7 (sum 240, squares 1480):
    # s² = 40/39 on both sides, se = √(2 · (40/39) / 40) = 0.226455, t = 1 / 0.226455 = 4.41588, df = 78
    rows = [_month(SEP, 40, 30, 30, (100, 80), (40, 200, 1040)), _month(OCT, 40, 30, 30, (100, 70), (40, 240, 1480))]
    tiles = _tiles(rows)
    assert tiles["csat"].p_value == pytest.approx(0.10247, abs=1e-5)
    assert tiles["csat"].test == "two-proportion z test"
    assert tiles["ces"].p_value == pytest.approx(3.2e-5, abs=2e-6) and tiles["ces"].test == "Welch's t test"


def test_a_suppressed_ces_shows_no_value_and_makes_no_claim() -> None:
    rows = [_month(SEP, 40, 30, 30, ces=(4, 20, 104)), _month(OCT, 40, 30, 30, ces=(4, 24, 146))]
    ces = _tiles(rows)["ces"]
    assert ces.sample == "suppressed" and ces.p_value is None and ces.value is None


def test_a_degenerate_nps_change_is_undefined_not_within_noise() -> None:
    # all 40 promoters → all 40 passives: −100 points with no spread in either month
    tiles = _tiles([_month(SEP, 40, 0, 0), _month(OCT, 0, 40, 0)])
    kpis, _ = adjust_family(
        list(tiles.values()),
        region_nps(pd.DataFrame(columns=["month", "region"]), pd.DataFrame({"region": []}), OCT, TH),
    )
    nps = kpis[0]
    assert nps.undefined and nps.significant is None
    note = present.tile(nps, "Sep").note
    assert "the change test is undefined" in note and "noise" not in note and "tell apart" not in note


def test_retention_reads_the_same_against_target_as_printed() -> None:
    # (1000 − 15.5)/1000 would be 98.45%: printed 98.5% against a 98.5% target is on target, with no "−0.0 pp"
    retention = pd.DataFrame(
        [{"month": OCT, "region": "A", "customers_start": 2000, "customers_end": 2000, "new_customers": 31}]
    )
    targets = pd.DataFrame([{"metric": "retention", "region": None, "value": 0.985}])
    kpi = _tiles([_month(OCT, 50, 30, 20)], targets=targets, retention=retention)["retention"]
    assert kpi.value == pytest.approx(0.9845) and kpi.status == "on"
    assert "target 98.5%: on target" in present.tile(kpi, "Sep").note
    assert "0.0 pp" not in present.tile(kpi, "Sep").note


def test_company_nps_below_target_with_its_interval_reaching_it_is_at_risk() -> None:
    # 300 answers, NPS 33.3, adjusted-Wald CI [24.6, 41.4]: a target of 38 is inside the interval
    targets = pd.DataFrame([{"metric": "nps", "region": None, "value": 38.0}])
    kpi = _tiles([_month(OCT, 150, 100, 50)], targets=targets)["nps"]
    assert kpi.status == "at risk"
    assert "target 38.0: at risk (-4.7 pts)" in present.tile(kpi, "Sep").note


def _regions(targets: pd.DataFrame) -> pd.DataFrame:
    by_region = pd.DataFrame(
        [
            _month(SEP, 150, 100, 50) | {"region": "A"},
            _month(OCT, 100, 100, 100) | {"region": "A"},
            _month(SEP, 2, 1, 0) | {"region": "B"},
            _month(OCT, 150, 100, 50) | {"region": "B"},
            _month(OCT, 2, 1, 0) | {"region": "C"},
        ]
    )
    return region_nps(by_region, pd.DataFrame({"region": ["A", "B", "C"]}), OCT, TH, targets)


def test_a_region_without_its_own_target_is_judged_against_the_company_target_labelled_so() -> None:
    targets = pd.DataFrame(
        [{"metric": "nps", "region": "A", "value": 10.0}, {"metric": "nps", "region": None, "value": 45.0}]
    )
    rows = _regions(targets).set_index("region")
    assert (rows.loc["A", "target"], rows.loc["A", "target_scope"], rows.loc["A", "status"]) == (
        10.0,
        "region",
        "below",
    )
    # B: NPS 33.3, CI [24.6, 41.4], entirely below 45
    assert (rows.loc["B", "target"], rows.loc["B", "target_scope"], rows.loc["B", "status"]) == (
        45.0,
        "company",
        "below",
    )


def test_suppressed_months_give_no_value_no_previous_and_no_change() -> None:
    rows = _regions(NO_TARGETS).set_index("region")
    assert pd.isna(rows.loc["B", "previous"]) and pd.isna(rows.loc["B", "delta"])  # September had 3 answers
    assert pd.isna(rows.loc["C", "nps"]) and pd.isna(rows.loc["C", "ci_low"]) and rows.loc["C", "n"] == 3


def test_benjamini_hochberg_runs_over_tiles_and_regions_together() -> None:
    # p = 0.042, 0.2 (tiles) and 0.3, 0.0008 (regions): BH q = 0.084, 0.2667, 0.3, 0.0032
    tiles = [
        Kpi("nps", "NPS", 30.0, 20.0, None, 500, "ok", p_value=0.042),
        Kpi("csat", "CSAT", 0.8, 0.7, None, 500, "ok", p_value=0.2),
    ]
    regions = pd.DataFrame({"region": ["A", "B"], "p_value": [0.3, 0.0008], "significant": [False, False]})
    kpis, frame = adjust_family(tiles, regions)
    assert [k.p_adjusted for k in kpis] == pytest.approx([0.084, 0.8 / 3])
    assert [k.significant for k in kpis] == [False, False]
    assert list(frame["p_adjusted"]) == pytest.approx([0.3, 0.0032])
    assert list(frame["significant"]) == [False, True]
    assert "can't tell apart from Sep (adjusted p = 0.084)" in present.tile(kpis[0], "Sep").note


def test_an_untested_figure_stays_without_a_claim() -> None:
    kpis, _ = adjust_family([Kpi("retention", "Retention", 0.9, 0.91, None, 0, "ok")], pd.DataFrame({"p_value": []}))
    assert kpis[0].significant is None and kpis[0].p_adjusted is None


def test_only_a_significant_change_is_coloured() -> None:
    quiet = Kpi("csat", "CSAT", 0.8, 0.82, None, 500, "ok", significant=False, p_value=0.32, p_adjusted=0.4)
    loud = Kpi("csat", "CSAT", 0.8, 0.9, None, 500, "ok", significant=True, p_value=0.001, p_adjusted=0.004)
    assert present.tile(quiet, "Sep").delta_color == "off"
    assert present.tile(loud, "Sep").delta_color == "normal" and present.tile(loud, "Sep").label == "CSAT ✱"
    assert "significant drop vs Sep (adjusted p = 0.004)" in present.tile(loud, "Sep").note
