from functools import partial

import streamlit as st

from cxdash import permissions, ui
from cxdash.charts import ownership as charts
from cxdash.present import escape_markdown as md
from cxdash.views import ownership as views


def reporting_lines(view: views.OwnershipView) -> None:
    st.markdown(md(views.cx_line(view)))
    for problem in view.org.problems:
        st.warning(f"Bad reporting-line data: {md(problem)} Fix the leaders file and import it again with --update.")
    st.graphviz_chart(view.dot, width="stretch")
    st.caption("Double border: the CEO. Blue: the CX leader and their line to the CEO. Shaded: accountable leaders.")


def performance(view: views.OwnershipView) -> None:
    month = view.month
    if month is None:
        ui.no_data_message()
        return
    if view.leaders.empty:
        st.info("No accountable leader matches the filters.")
        return
    trend = {views.TREND: st.column_config.LineChartColumn(views.TREND, y_min=-100, y_max=100)}
    st.caption(views.performance_note(view), help=views.PERFORMANCE_HELP)
    ui.chart(charts.leader_nps, view.leaders)
    by_leader = ui.with_owner_actions(view.leaders, view.leader_table)
    ui.data_table(by_leader, column_config=trend, key="ownership_leader_table")
    leaders = views.downloadable(by_leader)
    ui.download_csv("Download NPS by leader (CSV)", leaders, f"cxdash-nps-by-owner-{month:%Y-%m}.csv", "ownership_nps")
    st.markdown("**Owned touchpoints, worst first**")
    ui.data_table(view.owned_table, column_config=trend, key="ownership_owned_table")
    owned, name = views.downloadable(view.owned_table), f"cxdash-owned-touchpoints-{month:%Y-%m}.csv"
    ui.download_csv("Download owned touchpoints (CSV)", owned, name, "ownership_owned_csv")
    ui.chart(charts.leader_trend, view.trend, width="content")


def history(view: views.OwnershipView) -> None:
    if view.history.empty:
        st.caption("No ownership change has been made in cxdash yet; changes made here are listed with who made them.")
        return
    ui.chart(charts.findings_over_time, view.over_time)
    ui.data_table(view.history, key="ownership_history")
    ui.download_csv("Download the history (CSV)", view.history, "cxdash-ownership-history.csv", "ownership_history_csv")


# Checked here as well as in app.py's navigation: a page must not rely on how it was reached.
actor = ui.current_actor("ownership")
month = ui.month_picker()
stages = ui.url_choices("Journey stages", views.STAGES, param="stages", key="ownership_stages", exclude="")
names = ui.cached("ownership_leaders", views.leader_options)
only = ui.url_choices("Leaders", names, param="leaders", key="ownership_leaders", exclude="")
view = ui.cached("ownership", views.ownership, month, tuple(stages), tuple(only))

st.title("Ownership map")
st.caption("Who is Responsible, Accountable, Consulted and Informed for each touchpoint of the customer journey.")

st.subheader("Ownership health")
for column, (label, count) in zip(st.columns(3), views.health_tiles(view.health), strict=True):
    column.metric(label, count, border=True)
if view.findings:  # one block, a line per finding
    st.markdown("  \n".join(f"{views.ICONS[finding.kind]} {md(finding.sentence)}" for finding in view.findings))
else:
    st.success("Every touchpoint has exactly one accountable leader and someone responsible for the work.")

st.subheader("RACI matrix")
editing = permissions.can(actor, "edit_ownership") and st.toggle("Edit the matrix", key="ownership_edit")
if view.matrix.rows and view.matrix.columns:
    if editing:
        ui.raci_editor(view, actor)
    else:
        ui.chart(charts.raci_matrix, view.matrix, width="content", where=st.container(key="wide_ownership_matrix"))
    ui.download_csv("Download the matrix (CSV)", views.matrix_table(view), "cxdash-raci.csv", "ownership_matrix_csv")
else:
    st.info("No touchpoint or leader matches the filters; clear them in the sidebar.")

# Only the open section runs and is drawn (opening another reruns the page); ?section=… in a link opens that one.
ui.sections(
    views.SECTIONS, [partial(draw, view) for draw in (reporting_lines, performance, history)], key=views.SECTION
)
