"""The Regions page through app.py: the rank table, period controls, compare mode, peers and small samples."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from cxdash.permissions import Actor
from cxdash.regions.compare import NOISE, SIGNIFICANT
from cxdash.views.regions import TRENDS

ROOT = Path(__file__).resolve().parent.parent
MUTED_STYLE = "color: #8a8a8a"


def _regions(**params: str) -> AppTest:
    """The Regions page opened as from a link carrying ``params``."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("app_pages/regions.py").run()
    assert not at.exception
    return at


def _param(at: AppTest, key: str) -> str:
    value = at.query_params[key]
    return str(value[0] if isinstance(value, list) else value)


def _rank(at: AppTest) -> pd.DataFrame:
    """The rank table (the first table in "All regions" view)."""
    return at.dataframe[0].value.set_index("Region")


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label.rstrip(" ✱"): m.value for m in at.metric}


def test_the_rank_table_covers_every_region_for_the_latest_month(app_env: str) -> None:
    at = _regions()
    table = _rank(at)
    assert len(table) == 8
    # The top five overlap (ranks 1–5); ANZ's 26 responses are a low sample: listed last, unranked.
    assert table["NPS rank"].tolist()[:4] == ["1–5"] * 4 and table.index[-1] == "ANZ"
    assert table.loc["ANZ", "NPS rank"] == "unranked"
    assert table["NPS"].iloc[:7].is_monotonic_decreasing
    assert (_param(at, "from"), _param(at, "to"), _param(at, "compare")) == ("2025-11", "2026-10", "previous_month")
    # Adjusted with the month's changes (as on the Overview): DACH's drop holds (p 0.0008 → 0.008), NAW's rise does
    # not (0.042 → 0.152).
    assert table.loc["DACH", "Adjusted p (BH)"] == "0.008"
    assert table.loc["DACH", "Change test"] == SIGNIFICANT
    assert table.loc["NAW", "Change test"] == NOISE and table.loc["NAW", "p-value"] == "0.042"
    assert table.loc["APAC", "Target set for"] == "company (no regional target)"
    assert at.get("download_button")


def test_changing_the_period_changes_the_figures(app_env: str) -> None:
    at = _regions()
    october = _rank(at)
    at.sidebar.selectbox(key="filter_to").select("2026-09").run()
    september = _rank(at)
    assert _param(at, "to") == "2026-09"
    assert september.loc["DACH", "NPS"] != october.loc["DACH", "NPS"]
    at.sidebar.radio(key="filter_compare").set_value("same_month_last_year").run()
    last_year = _rank(at)
    assert _param(at, "compare") == "same_month_last_year"
    change = next(c for c in last_year.columns if c.startswith("Change vs"))
    assert change == "Change vs same month last year (pts)"
    assert last_year.loc["DACH", "NPS"] == september.loc["DACH", "NPS"]
    assert last_year.loc["DACH", change] != september.loc["DACH", "Change vs previous month (pts)"]


def test_the_rank_table_sorts_by_the_chosen_figure(app_env: str) -> None:
    at = _regions()
    at.selectbox(key="regions_sort").select("responses").run()
    table = at.dataframe[0].value
    assert table["Responses"].is_monotonic_decreasing
    assert table["Region"].iloc[0] == "DACH"


def test_a_low_sample_month_is_muted_and_makes_no_claim(app_env: str) -> None:
    at = _regions()
    anz = _rank(at).loc["ANZ"]
    assert anz["Sample"] == "low sample (n < 30)" and pd.isna(anz["p-value"])
    position = list(_rank(at).index).index("ANZ")
    styles = at.dataframe[0].proto.arrow_data.styler.styles
    assert f"row{position}_col0" in styles and MUTED_STYLE in styles
    at.sidebar.radio(key="regions_mode").set_value("compare").run()
    at.sidebar.selectbox(key="regions_region").select("ANZ").run()
    tile = at.metric[0]
    assert tile.label == "ANZ NPS" and tile.proto.color == tile.proto.MetricColor.GRAY
    assert any("low sample (n = 26); no significance claim" in c.value for c in at.caption)


def test_changing_the_region_changes_the_figures(app_env: str) -> None:
    at = _regions(view="compare", region="DACH")
    dach = _metrics(at)
    assert "DACH NPS" in dach
    at.sidebar.selectbox(key="regions_region").select("NAE").run()
    nae = _metrics(at)
    assert _param(at, "region") == "NAE"
    assert nae["NAE NPS"] != dach["DACH NPS"]
    assert nae["Gap vs rest of company"] != dach["Gap vs rest of company"]
    assert nae["Company NPS"] == dach["Company NPS"]


def test_choosing_peers_adds_their_gaps_and_keeps_them_in_the_url(app_env: str) -> None:
    at = _regions(view="compare", region="DACH")
    gaps = at.dataframe[0].value
    assert set(gaps["Compared with"]) == {"Rest of company"}
    at.sidebar.multiselect(key="regions_peers").select("NAE").select("UKI").run()
    gaps = at.dataframe[0].value
    assert _param(at, "peers") == "NAE,UKI"
    assert set(gaps["Compared with"]) == {"Rest of company", "NAE", "UKI"}
    nae = gaps[(gaps["Compared with"] == "NAE") & (gaps["Period"] == "October 2026")].iloc[0]
    assert nae["Gap (pts, DACH − them)"] < 0 and nae["Test"] == SIGNIFICANT


