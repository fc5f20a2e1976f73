"""What a page may not say in plain view: test names, Python's blanks, a p-value of "0.000", counts without
separators. The browser walk that reads every page as a user sees it lives here too, so a planted case can prove
the walk reads what the rules look at."""

from __future__ import annotations

import json
import re
from typing import Any

import pandas as pd
import pyarrow as pa

# Test and statistic names belong in help tooltips; the visible text gives the verdict in words.
JARGON = re.compile(r"\bWald\b|\bWelch|r_wg|\brwg\b|Benjamini(?:[–-]Hochberg)?|Hochberg|\bLeBreton\b|\bOLS\b")
# Python's blanks as a value ("p-value None"), not the English word ("None of the leaders").
BLANKS = re.compile(r"\b(?:None|nan|NaN)\b(?!\s+[a-z])")
# A p-value of zero printed to three places: it is "p < 0.001".
ZERO_P = re.compile(r"(?<![\d.])0\.000(?![\d])")
# Four or more digits in a row, not part of a decimal's fraction, a date, a time, a key or a file name; a year
# on its own (1990-2099) is not a count.
LONG_NUMBER = re.compile(r"(?<![\w.,:/#-])\d{4,}(?![\w,:/-]|\.\d*[A-Za-z])")
YEAR = re.compile(r"(?:19[9]\d|20\d\d)")


def offences(text: str) -> list[str]:
    """Each phrase of ``text`` that breaks a rule, with a few characters around it to find it by."""

    def around(match: re.Match[str]) -> str:
        return text[max(match.start() - 30, 0) : match.end() + 30].replace("\n", " | ")

    found = [f"test name: {around(m)}" for m in JARGON.finditer(text)]
    found += [f"blank: {around(m)}" for m in BLANKS.finditer(text)]
    found += [f"p-value 0.000: {around(m)}" for m in ZERO_P.finditer(text)]
    found += [
        f"count without separators: {around(m)}" for m in LONG_NUMBER.finditer(text) if not YEAR.fullmatch(m.group())
    ]
    return found


# Every page a CCO opens, with the compare view of Regions, and the sections drawn on request opened as a link opens
# them; the tabs of a page are clicked one by one.
PAGES = [
    "?overview_why=true",
    "regions",
    "regions?view=compare&region=DACH&peers=NAE,UKI&regions_touchpoints=true&regions_why=true&regions_drivers=true",
    "ownership",
    "governance",
    "alignment",
    "board_pack",
    "data",
    "actions",
]


def settle(page: Any) -> None:
    """Wait until the page's script has run to its end: its title drawn and no run in progress for a second."""
    from playwright.sync_api import expect

    expect(page.locator("h1").first).to_be_visible(timeout=60_000)
    for _ in range(2):  # a page may rerun once right after its first run (a widget taking its value)
        expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=60_000)
        page.wait_for_timeout(1000)
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=60_000)


def visible_text(page: Any) -> str:
    """The main area's text as shown and its charts' text. A data grid draws on a canvas, and the accessible table
    it keeps holds the raw values, not the text it draws: tables are checked by ``table_offences`` instead."""
    parts = [page.inner_text('[data-testid="stMain"]')]
    # Chart titles, axes and legends are SVG text, which innerText may leave out.
    parts.append(" | ".join(page.locator('[data-testid="stMain"] svg text').all_text_contents()))
    return "\n".join(parts)


def table_offences(element: Any) -> list[str]:
    """What an AppTest ``st.dataframe`` element would show that breaks a rule: a count of 1,000 or more drawn
    without a format (the grid writes "10162"), a blank the grid writes "None", and any text cell that breaks one.
    A Styler's text stands for a column only when no column format is set (a format wins in the grid)."""
    frame = element.value.reset_index(drop=True)
    config = json.loads(element.proto.columns or "{}")
    styled = element.proto.arrow_data.styler.display_values
    shown = pa.ipc.open_stream(styled).read_all().to_pandas() if styled else None
    found = []
    for position, column in enumerate(frame.columns):
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        formatted = (config.get(str(column), {}).get("type_config") or {}).get("format")
        if shown is not None and not formatted:
            texts = [str(v) for v in shown.iloc[:, position + 1 if shown.shape[1] > frame.shape[1] else position]]
            found += [f"{column}: {o}" for o in offences(" | ".join(texts))]
            continue
        if values.isna().any():
            found.append(f"{column}: a blank cell, which the grid writes as None")
        numeric = pd.api.types.is_numeric_dtype(values)
        if numeric and not formatted and (values.dropna().abs() >= 1000).any() and "year" not in str(column).lower():
            found.append(f"{column}: counts of 1,000 or more without separators")
        if not numeric:
            found += [f"{column}: {o}" for o in offences(" | ".join(str(v) for v in values.dropna()))]
    return found


def read_page(page: Any) -> dict[str, str]:
    """The visible text of the page shown, one entry per tab (the first tab as the page opens)."""
    settle(page)
    # The tabs in view once the page has settled: a tab inside another tab's panel is read with that panel.
    names = page.locator('[data-testid="stMain"] [role="tab"]:visible').all_inner_texts()
    texts = {"": visible_text(page)}
    for name in names[1:]:
        page.get_by_role("tab", name=name, exact=True).first.click()
        settle(page)  # a page that draws only the open tab runs again for it
        texts[name] = visible_text(page)
    return texts
