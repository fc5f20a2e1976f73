"""Time every page of app.py, and the views of benchmarks/views.py, through AppTest on several databases at
once; print one JSON line.

Usage: python -m benchmarks.page_times RUNS LABEL=URL [LABEL=URL ...]

The warm runs of one page are interleaved across the databases in one process (each round visits every
database once, in a shuffled order), so that whatever else the machine is doing slows every size alike
and the ratio between sizes measures the data, not the minute it was taken in. Timing each size in its
own process, one after the other, let background load swing a 20 ms page by half.

Run by `python -m cxdash bench` in a subprocess. The resident memory it reports is that of a process that
has served every page of every database given; the benchmark runs it once more with only the largest
database for the memory budget.
"""

from __future__ import annotations

import gc
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from benchmarks.views import VIEWS

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"


def page_paths() -> list[str]:
    """The page files app.py registers, in navigation order."""
    return re.findall(r'st\.Page\(\s*"([^"]+\.py)"', APP.read_text(encoding="utf-8"))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed_run(at: AppTest, url: str) -> float:
    """One script run of ``at`` against ``url`` (the app reads DATABASE_URL on every run), in seconds.

    Every run starts from a collected heap: otherwise the garbage collector's rhythm lines up with the
    rotation of databases and lands its pauses on the same size round after round.
    """
    os.environ["DATABASE_URL"] = url
    gc.collect()
    start = time.perf_counter()
    at.run()
    return time.perf_counter() - start


def opened(path: str, params: dict[str, str]) -> AppTest:
    """The app run once, then switched to the page with these query parameters (not yet run there)."""
    at = AppTest.from_file(str(APP), default_timeout=600).run()
    at.switch_page(path)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def prime(path: str, url: str, params: dict[str, str]) -> None:
    """Visit the page once, so that no size's cold run pays for importing the page's modules."""
    os.environ["DATABASE_URL"] = url
    opened(path, params).run()
    st.cache_resource.clear()


def time_page(
    path: str, urls: dict[str, str], runs: int, params: dict[str, str] | None = None, name: str | None = None
) -> dict[str, dict[str, float | str]]:
    """Cold time per database, then ``runs`` warm runs interleaved across the databases (median)."""
    tests: dict[str, AppTest] = {}
    out: dict[str, dict[str, float | str]] = {}
    params, name = params or {}, name or path
    prime(path, next(iter(urls.values())), params)
    for label, url in urls.items():
        os.environ["DATABASE_URL"] = url
        at = opened(path, params)
        st.cache_data.clear()  # chart specs are shared by equal inputs, and alignment data is equal at every size
        cold = timed_run(at, url)
        if at.exception:
            out[label] = {"page": name, "error": str(at.exception[0].value)[:200]}
            continue
        tests[label] = at
        out[label] = {"page": name, "cold_ms": cold * 1000}
    for label, at in tests.items():  # clearing for the next cold run emptied the earlier sizes' caches
        timed_run(at, urls[label])
    warm: dict[str, list[float]] = {label: [] for label in tests}
    order = list(tests)
    shuffle = random.Random(path).shuffle  # a fixed order per page, different each round: no size always runs first
    for _ in range(runs):
        shuffle(order)
        for label in order:
            warm[label].append(timed_run(tests[label], urls[label]))
    for label, times in warm.items():
        out[label]["warm_ms"] = statistics.median(times) * 1000
    return out


def main() -> None:
    runs = int(sys.argv[1])
    urls = dict(arg.split("=", 1) for arg in sys.argv[2:])
    paths = page_paths()
    pages: dict[str, list[dict[str, float | str]]] = {label: [] for label in urls}
    for path in paths:
        for label, row in time_page(path, urls, runs).items():
            pages[label].append(row)
    for name, (path, params) in VIEWS.items():
        for label, row in time_page(path, urls, runs, params, name).items():
            pages[label].append(row)
    print(json.dumps({"pages": pages, "rss_mb": rss_mb()}))


main()
