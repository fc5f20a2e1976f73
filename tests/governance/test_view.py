"""The Governance view on the sample data: region-level verdicts, both switches, charts that carry CI and n."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from cxdash import db
from cxdash.charts import governance as charts
from cxdash.views import governance as views

FIRST, LAST, YEAR = date(2024, 11, 1), date(2026, 10, 1), date(2025, 11, 1)


def _view(url: str, start: date, end: date, over: str = "period") -> views.GovernanceView:
    engine = db.make_engine(url)
    with db.session(engine) as session:
        found = views.governance(session, start, end, over)
    engine.dispose()
    return found


@pytest.fixture
def view(sample_url: str) -> Iterator[views.GovernanceView]:
    yield _view(sample_url, FIRST, LAST)


@pytest.mark.parametrize("start", [FIRST, YEAR])
def test_no_pair_is_called_significant_unless_it_holds_region_by_region(sample_url: str, start: date) -> None:
    for pair in _view(sample_url, start, LAST).pairs:
        if pair.distinguishable:
            assert pair.p_adjusted is not None and pair.p_adjusted < 0.05 and pair.rests_on == ()
            assert min(len(pair.regions_first), len(pair.regions_second)) >= 2
        else:
            assert pair.verdict.startswith("Cannot tell")


def test_the_sample_year_cannot_tell_any_two_models_apart(sample_url: str) -> None:
    year = _view(sample_url, YEAR, LAST)
    assert [p.headline for p in year.pairs] == [
        "cannot tell apart with 7 regions",
        "cannot tell apart with 6 regions",
        "cannot tell apart with 4 regions",
    ]
    assert year.regions_note.startswith("8 regions ran a recorded model in this period. APAC ran two models")
    table = views.pairs_table(year.pairs)
    assert "p < 0.001" not in set(table["p (adjusted)"])


def test_over_two_years_centralized_beats_decentralized_region_by_region(view: views.GovernanceView) -> None:
    told = [(p.first, p.second) for p in view.pairs if p.distinguishable]
    assert told == [("centralized", "decentralized")]
    pair = view.pairs[1]
    assert pair.regions == 6 and pair.switched == ("LATAM",)
    assert pair.verdict.startswith("Centralized regions score 19.9 NPS points higher than decentralized regions")


def test_the_comparison_counts_each_region_once_and_marks_switchers(view: views.GovernanceView) -> None:
    table = views.comparison_table(view.comparison).set_index("Model")
    assert table.loc["centralized", "Regions"] == "4: LATAM (part of the period), NAE, NORDICS, UKI"
    assert table.loc["centralized", "Responses"] == "18,109"
    assert "LATAM" in view.regions_note and "every comparison counts a region once" in view.regions_note
    assert (
        view.comparison.set_index("model").loc["centralized", "touchpoint_spread"]
        < (view.comparison.set_index("model").loc["decentralized", "touchpoint_spread"])
    )


def test_both_switching_regions_get_a_before_after_with_placebo_p(view: views.GovernanceView) -> None:
    effects = view.effects.set_index("region")
    assert list(effects.index) == ["APAC", "LATAM"]
    assert "APAC" not in effects.loc["LATAM", "control_regions"]
    assert list(effects["controls"]) == [6, 6]
    assert list(effects["placebo_p"]) == pytest.approx([1 / 7, 1 / 7])
    sentences = views.effect_sentences(view.effects)
    assert all("the smallest possible with 6 comparison regions: 1/7 = 0.143" in s for s in sentences)


def test_the_default_year_refuses_an_interval_for_apac_and_never_uses_latam_as_control(sample_url: str) -> None:
    year = _view(sample_url, YEAR, LAST)
    (row,) = year.effects.to_dict("records")
    assert row["region"] == "APAC" and row["months_before"] == 2 and row["no_interval"]
    assert "LATAM" not in row["control_regions"]
    latam = "LATAM: decentralized → centralized from November 2025 (no months"
    assert any(n.startswith(latam) for n in year.switch_notes)


def test_the_whole_history_window_shows_both_switches_from_a_one_year_period(sample_url: str) -> None:
    year = _view(sample_url, YEAR, LAST, over="history")
    assert list(year.effects["region"]) == ["APAC", "LATAM"] and not year.effects["no_interval"].any()
    assert year.window == (FIRST, LAST)
    assert set(year.paths["region"]) == {"APAC", "LATAM"}


def test_an_unknown_window_is_refused(sample_url: str) -> None:
    with pytest.raises(ValueError, match="effects_over"):
        _view(sample_url, YEAR, LAST, over="forever")


def test_charts_carry_region_level_ci_and_counts(view: views.GovernanceView) -> None:
    levels = str(charts.model_levels(view.comparison, view.consistency).to_dict())
    assert "95% CI low (regions)" in levels and "Responses" in levels
    effects = charts.switch_effects(view.effects, view.region_codes).to_dict()
    assert len(effects["hconcat"]) == 2 and "p (placebo)" in str(effects)
    trends = charts.pre_trends(view.paths, view.effects).to_dict()
    assert trends["facet"]["row"]["field"] == "region"


def test_the_consistency_chart_marks_a_low_sample_once_by_colour(view: views.GovernanceView) -> None:
    spec = charts.level_vs_spread(view.consistency).to_dict()
    points, labels = spec["layer"]
    assert points["encoding"]["color"]["condition"]["test"] == "(datum.sample === 'ok')"
    assert "opacity" not in points["encoding"] and "condition" not in str(labels["encoding"])


def test_charts_leave_their_input_untouched(view: views.GovernanceView) -> None:
    before = [f.copy() for f in (view.comparison, view.consistency, view.effects, view.paths)]
    charts.model_levels(view.comparison, view.consistency)
    charts.switch_effects(view.effects, view.region_codes)
    charts.pre_trends(view.paths, view.effects)
    after = (view.comparison, view.consistency, view.effects, view.paths)
    assert all(a.equals(b) for a, b in zip(before, after, strict=True))


def test_a_single_month_has_no_before_after_but_still_compares(sample_url: str) -> None:
    one = _view(sample_url, LAST, LAST)
    assert one.months == (LAST,) and one.effects.empty
    assert list(one.comparison["model"]) == ["centralized", "hybrid", "decentralized"]
    assert views.effect_sentences(one.effects)[0].startswith("No region switched model within this window")


def test_the_csv_downloads_carry_the_same_verdicts_as_the_page(view: views.GovernanceView) -> None:
    pairs = views.pairs_table(view.pairs, words=True)
    assert list(pairs["In words"]) == [p.verdict for p in view.pairs]
    assert list(pairs["Verdict"]) == [p.headline.capitalize() for p in view.pairs]
    effects = views.effects_table(view.effects, words=True)
    assert list(effects["In words"]) == views.effect_sentences(view.effects)
    assert "In words" not in views.effects_table(view.effects)
