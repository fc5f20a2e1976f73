"""A CSV export read the fast way (pyarrow, whole columns) stores exactly what the exact way stores, with the same
report; an export it cannot vouch for is read again the exact way, so its report is unchanged and nothing loads."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from cxdash import db
from cxdash.ingest.report import ImportReport
from cxdash.models import Region, ResponseRollup, Touchpoint
from cxdash.sources import Profile, import_source
from tests.ingest.helpers import record_paths, snapshot
from tests.sources.helpers import EXAMPLES, TODAY, load_reference, preset_profile, stored

PRESETS = ("qualtrics", "surveymonkey", "typeform", "delighted")
QUALTRICS = (EXAMPLES / "qualtrics.csv").read_bytes()
LAST = b"R_5e6F7g8H9i0J1k2"  # the key of the example's last row


def _rollups(engine: Engine) -> list[tuple[Any, ...]]:
    r = ResponseRollup
    query = (
        select(r.month, Region.code, Touchpoint.code, r.n, r.promoters, r.passives, r.detractors, r.csat_n,
               r.csat_top2, r.ces_n, r.ces_sum, r.ces_sumsq)
        .join(Region, Region.id == r.region_id)  # type: ignore[arg-type]
        .join(Touchpoint, Touchpoint.id == r.touchpoint_id)  # type: ignore[arg-type]
        .where(r.n > 0)
    )  # fmt: skip
    with engine.connect() as conn:
        return sorted(tuple(row) for row in conn.execute(query))


def _outcome(report: ImportReport, engine: Engine) -> tuple[Any, ...]:
    """What an import reported and what the database holds after it (ids aside)."""
    problems = [(p.line, p.column, p.value, p.reason) for p in report.problems]
    counts = (report.ok, report.rows_read, report.inserted, report.updated, report.skipped)
    return counts, problems, stored(engine), _rollups(engine)


@dataclass(frozen=True)
class Case:
    data: bytes
    profile: Profile
    mode: str = "skip"
    stored_first: bytes = b""  # an export imported before (its keys are then stored)


def _run(engine: Engine, case: Case, source: Callable[[bytes], Any]) -> tuple[ImportReport, dict[str, Any]]:
    """Start from the reference alone (and the export stored first), import the case; the report and the tables
    before the import."""
    db.truncate_all(engine)
    load_reference(engine)
    if case.stored_first:
        assert import_source(engine, io.BytesIO(case.stored_first), case.profile, today=TODAY).ok
    before = snapshot(engine)
    return import_source(engine, source(case.data), case.profile, mode=case.mode, today=TODAY), before


def _both_ways(engine: Engine, case: Case, monkeypatch: pytest.MonkeyPatch) -> tuple[str, ImportReport, bool]:
    """Import the case as bytes (the fast way may run) and as a stream (always the exact way); both must report
    and store the same. Returns the path the bytes took, their report, and whether they left the tables as they
    were."""
    paths = record_paths(monkeypatch)
    fast, before = _run(engine, case, bytes)
    unchanged = snapshot(engine) == before
    fast_outcome, path = _outcome(fast, engine), "".join(paths)  # no path: the exact reader stopped at the header
    paths.clear()
    exact, _ = _run(engine, case, io.BytesIO)
    assert not "".join(paths).startswith("direct")
    assert fast_outcome == _outcome(exact, engine)
    return path, fast, unchanged


def _long(rows: int, bad: int) -> bytes:
    """The Qualtrics example's header and ``rows`` copies of its last row under new keys; a byte that is not UTF-8
    in an unmapped cell of row ``bad``."""
    head, row = (
        QUALTRICS[: QUALTRICS.index(b"2026-10-07 09:10:03")],
        QUALTRICS[QUALTRICS.index(b"2026-10-07 09:10:03") :],
    )
    body = [
        row.replace(LAST, b"R_%015d" % i).replace(b"True", b"Tru\xe9" if i == bad else b"True") for i in range(rows)
    ]
    return head + b"".join(body)


def _qualtrics(data: bytes = QUALTRICS, **changes: Any) -> Case:
    profile = preset_profile("qualtrics", QUALTRICS)
    return Case(data, replace(profile, **changes.pop("profile", {})), **changes)


@pytest.fixture
def reference(engine: Engine) -> Engine:
    load_reference(engine)
    return engine


@pytest.mark.parametrize("preset", PRESETS)
def test_each_example_goes_the_fast_way_and_stores_what_the_exact_way_stores(
    reference: Engine, preset: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    data = (EXAMPLES / f"{preset}.csv").read_bytes()
    with caplog.at_level(logging.INFO, logger="cxdash"):
        path, report, _ = _both_ways(reference, Case(data, preset_profile(preset, data)), monkeypatch)
    assert path.startswith("direct") and report.ok and report.inserted == report.rows_read > 0
    assert f"survey export import: {report.rows_read:,} rows direct" in caplog.text


# Each export the fast way declines, with what the exact way reports about it (its first problem's reason).
DECLINED = {
    "unmapped region": (_qualtrics(profile={"regions": {}}), "2 row(s) have this region"),
    "score out of range": (_qualtrics(QUALTRICS.replace(b"EN,8,Passive", b"EN,11,Passive")), "must be between"),
    "score that is no number": (_qualtrics(QUALTRICS.replace(b"EN,8,Passive", b"EN,eight,Passive")), "is not a score"),
    "date in the future": (_qualtrics(QUALTRICS.replace(b"2026-10-07 09:12:42", b"2027-10-07 09:12:42")),
                           "is in the future"),
    "date that is no date": (_qualtrics(QUALTRICS.replace(b"2026-10-07 09:12:42", b"07.10.2026")), "is not a date"),
    "key twice in the file": (_qualtrics(QUALTRICS.replace(b"R_4d5E6f7G8h9I0j1", LAST)), "duplicate key"),
    "row with a field too many": (_qualtrics(QUALTRICS.replace(b"Germany,Website", b"Germany,Website,x")),
                                  "has 24 fields"),
    "row with a field too few": (_qualtrics(QUALTRICS.replace(b"France,Website", b"France")), "has 22 fields"),
    "quote inside a field": (_qualtrics(QUALTRICS.replace(b"Never again.", b'Never "again"')), ""),
    "unclosed quote": (_qualtrics(QUALTRICS.replace(b",Never again.", b',"Never again.')), "cannot be read as CSV"),
    "text that is not UTF-8": (_qualtrics(_long(6_000, bad=5_500)), "is not UTF-8"),
    "text that is not UTF-8 in the header's block": (
        _qualtrics(QUALTRICS.replace(b",,,C-1004", b",Jos\xe9,,C-1004")), "is not UTF-8"),
    "semicolons and a byte order mark": (
        _qualtrics(b"\xef\xbb\xbf" + QUALTRICS.replace(b",", b";").replace(b'""', b"'")), ""),
}  # fmt: skip


@pytest.mark.parametrize("name", DECLINED)
def test_an_export_the_fast_way_declines_gets_the_exact_report(
    reference: Engine, name: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    case, reason = DECLINED[name]
    with caplog.at_level(logging.INFO, logger="cxdash"):
        path, report, unchanged = _both_ways(reference, case, monkeypatch)
    assert not path.startswith("direct")
    tried = name not in ("semicolons and a byte order mark", "text that is not UTF-8 in the header's block")
    assert ("survey export import: the file" in caplog.text) == tried  # the fast way tried it, then declined
    assert reason in (report.problems[0].reason if report.problems else "")
    assert unchanged == (not report.ok)  # nothing loads on any problem


def test_a_byte_order_mark_crlf_line_ends_and_a_comment_spanning_lines_go_the_fast_way(
    reference: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    crlf = QUALTRICS.replace(b"Never again.", b'"Never,\r\nagain."').replace(b"\n", b"\r\n").replace(b"\r\r", b"\r")
    data = b"\xef\xbb\xbf" + crlf
    path, report, _ = _both_ways(reference, _qualtrics(data), monkeypatch)
    assert path.startswith("direct") and report.ok
    assert ("R_4d5E6f7G8h9I0j1", "Never,\r\nagain.") in [(r[0], r[9]) for r in stored(reference)]


@pytest.mark.parametrize("mode", ["skip", "update"])
def test_keys_already_stored_send_the_export_the_exact_way(
    reference: Engine, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = QUALTRICS[: QUALTRICS.index(b"2026-10-05 09:10:03")]  # the header rows and the first three responses
    changed = QUALTRICS.replace(b"EN,9,Promoter", b"EN,10,Promoter")
    path, report, _ = _both_ways(reference, _qualtrics(changed, mode=mode, stored_first=first), monkeypatch)
    assert path.startswith("staged") and report.ok
    assert (report.inserted, report.updated) == ((2, 1) if mode == "update" else (2, 0))


def test_an_apostrophe_before_a_formula_is_dropped_alike_the_fast_and_the_exact_way(
    reference: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A comment as a CSV export neutralised it reads back as written; an apostrophe a customer typed stays."""
    data = QUALTRICS.replace(b'"Fast and friendly, thank you."', b"'=1+1").replace(b"Never again.", b"'great'")
    path, report, _ = _both_ways(reference, _qualtrics(data), monkeypatch)
    assert path.startswith("direct") and report.ok
    comments = {row[0]: row[9] for row in stored(reference)}
    assert (comments["R_1a2B3c4D5e6F7g8"], comments["R_4d5E6f7G8h9I0j1"]) == ("=1+1", "'great'")


