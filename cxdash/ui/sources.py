"""The Survey export tab of the Data page (admins): upload an export, correct the proposed mapping, save, import.

It draws only; reading, mapping and importing are in ``cxdash.views.sources`` and ``cxdash.sources``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from cxdash import permissions
from cxdash.ingest.report import ImportReport
from cxdash.present import escape_markdown
from cxdash.sources import FIELDS, Profile, SourceError
from cxdash.sources.store import ProfileError, save_profile
from cxdash.ui.data import engine
from cxdash.ui.widgets import data_table, download_csv, progress_bar
from cxdash.views import sources as view
from cxdash.views.data import MODE_LABELS, outcome

Built = TypeVar("Built")
MAPPING = "sources_map_"  # widgets of the mapping; they start again from the proposal when the file or start changes


def restart_when(origin: tuple[Any, ...], key: str, prefixes: tuple[str, ...]) -> None:
    """Forget the widgets under ``prefixes`` when ``origin`` (the file, the starting profile) changes."""
    if st.session_state.get(key) != origin:
        for name in [k for k in st.session_state if str(k).startswith(prefixes)]:
            del st.session_state[name]
        st.session_state[key] = origin


def _columns(start: view.Start) -> dict[str, str]:
    options = [view.NONE, view.FIXED, *start.names]
    picked: dict[str, tuple[str, str]] = {}
    left, right = st.columns(2)
    for position, field in enumerate(FIELDS):
        where = left if position % 2 == 0 else right
        now = view.choice_of(start.profile, field)
        choice = where.selectbox(view.field_label(field), options, options.index(now) if now in options else 0,
                                 key=f"{MAPPING}col_{field}")  # fmt: skip
        fixed = ""
        if choice == view.FIXED:
            default = start.profile.constant(field) or ""
            fixed = where.text_input(f"{FIELDS[field]}: fixed value", default, key=f"{MAPPING}fixed_{field}")
        picked[field] = (choice or view.NONE, fixed)
    return view.columns_from(picked)


def value_mapping(data: bytes, profile: Profile, field: str, prefix: str = MAPPING, origin: str = "sources_origin"
                  ) -> dict[str, str]:  # fmt: skip
    """A code picker for each value of the field's column, with its row count; returns value -> code."""
    # Listing values reads the whole file: remember it per file and column, not per click.
    memo = st.session_state.setdefault("sources_values_memo", {})
    key = (st.session_state.get(origin), field, profile.source(field), profile.header_rows, profile.sheet)
    if key not in memo:
        if len(memo) > 8:
            memo.clear()
        memo[key] = view.value_counts(data, profile, field)
    rows, codes = view.values(engine(), memo[key], profile, field)
    if not rows:
        return {}
    options = [view.UNMAPPED, *codes]
    mapped: dict[str, str] = {}
    with st.expander(f"{FIELDS[field]} values in the file ({len(rows)})", expanded=True):
        for position, row in enumerate(rows):
            label = f"{row.value} ({row.rows} row{'s' if row.rows != 1 else ''})"
            index = options.index(row.code) if row.code in options else 0
            code = st.selectbox(label, options, index, key=f"{prefix}{field}_{position}")
            if code and code != view.UNMAPPED:
                mapped[row.value] = code
    return mapped


def show_report(report: ImportReport | None, key: str = "sources_report_csv") -> None:
    """The outcome in one sentence and, when the file has problems, the row-level report to read and download."""
    if report is None:
        return
    level, sentence = outcome(report)
    {"error": st.error, "info": st.info, "success": st.success}[level](escape_markdown(sentence))
    if report.problems:
        frame = report.frame()
        data_table(frame)
        download_csv("Download the report (CSV)", frame, f"cxdash-{report.kind}-problems.csv", key)


