"""What one kind of Streamlit element adds to a page switch in Chromium, on this machine.

Usage (from the repository root): python -m benchmarks.element_costs [--rounds N]

Serves benchmarks/elements_app.py: hello-world pages, each followed by a page that is hello-world plus one kind of
element (ten markdown lines, a Vega-Lite chart, a grid...). Each kind's cost is its page's median switch less the
median switch to the hello-world pages, timed in the same browser and minutes, so background load moves both alike.
Use it to price a page before drawing it: the switch budget of `python -m cxdash bench` (twice hello-world) leaves a
page one hello-world's worth of elements.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from benchmarks.browser_switch import switch_ms
from benchmarks.streamlit_client import ROOT, running

APP = ROOT / "benchmarks" / "elements_app.py"


def costs(rounds: int, database_url: str) -> tuple[float, dict[str, float]]:
    """The hello-world pages' median switch (ms), and each kind's median switch less it."""
    with running(APP, database_url) as server:
        times = switch_ms(server.port, rounds)
    hello = statistics.median(ms for title, ms in times.items() if title.startswith("hello"))
    return hello, {title: ms - hello for title, ms in times.items() if not title.startswith("hello")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=12)
    args = parser.parse_args()
    url = f"sqlite:///{Path(ROOT / 'bench_data' / 'element-costs.db')}"  # the app reads no data; cxdash needs a URL
    hello, added = costs(args.rounds, url)
    print(f"hello-world switch: median {hello:.0f} ms over {args.rounds} rounds; what each kind of element adds:")
    for kind, ms in sorted(added.items(), key=lambda item: item[1]):
        print(f"  {kind.replace('_', ' '):28s} {ms:+5.0f} ms")


if __name__ == "__main__":
    main()
