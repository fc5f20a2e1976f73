"""The benchmark at a tiny size, so that `python -m cxdash bench` cannot rot."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from benchmarks import ab_switch, element_costs, server_pages
from benchmarks.views import VIEWS
from cxdash import bench
from cxdash.bench import measure
from cxdash.bench.datasets import label, parse_size
from cxdash.bench.live import LiveResult, SoakSample, soak_verdict
from cxdash.bench.measure import Timed
from cxdash.bench.themes import distinct_texts
from tests.browser import require_chromium
from tests.conftest import PG_URL, RUN_ID, _admin_connect


@pytest.mark.parametrize(("text", "size"), [("10k", 10_000), ("1m", 1_000_000), ("5M", 5_000_000), ("2500", 2500)])
def test_sizes_read_like_people_write_them(text: str, size: int) -> None:
    assert parse_size(text) == size
    assert parse_size(label(size)) == size


@pytest.mark.parametrize("text", ["ten", "5", ""])
def test_bad_sizes_are_refused_with_a_reason(text: str) -> None:
    with pytest.raises(ValueError, match="size"):
        parse_size(text)


def test_tiny_benchmark_measures_every_page_and_reference(tmp_path: Path) -> None:
    pg = PG_URL if os.environ.get("CI", "").lower() == "true" or os.environ.get("CXDASH_TEST_PG_URL") else None
    result = bench.run([600, 1200], data_dir=tmp_path, runs=1, pg_url=pg, pg_database=f"cxdash_bench_{RUN_ID}",
                       say=lambda _m: None, busy_seconds=1.0, source_rows=1500, theme_comments=2_000,
                       import_runs=2)  # fmt: skip
    app_pages = (Path(__file__).resolve().parent.parent / "app.py").read_text(encoding="utf-8").count("st.Page(")
    for rows in [*result.pages.values(), *result.server.pages.values()]:
        assert len(rows) == app_pages + len(VIEWS)
        assert [r["page"] for r in rows][-len(VIEWS) :] == list(VIEWS)
        assert all("warm_ms" in r and r["warm_ms"] > 0 for r in rows), rows
    assert list(result.server.pages) == list(result.pages)
    assert result.server.hello_ms > 0 and result.server.runs_per_second > 0
    chromium = bool(result.server.switch_ms)
    assert not chromium or (len(result.server.switch_ms) == app_pages and result.server.hello_switch_ms > 0)
    assert not chromium or result.server.hello_prompt_switch_ms > 0
    assert result.server.hello_prompt_ms > 0
    assert all(mb > 0 for mb in result.server.rss_mb.values())
    assert result.floors["SQLite"] > 0
    assert result.rss_mb > 0 and result.rss_all_mb > 0
    assert result.imports["SQLite"].seconds > 0 and result.imports["SQLite"].peak_mb > 0
    assert len(result.imports["SQLite"].runs) == 2 and len(result.floor_runs["SQLite"]) == 2
    assert result.rollup_s is not None and result.naive_s is not None
    text = bench.table(result)
    assert "600/600" not in text and "1.2k/600" in text
    assert "real `streamlit run` server" in text and "floor" in text and "(median of 2: " in text
    assert result.source_rows == 1500 and result.import_rows == result.counts["1.2k"]
    assert all(t.seconds > 0 and t.peak_mb > 0 for t in result.source_imports.values())
    assert list(result.source_imports) == ["SQLite", *(["PostgreSQL"] if pg else [])]
    assert "Import of a 1.5k-row survey export (Qualtrics layout" in text
    assert result.themes is not None and result.themes.comments == 2_000 and result.themes.page_fit_s > 0
    assert result.themes.fit_s > 0 and result.themes.label_s > 0
    assert "Comment themes at 1.2k" in text
    assert len(bench.verdicts(result)) == 11 + chromium + (4 if pg else 0)
    if pg:
        assert "PostgreSQL" in result.imports and result.floors["PostgreSQL"] > 0
        assert "1.2k PostgreSQL cold/warm ms" in text and "PostgreSQL/600" not in text
        with _admin_connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "cxdash_bench_{RUN_ID}" WITH (FORCE)')


def _measured(ratio: float, rss: float = 300.0) -> bench.BenchResult:
    rows = [{"page": "app_pages/overview.py", "cold_ms": 40.0, "warm_ms": 20.0}]
    slow = [{"page": "app_pages/overview.py", "cold_ms": 40.0, "warm_ms": 20.0 * ratio}]
    return bench.BenchResult([10_000, 5_000_000], pages={"10k": rows, "5M": slow}, rss_mb=rss, rss_all_mb=rss)


def test_verdicts_name_a_ratio_over_budget_as_missed() -> None:
    assert bench.verdicts(_measured(1.19))[1].startswith("met: AppTest: worst page time ratio to 10k 1.19")
    assert bench.verdicts(_measured(1.3))[1].startswith("MISSED: AppTest: worst page time ratio to 10k 1.30")


def test_verdicts_name_memory_over_budget_as_missed() -> None:
    assert bench.verdicts(_measured(1.0, rss=501.0))[-1] == "MISSED: RSS at 5M 501 MB (budget 500)"


def _served(warm_ms: float, switch_ms: float = 100.0, runs_per_second: float = 12.0) -> bench.BenchResult:
    result = _measured(1.0)
    rows = [{"page": "overview", "cold_ms": 300.0, "warm_ms": warm_ms}]
    result.server = LiveResult(pages={"10k": rows, "5M": rows}, runs_per_second=runs_per_second,
                               switch_ms={"Overview": switch_ms}, hello_switch_ms=50.0)  # fmt: skip
    return result


def test_real_server_pages_over_150_ms_at_the_largest_size_are_missed() -> None:
    assert bench.verdicts(_served(150.0))[0] == "met: real server: slowest warm page at 5M 150 ms median (budget 150)"
    assert bench.verdicts(_served(151.0))[0].startswith("MISSED: real server: slowest warm page at 5M 151 ms")


def test_a_page_switch_over_twice_hello_world_s_is_missed() -> None:
    lines = bench.verdicts(_served(80.0, switch_ms=120.0))
    expected = "MISSED: Chromium: slowest page switch (Overview) 120 ms median, 2.4x a hello-world switch (50 ms"
    assert any(line.startswith(expected) for line in lines), lines


def test_the_switch_verdict_also_names_the_hello_world_app_served_as_cxdash_serves_itself() -> None:
    result = _served(80.0, switch_ms=90.0)
    result.server.hello_prompt_switch_ms = 20.0
    (line,) = [ln for ln in bench.verdicts(result) if "Chromium" in ln]
    assert line.startswith("met: Chromium: slowest page switch (Overview) 90 ms median, 1.8x a hello-world switch")
    assert line.endswith("; 4.5x the hello-world app served as cxdash serves itself (20 ms)")


def test_fewer_than_ten_runs_a_second_is_missed() -> None:
    lines = bench.verdicts(_served(80.0, runs_per_second=9.5))
    assert "MISSED: real server: 9.5 page runs a second in one process (budget 10)" in lines


def test_imports_are_judged_against_their_floors() -> None:
    result = _measured(1.0)
    result.imports = {"SQLite": Timed(5.0, 200.0), "PostgreSQL": Timed(3.0, 150.0)}
    result.floors = {"SQLite": 2.0, "PostgreSQL": 1.0}
    lines = bench.verdicts(result)
    assert "MISSED: SQLite import 2.5x its floor of 2.0 s (budget 2x)" in lines
    assert "met: PostgreSQL import 3.0x its floor of 1.0 s (budget 3x)" in lines


def test_several_runs_of_an_import_are_judged_by_their_median_and_report_their_spread() -> None:
    timed = measure.median_of([Timed(6.3, 250.0), Timed(5.8, 270.0), Timed(6.0, 260.0)])
    assert timed == Timed(6.0, 270.0, (5.8, 6.0, 6.3))
    assert measure.median_of([Timed(4.0, 100.0)]) == Timed(4.0, 100.0)
    result = _measured(1.0)
    result.reference_size, result.imports = 1_000_000, {"SQLite": timed}
    result.floors, result.floor_runs = {"SQLite": 3.0}, {"SQLite": (2.7, 3.0, 3.4)}
    expected = ("Import of a 1M-row responses CSV into SQLite: 6.0 s (median of 3: 5.8-6.3 s), peak RSS 270 MB; "
                "floor 3.0 s (median of 3: 2.7-3.4 s) (2.0x)")  # fmt: skip
    assert expected in bench.table(result).splitlines()
    assert "met: SQLite import 2.0x its floor of 3.0 s (budget 2x)" in bench.verdicts(result)


def test_a_survey_export_is_judged_per_million_rows_against_the_responses_csv_and_under_1_gb() -> None:
    result = _measured(1.0)
    result.imports, result.import_rows = {"SQLite": Timed(10.0, 200.0), "PostgreSQL": Timed(20.0, 200.0)}, 1_000_000
    result.source_imports = {"SQLite": Timed(100.0, 999.0), "PostgreSQL": Timed(201.0, 1000.0)}
    result.source_rows = 5_000_000
    lines = bench.verdicts(result)
    assert "met: SQLite survey-export import peak RSS 999 MB (budget 1000)" in lines
    expected = "met: SQLite survey-export import 20.0 s per million rows, 2.0x the responses CSV's 10.0 s (budget 2x)"
    assert expected in lines
    assert "MISSED: PostgreSQL survey-export import peak RSS 1000 MB (budget 1000)" in lines
    assert any(line.startswith("MISSED: PostgreSQL survey-export import 40.2 s per million rows") for line in lines)
    assert "into SQLite: 100.0 s (20.0 s per million rows), peak RSS 999 MB" in bench.table(result)


def test_import_memory_is_the_child_s_own_peak_not_the_benchmark_s() -> None:
    ballast = bytearray(600 * 2**20)
    ballast[::4096] = b"\x01" * len(ballast[::4096])  # touch every page: resident, not just reserved
    timed = measure.timed_command(["--help"], "sqlite://")
    assert timed.peak_mb < 450, timed
    del ballast


def test_soak_memory_more_than_ten_percent_over_its_first_sample_is_missed() -> None:
    samples = [SoakSample(50, 200.0, 90.0), SoakSample(100, 215.0, 90.0), SoakSample(150, 221.0, 90.0)]
    assert soak_verdict(samples).startswith("MISSED: server memory over 150 page runs: 200 MB after 50, highest 221")
    assert soak_verdict(samples[:2]).startswith("met:")


def test_theme_extraction_texts_are_distinct_and_read_as_the_stored_ones() -> None:
    """The 1M-comment figure is that of distinct comments (none labelled once for many) with the stored words."""
    texts = distinct_texts(["Hold music for an hour.", "Great app!"], 5)
    assert len(set(texts)) == 5
    words = TfidfVectorizer(token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b").build_analyzer()
    assert [words(t) for t in texts[:2]] == [words("Hold music for an hour."), words("Great app!")]
    assert words(texts[2]) == words(texts[0]) and distinct_texts([], 5) == []


def test_every_view_the_benchmark_times_names_a_page_the_server_serves() -> None:
    """The navigation message names the default page (Overview) by an empty url path, the others by their file."""
    names = [path.stem for path in (Path(__file__).resolve().parent.parent / "app_pages").glob("*.py")]
    pages = {"": "hash-overview", **{name: f"hash-{name}" for name in names if name != "overview"}}
    targets = server_pages.targets_of(pages)
    assert targets["overview · why it moved, charts"] == ("hash-overview", "overview_why=true")
    assert {page for page, _ in targets.values()} <= set(pages.values())


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_a_b_switch_times_a_page_served_from_each_checkout(sample_url: str) -> None:
    require_chromium()  # the script drives its own Chromium: not the browser fixture's, in the same thread
    root = Path(__file__).resolve().parent.parent
    times = ab_switch.compare(root, sample_url, ["Data"], rounds=1)
    assert list(times) == ["Data"]
    assert all(ms > 0 for ms in times["Data"])


@pytest.mark.parametrize("backend", ["sqlite"])
def test_element_costs_price_every_kind_against_hello_world(sample_url: str) -> None:
    require_chromium()  # the script drives its own Chromium: not the browser fixture's, in the same thread
    hello, added = element_costs.costs(1, sample_url)
    assert hello > 0
    assert sorted(added) == sorted(listed_kinds())
    assert all(math.isfinite(ms) for ms in added.values())  # a paired difference: a kind may cost nothing


def listed_kinds() -> list[str]:
    """The names in the elements app's KINDS, read from its source: importing it would run a Streamlit script."""
    source = (Path(__file__).resolve().parent.parent / "benchmarks" / "elements_app.py").read_text(encoding="utf-8")
    listed = source.split("KINDS: list[Callable[[], None]] = [", 1)[1].split("]", 1)[0]
    return [name.strip() for name in listed.split(",") if name.strip()]
