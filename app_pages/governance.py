import streamlit as st

from cxdash import ui
from cxdash.charts import governance as charts
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


def models_compared() -> None:
    if view.comparison.empty:
        st.info("No region has both responses and a recorded model in this period; choose another period.")
    else:
        for pair in view.pairs:
            (st.success if pair.distinguishable else st.warning)(md(pair.verdict))
        ui.chart(charts.model_levels, view.comparison, view.consistency, key="governance_levels")
        st.caption(md(view.regions_note))
        table = views.comparison_table(view.comparison)
        ui.data_table(table, key="governance_table", column_config=helps)
        ui.download_csv("Download the comparison (CSV)", table, f"cxdash-governance-{span}.csv", "governance_table_csv")
    if view.pairs:
        st.markdown("**Differences between models, region by region**")
        ui.data_table(views.pairs_table(view.pairs), key="governance_pairs", column_config=helps)
        words = views.pairs_table(view.pairs, words=True)
        ui.download_csv(
            "Download the differences (CSV)", words, f"cxdash-model-pairs-{span}.csv", "governance_pairs_csv"
        )


def consistency() -> None:
    ui.chart(charts.level_vs_spread, view.consistency, key="governance_consistency")
    st.caption(view.consistency_note)


def before_and_after() -> None:
    st.radio(
        "Before/after over",
        list(views.EFFECTS_OVER),
        format_func=views.EFFECTS_OVER.__getitem__,
        horizontal=True,
        key="governance_effects_over",
        help="The chosen period, or every month with data (the longest before and after each switch).",
        persist_state="page",  # kept while another section is open
    )
    st.caption("  \n".join(md(note) for note in view.switch_notes))
    st.markdown("\n\n".join(md(sentence) for sentence in views.effect_sentences(view.effects)))
    if not view.effects.empty:
        ui.chart(charts.switch_effects, view.effects, view.region_codes, key="governance_effects", width="content")
        if not view.paths.empty:
            ui.chart(charts.pre_trends, view.paths, view.effects, key="governance_pretrends", width="content")
        ui.data_table(views.effects_table(view.effects), key="governance_effects_table", column_config=helps)
        words = views.effects_table(view.effects, words=True)
        ui.download_csv("Download the switch effects (CSV)", words, f"cxdash-switches-{span}.csv", "governance_switch")
    st.caption(views.DID_NOTE)


def history_and_changes() -> None:
    ui.chart(charts.model_timeline, view.spans, view.region_codes, view.start, view.end, key="governance_timeline")
    history = edits.history_table(view.changes)
    ui.data_table(history, key="governance_history")
    ui.download_csv("Download the history (CSV)", history, "cxdash-governance-history.csv", "governance_history_csv")
    ui.governance_editor(actor, view.changes, view.region_codes)


# Only the open section runs and is drawn (opening another reruns the page); the URL names it, so a link opens it.
drawn = (models_compared, consistency, before_and_after, history_and_changes)
ui.sections(views.SECTIONS, drawn, key="governance_tab")
