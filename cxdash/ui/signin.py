"""Who is using this session: open demo, password sign-in, or the company's OIDC provider through st.login."""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import urlparse

import streamlit as st
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from cxdash import auth, config, db, permissions, queries
from cxdash.present import escape_markdown
from cxdash.ui.data import engine

log = logging.getLogger("cxdash")
FAILED_SIGN_IN_DELAY = 1.0
UNREACHABLE = "cxdash cannot reach its database right now. Check DATABASE_URL and the database, then reload."


def current_actor(page: str) -> permissions.Actor:
    """The person using this session, as the sign-in gate established it for this run; a page names itself, and a
    role that may not open it is stopped here too, not only by the navigation."""
    actor = st.session_state.get("auth_actor")
    if not isinstance(actor, permissions.Actor):
        with db.session(engine()) as session:
            if queries.user_count(session) != 0:
                st.error("Please sign in again.")
                st.stop()
        actor = permissions.DEMO_ACTOR
    if not permissions.can_open(actor, page):
        st.error(f"Your role does not include {permissions.PAGE_NAMES[page]}. Ask your cxdash admin if you need it.")
        st.stop()
    return actor


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets.toml at all
        return False


def _sign_in_form(with_sso: bool) -> permissions.Actor | None:
    """The sign-in form; returns the actor when this run's submission succeeded (and clears the form)."""
    box = st.empty()
    with box.container():
        st.title("Sign in to cxdash")
        with st.form("auth_form"):
            username = st.text_input("Username", key="auth_form_username")
            password = st.text_input("Password", type="password", key="auth_form_password")
            submitted = st.form_submit_button("Sign in", type="primary")
        if with_sso:
            st.button("Sign in with your company account", on_click=st.login, key="auth_sso")
    if not submitted:
        return None
    try:
        with db.session(engine()) as session:
            result = auth.authenticate(session, username.strip(), password)
            epoch = auth.session_epoch(session, result.actor.username) if result.actor else 0
    except OperationalError as error:
        log.warning("sign-in could not reach the database: %s", error)
        box.container().error(db.trouble(error, UNREACHABLE))
        return None
    if result.actor is None:
        time.sleep(FAILED_SIGN_IN_DELAY)
        box.container().error(result.message)
        return None
    box.empty()
    st.session_state["auth_username"] = result.actor.username
    st.session_state["auth_epoch"], st.session_state["auth_seen"] = epoch, time.time()
    return result.actor


def _sign_in_page() -> None:
    """The page anonymous visitors get; a successful sign-in reruns the app with the actor's own pages."""
    if _sign_in_form(_oidc_configured()) is not None:
        st.rerun()


def sign_in_gate() -> permissions.Actor:
    """Who is using the app: the demo admin with no users, else a signed-in active user (or stop)."""
    # Established afresh on every run, so a stopped run never leaves the previous run's actor behind.
    st.session_state.pop("auth_actor", None)
    try:
        with db.session(engine()) as session:
            if queries.user_count(session) == 0:
                actor: permissions.Actor | None = permissions.DEMO_ACTOR
            elif _oidc_configured() and st.user.is_logged_in:
                email = str(st.user.email or "")
                # Audited once per arrival from the provider; later runs only re-read the role.
                if st.session_state.get("auth_sso_email") != email:
                    st.session_state["auth_sso_email"] = email
                    actor = auth.sso_sign_in(session, email)
                else:
                    actor = auth.actor_for_email(session, email)
                if actor is None:
                    st.error("Your company account has no active cxdash user. Ask your cxdash admin to add you.")
                    st.button("Sign out", on_click=st.logout, key="auth_sso_out")
                    st.stop()
            else:
                username = st.session_state.get("auth_username")
                actor = auth.actor_for(session, username) if username else None
                ended = _ended(session, username, actor) if username else None
                if ended:
                    _forget()
                    st.warning(ended)
                    actor = None
    except OperationalError as error:
        log.exception("database unreachable at sign-in")
        st.error(db.trouble(error, UNREACHABLE))
        st.stop()
    if actor is None:
        if asked := _asked_for_page():
            st.session_state["auth_next_page"] = asked
        # The sign-in page alone is the navigation, so no page file has a route before someone signs in. A link to
        # a page gets the sign-in form at that address (instead of Streamlit's "page not found").
        form = [st.Page(_sign_in_page, title="Sign in", icon=":material/login:", default=True)]
        if asked and asked != "overview":
            form.append(st.Page(_sign_in_page, title="Sign in", icon=":material/login:", url_path=asked))
        st.navigation(form, position="hidden").run()
        st.stop()
    st.session_state["auth_actor"] = actor
    return actor


def _asked_for_page() -> str | None:
    """The page the browser's address names (``/regions?…`` → ``regions``), if it is one of the app's pages."""
    path = urlparse(st.context.url or "").path.rstrip("/").rsplit("/", 1)[-1]
    return path if path in permissions.PAGES else None


def _back_to_the_asked_page(actor: permissions.Actor) -> None:
    """After signing in from a link, open the page the link named, with its query parameters.

    Streamlit forgets the address's page while the sign-in form stands in for the app; the filters in the
    query string survive. Called once navigation knows the actor's pages; a page the role may not open is
    not opened (navigation would refuse it anyway)."""
    asked = st.session_state.pop("auth_next_page", None)
    if asked and asked != "overview" and permissions.can_open(actor, asked):
        st.switch_page(f"app_pages/{asked}.py", query_params=st.query_params.to_dict())


def allowed_pages(actor: permissions.Actor, pages: list[Any]) -> list[Any]:
    """Only the pages the actor's role may open appear in the navigation (and can be reached by URL)."""
    return [p for p in pages if permissions.can_open(actor, p.url_path or "overview")]


def _ended(session: Session, username: str, actor: permissions.Actor | None) -> str | None:
    """Why a password session has ended (deactivated, idle too long, or the account changed), or None."""
    if actor is None:
        return "Your session has ended: the account is no longer active."
    now, idle = time.time(), config.idle_timeout()
    if now - st.session_state.setdefault("auth_seen", now) > idle.total_seconds():
        return f"Your session ended after {idle.total_seconds() / 3600:g} hours without a click; sign in again."
    epoch = auth.session_epoch(session, username)
    if st.session_state.setdefault("auth_epoch", epoch) != epoch:
        return "Your session has ended because your account changed (a new password or role); sign in again."
    st.session_state["auth_seen"] = now
    return None


def _forget() -> None:
    for key in ("auth_username", "auth_actor", "auth_sso_email", "auth_next_page", "auth_epoch", "auth_seen"):
        st.session_state.pop(key, None)


def sign_out() -> None:
    _forget()
    if _oidc_configured() and st.user.is_logged_in:
        st.logout()


def account_box(actor: permissions.Actor) -> None:
    """Who is signed in, with a sign-out button (nothing in open demo mode); right after a sign-in from a link,
    the page the link named."""
    if actor is permissions.DEMO_ACTOR:
        return
    _back_to_the_asked_page(actor)
    scope = f", {escape_markdown(actor.region)}" if actor.region else ""
    who = escape_markdown(actor.username)
    st.sidebar.caption(f"Signed in as {who} ({actor.role.replace('_', ' ')}{scope})")
    st.sidebar.button("Sign out", on_click=sign_out, key="auth_sign_out")
