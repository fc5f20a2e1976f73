"""Deterministic sample data: one CSV per importable kind, telling a CX governance story.

The same seed and scale always give byte-identical files. ``scale`` multiplies
only the number of survey responses, which are streamed to disk, so large
benchmark data sets need little memory.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path

from cxdash.ingest.formats import FORMATS
from cxdash.sample import actions, alignment, followup, org, reference, responses, retention

__all__ = ["DEFAULT_SEED", "FILE_NAMES", "FOLLOWUP", "write_sample"]

DEFAULT_SEED = 20261031
FOLLOWUP = "followup_cases"
FILE_NAMES = {kind: fmt.file_name for kind, fmt in FORMATS.items()} | {FOLLOWUP: followup.FILE_NAME}

Rows = Sequence[dict[str, object]]


def _table_builders(seed: int) -> dict[str, Callable[[], Rows]]:
    codes = tuple(t.code for t in reference.TOUCHPOINTS)
    return {
        "regions": reference.region_rows,
        "touchpoints": reference.touchpoint_rows,
        "leaders": org.leader_rows,
        "governance": reference.governance_rows,
        "ownership": lambda: org.ownership_rows(codes),
        "retention": lambda: retention.retention_rows(seed),
        "alignment_rounds": alignment.round_rows,
        "alignment_ratings": lambda: alignment.rating_rows(seed),
        "ownership_beliefs": alignment.belief_rows,
        "targets": reference.target_rows,
        "actions": actions.action_rows,
    }


def _write_table(path: Path, header: list[str], rows: Rows) -> int:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        # Indexing by the contract's header fails loudly if a builder drifts from it.
        writer.writerows([row[name] for name in header] for row in rows)
    return len(rows)


def write_sample(out_dir: Path, *, scale: float = 1.0, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Write every sample CSV into ``out_dir`` and return the rows written per kind."""
    if scale < 0:
        raise ValueError("scale cannot be negative")
    builders = _table_builders(seed)
    missing = set(FORMATS) - set(builders) - {"responses"}
    if missing:
        raise ValueError(f"no sample generator for {', '.join(sorted(missing))}")
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for kind, fmt in FORMATS.items():
        path = out_dir / fmt.file_name
        if kind == "responses":
            if list(responses.COLUMNS) != fmt.header:
                raise ValueError("responses.csv columns differ from the documented format")
            counts[kind] = responses.write_responses(path, seed=seed, scale=scale)
        else:
            counts[kind] = _write_table(path, fmt.header, builders[kind]())
    # Follow-up cases name responses, so they are drawn from the responses just written (scale changes them too).
    counts[FOLLOWUP] = followup.write_cases(out_dir / FORMATS["responses"].file_name, out_dir / followup.FILE_NAME)
    return counts
