"""Building a month's deck: sections in order, marks for small samples, commentary attached, bad input refused."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine

from cxdash import commentary, db
from cxdash.boardpack.deck import BoardPackError, build_deck, check_sections, latest_month, parse_month
from cxdash.boardpack.sections import SECTIONS
from cxdash.models import Region, ResponseRollup, Touchpoint
from cxdash.permissions import Actor

SEP, OCT = date(2026, 9, 1), date(2026, 10, 1)
CCO = Actor("cco", "cco")


@pytest.fixture
def small(engine: Engine) -> Engine:
    """Regions A (plenty of answers), B (a low sample) and C (suppressed) in September and October 2026."""
    with db.session(engine) as s:
        regions = [Region(code=c, name=f"Region {c}") for c in "ABC"]
        web = Touchpoint(code="WEB", name="Website", stage="Awareness", position=1)
        s.add_all([*regions, web])
        s.flush()
        for month in (SEP, OCT):
            for region, (p, pa, d) in zip(regions, [(60, 20, 20), (10, 5, 5), (2, 0, 1)], strict=True):
                assert region.id and web.id
                s.add(ResponseRollup(month=month, region_id=region.id, touchpoint_id=web.id, n=p + pa + d,
                                     promoters=p, passives=pa, detractors=d))  # fmt: skip
        s.commit()
    return engine


def test_sections_come_in_deck_order_whatever_order_they_are_asked_in() -> None:
    assert check_sections(["regions", "overview"]) == ("overview", "regions")
    assert check_sections(None) == tuple(SECTIONS)
    with pytest.raises(BoardPackError, match="Unknown section"):
        check_sections(["overview", "finance"])


@pytest.mark.parametrize("text", ["2026-13", "2026-1", "Oct 2026", "", "2026-10-01"])
def test_a_badly_written_month_is_refused_with_the_expected_form(text: str) -> None:
    with pytest.raises(BoardPackError, match="YYYY-MM"):
        parse_month(text)


def test_a_month_is_read_as_its_first_day() -> None:
    assert parse_month(" 2026-10 ") == OCT


def test_low_samples_are_grey_and_suppressed_values_hidden(small: Engine) -> None:
    with db.session(small) as session:
        (regions,) = build_deck(session, OCT, ["regions"]).slides
    assert regions.table is not None and regions.native is not None
    rows = {r[1].text: r for r in regions.table.rows}
    assert [c.text for c in rows["C"][1:4]] == ["C", "hidden", "—"] and rows["C"][1].muted
    assert rows["B"][2].muted and rows["B"][4].text.endswith("low n") and "✱" not in rows["B"][4].text
    assert not rows["A"][2].muted and rows["A"][2].text == "40.0"
    assert regions.native.categories == ("A", "B")


def test_without_a_survey_round_the_alignment_slide_says_so(small: Engine) -> None:
    with db.session(small) as session:
        (slide,) = build_deck(session, OCT, ["alignment"]).slides
    assert slide.table is None
    assert slide.title == "No alignment round was held by the end of October 2026"


def test_the_alignment_slide_shows_the_round_held_by_the_month(sample_url: str) -> None:
    with db.session(db.make_engine(sample_url)) as session:
        (june,) = build_deck(session, date(2026, 8, 1), ["alignment"]).slides
        (before,) = build_deck(session, date(2025, 11, 1), ["alignment"]).slides
    assert june.kicker == "Leadership alignment · round 2026-Q2"
    assert before.table is None


def test_commentary_is_attached_to_its_own_slide(small: Engine) -> None:
    with db.session(small) as session:
        commentary.save(session, actor=CCO, month=OCT, section="regions", text="Region B needs more answers.")
        deck = build_deck(session, OCT)
    notes = {s.section: [n.text for n in s.commentary] for s in deck.slides}
    assert notes["regions"] == ["Region B needs more answers."]
    assert notes["overview"] == [] and notes["attention"] == []


def test_a_month_without_data_is_refused_naming_the_months_that_have_some(small: Engine) -> None:
    with db.session(small) as session, pytest.raises(BoardPackError, match="from 2026-09 to 2026-10"):
        build_deck(session, date(2026, 11, 1))


def test_an_empty_database_explains_how_to_load_data(engine: Engine) -> None:
    with db.session(engine) as session:
        with pytest.raises(BoardPackError, match="python -m cxdash load sample_data"):
            latest_month(session)
        with pytest.raises(BoardPackError, match="no survey data yet"):
            build_deck(session, OCT)
