"""`python -m cxdash followup open --month 2026-10`: open a follow-up case for every detractor of a month."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy.exc import OperationalError

from cxdash import db
from cxdash.permissions import Actor

app = typer.Typer(help="Detractor follow-up cases (audited).", no_args_is_help=True)
LOCAL_ADMIN = Actor("cli", "admin")
UNREACHABLE = "cxdash cannot reach its database; no case was opened. Check DATABASE_URL and that the database runs."


@app.command("open")
def open_command(
    month: Annotated[str, typer.Option(help="the month whose detractors get a case, as YYYY-MM")],
    region: Annotated[str | None, typer.Option(help="one region's code (default: every region)")] = None,
) -> None:
    """Open a case for every detractor (score 0–6) of MONTH that has none yet; running it again opens nothing twice."""
    # Imported here: it pulls in the queries and pandas, which every other command would otherwise load at start.
    from cxdash.edits.followup import FollowUpError, open_cases, parse_month

    try:
        engine = db.make_engine()
        with db.session(engine) as session:
            opened = open_cases(session, actor=LOCAL_ADMIN, month=parse_month(month), region=region)
    except FollowUpError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    except OperationalError as exc:
        typer.echo(db.trouble(exc, UNREACHABLE), err=True)
        raise typer.Exit(1) from None
    scope = f" in {region}" if region else ""
    typer.echo(f"Opened {opened} follow-up case(s) for the detractors of {month.strip()}{scope}.")
