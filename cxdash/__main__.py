"""The command line: python -m cxdash …"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cxdash import db, ingest
from cxdash.ingest.formats import FORMATS
from cxdash.ingest.report import ImportReport

app = typer.Typer(
    help="cxdash: CX governance dashboard. Data commands use DATABASE_URL (default: sqlite:///cxdash.db).",
    no_args_is_help=True,
)


def _formats_help() -> str:
    lines = ["CSV formats (UTF-8, with a header row):", ""]
    for fmt in FORMATS.values():
        cols = ", ".join(c.name + ("" if c.required else "?") for c in fmt.columns)
        lines.append(f"  {fmt.kind} ({fmt.file_name}): {cols}")
    lines.append("\n  (? = optional column)")
    return "\n\n".join(lines)


def _print_report(report: ImportReport) -> None:
    typer.echo(report.summary())
    for p in report.problems:
        where = f"line {p.line}" if p.line else "file"
        column = f", column {p.column}" if p.column else ""
        value = f" (value {p.value!r})" if p.value else ""
        typer.echo(f"  {where}{column}{value}: {p.reason}", err=True)
    if report.problem_count > len(report.problems):
        typer.echo(f"  … and {report.problem_count - len(report.problems)} more problem(s)", err=True)


@app.command()
def sample(
    out: Annotated[Path, typer.Option(help="folder to write the CSV files into")] = Path("sample_data"),
    scale: Annotated[float, typer.Option(help="multiplies the number of responses")] = 1.0,
) -> None:
    """Write the deterministic sample data set (24 months ending 2026-10) as CSV files."""
    from cxdash.sample import write_sample

    counts = write_sample(out, scale=scale)
    for kind, rows in counts.items():
        typer.echo(f"{FORMATS[kind].file_name}: {rows} rows")


@app.command()
def load(
    directory: Annotated[Path, typer.Argument(help="folder holding CSV files named as `sample` writes them")],
    update: Annotated[bool, typer.Option("--update", help="overwrite existing keys instead of skipping them")] = False,
) -> None:
    """Import every known CSV file of a folder, in dependency order (idempotent)."""
    engine = db.make_engine()
    try:
        reports = ingest.load_dir(engine, directory, mode="update" if update else "skip")
    except FileNotFoundError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    for report in reports:
        _print_report(report)
    if not all(r.ok for r in reports):
        raise typer.Exit(1)


@app.command("import", help="Import one CSV file of KIND.\n\n" + _formats_help())
def import_(
    kind: Annotated[str, typer.Argument(help="one of: " + ", ".join(FORMATS))],
    file: Annotated[Path, typer.Argument(help="the CSV file")],
    update: Annotated[bool, typer.Option("--update", help="overwrite existing keys instead of skipping them")] = False,
) -> None:
    if kind not in FORMATS:
        typer.echo(f"Unknown kind {kind!r}; choose one of {', '.join(FORMATS)}.", err=True)
        raise typer.Exit(2)
    if not file.is_file():
        typer.echo(f"{file} is not a file.", err=True)
        raise typer.Exit(2)
    bar = _progress() if kind == "responses" else None
    report = ingest.import_file(db.make_engine(), kind, file, mode="update" if update else "skip", progress=bar)
    if bar:
        typer.echo("", err=True)
    _print_report(report)
    if not report.ok:
        raise typer.Exit(1)


def _progress() -> ingest.Progress:
    def show(fraction: float) -> None:
        typer.echo(f"\r  importing… {fraction * 100:5.1f}%", err=True, nl=False)

    return show


if __name__ == "__main__":
    app()
