"""`python -m cxdash delete responses …`: remove responses loaded by mistake, with their rollups, audited."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.exc import OperationalError

from cxdash import db
from cxdash.ingest.delete import DeleteError, Selection, count_matching, delete_responses
from cxdash.permissions import Actor

app = typer.Typer(help="Delete data loaded by mistake (audited; rollups follow).", no_args_is_help=True)
LOCAL_ADMIN = Actor("cli", "admin")
UNREACHABLE = "cxdash cannot reach its database; nothing was deleted. Check DATABASE_URL and that the database runs."


def _keys(path: Path) -> tuple[str, ...]:
    """Response keys from a file: one per line, or a CSV whose header has a response_key column."""
    try:
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    except (OSError, UnicodeDecodeError) as exc:
        raise typer.BadParameter(f"cannot read {path}: {exc}") from None
    column = rows[0].index("response_key") if rows and "response_key" in rows[0] else None
    cells = [row[column or 0].strip() for row in rows[1 if column is not None else 0 :] if row]
    return tuple(dict.fromkeys(key for key in cells if key))


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{option} takes a day as YYYY-MM-DD (got {text!r})") from None


@app.command("responses")
def responses(
    batch: Annotated[int | None, typer.Option(help="the id of the import (its id in the import history)")] = None,
    keys: Annotated[Path | None, typer.Option(help="file of response keys, one per line or a response_key column")] = (
        None
    ),
    first: Annotated[str | None, typer.Option("--from", help="first day answered, YYYY-MM-DD (inclusive)")] = None,
    last: Annotated[str | None, typer.Option("--to", help="last day answered, YYYY-MM-DD (inclusive)")] = None,
    yes: Annotated[bool, typer.Option("--yes", help="do not ask for confirmation")] = False,
) -> None:
    """Delete the responses one import added (--batch), a list of keys (--keys) or a span of days (--from/--to)."""
    chosen = Selection(
        batch=batch, keys=_keys(keys) if keys else (), start=_day(first, "--from"), end=_day(last, "--to")
    )
    try:
        with db.session(db.make_engine()) as session:
            found = count_matching(session, chosen)
            if found and not yes:
                typer.confirm(f"Delete {found:,} response(s) ({chosen.describe()})? This cannot be undone", abort=True)
            deleted = delete_responses(session, actor=LOCAL_ADMIN, chosen=chosen)
    except DeleteError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    except OperationalError as exc:
        typer.echo(db.trouble(exc, UNREACHABLE), err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Deleted {deleted:,} response(s) ({chosen.describe()}); their monthly figures were recomputed.")
