"""Reading foreign files: delimiters, Excel cells, and a sentence for every file that cannot be read."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from cxdash.sources import SourceError, SourceFile
from cxdash.sources.read import cell_text


def _rows(data: bytes, sheet: str = "") -> list[tuple[int, list[str]]]:
    return list(SourceFile(io.BytesIO(data), sheet=sheet).rows())


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_of_the_first_line_is_used(delimiter: str) -> None:
    text = f"a{delimiter}b\n1{delimiter}2,5\n" if delimiter != "," else "a,b\n1,2\n"
    assert _rows(text.encode())[1][1][0] == "1"
    assert len(_rows(text.encode())[0][1]) == 2


def test_a_byte_order_mark_is_not_part_of_the_first_column() -> None:
    assert _rows(b"\xef\xbb\xbfResponse ID;Score\n1;9\n")[0] == (1, ["Response ID", "Score"])


def test_blank_lines_are_skipped_and_lines_keep_their_numbers() -> None:
    assert [line for line, _ in _rows(b"a,b\n\n1,2\n")] == [1, 3]


def test_named_sheet_of_a_workbook() -> None:
    book = openpyxl.Workbook()
    book.active.append(["ignored"])
    book.create_sheet("Responses").append(["Score", "Created At"])
    book["Responses"].append([9.0, datetime(2026, 10, 1, 9, 30)])
    out = io.BytesIO()
    book.save(out)
    assert _rows(out.getvalue(), "Responses") == [(1, ["Score", "Created At"]), (2, ["9", "2026-10-01 09:30:00"])]


def test_excel_cells_read_as_an_export_writes_them() -> None:
    assert [cell_text(v) for v in (None, 9.0, 9.5, date(2026, 10, 1), datetime(2026, 10, 1))] == [
        "", "9", "9.5", "2026-10-01", "2026-10-01"]  # fmt: skip


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("export.csv", "a,b\n")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "the file is empty"),
        (b"  \r\n", "the file is empty"),
        (_zip(), "a ZIP archive but not an Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "an old Excel workbook (.xls)"),
        ("a,b\n".encode("utf-16"), "UTF-16 text"),
        (b"\x00\x01\x02binary", "binary"),
    ],
)
def test_files_that_are_not_csv_or_xlsx_get_a_sentence(data: bytes, says: str) -> None:
    with pytest.raises(SourceError) as caught:
        _rows(data)
    assert says in str(caught.value)


def test_a_workbook_without_the_named_sheet_lists_its_sheets() -> None:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    with pytest.raises(SourceError) as caught:
        _rows(out.getvalue(), "Responses")
    assert "no sheet named 'Responses'; its sheets are Sheet" in str(caught.value)


def test_windows_text_is_refused_at_its_line() -> None:
    with pytest.raises(SourceError) as caught:
        _rows("Region\nMünchen\n".encode("cp1252"))
    assert str(caught.value).startswith("line 2 is not UTF-8 text")
