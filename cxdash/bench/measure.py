"""Measurements: page script times, a timed import with its peak memory, reference aggregations."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from sqlmodel import select

from cxdash import db, ingest, queries
from cxdash.ingest import followup
from cxdash.ingest.formats import FORMATS
from cxdash.models import SurveyResponse

ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class Timed:
    seconds: float  # the median when several runs were timed
    peak_mb: float  # the highest of their peaks
    runs: tuple[float, ...] = ()  # every run's seconds, when there were several


def median_of(timings: list[Timed]) -> Timed:
    """Several runs of one command as one: the median time, the highest peak, every run's time kept."""
    seconds = sorted(t.seconds for t in timings)
    middle = statistics.median(seconds)
    return Timed(middle, max(t.peak_mb for t in timings), tuple(seconds) if len(seconds) > 1 else ())


def page_times(urls: dict[str, str], runs: int) -> dict[str, Any]:
    """Cold and warm (median) script time of every page per database, warm runs interleaved across them.

    Returns ``{"pages": {label: [row per page]}, "rss_mb": …}``; the memory is that of the one process
    that served every page of every database given.
    """
    args = [f"{label}={url}" for label, url in urls.items()]
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.page_times", str(runs), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"page timing failed: {done.stderr[-800:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


# Runs the command as its own child and reports that child's wall time and peak memory. A fresh small process
# in between matters: a forked child starts with its parent's high-water mark, so timing from the benchmark
# process itself reported the benchmark's own peak (283 MB) for every import.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
sys.stderr.buffer.write(done.stderr[-800:])
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(done.returncode)
"""


def timed_command(args: list[str], url: str) -> Timed:
    """Wall time and peak resident memory of one `python -m cxdash ...` run, measured on that process alone."""
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "cxdash", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"`cxdash {' '.join(args)}` failed: {done.stderr[-800:]}")
    seconds, max_kb = done.stdout.split()
    return Timed(float(seconds), int(max_kb) / 1024)


def timed_responses_import(folder: Path, url: str) -> Timed:
    """Load every file of the folder but the responses (untimed), then time `cxdash import responses` alone."""
    base = folder.parent / f"{folder.name}-base"
    base.mkdir(exist_ok=True)
    responses = FORMATS["responses"].file_name
    for csv in folder.glob("*.csv"):
        link = base / csv.name
        # Follow-up cases name responses, so they stay out of a base that has none.
        if csv.name not in (responses, followup.FILE_NAME) and not link.exists():
            link.symlink_to(csv.resolve())
    engine = db.make_engine(url)
    reports = ingest.load_dir(engine, base, username="bench")
    engine.dispose()
    if not all(r.ok for r in reports):
        raise RuntimeError("the benchmark's base data did not load: " + "; ".join(r.summary() for r in reports))
    return timed_command(["import", "responses", str(folder / responses)], url)


def response_count(url: str) -> int:
    """How many survey responses the database holds (the scaled sample is near, not exactly, its nominal size)."""
    engine = db.make_engine(url)
    with db.session(engine) as session:
        count = queries.response_count(session)
    engine.dispose()
    return count


def rollup_read_seconds(url: str, repeats: int = 5) -> float:
    """Our read: NPS counts by region and month over every month, from the rollups (median)."""
    engine = db.make_engine(url)
    times = []
    with db.session(engine) as session:
        months = queries.months_with_data(session)
        for _ in range(repeats):
            start = time.perf_counter()
            queries.rollup_totals(session, months=months, by="region")
            times.append(time.perf_counter() - start)
    engine.dispose()
    return sorted(times)[len(times) // 2]


def _raw_frame(url: str) -> pd.DataFrame:
    engine = db.make_engine(url)
    with engine.connect() as conn:
        frame = pd.read_sql(select(SurveyResponse), conn)
    engine.dispose()
    return frame


def naive_seconds(url: str) -> float:
    """The usual dashboard path: SELECT * into pandas, then groupby, on every visit."""
    start = time.perf_counter()
    frame = _raw_frame(url)
    frame.groupby(["region_id", "month"])["nps"].agg(
        n="count", promoters=lambda s: (s >= 9).sum(), detractors=lambda s: (s <= 6).sum()
    )
    return time.perf_counter() - start


def duckdb_seconds(url: str, repeats: int = 5) -> float | None:
    """DuckDB's live aggregation over an in-memory table of the raw responses (median), if installed."""
    try:
        import duckdb
    except ImportError:
        return None
    raw = _raw_frame(url)[["region_id", "month", "nps"]]
    con = duckdb.connect()
    con.register("raw", raw)
    con.execute("CREATE TABLE responses AS SELECT * FROM raw")
    query = (
        "SELECT region_id, month, count(*), sum(CASE WHEN nps >= 9 THEN 1 ELSE 0 END), "
        "sum(CASE WHEN nps <= 6 THEN 1 ELSE 0 END) FROM responses GROUP BY region_id, month"
    )
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        con.execute(query).fetchall()
        times.append(time.perf_counter() - start)
    con.close()
    return sorted(times)[len(times) // 2]
