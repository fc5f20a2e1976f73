"""The sample company's actions on findings: one in every state, one that clearly worked, one lost in noise."""

from __future__ import annotations

HEADER = (
    "title", "region", "touchpoint", "dimension", "raised_month", "owner", "due_on", "status", "drop_reason",
    "done_on", "expected_effect", "notes",
)  # fmt: skip
ROWS: tuple[tuple[str, ...], ...] = (
    # LATAM's move to a central CX team (November 2025): measured against the rest of the company, a real rise.
    ("Move LATAM customer care to the central CX hub", "LATAM", "", "", "2025-09", "CCO", "2026-01-31", "done", "",
     "2026-02-15", "10", "Central team, one playbook, shared queue."),
    # NAE barely moved, and neither did the company: the outcome cannot be told from noise.
    ("Refresh the NAE welcome emails", "NAE", "", "", "2025-06", "CMO", "2025-09-30", "done", "", "2025-10-10",
     "3", ""),
    # Done in September 2026: the three months after it are not all in yet.
    ("Renewal reminders 60 days ahead in UKI", "UKI", "RE_RENEWAL", "", "2026-07", "VP_SALES", "2026-09-30", "done",
     "", "2026-09-20", "", ""),
    ("Clear the DACH phone support backlog", "DACH", "SU_PHONE", "", "2026-10", "VP_SUPPORT", "2026-11-15",
     "in_progress", "", "", "8", "Temporary staff from the EMEA pool."),
    ("Agree one named CX owner at the leadership offsite", "", "", "ownership_clarity", "2026-07", "CEO",
     "2026-10-31", "open", "", "", "", ""),
    ("Name an Accountable leader for billing", "", "US_BILLING", "", "2026-10", "CCO", "2027-01-31", "open", "", "",
     "", ""),
    ("Second chat vendor for APAC", "APAC", "SU_CHAT", "", "2026-06", "VP_APAC", "2026-09-30", "dropped",
     "Procurement cancelled the tender.", "", "", ""),
)  # fmt: skip


def action_rows() -> list[dict[str, object]]:
    """The sample actions as CSV rows (no randomness: other sample files are unaffected)."""
    return [dict(zip(HEADER, row, strict=True)) for row in ROWS]
