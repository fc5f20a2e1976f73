import streamlit as st

from cxdash import ingest, permissions, present, ui
from cxdash.ingest.docs import template_bytes
from cxdash.views import data as view
from cxdash.views import targets, users

actor = ui.current_actor()
st.title("Data")
st.caption("Load CSV files with a full error report, set targets, see what was imported, and who changed what.")


def show_report(report: ingest.ImportReport | None) -> None:
    if report is None:
        return
    level, sentence = view.outcome(report)
    {"error": st.error, "info": st.info, "success": st.success}[level](present.escape_markdown(sentence))
    if report.problems:
        frame = report.frame()
        st.dataframe(frame, hide_index=True)
        ui.download_csv("Download the report (CSV)", frame, f"cxdash-{report.kind}-problems.csv", "data_report_csv")


def import_section() -> None:
    if not permissions.can(actor, "import_data"):
        st.info("Only an admin can import data. Ask your cxdash admin to load the file.")
        return
    kind = st.selectbox("What does the file hold?", view.kinds(), format_func=view.KIND_LABELS.get, key="data_kind")
    fmt = ingest.FORMATS[kind]
    st.caption(f"{fmt.description} One row per {', '.join(fmt.key)}. UTF-8 CSV with a header row.")
    with st.expander(f"Columns of {fmt.file_name}", expanded=True):
        columns = view.format_table(kind)
        st.dataframe(columns, hide_index=True)
        for rule in fmt.rules:
            st.caption(f"Also checked: {present.escape_markdown(rule)}")
        ui.download_csv("Download the column list (CSV)", columns, f"cxdash-{kind}-columns.csv", "data_columns_csv")
    st.download_button("Download the template", template_bytes(kind), fmt.file_name, "text/csv", key="data_template")
    upload = st.file_uploader("CSV file", type=["csv"], key="data_upload")
    mode = st.radio(
        "Rows whose key is already stored", list(view.MODE_LABELS), format_func=view.MODE_LABELS.get, key="data_mode"
    )
    if st.button("Import", type="primary", disabled=upload is None, key="data_import") and upload is not None:
        with ui.progress_bar(f"Importing {present.escape_markdown(upload.name)}") as progress:
            try:
                st.session_state["data_report"] = ingest.import_file(
                    ui.engine(), kind, upload, file_name=upload.name, mode=mode, actor=actor, progress=progress
                )
            except permissions.PermissionDenied as exc:
                st.error(str(exc))
    show_report(st.session_state.get("data_report"))


def history_section() -> None:
    if not permissions.can(actor, "view_audit_log"):
        st.info("Your role cannot see the import history.")
        return
    choices = ui.cached("data_history_choices", view.history_choices, actor)
    if choices["kind"] == [view.ALL]:
        st.info("Nothing has been imported yet.")
        return
    picked, since, until = ui.filter_row(choices, view.HISTORY_FILTERS, "data_history")
    table = ui.cached("data_history", view.history, actor, picked["kind"], picked["username"], since, until)
    st.caption(view.shown_count(table, "import", view.HISTORY_LIMIT))
    st.dataframe(table, hide_index=True)
    ui.download_csv("Download the history (CSV)", table, "cxdash-import-history.csv", "data_history_csv")


def audit_section() -> None:
    if not permissions.can(actor, "view_audit_log"):
        st.info("Your role cannot see the audit log.")
        return
    choices = ui.cached("data_audit_choices", view.audit_choices, actor)
    picked, since, until = ui.filter_row(choices, view.AUDIT_FILTERS, "data_audit")
    filters = picked["entity"], picked["action"], picked["username"], since, until
    table = ui.cached("data_audit", view.audit_log, actor, *filters)
    st.caption(view.shown_count(table, "event", view.AUDIT_LIMIT))
    st.dataframe(table, hide_index=True)
    ui.download_csv("Download the audit log (CSV)", table, "cxdash-audit-log.csv", "data_audit_csv")


def users_section() -> None:
    """What `python -m cxdash users` does; cxdash.auth checks the role again. Passwords are never echoed."""
    secrets = ("data_user_password", "data_user_repeat", "data_user_new_password", "data_user_new_repeat")
    pick, roles = ui.cached("data_user_choices", users.choices), list(users.ROLE_LABELS)
    leaders = pick.leaders

    def write(fn, done: str, **values) -> None:  # type: ignore[no-untyped-def]
        if ui.attempt(fn, actor, **values):
            st.session_state["data_users_flash"] = done
            for key in secrets:
                st.session_state.pop(key, None)
            st.rerun()

    def pick_region(key: str) -> str | None:
        label = "Region (regional managers)"
        return st.selectbox(label, list(pick.regions), None, lambda c: f"{c} · {pick.regions[c]}", key=key)

    if flash := st.session_state.pop("data_users_flash", None):
        st.success(present.escape_markdown(flash))
    accounts = ui.cached("data_users", users.table, actor)
    st.dataframe(accounts, hide_index=True, key="data_users_table")
    ui.download_csv("Download the users (CSV)", accounts, "cxdash-users.csv", "data_users_csv")
    add, change = st.columns(2)
    with add.form("data_user_add"):
        st.markdown("**Add a user**")
        new = {
            "username": st.text_input("Username", max_chars=64, key="data_user_username"),
            "display_name": st.text_input("Name shown in the app", max_chars=120, key="data_user_display_name"),
            "role": st.selectbox("Role", roles, format_func=users.ROLE_LABELS.get, key="data_user_role"),
            "region": pick_region("data_user_region"),
            "email": st.text_input("Email for single sign-on (optional)", key="data_user_email"),
            "leader_key": st.selectbox("Leader (rates alignment)", leaders, None, leaders.get, key="data_user_leader"),
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
            if what == "role":
                role = st.selectbox("New role", roles, format_func=users.ROLE_LABELS.get, key="data_user_new_role")
                values = {"role": role, "region": pick_region("data_user_new_region")}
            elif what == "password":
                values = {
                    "password": st.text_input("New password", type="password", key="data_user_new_password"),
                    "repeat": st.text_input("Repeat it", type="password", key="data_user_new_repeat"),
                }
            else:
                label = f"Yes, stop {present.escape_markdown(who)} signing in"
                values = {"confirm": st.checkbox(label, key="data_user_confirm")}
            if st.form_submit_button(users.CHANGES[what], key="data_user_apply"):
                write(users.WRITES[what], users.done(what, who, values.get("role")), username=who, **values)


SECTIONS = {
    "Import": import_section,
    **({"Targets": lambda: ui.targets_tab(actor)} if targets.shown_to(actor) else {}),
    "Import history": history_section,
    "Audit log": audit_section,
    **({"Users": users_section} if users.shown_to(actor) else {}),
}
for tab, draw in zip(st.tabs(list(SECTIONS)), SECTIONS.values(), strict=True):
    with tab:
        draw()
