"""User accounts and sign-in: argon2 hashes, lockout after repeated failures, audit of every attempt.

Passwords are never stored, logged or audited; only their argon2 hashes are kept.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func
from sqlmodel import Session, col, select

from cxdash import audit, db
from cxdash.models import USER_ROLES, AuditEvent, Leader, Region, User
from cxdash.permissions import Actor, require

if TYPE_CHECKING:
    import pandas as pd

MIN_PASSWORD = 10
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
GENERIC_FAILURE = "Unknown username or wrong password."
SESSION_ENDING = ("password_reset", "role_change", "user_deactivate")
_USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{2,64}$")
_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """A throwaway hash to verify against, so a missing user is as slow as a wrong password (made on first use:
    hashing costs a tenth of a second that every command would otherwise pay at start)."""
    return _hasher.hash("not-a-real-password")


class UserError(ValueError):
    """A user-management request that cannot be carried out; the message says why."""


@dataclass(frozen=True)
class SignIn:
    actor: Actor | None
    message: str


def hash_password(password: str) -> str:
    """An argon2id hash of a password that meets the minimum length."""
    if len(password) < MIN_PASSWORD:
        raise UserError(f"Passwords need at least {MIN_PASSWORD} characters.")
    return _hasher.hash(password)


def _verify(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _dummy_hash(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def _user(session: Session, username: str) -> User:
    user = session.exec(select(User).where(col(User.username) == username)).first()
    if user is None:
        raise UserError(f"There is no user called {username!r}.")
    return user


def _region_id(session: Session, role: str, region: str | None) -> int | None:
    if role == "regional_manager" and not region:
        raise UserError("A regional manager needs a region (its code).")
    if not region:
        return None
    found = session.exec(select(Region).where(col(Region.code) == region)).first()
    if found is None:
        raise UserError(f"There is no region with code {region!r}.")
    return found.id


def _leader_id(session: Session, leader_key: str | None) -> int | None:
    if not leader_key:
        return None
    found = session.exec(select(Leader).where(col(Leader.key) == leader_key)).first()
    if found is None:
        raise UserError(f"There is no leader with key {leader_key!r}.")
    return found.id


def _check_role(role: str) -> None:
    if role not in USER_ROLES:
        raise UserError(f"Unknown role {role!r}; choose one of {', '.join(USER_ROLES)}.")


def add_user(
    session: Session,
    *,
    actor: Actor,
    username: str,
    display_name: str,
    role: str,
    password: str | None = None,
    region: str | None = None,
    email: str | None = None,
    leader_key: str | None = None,
) -> User:
    """Create an active account (password optional when sign-in goes through OIDC by email)."""
    require(actor, "manage_users")
    if not _USERNAME.match(username):
        raise UserError("Usernames are 2-64 letters, digits, '.', '_', '-' or '@'.")
    _check_role(role)
    if session.exec(select(User).where(col(User.username) == username)).first():
        raise UserError(f"The username {username!r} is taken.")
    if password is None and not email:
        raise UserError("Give the user a password, or an email for single sign-on.")
    user = User(
        username=username,
        display_name=display_name.strip() or username,
        role=role,
        email=email.strip().lower() if email else None,
        region_id=_region_id(session, role, region),
        leader_id=_leader_id(session, leader_key),
        password_hash=hash_password(password) if password is not None else None,
    )
    session.add(user)
    audit.record(session, username=actor.username, action="user_add", entity="user", key=username, detail=role)
    session.commit()
    return user


def _keep_an_admin(session: Session, user: User, *, what: str) -> None:
    """Refuse to take away the last active admin: nobody could then manage users from the app."""
    if user.role != "admin" or not user.active:
        return
    others = (
        select(func.count()).select_from(User).where(col(User.role) == "admin", col(User.active), User.id != user.id)
    )
    if int(session.exec(others).one()) == 0:
        raise UserError(f"{user.username} is the last active admin; make another user admin before you {what}.")


def set_role(session: Session, *, actor: Actor, username: str, role: str, region: str | None = None) -> None:
    """Change a user's role (and region, which regional managers need)."""
    require(actor, "manage_users")
    _check_role(role)
    user = _user(session, username)
    if role != "admin":
        _keep_an_admin(session, user, what="change their role")
    before = user.role
    user.region_id = _region_id(session, role, region)
    user.role = role
    session.add(user)
    audit.record(session, username=actor.username, action="role_change", entity="user", key=username,
                 detail=f"{before} -> {role}" + (f" ({region})" if region else ""))  # fmt: skip
    session.commit()


def deactivate(session: Session, *, actor: Actor, username: str) -> None:
    """Block a user from signing in; their open sessions end at their next page view."""
    require(actor, "manage_users")
    user = _user(session, username)
    _keep_an_admin(session, user, what="deactivate them")
    user.active = False
    session.add(user)
    audit.record(session, username=actor.username, action="user_deactivate", entity="user", key=username)
    session.commit()


