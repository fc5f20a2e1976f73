import streamlit as st

from cxdash import governance, permissions, ui
from cxdash.charts import governance as charts
from cxdash.models import GOVERNANCE_MODELS
from cxdash.present import escape_markdown as md
from cxdash.views import governance as views

# Checked here as well as in app.py's navigation: a page must not rely on how it was reached.
actor = ui.current_actor()
if not permissions.can_open(actor, "governance"):
    st.error("Your role does not include the Governance page. Ask your cxdash admin if you need it.")
    st.stop()
st.title("Governance")
period = ui.period_picker(comparison=False)
if period is None:
    ui.no_data_message()
    st.stop()

view = ui.cached("governance", views.governance, period.start, period.end)
span = f"{period.start:%Y-%m}-{period.end:%Y-%m}"
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
    ui.chart(charts.model_levels, view.comparison, view.consistency, key="governance_levels")
    table = views.comparison_table(view.comparison)
    st.dataframe(table, hide_index=True, key="governance_table")
    ui.download_csv("Download the comparison (CSV)", table, f"cxdash-governance-{span}.csv", "governance_table_csv")
if view.pairs:
    st.markdown("**Differences between models** (pooled NPS: Wald change test; region-level: Welch interval)")
    pairs = views.pairs_table(view.pairs)
    st.dataframe(pairs, hide_index=True, key="governance_pairs")
    ui.download_csv("Download the differences (CSV)", pairs, f"cxdash-model-pairs-{span}.csv", "governance_pairs_csv")
    for pair in view.pairs.values():
        (st.success if pair.distinguishable else st.warning)(md(pair.verdict))

st.subheader("Consistency vs flexibility")
ui.chart(charts.level_vs_spread, view.consistency, key="governance_consistency")
st.caption(view.consistency_note)

st.subheader("Before and after a switch")
if not view.effects.empty:
    ui.chart(charts.switch_effects, view.effects, view.region_codes, key="governance_effects", width="content")
    effects = views.effects_table(view.effects)
    st.dataframe(effects, hide_index=True, key="governance_effects_table")
    ui.download_csv("Download the switch effects (CSV)", effects, f"cxdash-switches-{span}.csv", "governance_switch")
for sentence in views.effect_sentences(view.effects):
    st.markdown(md(sentence))
st.caption(views.DID_NOTE)

st.subheader("Governance history")
history = views.history_table(view.changes)
st.dataframe(history, hide_index=True, key="governance_history")
ui.download_csv("Download the history (CSV)", history, "cxdash-governance-history.csv", "governance_history_csv")
if flash := st.session_state.pop("governance_flash", None):
    st.success(md(flash))
if permissions.can(actor, "edit_governance"):
    add, fix = st.columns(2)
    with add.form("governance_add"):
        st.markdown("**Record a change of model**")
        region = st.selectbox("Region", view.region_codes, key="governance_add_region")
        model = st.selectbox("Model", GOVERNANCE_MODELS, key="governance_add_model")
        since = st.date_input("Effective from", value=period.end, key="governance_add_date")
        if st.form_submit_button("Add change") and ui.attempt(
            governance.add_change, actor, region=region, model=model, effective_from=since
        ):
            st.session_state["governance_flash"] = f"Recorded: {region} runs under {model} from {since}."
            st.rerun()
    if labels := views.change_labels(view.changes):
        change = fix.selectbox("Change", list(labels), format_func=labels.__getitem__, key="governance_fix_id")
        was_model, was_date = views.change_values(view.changes, change)
        with fix.form("governance_fix"):
            st.markdown("**Correct or remove this change**")
            model = st.selectbox(
                "Model", GOVERNANCE_MODELS, GOVERNANCE_MODELS.index(was_model), key=f"governance_fix_model_{change}"
            )
            since = st.date_input("Effective from", value=was_date, key=f"governance_fix_date_{change}")
            save, remove = st.columns(2)
            if save.form_submit_button("Save correction") and ui.attempt(
                governance.update_change, actor, change_id=change, model=model, effective_from=since
            ):
                st.session_state["governance_flash"] = "Saved the correction."
                st.rerun()
            if remove.form_submit_button("Remove change") and ui.attempt(
                governance.delete_change, actor, change_id=change
            ):
                st.session_state["governance_flash"] = "Removed the change."
                st.rerun()
