"""`python -m cxdash export …`: the board pack on a schedule, and the actions as CSV, without the app."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from sqlalchemy.exc import OperationalError

from cxdash import db

if TYPE_CHECKING:
    from cxdash.boardpack.slide import Deck

# The section keys, spelled out so that `python -m cxdash` need not load the deck's charts and views at start-up
# (every command, the timed import included, would pay for them); a test keeps this in step with SECTIONS.
SECTION_KEYS = (
    "attention", "overview", "regions", "why", "ownership", "governance", "alignment", "actions", "methods",
    "coverage",
)  # fmt: skip

FORMATS = ("pptx", "pdf")
app = typer.Typer(help="Export reports for people who do not open the app.", no_args_is_help=True)


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code)


def _sections(values: list[str] | None) -> list[str]:
    """Section keys from repeated options and comma-separated lists alike."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _deck(month: str | None, sections: list[str], governance_from: str | None = None) -> Deck:
    """The deck of the month asked for (the latest with data when none is), its engine closed afterwards."""
    from cxdash.boardpack.deck import build_deck, governance_window, latest_month, parse_month

    engine = db.make_engine()
    try:
        with db.session(engine) as session:
            chosen = parse_month(month) if month else latest_month(session)
            window = governance_window(chosen, parse_month(governance_from) if governance_from else None)
            return build_deck(session, chosen, sections, window)
    finally:
        engine.dispose()


@app.command("board-pack")
def board_pack(
    out: Annotated[Path, typer.Option(help="file to write; its suffix picks the format: .pptx or .pdf")],
    month: Annotated[str | None, typer.Option(help="YYYY-MM; default: the latest month with data")] = None,
    sections: Annotated[
        list[str] | None,
        typer.Option(
            help="sections to include, comma-separated or repeated; default: all of " + ", ".join(SECTION_KEYS)
        ),
    ] = None,
    governance_from: Annotated[
        str | None, typer.Option(help="YYYY-MM: first month the governance comparison pools; default: 11 months back")
    ] = None,
) -> None:
    """Write the board pack of a month as PPTX or PDF: a title slide, then one slide per section."""
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise _fail(f"Name the output file .pptx or .pdf (got {out.name!r}).")
    if not out.parent.is_dir():
        raise _fail(f"The folder {out.parent} does not exist; create it or choose another --out.")
    from cxdash.boardpack.deck import BoardPackError

    started = time.perf_counter()
    try:
        deck = _deck(month, _sections(sections), governance_from)
    except BoardPackError as exc:
        raise _fail(str(exc)) from None
    except OperationalError as exc:
        unreachable = "cxdash cannot reach its database; check DATABASE_URL and that the database is running."
        raise _fail(db.trouble(exc, unreachable), 1) from None
    from cxdash.boardpack.render import render  # the renderers' libraries load only when a deck is written

    data = render(deck, fmt)
    out.write_bytes(data)
    seconds = time.perf_counter() - started
    typer.echo(
        f"Wrote {out} ({len(deck.slides) + 1} slides, {deck.subtitle}, {len(data) / 1024:,.0f} KB) in {seconds:.1f} s."
    )


@app.command("actions")
def actions_file(
    out: Annotated[Path, typer.Option(help="the CSV file to write (`python -m cxdash import actions` reads it back)")],
) -> None:
    """Write every action as CSV in the format `python -m cxdash import actions` reads, formulas neutralised."""
    if out.suffix.lower() != ".csv":
        raise _fail(f"Name the output file .csv (got {out.name!r}).")
    if not out.parent.is_dir():
        raise _fail(f"The folder {out.parent} does not exist; create it or choose another --out.")
    from cxdash.export import csv_bytes
    from cxdash.views.actions_file import actions_frame

    engine = db.make_engine()
    try:
        with db.session(engine) as session:
            frame = actions_frame(session)
    except OperationalError as exc:
        unreachable = "cxdash cannot reach its database; check DATABASE_URL and that the database is running."
        raise _fail(db.trouble(exc, unreachable), 1) from None
    finally:
        engine.dispose()
    out.write_bytes(csv_bytes(frame))
    typer.echo(f"Wrote {out} ({len(frame)} action(s)).")
