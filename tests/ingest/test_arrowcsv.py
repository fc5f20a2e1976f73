"""The fast reader reads a file exactly as the exact reader does, or declines it; the file then goes the exact way."""

from __future__ import annotations

import io
import sys
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxdash import ingest
from cxdash.export import FORMULA_STARTS, restore
from cxdash.ingest import arrowcsv, columns
from cxdash.ingest.bulk import VALUES
from cxdash.ingest.report import ImportReport
from cxdash.ingest.responses import _records
from cxdash.ingest.rules import Lookups
from tests.ingest.helpers import RESPONSE_HEADER, TODAY
from tests.ingest.test_properties import csv_files

FMT = ingest.FORMATS["responses"]
LOOKUPS = Lookups(regions={"NORTH": 1, "SOUTH": 2}, touchpoints={"WEB": 1, "PHONE": 2})
ROW = "R1,C1,NORTH,WEB,web,2026-10-01,9,,,"


class _Days:
    """The staging writer's day format on SQLite: ISO text, as the fast reader gives days."""

    def day(self, value: Any) -> Any:
        return value.isoformat()


def _fast(data: bytes) -> tuple[list[tuple[Any, ...]], int] | None:
    """The rows the fast reader gives and the rows it counted, or None when it declines the file."""
    report = ImportReport("responses", "f.csv")
    try:
        tables = list(arrowcsv.read_tables(io.BytesIO(data), FMT, LOOKUPS, TODAY, report, VALUES))
    except arrowcsv.Declined:
        return None
    return [row for t in tables for row in zip(*(c.to_pylist() for c in t.columns), strict=True)], report.rows_read


def _exact(data: bytes) -> tuple[list[tuple[Any, ...]], ImportReport]:
    report = ImportReport("responses", "f.csv")
    batches = columns.read_batches(io.BytesIO(data), FMT, report, LOOKUPS, TODAY)
    return [row[1:] for row in _records(batches, LOOKUPS, _Days())], report  # type: ignore[arg-type]


def _agrees(data: bytes) -> bool:
    fast = _fast(data)
    if fast is None:
        return True
    rows, report = _exact(data)
    assert report.ok, report.problems
    assert fast == (rows, report.rows_read)
    return True


def test_it_restores_a_neutralised_cell_as_export_restore_does() -> None:
    texts = ["'great'", "'", "''=x", "x'=1", "it's", *(f"'{c}1" for c in FORMULA_STARTS), *FORMULA_STARTS]
    assert arrowcsv.restored(pa.array(texts)).to_pylist() == [restore(t) for t in texts]
    assert arrowcsv.restored(pa.array(["'=1"])).to_pylist() == ["=1"]


def test_the_spaces_it_strips_are_those_str_strip_removes() -> None:
    assert {chr(c) for c in arrowcsv.SPACE_CODES} == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}


@pytest.mark.parametrize(
    "text",
    [
        RESPONSE_HEADER + 'R1,C1,NORTH,WEB,web,2026-10-01,9,,,"abc"def\n',  # text after a closing quote
        RESPONSE_HEADER + 'R1,C1,NORTH,WEB,web,2026-10-01,9,,,"ab"c"\n',
        RESPONSE_HEADER + 'R1,C1,NORTH,WEB,web,2026-10-01,9,,,"abc\n',  # a quote never closed
        RESPONSE_HEADER + 'R1,C1,NORTH,WEB,web,2026-10-01,9,,,ab"c\n',  # a quote inside an unquoted cell
        (RESPONSE_HEADER + ROW + "\n").replace("\n", "\r"),  # lines ended by CR alone
        RESPONSE_HEADER + ",,,,,,,,,\n" + ROW + "\n",  # a row of empty cells, skipped by the exact reader
        RESPONSE_HEADER,
        "\n" + RESPONSE_HEADER + ROW + "\n",  # an empty first line is an empty header to the exact reader
        '"response_key",customer_key,region,touchpoint,channel,responded_on,nps,csat,ces,comment\n' + ROW + "\n",
        RESPONSE_HEADER + ROW + "\n" + ROW + "\n",
    ],
)
def test_files_it_cannot_vouch_for_are_declined_or_read_alike(text: str) -> None:
    assert _agrees(text.encode())


@pytest.mark.parametrize(
    "text",
    [
        "\ufeff" + RESPONSE_HEADER + ROW + "\n",
        (RESPONSE_HEADER + ROW + "\n").replace("\n", "\r\n"),
        RESPONSE_HEADER + "\n\r\n" + ROW + "\n\n",
        RESPONSE_HEADER + " R1 , C1,NORTH ,WEB, web,2026-10-01 , 9,+5,07, x \n",
        RESPONSE_HEADER + "R1\u3000,C1,NORTH,WEB,web,2026-10-01,9,,,\u00a0x\x1f\n",
        RESPONSE_HEADER + 'R1,C1,NORTH,WEB,web,2026-10-01,9,"",,"a ""quoted"",\r\nmulti-line\n"\n',
        "NPS,Response_Key,customer_key,region,touchpoint,channel,responded_on\n9,R1,C1,NORTH,WEB,web,2026-10-01\n",
        RESPONSE_HEADER + "R1,'=C1,NORTH,WEB,web,2026-10-01,9,,, '@x\nR2,C2,NORTH,WEB,web,2026-10-01,9,,,'great'\n",
    ],
)
def test_plain_files_are_read_fast_and_alike(text: str) -> None:
    assert _fast(text.encode()) is not None
    assert _agrees(text.encode())


