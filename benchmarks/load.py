"""Capacity: N signed-in users clicking through real `streamlit run` servers at once; p50/p95 page run per page.

Usage (from the repository root, one heavy job at a time on a shared machine):
    python -m benchmarks.load [--users 1,10,20,40] [--runs 12] [--think 5]
        [--processes 1] [--time-limit 300] [--database-url URL | --pg-url SERVER_URL]

Every user is a websocket session speaking Streamlit's browser protocol (benchmarks/streamlit_client.py), in a
thread of this one process: it signs in to a seeded `cco` account of its own with its password (all users of a
level submit the form at the same moment, as a room does when the meeting starts), then makes --runs clicks
from a fixed, seeded plan (cxdash/bench/load.py): a switch to another page, then a change of that page's period filter
(Month, To or Survey round; one of the last three, as a board reviews the latest quarter), and so on, pausing
--think seconds on average between clicks. A page run is timed from the click to its ``script_finished``.
With --processes K, K servers serve one database and user i talks to server i mod K, as a proxy with sticky
sessions spreads them; with --caddy as well, every user goes through Caddy running the shipped
docs/deploy/Caddyfile on a free localhost port instead (Caddy must be installed). Before the first level one
session per server visits every page (imports, caches).

Bounded: at most 60 users, 100 clicks each, and a level stops starting clicks after --time-limit seconds.
The database is a fresh SQLite copy of the sample unless --database-url names one (users load-01, load-02 …
are added to it: use a scratch database) or --pg-url names a PostgreSQL server (scratch database cxdash_load).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from benchmarks.streamlit_client import ROOT, Client, Server, free_port, running
from cxdash import auth, db
from cxdash.bench import _pg_bench_url
from cxdash.bench.load import MAX_USERS, SIGN_IN, Level, Step, session_plan, table, verdict
from cxdash.permissions import Actor

# Each page's period filter, the widget a user changes on it (None: the page has none).
FILTERS: dict[str, str | None] = {
    "overview": "Month",
    "regions": "To",
    "ownership": "Month",
    "governance": "To",
    "alignment": "Survey round",
    "board_pack": "Month",
    "actions": None,
    "data": None,
}
PASSWORD = "load-test-password"
LATEST = 3  # a filter change picks one of the last three options


def username(i: int) -> str:
    return f"load-{i + 1:02d}"


def prepare(url: str, users: int, *, fresh: bool) -> None:
    """Load the sample into a fresh database, and give each simulated user an account of their own (`cco`, which
    opens every page), with the known password. One shared account would not do: sign-ins in flight count as
    failures until their password is checked, so a sixth simultaneous sign-in to one account is refused."""
    if fresh:
        command = [sys.executable, "-m", "cxdash", "load", "sample_data"]
        env = {**os.environ, "DATABASE_URL": url}
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"loading sample_data failed: {done.stderr.strip()[-300:]}")
    seeder = Actor("load-test", "admin")
    with db.session(db.make_engine(url)) as session:
        for i in range(users):
            try:
                auth.add_user(session, actor=seeder, username=username(i), display_name=username(i), role="cco",
                              password=PASSWORD)  # fmt: skip
            except auth.UserError:
                session.rollback()
                auth.reset_password(session, actor=seeder, username=username(i), password=PASSWORD)


def _click(client: Client, step: Step, timeout: float) -> float:
    page = "" if step.page == "overview" else step.page
    if step.label is None:
        return client.run(client.pages[page], timeout=timeout)
    widget = client.widgets[step.label]
    choices = [o for o in widget.options[-LATEST:] if o != widget.value] or list(widget.options)
    return client.choose(step.label, choices[step.option % len(choices)])


@contextmanager
def caddy(servers: list[Server]) -> Iterator[int]:
    """The shipped Caddyfile in front of the servers, on a free localhost port; its admin endpoint is turned off,
    so that several can run at once."""
    port = free_port()
    env = {**os.environ, "CXDASH_SITE": f"http://localhost:{port}",
           "CXDASH_UPSTREAMS": " ".join(f"localhost:{s.port}" for s in servers)}  # fmt: skip
    shipped = (ROOT / "docs" / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "Caddyfile"
        config.write_text("{\n\tadmin off\n}\n" + shipped, encoding="utf-8")
        command = ["caddy", "run", "--config", str(config), "--adapter", "caddyfile"]
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2):
                        break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("caddy did not start") from None
                    time.sleep(0.2)
            yield port
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def warm_up(port: int) -> None:
    """One session per server visits every page with every option a user may choose, untimed: the levels measure
    a process whose modules are imported and whose shared caches hold what the users ask for (a page's first run
    after a restart is the cold time of the single-user benchmark)."""
    client = Client(port)
    client.sign_in(username(0), PASSWORD)
    for page, label in FILTERS.items():
        _click(client, Step(page), 300)
        if label is not None:
            for option in client.widgets[label].options[-LATEST:]:
                client.choose(label, option)
    client.close()


def run_level(ports: list[int], users: int, *, runs: int, think: float, limit: float, seed: int) -> Level:
    """``users`` sessions at once, each through its own plan; what they measured."""
    plans = [session_plan(FILTERS, runs=runs, think_s=think, seed=seed * 1000 + i) for i in range(users)]
    times: dict[str, list[float]] = defaultdict(list)
    counts = {"done": 0, "errors": 0}
    lock = threading.Lock()
    ready = threading.Barrier(users)
    deadline = time.monotonic() + limit

    def user(i: int) -> None:
        client = None
        try:
            client = Client(ports[i % len(ports)])
            ready.wait(timeout=300)
            seconds = client.sign_in(username(i), PASSWORD)
            with lock:
                times[SIGN_IN].append(seconds)
            for step in plans[i]:
                if time.monotonic() > deadline:
                    break
                seconds = _click(client, step, max(deadline - time.monotonic(), 1.0) + 60)
                if not client.signed_in:
                    raise RuntimeError("the session lost its sign-in")
                with lock:
                    times[step.page].append(seconds)
                    counts["done"] += 1
                if step is not plans[i][-1]:
                    time.sleep(step.think_s)
        except Exception as error:  # one user's failure is counted and reported, the others go on
            print(f"user {i}: {type(error).__name__}: {error}", file=sys.stderr)
            with lock:
                counts["errors"] += 1
        finally:
            if client is not None:
                client.close()

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=limit + 900)
    return Level(users, dict(times), counts["done"], runs * users, counts["errors"], os.getloadavg()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", default="1,10,20,40", help="comma-separated numbers of users at once")
    parser.add_argument("--runs", type=int, default=12, help="clicks per user (1-100)")
    parser.add_argument("--think", type=float, default=5.0, help="mean seconds between a user's clicks")
    parser.add_argument("--processes", type=int, default=1, help="app processes serving the users (1-8)")
    parser.add_argument("--time-limit", type=float, default=300.0, help="seconds a level may start clicks")
    parser.add_argument("--database-url", help="a scratch database that already holds data")
    parser.add_argument("--pg-url", help="a PostgreSQL server: the sample goes into its scratch database")
    parser.add_argument("--caddy", action="store_true", help="users reach the servers through docs/deploy/Caddyfile")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    users = [int(n) for n in args.users.split(",")]
    if not all(1 <= n <= MAX_USERS for n in users) or not 1 <= args.processes <= 8:
        raise SystemExit(f"users must be 1 to {MAX_USERS} and processes 1 to 8")
    with tempfile.TemporaryDirectory() as scratch:
        url = args.database_url or (_pg_bench_url(args.pg_url, "cxdash_load") if args.pg_url else None)
        url = url or f"sqlite:///{Path(scratch) / 'sample.db'}"
        prepare(url, max(users), fresh=args.database_url is None)
        with ExitStack() as stack:
            servers = [stack.enter_context(running(ROOT / "app.py", url)) for _ in range(args.processes)]
            for server in servers:
                warm_up(server.port)
            ports = [stack.enter_context(caddy(servers))] if args.caddy else [s.port for s in servers]
            levels = []
            for n in users:
                levels.append(run_level(ports, n, runs=args.runs, think=args.think, limit=args.time_limit,
                                        seed=args.seed))  # fmt: skip
                print(f"{n} users done: {levels[-1].done} page runs, {levels[-1].errors} errors", file=sys.stderr)
    through = " behind Caddy" if args.caddy else ""
    print(f"{args.processes} process(es){through}, {args.runs} clicks per user, think {args.think:g} s on average")
    print(table(levels))
    print(verdict(levels))


if __name__ == "__main__":
    main()
