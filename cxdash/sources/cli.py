"""`python -m cxdash profiles …` and the profile options of `import`: source profiles from the shell."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import Engine

from cxdash import db
from cxdash.ingest.report import ImportReport
from cxdash.permissions import Actor
from cxdash.sources.customers import import_customers
from cxdash.sources.inspect import proposed_profile
from cxdash.sources.load import Progress, import_source
from cxdash.sources.presets import PRESET_NOTES, PRESETS
from cxdash.sources.profile import CUSTOMER_FIELDS, FIELDS, Profile
from cxdash.sources.read import SourceError
from cxdash.sources.store import ProfileError, resolve, save_profile, saved_profile, saved_profiles

app = typer.Typer(help="Source profiles: how a survey platform's export maps onto cxdash.", no_args_is_help=True)
LOCAL_ADMIN = Actor("cli", "admin")
PAIRS_HELP = "SOURCE=CODE, repeatable"
PRESET_NAMES = ", ".join([*PRESETS, "customers"])


def profile_for(engine: Engine, file: Path, *, profile: str | None, preset: str | None, sheet: str = "") -> Profile:
    """The saved profile, or the preset with the rest of the mapping proposed from the file's columns."""
    found = resolve(engine, profile=profile, preset=preset)
    if profile or found.kind != "responses":
        return replace(found, sheet=sheet or found.sheet)
    return proposed_profile(file, found, sheet=sheet)


def import_with_profile(
    file: Path, *, kind: str, profile: str | None, preset: str | None, sheet: str, mode: str, progress: Progress
) -> ImportReport:
    """Import ``file`` through a saved profile or a preset; ProfileError says what is wrong with the choice."""
    engine = db.make_engine()
    if kind == "customers" and not (profile or preset):
        preset = "customers"
    chosen = profile_for(engine, file, profile=profile, preset=preset, sheet=sheet)
    if chosen.kind != kind:
        raise ProfileError(f"Profile {chosen.name} maps {chosen.kind}, not {kind}.")
    if kind == "customers":
        report = import_customers(engine, file, chosen, mode=mode, actor=LOCAL_ADMIN)
        progress(1.0)
        return report
    return import_source(engine, file, chosen, mode=mode, progress=progress, actor=LOCAL_ADMIN)


def _pairs(values: list[str], what: str) -> dict[str, str]:
    pairs = dict(v.split("=", 1) for v in values if "=" in v)
    if len(pairs) != len(values):
        typer.echo(f"Write each {what} as SOURCE=TARGET.", err=True)
        raise typer.Exit(2)
    return pairs


@app.command("list")
def list_() -> None:
    """Saved profiles and the built-in presets."""
    for found in saved_profiles(db.make_engine()):
        mapped = ", ".join(f"{f}={found.columns[f]}" for f in {**FIELDS, **CUSTOMER_FIELDS} if f in found.columns)
        typer.echo(f"{found.name}  ({found.kind}, {found.header_rows} header row(s)): {mapped}")
    for name, note in PRESET_NOTES.items():
        typer.echo(f"preset {name}: {note}")
    typer.echo("preset customers: customer records with columns customer_key, region, started_on, ended_on.")


@app.command("show")
def show(name: Annotated[str, typer.Argument(help="a saved profile, or a preset")]) -> None:
    """A profile as JSON (the form `profiles save --from` reads)."""
    engine = db.make_engine()
    try:
        found = saved_profile(engine, name) or resolve(engine, preset=name)
    except ProfileError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    typer.echo(json.dumps(found.to_json(), indent=2, ensure_ascii=False))


@app.command("save")
def save(
    name: Annotated[str, typer.Argument(help="the profile's name, e.g. qualtrics-q3")],
    from_json: Annotated[Path | None, typer.Option("--from", help="a profile as `profiles show` prints it")] = None,
    preset: Annotated[
        str | None, typer.Option(help="start from a preset: " + ", ".join([*PRESETS, "customers"]))
    ] = None,
    sample: Annotated[Path | None, typer.Option(help="an export to propose the preset's columns from")] = None,
    column: Annotated[list[str], typer.Option(help="FIELD=COLUMN (or FIELD==value), repeatable")] = [],  # noqa: B006
    region: Annotated[list[str], typer.Option(help=PAIRS_HELP)] = [],  # noqa: B006
    touchpoint: Annotated[list[str], typer.Option(help=PAIRS_HELP)] = [],  # noqa: B006
    date_format: Annotated[str | None, typer.Option(help="strftime codes, e.g. %d.%m.%Y")] = None,
) -> None:
    """Save a profile: from JSON, or from a preset (with --sample, columns proposed from an export), plus changes."""
    engine = db.make_engine()
    try:
        if from_json is not None:
            base = Profile.from_json(json.loads(from_json.read_text(encoding="utf-8")))
        elif sample is not None:
            base = profile_for(engine, sample, profile=None, preset=preset)
        else:
            base = resolve(engine, preset=preset)
        columns = {**base.columns, **_pairs(column, "column")}
        fields = CUSTOMER_FIELDS if base.kind == "customers" else FIELDS
        unknown = sorted(set(columns) - set(fields))
        if unknown:
            raise ProfileError(f"Unknown field(s) {', '.join(unknown)}; fields: {', '.join(fields)}.")
        chosen = Profile.from_json({
            **base.to_json(), "name": name, "columns": columns,
            "regions": {**base.regions, **_pairs(region, "region")},
            "touchpoints": {**base.touchpoints, **_pairs(touchpoint, "touchpoint")},
            "date_format": base.date_format if date_format is None else date_format,
        })  # fmt: skip
        new = save_profile(engine, chosen, actor=LOCAL_ADMIN)
    except (ProfileError, SourceError, ValueError, KeyError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Profile {name} {'saved' if new else 'updated'}.")
