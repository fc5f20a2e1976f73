"""Widgets the pages share between their tables: filter rows, safe CSV downloads and a progress bar."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit.delta_generator import DeltaGenerator

from cxdash import export, present


def filter_row(
    choices: dict[str, list[str]], labels: dict[str, str], key: str, shown_as: Callable[[str], str] = str
) -> tuple[dict[str, str], date | None, date | None]:
    """One select box per filter (keyed ``{key}_{name}``, options written by ``shown_as``) and a From/To pair of
    days; returns what was chosen."""
    cells = st.columns(len(choices) + 2)
    picked = {
        name: str(cell.selectbox(labels[name], options, format_func=shown_as, key=f"{key}_{name}"))
        for cell, (name, options) in zip(cells, choices.items(), strict=False)
    }
    since = cells[-2].date_input("From", value=None, key=f"{key}_since")
    until = cells[-1].date_input("To", value=None, key=f"{key}_until")
    return picked, since, until


def download_csv(label: str, table: pd.DataFrame, file_name: str, key: str) -> None:
    """A download of ``table`` as CSV, with cells a spreadsheet would run as formulas neutralised.

    Downloading changes nothing, so it does not rerun the page (a one-off import report stays on screen). The file
    is written when someone clicks, not on every run of the page: most runs download nothing."""
    st.download_button(label, lambda: export.csv_bytes(table), file_name, "text/csv", key=key, on_click="ignore")


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[float], None]]:
    """A progress bar for a long call: yields the callback that moves it (a fraction from 0 to 1); gone at the end."""
    bar = st.progress(0.0, text=label)

    def show(fraction: float) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=f"{label}: {fraction:.0%}")

    try:
        yield show
    finally:
        bar.empty()


def picked_columns(
    table: pd.DataFrame | Styler, essential: list[str], *, pinned: str, key: str, label: str = "More columns"
) -> None:
    """A wide table showing its essential columns first and the others when picked; ``pinned`` stays in view
    when the table scrolls sideways."""
    frame: pd.DataFrame = table.data if isinstance(table, Styler) else table  # type: ignore[attr-defined]
    extras = [str(c) for c in frame.columns if c not in essential]
    more = st.multiselect(label, extras, key=f"{key}_columns", placeholder="Add columns to the table")
    order = [c for c in essential if c in frame.columns] + [c for c in extras if c in more]
    data_table(table, key=key, column_order=order, column_config={pinned: st.column_config.Column(pinned, pinned=True)})


def data_table(
    table: pd.DataFrame | Styler, *, key: str | None = None, column_config: dict[str, Any] | None = None, **options: Any
) -> None:
    """``st.dataframe`` without the index, every count written with thousands separators ("10,162")."""
    frame: pd.DataFrame = table.data if isinstance(table, Styler) else table  # type: ignore[attr-defined]
    # A format on a number column wins over a Styler's text for it, so the counts read the same either way.
    config: dict[str, Any] = {
        column: st.column_config.NumberColumn(column, format="localized") for column in present.count_columns(frame)
    }
    for column, given in (column_config or {}).items():
        config[column] = {**config.get(column, {}), **{k: v for k, v in dict(given).items() if v is not None}}
    st.dataframe(table, hide_index=True, key=key, column_config=config, **options)


def folded(label: str, *, key: str, in_url: bool = False, icon: str | None = None) -> DeltaGenerator | None:
    """A part folded away under ``label``, run and drawn only while open (toggling it reruns the page): the open
    container, or None while folded. With ``in_url`` the address keeps it open (``?key=true``), so a link opens it.
    Streamlit sends a folded expander's content on every run unless the expander tracks its state, and a grid or a
    chart costs the page switch even folded away."""
    if in_url:
        box = st.expander(label, key=key, icon=icon, bind="query-params")
    else:
        box = st.expander(label, key=key, icon=icon, on_change="rerun")
    return box if box.open else None


def sections(labels: Sequence[str], draws: Sequence[Callable[[], None]], *, key: str) -> None:
    """Tabs of which only the open one runs and is drawn (opening another reruns the page); the URL names the open
    one under ``key``, so a link opens it."""
    for tab, draw in zip(st.tabs(list(labels), key=key, bind="query-params"), draws, strict=True):
        if tab.open:
            with tab:
                draw()
