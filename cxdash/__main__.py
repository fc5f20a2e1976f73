"""The command line: python -m cxdash …"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.exc import OperationalError

from cxdash import cli_bench, cli_delete, cli_export, cli_followup, cli_users, db, ingest
from cxdash.digest import cli as digest_cli
from cxdash.export import csv_bytes
from cxdash.ingest.docs import cli_help
from cxdash.ingest.followup import KIND as FOLLOWUP_CASES
from cxdash.ingest.formats import FORMATS
from cxdash.ingest.report import ImportReport
from cxdash.permissions import Actor
from cxdash.sources import cli as sources_cli
from cxdash.sources.profile import KINDS
from cxdash.sources.store import ProfileError

app = typer.Typer(
    help="cxdash: CX governance dashboard. Data commands use DATABASE_URL (default: sqlite:///cxdash.db).",
    no_args_is_help=True,
)


CLI_ACTOR = Actor("cli", "admin")
IMPORT_KINDS = (*FORMATS, "customers", FOLLOWUP_CASES)
UPDATE_HELP = "overwrite stored rows whose key the file also has (default: skip them)"
UNREACHABLE = "cxdash cannot reach its database; nothing was loaded. Check DATABASE_URL and that the database runs."


def _print_report(report: ImportReport, out: Path | None = None) -> None:
    """The same report the Data page shows: a summary, then every problem as line, column, value, reason."""
    typer.echo(report.summary())
    for p in report.problems:
        where = f"line {p.line}" if p.line else "file"
        column = f", column {p.column}" if p.column else ""
        value = f" (value {p.value!r})" if p.value else ""
        typer.echo(f"  {where}{column}{value}: {p.reason}", err=True)
    if report.problem_count > len(report.problems):
        typer.echo(f"  … and {report.problem_count - len(report.problems)} more problem(s)", err=True)
    if out is not None and not report.ok:
        out.write_bytes(csv_bytes(report.frame()))
        typer.echo(f"The report is in {out}.", err=True)


def _progress(label: str) -> ingest.Progress:
    """A progress bar on stderr; it ends its line when the import is done."""

    def show(fraction: float) -> None:
        filled = round(fraction * 30)
        bar = "#" * filled + "." * (30 - filled)
        typer.echo(f"\r  {label:<18} [{bar}] {fraction * 100:5.1f}%", err=True, nl=fraction >= 1.0)

    return show


@app.command()
def sample(
    out: Annotated[Path, typer.Option(help="folder to write the CSV files into")] = Path("sample_data"),
    scale: Annotated[float, typer.Option(help="multiplies the number of responses")] = 1.0,
) -> None:
    """Write the deterministic sample data set (24 months ending 2026-10) as CSV files."""
    from cxdash.sample import FILE_NAMES, write_sample

    counts = write_sample(out, scale=scale)
    for kind, rows in counts.items():
        typer.echo(f"{FILE_NAMES[kind]}: {rows} rows")


@app.command()
def load(
    directory: Annotated[Path, typer.Argument(help="folder holding CSV files named as `sample` writes them")],
    update: Annotated[bool, typer.Option("--update", help=UPDATE_HELP)] = False,
) -> None:
    """Import every known CSV file of a folder, in dependency order; stops at the first file with problems.

    Each file is one transaction and loading the same folder again changes nothing.
    Formats: `python -m cxdash import --help` or docs/csv-formats.md.
    """
    mode = "update" if update else "skip"
    try:
        reports = ingest.load_dir(db.make_engine(), directory, mode=mode, progress=_progress, actor=CLI_ACTOR)
    except FileNotFoundError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    except OperationalError as exc:
        typer.echo(db.trouble(exc, UNREACHABLE), err=True)
        raise typer.Exit(1) from None
    for report in reports:
        _print_report(report)
    if not all(r.ok for r in reports):
        raise typer.Exit(1)


@app.command("import", help="Import one CSV file of KIND in one transaction: all rows or none.\n\n" + cli_help())
def import_(
    kind: Annotated[str, typer.Argument(help="one of: " + ", ".join(IMPORT_KINDS))],
    file: Annotated[Path, typer.Argument(help="the CSV file")],
    update: Annotated[bool, typer.Option("--update", help=UPDATE_HELP)] = False,
    report_file: Annotated[
        Path | None, typer.Option("--report", help="also write the problems (line, column, value, reason) as CSV here")
    ] = None,
    profile: Annotated[str | None, typer.Option(help="a saved source profile mapping a survey export")] = None,
    preset: Annotated[str | None, typer.Option(help="qualtrics, surveymonkey, typeform, delighted; customers")] = None,
    sheet: Annotated[str, typer.Option(help="the sheet of an .xlsx export (default: the first)")] = "",
) -> None:
    if kind not in IMPORT_KINDS:
        typer.echo(f"Unknown kind {kind!r}; choose one of {', '.join(IMPORT_KINDS)}.", err=True)
        raise typer.Exit(2)
    if not file.is_file():
        typer.echo(f"{file} is not a file.", err=True)
        raise typer.Exit(2)
    if (profile or preset) and kind not in KINDS:
        typer.echo("--profile and --preset map exports of responses or customers.", err=True)
        raise typer.Exit(2)
    mode, bar = ("update" if update else "skip"), _progress(kind)
    try:
        if profile or preset or kind == "customers":
            report = sources_cli.import_with_profile(
                file, kind=kind, profile=profile, preset=preset, sheet=sheet, mode=mode, progress=bar
            )
        else:
            report = ingest.import_file(db.make_engine(), kind, file, mode=mode, progress=bar, actor=CLI_ACTOR)
    except ProfileError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    except OperationalError as exc:
        typer.echo(db.trouble(exc, UNREACHABLE), err=True)
        raise typer.Exit(1) from None
    _print_report(report, report_file)
    if not report.ok:
        raise typer.Exit(1)


app.add_typer(cli_users.app, name="users")
app.add_typer(cli_export.app, name="export")
app.add_typer(cli_delete.app, name="delete")
app.add_typer(cli_followup.app, name="followup")
app.add_typer(sources_cli.app, name="profiles")
app.command("digest")(digest_cli.digest)
app.command("bench")(cli_bench.bench_command)

if __name__ == "__main__":
    app()
