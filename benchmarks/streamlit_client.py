"""A real `streamlit run` server driven over its websocket, as Streamlit's browser client drives it.

A script of its own, outside the cxdash package, because only cxdash/ui/ may import streamlit there.

The browser sends a ``rerun_script`` BackMsg (protobuf) naming a page's script hash on /_stcore/stream and
draws what the ForwardMsgs say until ``script_finished``; a page run here is the time from sending that
message to receiving that one, so it includes everything the server does for a click (Streamlit's own
per-run work included) but not the browser's drawing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Origin, Subprotocol

ROOT = Path(__file__).resolve().parent.parent
FAILURE_TEXT = "Something went wrong"  # the sentence cxdash shows instead of a traceback


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Server:
    port: int
    pid: int


@contextmanager
def running(script: Path, database_url: str, *, extra: tuple[str, ...] = ()) -> Iterator[Server]:
    """`streamlit run script` on a free port with the shipped .streamlit/config.toml, until the block ends."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), *extra]
    proc = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "DATABASE_URL": database_url},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit run {script.name} did not start") from None
                time.sleep(0.3)
        yield Server(port, proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


class Client:
    """One browser session: page runs by script hash, timed to their ``script_finished``."""

    def __init__(self, port: int) -> None:
        self._ws: ClientConnection = connect(
            f"ws://localhost:{port}/_stcore/stream",
            subprotocols=[Subprotocol("streamlit")],
            origin=Origin(f"http://localhost:{port}"),
            max_size=None,
            open_timeout=60,
        )
        self.pages: dict[str, str] = {}  # url path -> script hash, from the app's navigation message
        self.run("")  # the first visit, as the browser makes it: the default page

    def close(self) -> None:
        self._ws.close()

    def clear_caches(self) -> None:
        """What the app menu's "Clear cache" does: every st.cache_data and st.cache_resource entry."""
        msg = BackMsg()
        msg.clear_cache = True
        self._ws.send(msg.SerializeToString())

    def run(self, page_hash: str, timeout: float = 600.0, *, query: str = "") -> float:
        """Seconds from asking for a page run (with this query string) to its end; raises if the page showed
        cxdash's error sentence."""
        msg = BackMsg()
        msg.rerun_script.page_script_hash = page_hash
        msg.rerun_script.query_string = query
        failed = False
        start = time.perf_counter()
        self._ws.send(msg.SerializeToString())
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(self._ws.recv(timeout=timeout))
            kind = reply.WhichOneof("type")
            if kind == "script_finished":
                seconds = time.perf_counter() - start
                break
            if kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in reply.navigation.app_pages}
            elif kind == "delta" and FAILURE_TEXT in str(reply.delta.new_element.alert.body):
                failed = True
        if failed:
            raise RuntimeError(f"page {page_hash or 'default'} showed an error; see the server log")
        return seconds


def rss_mb(pid: int) -> float:
    """Resident memory of a process now (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no process {pid}")
