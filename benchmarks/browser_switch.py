"""Page switches in Debian's Chromium: from a click on a sidebar link to the first frame painted after the
run's last message (``script_finished``) reached the page.

Usage (from the repository root): python -m benchmarks.browser_switch [--database-url URL] [--rounds N]
[--trace] [--hello]

Serves app.py (and, with --hello, the hello-world app) on a free port and prints each page's median switch, the
load average before and after; --trace also prints where each switch's time went (benchmarks/switch_trace.py).
The default database is the benchmark's 10k one (bench_data/cxdash-10k.db, built by `python -m cxdash bench`).
"""

from __future__ import annotations

import argparse
import os
import statistics
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks import switch_trace
from benchmarks.streamlit_client import ROOT, running

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-quic"]

# Every websocket message the page receives gets the time it arrived and the time of the next painted frame.
WATCH = """() => {
  window.__frames = [];
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener('message', () => {
      const entry = [performance.now(), null];
      window.__frames.push(entry);
      requestAnimationFrame(() => { entry[1] = performance.now(); });
    });
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, Native);
}"""
CLICK = """(title) => {
  window.__frames = [];
  const link = [...document.querySelectorAll('[data-testid="stSidebarNav"] a')]
    .find(a => a.innerText.trim().split('\\n').at(-1) === title);
  const start = performance.now();
  performance.clearMarks();
  performance.mark('click');
  link.click();
  return start;
}"""
# The frame painted after the n-th message since the click: script_finished, when Python counted n to it.
PAINTED = "(n) => { const last = window.__frames[n - 1]; return last && last[1]; }"
ARRIVALS = "(n) => window.__frames.slice(0, n).map(f => f[0])"
# A message that arrived after Python read its count but before the click reset the page's list is counted by
# Python only, so the page never holds n; then the last frame the page painted is the one after script_finished.
LAST_PAINTED = "(n) => { const f = window.__frames; const e = f[Math.min(n, f.length) - 1]; return e && e[1]; }"


def _finished(payload: str | bytes) -> bool:
    if isinstance(payload, str):
        return False
    msg = ForwardMsg()
    msg.ParseFromString(payload)
    return msg.WhichOneof("type") == "script_finished"


def _titles(page: Page) -> list[str]:
    """The sidebar's page titles (a link's text also holds its icon's name, on lines above the title)."""
    return [t.strip().splitlines()[-1] for t in page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()]


class Tab:
    """One Chromium page showing the app at ``port``, counting the websocket messages it receives."""

    def __init__(self, browser: Browser, port: int) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.add_init_script(script=f"({WATCH})()")
        with self.page.expect_websocket(timeout=120_000) as opened:
            self.page.goto(f"http://localhost:{port}/", timeout=120_000)
        self.received = 0
        opened.value.on("framereceived", self._count)
        self.socket = opened.value
        self.page.locator('[data-testid="stSidebarNav"] a').first.wait_for(timeout=120_000)
        self.titles = _titles(self.page)

    def _count(self, _payload: str | bytes) -> None:
        self.received += 1

    def click(self, title: str) -> tuple[float, int, float]:
        """Click ``title``'s sidebar link: the click's time, the messages its run sent up to script_finished, and
        the time of the frame painted after that message."""
        before = self.received
        with self.socket.expect_event("framereceived", predicate=_finished, timeout=120_000):
            start = float(self.page.evaluate(CLICK, title))
        counted = self.received - before
        try:
            painted = self.page.wait_for_function(PAINTED, arg=counted, timeout=15_000).json_value()
        except PlaywrightTimeout:
            painted = self.page.wait_for_function(LAST_PAINTED, arg=counted, timeout=120_000).json_value()
        return start, counted, float(painted)

    def switch(self, title: str) -> float:
        """Ms from a click on ``title``'s sidebar link to the frame painted after its run's script_finished."""
        start, _, painted = self.click(title)
        return painted - start


def switch_ms(port: int, rounds: int) -> dict[str, float]:
    """Median ms of switching to each page of the app at ``port`` (every page visited once first)."""
    return {t: statistics.median(s["total"] for s in v) for t, v in switches(port, rounds).items()}


def switches(port: int, rounds: int, *, trace: bool = False) -> dict[str, list[dict[str, float]]]:
    """Every timed switch to each page of the app at ``port``: its total ms and, with ``trace``, where it went."""
    if not CHROMIUM.exists():
        return {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        tab = Tab(browser, port)
        titles = tab.titles[1:] + tab.titles[:1]  # the first page is showing: clicking its own link runs nothing
        times: dict[str, list[dict[str, float]]] = {t: [] for t in titles}
        cdp = tab.page.context.new_cdp_session(tab.page) if trace else None
        for round_ in range(rounds + 1):
            for title in titles:
                traced = cdp is not None and round_ > 0
                if traced:
                    browser.start_tracing(page=tab.page, categories=switch_trace.CATEGORIES)
                    switch_trace.start_profile(cdp)  # type: ignore[arg-type]
                start, counted, painted = tab.click(title)
                split = {"total": painted - start}
                if traced:
                    split = _traced(browser, cdp, tab.page, (start, counted, painted))
                if round_:  # the first round visits every page once: imports, not switches
                    times[title].append(split | {f"drawn: {k}": float(v) for k, v in _drawn(tab.page).items()})
        browser.close()
    return times


def _traced(browser: Browser, cdp: Any, page: Page, switch: tuple[float, int, float]) -> dict[str, float]:
    start, counted, painted = switch
    profile = switch_trace.stop_profile(cdp)
    trace = browser.stop_tracing()
    arrivals = [float(t) for t in page.evaluate(ARRIVALS, counted)]
    return switch_trace.split_of(trace, profile, start, arrivals, painted)


def _drawn(page: Page) -> dict[str, int]:
    return dict(page.evaluate(switch_trace.COUNT_ELEMENTS))


def _report(label: str, times: dict[str, list[dict[str, float]]]) -> None:
    for title, runs in times.items():
        split = switch_trace.medians(runs)
        print(f"{label} {title}: median {split.pop('total'):.0f} ms over {len(runs)} switches")
        for key, value in split.items():
            if value >= 1 or key.startswith("drawn"):
                print(f"    {key}: {value:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'bench_data' / 'cxdash-10k.db'}")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--trace", action="store_true", help="also say where each switch's time went")
    parser.add_argument("--hello", action="store_true", help="also time the hello-world app")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with running(ROOT / "app.py", args.database_url) as server:
        _report("cxdash", switches(server.port, args.rounds, trace=args.trace))
    if args.hello:
        with running(ROOT / "benchmarks" / "hello.py", args.database_url) as server:
            _report("hello-world", switches(server.port, args.rounds, trace=args.trace))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
