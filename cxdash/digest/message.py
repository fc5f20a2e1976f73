"""The digest e-mail: the executive summary and KPI scorecard inline, charts as embedded pictures, deck attached."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

import vl_convert as vlc

from cxdash.boardpack import images
from cxdash.boardpack.layout import Box
from cxdash.boardpack.native_spec import vega
from cxdash.boardpack.pptx_charts import SERIES_COLORS
from cxdash.boardpack.render import MIME, file_name
from cxdash.boardpack.slide import Deck, Slide
from cxdash.digest.overdue import Overdue, overdue_html, overdue_text

BODY_CSS = "font-family: Arial, sans-serif; color: #222222; font-size: 15px;"
CELL = "padding: 6px 10px; border-bottom: 1px solid #e4e4e4; text-align: left;"


@dataclass(frozen=True)
class Picture:
    """A chart embedded in the e-mail: its content id, PNG bytes and description."""

    cid: str
    png: bytes
    alt: str
    name: str


def _spark_spec(values: tuple[float | None, ...]) -> dict[str, Any]:
    rows = [{"i": i, "v": v} for i, v in enumerate(values) if v is not None]
    return {
        "data": {"values": rows},
        "mark": {"type": "line", "strokeWidth": 2, "color": f"#{SERIES_COLORS[0]}", "point": False},
        "encoding": {
            "x": {"field": "i", "type": "quantitative", "axis": None},
            "y": {"field": "v", "type": "quantitative", "axis": None, "scale": {"zero": False}},
        },
        "width": 140,
        "height": 32,
        "config": {"view": {"stroke": None}},
    }


def _section(deck: Deck, key: str) -> Slide | None:
    return next((s for s in deck.slides if s.section == key), None)


def pictures(deck: Deck) -> dict[str, Picture]:
    """The charts the e-mail shows: one trend line per KPI of the scorecard and the regions' NPS bars."""
    out: dict[str, Picture] = {}
    card = _section(deck, "overview")
    if card is not None and card.table is not None:
        for row, values in zip(card.table.rows, card.table.sparks, strict=False):
            png = bytes(vlc.vegalite_to_png(_spark_spec(values), scale=2))
            key = f"trend-{row[0].text}"
            out[key] = Picture(make_msgid("trend")[1:-1], png, f"{row[0].text}: last 12 months", f"{key.lower()}.png")
    regions = _section(deck, "regions")
    if regions is not None and regions.native is not None:
        png = images.png(vega(regions.native), Box(0, 0, 7.5, 4.0))
        out["regions"] = Picture(make_msgid("regions")[1:-1], png, regions.native.title, "regions.png")
    return out


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _scorecard_html(card: Slide, charts: dict[str, Picture]) -> str:
    assert card.table is not None
    head = "".join(f'<th style="{CELL} background: #0072B2; color: #ffffff;">{_e(h)}</th>' for h in card.table.header)
    rows = []
    for row in card.table.rows:
        cells = []
        for cell in row[:-1]:
            shade = f" background: #{cell.fill};" if cell.fill else ""
            weight = " font-weight: bold;" if cell.bold else ""
            cells.append(f'<td style="{CELL}{shade}{weight}">{_e(cell.text)}</td>')
        trend = charts.get(f"trend-{row[0].text}")
        image = f'<img src="cid:{trend.cid}" alt="{_e(trend.alt)}" width="140" height="32">' if trend else ""
        cells.append(f'<td style="{CELL}">{image}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f'<table style="border-collapse: collapse;"><tr>{head}</tr>{"".join(rows)}</table>'


def html_body(deck: Deck, charts: dict[str, Picture], overdue: Overdue | None = None) -> str:
    """The e-mail's HTML: every text escaped, the executive summary, the CCO's asks, the scorecard, the regions."""
    parts = [f'<div style="{BODY_CSS}"><h1 style="font-size: 22px;">Customer experience, {_e(deck.subtitle)}</h1>']
    summary = _section(deck, "attention")
    if summary is not None:
        parts.append('<h2 style="font-size: 18px; color: #0072B2;">Executive summary</h2>')
        parts.append("<ol>" + "".join(f"<li>{_e(b)}</li>" for b in summary.bullets) + "</ol>")
        for note in summary.commentary:
            parts.append(f'<h3 style="font-size: 16px;">{_e(summary.commentary_heading)}</h3>')
            parts.append(
                f'<p>{_e(note.text).replace(chr(10), "<br>")}</p><p style="color: #6e6e6e;">— {_e(note.byline)}</p>'
            )
    card = _section(deck, "overview")
    if card is not None and card.table is not None:
        parts.append('<h2 style="font-size: 18px; color: #0072B2;">KPI scorecard</h2>')
        parts.append(f"<p><strong>{_e(card.title)}</strong></p>{_scorecard_html(card, charts)}")
    regions = _section(deck, "regions")
    if regions is not None and "regions" in charts:
        parts.append('<h2 style="font-size: 18px; color: #0072B2;">Regions</h2>')
        parts.append(f"<p><strong>{_e(regions.title)}</strong></p>")
        parts.append(f'<img src="cid:{charts["regions"].cid}" alt="{_e(charts["regions"].alt)}" width="540">')
    if overdue is not None:
        parts.append(overdue_html(overdue))
    parts.append(
        f'<p style="color: #6e6e6e;">The full board pack is attached ({_e(file_name(deck, "pptx"))}).</p></div>'
    )
    return "".join(parts)


def plain_body(deck: Deck, overdue: Overdue | None = None) -> str:
    """The same digest as plain text, for mail readers that show no HTML."""
    lines = [f"Customer experience, {deck.subtitle}", ""]
    for slide in deck.slides:
        if slide.section in ("attention", "overview", "regions"):
            lines += [slide.kicker, slide.title, *(f"- {b}" for b in slide.bullets), ""]
    if overdue is not None:
        lines += overdue_text(overdue)
    lines.append(f"The full board pack is attached ({file_name(deck, 'pptx')}).")
    return "\n".join(lines)


def digest_message(
    deck: Deck, pptx: bytes, *, sender: str, to: list[str], sent_at: datetime, overdue: Overdue | None = None
) -> EmailMessage:
    """The digest as a multipart e-mail: plain text and HTML alternatives, charts as related images, the PPTX;
    with ``overdue``, each owner's overdue actions."""
    message = EmailMessage()
    message["Subject"] = f"Customer experience board pack, {deck.subtitle}"
    message["From"] = sender
    message["To"] = ", ".join(to)
    message["Date"] = formatdate(sent_at.timestamp(), localtime=False)
    message["Message-ID"] = make_msgid("cxdash")
    message.set_content(plain_body(deck, overdue))
    charts = pictures(deck)
    message.add_alternative(html_body(deck, charts, overdue), subtype="html")
    related = message.get_body(("html",))
    assert isinstance(related, EmailMessage)
    for picture in charts.values():
        related.add_related(
            picture.png, "image", "png", cid=f"<{picture.cid}>", filename=f"{picture.cid.split('@')[0]}.png"
        )
    maintype, subtype = MIME["pptx"].split("/")
    message.add_attachment(pptx, maintype=maintype, subtype=subtype, filename=file_name(deck, "pptx"))
    return message
