"""The app `benchmarks/element_costs.py` serves: a light page before each page that adds one kind of element, so every
timed switch starts from the same page and differs from hello-world by that element alone. Served as cxdash serves
itself (messages sent at once, cxdash/ui/sockets.py)."""

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from cxdash.charts import regions as regions_charts
from cxdash.overview import Thresholds
from cxdash.regions import company_nps_trend, nps_trend
from cxdash.ui.frame import APP_STYLE
from cxdash.ui.sockets import send_promptly

send_promptly()
MONTHS = pd.date_range("2025-11-01", periods=24, freq="MS")
# Eight regions over 24 months, like the Regions page's trend data.
TREND = pd.DataFrame({"month": MONTHS.repeat(8), "region": list("ABCDEFGH") * 24, "nps": [i % 37 for i in range(192)]})
TABLE = pd.DataFrame({"region": list("ABCDEFGH"), "nps": range(8), "responses": range(100, 108), "note": ["ok"] * 8})
CODES = ["ANZ", "APAC", "DACH", "LATAM", "NAE", "NAW", "NORDICS", "UKI"]
THRESHOLDS = Thresholds(low=30, suppress=5)
LINE = "**Finding** — a sentence about one finding of the month, long enough to wrap once on a laptop screen."


def hello() -> None:
    st.title("Hello")
    st.write("A page with a title and a line of text.")


def markdown_10() -> None:
    for i in range(10):
        st.markdown(f"{i}. {LINE}")


def markdown_1_of_10() -> None:
    st.markdown("\n".join(f"{i}. {LINE}" for i in range(10)))


def buttons_10() -> None:
    for i in range(10):
        st.button(f"Assign an action {i}", key=f"elements_button_{i}")


def page_links_10() -> None:
    for i in range(10):
        st.page_link(PAGES[1], label=f"Open finding {i}")


def metrics_5() -> None:
    for column in st.columns(5):
        with column:
            st.metric("NPS", "32.4", "-5.6 pts", border=True, help="Net Promoter Score")


def sidebar_selectbox() -> None:
    st.sidebar.selectbox("Month", ["October 2026", "September 2026"], key="elements_month")


def dataframe_8_rows() -> None:
    st.dataframe(TABLE, hide_index=True)


def table_8_rows() -> None:
    st.table(TABLE)


def vega_inline_5_bars() -> None:
    values = [{"region": r, "nps": i} for i, r in enumerate("ABCDE")]
    encoding = {"x": {"field": "region", "type": "nominal"}, "y": {"field": "nps", "type": "quantitative"}}
    spec = {"data": {"values": values}, "mark": "bar", "encoding": encoding}
    st.vega_lite_chart(spec)


def altair_line_192_rows() -> None:
    st.altair_chart(alt.Chart(TREND).mark_line().encode(x="month:T", y="nps:Q", color="region:N"))


def altair_facet_8_panels() -> None:
    panel = alt.Chart(TREND).mark_line(point=True).encode(x="month:T", y="nps:Q").properties(width=150, height=100)
    st.altair_chart(panel.facet("region:N", columns=4))


@st.cache_data(show_spinner=False)
def _regions_spec() -> dict[str, object]:
    """The Regions page's small multiples as cxdash builds them, over eight regions and 24 months of counts."""
    months = [m.date() for m in MONTHS]
    rows = [
        (m, code, 300 + 7 * i, 200, 120 + (i * j) % 90) for i, code in enumerate(CODES) for j, m in enumerate(months)
    ]
    by_region = pd.DataFrame(rows, columns=["month", "region", "promoters", "passives", "detractors"])
    by_region = by_region.assign(n=by_region[["promoters", "passives", "detractors"]].sum(axis=1))
    trend, company = nps_trend(by_region, CODES, months, THRESHOLDS), company_nps_trend(by_region, months, THRESHOLDS)
    spec: dict[str, object] = regions_charts.nps_small_multiples(trend, company, CODES).to_dict()
    return spec


def regions_small_multiples() -> None:
    st.vega_lite_chart(_regions_spec(), width="content")


def graphviz_10_nodes() -> None:
    edges = "; ".join(f'"Leader {(i - 1) // 3}" -> "Leader {i}"' for i in range(1, 10))
    st.graphviz_chart(f"digraph {{ {edges} }}")


def tabs_3() -> None:
    first, _, _ = st.tabs(["One", "Two", "Three"])
    first.write("The open tab.")


def warning_banner() -> None:
    st.warning("Open demo: no user accounts exist.", icon=":material/lock_open:")


def html_style() -> None:
    st.html(APP_STYLE)


KINDS: list[Callable[[], None]] = [
    markdown_10, markdown_1_of_10, buttons_10, page_links_10, metrics_5, sidebar_selectbox, dataframe_8_rows,
    table_8_rows, vega_inline_5_bars, altair_line_192_rows, altair_facet_8_panels, regions_small_multiples,
    graphviz_10_nodes, tabs_3, warning_banner, html_style,
]  # fmt: skip


def page(kind: Callable[[], None]) -> Callable[[], None]:
    def draw() -> None:
        hello()
        kind()

    return draw


# The page a browser opens first, switched to last in each round (a click on the page showing would run nothing), so
# that every kind's page follows its own hello-world page.
PAGES: list[st.Page] = [st.Page(hello, title="start", url_path="start", default=True)]
for number, kind in enumerate(KINDS):
    PAGES.append(st.Page(hello, title=f"hello {number}", url_path=f"hello_{number}"))
    PAGES.append(st.Page(page(kind), title=kind.__name__, url_path=kind.__name__))
st.navigation(PAGES, expanded=True).run()
