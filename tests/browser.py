"""Browser-test fixtures and helpers: Streamlit served on a free port, Debian's Chromium via Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _serve(database_url: str) -> Iterator[str]:
    """`streamlit run app.py` on a free port against ``database_url``, stopped at the end."""
    port = _free_port()
    log = (ROOT / f".streamlit-test-{port}.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("streamlit did not start within 60 s")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
        Path(log.name).unlink(missing_ok=True)


@pytest.fixture
def server(app_env: str) -> Iterator[str]:
    """The app served against the sample database (read-only use)."""
    with _serve(app_env) as url:
        yield url


@pytest.fixture
def roles_server(roles_app: str) -> Iterator[str]:
    """The app served against ``roles_app``: the sample with one account per role (read-only use)."""
    with _serve(roles_app) as url:
        yield url


@pytest.fixture
def writable_server(writable: Engine) -> Iterator[str]:
    """The app served against a database of the test's own, loaded with the sample, that it may write to."""
    with _serve(os.environ["DATABASE_URL"]) as url:
        yield url


def require_chromium() -> None:
    """Skip the test where Debian's Chromium is not installed; under CI=true its absence is a failure."""
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail("Chromium is required when CI=true (apt-get install -y chromium)")
        pytest.skip("Chromium is not installed")


@pytest.fixture
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def sign_in(page: Any, url: str, role: str) -> None:
    """Open ``url`` (a new page load is a new session) and sign in through the form as ``role``'s account in
    tests/roles.py; the page asked for runs once the form is sent."""
    from tests.roles import PASSWORD, USERS

    page.goto(url)
    page.get_by_text("Sign in to cxdash").wait_for(timeout=60_000)
    page.get_by_role("textbox", name="Username").fill(USERS[role].username)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def font_fetch(error: str) -> bool:
    """Material icon fonts come from a font host this network cannot reach; only that is forgiven."""
    return "fonts.g" in error.split(" @ ")[-1]


def settled(page: object) -> None:
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)  # type: ignore[attr-defined]
    page.wait_for_selector('[data-testid="stVegaLiteChart"] svg', timeout=60_000)  # type: ignore[attr-defined]
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)  # type: ignore[attr-defined]
