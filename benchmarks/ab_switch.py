"""Page switches in Chromium, one checkout against another: what a change to the pages costs or saves in the browser.

Usage (from the repository root): python -m benchmarks.ab_switch OTHER_CHECKOUT [--database-url URL] [--rounds N]
[--pages "Regions,Ownership map"]

Serves app.py from this checkout (A) and from OTHER_CHECKOUT (B, say a `git worktree` with one element removed) on the
same database, each to its own Chromium, and times every chosen page's switch in both, alternately and with A and B
taking turns to go first, so that load that comes and goes slows both alike; between timed switches each browser opens a
light page that is neither the page timed nor the next (Board pack, or Actions). Prints each page's median in A and B
and the difference. On a 2-core machine one page's median still moves by 10-20 ms between runs: time a page that did not
change beside the one that did (Data is a good control) and read a difference smaller than the control's as none.
"""

from __future__ import annotations

import argparse
import statistics
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.browser_switch import ARGS, CHROMIUM, Tab
from benchmarks.streamlit_client import ROOT, running

NEUTRAL = ["Board pack", "Actions"]  # light pages to open between timed switches


def compare(other: Path, database_url: str, titles: list[str], rounds: int) -> dict[str, tuple[float, float]]:
    """Median switch per page title in this checkout and in ``other``."""
    with sync_playwright() as pw, ExitStack() as stack:
        tabs: list[Tab] = []
        for root in (ROOT, other):
            server = stack.enter_context(running(root / "app.py", database_url, root=root))
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            stack.callback(browser.close)
            tabs.append(Tab(browser, server.port))
        shown = tabs[0].titles
        titles = titles or shown
        times: dict[str, list[list[float]]] = {t: [[], []] for t in titles}
        for round_ in range(rounds + 1):  # the first round imports each page's modules: not timed
            for i, title in enumerate(titles):
                # Between two timed switches a page that is neither: a click on the page shown would run nothing.
                neutral = next(t for t in NEUTRAL + shown if t not in (title, titles[(i + 1) % len(titles)]))
                for which in (0, 1) if round_ % 2 else (1, 0):
                    ms = tabs[which].switch(title)
                    if round_:
                        times[title][which].append(ms)
                for tab in tabs:
                    tab.switch(neutral)
    return {t: (statistics.median(a), statistics.median(b)) for t, (a, b) in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("other", type=Path, help="the checkout to compare with (B)")
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'bench_data' / 'cxdash-5M.db'}")
    parser.add_argument("--rounds", type=int, default=16)
    parser.add_argument("--pages", default="", help="page titles, comma separated (default: every page)")
    args = parser.parse_args()
    titles = [t.strip() for t in args.pages.split(",") if t.strip()]
    for title, (a, b) in compare(args.other.resolve(), args.database_url, titles, args.rounds).items():
        print(f"{title}: A {a:.0f} ms, B {b:.0f} ms ({b - a:+.0f} ms)")


if __name__ == "__main__":
    main()
