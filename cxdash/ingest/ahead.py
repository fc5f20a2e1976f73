"""Reading ahead: the next tables of a file read and checked on a second thread while this one writes the last.

The direct load spends its time in two places that can run at once on two cores: pyarrow reading and checking
the file (C++ that releases the GIL) and the database driver writing the rows before (SQLite releases the GIL
inside each step, psycopg while it sends). The tables come back in order on the caller's thread, which alone
touches the database connection and the progress callback. An error on the reading thread is raised on the
caller's, as if the tables had been read there; a caller that stops early (the database refused a row) stops the
reading thread and waits for it, so nothing reads the file once ``read_ahead`` is closed.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Generator, Iterable
from typing import Any, TypeVar

T = TypeVar("T")
# Items made ahead of the one being written: each table holds at most arrowcsv.MAX_BLOCK of the file.
DEPTH = 2
_POLL_S = 0.05  # how soon a reading thread blocked on a full queue notices that the caller stopped
_ITEM, _TICK, _ERROR, _END = range(4)


def read_ahead(
    make: Callable[[Callable[[], None]], Iterable[T]], tick: Callable[[], None] | None = None, depth: int = DEPTH
) -> Generator[T, None, None]:
    """The items of ``make(note)``, made on a second thread up to ``depth`` ahead and yielded here in order.

    Each ``note()`` called while making them calls ``tick()`` on this thread, between the same items. Close the
    iterator (``contextlib.closing``) to stop the reading thread early.
    """
    handoff: queue.Queue[tuple[int, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(kind: int, value: Any = None) -> None:
        while not stop.is_set():
            try:
                handoff.put((kind, value), timeout=_POLL_S)
                return
            except queue.Full:
                continue
        raise _Stopped

    def produce() -> None:
        try:
            items = make(lambda: put(_TICK))
            try:
                for item in items:
                    put(_ITEM, item)
            finally:
                close = getattr(items, "close", None)
                if close is not None:
                    close()
            put(_END)
        except _Stopped:
            return
        except BaseException as exc:  # every error is the caller's to handle
            try:
                put(_ERROR, exc)
            except _Stopped:
                return

    thread = threading.Thread(target=produce, name="cxdash-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            kind, value = handoff.get()
            if kind == _END:
                return
            if kind == _ERROR:
                raise value
            if kind == _TICK:
                if tick is not None:
                    tick()
                continue
            yield value
    finally:
        stop.set()
        thread.join()


class _Stopped(Exception):
    """The caller stopped reading: the reading thread ends without making more."""
