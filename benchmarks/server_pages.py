"""Time every page in real `streamlit run` servers over their websockets; print one JSON line.

Usage (from the repository root): python -m benchmarks.server_pages RUNS BUSY_SECONDS LABEL=URL [LABEL=URL ...]

One server per database, all up at once. Every page is visited once (a page's first visit imports its
modules), then timed cold (after the app menu's "Clear cache") and in RUNS warm rounds, each round visiting
the databases in a shuffled order so that background load slows every size alike. Then several sessions
click at once on the largest SQLite database for BUSY_SECONDS, Chromium switches between the pages of the largest
SQLite database, and the hello-world app is timed both ways for reference, as Streamlit serves it and as cxdash serves
itself (messages sent at once).
Run by `python -m cxdash bench` in a subprocess.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from benchmarks.browser_switch import switch_ms
from benchmarks.streamlit_client import ROOT, Client, rss_mb, running
from benchmarks.views import VIEWS, query_string

APP = ROOT / "app.py"
HELLO = ROOT / "benchmarks" / "hello.py"
HELLO_PROMPT = ROOT / "benchmarks" / "hello_prompt.py"
SESSIONS = 4
DEFAULT_PAGE = "overview"


def page_times(urls: dict[str, str], runs: int, busy_seconds: float) -> dict[str, Any]:
    out: dict[str, Any] = {"pages": {}, "rss_mb": {}}
    with ExitStack() as stack:
        servers = {label: stack.enter_context(running(APP, url)) for label, url in urls.items()}
        clients = {label: Client(s.port) for label, s in servers.items()}
        for client in clients.values():
            stack.callback(client.close)
        pages = next(iter(clients.values())).pages
        targets = targets_of(pages)
        for client in clients.values():
            for page_hash, query in targets.values():
                client.run(page_hash, query=query)
        cold: dict[str, dict[str, float]] = {label: {} for label in clients}
        for label, client in clients.items():
            for path, (page_hash, query) in targets.items():
                client.clear_caches()
                cold[label][path] = client.run(page_hash, query=query) * 1000
        warm: dict[str, dict[str, list[float]]] = {label: {p: [] for p in targets} for label in clients}
        order = list(clients)
        shuffle = random.Random(0).shuffle
        for _ in range(runs):
            shuffle(order)
            for label in order:
                for path, (page_hash, query) in targets.items():
                    warm[label][path].append(clients[label].run(page_hash, query=query) * 1000)
        for label, times in warm.items():
            out["pages"][label] = [
                {"page": path or "overview", "cold_ms": cold[label][path], "warm_ms": statistics.median(t)}
                for path, t in times.items()
            ]
            out["rss_mb"][label] = rss_mb(servers[label].pid)
        # The report names the largest SQLite database as where the sessions clicked (PostgreSQL's label comes last).
        largest = [lb for lb in urls if "PostgreSQL" not in lb][-1]
        out["runs_per_second"] = throughput(servers[largest].port, pages, seconds=busy_seconds)
        out["switch_ms"] = switch_ms(servers[largest].port, runs)
    return out


def targets_of(pages: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Every page (url path -> its hash, no query) and every view of benchmarks/views.py (label -> page hash and
    query string)."""
    out = {path: (page_hash, "") for path, page_hash in pages.items()}
    for label, (script, params) in VIEWS.items():
        name = script.rsplit("/", 1)[-1].removesuffix(".py")
        if name == DEFAULT_PAGE and name not in pages:
            name = ""  # the default page is served at the bare address: its url path is empty
        out[label] = (pages[name], query_string(params))
    return out


def throughput(port: int, pages: dict[str, str], *, seconds: float) -> float:
    """Page runs a second that one server completes while several users click through every page."""
    clients = [Client(port) for _ in range(SESSIONS)]
    counts = [0] * SESSIONS
    stop = time.perf_counter() + seconds

    def click(i: int) -> None:
        hashes = list(pages.values())
        random.Random(i).shuffle(hashes)
        while time.perf_counter() < stop:
            clients[i].run(hashes[counts[i] % len(hashes)])
            counts[i] += 1

    start = time.perf_counter()
    threads = [threading.Thread(target=click, args=(i,)) for i in range(SESSIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    for client in clients:
        client.close()
    return sum(counts) / elapsed


def hello_world(runs: int, database_url: str, script: Path = HELLO) -> tuple[float, float]:
    """Median warm page run and Chromium page switch of the smallest two-page Streamlit app, shipped config."""
    with running(script, database_url) as server:
        client = Client(server.port)
        hashes = list(client.pages.values())
        times = [client.run(hashes[i % 2]) * 1000 for i in range(2, 2 * runs + 2)]
        client.close()
        switches = switch_ms(server.port, runs)
    return statistics.median(times), max(switches.values(), default=0.0)


def main() -> None:
    runs, busy_seconds = int(sys.argv[1]), float(sys.argv[2])
    urls = dict(arg.split("=", 1) for arg in sys.argv[3:])
    out = page_times(urls, runs, busy_seconds)
    url = next(iter(urls.values()))
    out["hello_ms"], out["hello_switch_ms"] = hello_world(runs, url)
    out["hello_prompt_ms"], out["hello_prompt_switch_ms"] = hello_world(runs, url, HELLO_PROMPT)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
