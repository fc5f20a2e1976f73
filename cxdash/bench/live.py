"""Page runs in real `streamlit run` servers (benchmarks/server_pages.py), and the soak's verdict."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
SOAK_GROWTH = 1.10


@dataclass
class LiveResult:
    """Milliseconds per page and database, as a click costs in a real server, and what one process sustains."""

    pages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # label -> {page, cold_ms, warm_ms}
    rss_mb: dict[str, float] = field(default_factory=dict)  # label -> server RSS after every run
    runs_per_second: float = 0.0  # at the last label, several sessions clicking at once
    hello_ms: float = 0.0  # median warm run of the hello-world app's pages
    switch_ms: dict[str, float] = field(default_factory=dict)  # page title -> median Chromium switch, largest size
    hello_switch_ms: float = 0.0  # the hello-world app's slower page's median Chromium switch
    # The same two, the hello-world app served as cxdash serves itself (Nagle's algorithm off: cxdash/ui/sockets.py).
    hello_prompt_ms: float = 0.0
    hello_prompt_switch_ms: float = 0.0


def page_times(urls: dict[str, str], runs: int, *, busy_seconds: float = 15.0) -> LiveResult:
    """Cold and warm page runs per database in real servers, runs a second, and the hello-world reference."""
    args = [f"{label}={url}" for label, url in urls.items()]
    done = subprocess.run([sys.executable, "-m", "benchmarks.server_pages", str(runs), str(busy_seconds), *args],
                          cwd=ROOT, capture_output=True, text=True, check=False)  # fmt: skip
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"real-server page timing failed: {done.stderr[-800:]}")
    return LiveResult(**json.loads(lines[-1]))


@dataclass(frozen=True)
class SoakSample:
    runs: int  # page runs completed so far
    rss_mb: float  # the server's resident memory then
    median_ms: float  # median page run over the runs since the previous sample


def soak_verdict(samples: list[SoakSample]) -> str:
    """Flat when no later sample exceeds the first (every page visited, caches filled) by more than 10%."""
    first, top = samples[0].rss_mb, max(s.rss_mb for s in samples)
    growth = 100 * (top / first - 1)
    text = (f"server memory over {samples[-1].runs} page runs: {first:.0f} MB after {samples[0].runs}, "
            f"highest {top:.0f} MB, last {samples[-1].rss_mb:.0f} MB (+{growth:.1f}%, budget +10%)")  # fmt: skip
    return f"{'met' if top <= first * SOAK_GROWTH else 'MISSED'}: {text}"
