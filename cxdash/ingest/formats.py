"""The documented CSV format of every importable entity.

Each kind names its file in a data folder, its columns in order with their type and
limits, the columns that form its natural key (re-importing a row with the same key
changes nothing), and a description. Validation, the templates, the command-line help
and docs/csv-formats.md are all derived from these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxdash.models import (
    ACTION_STATUSES,
    ALIGNMENT_DIMENSIONS,
    GOVERNANCE_MODELS,
    JOURNEY_STAGES,
    TARGET_METRICS,
)
from cxdash.ownership.cells import CELL_ROLES

TYPES: dict[str, str] = {
    "text": "any text (UTF-8)",
    "code": "letters, digits, '_', '-' or '.', no spaces",
    "int": "whole number",
    "float": "number, '.' as decimal point",
    "date": "date YYYY-MM-DD",
    "month": "month YYYY-MM",
}
REFERENCES: dict[str, str] = {
    "regions": "region code (regions.csv)",
    "touchpoints": "touchpoint code (touchpoints.csv)",
    "leaders": "leader key (leaders.csv)",
    "rounds": "round label (alignment_rounds.csv)",
}


@dataclass(frozen=True)
class Column:
    """One CSV column: its type and every limit a value must respect."""

    name: str
    type: str
    required: bool = True
    help: str = ""
    example: str = ""
    max_length: int | None = None
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    ref: str | None = None
    not_future: bool = False


@dataclass(frozen=True)
class CsvFormat:
    kind: str
    file_name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    description: str
    rules: tuple[str, ...] = ()

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]


def number_text(value: float) -> str:
    """A limit as people write it: 1,000,000 rather than 1e+06."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def _code(name: str, length: int, help: str, example: str) -> Column:
    return Column(name, "code", help=help, example=example, max_length=length)


def _ref(name: str, ref: str, example: str, *, required: bool = True, help: str = "") -> Column:
    return Column(name, "text", required=required, help=help, example=example, ref=ref)


def _count(name: str, help: str, example: str) -> Column:
    return Column(name, "int", help=help, example=example, minimum=0, maximum=1_000_000_000)


