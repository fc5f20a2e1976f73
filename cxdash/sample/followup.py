"""The sample's detractor follow-up: a case for every detractor of the last month, in every state.

Cases open the morning after the answer; most are contacted within two days, DACH (whose phone support is
backlogged in the story) slower, and some are never contacted. Drawn from a hash of the response key, so the file is
deterministic and the other sample files are untouched.
"""

from __future__ import annotations

import csv
import zlib
from datetime import date, datetime, timedelta
from pathlib import Path

from cxdash.ingest.followup import FILE_NAME, HEADER
from cxdash.sample.timeline import LAST_MONTH

__all__ = ["FILE_NAME", "write_cases"]
TIME_FORMAT = "%Y-%m-%d %H:%M"
SLOW_REGION, SLOW_BY = "DACH", 40
# Hash bucket (0-9) -> status: 2 in 10 still new, 3 contacted, 3 resolved, 2 no response.
STATUS_BY_BUCKET = ("new", "new", "contacted", "contacted", "contacted", "resolved", "resolved", "resolved",
                    "no_response", "no_response")  # fmt: skip


def _case(key: str, region: str, answered: date) -> dict[str, object]:
    draw = zlib.crc32(key.encode())
    status = STATUS_BY_BUCKET[draw % 10]
    opened = datetime.combine(answered + timedelta(days=1), datetime.min.time()) + timedelta(hours=8)
    wait = timedelta(hours=1 + (draw >> 4) % 60 + (SLOW_BY if region == SLOW_REGION else 0))
    first = None if status == "new" else opened + wait
    closes = first is not None and status in ("resolved", "no_response")
    closed = first + timedelta(hours=24 + (draw >> 12) % 96) if first and closes else None
    return {"response_key": key, "status": status, "opened_at": opened.strftime(TIME_FORMAT),
            "first_contact_at": first.strftime(TIME_FORMAT) if first else "",
            "closed_at": closed.strftime(TIME_FORMAT) if closed else ""}  # fmt: skip


def write_cases(responses_csv: Path, out: Path) -> int:
    """Write a case per detractor (score 0–6) of the sample's last month, read back from ``responses_csv``."""
    prefix = f"{LAST_MONTH:%Y-%m}-"
    with responses_csv.open(encoding="utf-8", newline="") as source, out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, HEADER, lineterminator="\n")
        writer.writeheader()
        count = 0
        for row in csv.DictReader(source):
            if row["responded_on"].startswith(prefix) and int(row["nps"]) <= 6:
                writer.writerow(_case(row["response_key"], row["region"], date.fromisoformat(row["responded_on"])))
                count += 1
    return count
