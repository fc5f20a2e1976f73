"""Everything one benchmark run measured."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cxdash.bench.live import LiveResult
from cxdash.bench.measure import Timed
from cxdash.bench.themes import ThemeTiming


@dataclass
class BenchResult:
    sizes: list[int]
    pages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # label -> one row per page
    rss_mb: float = 0.0  # a process that served every page of the largest database only
    rss_all_mb: float = 0.0  # the timing process, which served every page of every database
    imports: dict[str, Timed] = field(default_factory=dict)  # backend -> timing
    rollup_s: float | None = None
    duckdb_s: float | None = None
    naive_s: float | None = None
    reference_size: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # label -> responses actually stored
    server: LiveResult = field(default_factory=LiveResult)  # the same pages in real `streamlit run` servers
    floors: dict[str, float] = field(default_factory=dict)  # backend -> seconds of the fastest plain load (median)
    floor_runs: dict[str, tuple[float, ...]] = field(default_factory=dict)  # backend -> every floor run's seconds
    import_rows: int = 0  # rows of the timed responses CSV
    source_imports: dict[str, Timed] = field(default_factory=dict)  # backend -> survey-export import timing
    source_rows: int = 0  # rows of the survey export
    themes: ThemeTiming | None = None  # theme extraction at the largest size
