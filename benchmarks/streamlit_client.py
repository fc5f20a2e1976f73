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
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
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
def running(script: Path, database_url: str, *, extra: tuple[str, ...] = (), root: Path = ROOT) -> Iterator[Server]:
    """`streamlit run script` on a free port with the shipped .streamlit/config.toml, until the block ends; ``root``
    is the checkout it runs from (its config, its packages)."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), *extra]
    proc = subprocess.Popen(command, cwd=root, env={**os.environ, "DATABASE_URL": database_url},
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


@dataclass(frozen=True)
class Widget:
    """A widget the last run drew: its id (what the browser sends back) and, for a select box, its options and
    the one shown."""

    id: str
    options: tuple[str, ...] = ()
    value: str = ""


class Client:
    """One browser session: page runs by script hash, timed to their ``script_finished``."""

    def __init__(self, port: int) -> None:
        # Entered as a context manager, as websockets 17 asks (a bare connect() is deprecated); ``close`` leaves it.
        self._open = ExitStack()
        self._ws: ClientConnection = self._open.enter_context(
            connect(
                f"ws://localhost:{port}/_stcore/stream",
                subprotocols=[Subprotocol("streamlit")],
                origin=Origin(f"http://localhost:{port}"),
                max_size=None,
                open_timeout=60,
            )
        )
        self.pages: dict[str, str] = {}  # url path -> script hash, from the app's navigation message
        self.widgets: dict[str, Widget] = {}  # label -> the widget of that label the last run drew
        self.page = ""  # the script hash of the page shown
        self.run("")  # the first visit, as the browser makes it: the default page

    def close(self) -> None:
        self._open.close()

    def clear_caches(self) -> None:
        """What the app menu's "Clear cache" does: every st.cache_data and st.cache_resource entry."""
        msg = BackMsg()
        msg.clear_cache = True
        self._ws.send(msg.SerializeToString())

    def run(
        self, page_hash: str, timeout: float = 600.0, widgets: tuple[WidgetState, ...] = (), *, query: str = ""
    ) -> float:
        """Seconds from asking for a page run (with these widget values and this query string) to its end, through
        any rerun the run asks for (``st.rerun``); raises if the page showed cxdash's error sentence."""
        msg = BackMsg()
        msg.rerun_script.page_script_hash = page_hash
        msg.rerun_script.query_string = query
        msg.rerun_script.widget_states.widgets.extend(widgets)
        failed = False
        start = time.perf_counter()
        self._ws.send(msg.SerializeToString())
        self.widgets, self.page = {}, page_hash
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(self._ws.recv(timeout=timeout))
            kind = reply.WhichOneof("type")
            if kind == "script_finished":
                if reply.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    self.widgets = {}
                    continue
                seconds = time.perf_counter() - start
                break
            if kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in reply.navigation.app_pages}
                self.page = reply.navigation.page_script_hash or self.page
            elif kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                element = reply.delta.new_element
                failed = failed or FAILURE_TEXT in str(element.alert.body)
                self._remember(element)
        if failed:
            raise RuntimeError(f"page {page_hash or 'default'} showed an error; see the server log")
        return seconds

    def _remember(self, element: Any) -> None:
        kind = element.WhichOneof("type")
        proto = getattr(element, kind) if kind else None
        widget_id, label = getattr(proto, "id", ""), getattr(proto, "label", "")
        if not (widget_id and label):
            return
        if kind == "selectbox":
            options = tuple(proto.options)
            shown = proto.raw_value if proto.set_value else options[proto.default] if options else ""
            self.widgets[label] = Widget(widget_id, options, shown)
        else:
            self.widgets[label] = Widget(widget_id)

    def sign_in(self, username: str, password: str) -> float:
        """Seconds from submitting the sign-in form to the first page drawn for the user; raises if refused."""
        values = (WidgetState(id=self.widgets["Username"].id, string_value=username),
                  WidgetState(id=self.widgets["Password"].id, string_value=password),
                  WidgetState(id=self.widgets["Sign in"].id, trigger_value=True))  # fmt: skip
        seconds = self.run(self.page, widgets=values)
        if not self.signed_in:
            raise RuntimeError(f"{username} could not sign in")
        return seconds

    @property
    def signed_in(self) -> bool:
        """The last run drew the sidebar's sign-out button, which only a signed-in session gets."""
        return "Sign out" in self.widgets

    def choose(self, label: str, option: str) -> float:
        """Seconds from picking ``option`` in the shown page's select box ``label`` to the end of the run."""
        return self.run(self.page, widgets=(WidgetState(id=self.widgets[label].id, string_value=option),))


def rss_mb(pid: int) -> float:
    """Resident memory of a process now (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no process {pid}")
