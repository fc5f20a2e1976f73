"""Every table on every page, as the CCO's session draws it (every tab: AppTest sees a page's tabs at once, and a
page that draws only the open tab is run once per tab): counts with
separators, no blank drawn as "None", no test name or p-value of "0.000" in a cell. The browser walk
(test_browser_plain_words.py) reads the rest of the text; a grid draws on a canvas it cannot read."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cxdash.ui.slides import TAB
from cxdash.views.ownership import SECTION
from cxdash.views.regions import TREND_PARAM
from tests import apptest
from tests.plain_words import table_offences

PAGES = ["overview", "regions", "ownership", "governance", "alignment", "board_pack", "data", "actions"]
# Pages whose tabs draw only the open one: the session key that opens a tab by its label.
OPEN_TAB = {
    "board_pack": TAB,
    "actions": "actions_tab",
    "ownership": SECTION,
    "regions": TREND_PARAM,
    "governance": "governance_tab",
    "alignment": "alignment_tab",
    "data": "data_tab",
}
# Sections drawn on request, opened as a link opens them, so that their tables are read too.
OPENED = {
    "overview": {"overview_why": "true"},
    "regions-compare": {"regions_touchpoints": "true", "regions_why": "true", "regions_drivers": "true"},
}


def _planted() -> None:
    import pandas as pd
    import streamlit as st

    from cxdash import ui

    frame = pd.DataFrame({"Responses": [10162, 12], "p-value": ["0.000", None]})
    st.dataframe(frame)
    ui.data_table(frame)


def test_a_planted_table_is_caught() -> None:
    at = AppTest.from_function(_planted).run()
    raw, shown = (table_offences(d) for d in at.dataframe)
    assert any("without separators" in o for o in raw) and any("0.000" in o for o in raw)
    assert any("None" in o for o in raw)
    # The shared table helper formats the counts; the planted p-value and blank are still caught.
    assert not any("without separators" in o for o in shown) and any("0.000" in o for o in shown)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("page", "params"),
    [(page, OPENED.get(page, {})) for page in PAGES]
    + [("regions", {"view": "compare", "region": "DACH", "peers": "NAE,UKI", **OPENED["regions-compare"]})],
    ids=[*PAGES, "regions-compare"],
)
def test_every_table_reads_plainly(roles_app: str, backend: str, page: str, params: dict[str, str]) -> None:
    at = apptest.signed_in("cco", page, **params)
    assert not at.exception
    tables = list(at.dataframe)
    for label in [t.label for t in at.tabs][1:] if page in OPEN_TAB else []:
        apptest.choose_tab(at, OPEN_TAB[page], label)
        tables += list(at.run().dataframe)
        assert not at.exception, label
    found = [f"table {i}: {o}" for i, d in enumerate(tables) for o in table_offences(d)]
    assert found == [], "\n".join(found)
