"""Import history, the audit log and who may import or read it."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest
from sqlalchemy.engine import Engine

from cxdash import audit, db, ingest
from cxdash.permissions import Actor, PermissionDenied
from cxdash.views import data as view
from tests.ingest.helpers import BASE, TODAY, load_base, snapshot

ADMIN = Actor("ada", "admin")
CCO = Actor("cora", "cco")


def test_only_admins_may_import(engine: Engine) -> None:
    before = snapshot(engine)
    for role in ("cco", "executive", "regional_manager", "viewer"):
        with pytest.raises(PermissionDenied):
            ingest.import_file(engine, "regions", BASE["regions"].encode(), actor=Actor("x", role), today=TODAY)
    assert snapshot(engine) == before
    report = ingest.import_file(engine, "regions", BASE["regions"].encode(), actor=ADMIN, today=TODAY)
    assert report.ok
    with db.session(engine) as session:
        assert view.history(session, ADMIN)["username"].tolist() == ["ada"]


def test_history_lists_every_changing_import_newest_first(engine: Engine) -> None:
    load_base(engine)
    ingest.import_file(engine, "regions", b"code,name\nEAST,East\n", file_name="east.csv", today=TODAY)
    with db.session(engine) as session:
        table = view.history(session, CCO)
    assert len(table) == len(ingest.LOAD_ORDER) + 1
    first = table.iloc[0]
    assert (first["file_name"], first["kind"], first["rows_read"], first["rows_inserted"]) == (
        "east.csv",
        "regions",
        1,
        1,
    )
    assert table["sha256"].str.len().eq(64).all()


def test_history_filters_by_kind_user_and_date(engine: Engine) -> None:
    load_base(engine)
    ingest.import_file(engine, "regions", b"code,name\nEAST,East\n", actor=ADMIN, today=TODAY)
    today = audit.now().date()
    with db.session(engine) as session:
        regions = view.history(session, CCO, kind="regions")
        ada = view.history(session, CCO, username="ada")
        both = view.history(session, CCO, kind="regions", username="cli")
        tomorrow = view.history(session, CCO, since=today + timedelta(days=1))
        until_yesterday = view.history(session, CCO, until=today - timedelta(days=1))
        choices = view.history_choices(session, CCO)
    assert regions["username"].tolist() == ["ada", "cli"] and set(regions["kind"]) == {"regions"}
    assert ada[["kind", "rows_inserted"]].values.tolist() == [["regions", 1]]
    assert both["username"].tolist() == ["cli"]
    assert tomorrow.empty and until_yesterday.empty
    assert choices == {"kind": [view.ALL, *sorted(ingest.FORMATS)], "username": [view.ALL, "ada", "cli"]}


@pytest.mark.parametrize("role", ["executive", "regional_manager", "viewer"])
def test_history_is_refused_to_roles_without_the_audit_right(engine: Engine, role: str) -> None:
    with db.session(engine) as session:
        for read in (view.history, view.history_choices):
            with pytest.raises(PermissionDenied):
                read(session, Actor("x", role))


def test_a_table_at_its_limit_says_that_older_rows_are_left_out() -> None:
    assert view.shown_count(pd.DataFrame({"at": range(3)}), "event", 10) == "3 event(s), newest first; times in UTC."
    full = view.shown_count(pd.DataFrame({"at": range(10)}), "event", 10)
    assert full.startswith("The latest 10 events") and "narrow the filters" in full


def test_audit_log_filters_by_entity_action_user_and_date(engine: Engine) -> None:
    load_base(engine)
    with db.session(engine) as session:
        audit.record(session, username="cora", action="update", entity="ownership", key="WEB/CCO", detail="A -> R")
        session.commit()
        everything = view.audit_log(session, CCO, view.ALL, view.ALL, view.ALL, None, None)
        imports = view.audit_log(session, CCO, view.ALL, "import", view.ALL, None, None)
        cora = view.audit_log(session, CCO, "ownership", view.ALL, "cora", None, None)
        today = audit.now().date()
        none_yet = view.audit_log(session, CCO, view.ALL, view.ALL, view.ALL, today + timedelta(days=1), None)
        up_to_today = view.audit_log(session, CCO, view.ALL, view.ALL, view.ALL, today, today)
        choices = view.audit_choices(session, CCO)
    assert len(everything) == len(ingest.LOAD_ORDER) + 1 and everything.iloc[0]["username"] == "cora"
    assert set(imports["action"]) == {"import"} and len(imports) == len(ingest.LOAD_ORDER)
    assert cora[["entity", "key", "detail"]].values.tolist() == [["ownership", "WEB/CCO", "A -> R"]]
    assert none_yet.empty and len(up_to_today) == len(everything)
    assert choices["username"] == [view.ALL, "cli", "cora"] and "regions" in choices["entity"]


@pytest.mark.parametrize("role", ["executive", "regional_manager", "viewer"])
def test_audit_log_is_refused_to_roles_without_the_right(engine: Engine, role: str) -> None:
    with db.session(engine) as session, pytest.raises(PermissionDenied):
        view.audit_log(session, Actor("x", role), view.ALL, view.ALL, view.ALL, None, None)


def test_a_problem_report_downloads_with_formulas_neutralised() -> None:
    from cxdash.export import csv_bytes

    report = ingest.ImportReport("regions", "bad.csv")
    report.add(2, "name", '=HYPERLINK("http://x")', "is longer than 120 characters")
    lines = csv_bytes(report.frame()).decode("utf-8-sig").splitlines()
    assert lines == ["line,column,value,reason", '2,name,"\'=HYPERLINK(""http://x"")",is longer than 120 characters']


def test_outcome_levels() -> None:
    report = ingest.ImportReport("regions", "r.csv", rows_read=2, skipped=2)
    assert view.outcome(report)[0] == "info"
    report.inserted = 1
    assert view.outcome(report)[0] == "success"
    report.add(0, "", "", "the file is empty")
    assert view.outcome(report) == ("error", report.summary())
