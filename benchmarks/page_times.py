"""Time every page of app.py through AppTest against DATABASE_URL; print one JSON line.

Run by `python -m cxdash bench` in a subprocess per database, so that the resident memory
reported at the end is that of a process that has served every page of that database.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

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


def time_page(path: str, runs: int) -> dict[str, float | str]:
    at = AppTest.from_file(str(APP), default_timeout=600).run()
    at.switch_page(path)
    start = time.perf_counter()
    at.run()
    cold = time.perf_counter() - start
    if at.exception:
        return {"page": path, "error": str(at.exception[0].value)[:200]}
    warm = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - start)
    return {"page": path, "cold_ms": cold * 1000, "warm_ms": statistics.median(warm) * 1000}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    results = [time_page(p, runs) for p in page_paths()]
    print(json.dumps({"pages": results, "rss_mb": rss_mb()}))


main()
