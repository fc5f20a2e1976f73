"""The documented CSV format of every importable entity.

Each kind names its file in a data folder, its columns in order, the columns that
form its natural key (re-importing a row with the same key changes nothing), and the
kinds it refers to, which must be loaded first.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # text | int | float | date | month
    required: bool = True
    help: str = ""


@dataclass(frozen=True)
class CsvFormat:
    kind: str
    file_name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    description: str

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]


FORMATS: dict[str, CsvFormat] = {
    f.kind: f
    for f in (
        CsvFormat(
            "regions",
            "regions.csv",
            (
                Column("code", "text", help="short unique code, e.g. DACH"),
                Column("name", "text", help="display name"),
            ),
            ("code",),
            "Regions the company reports on.",
        ),
        CsvFormat(
            "touchpoints",
            "touchpoints.csv",
            (
                Column("code", "text", help="short unique code"),
                Column("name", "text"),
                Column("stage", "text", help="Awareness|Purchase|Onboarding|Usage|Support|Renewal"),
                Column("position", "int", help="order within the journey"),
            ),
            ("code",),
            "Touchpoints of the customer journey, in journey order.",
        ),
        CsvFormat(
            "leaders",
            "leaders.csv",
            (
                Column("key", "text", help="short unique key, e.g. CCO"),
                Column("name", "text"),
                Column("title", "text"),
                Column("function", "text"),
                Column("reports_to", "text", required=False, help="key of the manager; empty for the CEO"),
            ),
            ("key",),
            "Leadership team and reporting lines.",
        ),
        CsvFormat(
            "governance",
            "governance.csv",
            (
                Column("region", "text", help="region code"),
                Column("model", "text", help="centralized|hybrid|decentralized"),
                Column("effective_from", "date", help="YYYY-MM-DD"),
            ),
            ("region", "effective_from"),
            "CX operating model per region and the date it took effect.",
        ),
        CsvFormat(
            "ownership",
            "ownership.csv",
            (
                Column("touchpoint", "text", help="touchpoint code"),
                Column("leader", "text", help="leader key"),
                Column("role", "text", help="R|A|C|I"),
            ),
            ("touchpoint", "leader"),
            "RACI assignments: one role per touchpoint and leader.",
        ),
        CsvFormat(
            "responses",
            "responses.csv",
            (
                Column("response_key", "text", help="unique id of the response"),
                Column("customer_key", "text"),
                Column("region", "text", help="region code"),
                Column("touchpoint", "text", help="touchpoint code"),
                Column("channel", "text", help="e.g. email, web, app, phone"),
                Column("responded_on", "date", help="YYYY-MM-DD, not in the future"),
                Column("nps", "int", help="0-10"),
                Column("csat", "int", required=False, help="1-5, optional"),
                Column("ces", "int", required=False, help="1-7, optional"),
                Column("comment", "text", required=False),
            ),
            ("response_key",),
            "Survey responses; rollups are maintained in the same transaction.",
        ),
        CsvFormat(
            "retention",
            "retention.csv",
            (
                Column("region", "text", help="region code"),
                Column("month", "month", help="YYYY-MM"),
                Column("customers_start", "int", help="customers at the start of the month"),
                Column("customers_end", "int", help="customers at the end of the month"),
                Column("new_customers", "int", help="customers won during the month"),
            ),
            ("region", "month"),
            "Customer counts per region and month.",
        ),
        CsvFormat(
            "alignment_rounds",
            "alignment_rounds.csv",
            (
                Column("label", "text", help="e.g. 2026-Q3"),
                Column("held_on", "date", help="YYYY-MM-DD"),
            ),
            ("label",),
            "Leadership alignment survey rounds.",
        ),
        CsvFormat(
            "alignment_ratings",
            "alignment_ratings.csv",
            (
                Column("round", "text", help="round label"),
                Column("leader", "text", help="leader key"),
                Column("dimension", "text", help="alignment dimension code"),
                Column("score", "int", help="1-5"),
            ),
            ("round", "leader", "dimension"),
            "Each leader's agreement rating per dimension and round.",
        ),
        CsvFormat(
            "ownership_beliefs",
            "ownership_beliefs.csv",
            (
                Column("round", "text", help="round label"),
                Column("leader", "text", help="leader key of the person answering"),
                Column("named_owner", "text", required=False, help="leader key named as CX owner; empty = don't know"),
            ),
            ("round", "leader"),
            'Answers to "who owns CX here?" per round.',
        ),
        CsvFormat(
            "targets",
            "targets.csv",
            (
                Column("metric", "text", help="nps|retention|csat|ces"),
                Column("region", "text", required=False, help="region code; empty = company-wide"),
                Column("year", "int"),
                Column("value", "float", help="NPS points, or a share 0-1 for retention and CSAT, or CES mean"),
            ),
            ("metric", "region", "year"),
            "Yearly targets, company-wide or per region.",
        ),
    )
}

LOAD_ORDER: tuple[str, ...] = tuple(FORMATS)