FORMATS: dict[str, CsvFormat] = {
    f.kind: f
    for f in (
        CsvFormat(
            "regions",
            "regions.csv",
            (
                _code("code", 16, "short unique code", "NAE"),
                Column("name", "text", example="North America East", max_length=120),
            ),
            ("code",),
            "Regions the company reports on.",
        ),
        CsvFormat(
            "touchpoints",
            "touchpoints.csv",
            (
                _code("code", 32, "short unique code", "SU_PHONE"),
                Column("name", "text", example="Phone support", max_length=120),
                Column("stage", "text", help="journey stage", example="Support", allowed=JOURNEY_STAGES),
                Column("position", "int", help="order within the journey", example="10", minimum=0, maximum=10_000),
            ),
            ("code",),
            "Touchpoints of the customer journey, in journey order.",
        ),
        CsvFormat(
            "leaders",
            "leaders.csv",
            (
                _code("key", 32, "short unique key", "CEO"),
                Column("name", "text", example="Chief Executive Officer", max_length=120),
                Column("title", "text", example="CEO", max_length=120),
                Column("function", "text", example="Executive", max_length=60),
                Column("reports_to", "text", required=False, help="key of the manager; empty for the CEO"),
            ),
            ("key",),
            "Leadership team and reporting lines.",
            (
                "reports_to is a leader already stored or defined in the same file, never the leader itself",
                "reporting lines cannot form a cycle",
            ),
        ),
        CsvFormat(
            "governance",
            "governance.csv",
            (
                _ref("region", "regions", "NAE"),
                Column("model", "text", help="CX operating model", example="centralized", allowed=GOVERNANCE_MODELS),
                Column("effective_from", "date", example="2025-11-01", not_future=True),
            ),
            ("region", "effective_from"),
            "CX operating model per region and the date it took effect.",
        ),
        CsvFormat(
            "ownership",
            "ownership.csv",
            (
                _ref("touchpoint", "touchpoints", "SU_PHONE"),
                _ref("leader", "leaders", "CEO"),
                Column(
                    "role",
                    "text",
                    help="RACI role; A+R for a leader both accountable and responsible",
                    example="A",
                    allowed=CELL_ROLES,
                ),
            ),
            ("touchpoint", "leader"),
            "RACI assignments: one row per touchpoint and leader (A+R when one leader is both).",
        ),
        CsvFormat(
            "responses",
            "responses.csv",
            (
                Column("response_key", "text", help="unique id of the response", example="R0000001", max_length=64),
                Column("customer_key", "text", example="C000785", max_length=64),
                _ref("region", "regions", "NAE"),
                _ref("touchpoint", "touchpoints", "SU_PHONE"),
                Column("channel", "text", help="e.g. email, web, app, phone", example="email", max_length=32),
                Column("responded_on", "date", example="2026-10-01", not_future=True),
                Column("nps", "int", help="likelihood to recommend", example="9", minimum=0, maximum=10),
                Column("csat", "int", required=False, help="satisfaction", example="4", minimum=1, maximum=5),
                Column("ces", "int", required=False, help="ease (effort score)", example="6", minimum=1, maximum=7),
                Column("comment", "text", required=False, example="Quick and friendly", max_length=4000),
            ),
            ("response_key",),
            "Survey responses; rollups are maintained in the same transaction.",
        ),
        CsvFormat(
            "retention",
            "retention.csv",
            (
                _ref("region", "regions", "NAE"),
                Column("month", "month", example="2026-10", not_future=True),
                _count("customers_start", "customers at the start of the month", "17500"),
                _count("customers_end", "customers at the end of the month", "17480"),
                _count("new_customers", "customers won during the month", "260"),
            ),
            ("region", "month"),
            "Customer counts per region and month.",
            ("new_customers <= customers_end", "customers_end - new_customers <= customers_start"),
        ),
        CsvFormat(
            "alignment_rounds",
            "alignment_rounds.csv",
            (
                Column("label", "text", help="unique label", example="2026-Q3", max_length=32),
                Column("held_on", "date", example="2026-09-15", not_future=True),
            ),
            ("label",),
            "Leadership alignment survey rounds.",
        ),
        CsvFormat(
            "alignment_ratings",
            "alignment_ratings.csv",
            (
                _ref("round", "rounds", "2026-Q3"),
                _ref("leader", "leaders", "CEO"),
                Column(
                    "dimension",
                    "text",
                    help="alignment dimension",
                    example="ownership_clarity",
                    allowed=tuple(ALIGNMENT_DIMENSIONS),
                ),
                Column(
                    "score", "int", help="1 = strongly disagree, 5 = strongly agree", example="4", minimum=1, maximum=5
                ),
            ),
            ("round", "leader", "dimension"),
            "Each leader's agreement rating per dimension and round.",
        ),
        CsvFormat(
            "ownership_beliefs",
            "ownership_beliefs.csv",
            (
                _ref("round", "rounds", "2026-Q3"),
                _ref("leader", "leaders", "CEO", help="the leader answering"),
                _ref("named_owner", "leaders", "CEO", required=False, help="the leader named; empty = don't know"),
            ),
            ("round", "leader"),
            'Answers to "who owns CX here?" per round.',
        ),
        CsvFormat(
            "targets",
            "targets.csv",
            (
                Column("metric", "text", example="nps", allowed=TARGET_METRICS),
                _ref("region", "regions", "", required=False, help="empty = company-wide"),
                Column("year", "int", example="2026", minimum=2000, maximum=2100),
                Column("value", "float", help="target value; see the rules", example="35"),
            ),
            ("metric", "region", "year"),
            "Yearly targets, company-wide or per region.",
            ("nps: -100 to 100 points", "retention and csat: a share from 0 to 1", "ces: a mean from 1 to 7"),
        ),
        CsvFormat(
            "actions",
            "actions.csv",
            (
                Column("title", "text", help="what will be done", example="Shorter phone queues", max_length=200),
                _ref("region", "regions", "NAE", required=False, help="the region it addresses"),
                _ref("touchpoint", "touchpoints", "SU_PHONE", required=False, help="the touchpoint it addresses"),
                Column(
                    "dimension",
                    "text",
                    required=False,
                    help="alignment dimension it addresses",
                    example="",
                    allowed=tuple(ALIGNMENT_DIMENSIONS),
                ),
                Column("raised_month", "month", help="month the finding was raised", example="2026-07"),
                _ref("owner", "leaders", "CEO", help="the leader who owns the action"),
                Column("due_on", "date", example="2026-09-30"),
                Column("status", "text", example="done", allowed=ACTION_STATUSES),
                Column("drop_reason", "text", required=False, help="why it was dropped", example="", max_length=500),
                Column("done_on", "date", required=False, help="day done", example="2026-10-02", not_future=True),
                Column(
                    "expected_effect",
                    "float",
                    required=False,
                    help="expected NPS points",
                    example="5",
                    minimum=-200,
                    maximum=200,
                ),
                Column("notes", "text", required=False, example="", max_length=4000),
            ),
            ("title", "raised_month"),
            "Actions on findings: what, about which region/touchpoint/dimension, owner, due date, status.",
            (
                "at least one of region, touchpoint and dimension",
                "done_on is given exactly when the status is done",
                "drop_reason is given when the status is dropped",
                "due_on is not before raised_month",
            ),
        ),
    )
}

LOAD_ORDER: tuple[str, ...] = tuple(FORMATS)
