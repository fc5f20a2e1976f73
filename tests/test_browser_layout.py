"""Every page at a laptop's and a large screen's size: no exception, no KPI value or change cut off, no serious
or critical accessibility violation (axe-core), and a text alternative on every chart."""

from __future__ import annotations

from typing import Any

import pytest

from tests.plain_words import PAGES, settle

# A tile's value and change, and everything inside them, are as wide as their box: nothing scrolls or hides.
CUT_OFF = """() => [...document.querySelectorAll('[data-testid="stMetricValue"], [data-testid="stMetricDelta"]')]
  .flatMap(box => [box, ...box.querySelectorAll('*')])
  .filter(e => e.scrollWidth > e.clientWidth + 1)
  .map(e => e.closest('[data-testid="stMetric"]').innerText.replaceAll('\\n', ' | '))"""
# Every chart has a text alternative: its title, not Vega's generic "Vega visualization" (Streamlit's ``alt``).
CHART_NAMES = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] [role="graphics-document"]')]
  .map(e => (e.getAttribute('aria-label') || '').trim())"""


def _serious(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {node['html'][:120]} {node.get('failureSummary', '')[:300]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
        for node in v["nodes"]
    ]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280", "1920"])
def test_every_page_reads_whole_and_passes_axe(server: str, browser: Any, backend: str, size: tuple[int, int]) -> None:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    for path in PAGES:
        page.goto(f"{server}/{path}")
        settle(page)
        assert page.locator('[data-testid="stException"]').count() == 0, path
        assert "Something went wrong" not in page.inner_text('[data-testid="stMain"]'), path
        assert page.evaluate(CUT_OFF) == [], path
        names = page.evaluate(CHART_NAMES)
        assert not {"", "Vega visualization"} & set(names), (path, names)
        assert _serious(page) == [], path
