"""The Users tab of the Data page (admins): the accounts, a form to add one, and changes to one.

It draws only; the rules and every write are in ``cxdash.views.users`` and ``cxdash.auth``. It lives
here rather than in ``app_pages/`` because every file there is a page of the navigation.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from cxdash import permissions
from cxdash.present import escape_markdown
from cxdash.ui.data import cached
from cxdash.ui.frame import attempt
from cxdash.ui.widgets import data_table, download_csv
from cxdash.views import users


def users_tab(actor: permissions.Actor) -> None:
    """What `python -m cxdash users` does; cxdash.auth checks the role again. Passwords are never echoed."""
    secrets = ("data_user_password", "data_user_repeat", "data_user_new_password", "data_user_new_repeat")
    pick, roles = cached("data_user_choices", users.choices), list(users.ROLE_LABELS)
    leaders, role_label = pick.leaders, users.ROLE_LABELS.__getitem__

    def write(fn, done: str, **values) -> None:  # type: ignore[no-untyped-def]
        if attempt(fn, actor, **values):
            st.session_state["data_users_flash"] = done
            for key in secrets:
                st.session_state.pop(key, None)
            st.rerun()

    def pick_region(key: str) -> str | None:
        label = "Region (regional managers)"
        return st.selectbox(label, list(pick.regions), None, lambda c: f"{c} · {pick.regions[c]}", key=key)

    if flash := st.session_state.pop("data_users_flash", None):
        st.success(escape_markdown(flash))
    accounts = cached("data_users", users.table, actor)
    data_table(accounts, key="data_users_table")
    download_csv("Download the users (CSV)", accounts, "cxdash-users.csv", "data_users_csv")
    add, change = st.columns(2)
    with add.form("data_user_add"):
        st.markdown("**Add a user**")
        new: dict[str, Any] = {
            "username": st.text_input("Username", max_chars=64, key="data_user_username"),
            "display_name": st.text_input("Name shown in the app", max_chars=120, key="data_user_display_name"),
            "role": st.selectbox("Role", roles, format_func=role_label, key="data_user_role"),
            "region": pick_region("data_user_region"),
            "email": st.text_input("Email for single sign-on (optional)", key="data_user_email"),
            "leader_key": st.selectbox(
                "Leader (rates alignment)", list(leaders), None, leaders.__getitem__, key="data_user_leader"
            ),
            "password": st.text_input("Password", type="password", key="data_user_password"),
            "repeat": st.text_input("Repeat the password", type="password", key="data_user_repeat"),
        }
        st.caption("Leave both password fields empty for an account that signs in through single sign-on only.")
        if st.form_submit_button("Add user", type="primary", key="data_user_add_submit"):
            write(users.add, f"Added {new['username'].strip()} as {users.ROLE_LABELS[new['role']]}.", **new)
    with change:
        st.markdown("**Change a user**")
        who = st.selectbox("User", pick.usernames, key="data_user_target") or ""
        changes = list(users.CHANGES)
        what = st.radio("Change", changes, format_func=users.CHANGES.get, horizontal=True, key="data_user_change")
        with st.form("data_user_change_form"):
            values: dict[str, Any]
            if what == "role":
                role = st.selectbox("New role", roles, format_func=role_label, key="data_user_new_role")
                values = {"role": role, "region": pick_region("data_user_new_region")}
            elif what == "password":
                values = {
                    "password": st.text_input("New password", type="password", key="data_user_new_password"),
                    "repeat": st.text_input("Repeat it", type="password", key="data_user_new_repeat"),
                }
            else:
                label = f"Yes, stop {escape_markdown(who)} signing in"
                values = {"confirm": st.checkbox(label, key="data_user_confirm")}
            if st.form_submit_button(users.CHANGES[what], key="data_user_apply"):
                write(users.WRITES[what], users.done(what, who, values.get("role")), username=who, **values)
