"""The Users section of the Data page: what the users command line does, for admins signed in to the app.

Every write goes through ``cxdash.auth``, which checks the role again; passwords are only passed on to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session

from cxdash import auth, permissions
from cxdash.queries import alignment as alignment_queries
from cxdash.views.regions import region_choices

ROLE_LABELS: dict[str, str] = {
    "admin": "Admin",
    "cco": "Chief Customer Officer",
    "executive": "Executive",
    "regional_manager": "Regional manager",
    "viewer": "Viewer (read-only)",
}
CHANGES: dict[str, str] = {
    "role": "Change the role",
    "password": "Reset the password",
    "deactivate": "Deactivate",
}
COLUMNS = {
    "username": "Username",
    "display_name": "Name",
    "role": "Role",
    "region": "Region",
    "email": "Single sign-on email",
    "active": "Active",
}


@dataclass(frozen=True)
class UserChoices:
    """What the forms offer: accounts, regions (code → name) and leaders (key → title)."""

    usernames: list[str]
    regions: dict[str, str]
    leaders: dict[str, str]


def shown_to(actor: permissions.Actor) -> bool:
    """Admins signed in as themselves; in open demo mode the first admin is made from the server's shell."""
    return actor is not permissions.DEMO_ACTOR and permissions.can(actor, "manage_users")


def table(session: Session, actor: permissions.Actor) -> pd.DataFrame:
    """Every account as admins read it (never a password hash); only for roles that manage users."""
    permissions.require(actor, "manage_users")
    frame = auth.users_frame(session)
    return frame.assign(role=frame["role"].map(lambda r: ROLE_LABELS.get(r, r))).rename(columns=COLUMNS)


def choices(session: Session) -> UserChoices:
    """Accounts, regions and leaders for the pickers of the user forms."""
    team = alignment_queries.leaders(session)
    return UserChoices(
        usernames=list(auth.users_frame(session)["username"]),
        regions=region_choices(session),
        leaders=dict(zip(team["leader"], team["title"], strict=True)),
    )


def _password(password: str, repeat: str) -> str:
    if password != repeat:
        raise auth.UserError("The two passwords differ; type the same password in both fields.")
    return password


def add(
    session: Session,
    *,
    actor: permissions.Actor,
    username: str,
    display_name: str,
    role: str,
    region: str | None,
    email: str,
    leader_key: str | None,
    password: str,
    repeat: str,
) -> None:
    """Create an account; with both password fields empty it signs in through single sign-on only."""
    secret = _password(password, repeat) or None
    if secret is None and not email.strip():
        raise auth.UserError("Give the user a password (twice), or an email for single sign-on.")
    auth.add_user(
        session,
        actor=actor,
        username=username.strip(),
        display_name=display_name,
        role=role,
        password=secret,
        region=region,
        email=email.strip() or None,
        leader_key=leader_key,
    )


def reset(session: Session, *, actor: permissions.Actor, username: str, password: str, repeat: str) -> None:
    """Give a user a new password typed twice."""
    auth.reset_password(session, actor=actor, username=username, password=_password(password, repeat))


def deactivate(session: Session, *, actor: permissions.Actor, username: str, confirm: bool) -> None:
    """Stop a user signing in, once the admin has confirmed it."""
    permissions.require(actor, "manage_users")
    if not confirm:
        raise auth.UserError(f"Tick the box to confirm that {username} should no longer sign in.")
    auth.deactivate(session, actor=actor, username=username)


WRITES = {"role": auth.set_role, "password": reset, "deactivate": deactivate}


def done(change: str, username: str, role: str | None = None) -> str:
    """What the page says after a change went through (never a password)."""
    if change == "role":
        return f"{username} is now {ROLE_LABELS.get(role or '', role)}."
    if change == "password":
        return f"The password of {username} is reset; tell them through a channel other than this app's."
    return f"{username} is deactivated: they can no longer sign in, and any open session ends at its next click."
