"""The "Why it moved" section on Overview and on a region's compare view, through app.py."""

from tests.apptest import open_page, said


def test_overview_explains_the_change_and_where_to_act(app_env: str) -> None:
    at = open_page("overview")
    assert not at.exception
    text = said(at.markdown)
    assert "NPS fell 5.2 points" in text
    assert "Chat support costs the most" in text
    assert any(s.value == "Why it moved" for s in at.subheader)


def test_a_region_compare_view_bridges_by_touchpoint(app_env: str) -> None:
    at = open_page("regions", view="compare", region="DACH")
    assert not at.exception
    text = said(at.markdown)
    assert "NPS fell 19.9 points" in text and "Chat support −5.4" in text
    impact = [d.value for d in at.dataframe if "Points of NPS" in d.value.columns]
    assert impact and impact[0]["Touchpoint"].iloc[0] == "Chat support"
