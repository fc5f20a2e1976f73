"""Every number in the deck is the app's number for the same month, and no suppressed value reaches the deck."""

from __future__ import annotations

from dataclasses import astuple
from datetime import date

import pandas as pd
import pytest
from sqlalchemy.engine import Engine

from cxdash import db
from cxdash.boardpack.deck import build_deck
from cxdash.boardpack.slide import Deck
from cxdash.metrics import bh_adjust
from cxdash.models import Region, ResponseRollup, Touchpoint
from cxdash.present import p_text
from cxdash.regions import default_period
from cxdash.views import overview as overview_view
from cxdash.views import regions as regions_view
from tests.boardpack.conftest import MONTH, Built, at

SEP, OCT = date(2026, 9, 1), date(2026, 10, 1)


def _every_text(deck: Deck) -> str:
    """All the deck's words and numbers: titles, figures, tables, bullets, marks, native chart values and notes."""
    parts: list[str] = []
    for slide in deck.slides:
        parts += [slide.title, slide.kicker, *slide.bullets, *slide.marks, slide.method]
        parts += [" ".join(astuple(f)[:3]) for f in slide.figures]
        if slide.table is not None:
            parts += [c.text for row in slide.table.rows for c in row]
            parts += [str(v) for spark in slide.table.sparks for v in spark]
        if slide.native is not None:
            parts += list(slide.native.categories) + [str(v) for _, values in slide.native.series for v in values]
    return "\n".join(parts)


def test_the_regions_table_is_the_regions_pages_rank_table(built: Built, sample_url: str) -> None:
    with db.session(db.make_engine(sample_url)) as session:
        period = default_period([date(2025, 11, 1), MONTH])
        assert period is not None
        table = regions_view.all_regions(session, period).table
    slide = built.deck.slides[at(built, "regions") - 1]
    assert slide.table is not None and slide.native is not None
    shown = {row[1].text: [c.text for c in row] for row in slide.table.rows}
    for row in table.to_dict("records"):
        nps, ci, change, retention, n = shown[str(row["region"])][2:]
        assert nps == f"{row['nps']:.1f}" and ci == f"{row['ci_low']:.0f} to {row['ci_high']:.0f}"
        assert change.startswith(f"{row['change']:+.1f}") and ("✱" in change) == bool(row["significant"])
        assert retention == f"{row['retention'] * 100:.1f}%" and n == f"{int(row['n']):,}"
    bars = dict(zip(slide.native.categories, slide.native.series[0][1], strict=True))
    assert {k: f"{v:.1f}" for k, v in bars.items()} == {k: v[2] for k, v in shown.items()}


def test_a_suppressed_region_is_named_but_its_nps_never_reaches_the_deck(engine: Engine) -> None:
    with db.session(engine) as s:
        regions = [Region(code=c, name=f"Region {c}") for c in "ABC"]
        web = Touchpoint(code="WEB", name="Website", stage="Awareness", position=1)
        s.add_all([*regions, web])
        s.flush()
        for month in (SEP, OCT):
            # C has 3 answers a month (2 promoters, 1 detractor): an NPS of 33.3 that must stay hidden.
            for region, (p, pa, d) in zip(regions, [(60, 20, 20), (10, 5, 5), (2, 0, 1)], strict=True):
                assert region.id and web.id
                s.add(ResponseRollup(month=month, region_id=region.id, touchpoint_id=web.id, n=p + pa + d,
                                     promoters=p, passives=pa, detractors=d))  # fmt: skip
        s.commit()
        deck = build_deck(s, OCT)
    text = _every_text(deck)
    assert "33.3" not in text and "33.33" not in text
    regions_slide = next(sl for sl in deck.slides if sl.section == "regions")
    assert regions_slide.native is not None and "C" not in regions_slide.native.categories
    assert regions_slide.table is not None
    assert [c.text for c in regions_slide.table.rows[-1]][1:3] == ["C", "hidden"]


def test_dachs_drop_reads_one_adjusted_p_on_the_overview_the_regions_page_and_the_deck(
    built: Built, sample_url: str
) -> None:
    """October's DACH drop is one claim (its NPS against September): one family, one adjusted p everywhere."""
    with db.session(db.make_engine(sample_url)) as session:
        on_overview = overview_view.overview(session, MONTH)
        period = default_period([date(2025, 11, 1), MONTH])
        assert period is not None
        table = regions_view.all_regions(session, period).table.set_index("region")
        tile = regions_view.compare(session, period, "DACH", ()).tiles[0]
    q = on_overview.regions.set_index("region").loc["DACH", "p_adjusted"]
    words = p_text(q, adjusted=True)
    assert words == "adjusted p = 0.008"
    assert table.loc["DACH", "p_adjusted"] == pytest.approx(q) and table.loc["DACH", "significant"] is True
    assert words in tile.note and tile.label == "DACH NPS ✱"
    summary = built.deck.slides[at(built, "attention") - 1]
    assert any(b.startswith("DACH") and words in b for b in summary.bullets)
    regions_slide = built.deck.slides[at(built, "regions") - 1]
    assert regions_slide.table is not None
    dach = next(row for row in regions_slide.table.rows if row[1].text == "DACH")
    assert dach[4].text.endswith("✱")
    # The regions' changes alone (the family before this rule) would print another number for the same claim.
    alone = bh_adjust([None if pd.isna(p) else float(p) for p in table["p_value"]])
    assert p_text(alone[list(table.index).index("DACH")] or 1.0, adjusted=True) != words
