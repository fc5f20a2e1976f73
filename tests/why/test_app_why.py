"""The "Why it moved" section on Overview and on a region's compare view, through app.py."""

import pandas as pd
from streamlit.testing.v1 import AppTest

from cxdash.ui.why import DETAILS
from tests.apptest import open_page, said

BRIDGE, IMPACT = '"NPS from Sep 2026 to Oct 2026', '"Touchpoints company-wide, October 2026'


def _impact(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe if "Points of NPS" in d.value.columns]


def _charts(at: AppTest) -> list[str]:
    return [c.proto.spec for c in at.get("vega_lite_chart")]


def test_overview_explains_the_change_and_where_to_act(app_env: str) -> None:
    at = open_page("overview")
    assert not at.exception
    text = said(at.markdown)
    assert "NPS fell 5.2 points" in text
    assert "Chat support costs the most" in text
    assert any(s.value == "Why it moved" for s in at.subheader)


def test_the_overviews_bridge_and_impact_are_drawn_only_when_opened(app_env: str) -> None:
    at = open_page("overview")
    assert DETAILS in [e.label for e in at.expander]
    assert not [s for s in _charts(at) if BRIDGE in s or IMPACT in s]
    assert not _impact(at)
    opened = open_page("overview", overview_why="true")
    assert not opened.exception
    assert [s for s in _charts(opened) if BRIDGE in s] and [s for s in _charts(opened) if IMPACT in s]
    impact = _impact(opened)
    assert impact and impact[0]["Touchpoint"].iloc[0] == "Chat support"
    # The sentences, verdicts included, are the same either way: they do not wait for the charts.
    assert "NPS fell 5.2 points" in said(opened.markdown) and "Chat support costs the most" in said(opened.markdown)


def test_a_region_compare_view_bridges_by_touchpoint(app_env: str) -> None:
    at = open_page("regions", view="compare", region="DACH", regions_why="true")
    assert not at.exception
    text = said(at.markdown)
    assert "NPS fell 19.9 points" in text and "Chat support −5.4" in text
    impact = _impact(at)
    assert impact and impact[0]["Touchpoint"].iloc[0] == "Chat support"


def test_the_regions_page_shows_comment_themes_on_request(app_env: str) -> None:
    at = open_page("regions", view="compare", region="DACH")
    assert not [d for d in at.dataframe if "Top terms" in d.value.columns]
    at.toggle(key="regions_themes_show").set_value(True).run()
    assert at.query_params["themes"] in ("show", ["show"])
    assert any(s.value == "What customers say" for s in at.subheader)
    themes = [d.value for d in at.dataframe if "Top terms" in d.value.columns]
    assert themes and len(themes[0]) >= 3
    assert "Name a theme" in [e.label for e in at.expander]


def test_the_regions_page_relates_csat_and_ces_to_the_score(app_env: str) -> None:
    at = open_page("regions", view="compare", region="DACH")
    assert any(s.value == "What goes with a high score" for s in at.subheader)
    assert "association, not cause" in said(at.markdown)
    assert not _drivers(at)  # the per-touchpoint table waits in its expander, which a link may open
    drivers = _drivers(open_page("regions", view="compare", region="DACH", regions_drivers="true"))
    assert drivers and "All touchpoints" in set(drivers[0]["Touchpoint"])


def _drivers(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe if "Standardized coefficient" in d.value.columns]
