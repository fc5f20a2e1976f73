"""The Governance slide of the sample's PPTX: their figures are text that matches the pages."""

from __future__ import annotations

import io

from pptx import Presentation

from cxdash import db
from cxdash.regions import month_span
from cxdash.views import governance as governance_view
from tests.boardpack.conftest import MONTH, Built, at

PERIOD = month_span(MONTH.replace(year=2025, month=11), MONTH)


def _rows(built: Built, section: str) -> dict[str, list[str]]:
    slide = Presentation(io.BytesIO(built.pptx)).slides[at(built, section)]
    (table,) = [s.table for s in slide.shapes if s.has_table]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Figure", "Value", "Note"]
    return {row[0]: row[1:] for row in rows[1:]}


def test_governance_models_and_switch_match_the_page_and_the_rollups(built: Built, sample_url: str) -> None:
    rows = _rows(built, "governance")
    with db.session(db.make_engine(sample_url)) as session:
        view = governance_view.governance(session, PERIOD[0], PERIOD[-1])
    table = governance_view.comparison_table(view.comparison)
    models = {k: v for k, v in rows.items() if ":" not in k}
    assert list(models) == [m.capitalize() for m in table["Model"]]
    # The deck shows what the page tests: region-level NPS and the interval clustered by region.
    assert [v[0] for v in models.values()] == list(table["Region-level NPS"])
    assert [v[1].split(" · ")[0] for v in models.values()] == [
        f"CI {ci.replace(' – ', ' to ').replace('–', ' to ')}" for ci in table["95% CI (regions)"]
    ]
    assert models["Centralized"][1].endswith("LATAM, NAE, NORDICS, UKI")
    switch = rows["APAC: decentralized → hybrid (Jan 2026)"]
    assert switch[0] == governance_view.effects_table(view.effects).loc[0, "NPS effect (vs others)"]
    # APAC has 2 months before its switch in this window: too few for an interval.
    assert switch[1] == "NPS effect, no interval"


def test_governance_slide_keeps_the_observational_caveat(built: Built) -> None:
    slide = Presentation(io.BytesIO(built.pptx)).slides[at(built, "governance")]
    text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "Observational: regions differ" in text and "no proof that the model causes it" in text
    assert "the data cannot tell whether the switch made a difference" in slide.notes_slide.notes_text_frame.text
