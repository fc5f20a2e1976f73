"""The deck in a file format chosen by name: PPTX for presenting, PDF for reading and archiving."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from cxdash.boardpack.pdf import render_pdf
from cxdash.boardpack.pptx import render_pptx
from cxdash.boardpack.slide import Deck
from cxdash.present import month_key

RENDERERS: dict[str, Callable[[Deck, datetime], bytes]] = {"pptx": render_pptx, "pdf": render_pdf}
MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}


def exported_now() -> datetime:
    """The time of export written in the footer: now, in UTC, to the minute."""
    return datetime.now(UTC).replace(second=0, microsecond=0)


def render(deck: Deck, fmt: str, exported_at: datetime | None = None) -> bytes:
    """The deck as ``fmt`` (pptx or pdf) bytes, stamped with the time of export."""
    if fmt not in RENDERERS:
        raise ValueError(f"Export as one of {', '.join(RENDERERS)}; got {fmt!r}.")
    return RENDERERS[fmt](deck, exported_at or exported_now())


def file_name(deck: Deck, fmt: str) -> str:
    """A file name that sorts by month: cxdash-board-pack-2026-10.pptx."""
    return f"cxdash-board-pack-{month_key(deck.month)}.{fmt}"
