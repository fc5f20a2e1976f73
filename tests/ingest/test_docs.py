"""The CSV formats are documented from one source: docs, templates and command-line help agree with it."""

from __future__ import annotations

import csv
import io
from datetime import date

from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from cxdash import ingest
from cxdash.__main__ import app
from cxdash.ingest import docs


def test_the_formats_document_is_current() -> None:
    assert docs.DOC_PATH.read_text(encoding="utf-8") == docs.formats_markdown(), (
        'docs/csv-formats.md is stale: run python -c "from cxdash.ingest.docs import write_docs; write_docs()"'
    )


def test_every_column_is_documented_with_its_limits() -> None:
    text = docs.formats_markdown()
    for fmt in ingest.FORMATS.values():
        assert f"`{fmt.file_name}`" in text
        for column in fmt.columns:
            assert f"| `{column.name}` | {'yes' if column.required else 'no'} | {docs.constraints(column)}" in text
    assert "one of Awareness, Purchase, Onboarding, Usage, Support, Renewal" in text
    assert "0 to 10" in text and "not in the future" in text


def test_a_template_is_the_exact_header_with_a_byte_order_mark() -> None:
    for kind, fmt in ingest.FORMATS.items():
        data = docs.template_bytes(kind)
        assert data.startswith(b"\xef\xbb\xbf")
        assert list(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == [fmt.header]


def test_every_template_filled_with_its_documented_example_loads(engine: Engine) -> None:
    """The examples refer to each other, so loading them in order into an empty database must work."""
    for kind in ingest.LOAD_ORDER:
        example = docs.example_csv(kind).splitlines()[1]
        data = docs.template_bytes(kind) + f"{example}\n".encode()
        report = ingest.import_file(engine, kind, data, today=date(2026, 11, 23))
        assert report.ok and report.inserted == 1, (kind, report.problems)


def test_import_help_documents_every_format() -> None:
    result = CliRunner().invoke(app, ["import", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for fmt in ingest.FORMATS.values():
        assert fmt.file_name in result.output
        for column in fmt.columns:
            assert f"{column.name}{'' if column.required else '?'}:" in result.output
