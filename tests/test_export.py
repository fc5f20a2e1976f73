"""CSV exports neutralise spreadsheet formulas and keep numbers intact."""

from __future__ import annotations

import pandas as pd

from cxdash.export import csv_bytes


def test_formula_cells_are_neutralised_and_numbers_kept() -> None:
    frame = pd.DataFrame({"text": ["=1+1", "+A1", "-cmd", "@SUM(A1)", "plain"], "delta": [-5.5, 1.0, 2.0, 3.0, 4.0]})
    lines = csv_bytes(frame).decode("utf-8-sig").splitlines()
    assert lines[1:] == ["'=1+1,-5.5", "'+A1,1.0", "'-cmd,2.0", "'@SUM(A1),3.0", "plain,4.0"]
    assert frame.loc[0, "text"] == "=1+1"


def test_column_headers_are_neutralised() -> None:
    frame = pd.DataFrame({"Touchpoint": ["Web"], '=HYPERLINK("http://x","y")': ["A"], "-CFO": ["R"], "n": [3]})
    lines = csv_bytes(frame).decode("utf-8-sig").splitlines()
    assert lines == ['Touchpoint,"\'=HYPERLINK(""http://x"",""y"")",\'-CFO,n', "Web,A,R,3"]


def test_row_labels_and_index_names_are_neutralised_when_the_index_is_written() -> None:
    frame = pd.DataFrame({"role": ["A", "R"]}, index=pd.Index(["+Web", "@Phone"], name="=name"))
    lines = csv_bytes(frame, index=True).decode("utf-8-sig").splitlines()
    assert lines == ["'=name,role", "'+Web,A", "'@Phone,R"]


def test_every_level_of_a_multi_level_header_is_neutralised() -> None:
    frame = pd.DataFrame([[1, "x"]], columns=pd.MultiIndex.from_tuples([("=a", "n"), ("b", "@c")]))
    lines = csv_bytes(frame).decode("utf-8-sig").splitlines()
    assert lines[:2] == ["'=a,b", "n,'@c"]
