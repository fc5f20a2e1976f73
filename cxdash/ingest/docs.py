"""The CSV formats written out for people: templates, docs/csv-formats.md and command-line help."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cxdash import config
from cxdash.ingest import followup
from cxdash.ingest.formats import FORMATS, REFERENCES, TYPES, Column, CsvFormat, number_text

DOC_PATH = Path(__file__).resolve().parent.parent.parent / "docs" / "csv-formats.md"

_INTRO = """\
# CSV formats

Generated from `cxdash/ingest/formats.py` by `cxdash.ingest.docs.write_docs()`; a test keeps
it current. Every file is CSV with a header row, comma-separated, in UTF-8 (with or without a
byte-order mark; Excel's "CSV UTF-8" is right). Columns may come in any order; optional
columns may be left out. Empty cells of optional columns mean "none".

Rules for every import:

- A file with any problem loads nothing; the report lists every problem as
  (line, column, value, reason). Line 1 is the header; line 0 means the file as a whole.
- A valid file loads in one transaction, together with the response rollups.
- Each kind has a key (below). A row whose key is already stored is **skipped** (the
  default) or **updated** (Data page: "update"; command line: `--update`). Rows that are
  identical to what is stored count as unchanged in both modes, so importing the same file
  twice changes nothing and says so.
- Keys must be unique inside a file; dates and months cannot be in the future.
- A text cell that starts with an apostrophe before `=`, `+`, `-` or `@` (how cxdash's own CSV
  exports keep a spreadsheet from running it as a formula) is read without the apostrophe, the
  same however big the file; any other apostrophe (`'great'`) is kept as written.
- Codes that refer to other kinds must already be stored; `python -m cxdash load DIR` loads
  a folder in the order of this page.
"""


def constraints(column: Column) -> str:
    """Everything a value of ``column`` must satisfy, in words."""
    if column.allowed:
        parts = ["one of " + ", ".join(column.allowed)]
    else:
        parts = [REFERENCES[column.ref] if column.ref else TYPES[column.type]]
    if column.minimum is not None and column.maximum is not None:
        parts.append(f"{number_text(column.minimum)} to {number_text(column.maximum)}")
    if column.max_length:
        parts.append(f"at most {column.max_length} characters")
    if column.type in ("date", "month"):
        parts.append(f"not before {config.DEFAULT_EARLIEST.isoformat()} (setting {config.EARLIEST_DATE})")
    if column.not_future:
        parts.append("not in the future")
    return "; ".join(parts)


def column_rows(kind: str) -> list[dict[str, str]]:
    """One row per column of ``kind``: name, required, what it must be, meaning, example."""
    return [
        {
            "column": c.name,
            "required": "yes" if c.required else "no",
            "format": constraints(c),
            "meaning": c.help,
            "example": c.example,
        }
        for c in FORMATS[kind].columns
    ]


def template_bytes(kind: str) -> bytes:
    """An empty file of ``kind``: the header row, UTF-8 with a byte-order mark for spreadsheets."""
    return _csv_lines([FORMATS[kind].header]).encode("utf-8-sig")


def example_csv(kind: str) -> str:
    """The header and one example row of ``kind``."""
    fmt = FORMATS[kind]
    return _csv_lines([fmt.header, [c.example for c in fmt.columns]])


def _csv_lines(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _section(fmt: CsvFormat) -> list[str]:
    lines = [f"## {fmt.kind} — `{fmt.file_name}`", "", fmt.description, ""]
    lines.append(f"Key: {', '.join(fmt.key)}.")
    lines += ["", "| column | required | format | meaning |", "|---|---|---|---|"]
    for row in column_rows(fmt.kind):
        cells = [f"`{row['column']}`", row["required"], row["format"], row["meaning"]]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    if fmt.rules:
        lines += ["", "Also checked:", ""] + [f"- {rule}" for rule in fmt.rules]
    lines += ["", "Template with an example row:", "", "```csv", example_csv(fmt.kind).rstrip("\n"), "```", ""]
    return lines


def _cases_section() -> list[str]:
    """Follow-up cases: loaded after the responses they name, by their own loader."""
    lines = [f"## {followup.KIND} — `{followup.FILE_NAME}`", "", followup.DESCRIPTION, ""]
    lines += [f"Key: response_key. Columns, all present: {', '.join(f'`{c}`' for c in followup.HEADER)}.", ""]
    lines += ["Also checked:", ""] + [f"- {rule}" for rule in followup.RULES]
    example = _csv_lines([followup.HEADER]) + followup.EXAMPLE
    return [*lines, "", "Template with an example row:", "", "```csv", example, "```", ""]


def formats_markdown() -> str:
    """The whole of docs/csv-formats.md."""
    lines = [_INTRO]
    for fmt in FORMATS.values():
        lines += _section(fmt)
    return "\n".join([*lines, *_cases_section()])


def write_docs(path: Path = DOC_PATH) -> None:
    """Regenerate docs/csv-formats.md from the format declarations."""
    path.write_text(formats_markdown(), encoding="utf-8")


def cli_help() -> str:
    """Every format in plain text for ``python -m cxdash import --help``."""
    blocks = [
        "CSV files are UTF-8 (a BOM is fine) with a header row; ? marks an optional column. "
        "Any invalid row means nothing is loaded. Full reference: docs/csv-formats.md."
    ]
    for fmt in FORMATS.values():
        lines = [f"{fmt.kind} ({fmt.file_name}; key {', '.join(fmt.key)}): {fmt.description}"]
        for column in fmt.columns:
            mark = "" if column.required else "?"
            meaning = f" — {column.help}" if column.help else ""
            lines.append(f"  {column.name}{mark}: {constraints(column)}{meaning}")
        lines += [f"  rule: {rule}" for rule in fmt.rules]
        blocks.append("\n".join(lines))
    cases = [f"{followup.KIND} ({followup.FILE_NAME}; key response_key): {followup.DESCRIPTION}",
             f"  columns: {', '.join(followup.HEADER)}", *(f"  rule: {rule}" for rule in followup.RULES)]  # fmt: skip
    return "\n\n".join([*blocks, "\n".join(cases)])
