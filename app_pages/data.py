import streamlit as st

from cxdash import ingest, permissions, present, ui
from cxdash.ingest.docs import template_bytes
from cxdash.views import data as view
from cxdash.views import targets, users

actor = ui.current_actor("data")
st.title("Data")
st.caption("Load CSV files with a full error report, set targets, see what was imported, and who changed what.")


def show_report(report: ingest.ImportReport | None) -> None:
    if report is None:
        return
    level, sentence = view.outcome(report)
    {"error": st.error, "info": st.info, "success": st.success}[level](present.escape_markdown(sentence))
    if report.problems:
        frame = report.frame()
        ui.data_table(frame)
        ui.download_csv("Download the report (CSV)", frame, f"cxdash-{report.kind}-problems.csv", "data_report_csv")


def import_section() -> None:
    if not permissions.can(actor, "import_data"):
        st.info("Only an admin can import data. Ask your cxdash admin to load the file.")
        return
    kind = st.selectbox("What does the file hold?", view.kinds(), format_func=view.KIND_LABELS.get, key="data_kind")
    fmt = ingest.FORMATS[kind]
    st.caption(f"{fmt.description} One row per {', '.join(fmt.key)}. UTF-8 CSV with a header row.")
    with st.expander(view.columns_heading(kind), expanded=True):
        columns = view.format_table(kind)
        ui.data_table(columns)
        if fmt.rules:
            st.caption("  \n".join(f"Also checked: {present.escape_markdown(rule)}" for rule in fmt.rules))
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
    picked, since, until = ui.filter_row(choices, view.HISTORY_FILTERS, "data_history", view.label)
    found = ui.cached("data_history", view.history, actor, picked["kind"], picked["username"], since, until)
    table = view.readable(found, view.HISTORY_HEADINGS)
    st.caption(view.shown_count(table, "import", view.HISTORY_LIMIT))
    ui.data_table(table)
    ui.download_csv("Download the history (CSV)", table, "cxdash-import-history.csv", "data_history_csv")
    ui.delete_import(actor)


def audit_section() -> None:
    if not permissions.can(actor, "view_audit_log"):
        st.info("Your role cannot see the audit log.")
        return
    choices = ui.cached("data_audit_choices", view.audit_choices, actor)
    picked, since, until = ui.filter_row(choices, view.AUDIT_FILTERS, "data_audit", view.label)
    filters = picked["entity"], picked["action"], picked["username"], since, until
    table = view.readable(ui.cached("data_audit", view.audit_log, actor, *filters), view.AUDIT_HEADINGS)
    st.caption(view.shown_count(table, "event", view.AUDIT_LIMIT))
    ui.data_table(table)
    ui.download_csv("Download the audit log (CSV)", table, "cxdash-audit-log.csv", "data_audit_csv")


SECTIONS = {
    "Import": import_section,
    **({"Survey export": lambda: ui.survey_export_tab(actor)} if permissions.can(actor, "import_data") else {}),
    **({"Customer records": lambda: ui.customer_records_tab(actor)} if permissions.can(actor, "import_data") else {}),
    **({"Targets": lambda: ui.targets_tab(actor)} if targets.shown_to(actor) else {}),
    "Import history": history_section,
    "Audit log": audit_section,
    **({"Users": lambda: ui.users_tab(actor)} if users.shown_to(actor) else {}),
}
# Only the open section runs and is drawn (opening another reruns the page); the URL names it, so a link opens it.
ui.sections(list(SECTIONS), list(SECTIONS.values()), key="data_tab")
