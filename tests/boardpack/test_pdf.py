"""The PDF deck read back with pypdf: the same pages as the PPTX, text as text, charts drawn as vectors."""

from __future__ import annotations

import io

from pypdf import PdfReader

from cxdash import db
from tests.boardpack.conftest import MONTH, PLAIN, Built, at
from tests.boardpack.expected import nps_text


def _pages(built: Built) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(built.pdf)).pages]


def test_one_16_9_page_per_slide(built: Built) -> None:
    reader = PdfReader(io.BytesIO(built.pdf))
    assert len(reader.pages) == len(built.deck.slides) + 1 == 7
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (960, 540)
    assert reader.metadata is not None and reader.metadata.title == "Customer experience: board pack, October 2026"


def test_pages_carry_the_titles_in_order(built: Built) -> None:
    pages = _pages(built)
    assert "Customer experience: board pack" in pages[0] and "October 2026" in pages[0]
    for text, slide in zip(pages[1:], built.deck.slides, strict=True):
        assert slide.title in text


def test_figures_are_text_matching_the_rollups(built: Built, sample_url: str) -> None:
    engine = db.make_engine(sample_url)
    with db.session(engine) as session:
        nps, n = nps_text(session, MONTH)
        dach, _ = nps_text(session, MONTH, "DACH")
    pages = _pages(built)
    assert nps in pages[1] and f"{n:,}" in pages[1]
    assert f"{dach} ✱" in pages[at(built, "regions")]
    for figure in built.deck.slides[0].figures:
        assert figure.value in pages[1]


def test_charts_are_drawn_as_vectors_with_their_own_text(built: Built) -> None:
    pages = _pages(built)
    assert "NPS by region" in pages[1] and "NPS (95% confidence interval)" in pages[1]
    assert "NPS by region with 95% CI" in pages[at(built, "regions")]
    assert "NPS by accountable leader" in pages[at(built, "ownership")]
    assert "NPS by operating model" in pages[at(built, "governance")]
    assert "Every leader's rating per dimension" in pages[at(built, "alignment")]


def test_commentary_footer_and_marks_are_on_the_page(built: Built) -> None:
    pages = _pages(built)
    flat = " ".join(pages[1].split())
    assert " ".join(PLAIN.split()) in flat
    assert "cco, 02 Nov 2026 17:05 UTC" in flat
    for number, text in enumerate(pages, start=1):
        assert "Data: October 2026 · Exported 03 Nov 2026 09:30 UTC" in text
        assert f"{number} / 7" in text
    assert "Grey triangles: low sample (n < 30)" in " ".join(pages[1].split())
