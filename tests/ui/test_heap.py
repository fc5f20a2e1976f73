"""Long-lived objects leave the garbage collector's walks once per page, not once per click."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from cxdash.ui import heap


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    """Each test starts with no page settled and leaves nothing frozen for the tests after it."""
    heap._settled.clear()
    gc.unfreeze()
    yield
    heap._settled.clear()
    gc.unfreeze()


def test_a_page_s_first_run_freezes_what_is_alive() -> None:
    kept = [[i] for i in range(1000)]
    heap.settle_after_first_run("overview")
    assert gc.get_freeze_count() >= len(kept)


def test_later_runs_of_the_same_page_freeze_nothing_more() -> None:
    heap.settle_after_first_run("overview")
    frozen = gc.get_freeze_count()
    kept = [[i] for i in range(1000)]
    heap.settle_after_first_run("overview")
    # Frozen objects that die (another thread of the worker dropping its last reference) leave the count, so it
    # may fall; the 1,000 new lists must not join it.
    assert gc.get_freeze_count() <= frozen
    assert kept
