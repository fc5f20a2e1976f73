"""Messages leave the server as soon as a page run makes them: Nagle's algorithm off on the server's TCP sockets.

Streamlit 1.67's server binds its listening socket itself, as ``socket.socket(family, SOCK_STREAM)`` with protocol 0,
and asyncio only turns Nagle's algorithm off for sockets whose protocol says TCP. So after the first message of a
run, the kernel holds every further small message until the browser acknowledges the first, and the browser
delays that acknowledgement (40 ms on Linux). Every click paid it: a hello-world page run took 44 ms in a real
server, 6 ms with Nagle off (measured over the websocket, as the browser drives it).

The fix is made from inside the server, once per process: every TCP socket the process has open (the listening
socket and any connection already accepted) gets ``TCP_NODELAY``. Linux copies the option from a listening socket
to each connection it accepts, so later connections have it from the start. Elsewhere than Linux (no
``/proc/self/fd``) nothing is changed.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from pathlib import Path

FDS = Path("/proc/self/fd")
_done = False
_lock = threading.Lock()
log = logging.getLogger("cxdash")


def send_promptly() -> None:
    """Turn Nagle's algorithm off on this process's TCP sockets, the first time a page runs; later calls do
    nothing."""
    global _done
    if _done:
        return
    with _lock:
        if not _done:
            _done = True
            count = no_delay(_open_fds())
            log.info("TCP_NODELAY set on %d socket(s) of the server", count)


def _open_fds() -> list[int]:
    try:
        return [int(name) for name in os.listdir(FDS)]
    except OSError:
        return []


def no_delay(fds: list[int]) -> int:
    """Set TCP_NODELAY on each of ``fds`` that is a TCP socket (through a duplicate: the socket is shared, the
    duplicate closed again); returns how many were set. Anything else, or an fd closed meanwhile, is left alone."""
    count = 0
    for fd in fds:
        try:
            copy = os.dup(fd)
        except OSError:  # closed since it was listed
            continue
        try:
            sock = socket.socket(fileno=copy)
        except OSError:  # not a socket
            os.close(copy)
            continue
        with sock:
            if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.type != socket.SOCK_STREAM:
                continue
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                continue
            count += 1
    return count
