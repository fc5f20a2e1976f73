"""Setting and removing targets in the app: validation sentences, permissions, audit, lost-update protection."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

import cxdash.targets
from cxdash import db, queries
from cxdash.edits import targets
from cxdash.edits.targets import load, remove_target, set_target
from cxdash.models import AuditEvent, Region, Target
from cxdash.permissions import DEMO_ACTOR, Actor, PermissionDenied
from cxdash.queries.core import stored_targets
from cxdash.targets import LoadedTarget, TargetConflict, TargetInputError, TargetUnchanged, describe

CCO = Actor(username="cora", role="cco")
Row = tuple[str, str | None, int, float]


@pytest.fixture
def stored(engine: Engine) -> Iterator[Engine]:
    """Regions DACH and NAE; company-wide targets for 2026 (NPS 38, retention 0.985) and NPS 30 for DACH."""
    with db.session(engine) as session:
        dach, nae = Region(code="DACH", name="Germany, Austria, Switzerland"), Region(code="NAE", name="NA East")
        session.add_all([dach, nae])
        session.commit()
        session.add_all(
            [
                Target(metric="nps", region_id=None, year=2026, value=38.0),
                Target(metric="retention", region_id=None, year=2026, value=0.985),
                Target(metric="nps", region_id=dach.id, year=2026, value=30.0),
            ]
        )
        session.commit()
    yield engine


def _targets(engine: Engine) -> list[Row]:
    with db.session(engine) as session:
        frame = stored_targets(session)
    rows = zip(frame["metric"], frame["region"], frame["year"], frame["value"], strict=True)
    return sorted(((m, r if isinstance(r, str) else None, int(y), float(v)) for m, r, y, v in rows), key=repr)


def _events(engine: Engine) -> list[tuple[str, str, str, str, str]]:
    with db.session(engine) as session:
        return [(e.username, e.action, e.entity, e.key, e.detail) for e in session.exec(select(AuditEvent)).all()]


def _opened(engine: Engine, metric: str, region: str | None, year: int) -> LoadedTarget:
    with db.session(engine) as session:
        return load(session, metric=metric, region=region, year=year)


def _set(engine: Engine, loaded: LoadedTarget, value: float, actor: Actor = CCO) -> str:
    with db.session(engine) as session:
        return set_target(session, actor=actor, loaded=loaded, value=value)


def _remove(engine: Engine, loaded: LoadedTarget, actor: Actor = CCO) -> str:
    with db.session(engine) as session:
        return remove_target(session, actor=actor, loaded=loaded)


def test_opening_a_target_reads_its_scope_only(stored: Engine) -> None:
    assert _opened(stored, "nps", None, 2026).value == 38.0
    assert _opened(stored, "nps", "DACH", 2026).value == 30.0
    assert _opened(stored, "nps", "NAE", 2026).value is None
    assert _opened(stored, "csat", None, 2026).value is None


def test_setting_a_new_target_creates_it_with_one_audit_event(stored: Engine) -> None:
    message = _set(stored, _opened(stored, "nps", "NAE", 2026), 33.0)
    assert message == "Saved: the NPS target of NAE for 2026 is now 33 points."
    assert ("nps", "NAE", 2026, 33.0) in _targets(stored)
    assert _events(stored) == [("cora", "create", "targets", "nps/NAE/2026", "33 points")]


def test_a_company_wide_target_for_a_new_year_is_created(stored: Engine) -> None:
    _set(stored, _opened(stored, "ces", None, 2027), 5.4)
    assert ("ces", None, 2027, 5.4) in _targets(stored)
    assert _events(stored)[0][3] == "ces/company/2027"


def test_changing_a_target_updates_the_one_row(stored: Engine) -> None:
    message = _set(stored, _opened(stored, "retention", None, 2026), 0.99)
    assert message == "Saved: the company-wide retention target for 2026 is now 99%."
    assert [r for r in _targets(stored) if r[0] == "retention"] == [("retention", None, 2026, 0.99)]
    assert _events(stored) == [("cora", "update", "targets", "retention/company/2026", "98.5% -> 99%")]


def test_a_company_target_change_leaves_the_regional_one_alone(stored: Engine) -> None:
    _set(stored, _opened(stored, "nps", None, 2026), 41.0)
    assert [r for r in _targets(stored) if r[0] == "nps"] == [("nps", "DACH", 2026, 30.0), ("nps", None, 2026, 41.0)]


def test_removing_a_target_deletes_it_with_one_audit_event(stored: Engine) -> None:
    assert _remove(stored, _opened(stored, "nps", "DACH", 2026)) == "Removed the NPS target of DACH for 2026."
    assert ("nps", "DACH", 2026, 30.0) not in _targets(stored) and len(_targets(stored)) == 2
    assert _events(stored) == [("cora", "delete", "targets", "nps/DACH/2026", "30 points")]


def test_a_save_changes_the_data_version_so_cached_reads_refresh(stored: Engine) -> None:
    with db.session(stored) as session:
        before = queries.data_version(session)
    _set(stored, _opened(stored, "nps", None, 2026), 40.0)
    with db.session(stored) as session:
        assert queries.data_version(session) != before
        assert queries.targets(session, year=2026).query("metric == 'nps' and region.isna()")["value"].tolist() == [40]


@pytest.mark.parametrize(
    ("loaded", "value", "message"),
    [
        (LoadedTarget("churn", None, 2026, None), 0.1, "'churn' is not a metric with targets; choose one of NPS,"),
        (LoadedTarget("nps", "MARS", 2026, None), 30.0, "There is no region 'MARS'; choose one from the list"),
        (LoadedTarget("nps", None, 1999, None), 30.0, "Choose a year between 2000 and 2100."),
        (LoadedTarget("nps", None, 2101, None), 30.0, "Choose a year between 2000 and 2100."),
        (LoadedTarget("nps", None, 2026, 38.0), 101.0, "An NPS target must be from -100 to 100 points; 101 is outside"),
        (LoadedTarget("nps", "NAE", 2026, None), -100.5, "An NPS target must be from -100 to 100 points; -100.5 is"),
        (LoadedTarget("retention", None, 2026, 0.985), 1.5, "A retention target must be from 0% to 100%; 150% is"),
        (LoadedTarget("csat", None, 2026, None), -0.01, "A CSAT target must be from 0% to 100%; -1% is outside"),
        (LoadedTarget("ces", None, 2026, None), 0.5, "A CES target must be from 1 to 7; 0.5 is outside that range."),
        (LoadedTarget("ces", None, 2026, None), 7.5, "A CES target must be from 1 to 7; 7.5 is outside that range."),
        (LoadedTarget("nps", None, 2026, 38.0), float("nan"), "Enter the target as a number."),
    ],
)
def test_invalid_input_is_refused_with_a_sentence_and_changes_nothing(
    stored: Engine, loaded: LoadedTarget, value: float, message: str
) -> None:
    before = _targets(stored)
    with pytest.raises(TargetInputError) as refused:
        _set(stored, loaded, value)
    assert message in str(refused.value) and str(refused.value).endswith(".")
    assert _targets(stored) == before and _events(stored) == []


def test_saving_the_stored_value_again_changes_nothing(stored: Engine) -> None:
    with pytest.raises(TargetUnchanged, match="Nothing to save: the company-wide NPS target for 2026 is already 38"):
        _set(stored, _opened(stored, "nps", None, 2026), 38.0)
    assert _events(stored) == []


def test_removing_a_target_that_is_not_set_is_refused(stored: Engine) -> None:
    with pytest.raises(TargetInputError, match=r"Nothing to remove: the CSAT target of NAE for 2026 is not set\."):
        _remove(stored, _opened(stored, "csat", "NAE", 2026))
    assert _events(stored) == []


@pytest.mark.parametrize("role", ["executive", "regional_manager", "viewer"])
def test_roles_without_the_right_can_neither_save_nor_remove(stored: Engine, role: str) -> None:
    actor = Actor(username="someone", role=role, region="DACH")
    before = _targets(stored)
    with pytest.raises(PermissionDenied, match="does not allow edit targets"):
        _set(stored, _opened(stored, "nps", "DACH", 2026), 45.0, actor)
    with pytest.raises(PermissionDenied, match="does not allow edit targets"):
        _remove(stored, _opened(stored, "nps", "DACH", 2026), actor)
    assert _targets(stored) == before and _events(stored) == []


def test_an_admin_and_the_open_demo_may_edit(stored: Engine) -> None:
    _set(stored, _opened(stored, "csat", None, 2026), 0.8, Actor("ada", "admin"))
    _set(stored, _opened(stored, "csat", None, 2026), 0.82, DEMO_ACTOR)
    assert [e[0] for e in _events(stored)] == ["ada", "demo"]


def test_a_change_made_after_the_form_opened_is_not_overwritten(stored: Engine) -> None:
    mine = _opened(stored, "nps", None, 2026)
    _set(stored, _opened(stored, "nps", None, 2026), 40.0, Actor("ada", "admin"))
    with pytest.raises(TargetConflict) as refused:
        _set(stored, mine, 45.0)
    assert str(refused.value).startswith(
        "Not saved: someone changed it from 38 points to 40 points after you opened the company-wide NPS target"
    )
    assert ("nps", None, 2026, 40.0) in _targets(stored) and len(_events(stored)) == 1


def test_a_target_created_after_the_form_opened_is_not_overwritten(stored: Engine) -> None:
    mine = _opened(stored, "nps", "NAE", 2026)
    _set(stored, _opened(stored, "nps", "NAE", 2026), 31.0, Actor("ada", "admin"))
    with pytest.raises(TargetConflict, match="someone set it to 31 points after you opened"):
        _set(stored, mine, 35.0)
    assert ("nps", "NAE", 2026, 31.0) in _targets(stored)


def test_a_target_changed_or_removed_meanwhile_is_not_removed_or_recreated(stored: Engine) -> None:
    mine = _opened(stored, "nps", "DACH", 2026)
    _set(stored, _opened(stored, "nps", "DACH", 2026), 32.0, Actor("ada", "admin"))
    with pytest.raises(TargetConflict, match="someone changed it from 30 points to 32 points"):
        _remove(stored, mine)
    mine = _opened(stored, "nps", "DACH", 2026)
    _remove(stored, _opened(stored, "nps", "DACH", 2026), Actor("ada", "admin"))
    with pytest.raises(TargetConflict, match="someone removed it after you opened"):
        _set(stored, mine, 33.0)
    assert not [r for r in _targets(stored) if r[1] == "DACH"]


@pytest.mark.parametrize("write", ["save", "remove"])
def test_a_change_between_the_check_and_the_write_is_refused(
    stored: Engine, monkeypatch: pytest.MonkeyPatch, write: str
) -> None:
    real = targets._find

    def racing(session: Session, metric: str, region_id: int | None, year: int) -> Target | None:
        found = real(session, metric, region_id, year)
        assert found is not None
        with db.session(stored) as other:  # someone else saves right after this save checked the row
            row = other.get(Target, found.id)
            assert row is not None
            row.value = 44.0
            other.add(row)
            other.commit()
        return found

    mine = _opened(stored, "nps", None, 2026)
    monkeypatch.setattr(targets, "_find", racing)
    with pytest.raises(TargetConflict, match="someone changed the company-wide NPS target for 2026 at the same moment"):
        _set(stored, mine, 45.0) if write == "save" else _remove(stored, mine)
    assert ("nps", None, 2026, 44.0) in _targets(stored) and _events(stored) == []


def test_values_are_described_in_the_unit_people_read() -> None:
    assert describe("nps", -12.5) == "-12.5 points"
    assert describe("retention", 0.985) == "98.5%"
    assert describe("csat", 0.8) == "80%"
    assert describe("ces", 5.2) == "5.2 on the 1–7 scale"


def test_the_targets_module_holds_no_reads_or_writes() -> None:
    """Writes live in cxdash.edits.targets; cxdash.targets only names and converts values."""
    source = Path(cxdash.targets.__file__).read_text(encoding="utf-8")
    imported = {node.module or "" for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom)} | {
        alias.name for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Import) for alias in node.names
    }
    impure = ("sqlmodel", "sqlalchemy", "cxdash.db", "cxdash.queries", "cxdash.audit", "cxdash.edits")
    assert not [name for name in imported if name.startswith(impure)]