def test_cells_with_space_around_them_are_read_alike_the_fast_and_the_exact_way(
    reference: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mapped cell with space around it and the same cell without: each distinct text is stripped before it is
    converted, so both rows get the same region, touchpoint, score and day."""
    spaced = QUALTRICS.replace(b",Germany,Website", b", Germany ,\tWebsite").replace(b"EN,8,Passive", b"EN, 8 ,Passive")
    data = spaced.replace(b"2026-10-07 09:12:42", b" 2026-10-07 09:12:42 ")
    path, report, _ = _both_ways(reference, _qualtrics(data), monkeypatch)
    assert path.startswith("direct") and report.ok
    last = {row[0]: row for row in stored(reference)}[LAST.decode()]
    assert last[2:7] == ("DACH", "WEB", "email", date(2026, 10, 7), 8)


MONKEY = (EXAMPLES / "surveymonkey.csv").read_bytes()
MONKEY_ROW = MONKEY.splitlines(keepends=True)[2]  # its first response, ended 10/01/2026 09:01:12 AM


def _timestamps(rows: int, **cells: bytes) -> bytes:
    """The SurveyMonkey example's header and ``rows`` copies of its first response, each under its own key and
    ended at its own second; ``cells`` puts another End Date in the row of that number ("r7": row 7)."""
    head = b"".join(MONKEY.splitlines(keepends=True)[:2])
    ends = [b"10/%02d/2026 09:%02d:%02d AM" % (1 + i % 9, i // 60, i % 60) for i in range(rows)]
    body = [
        MONKEY_ROW.replace(b"118231234501", b"9%011d" % i).replace(b"10/01/2026 09:01:12 AM", cells.get(f"r{i}", end))
        for i, end in enumerate(ends)
    ]
    return head + b"".join(body)


@pytest.mark.parametrize(
    ("end", "direct"),
    [
        (b"10/01/2026 09:01:12 AM", True),
        (b"1/2/2026 9:01:12 pm", True),  # Python reads it; pyarrow's reading of it is not relied on
        (b"02/30/2026 09:01:12 AM", False),  # no such day (pyarrow alone would read Mar 2)
        (b"10/01/2026 13:01:12 AM", False),
        (b"10/01/2026 09:01:60 AM", False),
        (b"10/01/0000 09:01:12 AM", False),
        (b"2026-10-01 09:01:12", False),
    ],
)
def test_timestamps_past_the_memo_go_the_fast_way_and_a_bad_one_gets_the_exact_report(
    reference: Engine, end: bytes, direct: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More distinct timestamps than the memo holds stay on the fast way; any cell Python cannot read as a date
    sends the export the exact way, whose report (and the tables it leaves) the fast way does not change."""
    monkeypatch.setattr("cxdash.sources.mapping.MEMO_LIMIT", 50)
    data = _timestamps(300, r250=end)
    path, report, unchanged = _both_ways(reference, Case(data, preset_profile("surveymonkey", MONKEY)), monkeypatch)
    assert path.startswith("direct") == direct == report.ok
    if not direct:
        assert [(p.line, p.value) for p in report.problems] == [(253, end.decode())] and unchanged
        assert "is not a date in the profile's format %m/%d/%Y %I:%M:%S %p" in report.problems[0].reason
