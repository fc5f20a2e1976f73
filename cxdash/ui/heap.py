"""The garbage collector's share of a page run: objects that live as long as the server are frozen out of it.

Streamlit's default full collection after every script run (``runner.postScriptGC``) walks every live object,
about 100 ms per click once pandas, Altair and cxdash are imported, while a run of our page code takes 20-60 ms.
The shipped config turns that collection off. Python's own collector still runs on its usual thresholds, so
garbage cycles are still freed; what it no longer walks again and again are the modules, classes and caches
that outlive every run. Those are moved to the permanent generation (``gc.freeze``) after a full collection,
once after the first run of each page in this process: a page's first run is when its modules are imported.
A bounded number of full collections per process (one per page) replace one per click.
"""

from __future__ import annotations

import gc
import threading

_settled: set[str] = set()
_lock = threading.Lock()


def settle_after_first_run(page_key: str) -> None:
    """Freeze what is alive after the first run of ``page_key`` in this process; later runs do nothing."""
    if page_key in _settled:
        return
    with _lock:
        if page_key in _settled:
            return
        _settled.add(page_key)
        gc.collect()
        gc.freeze()
