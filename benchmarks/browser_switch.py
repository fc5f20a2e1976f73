"""Page switches in Debian's Chromium: from a click on a sidebar link to the first frame painted after the
run's last message (``script_finished``) reached the page."""

from __future__ import annotations

import statistics
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

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
  link.click();
  return start;
}"""
# The frame painted after the n-th message since the click: script_finished, when Python counted n to it.
PAINTED = "(n) => { const last = window.__frames[n - 1]; return last && last[1]; }"
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


def switch_ms(port: int, rounds: int) -> dict[str, float]:
    """Median ms of switching to each page of the app at ``port`` (every page visited once first)."""
    if not CHROMIUM.exists():
        return {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.add_init_script(script=f"({WATCH})()")
        with page.expect_websocket(timeout=120_000) as opened:
            page.goto(f"http://localhost:{port}/", timeout=120_000)
        socket = opened.value
        received = [0]
        socket.on("framereceived", lambda _payload: received.__setitem__(0, received[0] + 1))
        page.locator('[data-testid="stSidebarNav"] a').first.wait_for(timeout=120_000)
        shown = _titles(page)
        titles = shown[1:] + shown[:1]  # the first page is showing: clicking its own link runs nothing
        times: dict[str, list[float]] = {t: [] for t in titles}
        for round_ in range(rounds + 1):
            for title in titles:
                before = received[0]
                with socket.expect_event("framereceived", predicate=_finished, timeout=120_000):
                    start = page.evaluate(CLICK, title)
                counted = received[0] - before
                try:
                    painted = page.wait_for_function(PAINTED, arg=counted, timeout=15_000).json_value()
                except PlaywrightTimeout:
                    painted = page.wait_for_function(LAST_PAINTED, arg=counted, timeout=120_000).json_value()
                if round_:  # the first round visits every page once: imports, not switches
                    times[title].append(float(painted) - start)
        browser.close()
    return {t: statistics.median(v) for t, v in times.items()}
