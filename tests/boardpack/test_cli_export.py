"""python -m cxdash export board-pack: the deck on a schedule, and a clear refusal that writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader
from typer.testing import CliRunner, Result

from cxdash.__main__ import app


def _export(url: str, *args: str) -> Result:
    return CliRunner().invoke(app, ["export", "board-pack", *args], env={"DATABASE_URL": url})


def test_the_whole_deck_as_pptx(sample_url: str, tmp_path: Path) -> None:
    out = tmp_path / "board.pptx"
    result = _export(sample_url, "--month", "2026-10", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"Wrote {out} (10 slides, October 2026" in result.output
    titles = [slide.shapes.title.text for slide in Presentation(str(out)).slides]
    assert titles[0] == "Customer experience: board pack" and titles[1].startswith("DACH: NPS fell 19.9")
    assert len(titles) == 10


def test_chosen_sections_of_the_latest_month_as_pdf(sample_url: str, tmp_path: Path) -> None:
    out = tmp_path / "board.PDF"
    result = _export(sample_url, "--out", str(out), "--sections", "regions", "--sections", "overview")
    assert result.exit_code == 0, result.output
    pages = [page.extract_text() for page in PdfReader(str(out)).pages]
    assert len(pages) == 3
    assert "October 2026" in pages[0]
    assert "KPI SCORECARD" in pages[1] and "REGIONS" in pages[2]


def test_the_governance_window_is_a_choice(sample_url: str, tmp_path: Path) -> None:
    out = tmp_path / "board.pdf"
    args = ["--sections", "governance", "--governance-from", "2026-04", "--month", "2026-10", "--out", str(out)]
    result = _export(sample_url, *args)
    assert result.exit_code == 0, result.output
    assert "APRIL 2026 – OCTOBER 2026" in " ".join(PdfReader(str(out)).pages[1].extract_text().split())


def test_a_governance_window_that_starts_after_the_month_is_refused(sample_url: str, tmp_path: Path) -> None:
    args = ["--governance-from", "2026-11", "--month", "2026-10", "--out", str(tmp_path / "b.pdf")]
    result = _export(sample_url, *args)
    assert result.exit_code == 2
    assert "The governance window must start on or before 2026-10" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2026-13"], "Give the month as YYYY-MM, for example 2026-10 (got '2026-13')."),
        (["--month", "October"], "Give the month as YYYY-MM"),
        (["--month", "2020-01"], "There is no survey data for January 2020; choose a month from 2024-11 to 2026-10."),
        (["--sections", "overview,finance"], "Unknown section(s) finance; choose from attention, overview, regions"),
    ],
)
def test_bad_choices_are_refused_with_a_sentence_and_write_nothing(
    sample_url: str, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "board.pptx"
    result = _export(sample_url, "--out", str(out), *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("board.docx", "Name the output file .pptx or .pdf (got 'board.docx')."),
        ("board", "Name the output file .pptx or .pdf (got 'board')."),
        ("missing/board.pdf", "does not exist; create it or choose another --out."),
    ],
)
def test_an_output_file_it_cannot_write_is_refused_before_any_work(tmp_path: Path, name: str, message: str) -> None:
    # The database is never opened: the file name is checked first, so even a broken URL gives this message.
    result = _export("sqlite:////nonexistent/folder/cxdash.db", "--out", str(tmp_path / name))
    assert result.exit_code == 2 and message in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_unreachable_database_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    result = _export("sqlite:////nonexistent/folder/cxdash.db", "--out", str(tmp_path / "board.pptx"))
    assert result.exit_code == 1
    assert "cxdash cannot reach its database; check DATABASE_URL" in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_empty_database_says_how_to_load_data(tmp_path: Path) -> None:
    result = _export(f"sqlite:///{tmp_path / 'empty.db'}", "--out", str(tmp_path / "board.pdf"))
    assert result.exit_code == 2 and "python -m cxdash load sample_data" in result.output
    assert not (tmp_path / "board.pdf").exists()


def test_the_commands_section_list_is_the_decks() -> None:
    from cxdash.boardpack.sections import SECTIONS
    from cxdash.cli_export import SECTION_KEYS

    assert tuple(SECTIONS) == SECTION_KEYS
