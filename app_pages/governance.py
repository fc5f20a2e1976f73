import streamlit as st

from cxdash import permissions, ui
from cxdash.charts import governance as charts
from cxdash.edits import governance
from cxdash.models import GOVERNANCE_MODELS
from cxdash.present import escape_markdown as md
from cxdash.views import governance as views
from cxdash.views import governance_edit as edits

# Checked here as well as in app.py's navigation: a page must not rely on how it was reached.
actor = ui.current_actor("governance")
st.title("Governance")
period = ui.period_picker(compare=False)
if period is None:
    ui.no_data_message()
    st.stop()

over = st.session_state.get("governance_effects_over", "period")
view = ui.cached("governance", views.governance, period.start, period.end, over)
span = f"{period.start:%Y-%m}-{period.end:%Y-%m}"
helps = {name: st.column_config.Column(help=text) for name, text in views.HELP.items()}
st.caption(f"Centralized, hybrid and decentralized CX compared over {period.start:%b %Y} – {period.end:%b %Y}.")
st.info(view.caveat, icon=":material/info:")

st.subheader("Timeline")
ui.chart(charts.model_timeline, view.spans, view.region_codes, view.start, view.end, key="governance_timeline")
for note in view.switch_notes:
    st.caption(md(note))

st.subheader("Models side by side")
if view.comparison.empty:
    st.info("No region has both responses and a recorded model in this period; choose another period.")
else:
    for pair in view.pairs:
        (st.success if pair.distinguishable else st.warning)(md(pair.verdict))
    ui.chart(charts.model_levels, view.comparison, view.consistency, key="governance_levels")
    st.caption(md(view.regions_note))
    table = views.comparison_table(view.comparison)
    st.dataframe(table, hide_index=True, key="governance_table", column_config=helps)
    ui.download_csv("Download the comparison (CSV)", table, f"cxdash-governance-{span}.csv", "governance_table_csv")
if view.pairs:
    st.markdown("**Differences between models, region by region**")
    st.dataframe(views.pairs_table(view.pairs), hide_index=True, key="governance_pairs", column_config=helps)
    pairs = views.pairs_table(view.pairs, words=True)
    ui.download_csv("Download the differences (CSV)", pairs, f"cxdash-model-pairs-{span}.csv", "governance_pairs_csv")

st.subheader("Consistency vs flexibility")
ui.chart(charts.level_vs_spread, view.consistency, key="governance_consistency")
st.caption(view.consistency_note)

st.subheader("Before and after a switch")
st.radio(
    "Before/after over",
    list(views.EFFECTS_OVER),
    format_func=views.EFFECTS_OVER.__getitem__,
    horizontal=True,
    key="governance_effects_over",
    help="The chosen period, or every month with data (the longest before and after each switch).",
)
for sentence in views.effect_sentences(view.effects):
    st.markdown(md(sentence))
if not view.effects.empty:
    ui.chart(charts.switch_effects, view.effects, view.region_codes, key="governance_effects", width="content")
    if not view.paths.empty:
        ui.chart(charts.pre_trends, view.paths, view.effects, key="governance_pretrends", width="content")
    shown = views.effects_table(view.effects)
    st.dataframe(shown, hide_index=True, key="governance_effects_table", column_config=helps)
    effects = views.effects_table(view.effects, words=True)
    ui.download_csv("Download the switch effects (CSV)", effects, f"cxdash-switches-{span}.csv", "governance_switch")
st.caption(views.DID_NOTE)

st.subheader("Governance history")
history = edits.history_table(view.changes)
st.dataframe(history, hide_index=True, key="governance_history")
ui.download_csv("Download the history (CSV)", history, "cxdash-governance-history.csv", "governance_history_csv")
if flash := st.session_state.pop("governance_flash", None):
    st.success(md(flash))
if not permissions.can(actor, "edit_governance"):
    st.stop()

WRITES = {"add": governance.add_change, "fix": governance.update_change, "remove": governance.delete_change}


def _drop_pending() -> None:
    st.session_state.pop("governance_pending", None)


@st.dialog("Confirm the change to the governance history", on_dismiss=_drop_pending)
def _confirm(pending: edits.Pending) -> None:
    st.markdown(md(pending.text))
    ok, cancel = st.columns(2)
    if ok.button(pending.label, type="primary", key="governance_confirm") and ui.attempt(
        WRITES[pending.kind], actor, **pending.values
    ):
        st.session_state["governance_flash"] = pending.flash
        _drop_pending()
        st.rerun()
    if cancel.button("Cancel, change nothing", key="governance_cancel"):
        _drop_pending()
        st.rerun()


add, fix = st.columns(2)
with add.form("governance_add"):
    st.markdown("**Record a change of model**")
    region = st.selectbox(
        "Region", view.region_codes, index=None, placeholder="Choose a region", key="governance_add_region"
    )
    model = st.selectbox(
        "Model", GOVERNANCE_MODELS, index=None, placeholder="Choose a model", key="governance_add_model"
    )
    since = st.date_input("Effective from", value=None, key="governance_add_date")
    if st.form_submit_button("Add change…"):
        if region is None or model is None or since is None:
            st.error("Choose a region, a model and an effective date; nothing was saved.")
        else:
            st.session_state["governance_pending"] = edits.pending_add(view.changes, region, model, since)
if labels := edits.change_labels(view.changes):
    change = fix.selectbox("Change", list(labels), format_func=labels.__getitem__, key="governance_fix_id")
    was_model, was_date = edits.change_values(view.changes, change)
    with fix.form("governance_fix"):
        st.markdown("**Correct or remove this change**")
        model = st.selectbox(
            "Model", GOVERNANCE_MODELS, GOVERNANCE_MODELS.index(was_model), key=f"governance_fix_model_{change}"
        )
        since = st.date_input("Effective from", value=was_date, key=f"governance_fix_date_{change}")
        save, remove = st.columns(2)
        if save.form_submit_button("Save correction…"):
            st.session_state["governance_pending"] = edits.pending_fix(view.changes, change, model, since)
        if remove.form_submit_button("Remove change…"):
            st.session_state["governance_pending"] = edits.pending_remove(view.changes, change)
if pending := st.session_state.get("governance_pending"):
    _confirm(pending)
