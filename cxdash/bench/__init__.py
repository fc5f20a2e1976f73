"""`python -m cxdash bench`: page times at several sizes, import cost, memory, reference paths."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from cxdash import db
from cxdash.bench import datasets, measure

BUDGET_PAGE_MS = 250.0
BUDGET_RATIO = 1.2
BUDGET_IMPORT_S = 15.0
BUDGET_RSS_MB = 500.0


@dataclass
class BenchResult:
    sizes: list[int]
    pages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # label -> one row per page
    rss_mb: float = 0.0  # a process that served every page of the largest database only
    rss_all_mb: float = 0.0  # the timing process, which served every page of every database
    imports: dict[str, measure.Timed] = field(default_factory=dict)  # backend -> timing
    rollup_s: float | None = None
    duckdb_s: float | None = None
    naive_s: float | None = None
    reference_size: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # label -> responses actually stored


def _pg_bench_url(server_url: str, name: str) -> str:
    """A scratch database on the given PostgreSQL server, recreated empty (never the one in the URL)."""
    base = make_url(db.normalise_url(server_url))
    with psycopg.connect(host=base.host, port=base.port or 5432, user=base.username, password=base.password,
                         dbname=base.database, autocommit=True) as conn:  # fmt: skip
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.set(database=name).render_as_string(hide_password=False)


def run(
    sizes: list[int],
    *,
    data_dir: Path,
    runs: int = 5,
    pg_url: str | None = None,
    pg_database: str = "cxdash_bench",
    say: Any = print,
) -> BenchResult:
    """Build (or reuse) the databases, then measure everything in one run."""
    data_dir.mkdir(parents=True, exist_ok=True)
    result = BenchResult(sorted(sizes))
    urls: dict[str, str] = {}
    for size in result.sizes:
        say(f"preparing {datasets.label(size)} responses …")
        urls[datasets.label(size)] = datasets.sqlite_db(data_dir, size)
        result.counts[datasets.label(size)] = measure.response_count(urls[datasets.label(size)])
    import_size = 1_000_000 if 1_000_000 in sizes else result.sizes[-1]
    folder = datasets.csv_dir(data_dir, import_size)
    scratch = data_dir / "import-check.db"
    for leftover in data_dir.glob("import-check.db*"):
        leftover.unlink()
    say(f"timing the import of the {datasets.label(import_size)}-row responses file into SQLite …")
    result.imports["SQLite"] = measure.timed_responses_import(folder, f"sqlite:///{scratch}")
    timed = dict(urls)
    if pg_url:
        target = _pg_bench_url(pg_url, pg_database)
        say(f"timing the import of the {datasets.label(import_size)}-row responses file into PostgreSQL …")
        result.imports["PostgreSQL"] = measure.timed_responses_import(folder, target)
        timed[f"{datasets.label(import_size)} PostgreSQL"] = target
    say(f"timing pages at {', '.join(timed)}, warm runs interleaved …")
    measured = measure.page_times(timed, runs)
    result.pages, result.rss_all_mb = measured["pages"], measured["rss_mb"]
    largest = datasets.label(result.sizes[-1])
    say(f"memory after visiting every page at {largest} …")
    result.rss_mb = measure.page_times({largest: urls[largest]}, 1)["rss_mb"]
    say("reference aggregations …")
    reference = urls[datasets.label(import_size)]
    result.reference_size = import_size
    result.rollup_s = measure.rollup_read_seconds(reference)
    result.duckdb_s = measure.duckdb_seconds(reference)
    result.naive_s = measure.naive_seconds(reference)
    return result


def _sqlite_labels(result: BenchResult) -> list[str]:
    return [lb for lb in result.pages if "PostgreSQL" not in lb]


def _warm(result: BenchResult, label: str, page: str) -> float | None:
    for row in result.pages.get(label, []):
        if row["page"] == page and "warm_ms" in row:
            return float(row["warm_ms"])
    return None


def table(result: BenchResult) -> str:
    """One plain-text table: page times per database with the ratio to the smallest, then the rest."""
    labels = list(result.pages)
    smallest = labels[0]
    ratio_labels = _sqlite_labels(result)[1:]
    pages = [row["page"] for row in result.pages[smallest]]
    head = ["page"] + [f"{lb} cold/warm ms" for lb in labels] + [f"{lb}/{smallest}" for lb in ratio_labels]
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for page in pages:
        cells = [page.rsplit("/", 1)[-1].removesuffix(".py")]
        for lb in labels:
            row: dict[str, Any] = next((r for r in result.pages[lb] if r["page"] == page), {})
            cells.append(f"{row['cold_ms']:.0f} / {row['warm_ms']:.0f}" if "warm_ms" in row else row.get("error", "—"))
        base = _warm(result, smallest, page)
        for lb in ratio_labels:
            warm = _warm(result, lb, page)
            cells.append(f"{warm / base:.2f}" if warm and base else "—")
        lines.append(" | ".join(cells))
    lines.append("")
    lines.append("Warm = median of the warm runs, which alternate between the databases in one process.")
    sizes = ", ".join(f"{lb} = {n:,}" for lb, n in result.counts.items())
    lines.append(f"Responses stored per database (the scaled sample): {sizes}")
    largest = _sqlite_labels(result)[-1]
    lines.append(f"RSS after visiting every page at {largest}: {result.rss_mb:.0f} MB "
                 f"(one process serving every database above: {result.rss_all_mb:.0f} MB)")  # fmt: skip
    for backend, timed in result.imports.items():
        lines.append(f"Import of a {datasets.label(result.reference_size)}-row responses CSV into {backend}: "
                     f"{timed.seconds:.1f} s, peak RSS {timed.peak_mb:.0f} MB")  # fmt: skip
    ref = datasets.label(result.reference_size)
    if result.rollup_s is not None:
        lines.append(f"NPS by region x month at {ref}: rollup read {result.rollup_s * 1000:.1f} ms")
    if result.duckdb_s is not None and result.rollup_s:
        lines.append(f"  DuckDB live aggregation {result.duckdb_s * 1000:.1f} ms "
                     f"(rollup / DuckDB = {result.rollup_s / result.duckdb_s:.2f})")  # fmt: skip
    if result.naive_s is not None:
        lines.append(f"  naive SELECT * into pandas + groupby {result.naive_s * 1000:.0f} ms")
    return "\n".join(lines)


def _verdict(met: bool, text: str) -> str:
    return f"{'met' if met else 'MISSED'}: {text}"


def verdicts(result: BenchResult) -> list[str]:
    """Each speed and size budget, met or missed (page budgets on the SQLite databases)."""
    labels = _sqlite_labels(result)
    warm = [float(r["warm_ms"]) for lb in labels for r in result.pages[lb] if "warm_ms" in r]
    worst = max(warm, default=0.0)
    out = [_verdict(worst <= BUDGET_PAGE_MS, f"slowest warm page {worst:.0f} ms (budget {BUDGET_PAGE_MS:.0f})")]
    ratios = []
    for lb in labels[1:]:
        for r in result.pages[lb]:
            base = _warm(result, labels[0], r["page"])
            if base and "warm_ms" in r:
                ratios.append(float(r["warm_ms"]) / base)
    if ratios:
        top, middle = max(ratios), statistics.median(ratios)
        text = f"worst page time ratio to {labels[0]} {top:.2f} (budget {BUDGET_RATIO}; median {middle:.2f})"
        out.append(_verdict(top <= BUDGET_RATIO, text))
    if "SQLite" in result.imports:
        secs = result.imports["SQLite"].seconds
        text = f"SQLite responses import {secs:.1f} s (budget {BUDGET_IMPORT_S:.0f})"
        out.append(_verdict(secs <= BUDGET_IMPORT_S, text))
    rss = result.rss_mb
    out.append(_verdict(rss <= BUDGET_RSS_MB, f"RSS at {labels[-1]} {rss:.0f} MB (budget {BUDGET_RSS_MB:.0f})"))
    return out