def _profile(data: bytes, file_id: str) -> tuple[Profile, view.Start] | None:
    starts = view.starts(engine())
    try:
        first = view.start(engine(), data, None, sheet=st.session_state.get("sources_sheet", ""))
        default = starts.index(first.detected) if first.detected in starts else 0
        choice = st.selectbox("Start from", starts, default, view.start_label, key="sources_start")
        restart_when((file_id, choice), "sources_origin", (MAPPING, "sources_header", "sources_date"))
        note = view.start_note(choice or "")
        st.caption(f"Read as {first.format_name}; detected layout: {first.detected or 'none of the presets'}. {note}")
        if first.format_name == "Excel workbook":
            st.text_input("Sheet (empty = the first)", key="sources_sheet")
        base = view.start(engine(), data, choice, sheet=st.session_state.get("sources_sheet", ""))
        left, right = st.columns(2)
        rows = int(left.number_input("Header rows", 1, 10, base.profile.header_rows, key="sources_header_rows"))
        restart_when((rows,), "sources_rows_origin", (MAPPING,))
        started = view.start(engine(), data, choice, sheet=base.profile.sheet, header_rows=rows)
    except SourceError as exc:
        st.error(escape_markdown(str(exc)))
        return None
    date_format = right.text_input("Date format (strftime codes; empty = ISO dates)", started.profile.date_format,
                                   key="sources_date_format")  # fmt: skip
    st.markdown("**Columns**")
    draft = replace(started.profile, columns=_columns(started), date_format=date_format, header_rows=rows)
    regions = value_mapping(data, draft, "region")
    touchpoints = value_mapping(data, draft, "touchpoint")
    return replace(draft, regions=regions, touchpoints=touchpoints), started


def uploaded(actor: permissions.Actor, what: str, caption: str, label: str, key: str) -> UploadedFile | None:
    """The file uploaded by someone who may import; anyone else is told who can."""
    if not view.shown_to(actor):
        st.info(f"Only an admin can import {what}. Ask your cxdash admin to load the file.")
        return None
    st.caption(caption)
    return st.file_uploader(label, type=["csv", "tsv", "txt", "xlsx"], key=key)


def mapped_upload(
    actor: permissions.Actor, upload: tuple[str, str, str, str], build: Callable[[bytes, str], Built | None]
) -> tuple[UploadedFile, bytes, Built] | None:
    """The uploaded file, its bytes, and the mapping ``build`` draws for them (from the bytes and the upload's id);
    None until there is a file and a mapping. ``upload`` is what ``uploaded`` takes: what, caption, label, key."""
    found = uploaded(actor, *upload)
    if found is None:
        return None
    data = found.getvalue()
    built = build(data, found.file_id)
    return None if built is None else (found, data, built)


def show_preview(rows: pd.DataFrame, problems: pd.DataFrame) -> None:
    """The first rows as they will load, and the problems the mapping finds in them."""
    st.markdown("**The first rows as they will load**")
    data_table(rows)
    if not problems.empty:
        st.warning("These rows would not load as mapped; correct the mapping or the file.")
        data_table(problems)


def survey_export_tab(actor: permissions.Actor) -> None:
    """Map an export once, save the mapping as a profile, import; the same profile works on the command line."""
    caption = ("A Qualtrics, SurveyMonkey, Typeform or Delighted export (CSV or .xlsx), or any file with one row per "
               "response: map its columns and values once, save the mapping as a profile, import.")  # fmt: skip
    found = mapped_upload(actor, ("survey exports", caption, "Survey export", "sources_upload"), _profile)
    if found is None:
        return
    upload, data, (profile, _) = found
    show_preview(*view.preview(engine(), data, profile))
    if st.button("Check the whole file", key="sources_check"):
        st.session_state["sources_report"] = view.check(engine(), data, profile, upload.name, actor)
    started = str(st.session_state.get("sources_start", ""))
    default = started.removeprefix("profile:") if started.startswith("profile:") else ""
    name = st.text_input("Profile name", default, max_chars=64, key="sources_name")
    if st.button("Save profile", key="sources_save"):
        try:
            new = save_profile(engine(), replace(profile, name=name.strip()), actor=actor)
            st.success(escape_markdown(f"Profile {name.strip()} {'saved' if new else 'updated'}."))
        except (ProfileError, permissions.PermissionDenied) as exc:
            st.error(escape_markdown(str(exc)))
    mode = st.radio("Rows whose key is already stored", list(MODE_LABELS), format_func=MODE_LABELS.get,
                    key="sources_mode")  # fmt: skip
    if st.button("Import", type="primary", key="sources_import"):
        with progress_bar(f"Importing {escape_markdown(upload.name)}") as progress:
            st.session_state["sources_report"] = view.run_import(
                engine(), data, profile, upload.name, mode or "skip", actor, progress
            )
    show_report(st.session_state.get("sources_report"))
