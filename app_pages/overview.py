import streamlit as st

from cxdash import charts, present, ui
from cxdash.overview import previous_month

month = ui.month_picker()
st.title("Overview")
if month is None:
    ui.no_data_message()
    st.stop()

view = ui.overview(month)
previous = previous_month(month).strftime("%b")
st.caption(
    f"Monthly CX review for {present.month_label(month)}. ✱ marks a statistically significant NPS change (p < 0.05)."
)

for column, kpi in zip(st.columns(len(view.kpis)), view.kpis, strict=True):
    with column:
        ui.kpi_tile(present.tile(kpi, previous))
ui.actions_tile()

left, right = st.columns([3, 2])
with left:
    ui.chart(charts.nps_by_region, view.regions, view.region_codes)
    hidden = view.regions[view.regions["sample"] == "suppressed"]
    for row in hidden.itertuples():
        region = present.escape_markdown(str(row.region))
        st.caption(f"{region}: {row.n} response(s) this month — too few to show an NPS.")
with right:
    st.subheader("Needs attention")
    if not view.attention:
        st.success("Nothing needs attention this month.")
    for item in view.attention:
        icon = {"high": ":material/error:", "medium": ":material/warning:", "low": ":material/info:"}[item.severity]
        st.markdown(f"{icon} **{item.topic}** — {present.escape_markdown(item.text)}")

ui.why_section(month, None, key="overview_why")
