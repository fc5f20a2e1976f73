"""The "Why NPS moved" slide read back from the PPTX: the finding as title, the region bridge as a native chart
with rate and mix, notes that explain the method, and nothing from fewer than 5 responses."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pandas as pd
import pytest
from pptx import Presentation
from sqlalchemy.engine import Engine

from cxdash import db
from cxdash.boardpack.deck import build_deck
from cxdash.boardpack.pptx import render_pptx
from cxdash.boardpack.sections.why import MIX, RATE, headline
from cxdash.views.why import why
from cxdash.why.bridge import Bridge
from tests.boardpack.conftest import EXPORTED, MONTH
from tests.test_suppression_boundary import suppressed  # noqa: F401  (the fixture, used by name)


def _slide(where: str | Engine, month: date = MONTH) -> Any:
    """The deck of only the why section, rendered and opened again: its one content slide."""
    engine = db.make_engine(where) if isinstance(where, str) else where
    with db.session(engine) as session:
        deck = build_deck(session, month, ["why"])
    return Presentation(io.BytesIO(render_pptx(deck, EXPORTED))).slides[1]


def _chart(slide: Any) -> Any:
    (chart,) = [s.chart for s in slide.shapes if s.has_chart]
    return chart


def _body(slide: Any) -> str:
    return " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_october_names_dach_as_the_largest_negative_part_with_rate_and_mix(sample_url: str) -> None:
    slide = _slide(sample_url)
    assert slide.shapes.title.text == (
        "NPS fell 5.2 points (can't tell from last month); DACH moved it most, −4.6: −4.1 its own NPS, −0.4 its share "
        "of responses"
    )
    chart = _chart(slide)
    categories = list(chart.plots[0].categories)
    assert categories[0] == "DACH −4.6"
    assert [s.name for s in chart.plots[0].series] == [RATE, MIX]
    rate, mix = (list(s.values) for s in chart.plots[0].series)
    assert (rate[0], mix[0]) == (-4.1, -0.4)
    # Worst first for a fall: the totals in the labels never rise down the chart.
    totals = [float(c.rsplit(" ", 1)[1].replace("−", "-")) for c in categories]
    assert totals == sorted(totals)


def test_the_title_makes_the_kpi_slides_claim_about_the_same_change(sample_url: str) -> None:
    with db.session(db.make_engine(sample_url)) as session:
        deck = build_deck(session, MONTH, ["overview", "why"])
    kpi, why_slide = (s for s in deck.slides if s.section in ("overview", "why"))
    # October's 5.2-point fall is not significant once every change tested that month is allowed for.
    assert "fell 5.2 points to 35.5 (can't tell from last month)" in kpi.title
    assert why_slide.title.startswith("NPS fell 5.2 points (can't tell from last month);")


def test_a_bridge_without_a_left_out_group_says_whether_the_change_holds() -> None:
    parts = pd.DataFrame({"region": ["DACH"], "rate": [-9.0], "mix": [-1.0], "total": [-10.0]})
    bridge = Bridge(before=40.0, after=30.0, parts=parts)
    assert headline(bridge, significant=True).startswith("NPS fell 10.0 points (significant); ")
    assert headline(bridge).startswith("NPS fell 10.0 points; ")
    left = Bridge(before=40.0, after=30.0, parts=parts, left_out=("ANZ",))
    # The test is of the company's whole change; a bridge without ANZ moved by another amount, so no verdict.
    assert headline(left, significant=True).startswith("Without ANZ, NPS fell 10.0 points; ")


def test_the_chart_adds_up_to_the_change_the_page_shows(sample_url: str) -> None:
    with db.session(db.make_engine(sample_url)) as session:
        view = why(session, MONTH)
    assert view.bridge is not None
    rate, mix = (list(s.values) for s in _chart(_slide(sample_url)).plots[0].series)
    # Every region has 5+ responses both months, so nothing is pooled: the bars sum to the change (rounding aside).
    assert sum(rate) + sum(mix) == pytest.approx(view.bridge.change, abs=0.05 * len(rate))
    assert len(rate) == len(view.bridge.parts) == 8


def test_notes_say_how_and_the_body_drills_into_the_biggest_mover(sample_url: str) -> None:
    slide = _slide(sample_url)
    notes = slide.notes_slide.notes_text_frame.text
    assert "Method: Shift-share decomposition" in notes
    assert "DACH −4.6 (−4.1 its own NPS, −0.4 its share of responses)" in notes
    body = _body(slide)
    assert "Parts add up to the change (40.7 → 35.5)." in body
    assert "Within DACH, NPS 43.0 → 23.0: Chat support −5.4" in body
    assert "read with care: ANZ" in body


def test_the_first_month_says_there_is_nothing_to_bridge(sample_url: str) -> None:
    slide = _slide(sample_url, date(2024, 11, 1))
    assert slide.shapes.title.text.startswith("No responses in October 2024")
    assert not [s for s in slide.shapes if s.has_chart]


def test_a_region_under_five_responses_alone_is_left_out_not_pooled(suppressed: Engine) -> None:  # noqa: F811
    slide = _slide(suppressed)
    # Region C (2 responses in September, 3 in October) would be pooled alone, and the pool's one figure would be its
    # own: it gets no bar, no rate, no mix and no pooled total; the bridge runs between A's and B's NPS.
    assert sorted(c.split(" ")[0] for c in _chart(slide).plots[0].categories) == ["A", "B"]
    assert slide.shapes.title.text.startswith("Without C, NPS ")
    text = _body(slide) + slide.notes_slide.notes_text_frame.text
    assert "Left out, with fewer than 5 responses in a month: C;" in text
    assert "together:" not in text and "Others" not in text
