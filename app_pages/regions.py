import streamlit as st

from cxdash import permissions, ui
from cxdash.charts import regions as charts
from cxdash.present import escape_markdown as md
from cxdash.regions import RANK_BY, Period, ranked
from cxdash.regions.present import (
    PERIOD_HELP,
    gap_display,
    muted,
    period_note,
    rank_display,
    rank_essentials,
)
from cxdash.views import regions as views


def all_regions(period: Period) -> None:
    view = ui.cached("regions_all", views.all_regions, period)
    st.caption(period_note(period, view.thresholds), help=PERIOD_HELP)
    st.subheader(f"Rank table, {period.end:%B %Y}")
    by = st.columns(4)[0].selectbox("Order by", list(RANK_BY), format_func=lambda k: RANK_BY[k], key="regions_sort")
    table = ranked(view.table, by)
    display = rank_display(table, period.comparison_label, view.thresholds)
    essential = rank_essentials(period.comparison_label)
    ui.picked_columns(muted(display, table["sample"] != "ok"), essential, pinned="Region", key="regions_rank")
    ui.download_csv("Download the rank table (CSV)", display, f"cxdash-regions-{period.end:%Y-%m}.csv", "regions_csv")
    nps, retention = ui.trend_tabs()
    if nps.open:
        with nps:
            ui.chart(charts.nps_small_multiples, view.nps, view.company_nps, view.codes, width="content")
    if retention.open:
        with retention:
            trends = view.retention, view.company_retention, view.codes, ui.retention_basis()
            ui.chart(charts.retention_small_multiples, *trends, width="content")


def compare(period: Period, names: dict[str, str], actor: permissions.Actor) -> None:
    default = actor.region if actor.region in names else next(iter(names))
    region = ui.url_choice("Region", names, param="region", key="regions_region", default=default)
    peers = ui.url_choices("Peer regions", names, param="peers", key="regions_peers", exclude=region)
    view = ui.cached("regions_compare", views.compare, period, region, tuple(peers))
    st.caption(period_note(period, view.thresholds), help=PERIOD_HELP)
    st.subheader(f"{md(region)}: {md(names[region])}")
    for column, tile in zip(st.columns(len(view.tiles)), view.tiles, strict=True):
        with column:
            ui.kpi_tile(tile)
    ui.followup_figures(region, period.end)
    nps, retention = ui.trend_tabs()
    if nps.open:
        with nps:
            st.caption(
                f"Gaps are tested against the **rest of the company** (every region except {md(region)}, pooled), "
                f"not against the company total that contains {md(region)}. The company line pools every region's "
                "responses."
            )
            ui.chart(charts.compare_nps, view.nps, view.company_nps, region, view.codes)
            gaps, name = gap_display(view.gaps, region), f"cxdash-{region}-gaps-{period.end:%Y-%m}.csv"
            ui.data_table(muted(gaps, view.gaps["significant"].isna()), key="regions_gaps")
            ui.download_csv("Download the gaps (CSV)", gaps, name, "regions_gaps_csv")
    if retention.open:
        with retention:
            trends = view.retention, view.company_retention, region, view.codes, ui.retention_basis()
            ui.chart(charts.compare_retention, *trends)

    st.subheader(f"Where the experience breaks in {md(region)}, {period.start:%b %Y} – {period.end:%b %Y}")
    left, right = st.columns([2, 3])
    with left:
        ui.chart(charts.breakdown, view.stages, region, view.codes, "NPS by journey stage")
    with right:
        ui.chart(charts.breakdown, view.touchpoints, region, view.codes, "NPS by touchpoint")
    ui.touchpoint_figures(region, view.touchpoints, view.thresholds)
    touchpoint_names = dict(zip(view.touchpoints["touchpoint"], view.touchpoints["label"], strict=True))
    ui.region_assign(actor, region, touchpoint_names, period.end, key="regions_assign")
    ui.why_section(period.end, region, key="regions_why")
    ui.drivers_section(region, period.start, period.end, touchpoint_names, key="regions_drivers")
    ui.themes_section(actor, period.start, period.end, region, touchpoint_names, key="regions_themes")
    ui.customer_comments(period.start, period.end, region, actor)


# Checked here as well as in app.py's navigation: a page must not rely on how it was reached.
actor = ui.current_actor("regions")
chosen = ui.period_picker()
st.title("Regions")
names = ui.cached("regions_names", views.region_choices)
if chosen is None or not names:
    ui.no_data_message()
else:
    modes = {"all": "All regions", "compare": "Compare a region"}
    wants_region = "region" in st.query_params
    default = "compare" if wants_region else "all"
    if ui.url_choice("View", modes, param="view", key="regions_mode", default=default, radio=True) == "all":
        all_regions(chosen)
    else:
        compare(chosen, names, actor)
