"""Every table of the cxdash domain model.

Months are stored as the first day of the month (a ``date``), so that rollups and
retention group and compare the same way on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

GOVERNANCE_MODELS: tuple[str, ...] = ("centralized", "hybrid", "decentralized")
JOURNEY_STAGES: tuple[str, ...] = (
    "Awareness",
    "Purchase",
    "Onboarding",
    "Usage",
    "Support",
    "Renewal",
)
RACI_ROLES: tuple[str, ...] = ("R", "A", "C", "I")
OWNERSHIP_UNIQUE = "uq_ownership_cell_role"
USER_ROLES: tuple[str, ...] = ("admin", "cco", "executive", "regional_manager", "viewer")
TARGET_METRICS: tuple[str, ...] = ("nps", "retention", "csat", "ces")
ALIGNMENT_DIMENSIONS: dict[str, str] = {
    "customer_vision": "Customer vision",
    "ownership_clarity": "Ownership clarity",
    "accountability_metrics": "Accountability & metrics",
    "resourcing": "Resourcing",
    "collaboration": "Cross-functional collaboration",
    "empowerment": "Employee empowerment",
    "data_sharing": "Customer data sharing",
    "ceo_commitment": "CEO commitment",
}


class Region(SQLModel, table=True):
    __tablename__ = "region"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=16)
    name: str = Field(max_length=120)


class GovernanceChange(SQLModel, table=True):
    """From ``effective_from`` on, ``region`` runs CX under ``model``."""

    __tablename__ = "governance_change"
    __table_args__ = (UniqueConstraint("region_id", "effective_from"),)

    id: int | None = Field(default=None, primary_key=True)
    region_id: int = Field(foreign_key="region.id", index=True)
    model: str = Field(max_length=16)
    effective_from: date


class Touchpoint(SQLModel, table=True):
    __tablename__ = "touchpoint"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=32)
    name: str = Field(max_length=120)
    stage: str = Field(max_length=16)
    position: int = 0


class Leader(SQLModel, table=True):
    """A member of the leadership team; ``reports_to_id`` builds the org chart."""

    __tablename__ = "leader"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=32)
    name: str = Field(max_length=120)
    title: str = Field(max_length=120)
    function: str = Field(max_length=60)
    reports_to_id: int | None = Field(default=None, foreign_key="leader.id")


class Ownership(SQLModel, table=True):
    """One role of one leader on one touchpoint; ``version`` protects against lost updates.

    A RACI cell is every row of one (touchpoint, leader): usually one role, two for "A+R".
    """

    __tablename__ = "ownership"
    __table_args__ = (UniqueConstraint("touchpoint_id", "leader_id", "role", name=OWNERSHIP_UNIQUE),)

    id: int | None = Field(default=None, primary_key=True)
    touchpoint_id: int = Field(foreign_key="touchpoint.id", index=True)
    leader_id: int = Field(foreign_key="leader.id", index=True)
    role: str = Field(max_length=1)
    version: int = 1


class SurveyResponse(SQLModel, table=True):
    """One answered survey; ``month`` is derived from ``responded_on`` for rollups."""

    __tablename__ = "survey_response"
    __table_args__ = (
        Index("ix_survey_response_region_month", "region_id", "month"),
        # Comments are a small share of responses: a partial index lets the comments view count and page
        # them without visiting every response of the region (seconds at millions of rows otherwise).
        Index(
            "ix_survey_response_comments",
            "region_id",
            "month",
            "responded_on",
            "id",
            sqlite_where=text("comment IS NOT NULL"),
            postgresql_where=text("comment IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    response_key: str = Field(unique=True, max_length=64)
    customer_key: str = Field(max_length=64)
    region_id: int = Field(foreign_key="region.id")
    touchpoint_id: int = Field(foreign_key="touchpoint.id")
    channel: str = Field(max_length=32)
    responded_on: date
    month: date
    nps: int
    csat: int | None = None
    ces: int | None = None
    comment: str | None = None


class ResponseRollup(SQLModel, table=True):
    """Counts per month, region and touchpoint, kept in step with ``SurveyResponse``."""

    __tablename__ = "response_rollup"
    __table_args__ = (UniqueConstraint("month", "region_id", "touchpoint_id"),)

    id: int | None = Field(default=None, primary_key=True)
    month: date = Field(index=True)
    region_id: int = Field(foreign_key="region.id")
    touchpoint_id: int = Field(foreign_key="touchpoint.id")
    n: int = 0
    promoters: int = 0
    passives: int = 0
    detractors: int = 0
    csat_n: int = 0
    csat_top2: int = 0
    ces_n: int = 0
    ces_sum: int = 0
    # Squares give CES its spread: its interval and Welch's t between months.
    ces_sumsq: int = 0


class RetentionMonth(SQLModel, table=True):
    __tablename__ = "retention_month"
    __table_args__ = (UniqueConstraint("region_id", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    region_id: int = Field(foreign_key="region.id")
    month: date
    customers_start: int
    customers_end: int
    new_customers: int


class AlignmentRound(SQLModel, table=True):
    __tablename__ = "alignment_round"

    id: int | None = Field(default=None, primary_key=True)
    label: str = Field(unique=True, max_length=32)
    held_on: date


class AlignmentRating(SQLModel, table=True):
    __tablename__ = "alignment_rating"
    __table_args__ = (UniqueConstraint("round_id", "leader_id", "dimension"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="alignment_round.id", index=True)
    leader_id: int = Field(foreign_key="leader.id")
    dimension: str = Field(max_length=32)
    score: int


class OwnershipBelief(SQLModel, table=True):
    """A leader's answer to "who owns CX here?"; no named owner means "don't know"."""

    __tablename__ = "ownership_belief"
    __table_args__ = (UniqueConstraint("round_id", "leader_id"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="alignment_round.id", index=True)
    leader_id: int = Field(foreign_key="leader.id")
    named_owner_id: int | None = Field(default=None, foreign_key="leader.id")


class Target(SQLModel, table=True):
    """A yearly target; no region means company-wide."""

    __tablename__ = "target"
    __table_args__ = (
        UniqueConstraint("metric", "region_id", "year"),
        # NULLs never collide in a unique constraint, so company-wide targets need their own unique index.
        Index(
            "ux_target_company",
            "metric",
            "year",
            unique=True,
            sqlite_where=text("region_id IS NULL"),
            postgresql_where=text("region_id IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    metric: str = Field(max_length=16)
    region_id: int | None = Field(default=None, foreign_key="region.id")
    year: int
    value: float


class Commentary(SQLModel, table=True):
    __tablename__ = "commentary"
    # One text per month, section and scope: two first saves at the same instant cannot both land. Two partial
    # indexes, because NULL (company-wide) never equals NULL in a plain unique index.
    __table_args__ = (
        Index("ux_commentary_region", "month", "section", "region_id", unique=True,
              sqlite_where=text("region_id IS NOT NULL"), postgresql_where=text("region_id IS NOT NULL")),
        Index("ux_commentary_company", "month", "section", unique=True,
              sqlite_where=text("region_id IS NULL"), postgresql_where=text("region_id IS NULL")),
    )  # fmt: skip

    id: int | None = Field(default=None, primary_key=True)
    month: date = Field(index=True)
    section: str = Field(max_length=32)
    region_id: int | None = Field(default=None, foreign_key="region.id")
    text: str
    author: str = Field(max_length=64)
    at: datetime


class User(SQLModel, table=True):
    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=64)
    display_name: str = Field(max_length=120)
    email: str | None = Field(default=None, max_length=254, index=True)
    role: str = Field(max_length=20)
    region_id: int | None = Field(default=None, foreign_key="region.id")
    leader_id: int | None = Field(default=None, foreign_key="leader.id")
    password_hash: str | None = None
    active: bool = True


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    # Sign-in reads one name's recent attempts and every page view the last change to the account.
    __table_args__ = (Index("ix_audit_event_entity_key", "entity", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    username: str = Field(max_length=64)
    action: str = Field(max_length=32)
    entity: str = Field(max_length=32)
    key: str = Field(max_length=200)
    detail: str = ""


class ImportBatch(SQLModel, table=True):
    __tablename__ = "import_batch"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    file_name: str = Field(max_length=255)
    sha256: str = Field(max_length=64, index=True)
    rows_read: int = 0
    rows_inserted: int = 0
    rows_updated: int = 0
    rows_skipped: int = 0
    at: datetime
    username: str = Field(max_length=64)


class ImportedResponses(SQLModel, table=True):
    """The responses an import added: ids above ``after_id`` up to ``last_id`` (so the import can be undone)."""

    __tablename__ = "imported_responses"

    batch_id: int = Field(primary_key=True, foreign_key="import_batch.id")
    after_id: int
    last_id: int


class Setting(SQLModel, table=True):
    """Operator settings (thresholds, the designated CX owner) as text by key."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str


class ThemeName(SQLModel, table=True):
    """A name the CCO gave a comment theme, keyed by the theme's three top terms so it survives a refit."""

    __tablename__ = "theme_name"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=200)
    name: str = Field(max_length=80)
    updated_by: str = Field(max_length=64)
    updated_at: datetime


class SourceProfile(SQLModel, table=True):
    """A saved mapping of a survey platform's export onto responses (JSON: field -> column, value -> code)."""

    __tablename__ = "source_profile"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=64)
    kind: str = Field(max_length=32)
    columns: str = "{}"  # "=value" instead of a column name is a constant
    value_maps: str = "{}"  # {"region": {value: code}, "touchpoint": {value: code}}
    date_format: str = Field(default="", max_length=64)
    header_rows: int = 1
    sheet: str = Field(default="", max_length=120)
    updated_at: datetime
    username: str = Field(max_length=64)


class CustomerRecord(SQLModel, table=True):
    """One customer or subscription: a customer from ``started_on`` until ``ended_on`` (None = still one)."""

    __tablename__ = "customer_record"
    id: int | None = Field(default=None, primary_key=True)
    customer_key: str = Field(unique=True, max_length=64)
    region_id: int = Field(foreign_key="region.id", index=True)
    started_on: date
    ended_on: date | None = None


ACTION_STATUSES: tuple[str, ...] = ("open", "in_progress", "done", "dropped")


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Action(SQLModel, table=True):
    """What a leader committed to do about a finding (a region, touchpoint or alignment dimension in a month)."""

    __tablename__ = "cx_action"
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    region_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    touchpoint_id: int | None = Field(default=None, foreign_key="touchpoint.id", index=True)
    dimension: str | None = Field(default=None, max_length=32)
    raised_month: date
    owner_id: int = Field(foreign_key="leader.id", index=True)
    created_by: str = Field(max_length=64)
    due_on: date
    status: str = Field(default="open", max_length=16, index=True)
    drop_reason: str = ""
    done_on: date | None = None
    expected_effect: float | None = None
    notes: str = ""
    version: int = 1
    created_at: datetime = Field(default_factory=_now)
    updated_at: datetime = Field(default_factory=_now)


FOLLOWUP_STATUSES: tuple[str, ...] = ("new", "contacted", "resolved", "no_response")


class FollowUpCase(SQLModel, table=True):
    """A detractor (score 0–6) to call back: one case per response, in the response's region and month.

    ``first_contact_at`` is the first time the case left ``new`` (a contact attempt was made); ``closed_at`` when it
    became resolved or no response. The response is named by its key, not a foreign key, so that undoing an import
    never fails on, or silently erases, the follow-up history of its detractors.
    """

    __tablename__ = "followup_case"
    __table_args__ = (Index("ix_followup_case_queue", "region_id", "status", "opened_at"),)
    id: int | None = Field(default=None, primary_key=True)
    response_key: str = Field(unique=True, max_length=64)
    region_id: int = Field(foreign_key="region.id")
    month: date = Field(index=True)
    nps: int
    status: str = Field(default="new", max_length=16)
    assignee_id: int | None = Field(default=None, foreign_key="app_user.id")
    opened_at: datetime
    first_contact_at: datetime | None = None
    closed_at: datetime | None = None
    version: int = 1
