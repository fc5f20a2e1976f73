"""`python -m cxdash digest`: e-mail the month's scorecard and summary with the deck, or write it to a file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.exc import OperationalError

from cxdash import db

ADDRESS = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+")


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code)


def digest(
    to: Annotated[list[str], typer.Option(help="recipient address; repeat for more")],
    month: Annotated[str | None, typer.Option(help="YYYY-MM; default: the latest month with data")] = None,
    dry_run: Annotated[bool, typer.Option(help="write the e-mail to --out instead of sending it")] = False,
    out: Annotated[Path | None, typer.Option(help="with --dry-run: the .eml file to write")] = None,
) -> None:
    """Send the monthly digest: the KPI scorecard, executive summary and overdue actions inline, the deck attached.

    SMTP comes from CXDASH_SMTP_HOST, _PORT, _STARTTLS, _USER, _PASSWORD and _FROM, or from the [smtp] section of
    .streamlit/secrets.toml (host, port, starttls, user, password, from)."""
    from datetime import UTC, datetime

    from cxdash.boardpack.deck import BoardPackError, build_deck, latest_month, parse_month
    from cxdash.digest.settings import DigestError, smtp_settings
    from cxdash.views.action_report import action_report

    bad = [a for a in to if not ADDRESS.fullmatch(a.strip())]
    if bad:
        raise _fail(f"{', '.join(bad)} is not an e-mail address; give --to like cco@example.com.")
    if dry_run and out is None:
        raise _fail("With --dry-run, name the file to write with --out, for example --out digest.eml.")
    if out is not None and not out.parent.is_dir():
        raise _fail(f"The folder {out.parent} does not exist; create it or choose another --out.")
    try:
        smtp = None if dry_run else smtp_settings()
        engine = db.make_engine()
        try:
            with db.session(engine) as session:
                chosen = parse_month(month) if month else latest_month(session)
                deck = build_deck(session, chosen)
                overdue = action_report(session, chosen, datetime.now(UTC).date()).overdue_by_owner()
        finally:
            engine.dispose()
    except (BoardPackError, DigestError) as exc:
        raise _fail(str(exc)) from None
    except OperationalError:
        raise _fail(
            "cxdash cannot reach its database; check DATABASE_URL and that the database is running.", 1
        ) from None
    from cxdash.boardpack.render import render
    from cxdash.digest.message import digest_message
    from cxdash.digest.send import send

    now = datetime.now(UTC)
    sender = smtp.sender if smtp else "cxdash@localhost"
    pptx = render(deck, "pptx", now)
    message = digest_message(deck, pptx, sender=sender, to=[a.strip() for a in to], sent_at=now, overdue=overdue)
    if smtp is None:
        assert out is not None
        out.write_bytes(message.as_bytes())
        typer.echo(f"Wrote the digest for {deck.subtitle} to {out}; nothing was sent.")
        return
    try:
        send(message, smtp)
    except DigestError as exc:
        raise _fail(str(exc), 1) from None
    typer.echo(f"Sent the digest for {deck.subtitle} to {', '.join(to)} through {smtp.host}:{smtp.port}.")
