"""Views the benchmarks time beside the pages: a page with the query parameters that open a part it does not show
by default. Overview and a region's compare view say why NPS moved at once and draw its charts when their expander
opens (``overview_why``, ``regions_why``); the Ownership map and Regions draw only their open tab (``section``,
``trend``); the Actions page runs only its open tab, and a link with ``fu_…`` parameters opens the follow-up tab."""

from __future__ import annotations

from urllib.parse import urlencode

COMPARE = {"view": "compare", "region": "DACH"}
# label -> (page file, query parameters); a label names the view in the tables and has no "/".
VIEWS: dict[str, tuple[str, dict[str, str]]] = {
    "overview · why it moved, charts": ("app_pages/overview.py", {"overview_why": "true"}),
    "ownership · performance by owner": ("app_pages/ownership.py", {"section": "Performance by owner"}),
    "ownership · history of changes": ("app_pages/ownership.py", {"section": "History of changes"}),
    "regions · retention by region": ("app_pages/regions.py", {"trend": "Retention"}),
    "regions · why it moved, drivers (DACH)": (
        "app_pages/regions.py",
        {**COMPARE, "regions_why": "true", "regions_drivers": "true", "regions_touchpoints": "true"},
    ),
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
