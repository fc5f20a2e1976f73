"""The fast reader's pieces: the quoting counted with numpy declines and cuts exactly where checking each quoted
field in Python (the reader's former way, kept here as the reference) declined and cut."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from cxdash.ingest import arrowcsv
from cxdash.ingest.arrowcsv import Declined

_QUOTED = re.compile(rb'"[^"]*(?:""[^"]*)*"')
_FIELD_START, _FIELD_END = (b",", b"\r", b"\n"), (b",", b"\r", b"\n", b"")


def _line_end(data: bytes, start: int, stop: int) -> int:
    return data.rfind(b"\n", start, stop) + 1 or data.rfind(b"\r", start, stop) + 1


def _pieces_field_by_field(raw: io.BytesIO, block: int) -> Iterator[bytes]:
    """The pieces as the reader cut them when it checked each quoted field with a regular expression."""
    carry, before, most = b"", b"\n", block // arrowcsv.BYTES_PER_QUOTED_FIELD
    while True:
        read = raw.read(block)
        data, last = carry + read if carry else read, not read
        pos, fields, unclosed, cut = 0, 0, len(data), 0
        while (i := data.find(b'"', pos)) != -1:
            if (data[i - 1 : i] if i else before) not in _FIELD_START or fields > most:
                raise Declined
            field = _QUOTED.match(data, i)
            if field is None or (not last and data[field.end() : field.end() + 1] in (b"", b'"')):
                if last:
                    raise Declined
                unclosed = i
                break
            if data[field.end() : field.end() + 1] not in _FIELD_END:
                raise Declined
            cut = _line_end(data, pos, i) or cut
            pos, fields = field.end(), fields + 1
        if last:
            if re.search(rb"[^\r\n]", data):
                yield data
            return
        cut = _line_end(data, pos, unclosed) or cut
        if not cut and len(data) > arrowcsv.LONGEST_FIELD:
            raise Declined
        if cut and re.search(rb"[^\r\n]", data[:cut]):
            yield data[:cut]
        carry, before = data[cut:], data[cut - 1 : cut] or before


def _cut(read: Iterator[bytes]) -> list[bytes] | None:
    try:
        return [bytes(piece) for piece in read]
    except Declined:
        return None


def _same(data: bytes, block: int) -> list[bytes] | None:
    expected = _cut(_pieces_field_by_field(io.BytesIO(data), block))
    assert _cut(arrowcsv._pieces(io.BytesIO(data), block)) == expected
    return expected


TOKENS = [b"a", b",", b'"', b'""', b"\r", b"\n", b"\r\n"]


@settings(max_examples=4_000, deadline=None)
@given(
    data=st.lists(st.sampled_from(TOKENS), max_size=60),
    block=st.integers(min_value=1, max_value=40),
    per_field=st.sampled_from([1, 3, 64]),
)
def test_random_quoting_is_cut_and_declined_as_field_by_field(data: list[bytes], block: int, per_field: int) -> None:
    """Pieces of a few bytes to more than the file, allowing a quoted field per byte to one per 64 bytes."""
    with mock.patch.object(arrowcsv, "BYTES_PER_QUOTED_FIELD", per_field):
        _same(b"".join(data), block)


def test_records_with_quoted_fields_are_cut_after_whole_records() -> None:
    rows = b"".join(b'K%d,"Said ""x%d"", then\r\nleft",' % (i, i) + b"C" * 100 + b"\r\n" for i in range(60))
    for block in range(150, 700, 7):
        pieces = _same(rows, block)
        assert pieces is not None and b"".join(pieces).replace(b"\n", b"") == rows.replace(b"\n", b"")


def test_a_file_quoting_more_fields_than_its_pieces_allow_is_declined() -> None:
    rows = b"".join(b'"K%d","x"\n' % i for i in range(1_000))
    assert _same(rows, 64 * 8) is None
    with mock.patch.object(arrowcsv, "BYTES_PER_QUOTED_FIELD", 4):
        assert _cut(arrowcsv._pieces(io.BytesIO(rows), 64 * 8)) is not None