CELLS = st.text(alphabet=st.sampled_from(list('aZ9 ,"\r\n\t')), max_size=5)


@settings(max_examples=300, deadline=None)
@given(data=csv_files(FMT))
def test_random_files_are_declined_or_read_exactly_as_the_exact_reader_reads_them(data: bytes) -> None:
    assert _agrees(data)


@settings(max_examples=300, deadline=None)
@given(comments=st.lists(CELLS, min_size=1, max_size=4), quoted=st.lists(st.booleans(), min_size=4, max_size=4))
def test_hand_quoted_comments_are_declined_or_read_alike(comments: list[str], quoted: list[bool]) -> None:
    """Comments written without a CSV writer: stray, doubled and unclosed quotes, line breaks, commas."""
    rows = [
        f"K{i},C1,NORTH,WEB,web,2026-10-01,9,,,{chr(34) + text + chr(34) if wrap else text}"
        for i, (text, wrap) in enumerate(zip(comments, quoted, strict=False))
    ]
    assert _agrees((RESPONSE_HEADER + "\n".join(rows) + "\n").encode())


def test_big_files_are_read_in_blocks_with_progress_between() -> None:
    rows = "".join(f"K{i},C1,NORTH,WEB,web,2026-10-01,{i % 11},,,\n" for i in range(40_000))
    data = (RESPONSE_HEADER + rows).encode()
    raw, ticks = io.BytesIO(data), []
    report = ImportReport("responses", "f.csv")
    tables = arrowcsv.read_tables(raw, FMT, LOOKUPS, TODAY, report, VALUES, lambda: ticks.append(raw.tell()), len(data))
    assert sum(t.num_rows for t in tables) == report.rows_read == 40_000
    assert len(ticks) == 4 and ticks[0] < len(data) // 2


def test_quoted_cells_in_the_middle_of_records_are_cut_between_records_wherever_a_piece_ends() -> None:
    """A quoted cell (doubled quotes, a comma, a line break) before the record's last cell: each piece ends at a
    record's end, whatever the piece size, and nothing is declined."""
    pad = "C" * 100  # a quoted cell per 64 bytes or fewer: more are left to the exact reader
    rows = "".join(f'K{i},"Said ""x{i}"", then\r\nleft",{pad},NORTH\r\n' for i in range(40)).encode()
    for block in range(200, 500):
        pieces = [bytes(piece) for piece in arrowcsv._pieces(io.BytesIO(rows), block)]
        # A piece may end between CR and LF; the next one then starts with the LF (an empty line to pyarrow), or
        # is left out when the LF is all it holds.
        assert b"".join(pieces).replace(b"\n", b"") == rows.replace(b"\n", b"")
        assert all(p.lstrip(b"\n").startswith(b"K") and p.endswith((b"NORTH\r\n", b"NORTH\r")) for p in pieces)


def test_a_file_with_a_quoted_cell_mid_record_is_read_fast_and_alike() -> None:
    header = "response_key,comment,customer_key,region,touchpoint,channel,responded_on,nps,csat,ces\n"
    customer = "C" * 40  # a quoted cell per 64 bytes or fewer: more are left to the exact reader
    rows = "".join(f'K{i},"Said ""x{i}"", then\nleft",{customer},NORTH,WEB,web,2026-10-01,9,,\n' for i in range(5_000))
    assert _fast((header + rows).encode()) is not None
    assert _agrees((header + rows).encode())


@pytest.mark.parametrize(
    ("comment", "fast"),
    [
        ("Très bien 谢谢".encode(), True),
        (b"caf\xe9", False),  # Latin-1
        (b"\xed\xa0\x80", False),  # a surrogate, which Python's strict decoder refuses
        (b"\xf0\x9f\x98", False),  # a character cut short
    ],
)
def test_a_piece_is_read_as_text_only_when_it_is_utf8_as_the_exact_reader_decodes_it(
    comment: bytes, fast: bool
) -> None:
    rows = b"".join(
        b"K%d,C1,NORTH,WEB,web,2026-10-01,9,,,%s\n" % (i, comment if i == 2_500 else b"x") for i in range(3_000)
    )
    data = RESPONSE_HEADER.encode() + rows
    assert (_fast(data) is not None) == fast
    if fast:
        assert _agrees(data)
    else:
        assert not _exact(data)[1].ok
