import streamlit as st

from cxdash import export, ingest, permissions, present, ui
from cxdash.ingest.docs import template_bytes
from cxdash.views import data as view

actor = ui.current_actor()
st.title("Data")
st.caption("Load CSV files with a full error report, see what was imported, and who changed what.")


def show_report(report: ingest.ImportReport | None) -> None:
    if report is None:
        return
    level, sentence = view.outcome(report)
    {"error": st.error, "info": st.info, "success": st.success}[level](present.escape_markdown(sentence))
    if report.problems:
        frame = report.frame()
        st.dataframe(frame, hide_index=True)
        name = f"cxdash-{report.kind}-problems.csv"
        st.download_button(
            "Download the report (CSV)", export.csv_bytes(frame), name, "text/csv", key="data_report_csv"
        )


def import_section() -> None:
    if not permissions.can(actor, "import_data"):
        st.info("Only an admin can import data. Ask your cxdash admin to load the file.")
        return
    kind = st.selectbox("What does the file hold?", view.kinds(), format_func=view.KIND_LABELS.get, key="data_kind")
    fmt = ingest.FORMATS[kind]
    st.caption(f"{fmt.description} One row per {', '.join(fmt.key)}. UTF-8 CSV with a header row.")
    with st.expander(f"Columns of {fmt.file_name}", expanded=True):
        st.dataframe(view.format_table(kind), hide_index=True)
        for rule in fmt.rules:
            st.caption(f"Also checked: {present.escape_markdown(rule)}")
    st.download_button("Download the template", template_bytes(kind), fmt.file_name, "text/csv", key="data_template")
    upload = st.file_uploader("CSV file", type=["csv"], key="data_upload")
    mode = st.radio(
        "Rows whose key is already stored", list(view.MODE_LABELS), format_func=view.MODE_LABELS.get, key="data_mode"
    )
    if st.button("Import", type="primary", disabled=upload is None, key="data_import") and upload is not None:
        bar = st.progress(0.0, text="Reading and checking the file…")
        try:
            st.session_state["data_report"] = ingest.import_file(
                ui.engine(),
                kind,
                upload,
                file_name=upload.name,
                mode=mode,
                actor=actor,
                progress=lambda done: bar.progress(done, text=f"Importing {upload.name}: {done:.0%}"),
            )
        except permissions.PermissionDenied as exc:
            st.error(str(exc))
        finally:
            bar.empty()
    show_report(st.session_state.get("data_report"))


def history_section() -> None:
    table = ui.cached("data_history", view.history)
    if table.empty:
        st.info("Nothing has been imported yet.")
        return
    st.dataframe(table, hide_index=True)
    data = export.csv_bytes(table)
    st.download_button(
        "Download the history (CSV)", data, "cxdash-import-history.csv", "text/csv", key="data_history_csv"
    )


def audit_section() -> None:
    if not permissions.can(actor, "view_audit_log"):
        st.info("Your role cannot see the audit log.")
        return
    choices = ui.cached("data_audit_choices", view.audit_choices, actor)
    entity_col, action_col, user_col, since_col, until_col = st.columns(5)
    entity = entity_col.selectbox("Entity", choices["entity"], key="data_audit_entity")
    action = action_col.selectbox("Action", choices["action"], key="data_audit_action")
    user = user_col.selectbox("User", choices["username"], key="data_audit_user")
    since = since_col.date_input("From", value=None, key="data_audit_since")
    until = until_col.date_input("To", value=None, key="data_audit_until")
    table = ui.cached("data_audit", view.audit_log, actor, entity, action, user, since, until)
    st.caption(f"{len(table):,} event(s), newest first; times in UTC.")
    st.dataframe(table, hide_index=True)
    data = export.csv_bytes(table)
    st.download_button("Download the audit log (CSV)", data, "cxdash-audit-log.csv", "text/csv", key="data_audit_csv")


SECTIONS = {"Import": import_section, "Import history": history_section, "Audit log": audit_section}
for tab, draw in zip(st.tabs(list(SECTIONS)), SECTIONS.values(), strict=True):
    with tab:
        draw()
