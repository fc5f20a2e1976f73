"""Board-pack fixtures: the sample month's deck and its two renderings, built once per backend per module."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

import pytest

from cxdash import db
from cxdash.boardpack.deck import build_deck
from cxdash.boardpack.pdf import render_pdf
from cxdash.boardpack.pptx import render_pptx
from cxdash.boardpack.slide import Deck, Note

MONTH = date(2026, 10, 1)
EXPORTED = datetime(2026, 11, 3, 9, 30, tzinfo=UTC)
# Typed by a user: Markdown, HTML and a control character must come out as plain text (the control char dropped).
TYPED = "Churn in **DACH** is <b>up</b>; see [link](http://x)\x0b.\nSecond line."
PLAIN = "Churn in **DACH** is <b>up</b>; see [link](http://x).\nSecond line."


@dataclass(frozen=True)
class Built:
    deck: Deck
    pptx: bytes
    pdf: bytes


def with_commentary(deck: Deck) -> Deck:
    """The deck with a note on its first slide, as the page attaches stored commentary."""
    note = Note("overview", None, TYPED, "cco", datetime(2026, 11, 2, 17, 5, tzinfo=UTC))
    first = replace(deck.slides[0], commentary=(note,))
    return replace(deck, slides=(first, *deck.slides[1:]))


def at(built: Built, section: str) -> int:
    """Where a section's slide is in the rendered deck (0 is the title slide)."""
    return 1 + [s.section for s in built.deck.slides].index(section)


_built: dict[str, Built] = {}


@pytest.fixture
def built(backend: str, sample_url: str) -> Built:
    """The October 2026 deck of the sample data (commentary added to the overview), rendered as PPTX and PDF.

    Built once per backend for the test module that asks for it: rendering takes seconds, checking it does not.
    """
    if backend not in _built:
        engine = db.make_engine(sample_url)
        with db.session(engine) as session:
            deck = with_commentary(build_deck(session, MONTH))
        engine.dispose()
        _built[backend] = Built(deck, render_pptx(deck, EXPORTED), render_pdf(deck, EXPORTED))
    return _built[backend]
