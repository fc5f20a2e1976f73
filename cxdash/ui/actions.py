"""The Actions page and the Overview's actions tile: drawing, filters in the URL, the assign and status forms."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from cxdash import audit, export, permissions
from cxdash.edits.actions import ActionDraft, create_action, set_status
from cxdash.models import ACTION_STATUSES
from cxdash.present import escape_markdown as md
from cxdash.ui.data import cached
from cxdash.ui.filters import url_choice
from cxdash.ui.frame import attempt
from cxdash.ui.widgets import data_table, folded
from cxdash.views import actions as views

PAGE = "app_pages/actions.py"
STATUS_LABELS = views.STATUS_LABELS


def actions_tile() -> None:
    """“Actions: 12 open, 3 overdue”, linking to the Actions page."""
    st.page_link(PAGE, label=cached("actions_tile", views.tile_text, audit.now().date()), icon=":material/task_alt:")


def _pick(label: str, options: dict[str, str], param: str) -> str | None:
    chosen = url_choice(
        label, {"": f"Every {label.lower()}", **options}, param=param, key=f"actions_{param}", default=""
    )
    return chosen or None


def _filters() -> tuple[str | None, str | None, str | None]:
    """The sidebar's region, touchpoint and status, kept in the URL and shared by the page's tabs."""
    everything = cached("actions_choices", views.form_choices, None, None)
    region = _pick("Region", everything.regions, "region")
    touchpoint = _pick("Touchpoint", everything.touchpoints, "touchpoint")
    return region, touchpoint, _pick("Status", views.STATUS_LABELS, "status")


def _view(actor: permissions.Actor) -> tuple[views.ActionsView, str | None, str | None]:
    region, touchpoint, status = _filters()
    return (
        cached("actions", views.actions_view, actor, audit.now().date(), region, touchpoint, status),
        region,
        touchpoint,
    )


def actions_page(actor: permissions.Actor) -> None:
    """Counts, every action of the filter in one table, and the forms the role allows, folded away."""
    view, region, touchpoint = _view(actor)
    tiles = st.columns(len(views.SECTIONS))
    for column, (section, label) in zip(tiles, views.SECTIONS.items(), strict=True):
        column.metric(label, view.counts[section], border=True)
    if flash := st.session_state.pop("actions_flash", None):
        st.success(md(flash))
    if not view.detail:
        st.caption("Your role shows the counts here and the outcomes of done actions on the Outcomes tab.")
        return
    _listed(view, region, touchpoint)
    may = permissions.can(actor, "manage_actions") or permissions.can(actor, "edit_region_actions", region=region)
    if may and (box := folded("Assign an action", key="actions_assign_open", icon=":material/add_task:")):
        with box:
            _assign_form(actor, region, touchpoint)
    if not view.table.empty and (box := folded("Update an action", key="actions_update_open", icon=":material/edit:")):
        with box:
            _status_form(actor, view.table)


def action_outcomes(actor: permissions.Actor) -> None:
    """The measured outcome of each done action in the filter, with its verdict in words."""
    view, _, _ = _view(actor)
    st.subheader("Outcomes of done actions", help=views.OUTCOME_HELP)
    if view.outcomes.empty:
        st.info("No done action in this filter yet.")
    else:
        data_table(view.outcomes, key="actions_outcomes")


def _listed(view: views.ActionsView, region: str | None, touchpoint: str | None) -> None:
    if view.table.empty:
        st.info("No action in this filter.")
        return
    data_table(view.listed, key="actions_listed")
    # Written when clicked (downloading reruns nothing), not on every visit.
    table = view.table
    st.download_button(
        "Download these actions (CSV)", lambda: export.csv_bytes(views.csv_frame(table)),
        f"cxdash-actions-{region or 'all'}-{touchpoint or 'all'}.csv", "text/csv", key="actions_csv", on_click="ignore",
    )  # fmt: skip


def _raised_month() -> date:
    asked = st.query_params.get("month") or ""
    try:
        return date.fromisoformat(f"{asked}-01")
    except ValueError:
        return audit.now().date().replace(day=1)


def _optional(
    where: DeltaGenerator, label: str, options: dict[str, str], preset: str | None, placeholder: str, key: str
) -> str | None:
    """A select box that may stay empty, showing each option's name and starting on ``preset`` when given."""
    keys = list(options)
    return where.selectbox(
        label,
        keys,
        keys.index(preset) if preset else None,
        format_func=options.__getitem__,
        placeholder=placeholder,
        key=key,
    )


