"""Time what a user waits for in Chromium: a filter change and a page switch, on the sample data; print a table.

Usage: python benchmarks/interactions.py [--runs N] [--database-url URL]

Serves app.py with `streamlit run` on a free localhost port against the sample database (a fresh SQLite file
filled from sample_data/ unless --database-url is given), drives Debian's Chromium through Playwright, and
reports each interaction's median, fastest and slowest time against the 1.0 s budget, with the time of the run and
the machine's load average before and after it. An interaction counts
as done when the page's script has finished (Streamlit's status widget is gone, no element is stale) and the
page shows what was asked for (the new month's caption, the new page's title and its first chart). Every
interaction is repeated --runs times (5 by default) after one untimed warm-up; the whole run is bounded.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
BUDGET_S = 1.0
TIMEOUT_MS = 60_000
MONTHS = ("September 2026", "October 2026")
PAGE_TRIPS = (("Regions", "Regions"), ("Ownership map", "Ownership map"), ("Overview", "Overview"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(database_url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    env = {**os.environ, "DATABASE_URL": database_url}
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("streamlit did not start within 60 s")


def _done(page: Any, shows: str) -> None:
    """Wait until the run has finished and the page shows ``shows``."""
    page.get_by_text(shows, exact=False).first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=TIMEOUT_MS)
    page.wait_for_function("!document.querySelector('[data-stale=\"true\"]')", timeout=TIMEOUT_MS)


def _timed(action: Callable[[], None]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _pick_month(page: Any, month: str) -> float:
    def act() -> None:
        page.get_by_role("combobox", name="Month").click()
        page.get_by_role("option", name=month, exact=True).click()
        _done(page, f"Monthly CX review for {month}.")

    return _timed(act)


def _switch(page: Any, link: str, title: str) -> float:
    def act() -> None:
        page.locator('[data-testid="stSidebarNav"] a', has_text=link).first.click()
        page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=TIMEOUT_MS)
        _done(page, title)
        page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=TIMEOUT_MS)

    return _timed(act)


def measure(url: str, runs: int) -> dict[str, list[float]]:
    """Seconds per interaction, ``runs`` of each after a warm-up, in one browser tab as a user would."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {"Overview: change the month": []}
    times.update({f"Switch to {link}": [] for link, _ in PAGE_TRIPS})
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        _done(page, "Monthly CX review for")
        for run in range(runs + 1):
            month_time = _pick_month(page, MONTHS[run % 2])
            trips = [(link, _switch(page, link, title)) for link, title in PAGE_TRIPS]
            if run == 0:
                continue  # the warm-up fills the caches a user's first visit fills
            times["Overview: change the month"].append(month_time)
            for link, seconds in trips:
                times[f"Switch to {link}"].append(seconds)
        browser.close()
    return times


def table(times: dict[str, list[float]]) -> str:
    """A Markdown table: median, fastest, slowest and the verdict against the budget."""
    lines = [
        f"| interaction | median | fastest | slowest | budget {BUDGET_S:.1f} s |",
        "|---|---:|---:|---:|---|",
    ]
    for name, seconds in times.items():
        median = statistics.median(seconds)
        verdict = "met" if median <= BUDGET_S else "missed"
        lines.append(f"| {name} | {median:.2f} s | {min(seconds):.2f} s | {max(seconds):.2f} s | {verdict} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed repetitions of every interaction (1-50)")
    parser.add_argument("--database-url", help="an existing database to serve (default: a fresh sample)")
    args = parser.parse_args()
    runs = min(max(args.runs, 1), 50)
    with tempfile.TemporaryDirectory() as scratch:
        url = args.database_url
        if url is None:
            url = f"sqlite:///{Path(scratch) / 'sample.db'}"
            subprocess.run(
                [sys.executable, "-m", "cxdash", "load", "sample_data"],
                cwd=ROOT,
                env={**os.environ, "DATABASE_URL": url},
                check=True,
                stdout=subprocess.DEVNULL,
            )
        server, address = _serve(url)
        try:
            started, load_before = datetime.now(UTC), os.getloadavg()
            times = measure(address, runs)
            print(table(times))
            print(
                f"Measured {started:%Y-%m-%d %H:%M} UTC, {runs} runs each; load average (1 min) "
                f"{load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after."
            )
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
