"""Every role against every action, as the README's roles table says, checked in cxdash itself (not the pages).

The expected table is written out from the README here, not read from ``permissions``: the two must agree.
Each write is called as each role on one database; a refused call must raise PermissionDenied and change
no row, an allowed one must go through and change something.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from cxdash import audit, auth, commentary, db, ingest, permissions
from cxdash.alignment import rater_names
from cxdash.edits import actions as action_edits
from cxdash.edits import alignment, governance
from cxdash.edits import followup as followup_edits
from cxdash.edits.ownership import change_role
from cxdash.edits.themes import rename_theme
from cxdash.models import ALIGNMENT_DIMENSIONS, GOVERNANCE_MODELS, Action, FollowUpCase, GovernanceChange, Region
from cxdash.permissions import Actor, PermissionDenied
from cxdash.queries import alignment as alignment_queries
from cxdash.queries import ownership as ownership_queries
from cxdash.queries.alignment import leader_ratings
from cxdash.queries.comments import comments
from cxdash.views import alignment as alignment_view
from cxdash.views import data as data_view
from cxdash.views import followup as followup_view
from cxdash.views import users as users_view
from tests.ingest.helpers import RESPONSE_HEADER, TODAY, load_base, snapshot

ROLES = ("admin", "cco", "executive", "regional_manager", "viewer")
STAFF = {"admin", "cco", "executive", "regional_manager"}
ACTORS = {
    "admin": Actor("m-admin", "admin"),
    "cco": Actor("m-cco", "cco"),
    "executive": Actor("m-exec", "executive", leader_key="CEO"),
    "regional_manager": Actor("m-rm", "regional_manager", region="NORTH"),
    "viewer": Actor("m-viewer", "viewer"),
}
# README, roles: who may take each action (a regional manager only for their own region where marked).
EXPECTED: dict[str, set[str]] = {
    "import_data": {"admin"},
    "manage_users": {"admin"},
    "edit_ownership": {"admin", "cco"},
    "edit_governance": {"admin", "cco"},
    "edit_targets": {"admin", "cco"},
    "edit_settings": {"admin", "cco"},
    "manage_alignment_rounds": {"admin", "cco"},
    "enter_alignment_ratings": {"admin", "cco", "executive"},
    "edit_commentary": STAFF,
    "view_comments": STAFF,
    "view_individual_ratings": {"admin", "cco"},
    "view_audit_log": {"admin", "cco"},
    "name_themes": {"admin", "cco"},
    "manage_actions": {"admin", "cco"},
    "edit_own_actions": {"admin", "cco", "executive"},
    "edit_region_actions": {"admin", "cco", "regional_manager"},
    "view_action_detail": STAFF,
    "manage_followup": {"admin", "cco", "regional_manager"},
}
OWN_REGION_ONLY = {"edit_commentary", "view_comments", "edit_region_actions", "manage_followup"}


def test_the_matrix_names_every_action() -> None:
    assert set(permissions.ACTIONS) == set(EXPECTED)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_can_says_what_design_says(action: str, role: str) -> None:
    actor = ACTORS[role]
    assert permissions.can(actor, action, region="NORTH") is (role in EXPECTED[action])
    other_region = role in EXPECTED[action] and not (role == "regional_manager" and action in OWN_REGION_ONLY)
    assert permissions.can(actor, action, region="SOUTH") is other_region


@dataclass(frozen=True)
class Write:
    """One write function, how to call it (``n`` keeps repeated allowed calls distinct) and who may."""

    name: str
    allowed: set[str]
    call: Callable[[Engine, Actor, int], object]


def _in_session(fn: Callable[..., object], **values: object) -> Callable[[Engine, Actor, int], object]:
    def call(engine: Engine, actor: Actor, n: int) -> object:
        with db.session(engine) as session:
            return fn(session, actor=actor, **{k: v(n) if callable(v) else v for k, v in values.items()})

    return call


def _import(engine: Engine, actor: Actor, n: int) -> object:
    report = ingest.import_file(engine, "regions", f"code,name\nNEW{n},New {n}\n".encode(), actor=actor)
    assert report.ok and report.changed
    return report


def _ownership(engine: Engine, actor: Actor, n: int) -> object:
    with db.session(engine) as session:
        loaded = ownership_queries.cell(session, touchpoint="PHONE", leader="CCO")
        role = next(r for r in "RCI" if r != loaded.role)
        outcome = change_role(session, actor=actor, loaded=loaded, role=role)
    assert outcome.status == "saved", outcome.message
    return outcome


def _add_change(engine: Engine, actor: Actor, n: int) -> object:
    with db.session(engine) as session:
        north = session.exec(select(Region).where(Region.code == "NORTH")).one()
        last = session.exec(
            select(GovernanceChange)
            .where(GovernanceChange.region_id == north.id)
            .order_by(col(GovernanceChange.effective_from).desc())
        ).first()
        model = next(m for m in GOVERNANCE_MODELS if last is None or m != last.model)
        since = date(2025, n + 1, 1)
        return governance.add_change(session, actor=actor, region="NORTH", model=model, effective_from=since)


def _south_change(session: Session, n: int) -> GovernanceChange:
    """The n-th change made for SOUTH in ``base``: each role edits its own, so allowed edits do not collide."""
    south = session.exec(select(Region).where(Region.code == "SOUTH")).one()
    made = GovernanceChange.effective_from == date(2019, n + 1, 1)
    return session.exec(select(GovernanceChange).where(GovernanceChange.region_id == south.id, made)).one()


def _update_change(engine: Engine, actor: Actor, n: int) -> object:
    with db.session(engine) as session:
        change = _south_change(session, n)
        moved = change.effective_from.replace(day=2)
        assert change.id is not None
        return governance.update_change(
            session, actor=actor, change_id=change.id, model=change.model, effective_from=moved
        )


def _delete_change(engine: Engine, actor: Actor, n: int) -> object:
    with db.session(engine) as session:
        change_id = _south_change(session, n).id
        assert change_id is not None
        return governance.delete_change(session, actor=actor, change_id=change_id)


def _answers(leader: Callable[[Actor], str]) -> Callable[[Engine, Actor, int], object]:
    def call(engine: Engine, actor: Actor, n: int) -> object:
        scores = {d: 1 + (n + i) % 5 for i, d in enumerate(ALIGNMENT_DIMENSIONS)}
        with db.session(engine) as session:
            return alignment.enter_answers(
                session, actor=actor, round_label="2026-Q3", leader=leader(actor), scores=scores,
                named_owner="CCO", replace=True,
            )  # fmt: skip

    return call


def _commentary(region: str | None) -> Callable[[Engine, Actor, int], object]:
    return _in_session(
        commentary.save, month=lambda n: date(2026, n + 1, 1), section="overview", text="Steady month.", region=region
    )


def _new_action(region: str | None, touchpoint: str | None = None) -> Callable[[Engine, Actor, int], object]:
    def call(engine: Engine, actor: Actor, n: int) -> object:
        draft = action_edits.ActionDraft(
            title=f"Fix {n}", raised_month=date(2026, 10, 1), owner="CCO", due_on=date(2026, 12, 1),
            region=region, touchpoint=touchpoint,
        )  # fmt: skip
        with db.session(engine) as session:
            return action_edits.create_action(session, actor=actor, draft=draft)

    return call


def _action_status(kind: str) -> Callable[[Engine, Actor, int], object]:
    """Start the n-th fixture action of ``kind`` (each role its own, so allowed saves do not collide)."""

    def call(engine: Engine, actor: Actor, n: int) -> object:
        with db.session(engine) as session:
            row = session.exec(select(Action).where(Action.title == f"{kind} {n}")).one()
            assert row.id is not None
            return action_edits.set_status(
                session, actor=actor, action_id=row.id, version=row.version, status="in_progress"
            )

    return call


def _open_cases(region: str | None) -> Callable[[Engine, Actor, int], object]:
    """Open the cases of month n + 1 (each role its own month, holding a detractor in NORTH and in SOUTH)."""
    return _in_session(followup_edits.open_cases, month=lambda n: date(2026, n + 1, 1), region=region)


def _update_case(region: str) -> Callable[[Engine, Actor, int], object]:
    """Mark the n-th June case of ``region`` contacted (each role its own, so allowed saves do not collide)."""

    def call(engine: Engine, actor: Actor, n: int) -> object:
        with db.session(engine) as session:
            ident = session.exec(select(Region.id).where(Region.code == region)).one()
            mine = select(FollowUpCase).where(FollowUpCase.region_id == ident, FollowUpCase.month == JUNE)
            case = session.exec(mine.order_by(col(FollowUpCase.id)).offset(n)).first()
            assert case is not None and case.id is not None
            return followup_edits.update_case(
                session, actor=actor, case_id=case.id, version=case.version, status="contacted", assignee=None
            )

    return call


JUNE = date(2026, 6, 1)
WRITES = [
    Write("ingest.import_file", {"admin"}, _import),
    Write(
        "auth.add_user",
        {"admin"},
        _in_session(
            auth.add_user,
            username=lambda n: f"new{n}",
            display_name="New",
            role="viewer",
            password="long enough pw",
        ),
    ),
    Write("auth.set_role", {"admin"}, _in_session(auth.set_role, username=lambda n: f"target{n}", role="cco")),
    Write("auth.deactivate", {"admin"}, _in_session(auth.deactivate, username=lambda n: f"target{n}")),
    Write(
        "auth.reset_password",
        {"admin"},
        _in_session(
            auth.reset_password,
            username=lambda n: f"target{n}",
            password="another long one",
        ),
    ),
    Write("ownership.change_role", {"admin", "cco"}, _ownership),
    Write("governance.add_change", {"admin", "cco"}, _add_change),
    Write("governance.update_change", {"admin", "cco"}, _update_change),
    Write("governance.delete_change", {"admin", "cco"}, _delete_change),
    Write(
        "alignment.set_cx_owner",
        {"admin", "cco"},
        _in_session(
            alignment.set_cx_owner,
            leader=lambda n: ("CEO", "CCO")[n % 2],
        ),
    ),
    Write(
        "alignment.create_round",
        {"admin", "cco"},
        _in_session(
            alignment.create_round,
            label=lambda n: f"2027-R{n}",
            held_on=date(2026, 10, 1),
        ),
    ),
    Write(
        "alignment.import_csv",
        {"admin", "cco"},
        lambda engine, actor, n: alignment.import_csv(
            engine,
            actor=actor,
            kind="alignment_rounds",
            data=f"label,held_on\nIMP{n},2026-10-0{n + 1}\n".encode(),
            file_name="rounds.csv",
        ),
    ),
    Write("alignment.enter_answers (own)", {"admin", "cco", "executive"}, _answers(lambda a: a.leader_key or "CEO")),
    Write("alignment.enter_answers (another leader)", {"admin", "cco"}, _answers(lambda a: "CCO")),
    Write("commentary.save (company-wide)", {"admin", "cco", "executive"}, _commentary(None)),
    Write("themes.rename", {"admin", "cco"}, _in_session(rename_theme, key="a|b|c", name=lambda n: f"Theme {n}")),
    Write("commentary.save (own region)", STAFF, _commentary("NORTH")),
    Write("actions.create (own region)", {"admin", "cco", "regional_manager"}, _new_action("NORTH")),
    Write("actions.create (another region)", {"admin", "cco"}, _new_action("SOUTH")),
    Write("actions.create (company-wide)", {"admin", "cco"}, _new_action(None, "PHONE")),
    Write("actions.set_status (own action)", {"admin", "cco", "executive"}, _action_status("CEO in SOUTH")),
    Write("actions.set_status (own region)", {"admin", "cco", "regional_manager"}, _action_status("CCO in NORTH")),
    Write("commentary.save (another region)", {"admin", "cco", "executive"}, _commentary("SOUTH")),
    Write("followup.open_cases (own region)", {"admin", "cco", "regional_manager"}, _open_cases("NORTH")),
    Write("followup.open_cases (another region)", {"admin", "cco"}, _open_cases("SOUTH")),
    Write("followup.open_cases (every region)", {"admin", "cco"}, _open_cases(None)),
    Write("followup.update_case (own region)", {"admin", "cco", "regional_manager"}, _update_case("NORTH")),
    Write("followup.update_case (another region)", {"admin", "cco"}, _update_case("SOUTH")),
]


@pytest.fixture
def base(engine: Engine) -> Engine:
    """The small data set with a comment in each region, an admin, accounts and governance changes to edit."""
    load_base(engine)
    # A detractor in each region in each of months 1-5 (one month per role to open) and five of each in June.
    detractors = [f"D{r}{m}{i},K{r}{m}{i},{r},WEB,web,2026-{m:02d}-0{i + 1},3,,,\n"
                  for r in ("NORTH", "SOUTH") for m in range(1, 7) for i in range(5 if m == 6 else 1)]  # fmt: skip
    north = RESPONSE_HEADER + "R3,C3,NORTH,WEB,web,2026-10-05,9,,,Quick and friendly\n" + "".join(detractors)
    assert ingest.import_file(engine, "responses", north.encode(), today=TODAY).ok
    with db.session(engine) as session:
        setup = Actor("setup", "admin")
        # Single-sign-on accounts: no argon2 hashing, which would make this fixture slow.
        for name, role in [("boss", "admin")] + [(f"target{n}", "viewer") for n in range(len(ROLES))]:
            auth.add_user(session, actor=setup, username=name, display_name=name, role=role, email=f"{name}@x.example")
        for n, model in enumerate(("hybrid", "centralized") * 3):
            since = date(2019, n + 1, 1)
            governance.add_change(session, actor=setup, region="SOUTH", model=model, effective_from=since)
        for n in range(len(ROLES)):
            for owner, region in (("CEO", "SOUTH"), ("CCO", "NORTH")):
                draft = action_edits.ActionDraft(
                    title=f"{owner} in {region} {n}", raised_month=date(2026, 9, 1), owner=owner,
                    due_on=date(2026, 11, 30), region=region,
                )  # fmt: skip
                action_edits.create_action(session, actor=setup, draft=draft)
        followup_edits.open_cases(session, actor=setup, month=JUNE)
    return engine


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.name)
def test_each_role_may_write_exactly_what_design_allows(base: Engine, write: Write) -> None:
    problems = []
    for n, role in enumerate(ROLES):
        before = snapshot(base)
        try:
            write.call(base, ACTORS[role], n)
        except PermissionDenied as refusal:
            if role in write.allowed:
                problems.append(f"{role} was refused: {refusal}")
            elif snapshot(base) != before:
                problems.append(f"{role} was refused but the database changed")
            continue
        if role not in write.allowed:
            problems.append(f"{role} was allowed")
        elif snapshot(base) == before:
            problems.append(f"{role} was allowed but nothing changed")
    assert problems == []


@dataclass(frozen=True)
class Read:
    """A read that returns response-level or restricted detail, and who may make it."""

    name: str
    allowed: set[str]
    call: Callable[[Session, Actor], object]  # a frame or a mapping, never empty in ``base`` for those allowed


SPAN = {"month_from": date(2026, 1, 1), "month_to": date(2026, 12, 1)}


def _comments(region: str) -> Callable[[Session, Actor], object]:
    return lambda session, actor: comments(session, actor=actor, region=region, **SPAN)[0]


READS = [
    Read("comments of NORTH", STAFF, _comments("NORTH")),
    Read("comments of SOUTH", {"admin", "cco", "executive"}, _comments("SOUTH")),
    Read("audit log", {"admin", "cco"}, lambda s, a: data_view.audit_log(s, a, "All", "All", "All", None, None)),
    Read("audit filters", {"admin", "cco"}, lambda s, a: data_view.audit_choices(s, a)),
    Read("user accounts", {"admin"}, lambda s, a: users_view.table(s, a)),
]


@pytest.mark.parametrize("read", READS, ids=lambda r: r.name)
def test_restricted_reads_follow_the_roles(base: Engine, read: Read) -> None:
    problems = []
    with db.session(base) as session:
        for role in ROLES:
            try:
                shown = len(read.call(session, ACTORS[role]))  # type: ignore[arg-type]
            except PermissionDenied:
                problems += [f"{role} was refused"] if role in read.allowed else []
                continue
            problems += [f"{role} was allowed"] if role not in read.allowed else []
            problems += [f"{role} was shown nothing"] if shown == 0 else []
    assert problems == []


def test_individual_ratings_are_identified_only_for_roles_allowed(base: Engine) -> None:
    with db.session(base) as session:
        shown = {r: set(leader_ratings(session, actor=ACTORS[r], round_label="2026-Q3")["rater"]) for r in ROLES}
    # Only the CEO rated in ``base``; the executive of this matrix is the CEO, who sees their own ratings as "You".
    assert shown == {
        "admin": {"CEO"},
        "cco": {"CEO"},
        "executive": {"You"},
        "regional_manager": {"Leader 1"},
        "viewer": {"Leader 1"},
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_rating_spread_names_leaders_only_for_roles_allowed(sample_url: str, role: str) -> None:
    engine = db.make_engine(sample_url)
    actor = ACTORS[role] if role != "executive" else Actor("m-exec", "executive", leader_key="CFO")
    with db.session(engine) as session:
        view = alignment_view.alignment(session, None, actor)
        team = alignment_queries.leaders(session)
    engine.dispose()
    names = {*team["leader"], *team["name"], *team["title"], *rater_names(team).values()}
    raters = set(view.points["rater"])
    assert len(raters) > 5
    if role in EXPECTED["view_individual_ratings"]:
        assert raters <= names and view.identified
    else:
        assert raters.isdisjoint(names) and not view.identified
        assert all(r == "You" or re.fullmatch(r"Leader \d+", r) for r in raters)
        assert ("You" in raters) is (role == "executive")


FOLLOWUP_SEEN = {
    "admin": {"NORTH", "SOUTH"},
    "cco": {"NORTH", "SOUTH"},
    "executive": set(),
    "regional_manager": {"NORTH"},
    "viewer": set(),
}


@pytest.mark.parametrize("role", ROLES)
def test_follow_up_cases_and_customer_keys_reach_only_roles_allowed_that_region(base: Engine, role: str) -> None:
    with db.session(base) as session:
        view = followup_view.queue_view(session, ACTORS[role], JUNE, None, "all", audit.now())
    cells = " ".join(map(str, [*view.queue.to_numpy().ravel(), *view.kpis.to_numpy().ravel()]))
    seen = {r for r in ("NORTH", "SOUTH") if f"K{r}6" in cells}
    assert seen == FOLLOWUP_SEEN[role]
    assert set(view.queue["region"]) == FOLLOWUP_SEEN[role]
    assert list(view.kpis["Cases"]) == [5, 5]  # every role sees the counts
