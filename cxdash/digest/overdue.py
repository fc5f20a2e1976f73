"""The digest's list of overdue actions, owner by owner, in HTML (every text escaped) and in plain text."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from cxdash.views.action_report import OverdueAction

Overdue = Mapping[str, Sequence[OverdueAction]]


def _line(action: OverdueAction) -> str:
    return f"{action.title} (due {action.due_on:%d %b %Y}, {action.days_late} days late)"


def overdue_html(overdue: Overdue) -> str:
    """“Overdue actions” with each owner's overdue actions under their name; a sentence when there are none."""
    head = '<h2 style="font-size: 18px; color: #0072B2;">Overdue actions</h2>'
    if not overdue:
        return head + "<p>No action is overdue.</p>"
    parts = [head]
    for owner, actions in overdue.items():
        items = "".join(f"<li>{html.escape(_line(a), quote=True)}</li>" for a in actions)
        parts.append(f"<p><strong>{html.escape(owner, quote=True)}</strong></p><ul>{items}</ul>")
    return "".join(parts)


def overdue_text(overdue: Overdue) -> list[str]:
    """The same list as plain-text lines."""
    if not overdue:
        return ["Overdue actions", "No action is overdue.", ""]
    lines = ["Overdue actions"]
    for owner, actions in overdue.items():
        lines += [f"{owner}:", *(f"- {_line(a)}" for a in actions)]
    return [*lines, ""]
