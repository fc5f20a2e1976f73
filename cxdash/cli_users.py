"""`python -m cxdash users …`: manage accounts from the server's shell (acts as a local admin)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from sqlalchemy.exc import OperationalError

from cxdash import auth, db
from cxdash.models import USER_ROLES
from cxdash.permissions import Actor, PermissionDenied

app = typer.Typer(help="Manage user accounts. Roles: " + ", ".join(USER_ROLES) + ".", no_args_is_help=True)
LOCAL_ADMIN = Actor("cli", "admin")
UNREACHABLE = "cxdash cannot reach its database; nothing changed. Check DATABASE_URL and that the database runs."


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


def _run(action: str, fn: object, **kwargs: object) -> None:
    try:
        with db.session(db.make_engine()) as session:
            fn(session, actor=LOCAL_ADMIN, **kwargs)  # type: ignore[operator]
    except (auth.UserError, PermissionDenied) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    except OperationalError as exc:
        typer.echo(db.trouble(exc, UNREACHABLE), err=True)
        raise typer.Exit(1) from None
    typer.echo(action)


@app.command("add")
def add(
    username: str,
    role: Annotated[str, typer.Option(help="one of: " + ", ".join(USER_ROLES))],
    display_name: Annotated[str, typer.Option(help="name shown in the app")] = "",
    region: Annotated[str | None, typer.Option(help="region code (regional managers)")] = None,
    email: Annotated[str | None, typer.Option(help="email the OIDC provider signs in with")] = None,
    leader: Annotated[str | None, typer.Option(help="leader key, for executives rating alignment")] = None,
    sso_only: Annotated[bool, typer.Option("--sso-only", help="no password: sign in through OIDC only")] = False,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="read the password from stdin")] = False,
) -> None:
    """Create a user (asks for the password unless --sso-only)."""
    password = None if sso_only else _password(password_stdin)
    _run(f"User {username} added as {role}.", auth.add_user, username=username, display_name=display_name or username,
         role=role, password=password, region=region, email=email, leader_key=leader)  # fmt: skip


@app.command("list")
def list_() -> None:
    """List every account (never the password hashes)."""
    with db.session(db.make_engine()) as session:
        frame = auth.users_frame(session)
    if frame.empty:
        typer.echo("No users: the app runs as an open demo. Add an admin: python -m cxdash users add NAME --role admin")
        return
    typer.echo(frame.to_string(index=False))


@app.command("set-role")
def set_role(
    username: str,
    role: Annotated[str, typer.Argument(help="one of: " + ", ".join(USER_ROLES))],
    region: Annotated[str | None, typer.Option(help="region code (regional managers)")] = None,
) -> None:
    """Change a user's role."""
    _run(f"{username} is now {role}.", auth.set_role, username=username, role=role, region=region)


@app.command("deactivate")
def deactivate(username: str) -> None:
    """Stop a user from signing in; their open sessions end at the next page view."""
    _run(f"{username} is deactivated.", auth.deactivate, username=username)


@app.command("reset-password")
def reset_password(
    username: str,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="read the password from stdin")] = False,
) -> None:
    """Set a new password for a user."""
    _run(f"Password of {username} reset.", auth.reset_password, username=username, password=_password(password_stdin))