def test_a_bookmarked_compare_link_restores_region_peers_and_period(app_env: str) -> None:
    at = _regions(region="UKI", peers="NAE,LATAM", to="2026-06", compare="same_month_last_year")
    assert at.sidebar.radio(key="regions_mode").value == "compare"
    assert at.sidebar.selectbox(key="regions_region").value == "UKI"
    assert at.sidebar.multiselect(key="regions_peers").value == ["NAE", "LATAM"]
    assert at.sidebar.selectbox(key="filter_to").value == "2026-06"
    assert any("vs Jun 2025" in (m.delta or "") for m in at.metric)
    assert "June 2026" in set(at.dataframe[0].value["Period"])


def test_a_link_naming_unknown_regions_says_so_and_shows_a_real_one(app_env: str) -> None:
    at = _regions(region="ATLANTIS", peers="NAE,XX")
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert "ATLANTIS" in warnings and "XX" in warnings
    assert at.sidebar.selectbox(key="regions_region").value == "ANZ"
    assert at.sidebar.multiselect(key="regions_peers").value == ["NAE"]


def test_a_reversed_month_range_is_used_the_right_way_round(app_env: str) -> None:
    at = _regions(**{"from": "2026-10", "to": "2026-03"})
    assert any("the other way round" in c.value for c in at.sidebar.caption)
    assert "Rank table, October 2026" in [h.value for h in at.subheader]


def test_an_empty_database_explains_how_to_load_data(
    engine: Engine, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'configured.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    at = _regions()
    assert any("python -m cxdash load sample_data" in i.value for i in at.info)
    assert len(at.dataframe) == 0


def _page_alone(actor: Actor, **params: str) -> AppTest:
    """The page script run by itself, as if reached without app.py's navigation, for ``actor``."""
    at = AppTest.from_file(str(ROOT / "app_pages" / "regions.py"), default_timeout=120)
    at.session_state["auth_actor"] = actor
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_the_page_itself_refuses_a_role_without_access(app_env: str) -> None:
    at = _page_alone(Actor(username="board", role="viewer"))
    assert not at.exception
    assert any("does not include the Regions page" in e.value for e in at.error)
    assert len(at.dataframe) == 0 and len(at.metric) == 0


def test_a_regional_manager_starts_on_their_own_region(app_env: str) -> None:
    at = _page_alone(Actor(username="anna", role="regional_manager", region="NORDICS"), view="compare")
    assert not at.exception
    assert at.sidebar.selectbox(key="regions_region").value == "NORDICS"
    assert at.metric[0].label.startswith("NORDICS NPS")


def test_every_table_of_the_compare_view_can_be_downloaded(app_env: str) -> None:
    opened = {"regions_touchpoints": "true", "regions_why": "true", "regions_drivers": "true"}
    at = _regions(view="compare", region="DACH", comments="show", **opened)
    assert [b.label for b in at.get("download_button")] == [
        "Download the gaps (CSV)",
        "Download the touchpoints (CSV)",
        "Download the impact table (CSV)",
        "Download the drivers (CSV)",
        "Download these comments (CSV)",
    ]


def test_the_rank_table_shows_the_essential_columns_first_and_the_rest_on_request(app_env: str) -> None:
    at = _regions()
    shown = list(at.dataframe[0].proto.column_order)
    assert shown[:3] == ["NPS rank", "Region", "Name"] and "95% CI low" not in shown and "Change test" in shown
    assert '"pinned":true' in at.dataframe[0].proto.columns.replace(" ", "")
    at.multiselect(key="regions_rank_columns").select("95% CI low").select("Adjusted p (BH)").run()
    shown = list(at.dataframe[0].proto.column_order)
    assert shown[-2:] == ["95% CI low", "Adjusted p (BH)"]


def _chart_titles(at: AppTest) -> list[str]:
    titles = [json.loads(c.proto.spec).get("title", "") for c in at.get("vega_lite_chart")]
    return [str(t.get("text", "") if isinstance(t, dict) else t) for t in titles]


def test_every_regions_nps_is_drawn_at_once_and_retention_when_its_tab_is_opened(app_env: str) -> None:
    at = _regions()
    assert [t.label for t in at.tabs] == list(TRENDS)
    assert [t.split(" (")[0] for t in _chart_titles(at)] == ["NPS by region with 95% CI"]
    assert not [r for r in at.radio if r.key == "regions_basis"]
    at = _regions(trend="Retention")
    assert [t.split(" (")[0] for t in _chart_titles(at)] == ["Monthly retention by region"]
    at.radio(key="regions_basis").set_value("chained_12m").run()
    assert _chart_titles(at)[0].startswith("Retention, 12 months (chained monthly) by region")
    assert len(_rank(at)) == 8  # the rank table is there whichever tab is open


def test_a_compare_link_opens_retention_and_the_touchpoint_figures_only_when_asked(app_env: str) -> None:
    at = _regions(view="compare", region="DACH")
    titles = _chart_titles(at)
    assert "NPS: DACH against the company and peers" in titles
    assert not [t for t in titles if "retention" in t.lower()]
    assert not [d for d in at.dataframe if "Touchpoint" in d.value.columns]
    at = _regions(view="compare", region="DACH", trend="Retention", regions_touchpoints="true")
    titles = _chart_titles(at)
    assert "Monthly retention: DACH against the company and peers" in titles
    assert "NPS: DACH against the company and peers" not in titles
    assert [d for d in at.dataframe if "Touchpoint" in d.value.columns]
