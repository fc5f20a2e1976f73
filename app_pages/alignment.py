import streamlit as st

from cxdash import alignment, ui
from cxdash.charts import alignment as charts
from cxdash.models import ALIGNMENT_DIMENSIONS
from cxdash.present import escape_markdown as md
from cxdash.views import alignment as views

actor = ui.current_actor("alignment")
rounds = ui.cached("alignment_rounds", views.round_labels)
chosen = None
if rounds:
    labels = dict(zip(rounds, rounds, strict=True))
    chosen = ui.url_choice("Survey round", labels, param="round", key="alignment_round", default=rounds[-1])
view = ui.cached("alignment", views.alignment, chosen, actor)

st.title("Alignment")
if flash := st.session_state.pop("alignment_flash", None):
    st.success(md(flash))
if view.round is None:
    st.info("There is no alignment round yet. Create the first round below, or import one from CSV.")
    st.header("Enter a round")
    ui.round_entry(actor, view)
    st.stop()

st.caption(f"Leadership alignment survey {md(view.round)}, held on {view.held_on.day} {view.held_on:%B %Y}.")
for column, tile in zip(st.columns(4), views.tiles(view), strict=True):
    with column:
        ui.kpi_tile(tile)


def scorecard() -> None:
    table = views.scorecard_table(view.scorecard)
    ui.data_table(views.scorecard_style(table), key="alignment_scorecard")
    since = f"Δ: change since {md(view.previous or 'the previous round (none)')}."
    st.caption("  \n".join([f"{alignment.RAG_RULE} {since}", *views.small_group_notes(view)]))
    st.caption(alignment.BANDS_RULE, help=views.bands_help(view.index))
    ui.download_csv("Download the scorecard (CSV)", table, f"alignment-{view.round}.csv", "alignment_scorecard_csv")


def rating_spread() -> None:
    ui.chart(charts.rating_spread, view.points, view.scorecard, list(ALIGNMENT_DIMENSIONS.values()))
    if not view.identified:
        st.caption("Leaders are anonymous here, numbered from the most favourable rater down.")


def who_owns_cx() -> None:
    left, right = st.columns([2, 3])
    left.markdown(views.clarity_text(view))
    if view.clarity.answered:
        ui.chart(charts.ownership_answers, view.answers, where=right)


def trend() -> None:
    ui.chart(charts.alignment_trend, view.trend)
    st.caption("Dashed lines: a mean of 4 (needed for green), strong agreement (0.70), and the industry's 70% clear.")


# Only the open section runs and is drawn (opening another reruns the page); the URL names it, so a link opens it.
drawn = (scorecard, rating_spread, who_owns_cx, trend, lambda: ui.round_entry(actor, view))
ui.sections(views.SECTIONS, drawn, key="alignment_tab")
