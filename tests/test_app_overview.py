"""The Overview page through app.py, as a user would drive it."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from cxdash import db, export
from cxdash.attention import FIRST_SHOWN, more_label
from cxdash.models import Region, ResponseRollup, Touchpoint
from cxdash.views import overview as overview_view
from tests import apptest

ROOT = Path(__file__).resolve().parent.parent


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)


def test_overview_shows_every_kpi_for_the_latest_month(app_env: str) -> None:
    at = _app().run()
    assert not at.exception
    assert [m.label.rstrip(" ✱") for m in at.metric] == ["NPS", "Retention", "CSAT", "CES", "Responses"]
    assert at.sidebar.selectbox(key="filter_month").value == "2026-10"
    assert at.query_params["month"] == ["2026-10"] or at.query_params["month"] == "2026-10"


def test_changing_the_month_changes_the_figures(app_env: str) -> None:
    at = _app().run()
    october = [m.value for m in at.metric]
    at.sidebar.selectbox(key="filter_month").select("2025-10").run()
    assert not at.exception
    assert [m.value for m in at.metric] != october


def test_attention_list_names_the_significant_drop(app_env: str) -> None:
    at = _app().run()
    text = " ".join(md.value for md in at.markdown)
    assert "DACH" in text and "NPS fell" in text


def test_open_demo_banner_is_shown_without_users(app_env: str) -> None:
    at = _app().run()
    assert any("Open demo" in w.value for w in at.warning)


def test_a_configured_empty_database_explains_how_to_load_data(
    engine: Engine, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'configured.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    at = _app().run()
    assert not at.exception
    assert any("python -m cxdash load sample_data" in i.value for i in at.info)
    assert len(at.metric) == 0


def test_unreachable_database_gives_a_sentence_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    at = _app().run()
    assert not at.exception
    assert any("cannot reach its database" in e.value for e in at.error)


def test_first_start_without_configuration_loads_the_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    assert not at.exception
    assert (tmp_path / "cxdash.db").exists()
    assert len(at.metric) == 5


SEP, OCT = date(2026, 9, 1), date(2026, 10, 1)
# (month, region, promoters, passives, detractors): BBB has 3 answers in October, CCC had 3 in September.
CELLS = [(SEP, "AAA", 20, 10, 10), (OCT, "AAA", 25, 10, 5), (OCT, "BBB", 3, 0, 0), (SEP, "CCC", 1, 1, 1),
         (OCT, "CCC", 20, 10, 10)]  # fmt: skip


def _fill_with_suppressed_cells(target: Engine) -> None:
    with db.session(target) as session:
        regions = {code: Region(code=code, name=f"Region {code}") for code in ("AAA", "BBB", "CCC")}
        web = Touchpoint(code="WEB", name="Web", stage="Usage", position=1)
        session.add_all([*regions.values(), web])
        session.commit()
        for month, code, p, pa_, d in CELLS:
            region_id, touchpoint_id = regions[code].id, web.id
            assert region_id is not None and touchpoint_id is not None
            session.add(ResponseRollup(month=month, region_id=region_id, touchpoint_id=touchpoint_id, n=p + pa_ + d,
                                       promoters=p, passives=pa_, detractors=d))  # fmt: skip
        session.commit()


@pytest.fixture
def suppressed(engine: Engine, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A database of this test's own where BBB's October (3 answers) and CCC's September are suppressed."""
    yield from apptest.own_database(engine, backend, tmp_path, monkeypatch, _fill_with_suppressed_cells)


def _chart_rows(at: AppTest) -> pd.DataFrame:
    """Every row of data the NPS-by-region chart sends to the browser, whatever dataset it sits in."""
    (chart,) = [c for c in at.get("vega_lite_chart") if '"NPS by region"' in c.proto.spec]
    spec = json.loads(chart.proto.spec)
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]
    frames += [pd.DataFrame(rows) for rows in spec.get("datasets", {}).values()]
    return pd.concat(frames, ignore_index=True)


def test_a_suppressed_region_sends_the_browser_no_chart_data(suppressed: Engine) -> None:
    at = _app().run()
    assert not at.exception
    rows = _chart_rows(at)
    plotted = {"region", "nps", "ci_low", "ci_high", "n", "sample_label", "colour", "x"}
    assert set(rows.columns) <= plotted
    assert set(rows["region"].dropna()) == {"AAA", "CCC"}
    # BBB's NPS would be 100.0 from 3 promoters; no figure of it may travel
    assert 100.0 not in set(rows["nps"].dropna()) and 3 not in set(rows["n"].dropna())
    assert any("BBB: 3 response(s) this month" in c.value for c in at.caption)


