"""“Assign an action” beside a finding: the live action already on it, or a dialog with a prefilled form."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from cxdash import audit, permissions
from cxdash.actions.subject import Subject
from cxdash.edits.actions import ActionDraft, create_action
from cxdash.present import escape_markdown as md
from cxdash.ui.data import cached
from cxdash.ui.frame import attempt
from cxdash.views import assign as views
from cxdash.views import owner_actions

ACTIONS_PAGE = "app_pages/actions.py"
OPEN = "assign_open"
FLASH = "assign_flash"


def _close() -> None:
    st.session_state.pop(OPEN, None)


def _subject_picker(subjects: tuple[Subject, ...], key: str) -> Subject | None:
    """The finding's one subject, one of its several, or (a company-wide finding) a region or touchpoint to pick."""
    names = cached("assign_names", views.subject_names)
    if len(subjects) == 1:
        return subjects[0]
    if subjects:
        options = {s.key: s for s in subjects}
        chosen = st.selectbox("About", list(options), format_func=lambda k: options[k].label(names), key=f"{key}_on")
        return options[chosen]
    regions = cached("assign_regions", views.region_names)
    left, right = st.columns(2)
    region = left.selectbox("Region", list(regions), None, format_func=regions.__getitem__, placeholder="Every region",
                            key=f"{key}_region")  # fmt: skip
    tps = {k: v for k, v in names.items() if k in cached("assign_touchpoints", views.touchpoint_codes)}
    tp = right.selectbox("Touchpoint", list(tps), None, format_func=tps.__getitem__, placeholder="Every touchpoint",
                         key=f"{key}_tp")  # fmt: skip
    if region is None and tp is None:
        st.info("This finding is company-wide: pick the region or touchpoint the action addresses.")
        return None
    return Subject(region=region, touchpoint=tp)


# The open dialog is remembered in session state (and forgotten when dismissed), so a click inside it finds it open.
@st.dialog("Assign an action", width="large", on_dismiss=_close)
def _dialog(actor: permissions.Actor, subjects: tuple[Subject, ...], month: date, key: str) -> None:
    subject = _subject_picker(subjects, key)
    if subject is None:
        return
    today = audit.now().date()
    for action in cached("assign_live", views.open_actions).get(subject.key, ()):
        st.info(md(action.sentence(today)))
        st.page_link(ACTIONS_PAGE, label="Update it on the Actions page", icon=":material/task_alt:")
        return
    if not views.creatable(actor, (subject,)):
        st.warning("Your role may not open an action on this finding.")
        return
    form = cached("assign_form", views.assign_form, subject)
    st.markdown(f"**{md(form.label)}**, raised in {month:%B %Y}")
    (st.caption if form.owner.leader else st.warning)(md(form.owner.message))
    leaders = list(form.leaders)
    with st.form(f"{key}_form"):
        title = st.text_input("Action", max_chars=200, key=f"{key}_title")
        preset = leaders.index(form.owner.leader) if form.owner.leader in leaders else None
        owner = st.selectbox("Owner", leaders, preset, format_func=form.leaders.__getitem__,
                             placeholder="Pick an owner", key=f"{key}_owner")  # fmt: skip
        due = st.date_input("Due", None, key=f"{key}_due")
        effect = st.number_input("Expected effect (NPS points, optional)", value=None, step=1.0, key=f"{key}_effect")
        notes = st.text_area("Notes", key=f"{key}_notes")
        if not st.form_submit_button("Assign the action", type="primary"):
            return
    if owner is None or due is None:
        st.error("Pick an owner and a due date; nothing was saved.")
        return
    draft = ActionDraft(title=title, raised_month=month, owner=owner, due_on=due, region=subject.region,
                        touchpoint=subject.touchpoint, dimension=subject.dimension, expected_effect=effect,
                        notes=notes)  # fmt: skip
    if attempt(create_action, actor, draft=draft):
        _close()
        st.session_state[FLASH] = (key, f"Assigned to {form.leaders[owner]}: {' '.join(title.split())}")
        st.rerun()


def assign_action(actor: permissions.Actor, subjects: tuple[Subject, ...], month: date, *, key: str) -> None:
    """Under a finding: the live actions on it, and “Assign an action” when one of its subjects has none and the
    role may open one there (viewers see neither: they get counts and outcomes only)."""
    if not permissions.can(actor, "view_action_detail"):
        return
    live = cached("assign_live", views.open_actions)
    today = audit.now().date()
    for subject in subjects:
        for action in live.get(subject.key, ()):
            params = {k: v for k, v in (("region", subject.region), ("touchpoint", subject.touchpoint)) if v}
            st.page_link(
                ACTIONS_PAGE, label=md(action.sentence(today)), icon=":material/task_alt:", query_params=params
            )
    free = tuple(s for s in subjects if s.key not in live) if subjects else ()
    may = views.creatable(actor, free) if subjects else views.creatable(actor, (Subject(),))
    if may and st.button("Assign an action", key=f"{key}_assign", icon=":material/add_task:", type="tertiary"):
        st.session_state[OPEN] = key
    # The sentence that the action was assigned comes below its link, not above: an element new to this run drawn
    # above the link would push the "Assign an action" button it replaces below itself, where Streamlit keeps it
    # (faded) until the run ends, and the link would then jump up under the pointer, taking a click with it.
    if (flash := st.session_state.get(FLASH)) and flash[0] == key:
        st.success(md(st.session_state.pop(FLASH)[1]))
    if may and st.session_state.get(OPEN) == key:
        _dialog(actor, may if subjects else (), month, key)


def region_assign(actor: permissions.Actor, region: str, touchpoints: dict[str, str], month: date, key: str) -> None:
    """Assign an action on a region as a whole or on one of its touchpoints (the Regions page's breakdown)."""
    if not permissions.can(actor, "view_action_detail"):
        return
    options = {"": f"All of {region}", **touchpoints}
    tp = st.selectbox("Actions on", list(options), format_func=options.__getitem__, key=f"{key}_tp")
    assign_action(actor, (Subject(region=region, touchpoint=tp or None),), month, key=key)


def with_owner_actions(leaders: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """The Ownership page's per-leader table with each leader's open and overdue actions; owners of actions who
    are not in it are named in a caption."""
    counts = cached("ownership_action_counts", owner_actions.action_counts, audit.now().date())
    if note := owner_actions.unlisted_note(leaders, counts):
        st.caption(md(note))
    return owner_actions.with_actions(table, leaders, counts)
