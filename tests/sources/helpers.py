"""A small stored reference (two regions, two touchpoints) and the profiles the example exports need."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from cxdash import ingest
from cxdash.models import Region, SurveyResponse, Touchpoint
from cxdash.sources import Profile
from cxdash.sources.inspect import sample
from cxdash.sources.presets import PRESETS, propose

TODAY = date(2026, 11, 23)
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
DACH = {"Germany": "DACH", "Austria": "DACH", "Switzerland": "DACH"}


def load_reference(engine: Engine) -> None:
    """Regions DACH and FR ("France"), touchpoints WEB ("Website") and PHONE ("Phone support")."""
    files = {
        "regions": "code,name\nDACH,Germany Austria Switzerland\nFR,France\n",
        "touchpoints": "code,name,stage,position\nWEB,Website,Awareness,1\nPHONE,Phone support,Support,2\n",
    }
    for kind, text in files.items():
        assert ingest.import_file(engine, kind, text.encode(), today=TODAY).ok


def preset_profile(preset: str, data: bytes, name: str = "test") -> Profile:
    """The preset with the columns proposed from the file and the DACH countries mapped, as a user would save it."""
    base = PRESETS[preset]
    head = sample(data)
    columns = propose(head.names(base.header_rows), head.descriptions(base.header_rows), base)
    return Profile(name=name, columns=columns, regions=DACH, date_format=base.date_format, header_rows=base.header_rows)


def stored(engine: Engine) -> list[tuple[object, ...]]:
    """Every stored response as (key, customer, region code, touchpoint code, channel, day, nps, csat, ces, comment)."""
    query = (
        select(SurveyResponse.response_key, SurveyResponse.customer_key, Region.code, Touchpoint.code,
               SurveyResponse.channel, SurveyResponse.responded_on, SurveyResponse.nps, SurveyResponse.csat,
               SurveyResponse.ces, SurveyResponse.comment)
        .join(Region, Region.id == SurveyResponse.region_id)  # type: ignore[arg-type]
        .join(Touchpoint, Touchpoint.id == SurveyResponse.touchpoint_id)  # type: ignore[arg-type]
        .order_by(SurveyResponse.response_key)
    )  # fmt: skip
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query).all()]