def test_the_why_bridge_leaves_out_a_pool_under_five_responses(suppressed: Engine) -> None:
    """BBB (3 answers in October only) and CCC (3 in September) would pool to 3 responses in September: the pool's
    one figure would be theirs, so the bridge runs over AAA alone and the browser gets no step made from them."""
    at = _app()
    at.query_params["overview_why"] = "true"  # the bridge chart is drawn when its section is opened
    at.run()
    assert not at.exception
    (chart,) = [c for c in at.get("vega_lite_chart") if '"NPS from Sep 2026 to Oct 2026' in c.proto.spec]
    spec = json.loads(chart.proto.spec)
    rows = pd.concat(
        [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]
        + [pd.DataFrame(r) for r in spec.get("datasets", {}).values()],
        ignore_index=True,
    )
    assert set(rows["step"]) == {"Sep 2026", "AAA", "Oct 2026"}
    assert "without BBB, CCC" in chart.proto.spec
    text = apptest.said(at.markdown)
    assert "Without BBB, CCC (fewer than 5 responses in a month, so not shown), NPS" in text


def test_the_csv_keeps_a_suppressed_regions_count_and_nothing_else(suppressed: Engine) -> None:
    at = _app().run()
    assert "NPS by region (CSV)" in [b.label for b in at.get("download_button")]
    with db.session(suppressed) as session:
        view = overview_view.overview(session, OCT)
    table = pd.read_csv(io.BytesIO(export.csv_bytes(overview_view.region_table(view))), encoding="utf-8-sig")
    rows = table.set_index("Region")
    hidden = rows.loc["BBB"].drop(["Responses", "Sample", "Target scope"])
    assert rows.loc["BBB", "Responses"] == 3 and rows.loc["BBB", "Sample"] == "suppressed"
    assert hidden.isna().all()
    # CCC is shown, but its September had 3 answers: no change and no test against it
    assert rows.loc["CCC", "NPS"] == 25.0 and pd.isna(rows.loc["CCC", "Change vs previous month (pts)"])
    assert not any(c.startswith(("Promoters", "Passives", "Detractors")) for c in table.columns)


def test_the_first_month_with_data_compares_with_nothing(app_env: str) -> None:
    at = _app().run()
    at.sidebar.selectbox(key="filter_month").select("2024-11").run()
    assert not at.exception
    assert len(at.metric) == 5 and all(not m.delta for m in at.metric)


@pytest.mark.parametrize(
    ("month", "round_label", "today"),
    [(date(2025, 10, 1), None, True), (date(2026, 6, 1), "2026-Q2", True), (OCT, "2026-Q3", False)],
)
def test_a_months_review_shows_the_alignment_round_held_by_its_end(
    sample_url: str, month: date, round_label: str | None, today: bool
) -> None:
    # rounds were held on 2025-12-10, 2026-03-11, 2026-06-10 and 2026-09-15; October 2026 is the latest month
    engine = db.make_engine(sample_url)
    with db.session(engine) as session:
        view = overview_view.overview(session, month)
    engine.dispose()
    assert (view.alignment_round, view.ownership_is_today) == (round_label, today)
    agreement = [a for a in view.attention if a.topic == "Low leadership agreement"]
    assert agreement[0].text.startswith(f"In round {round_label} ") if round_label else agreement == []
    owned = [a.text for a in view.attention if a.topic == "Unowned touchpoints"]
    assert owned[0].startswith("Today's ownership map: ") is today


def test_attention_items_link_to_the_region_and_to_the_ownership_map(app_env: str) -> None:
    at = _app().run()
    links = [(link.proto.label, link.proto.page, link.proto.query_string) for link in at.get("page_link")]
    dach = [(label, page, query) for label, page, query in links if label == "Compare DACH in Regions"]
    assert dach and dach[0][1].endswith("regions") and "region=DACH" in dach[0][2] and "view=compare" in dach[0][2]
    assert any(label == "See the Ownership map" for label, _, _ in links)
    assert "See the Ownership map." not in apptest.said(at.markdown)


def test_the_regions_chart_can_be_clicked(app_env: str) -> None:
    at = _app().run()
    spec = json.loads(next(c.proto.spec for c in at.get("vega_lite_chart") if "NPS by region" in c.proto.spec))
    params = [*spec.get("params", []), *(p for layer in spec["layer"] for p in layer.get("params", []))]
    assert any(p.get("name") == "region_pick" and p["select"]["fields"] == ["region"] for p in params)


def _attention(at: AppTest) -> list[str]:
    """The topics of the findings listed, in order."""
    return [md.value.split("**")[1] for md in at.markdown if md.value.startswith(":material/") and "**" in md.value]


def test_the_worst_findings_are_listed_and_the_rest_wait_under_a_fold(app_env: str) -> None:
    with db.session(db.make_engine(app_env)) as session:
        view = overview_view.overview(session, date(2026, 10, 1))
    assert len(view.attention) > FIRST_SHOWN  # the sample's October has more findings than the list shows at once
    at = _app().run()
    assert _attention(at) == [a.topic for a in view.attention[:FIRST_SHOWN]]
    assert at.expander(key="overview_more").label == more_label(view.attention[FIRST_SHOWN:])
    assert f"overview_attention_{FIRST_SHOWN}_assign" not in [b.key for b in at.button]
    at.query_params["overview_more"] = "true"
    at = at.run()
    assert _attention(at) == [a.topic for a in view.attention]
    assert f"overview_attention_{len(view.attention) - 1}_assign" in [b.key for b in at.button]
