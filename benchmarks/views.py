"""Views the benchmarks time beside the pages: a page with the query parameters that open a part it does not show
by default. Overview shows the company's "why it moved" (bridge and impact) on every run, so it needs no entry; the
Actions page runs only its open tab, and a link with ``fu_…`` parameters opens the follow-up tab."""

from __future__ import annotations

from urllib.parse import urlencode

COMPARE = {"view": "compare", "region": "DACH"}
# label -> (page file, query parameters); a label names the view in the tables and has no "/".
VIEWS: dict[str, tuple[str, dict[str, str]]] = {
    "regions · why it moved, drivers (DACH)": ("app_pages/regions.py", COMPARE),
    "regions · themes (DACH)": ("app_pages/regions.py", {**COMPARE, "themes": "show"}),
    # The Actions page's follow-up tab (opened by the link's fu_ parameters), its queue deep: DACH, every status,
    # page 20 (the last page where there are fewer), so the database pages past hundreds of cases.
    "actions · follow-up queue (DACH, every status, page 20)": (
        "app_pages/actions.py",
        {"fu_region": "DACH", "fu_status": "all", "fu_page": "20"},
    ),
}


def query_string(params: dict[str, str]) -> str:
    """The query string a browser sends for these parameters."""
    return urlencode(params)