def reset_password(session: Session, *, actor: Actor, username: str, password: str) -> None:
    """Give a user a new password (and reactivate nothing: deactivated stays deactivated)."""
    require(actor, "manage_users")
    user = _user(session, username)
    user.password_hash = hash_password(password)
    session.add(user)
    audit.record(session, username=actor.username, action="password_reset", entity="user", key=username)
    session.commit()


def users_frame(session: Session) -> pd.DataFrame:
    """Every account without its password hash, for listing."""
    import pandas as pd  # here: commands that never list users start without pandas

    regions = {r.id: r.code for r in session.exec(select(Region)).all()}
    rows = [
        (u.username, u.display_name, u.role, regions.get(u.region_id) if u.region_id else None, u.email, u.active)
        for u in session.exec(select(User).order_by(col(User.username))).all()
    ]
    return pd.DataFrame(rows, columns=["username", "display_name", "role", "region", "email", "active"])


def _actor(session: Session, user: User) -> Actor:
    region = session.get(Region, user.region_id) if user.region_id else None
    leader = session.get(Leader, user.leader_id) if user.leader_id else None
    return Actor(
        username=user.username,
        role=user.role,
        region=region.code if region else None,
        leader_key=leader.key if leader else None,
    )


def actor_for(session: Session, username: str) -> Actor | None:
    """The current permissions of an active user, re-read on every page view; None if gone or inactive."""
    user = session.exec(select(User).where(col(User.username) == username)).first()
    return _actor(session, user) if user is not None and user.active else None


def session_epoch(session: Session, username: str) -> int:
    """Which version of the account a session signed in to: the audit id of its last password reset, role change
    or deactivation (0: none). A session that signed in to an older version has ended."""
    last = select(func.max(AuditEvent.id)).where(
        col(AuditEvent.entity) == "user", col(AuditEvent.key) == username, col(AuditEvent.action).in_(SESSION_ENDING)
    )
    return int(session.exec(last).one() or 0)


def actor_for_email(session: Session, email: str) -> Actor | None:
    """The active user an OIDC provider's verified email maps to."""
    user = session.exec(select(User).where(col(User.email) == email.strip().lower())).first()
    return _actor(session, user) if user is not None and user.active else None


def sso_sign_in(session: Session, email: str) -> Actor | None:
    """A session's first arrival from the OIDC provider, audited like a password sign-in."""
    actor = actor_for_email(session, email)
    who = actor.username if actor else email.strip().lower()
    audit.record(session, username=who[:64], action="sign_in" if actor else "sign_in_failed",
                 entity="session", key=who, detail="single sign-on")  # fmt: skip
    session.commit()
    return actor


def _recent_failures(session: Session, key: str, now: datetime) -> list[datetime]:
    """Failures since the name's last sign-in, in the order the attempts were checked (audit ids are handed out
    under the name's lock; the clock was read before it, so times can be out of that order)."""
    stmt = (
        select(AuditEvent)
        .where(col(AuditEvent.key) == key, col(AuditEvent.entity) == "session")
        .where(col(AuditEvent.at) >= now - LOCKOUT)
        .order_by(col(AuditEvent.id))
    )
    failures: list[datetime] = []
    for event in session.exec(stmt).all():
        if event.action == "sign_in":
            failures = []
        elif event.action == "sign_in_failed":
            failures.append(event.at)
    return failures


def _record_attempt(session: Session, key: str, action: str, now: datetime) -> None:
    event = audit.record(session, username=key[:64], action=action, entity="session", key=key)
    event.at = now
    session.commit()


def _attempt_key(user: User | None, typed: str) -> str:
    """How an attempt is audited: the account's name, or a digest of a name no account has (people type
    their password into the username field, and the audit trail must never hold a password)."""
    if user is not None:
        return user.username
    return "unknown-" + hashlib.sha256(typed.encode("utf-8", "replace")).hexdigest()[:16]


def authenticate(session: Session, username: str, password: str, *, now: datetime | None = None) -> SignIn:
    """Check a username and password; five failures in 15 minutes lock the name for 15 minutes.

    Attempts on one name are checked one at a time, under a lock on the name held while the password is checked:
    a crowd of simultaneous attempts then gets exactly what the same attempts one after another would (at most
    five wrong guesses checked between sign-ins; a room of people signing in to one account all get in). Every
    attempt is audited: ``sign_in``, ``sign_in_failed``, or ``sign_in_locked`` while locked.
    """
    now = now or audit.now()
    user = session.exec(select(User).where(col(User.username) == username)).first()
    key = _attempt_key(user, username)
    db.lock_for_write(session, key=key)
    failures = _recent_failures(session, key, now)
    if len(failures) >= MAX_FAILURES:
        _record_attempt(session, key, "sign_in_locked", now)
        wait = max(1, int((sorted(failures)[-MAX_FAILURES] + LOCKOUT - now).total_seconds() // 60) + 1)
        return SignIn(None, f"Too many failed attempts. Try again in {wait} minute(s).")
    if not (_verify(user.password_hash if user else None, password) and user is not None and user.active):
        _record_attempt(session, key, "sign_in_failed", now)
        return SignIn(None, GENERIC_FAILURE)
    _record_attempt(session, key, "sign_in", now)
    return SignIn(_actor(session, user), f"Signed in as {user.display_name}.")
