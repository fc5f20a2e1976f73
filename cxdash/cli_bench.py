"""`python -m cxdash bench`: measure the speed and size budgets (README, "Speed and size") in one run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def bench_command(
    sizes: Annotated[str, typer.Option(help="response counts to build and time, comma separated")] = "10k,1m,5m",
    runs: Annotated[int, typer.Option(help="warm runs per page and database (the median is reported)")] = 25,
    data_dir: Annotated[Path, typer.Option(help="where the databases are built once and reused")] = Path("bench_data"),
    pg_url: Annotated[
        str | None, typer.Option(help="a PostgreSQL server URL; a scratch database cxdash_bench is used")
    ] = None,
    export_rows: Annotated[
        str, typer.Option(help="rows of the survey export imported through a profile (0: skip it)")
    ] = "5m",
    imports_only: Annotated[bool, typer.Option("--imports-only", help="time the imports alone, not the pages")] = False,
    import_runs: Annotated[
        int, typer.Option(min=1, help="runs of each import and its floor, taken in pairs (the median is judged)")
    ] = 3,
) -> None:
    """Build 10k/1M/5M-response databases (once), then time every page, the imports, memory and references."""
    # Imported here: the benchmark pulls in the sample generator and pandas, which other commands do not need.
    from cxdash import bench
    from cxdash.bench.datasets import parse_size

    try:
        parsed = [parse_size(s) for s in sizes.split(",") if s.strip()]
        export = 0 if export_rows.strip() in ("", "0") else parse_size(export_rows)
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    result = bench.run(parsed, data_dir=data_dir, runs=runs, pg_url=pg_url, say=lambda m: typer.echo(m, err=True),
                       source_rows=export, pages=not imports_only, import_runs=import_runs)  # fmt: skip
    typer.echo(bench.table(result))
    typer.echo("")
    for line in bench.verdicts(result):
        typer.echo(line)
