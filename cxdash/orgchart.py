"""The org chart: reporting lines, the CEO, the CX leader's distance to the CEO, and its Graphviz drawing.

Reporting lines come from data anyone can import, so they may be broken: a cycle, a manager
who is not in the team, or more than one leader without a manager. Each is reported as bad
data in a sentence; nothing here loops forever on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from cxdash.charts.palette import MUTED, PALETTE

Lines = Mapping[str, str | None]

CX_FILL = PALETTE[0]
ACCOUNTABLE_FILL = "#FBE3B3"
PLAIN_FILL = "#FFFFFF"


@dataclass(frozen=True)
class ReportingDistance:
    """Steps up the reporting line from a leader to the CEO (0 for the CEO); None when the line is broken."""

    leader: str
    steps: int | None
    path: tuple[str, ...]
    problem: str | None = None


@dataclass(frozen=True)
class OrgChart:
    """The CEO, leaders in chart order (top-down, depth first), and what is wrong with the reporting lines."""

    ceo: str | None
    order: tuple[str, ...]
    cycles: tuple[tuple[str, ...], ...]
    problems: tuple[str, ...]


def reporting_lines(leaders: pd.DataFrame) -> dict[str, str | None]:
    """Each leader key mapped to their manager's key (None: reports to nobody)."""
    return {
        str(key): (None if boss is None or pd.isna(boss) else str(boss))
        for key, boss in zip(leaders["key"], leaders["reports_to"], strict=True)
    }


def find_cycles(lines: Lines) -> tuple[tuple[str, ...], ...]:
    """Every loop in the reporting lines, once each, starting at its alphabetically first leader."""
    cycles: set[tuple[str, ...]] = set()
    done: set[str] = set()
    for start in lines:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in lines and node not in done and node not in path:
            path.append(node)
            node = lines[node]
        if node is not None and node in path:
            loop = path[path.index(node) :]
            first = loop.index(min(loop))
            cycles.add(tuple(loop[first:] + loop[:first]))
        done.update(path)
    return tuple(sorted(cycles))


def _reports(lines: Lines) -> dict[str, list[str]]:
    children: dict[str, list[str]] = {key: [] for key in lines}
    for key, boss in lines.items():
        if boss is not None and boss in children:
            children[boss].append(key)
    return children


def _below(children: Mapping[str, list[str]], root: str) -> list[str]:
    """Depth-first order under ``root``; a visited set keeps a bad cycle from looping."""
    order: list[str] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node in order:
            continue
        order.append(node)
        stack.extend(reversed(children.get(node, [])))
    return order


def org_chart(lines: Lines) -> OrgChart:
    """The CEO is the one leader who reports to nobody; anything else about the lines is a problem."""
    roots = [key for key, boss in lines.items() if boss is None]
    children = _reports(lines)
    problems = [
        f"{key} reports to {boss}, who is not in the leadership team."
        for key, boss in lines.items()
        if boss is not None and boss not in lines
    ]
    cycles = find_cycles(lines)
    problems += [f"Reporting lines go round in a circle: {' → '.join((*loop, loop[0]))}." for loop in cycles]
    # With several roots the one heading the largest team is the likeliest CEO; ties go by key.
    ranked = sorted(roots, key=lambda r: (-len(_below(children, r)), r))
    ceo = ranked[0] if ranked else None
    if not roots and lines:
        problems.append("Every leader reports to someone, so nobody can be identified as the CEO.")
    elif len(roots) > 1:
        problems.append(
            f"{len(roots)} leaders report to nobody ({', '.join(sorted(roots))}); cxdash treats {ceo} as the CEO. "
            "Set a manager for everyone else."
        )
    order: list[str] = []
    for root in sorted(roots, key=lambda r: r != ceo):
        order += _below(children, root)
    order += [key for key in lines if key not in order]
    return OrgChart(ceo=ceo, order=tuple(order), cycles=cycles, problems=tuple(problems))


def distance_to_ceo(lines: Lines, leader: str, ceo: str | None) -> ReportingDistance:
    """Reporting steps from ``leader`` up to ``ceo``: 1 when the leader reports to the CEO directly."""
    if leader not in lines:
        return ReportingDistance(leader, None, (leader,), f"{leader} is not in the leadership team.")
    path = [leader]
    while path[-1] != ceo:
        boss = lines[path[-1]]
        if boss is None:
            return ReportingDistance(
                leader, None, tuple(path), f"{leader}'s reporting line ends at {path[-1]}, not the CEO."
            )
        if boss not in lines:
            return ReportingDistance(
                leader, None, tuple(path), f"{path[-1]} reports to {boss}, who is not in the team."
            )
        if boss in path:
            loop = " → ".join((*path[path.index(boss) :], boss))
            problem = f"{leader}'s reporting line goes round in a circle ({loop}) and never reaches the CEO."
            return ReportingDistance(leader, None, tuple(path), problem)
        path.append(boss)
    return ReportingDistance(leader, len(path) - 1, tuple(path))


def dot_text(text: str) -> str:
    """Text placed inside a quoted DOT label reads literally: no escapes, quotes or line breaks of its own."""
    flat = " ".join(str(text).split())
    return flat.replace("\\", "\\\\").replace('"', '\\"')


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _label(lines: Iterable[str]) -> str:
    return "\\n".join(dot_text(line) for line in lines)


def org_dot(
    leaders: pd.DataFrame,
    chart: OrgChart,
    *,
    cx_owner: str | None,
    accountable: Mapping[str, int],
    distance: ReportingDistance | None,
) -> str:
    """Graphviz DOT of the reporting lines: the CX leader filled, their line to the CEO bold, owners shaded."""
    names = dict(zip(leaders["key"].astype(str), leaders["name"].astype(str), strict=True))
    lines = reporting_lines(leaders)
    ids = {key: f"n{i}" for i, key in enumerate(chart.order)}
    line_to_ceo = set(zip(distance.path[1:], distance.path[:-1], strict=False)) if distance else set()
    out = [
        "digraph org {",
        '  graph [rankdir=LR, bgcolor="transparent", nodesep=0.25, ranksep=0.45];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=12, '
        f'color="{MUTED}", fillcolor="{PLAIN_FILL}"];',
        f'  edge [arrowhead=none, color="{MUTED}"];',
    ]
    for key in chart.order:
        text = [names.get(key, key)]
        style = ""
        if accountable.get(key):
            text.append(f"accountable for {_count(accountable[key], 'touchpoint')}")
            style = f', fillcolor="{ACCOUNTABLE_FILL}"'
        if key == cx_owner:
            steps = "" if distance is None or distance.steps is None else f" · {_count(distance.steps, 'step')} to CEO"
            text.append(f"CX leader{steps}")
            style = f', fillcolor="{CX_FILL}", fontcolor="white", penwidth=2, color="{CX_FILL}"'
        if key == chart.ceo:
            style += ", peripheries=2"
        out.append(f'  {ids[key]} [label="{_label(text)}"{style}];')
    for key, boss in lines.items():
        if boss is None or boss not in ids:
            continue
        bold = f' [color="{CX_FILL}", penwidth=3]' if (boss, key) in line_to_ceo else ""
        out.append(f"  {ids[boss]} -> {ids[key]}{bold};")
    out.append("}")
    return "\n".join(out)
