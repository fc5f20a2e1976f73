"""Importing survey-platform exports through profiles: stored rows, refusals and the export's own line numbers."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime

import openpyxl
import pytest
from sqlalchemy.engine import Engine

from cxdash.ingest.report import ImportReport
from cxdash.ingest.responses import READ_SHARE
from cxdash.sources import import_source
from tests.ingest.helpers import snapshot
from tests.sources.helpers import EXAMPLES, TODAY, load_reference, preset_profile, stored


@pytest.fixture
def reference(engine: Engine) -> Engine:
    load_reference(engine)
    return engine


def _example(preset: str) -> bytes:
    return (EXAMPLES / f"{preset}.csv").read_bytes()


def _import(engine: Engine, preset: str, data: bytes | None = None) -> ImportReport:
    data = _example(preset) if data is None else data
    return import_source(engine, data, preset_profile(preset, _example(preset)), today=TODAY)


def test_qualtrics_three_header_rows_and_choice_text_scores_load_as_numbers(reference: Engine) -> None:
    report = _import(reference, "qualtrics")
    assert report.ok, report.problems
    assert stored(reference) == [
        ("R_1a2B3c4D5e6F7g8", "C-1001", "DACH", "PHONE", "email", date(2026, 10, 1), 10, 5, None,
         "Fast and friendly, thank you."),
        ("R_2b3C4d5E6f7G8h9", "C-1002", "DACH", "WEB", "email", date(2026, 10, 2), 9, 4, None, None),
        ("R_3c4D5e6F7g8H9i0", "C-1003", "DACH", "PHONE", "email", date(2026, 10, 3), 6, 2, None,
         "Waited 40 minutes,\nthen got cut off."),
        ("R_4d5E6f7G8h9I0j1", "C-1004", "FR", "WEB", "email", date(2026, 10, 5), 0, 1, None, "Never again."),
        ("R_5e6F7g8H9i0J1k2", "C-1005", "DACH", "WEB", "email", date(2026, 10, 7), 8, None, None, None),
    ]  # fmt: skip


def test_surveymonkey_two_header_rows_and_us_dates(reference: Engine) -> None:
    assert _import(reference, "surveymonkey").ok
    rows = stored(reference)
    # The third response ended after midnight: the End Date (10/04/2026 12:02:10 AM) is its day.
    assert [(r[0], r[2], r[3], r[4], r[5], r[6]) for r in rows] == [
        ("118231234501", "DACH", "WEB", "surveymonkey", date(2026, 10, 1), 10),
        ("118231234502", "DACH", "PHONE", "surveymonkey", date(2026, 10, 2), 7),
        ("118231234503", "FR", "PHONE", "surveymonkey", date(2026, 10, 4), 3),
    ]
    assert rows[0][1] == "118231234501"  # no customer column: the response key stands in


def test_typeform_question_text_header(reference: Engine) -> None:
    assert _import(reference, "typeform").ok
    assert [(r[0], r[1], r[2], r[5], r[6], r[9]) for r in stored(reference)] == [
        ("k3p9x2m1q8w7e6r5", "C-3001", "DACH", date(2026, 10, 4), 9, "Great onboarding call."),
        ("m7n6b5v4c3x2z1l0", "C-3002", "DACH", date(2026, 10, 6), 5, "Too many steps to get started."),
        ("q1w2e3r4t5y6u7i8", "C-3003", "FR", date(2026, 10, 8), 10, None),
    ]


def test_delighted_score_comment_and_person_properties(reference: Engine) -> None:
    assert _import(reference, "delighted").ok
    assert [(r[0], r[1], r[2], r[3], r[5], r[6], r[9]) for r in stored(reference)] == [
        ("41001", "9001", "DACH", "WEB", date(2026, 10, 9), 10, "Love the new app."),
        ("41002", "9002", "DACH", "PHONE", date(2026, 10, 10), 4, "Billing is confusing."),
        ("41003", "9003", "FR", "WEB", date(2026, 10, 11), 8, None),
    ]


def test_semicolon_file_with_byte_order_mark_loads_the_same_rows(reference: Engine) -> None:
    text = _example("delighted").decode().replace(",", ";")
    assert _import(reference, "delighted", b"\xef\xbb\xbf" + text.encode()).ok
    assert [r[0] for r in stored(reference)] == ["41001", "41002", "41003"]


def test_xlsx_first_sheet_loads_like_the_csv(reference: Engine) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["#", "How likely are you to recommend Acme to a friend or colleague?",
                  "What is the main reason for your score?", "region", "touchpoint", "customer_id",
                  "Start Date (UTC)", "Submitted At", "Network ID"])  # fmt: skip
    sheet.append(["k3p9x2m1q8w7e6r5", 9, "Great onboarding call.", "Germany", "Website", "C-3001",
                  datetime(2026, 10, 4, 10, 0, 1), datetime(2026, 10, 4, 10, 1, 30), "a1b2c3d4e5"])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    assert _import(reference, "typeform", out.getvalue()).ok
    assert stored(reference) == [
        ("k3p9x2m1q8w7e6r5", "C-3001", "DACH", "WEB", "typeform", date(2026, 10, 4), 9, None, None,
         "Great onboarding call."),
    ]  # fmt: skip


def test_unmapped_regions_are_listed_with_row_counts_and_nothing_loads(reference: Engine) -> None:
    profile = preset_profile("qualtrics", _example("qualtrics"))
    before = snapshot(reference)
    report = import_source(reference, _example("qualtrics"), replace(profile, regions={}), today=TODAY)
    assert not report.ok
    listed = {(p.value, p.line, p.reason.split(" row")[0]) for p in report.problems}
    assert listed == {("Germany", 4, "2"), ("Austria", 5, "1"), ("Switzerland", 6, "1")}
    assert snapshot(reference) == before


def test_problems_carry_the_export_line_after_a_comment_spanning_two_lines(reference: Engine) -> None:
    # Line 9 of the export (after three header rows and a two-line comment) holds a score of 11.
    data = _example("qualtrics").replace(b"EN,8,Passive", b"EN,11,Passive")
    report = _import(reference, "qualtrics", data)
    assert [(p.line, p.column, p.value) for p in report.problems] == [(9, "nps", "11")]


def test_a_date_in_another_format_is_reported_at_its_line_with_the_profile_format(reference: Engine) -> None:
    data = _example("surveymonkey").replace(b"10/02/2026 01:17:02 PM", b"2026-10-02 13:17:02")
    report = _import(reference, "surveymonkey", data)
    assert [(p.line, p.column) for p in report.problems] == [(4, "End Date")]
    assert "%m/%d/%Y %I:%M:%S %p" in report.problems[0].reason
    assert stored(reference) == []


def test_importing_the_same_export_twice_changes_nothing(reference: Engine) -> None:
    assert _import(reference, "typeform").inserted == 3
    again = _import(reference, "typeform")
    assert (again.ok, again.inserted, again.skipped) == (True, 0, 3)


def test_progress_moves_forward_to_the_end(reference: Engine) -> None:
    seen: list[float] = []
    data = _example("typeform")
    import_source(reference, data, preset_profile("typeform", data), today=TODAY, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and READ_SHARE in seen  # read, mapped, checked and staged
