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
