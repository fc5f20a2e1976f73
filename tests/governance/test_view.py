"""The Governance view on the sample data: both switches, the comparison, and charts that carry CI and n."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from cxdash import db
from cxdash import governance as gov
from cxdash.charts import governance as charts
from cxdash.views import governance as views

FIRST, LAST = date(2024, 11, 1), date(2026, 10, 1)


@pytest.fixture
def view(sample_url: str) -> Iterator[views.GovernanceView]:
    engine = db.make_engine(sample_url)
    with db.session(engine) as session:
        yield views.governance(session, FIRST, LAST)
    engine.dispose()


def test_both_switching_regions_get_a_before_after(view: views.GovernanceView) -> None:
    effects = view.effects.set_index("region")
    assert list(effects.index) == ["APAC", "LATAM"]
    assert effects.loc["LATAM", "switch_month"] == date(2025, 11, 1)
    assert effects.loc["APAC", "to_model"] == "hybrid"
    assert "APAC" not in effects.loc["LATAM", "control_regions"]
    for region in ("APAC", "LATAM"):
        assert effects.loc[region, "did_nps_low"] > 0, "the sample's switches raised NPS beyond noise"
    sentences = views.effect_sentences(view.effects)
    assert len(sentences) == 2 and all("rose" in s for s in sentences)


def test_the_comparison_has_every_model_with_regions_and_responses(view: views.GovernanceView) -> None:
    table = view.comparison.set_index("model")
    assert table.loc["centralized", "regions"] == 4 and table.loc["decentralized", "regions"] == 3
    assert table["n"].sum() == sum(int(n) for n in view.consistency["n"])
    assert table.loc["centralized", "touchpoint_spread"] < table.loc["decentralized", "touchpoint_spread"]
    assert list(view.pairs) == [
        ("centralized", "hybrid"),
        ("centralized", "decentralized"),
        ("hybrid", "decentralized"),
    ]
    assert "cannot tell these models apart" in view.pairs[("centralized", "hybrid")].verdict
    display = views.comparison_table(view.comparison)
    assert list(display["Model"]) == ["centralized", "hybrid", "decentralized"]


def test_every_two_models_get_a_difference_with_ci_and_p_value(view: views.GovernanceView) -> None:
    pair = view.pairs[("centralized", "decentralized")]
    assert (pair.b, pair.a) == ("centralized", "decentralized")
    central = view.comparison.set_index("model").loc["centralized", "nps"]
    decentral = view.comparison.set_index("model").loc["decentralized", "nps"]
    assert pair.pooled.delta == pytest.approx(central - decentral)
    assert pair.pooled.ci_low is not None and pair.pooled.ci_low < pair.pooled.delta < (pair.pooled.ci_high or 0.0)
    table = views.pairs_table(view.pairs).set_index("Models")
    assert list(table.index) == ["centralized vs hybrid", "centralized vs decentralized", "hybrid vs decentralized"]
    row = table.loc["centralized vs decentralized"]
    assert row["NPS difference (first − second)"] == f"{pair.pooled.delta:+.1f}"
    assert row["95% CI"] == f"{pair.pooled.ci_low:+.1f} to {pair.pooled.ci_high:+.1f}"
    assert row["p-value"] == gov.p_text(pair.pooled.p_value)
    assert row["Regions"] == "4 vs 3"
    assert set(table["Told apart?"]) <= {"yes", "no"}


def test_a_period_after_both_switches_says_so(sample_url: str) -> None:
    engine = db.make_engine(sample_url)
    with db.session(engine) as session:
        late = views.governance(session, date(2026, 2, 1), LAST)
    engine.dispose()
    assert late.effects.empty
    assert views.effect_sentences(late.effects)[0].startswith("No region switched model within this period")
    assert all("start the period earlier" in note for note in late.switch_notes)


def test_charts_carry_models_ci_and_counts(view: views.GovernanceView) -> None:
    timeline = charts.model_timeline(view.spans, view.region_codes, view.start, view.end).to_dict()
    assert timeline["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["centralized", "hybrid", "decentralized"]
    levels = str(charts.model_levels(view.comparison, view.consistency).to_dict())
    assert "95% CI low" in levels and "Responses" in levels
    scatter = charts.level_vs_spread(view.consistency).to_dict()
    assert scatter["layer"][0]["encoding"]["y"]["field"] == "touchpoint_spread"
    effects = charts.switch_effects(view.effects, view.region_codes).to_dict()
    assert len(effects["hconcat"]) == 2 and "95% CI high" in str(effects)


def test_charts_leave_their_input_untouched(view: views.GovernanceView) -> None:
    before = [f.copy() for f in (view.spans, view.comparison, view.consistency, view.effects)]
    charts.model_timeline(view.spans, view.region_codes, view.start, view.end)
    charts.model_levels(view.comparison, view.consistency)
    charts.level_vs_spread(view.consistency)
    charts.switch_effects(view.effects, view.region_codes)
    after = (view.spans, view.comparison, view.consistency, view.effects)
    assert all(a.equals(b) for a, b in zip(before, after, strict=True))


def test_a_single_month_has_no_before_after_but_still_compares(sample_url: str) -> None:
    engine = db.make_engine(sample_url)
    with db.session(engine) as session:
        one = views.governance(session, LAST, LAST)
    engine.dispose()
    assert one.months == (LAST,) and one.effects.empty
    assert list(one.comparison["model"]) == ["centralized", "hybrid", "decentralized"]
    assert views.effects_table(one.effects).empty
