"""Soak: 1,000 page runs in one real `streamlit run` server, its memory sampled as they go.

Usage (from the repository root): python -m benchmarks.soak DATABASE_URL [RUNS] [-- streamlit options]
(for example `-- --runner.postScriptGC true` to compare with Streamlit's default collection after every run).

One session clicks through every page in turn. Prints the server's resident memory and the median page run
every 50 runs, then the verdict: no sample more than 10% above the first (every page visited, caches
filled) means nothing accumulates.
"""

from __future__ import annotations

import statistics
import sys

from benchmarks.streamlit_client import ROOT, Client, rss_mb, running
from cxdash.bench.live import SoakSample, soak_verdict

SAMPLE_EVERY = 50


def soak(url: str, runs: int, extra: tuple[str, ...]) -> list[SoakSample]:
    with running(ROOT / "app.py", url, extra=extra) as server:
        client = Client(server.port)
        hashes = list(client.pages.values())
        samples, times = [], []
        for i in range(1, runs + 1):
            times.append(client.run(hashes[i % len(hashes)]) * 1000)
            if i % SAMPLE_EVERY == 0:
                samples.append(SoakSample(i, rss_mb(server.pid), statistics.median(times)))
                times = []
        client.close()
    return samples


def main() -> None:
    args = sys.argv[1:]
    extra = tuple(args[args.index("--") + 1 :]) if "--" in args else ()
    plain = args[: args.index("--")] if "--" in args else args
    samples = soak(plain[0], int(plain[1]) if len(plain) > 1 else 1000, extra)
    for sample in samples:
        print(f"{sample.runs:>5} runs: {sample.rss_mb:.0f} MB, median page run {sample.median_ms:.0f} ms")
    print(soak_verdict(samples))


if __name__ == "__main__":
    main()
