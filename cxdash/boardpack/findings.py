"""The executive summary's findings: the attention list's ranking, cut to the top few, in the order the CCO set."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from cxdash.attention import Attention
from cxdash.models import Commentary

# Stored as the company-wide commentary of this pseudo-section: one finding key a line, in the CCO's order.
FINDINGS_SECTION = "findings"
MOST, LEAST = 5, 3
# A slide's body stays readable in the three minutes a board gives it.
WORDS = 60


@dataclass(frozen=True)
class Finding:
    """One finding of the month as the board reads it: a sentence with its figure and certainty."""

    key: str
    topic: str
    severity: str
    sentence: str


def finding(item: Attention) -> Finding:
    """An attention item as a finding; its key stays the same for the same item of the same month."""
    key = hashlib.sha1(f"{item.topic}|{item.text}".encode()).hexdigest()[:10]
    sentence = item.text.replace(" See the Ownership map.", "").strip()
    return Finding(key, item.topic, item.severity, sentence)


@dataclass(frozen=True)
class Choice:
    """The finding keys the CCO chose for a month, in her order, and when she saved them (for lost updates)."""

    keys: tuple[str, ...]
    at: datetime | None


def stored_choice(session: Session, month: date) -> Choice:
    """The CCO's choice of findings for ``month``; no keys when she has not chosen."""
    query = select(Commentary).where(
        Commentary.month == month, Commentary.section == FINDINGS_SECTION, col(Commentary.region_id).is_(None)
    )
    row = session.exec(query.order_by(col(Commentary.at).desc())).first()
    if row is None:
        return Choice((), None)
    return Choice(tuple(line.strip() for line in row.text.splitlines() if line.strip()), row.at)


def by_rule(findings: Sequence[Finding]) -> list[Finding]:
    """The ranking's top findings: at least LEAST, then more while they fit WORDS words, at most MOST."""
    out: list[Finding] = []
    for item in findings[:MOST]:
        words = sum(len(f.sentence.split()) for f in [*out, item])
        if len(out) >= LEAST and words > WORDS:
            break
        out.append(item)
    return out


def chosen(findings: Sequence[Finding], order: Sequence[str] | None) -> list[Finding]:
    """The summary's findings: the CCO's choice in her order, else the ranking's top by rule.

    A choice none of whose findings exist any more (the data changed) falls back to the ranking."""
    by_key = {f.key: f for f in findings}
    picked = [by_key[k] for k in order or () if k in by_key]
    return picked or by_rule(findings)
