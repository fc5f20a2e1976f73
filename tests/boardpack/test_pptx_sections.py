"""The Ownership and Governance slides of the sample's PPTX: their figures are text that matches the pages."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from cxdash import db
from cxdash.charts import ownership as ownership_charts
from cxdash.regions import month_span
from cxdash.views import governance as governance_view
from cxdash.views import ownership as ownership_view
from tests.boardpack.conftest import MONTH, Built, at
from tests.boardpack.expected import owned_nps_text, ownership_counts, pooled_nps_text

PERIOD = month_span(MONTH.replace(year=2025, month=11), MONTH)


def _rows(built: Built, section: str) -> dict[str, list[str]]:
    slide = Presentation(io.BytesIO(built.pptx)).slides[at(built, section)]
    (table,) = [s.table for s in slide.shapes if s.has_table]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Figure", "Value", "Note"]
    return {row[0]: row[1:] for row in rows[1:]}


def test_ownership_counts_gaps_overlaps_and_missing_responsibles(built: Built, sample_url: str) -> None:
    rows = _rows(built, "ownership")
    with db.session(db.make_engine(sample_url)) as session:
        gaps, overlaps, no_responsible = ownership_counts(session)
    assert (gaps, overlaps, no_responsible) == (2, 1, 1)
    assert rows["No one accountable"] == [str(gaps), "Events & webinars (Awareness); Billing & invoices (Usage)"]
    assert rows["Split accountability"][0] == str(overlaps)
    assert "Chief Customer Officer and Vice President Customer Support" in rows["Split accountability"][1]
    assert rows["No one responsible"] == [str(no_responsible), "Account review (Renewal)"]
    assert rows["CX leader's line to the CEO"] == ["1 step", "Chief Customer Officer"]


def test_ownership_chart_is_the_pages_chart_of_nps_per_owner(built: Built, sample_url: str) -> None:
    slide = Presentation(io.BytesIO(built.pptx)).slides[at(built, "ownership")]
    (picture,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert picture._element.nvPicPr.cNvPr.get("descr") == "NPS by accountable leader"
    chart = built.deck.slides[at(built, "ownership") - 1].chart
    assert chart is not None
    with db.session(db.make_engine(sample_url)) as session:
        leaders = ownership_view.ownership(session, MONTH, (), ()).leaders
        cco = owned_nps_text(session, MONTH, "CCO")
    assert chart == ownership_charts.leader_nps(leaders).to_dict()
    (rows,) = [d for d in chart["datasets"].values() if d and "leader_name" in d[0]]
    assert f"{next(r['nps'] for r in rows if r['leader_name'] == 'Chief Customer Officer'):.1f}" == cco


def test_governance_models_and_switch_match_the_page_and_the_rollups(built: Built, sample_url: str) -> None:
    rows = _rows(built, "governance")
    with db.session(db.make_engine(sample_url)) as session:
        view = governance_view.governance(session, PERIOD[0], PERIOD[-1])
        centralized = pooled_nps_text(session, list(PERIOD), ["LATAM", "NAE", "NORDICS", "UKI"])
    table = governance_view.comparison_table(view.comparison)
    models = {k: v for k, v in rows.items() if ":" not in k}
    assert list(models) == [m.capitalize() for m in table["Model"]]
    assert [v[0] for v in models.values()] == list(table["Pooled NPS (description)"])
    assert models["Centralized"][0] == centralized
    assert "LATAM, NAE, NORDICS, UKI" in models["Centralized"][1]
    switch = rows["APAC: decentralized → hybrid (Jan 2026)"]
    assert switch[0] == governance_view.effects_table(view.effects).loc[0, "NPS effect (DiD)"]
    # APAC has 2 months before its switch in this window: too few for an interval.
    assert switch[1] == "NPS effect, no interval"


def test_governance_slide_keeps_the_observational_caveat(built: Built) -> None:
    slide = Presentation(io.BytesIO(built.pptx)).slides[at(built, "governance")]
    text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "Observational: regions differ" in text and "no proof that the model causes it" in text
    assert "the data cannot tell whether the switch made a difference" in text
