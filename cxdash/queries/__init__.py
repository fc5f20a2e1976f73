"""Typed reads over SQLModel returning small frames; one module per area, re-exported here."""

from cxdash.queries.core import (
    ROLLUP_COUNTS,
    data_version,
    is_empty,
    latest_round_ratings,
    months_with_data,
    raci_assignments,
    regions,
    response_count,
    retention,
    rollup_totals,
    settings,
    targets,
    user_count,
)

__all__ = [
    "ROLLUP_COUNTS",
    "data_version",
    "is_empty",
    "latest_round_ratings",
    "months_with_data",
    "raci_assignments",
    "regions",
    "response_count",
    "retention",
    "rollup_totals",
    "settings",
    "targets",
    "user_count",
]
