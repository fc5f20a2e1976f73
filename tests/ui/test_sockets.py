"""The server's TCP sockets send each message at once: Nagle's algorithm off, set once per process."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from cxdash.ui import sockets


def _nodelay(sock: socket.socket) -> bool:
    return bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))


def _open_fds() -> int:
    return len(os.listdir(sockets.FDS))


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A listening TCP socket made as Streamlit's server makes its own: protocol 0, so asyncio leaves Nagle on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock


@pytest.fixture
def _first_time() -> Iterator[None]:
    """Each test sees a process in which no page has run yet."""
    sockets._done = False
    yield
    sockets._done = False


linux_only = pytest.mark.skipif(not sockets.FDS.is_dir(), reason="needs /proc/self/fd (Linux)")


def test_a_tcp_socket_gets_nodelay(listener: socket.socket) -> None:
    assert not _nodelay(listener)
    assert sockets.no_delay([listener.fileno()]) == 1
    assert _nodelay(listener)


def test_other_files_and_sockets_are_left_alone() -> None:
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp,
        open(__file__, "rb") as text,
    ):
        assert sockets.no_delay([udp.fileno(), text.fileno()]) == 0
        assert text.read(3) == b'"""'  # the file is still open and readable


def test_an_fd_closed_since_it_was_listed_is_skipped(listener: socket.socket) -> None:
    gone = os.dup(listener.fileno())
    os.close(gone)
    assert sockets.no_delay([gone, listener.fileno()]) == 1


@linux_only
def test_the_duplicates_it_makes_are_closed(listener: socket.socket) -> None:
    before = _open_fds()
    with open(__file__, "rb") as text:
        sockets.no_delay([listener.fileno(), text.fileno()])
        assert _open_fds() == before + 1  # only the file opened here


@linux_only
@pytest.mark.usefixtures("_first_time")
def test_the_first_run_sets_it_on_the_listener_and_later_connections_inherit_it(listener: socket.socket) -> None:
    sockets.send_promptly()
    assert _nodelay(listener)
    with socket.create_connection(listener.getsockname()) as client:
        accepted, _ = listener.accept()
        with accepted:
            assert not _nodelay(client)  # the other end is not ours to change
            assert _nodelay(accepted)


@pytest.mark.usefixtures("_first_time")
def test_later_runs_change_nothing(listener: socket.socket, monkeypatch: pytest.MonkeyPatch) -> None:
    listed: list[int] = []
    monkeypatch.setattr(sockets, "_open_fds", lambda: listed.append(1) or [])
    sockets.send_promptly()
    sockets.send_promptly()
    assert listed == [1]
    assert not _nodelay(listener)  # the walk found no fds, so nothing was set


@pytest.mark.usefixtures("_first_time")
def test_without_proc_nothing_is_changed(
    listener: socket.socket, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sockets, "FDS", tmp_path / "absent")
    sockets.send_promptly()
    assert not _nodelay(listener)
