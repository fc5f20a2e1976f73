"""`python -m cxdash bench`: page runs in real servers and through AppTest at several sizes, imports beside
their floors, memory, reference paths."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from cxdash import db
from cxdash.bench import datasets, floors, live, measure, sources, themes
from cxdash.bench.report import table, verdicts
from cxdash.bench.result import BenchResult
from cxdash.ingest.formats import FORMATS

__all__ = ["BenchResult", "run", "table", "verdicts"]
# Imports and their floors are timed in pairs this many times and judged by their medians: one run of either moved
# by a tenth to a third from run to run on a shared two-core machine (PostgreSQL's COPY floor: 1.5 s to 2.3 s).
IMPORT_RUNS = 3


def _pg_bench_url(server_url: str, name: str, *, create: bool = True) -> str:
    """A scratch database on the given PostgreSQL server, recreated empty or dropped (never the one in the URL)."""
    base = make_url(db.normalise_url(server_url))
    with psycopg.connect(host=base.host, port=base.port or 5432, user=base.username, password=base.password,
                         dbname=base.database, autocommit=True) as conn:  # fmt: skip
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')
    return base.set(database=name).render_as_string(hide_password=False)


def _libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def run(
    sizes: list[int],
    *,
    data_dir: Path,
    runs: int = 5,
    pg_url: str | None = None,
    pg_database: str = "cxdash_bench",
    say: Any = print,
    busy_seconds: float = 15.0,
    source_rows: int = 0,
    pages: bool = True,
    theme_comments: int = 1_000_000,
    import_runs: int = IMPORT_RUNS,
) -> BenchResult:
    """Build (or reuse) the databases, then measure everything in one run (only the imports without ``pages``)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    result = BenchResult(sorted(sizes))
    import_size = 1_000_000 if 1_000_000 in sizes else result.sizes[-1]
    result.reference_size = import_size
    fresh = (lambda: _pg_bench_url(pg_url, pg_database)) if pg_url else None
    target = _imports(result, data_dir, fresh, say, import_runs)
    if source_rows:
        export_db = f"{pg_database}_export"
        _source_imports(result, data_dir, source_rows, pg_url and _pg_bench_url(pg_url, export_db), say)
        if pg_url:
            _pg_bench_url(pg_url, export_db, create=False)  # millions of rows nobody reads again
    if pages:
        _pages(result, data_dir, runs, target, say, busy_seconds, theme_comments)
    return result


def _imports(
    result: BenchResult, data_dir: Path, fresh_pg: Callable[[], str] | None, say: Any, runs: int
) -> str | None:
    """The responses CSV of the reference size into SQLite (and PostgreSQL, into the database ``fresh_pg()``
    empties each time), each run beside a run of its floor, the medians judged. Returns the PostgreSQL database's
    URL: its last import stays for the pages."""
    folder = datasets.csv_dir(data_dir, result.reference_size)
    scratch = data_dir / "import-check.db"
    responses_csv = folder / FORMATS["responses"].file_name

    def fresh_sqlite() -> str:
        for leftover in data_dir.glob("import-check.db*"):
            leftover.unlink()
        return f"sqlite:///{scratch}"

    # backend: (an empty database's URL, made anew each run; the floor's seconds beside an import into it)
    loads: dict[str, tuple[Callable[[], str], Callable[[str], float]]] = {
        "SQLite": (fresh_sqlite, lambda _url: floors.sqlite_insert_seconds(responses_csv, data_dir / "floor.db")),
    }
    if fresh_pg is not None:
        loads["PostgreSQL"] = (fresh_pg, lambda url: floors.postgres_copy_seconds(responses_csv, _libpq_url(url)))
    imports: dict[str, list[measure.Timed]] = {backend: [] for backend in loads}
    floor_runs: dict[str, list[float]] = {backend: [] for backend in loads}
    urls: dict[str, str] = {}
    for run_no in range(1, runs + 1):
        for backend, (fresh, floor) in loads.items():
            urls[backend] = fresh()
            say(f"timing the import of the {datasets.label(result.reference_size)}-row responses file into "
                f"{backend}, and its floor (run {run_no} of {runs}) …")  # fmt: skip
            imports[backend].append(measure.timed_responses_import(folder, urls[backend]))
            floor_runs[backend].append(floor(urls[backend]))
    result.import_rows = measure.response_count(urls["SQLite"])
    for backend, timings in imports.items():
        result.imports[backend] = measure.median_of(timings)
        result.floors[backend] = statistics.median(floor_runs[backend])
        result.floor_runs[backend] = tuple(sorted(floor_runs[backend])) if runs > 1 else ()
    return urls.get("PostgreSQL")


def _source_imports(result: BenchResult, data_dir: Path, rows: int, target: str | None, say: Any) -> None:
    """A survey export of ``rows`` rows (Qualtrics layout) through a saved profile into SQLite (and PostgreSQL)."""
    say(f"writing a {datasets.label(rows)}-row Qualtrics-layout export (once) …")
    export = sources.export_file(data_dir, rows)
    reference = datasets.csv_dir(data_dir, result.reference_size)
    scratch = data_dir / "export-check.db"
    urls = {"SQLite": f"sqlite:///{scratch}", **({"PostgreSQL": target} if target else {})}
    for backend, url in urls.items():
        for leftover in data_dir.glob("export-check.db*"):
            leftover.unlink()
        say(f"timing the import of the {datasets.label(rows)}-row export through a profile into {backend} …")
        result.source_imports[backend], result.source_rows = sources.timed_source_import(reference, export, url)
    for leftover in data_dir.glob("export-check.db*"):
        leftover.unlink()


def _pages(
    result: BenchResult, data_dir: Path, runs: int, target: str | None, say: Any, busy: float, theme_comments: int
) -> None:
    """Every page at every size (and on PostgreSQL at the import size), server memory, reference paths."""
    urls: dict[str, str] = {}
    for size in result.sizes:
        say(f"preparing {datasets.label(size)} responses …")
        urls[datasets.label(size)] = datasets.sqlite_db(data_dir, size)
        result.counts[datasets.label(size)] = measure.response_count(urls[datasets.label(size)])
    timed = dict(urls)
    if target:
        timed[f"{datasets.label(result.reference_size)} PostgreSQL"] = target
    say(f"timing pages in real servers at {', '.join(timed)} …")
    result.server = live.page_times(timed, runs, busy_seconds=busy)
    say(f"timing pages at {', '.join(timed)}, warm runs interleaved …")
    measured = measure.page_times(timed, runs)
    result.pages, result.rss_all_mb = measured["pages"], measured["rss_mb"]
    largest = datasets.label(result.sizes[-1])
    say(f"memory after visiting every page at {largest} …")
    result.rss_mb = measure.page_times({largest: urls[largest]}, 1)["rss_mb"]
    say("reference aggregations …")
    reference = urls[datasets.label(result.reference_size)]
    result.rollup_s = measure.rollup_read_seconds(reference)
    result.duckdb_s = measure.duckdb_seconds(reference)
    result.naive_s = measure.naive_seconds(reference)
    say(f"theme extraction at {largest}, and over {theme_comments:,} comments …")
    result.themes = themes.extraction(urls[largest], theme_comments)