def _assign_form(actor: permissions.Actor, region: str | None, touchpoint: str | None) -> None:
    choices = cached("actions_choices", views.form_choices, region, touchpoint)
    if not choices.existing.empty:
        listed = "; ".join(
            f"#{i} {t} ({o})" for i, t, o in choices.existing[["id", "title", "owner_name"]].itertuples(False)
        )
        st.warning(md(f"Already open on this item: {listed}. Update it below instead of opening a second one."))
    st.caption(md(choices.owner.message))
    leaders = list(choices.leaders)
    with st.form("actions_assign"):
        title = st.text_input("Action", max_chars=200, key="actions_title")
        where = st.columns(3)
        picked_region = _optional(where[0], "Region", choices.regions, region, "No region", "actions_form_region")
        picked_tp = _optional(
            where[1], "Touchpoint", choices.touchpoints, touchpoint, "No touchpoint", "actions_form_tp"
        )
        dimension = _optional(where[2], "Alignment dimension", choices.dimensions, None, "None", "actions_form_dim")
        when = st.columns(3)
        raised = when[0].date_input("Raised in month", _raised_month(), key="actions_raised")
        preset = leaders.index(choices.owner.leader) if choices.owner.leader else None
        owner = when[1].selectbox(
            "Owner",
            leaders,
            preset,
            format_func=choices.leaders.__getitem__,
            placeholder="Pick an owner",
            key="actions_owner",
        )
        due = when[2].date_input("Due", None, key="actions_due")
        effect = st.number_input("Expected effect (NPS points, optional)", value=None, step=1.0, key="actions_effect")
        notes = st.text_area("Notes", key="actions_notes")
        if st.form_submit_button("Assign the action"):
            if owner is None or due is None:
                st.error("Pick an owner and a due date; nothing was saved.")
                return
            draft = ActionDraft(
                title=title,
                raised_month=raised,
                owner=owner,
                due_on=due,
                region=picked_region,
                touchpoint=picked_tp,
                dimension=dimension,
                expected_effect=effect,
                notes=notes,
            )
            if attempt(create_action, actor, draft=draft):
                st.session_state["actions_flash"] = f"Assigned to {choices.leaders[owner]}: {draft.title}"
                st.rerun()


def _status_form(actor: permissions.Actor, table: pd.DataFrame) -> None:
    labels = {int(i): f"#{i} {t} — {o}" for i, t, o in table[["id", "title", "owner_name"]].itertuples(False)}
    chosen = st.selectbox("Action", list(labels), format_func=labels.__getitem__, key="actions_pick")
    row = table[table["id"] == chosen].iloc[0]
    with st.form("actions_update"):
        status = st.selectbox(
            "Status",
            ACTION_STATUSES,
            ACTION_STATUSES.index(row["status"]),
            format_func=STATUS_LABELS.__getitem__,
            key=f"actions_status_{chosen}",
        )
        done_on = st.date_input("Done on (for done)", audit.now().date(), key=f"actions_done_{chosen}")
        reason = st.text_input("Why dropped (for dropped)", key=f"actions_reason_{chosen}")
        if st.form_submit_button("Save the status") and attempt(
            set_status,
            actor,
            action_id=chosen,
            version=int(row["version"]),
            status=status,
            reason=reason,
            done_on=done_on,
        ):
            done = " Its outcome is on the Outcomes tab." if status == "done" else ""
            st.session_state["actions_flash"] = f"Action #{chosen} is now {STATUS_LABELS[status].lower()}.{done}"
            st.rerun()
