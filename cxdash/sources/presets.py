"""Presets for common survey-platform exports, and a proposed mapping from a file's column names.

A preset fixes what the platform fixes (its header rows, its response id and date columns,
its date format); the survey's own questions and fields are found by ``propose``.
"""

from __future__ import annotations

import re

from cxdash.sources.profile import CONSTANT, CUSTOMER_FIELDS, FIELDS, Profile

PRESETS: dict[str, Profile] = {
    "qualtrics": Profile(
        name="qualtrics",
        columns={"response_key": "ResponseId", "responded_on": "RecordedDate"},
        header_rows=3,
    ),
    "surveymonkey": Profile(
        name="surveymonkey",
        columns={"response_key": "Respondent ID", "responded_on": "End Date"},
        date_format="%m/%d/%Y %I:%M:%S %p",
        header_rows=2,
    ),
    "typeform": Profile(name="typeform", columns={"response_key": "#", "responded_on": "Submitted At"}),
    "delighted": Profile(
        name="delighted",
        columns={"response_key": "Response ID", "responded_on": "Created At", "nps": "Score", "comment": "Comment"},
    ),
}
# cxdash's own layout of customer records; a CRM or billing export is mapped onto it like a survey export.
CUSTOMERS_PRESET = Profile(name="customers", kind="customers", columns={f: f for f in CUSTOMER_FIELDS})
PRESET_NOTES: dict[str, str] = {
    "qualtrics": "Qualtrics CSV or .xlsx: three header rows (column IDs, question text, ImportId JSON); "
    "ResponseId, RecordedDate; numeric values or choice text such as '10 - Extremely likely'.",
    "surveymonkey": "SurveyMonkey 'All responses' CSV or .xlsx: two header rows (question, then answer option); "
    "Respondent ID, End Date as MM/DD/YYYY hh:mm:ss AM.",
    "typeform": "Typeform CSV or .xlsx: one header row of question texts; '#' is the response id, "
    "'Submitted At' (or 'Submit Date (UTC)') the date.",
    "delighted": "Delighted CSV: Response ID, Score, Comment, Created At, then one column per person property.",
}

# Tried in this order, each column used once: a later field never takes a column an earlier one matched.
_PATTERNS: dict[str, str] = {
    "response_key": r"^(response ?id|respondent ?id|#|response_key|token)$",
    "responded_on": r"recorded ?date|submit(ted)? (at|date)|created at|end ?date|responded_on|^date$",
    "nps": r"likely.*recommend|recommend|\bnps\b|^score$",
    "csat": r"satisf|\bcsat\b",
    "ces": r"\beasy\b|\beffort\b|\bces\b",
    "customer_key": r"customer|externalreference|external reference|person id|account",
    "region": r"region|country|market",
    "touchpoint": r"touchpoint|journey|interaction",
    "channel": r"^(distribution ?)?channel$",
    "comment": r"comment|\bwhy\b|feedback|reason|tell us",
}
_NEVER = re.compile(r"_nps_group$|^q_|status|progress|duration|finished|ipaddress|ip address", re.IGNORECASE)


def _matches(pattern: str, label: str) -> bool:
    return re.search(pattern, label, re.IGNORECASE) is not None


def propose(names: list[str], descriptions: list[str], preset: Profile | None = None) -> dict[str, str]:
    """A mapping of every cxdash field the file's column names (or question texts) suggest; presets first."""
    fixed = dict(preset.columns) if preset else {}
    columns = {f: c for f, c in fixed.items() if c.startswith(CONSTANT) or c in names}
    taken = set(columns.values())
    labels = [(n, f"{n} {d}".strip()) for n, d in zip(names, [*descriptions, *[""] * len(names)], strict=False)]
    for name, pattern in _PATTERNS.items():
        if name in columns:
            continue
        exact = [n for n, _ in labels if n not in taken and _matches(pattern, n) and not _NEVER.search(n)]
        loose = [n for n, label in labels if n not in taken and _matches(pattern, label) and not _NEVER.search(n)]
        found = (exact or loose)[:1]
        if found:
            columns[name] = found[0]
            taken.add(found[0])
    if "channel" not in columns and preset is not None:
        columns["channel"] = CONSTANT + preset.name
    return {name: columns[name] for name in FIELDS if name in columns}


# Tried in this order per field, so "Customer ID" wins over a subscription's own "id".
_CUSTOMER_PATTERNS: dict[str, tuple[str, ...]] = {
    "customer_key": ("^customer_key$", r"customer ?id|account ?id|client ?id", r"^customer$|^account$", r"^id$"),
    "region": ("^region$", "region|country|market"),
    "started_on": ("^started_on$", r"since|start ?date|joined|sign ?up", r"start|created"),
    "ended_on": ("^ended_on$", r"cancel|churn", r"ended|end ?date|closed"),
}


def propose_customers(names: list[str]) -> dict[str, str]:
    """A customer-records mapping from column names (a CRM or billing export), each column used once."""
    columns: dict[str, str] = {}
    for name, patterns in _CUSTOMER_PATTERNS.items():
        for pattern in patterns:
            found = [n for n in names if n not in columns.values() and _matches(pattern, n)]
            if found:
                columns[name] = found[0]
                break
    return columns


def detect(first_rows: list[list[str]]) -> str | None:
    """The preset whose layout the first rows of a file have, or None."""
    if not first_rows:
        return None
    top = {cell.strip() for cell in first_rows[0]}
    third = first_rows[2][0] if len(first_rows) > 2 and first_rows[2] else ""
    if "ResponseId" in top or third.startswith('{"ImportId"'):
        return "qualtrics"
    if "Respondent ID" in top:
        return "surveymonkey"
    if {"Response ID", "Score"} <= top:
        return "delighted"
    if "#" in top and top & {"Submitted At", "Submit Date (UTC)"}:
        return "typeform"
    return None
