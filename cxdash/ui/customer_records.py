"""The Customer records tab of the Data page (admins): a CRM or billing export, one row per customer.

Upload, map its columns and region values, check the first rows, then check or import the whole file in
one transaction; each region's monthly retention is derived from its records. It draws only: reading,
checking and importing are in ``cxdash.views.customer_records`` and ``cxdash.sources.customers``.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from cxdash import permissions
from cxdash.present import escape_markdown
from cxdash.sources import SourceError
from cxdash.sources.profile import CUSTOMER_FIELDS
from cxdash.sources.store import ProfileError, save_profile
from cxdash.ui.data import engine
from cxdash.ui.sources import mapped_upload, restart_when, show_preview, show_report, value_mapping
from cxdash.views import customer_records as view
from cxdash.views import sources
from cxdash.views.data import MODE_LABELS

MAPPING = "customers_map_"  # widgets of the mapping; they start again from the proposal when the file or start changes
ORIGIN = "customers_origin"


def _mapping(data: bytes, file_id: str) -> view.Start | None:
    choices = sources.starts(engine(), "customers")
    choice = st.selectbox("Start from", choices, 0, sources.start_label, key="customers_start")
    restart_when((file_id, choice), ORIGIN, (MAPPING, "customers_date_format", "customers_report"))
    try:
        started = view.start(engine(), data, choice, sheet=st.session_state.get("customers_sheet", ""))
    except SourceError as exc:
        st.error(escape_markdown(str(exc)))
        return None
    st.caption(f"Read as {started.format_name}.")
    if started.format_name == "Excel workbook":
        st.text_input("Sheet (empty = the first)", key="customers_sheet")
    options = [view.NONE, *started.names]
    picked, left, right = {}, *st.columns(2)
    for position, field in enumerate(CUSTOMER_FIELDS):
        now = started.profile.columns.get(field, view.NONE)
        where = left if position % 2 == 0 else right
        picked[field] = where.selectbox(view.field_label(field), options, options.index(now) if now in options else 0,
                                        key=f"{MAPPING}col_{field}") or view.NONE  # fmt: skip
    date_format = st.text_input("Date format (strftime codes, e.g. %d.%m.%Y; empty = ISO dates)",
                                started.profile.date_format, key="customers_date_format")  # fmt: skip
    draft = replace(started.profile, columns=view.columns_from(picked), date_format=date_format)
    regions = value_mapping(data, draft, "region", MAPPING, ORIGIN)
    return replace(started, profile=replace(draft, regions=regions))


def _save(actor: permissions.Actor, started: view.Start) -> None:
    chosen = str(st.session_state.get("customers_start", ""))
    default = chosen.removeprefix("profile:") if chosen.startswith("profile:") else ""
    name = st.text_input("Profile name", default, max_chars=64, key="customers_name").strip()
    if st.button("Save profile", key="customers_save"):
        try:
            new = save_profile(engine(), replace(started.profile, name=name, kind="customers"), actor=actor)
            st.success(escape_markdown(f"Profile {name} {'saved' if new else 'updated'}."))
        except (ProfileError, permissions.PermissionDenied) as exc:
            st.error(escape_markdown(str(exc)))


def customer_records_tab(actor: permissions.Actor) -> None:
    """Import customer records from the app, with the same checks, report and all-or-nothing load as the CLI."""
    caption = ("A CRM or billing export (CSV or .xlsx) with one row per customer or subscription: customer key, "
               "region, start date, and end or cancellation date if any. cxdash stores the records and derives "
               "each region's monthly retention from them, replacing its monthly counts.")  # fmt: skip
    found = mapped_upload(actor, ("customer records", caption, "Customer records", "customers_upload"), _mapping)
    if found is None:
        return
    upload, data, started = found
    try:
        show_preview(*view.preview(engine(), data, started.profile))
    except SourceError as exc:
        st.error(escape_markdown(str(exc)))
        return
    _save(actor, started)
    mode = st.radio("Customers whose key is already stored", list(MODE_LABELS), format_func=MODE_LABELS.get,
                    key="customers_mode") or "skip"  # fmt: skip
    check = st.button("Check the whole file", key="customers_check")
    if st.button("Import", type="primary", key="customers_import") or check:
        with st.spinner(f"{'Checking' if check else 'Importing'} {escape_markdown(upload.name)}"):
            st.session_state["customers_report"] = view.run(engine(), data, started.profile, upload.name, mode,
                                                            actor, check=check)  # fmt: skip
            st.session_state["customers_checked"] = check
    report = st.session_state.get("customers_report")
    if report is not None and report.ok and st.session_state.get("customers_checked"):
        st.info(escape_markdown(f"The whole file checks out; nothing is stored until you import. {report.summary()}"))
    else:
        show_report(report, "customers_report_csv")
