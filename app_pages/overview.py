import streamlit as st

from cxdash import charts, present, ui
from cxdash.attention import FIRST_SHOWN, more_label
from cxdash.charts.overview import REGION_PICK
from cxdash.overview import previous_month
from cxdash.views.overview import region_table

actor = ui.current_actor("overview")
month = ui.month_picker()
st.title("Overview")
if month is None:
    ui.no_data_message()
    st.stop()

view = ui.overview(month)
previous = previous_month(month).strftime("%b")
st.caption(f"Monthly CX review for {present.month_label(month)}. {present.STAR_NOTE}", help=present.FAMILY)

for column, kpi in zip(st.columns(len(view.kpis)), view.kpis, strict=True):
    with column:
        ui.kpi_tile(present.tile(kpi, previous))
ui.actions_tile()

left, right = st.columns([3, 2])
with left:
    ui.region_chart(
        charts.nps_by_region, view.regions, view.region_codes, actor=actor, param=REGION_PICK, key="overview_regions"
    )
    hidden = view.regions[view.regions["sample"] == "suppressed"]
    if not hidden.empty:  # one caption, a line per region
        lines = [f"{present.escape_markdown(str(r.region))}: {r.n} response(s) this month" for r in hidden.itertuples()]
        st.caption("  \n".join(f"{line} — too few to show an NPS." for line in lines))
    ui.download_csv(
        "NPS by region (CSV)", region_table(view), f"nps-by-region-{month:%Y-%m}.csv", key="overview_regions_csv"
    )
with right:
    st.subheader("Needs attention")
    if not view.attention:
        st.success("Nothing needs attention this month.")
    for number, item in enumerate(view.attention[:FIRST_SHOWN]):
        ui.attention_item(item, actor, month, key=f"overview_attention_{number}")
    rest = view.attention[FIRST_SHOWN:]
    if rest and (box := ui.folded(more_label(rest), key="overview_more", in_url=True)):
        with box:
            for number, item in enumerate(rest, start=FIRST_SHOWN):
                ui.attention_item(item, actor, month, key=f"overview_attention_{number}")
    round_text = f"round {view.alignment_round}" if view.alignment_round else "none held by then"
    notes = [f"Leadership agreement: the latest alignment round by the month's end ({round_text})."]
    if view.ownership_is_today:
        notes.append("Ownership findings show today's map: ownership is not recorded month by month.")
    st.caption(present.escape_markdown(" ".join(notes)))

ui.why_section(month, None, key="overview_why")
