import streamlit as st

from cxdash import permissions, ui
from cxdash.charts import regions as charts
from cxdash.present import escape_markdown as md
from cxdash.regions import RANK_BY, Period, ranked
from cxdash.regions.present import (
    PERIOD_HELP,
    breakdown_display,
    gap_display,
    muted,
    period_note,
    rank_display,
    rank_essentials,
)
from cxdash.views import comments
from cxdash.views import regions as views

BASIS = charts.RETENTION_BASIS


def retention_basis() -> str:
    return str(st.radio("Retention", list(BASIS), format_func=BASIS.get, horizontal=True, key="regions_basis"))


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
    st.subheader("NPS by region")
    ui.chart(charts.nps_small_multiples, view.nps, view.company_nps, view.codes, width="content")
    st.subheader("Retention by region")
    basis = retention_basis()
    retention = view.retention, view.company_retention, view.codes, basis
    ui.chart(charts.retention_small_multiples, *retention, width="content")


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
    st.caption(
        f"Gaps are tested against the **rest of the company** (every region except {md(region)}, pooled), not "
        f"against the company total that contains {md(region)}. The company line pools every region's responses."
    )
    ui.chart(charts.compare_nps, view.nps, view.company_nps, region, view.codes)
    gaps = gap_display(view.gaps, region)
    ui.data_table(muted(gaps, view.gaps["significant"].isna()), key="regions_gaps")
    ui.download_csv("Download the gaps (CSV)", gaps, f"cxdash-{region}-gaps-{period.end:%Y-%m}.csv", "regions_gaps_csv")
    basis = retention_basis()
    ui.chart(charts.compare_retention, view.retention, view.company_retention, region, view.codes, basis)

    st.subheader(f"Where the experience breaks in {md(region)}, {period.start:%b %Y} – {period.end:%b %Y}")
    left, right = st.columns([2, 3])
    with left:
        ui.chart(charts.breakdown, view.stages, region, view.codes, "NPS by journey stage")
    with right:
        ui.chart(charts.breakdown, view.touchpoints, region, view.codes, "NPS by touchpoint")
    for row in view.touchpoints[view.touchpoints["sample"] == "suppressed"].itertuples():
        st.caption(f"{md(row.label)}: {row.n} response(s), too few to show an NPS.")
    with st.expander("Touchpoint figures"):
        rows = breakdown_display(view.touchpoints, view.thresholds)
        ui.data_table(muted(rows, view.touchpoints["sample"] != "ok"), key="regions_touchpoints")
        ui.download_csv("Download the touchpoints (CSV)", rows, f"cxdash-{region}-touchpoints.csv", "regions_tp_csv")
    touchpoint_names = dict(zip(view.touchpoints["touchpoint"], view.touchpoints["label"], strict=True))
    ui.region_assign(actor, region, touchpoint_names, period.end, key="regions_assign")
    ui.why_section(period.end, region, key="regions_why")
    ui.drivers_section(region, period.start, period.end, touchpoint_names, key="regions_drivers")
    ui.themes_section(actor, period.start, period.end, region, touchpoint_names, key="regions_themes")
    customer_comments(period, region, actor)


def customer_comments(period: Period, region: str, actor: permissions.Actor) -> None:
    """The words behind the figures, on request (only they read raw responses); ``comments=show`` in the URL."""
    wanted = st.query_params.get("comments") == "show"
    if not st.toggle(f"Show customer comments from {md(region)}", value=wanted, key="regions_comments"):
        st.query_params.pop("comments", None)
        return
    st.query_params["comments"] = "show"
    page = int(st.session_state.get("regions_comments_page", 1)) - 1
    view = ui.cached("regions_comments", comments.comments, actor, region, period.start, period.end, page)
    if view.refusal:
        st.info(md(view.refusal))
        return
    st.caption(view.caption)
    ui.data_table(view.table, key="regions_comments_table")
    ui.download_csv("Download these comments (CSV)", view.table, f"cxdash-{region}-comments.csv", "regions_notes_csv")
    if view.pages > 1:
        st.session_state["regions_comments_page"] = view.page + 1
        st.number_input("Page", 1, view.pages, key="regions_comments_page")


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
