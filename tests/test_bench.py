"""The benchmark at a tiny size, so that `python -m cxdash bench` cannot rot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cxdash import bench
from cxdash.bench.datasets import label, parse_size
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
                       say=lambda _m: None)  # fmt: skip
    app_pages = (Path(__file__).resolve().parent.parent / "app.py").read_text(encoding="utf-8").count("st.Page(")
    for rows in result.pages.values():
        assert len(rows) == app_pages
        assert all("warm_ms" in r and r["warm_ms"] > 0 for r in rows), rows
    assert result.rss_mb > 0 and result.rss_all_mb > 0
    assert result.imports["SQLite"].seconds > 0 and result.imports["SQLite"].peak_mb > 0
    assert result.rollup_s is not None and result.naive_s is not None
    text = bench.table(result)
    assert "600/600" not in text and "1.2k/600" in text
    assert len(bench.verdicts(result)) == 4
    if pg:
        assert "PostgreSQL" in result.imports
        assert "1.2k PostgreSQL cold/warm ms" in text and "PostgreSQL/600" not in text
        with _admin_connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "cxdash_bench_{RUN_ID}" WITH (FORCE)')


def _measured(ratio: float, rss: float = 300.0) -> bench.BenchResult:
    rows = [{"page": "app_pages/overview.py", "cold_ms": 40.0, "warm_ms": 20.0}]
    slow = [{"page": "app_pages/overview.py", "cold_ms": 40.0, "warm_ms": 20.0 * ratio}]
    return bench.BenchResult([10_000, 5_000_000], pages={"10k": rows, "5M": slow}, rss_mb=rss, rss_all_mb=rss)


def test_verdicts_name_a_ratio_over_budget_as_missed() -> None:
    assert bench.verdicts(_measured(1.19))[1].startswith("met: worst page time ratio to 10k 1.19")
    assert bench.verdicts(_measured(1.3))[1].startswith("MISSED: worst page time ratio to 10k 1.30")


def test_verdicts_name_memory_over_budget_as_missed() -> None:
    assert bench.verdicts(_measured(1.0, rss=501.0))[-1] == "MISSED: RSS at 5M 501 MB (budget 500)"
