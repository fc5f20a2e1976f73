"""Views the benchmarks time beside the pages: a page with the query parameters that open a part it does not show
by default. Overview and a region's compare view say why NPS moved at once and draw its charts when their expander
opens (``overview_why``, ``regions_why``); the Ownership map, Regions, Governance, Alignment and Data draw only their
open tab (``section``, ``trend``, ``governance_tab``, ``alignment_tab``, ``data_tab``); the Actions page runs only its
open tab, and a link with ``fu_…`` parameters opens the follow-up tab."""

from __future__ import annotations

from urllib.parse import urlencode

COMPARE = {"view": "compare", "region": "DACH"}
# label -> (page file, query parameters); a label names the view in the tables and has no "/".
VIEWS: dict[str, tuple[str, dict[str, str]]] = {
    "overview · why it moved, charts": ("app_pages/overview.py", {"overview_why": "true"}),
    "ownership · performance by owner": ("app_pages/ownership.py", {"section": "Performance by owner"}),
    "ownership · history of changes": ("app_pages/ownership.py", {"section": "History of changes"}),
    "regions · retention by region": ("app_pages/regions.py", {"trend": "Retention"}),
    "governance · consistency": ("app_pages/governance.py", {"governance_tab": "Consistency"}),
    "governance · before and after a switch": (
        "app_pages/governance.py",
        {"governance_tab": "Before and after a switch"},
    ),
    "governance · history and changes": ("app_pages/governance.py", {"governance_tab": "History and changes"}),
    "alignment · rating spread": ("app_pages/alignment.py", {"alignment_tab": "Rating spread"}),
    "alignment · who owns CX here": ("app_pages/alignment.py", {"alignment_tab": "Who owns CX here?"}),
    "alignment · trend across rounds": ("app_pages/alignment.py", {"alignment_tab": "Trend across rounds"}),
    "data · import history": ("app_pages/data.py", {"data_tab": "Import history"}),
    "data · audit log": ("app_pages/data.py", {"data_tab": "Audit log"}),
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
