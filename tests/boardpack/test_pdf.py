"""The PDF deck read back with pypdf: the same pages as the PPTX, text as text, charts drawn as vectors."""

from __future__ import annotations

import io

from pypdf import PdfReader

from cxdash import db
from tests.boardpack.conftest import MONTH, PLAIN, Built, at
from tests.boardpack.expected import nps_text


def _pages(built: Built) -> list[str]:
    """Each page's text with runs of white space as one space (titles wrap where the PPTX's may not)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(built.pdf)).pages]


def test_one_16_9_page_per_slide(built: Built) -> None:
    reader = PdfReader(io.BytesIO(built.pdf))
    assert len(reader.pages) == len(built.deck.slides) + 1 == 10
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (960, 540)
    assert reader.metadata is not None and reader.metadata.title == "Customer experience: board pack, October 2026"


def test_pages_carry_the_kickers_and_findings_in_order(built: Built) -> None:
    pages = _pages(built)
    assert "Customer experience: board pack" in pages[0] and "October 2026" in pages[0]
    for text, slide in zip(pages[1:], built.deck.slides, strict=True):
        assert slide.title in text and slide.kicker.upper() in text


def test_figures_are_text_matching_the_rollups(built: Built, sample_url: str) -> None:
    with db.session(db.make_engine(sample_url)) as session:
        nps, _ = nps_text(session, MONTH)
        dach, _ = nps_text(session, MONTH, "DACH")
    pages = _pages(built)
    assert f"NPS {nps}" in pages[at(built, "overview")]
    assert f"DACH {dach}" in pages[at(built, "regions")]


def test_charts_are_drawn_as_vectors_with_their_own_text(built: Built) -> None:
    pages = _pages(built)
    assert "NPS by region, October 2026" in pages[at(built, "regions")]
    assert "NPS by operating model" in pages[at(built, "governance")]


def test_commentary_footer_and_marks_are_on_the_page(built: Built) -> None:
    pages = _pages(built)
    assert " ".join(PLAIN.split()) in pages[1] and "What we ask of the board" in pages[1]
    assert "cco, 02 Nov 2026 17:05 UTC" in pages[1]
    for number, text in enumerate(pages, start=1):
        assert "Data: October 2026 · Exported 03 Nov 2026 09:30 UTC" in text
        assert f"{number} / 10" in text
    assert "Observational: regions differ" in pages[at(built, "governance")]
