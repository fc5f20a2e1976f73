"""CSV downloads that are safe to open in a spreadsheet."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore(value: str) -> str:
    """A cell as it was before ``neutralise``: an apostrophe before a formula's first character is dropped."""
    return value[1:] if value[:1] == "'" and value[1:2] in FORMULA_STARTS else value


def _labels(index: pd.Index) -> pd.Index:
    """Column or row labels with every text label (each level of a MultiIndex) and the index names neutralised."""
    import pandas as pd  # here, as in csv_bytes: the command line imports this module and rarely writes a CSV

    if isinstance(index, pd.MultiIndex):
        safe: pd.Index = pd.MultiIndex.from_tuples([tuple(neutralise(v) for v in t) for t in index], names=index.names)
    else:
        safe = pd.Index([neutralise(v) for v in index], name=index.name)
    return safe.set_names([neutralise(n) for n in safe.names])


def csv_bytes(frame: pd.DataFrame, *, index: bool = False) -> bytes:
    """The frame as UTF-8 CSV (with BOM for spreadsheets), text cells, column headers and (with ``index``) row
    labels neutralised; numbers stay numbers. Headers matter: the RACI matrix's columns are leaders' titles."""
    import pandas as pd

    safe = frame.copy()
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if not pd.api.types.is_numeric_dtype(column):
            safe.isetitem(position, column.map(neutralise).to_numpy())
    safe.columns = _labels(safe.columns)
    if index:
        safe.index = _labels(safe.index)
    return safe.to_csv(index=index).encode("utf-8-sig")
