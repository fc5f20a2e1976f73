"""What one kind of Streamlit element adds to a page switch in Chromium, on this machine.

Usage (from the repository root): python -m benchmarks.element_costs [--rounds N]

Serves benchmarks/elements_app.py: hello-world pages, each followed by a page that is hello-world plus one kind of
element (ten markdown lines, a Vega-Lite chart, a grid...). Each kind's cost is the median, over the rounds, of its
page's switch less the switch to the hello-world page just before it: the two are timed a moment apart, so load that
comes and goes slows both alike.
Use it to price a page before drawing it: the switch budget of `python -m cxdash bench` (twice hello-world) leaves a
page one hello-world's worth of elements.
"""

from __future__ import annotations

import argparse
import itertools
import statistics

from benchmarks.browser_switch import switches
from benchmarks.streamlit_client import ROOT, running

APP = ROOT / "benchmarks" / "elements_app.py"


def costs(rounds: int, database_url: str) -> tuple[float, dict[str, float]]:
    """The hello-world pages' median switch (ms), and per kind the median of its switch less the hello-world
    switch before it in the same round."""
    with running(APP, database_url) as server:
        times = {title: [run["total"] for run in runs] for title, runs in switches(server.port, rounds).items()}
    titles = list(times)
    hello = statistics.median(ms for title in titles if title.startswith("hello") for ms in times[title])
    added = {}
    for before, title in itertools.pairwise(titles):
        if before.startswith("hello") and not title.startswith("hello"):
            added[title] = statistics.median(b - a for a, b in zip(times[before], times[title], strict=True))
    return hello, added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=12)
    args = parser.parse_args()
    url = f"sqlite:///{ROOT / 'bench_data' / 'element-costs.db'}"  # the app reads no data; cxdash needs a URL
    hello, added = costs(args.rounds, url)
    print(f"hello-world switch: median {hello:.0f} ms over {args.rounds} rounds; what each kind of element adds:")
    for kind, ms in sorted(added.items(), key=lambda item: item[1]):
        print(f"  {kind.replace('_', ' '):28s} {ms:+5.0f} ms")


if __name__ == "__main__":
    main()
