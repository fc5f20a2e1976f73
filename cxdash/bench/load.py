"""The capacity test's bookkeeping (benchmarks/load.py): what each simulated user does, and the percentiles it
reports, kept apart from the sockets so a fast test can check both.

A *page run* is one script run of a page in a real server, from the click (a page switch or a changed filter)
to Streamlit's ``script_finished``; the budget is on its 95th percentile with 20 users signed in at once.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

BUDGET_USERS = 20
BUDGET_P95_S = 2.0
MAX_USERS = 60  # threads in one process; a bounded test never starts hundreds of sessions
MAX_RUNS = 100  # page runs per session
SIGN_IN = "sign-in"


@dataclass(frozen=True)
class Step:
    """One click: open ``page`` (url path, "" for the Overview), or, with ``option``, choose that option in the
    page's filter ``label`` (an index into its options, so the plan needs no database); then think ``think_s``."""

    page: str
    label: str | None = None
    option: int = 0
    think_s: float = 0.0


def session_plan(filters: Mapping[str, str | None], *, runs: int, think_s: float, seed: int) -> list[Step]:
    """A user's ``runs`` clicks: a switch to another page, then, on pages with a filter, a change of it, and so on;
    pauses drawn uniformly from half to one and a half times ``think_s``. The same seed gives the same plan."""
    if not 1 <= runs <= MAX_RUNS:
        raise ValueError(f"runs per session must be 1 to {MAX_RUNS} (got {runs})")
    rng = random.Random(seed)
    pages = list(filters)
    steps: list[Step] = []
    page = rng.choice(pages)
    while len(steps) < runs:
        label = filters[page]
        if steps and steps[-1].label is None and label is not None:
            step = Step(page, label, rng.randrange(1_000), rng.uniform(0.5, 1.5) * think_s)
        else:
            page = rng.choice([p for p in pages if p != page] or pages)
            step = Step(page, None, 0, rng.uniform(0.5, 1.5) * think_s)
        steps.append(step)
    return steps


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank percentile: the smallest value with at least q% of the values at or below it."""
    if not values:
        raise ValueError("no values")
    if not 0 < q <= 100:
        raise ValueError(f"q must be in (0, 100] (got {q})")
    ordered = sorted(values)
    return ordered[max(math.ceil(q / 100 * len(ordered)), 1) - 1]


@dataclass(frozen=True)
class Level:
    """What N users did at once: seconds per page run by page (SIGN_IN for signing in), steps done of those
    planned (fewer when the time limit ended the level), errors, and the machine's load average meanwhile."""

    users: int
    times: Mapping[str, Sequence[float]]
    done: int
    planned: int
    errors: int = 0
    load_average: float = 0.0

    def pages(self) -> list[str]:
        return [p for p in self.times if p != SIGN_IN and self.times[p]]

    def worst_p95(self) -> float:
        """The slowest page's 95th percentile (sign-in left out: it is timed, not budgeted)."""
        return max((percentile(self.times[p], 95) for p in self.pages()), default=math.inf)


def met(level: Level) -> bool:
    """The budget holds when every page's p95 is within it and no step failed or was cut short."""
    return level.worst_p95() <= BUDGET_P95_S and level.errors == 0 and level.done == level.planned


def _cell(times: Sequence[float]) -> str:
    if not times:
        return "—"
    return f"{percentile(times, 50):.2f} / {percentile(times, 95):.2f}"


def table(levels: Sequence[Level]) -> str:
    """A Markdown table: p50 / p95 seconds per page and number of users, then steps done, errors, load average,
    and the verdict at the budget's number of users (and at every other)."""
    pages = sorted({p for lv in levels for p in lv.pages()}, key=lambda p: (p != "overview", p))
    head = " | ".join(f"{lv.users} user{'s' * (lv.users != 1)}" for lv in levels)
    lines = [f"| page run, p50 / p95 s | {head} |", "|---|" + "---:|" * len(levels)]
    for page in [*pages, SIGN_IN]:
        lines.append(f"| {page} | " + " | ".join(_cell(lv.times.get(page, ())) for lv in levels) + " |")
    lines.append("| page runs done / planned | " + " | ".join(f"{lv.done} / {lv.planned}" for lv in levels) + " |")
    lines.append("| errors | " + " | ".join(str(lv.errors) for lv in levels) + " |")
    lines.append("| load average (1 min) | " + " | ".join(f"{lv.load_average:.1f}" for lv in levels) + " |")
    verdicts = " | ".join(("met" if met(lv) else "missed") if lv.users <= BUDGET_USERS else "—" for lv in levels)
    lines.append(f"| every page p95 ≤ {BUDGET_P95_S:g} s | {verdicts} |")
    return "\n".join(lines)


def verdict(levels: Sequence[Level]) -> str:
    """One line on the budget: 20 users at once, every page's p95 within 2 s."""
    at = [lv for lv in levels if lv.users == BUDGET_USERS]
    if not at:
        return f"budget not measured: no level with {BUDGET_USERS} users"
    level = at[0]
    word = "met" if met(level) else "MISSED"
    return (f"{word}: {BUDGET_USERS} users, slowest page p95 {level.worst_p95():.2f} s (budget {BUDGET_P95_S:g} s), "
            f"{level.done} of {level.planned} page runs, {level.errors} errors")  # fmt: skip
