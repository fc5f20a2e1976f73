"""CSV exports neutralise spreadsheet formulas and keep numbers intact."""

from __future__ import annotations

import pandas as pd

from cxdash.export import csv_bytes


def test_formula_cells_are_neutralised_and_numbers_kept() -> None:
    frame = pd.DataFrame({"text": ["=1+1", "+A1", "-cmd", "@SUM(A1)", "plain"], "delta": [-5.5, 1.0, 2.0, 3.0, 4.0]})
    lines = csv_bytes(frame).decode("utf-8-sig").splitlines()
    assert lines[1:] == ["'=1+1,-5.5", "'+A1,1.0", "'-cmd,2.0", "'@SUM(A1),3.0", "plain,4.0"]
    assert frame.loc[0, "text"] == "=1+1"
