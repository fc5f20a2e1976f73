"""What the Data page shows: formats, import outcomes, import history and the audit log."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlmodel import Session

from cxdash import permissions
from cxdash.ingest import FORMATS, ImportReport
from cxdash.ingest.docs import column_rows
from cxdash.queries import data as queries

KIND_LABELS: dict[str, str] = {
    "responses": "Survey responses",
    "retention": "Retention counts",
    "regions": "Regions",
    "touchpoints": "Touchpoints",
    "leaders": "Leaders",
    "ownership": "Ownership (RACI)",
    "governance": "Governance history",
    "alignment_rounds": "Alignment rounds",
    "alignment_ratings": "Alignment ratings",
    "ownership_beliefs": "Ownership answers",
    "targets": "Targets",
}
MODE_LABELS = {
    "skip": "Skip them (keep what is stored)",
    "update": "Update them with the file's values",
}
ALL = "All"
HISTORY_FILTERS = {"kind": "Kind", "username": "User"}
AUDIT_FILTERS = {"entity": "Entity", "action": "Action", "username": "User"}
HISTORY_LIMIT, AUDIT_LIMIT = queries.HISTORY_LIMIT, queries.AUDIT_LIMIT


def kinds() -> list[str]:
    """Importable kinds in the order the page offers them (most frequent imports first)."""
    return [kind for kind in KIND_LABELS if kind in FORMATS]


def format_table(kind: str) -> pd.DataFrame:
    """The documented columns of ``kind``: name, required, format, meaning, example; a column that names a row of
    another import says which import by its label ("round label, as in Alignment rounds")."""
    rows = column_rows(kind)
    for row in rows:
        for other, label in KIND_LABELS.items():
            if other in FORMATS:
                row["format"] = row["format"].replace(f" ({FORMATS[other].file_name})", f", as in {label}")
    return pd.DataFrame(rows).rename(columns=str.capitalize)


def columns_heading(kind: str) -> str:
    """The heading over a kind's column list, by its label (never its file or table name)."""
    return f"Columns of a {KIND_LABELS.get(kind, kind).lower()} file"


def outcome(report: ImportReport) -> tuple[str, str]:
    """How to show an import's summary: ``error``, ``info`` (nothing changed) or ``success``, and the sentence."""
    if not report.ok:
        return "error", report.summary()
    return ("success" if report.changed else "info"), report.summary()


def _chosen(value: str) -> str | None:
    return None if value == ALL else value


def history_choices(session: Session, actor: permissions.Actor) -> dict[str, list[str]]:
    """Filter options for the import history; it shows who loaded what, so it needs the audit-log right."""
    permissions.require(actor, "view_audit_log")
    return {name: [ALL, *values] for name, values in queries.history_choices(session).items()}


def history(
    session: Session,
    actor: permissions.Actor,
    kind: str = ALL,
    username: str = ALL,
    since: date | None = None,
    until: date | None = None,
) -> pd.DataFrame:
    """Import batches matching the filters (``All`` means any), newest first; only for roles that may read it."""
    permissions.require(actor, "view_audit_log")
    return queries.import_history(session, kind=_chosen(kind), username=_chosen(username), since=since, until=until)


HISTORY_HEADINGS = {
    "at": "When (UTC)", "id": "Import", "kind": "What", "file_name": "File", "username": "By", "rows_read": "Rows read",
    "rows_inserted": "New", "rows_updated": "Updated", "rows_skipped": "Unchanged or skipped", "sha256": "SHA-256",
}  # fmt: skip
AUDIT_HEADINGS = {
    "at": "When (UTC)", "username": "By", "action": "Action", "entity": "What", "key": "Which", "detail": "Detail",
}  # fmt: skip


# What else the import history and the audit log name by a table or code name.
OTHER_LABELS = {
    "actions": "Actions", "followup_cases": "Follow-up cases", "followup_case": "Follow-up case",
    "customers": "Customer records", "alignment_round": "Alignment round", "alignment_rating": "Alignment rating",
    "theme_name": "Theme name", "source_profile": "Source profile", "setting": "Setting", "session": "Sign-in",
    "user": "User", "commentary": "Commentary", "ownership_change": "Ownership change",
    "governance_change": "Governance change", "target": "Target", "action": "Action",
}  # fmt: skip


def label(value: str) -> str:
    """A kind of data as people call it ("Alignment rounds"), not its table name; other values as they are."""
    return KIND_LABELS.get(value) or OTHER_LABELS.get(value, value)


def readable(table: pd.DataFrame, headings: dict[str, str]) -> pd.DataFrame:
    """The import history or the audit log as shown: headings in words and kinds of data by their labels."""
    out = table.copy()
    for column in ("kind", "entity"):
        if column in out:
            out[column] = out[column].map(label)
    return out.rename(columns=headings)


def shown_count(table: pd.DataFrame, what: str, limit: int) -> str:
    """How many rows a filtered table shows, and that older ones are left out when it reaches its limit."""
    if len(table) >= limit:
        return f"The latest {limit:,} {what}s, newest first (times in UTC); narrow the filters to see older ones."
    return f"{len(table):,} {what}(s), newest first; times in UTC."


def audit_choices(session: Session, actor: permissions.Actor) -> dict[str, list[str]]:
    """Filter options for the audit log; only for roles that may read it."""
    permissions.require(actor, "view_audit_log")
    return {name: [ALL, *values] for name, values in queries.audit_choices(session).items()}


def audit_log(
    session: Session,
    actor: permissions.Actor,
    entity: str,
    action: str,
    username: str,
    since: date | None,
    until: date | None,
) -> pd.DataFrame:
    """Audit events matching the filters (``All`` means any), newest first; only for roles that may read it."""
    permissions.require(actor, "view_audit_log")
    return queries.audit_events(
        session, entity=_chosen(entity), action=_chosen(action), username=_chosen(username), since=since, until=until
    )


def deletable_imports(session: Session, actor: permissions.Actor) -> dict[int, str]:
    """Response imports an admin may undo, newest first, each named by id, time, file, user and size."""
    permissions.require(actor, "import_data")
    rows = queries.deletable_imports(session).to_dict("records")
    return {
        int(r["id"]): f"#{r['id']} · {r['at']:%Y-%m-%d %H:%M} UTC · {r['file_name']} · {r['username']} · "
        f"{r['rows_inserted']:,} new response(s)"
        for r in rows
    }
