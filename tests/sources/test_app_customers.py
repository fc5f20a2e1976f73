"""The Data page's Customer records tab through app.py: upload, map, preview, import, retention derived."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from cxdash import db
from cxdash.models import CustomerRecord, Region
from cxdash.sources.tenure import retention_from_records
from tests import apptest
from tests.ingest.helpers import snapshot
from tests.sources.helpers import load_reference
from tests.sources.test_customers import CRM, months

JAN, MAR = date(2026, 1, 1), date(2026, 3, 1)


@pytest.fixture
def reference(engine: Engine, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A database holding regions DACH and FR and two touchpoints, that the app may write to."""
    yield from apptest.own_database(engine, backend, tmp_path, monkeypatch, load_reference)


def _mapped(text: str) -> AppTest:
    """The CRM file uploaded, its dates read as DD.MM.YYYY and its German-speaking countries mapped to DACH."""
    at = apptest.open_page("data", tab="Customer records")
    at.file_uploader(key="customers_upload").set_value(("crm.csv", text.encode(), "text/csv")).run()
    assert not at.exception
    at.text_input(key="customers_date_format").set_value("%d.%m.%Y").run()
    for box in at.selectbox:
        if box.key and box.key.startswith("customers_map_region_") and box.label.split(" (")[0] in (
            "Germany", "Austria", "Switzerland"):  # fmt: skip
            box.set_value("DACH")
    return at.run()


def test_the_proposal_maps_the_crm_columns_and_lists_the_countries(reference: Engine) -> None:
    at = _mapped(CRM)
    picked = {f: at.selectbox(key=f"customers_map_col_{f}").value for f in ("customer_key", "region", "started_on",
                                                                             "ended_on")}  # fmt: skip
    assert picked == {"customer_key": "Account ID", "region": "Country", "started_on": "Customer Since",
                      "ended_on": "Cancelled On"}  # fmt: skip
    regions = {b.label: b.value for b in at.selectbox if b.key and b.key.startswith("customers_map_region_")}
    assert regions == {"Germany (5 rows)": "DACH", "Austria (1 row)": "DACH", "Switzerland (1 row)": "DACH",
                       "France (1 row)": "FR"}  # fmt: skip
    preview = apptest.table(at, "source line")
    assert preview["region"].tolist() == ["DACH"] * 7 + ["FR"]
    assert preview.iloc[1].tolist() == [3, "B", "DACH", "2025-11-01", "2026-02-15"]


def test_a_good_file_is_stored_and_retention_equals_the_hand_worked_example(reference: Engine) -> None:
    at = _mapped(CRM)
    at.button(key="customers_check").click().run()
    assert "nothing is stored until you import" in apptest.said(at.info)
    assert snapshot(reference)["customer_record"] == []
    at.button(key="customers_import").click().run()
    assert "crm.csv: 8 new, 0 updated" in apptest.said(at.success)
    with db.session(reference) as session:
        assert len(session.exec(select(CustomerRecord)).all()) == 8  # type: ignore[call-overload]
        dach = session.exec(select(Region.id).where(Region.code == "DACH")).one()  # type: ignore[call-overload]
        window = retention_from_records(session, JAN, MAR, [dach[0]])
    # Of {A, B, F} at the start of January only A is still a customer on 31 March (tests/sources/test_tenure.py).
    assert window is not None and (window.customers_start, window.retained) == (3, 1)
    dach_months = months(reference, "DACH")
    assert dach_months[0] == (date(2025, 6, 1), 0, 1, 1)
    assert dach_months[7:10] == [(JAN, 3, 3, 1), (date(2026, 2, 1), 3, 3, 1), (MAR, 3, 3, 1)]
    assert all(m[1:] == (3, 3, 0) for m in dach_months[10:])  # A, D and G stay; nobody joins after March


def test_a_bad_file_stores_nothing_and_the_report_is_shown(reference: Engine) -> None:
    before = snapshot(reference)
    at = _mapped(CRM + "I;Italy;01.03.2026;\nJ;Germany;10.06.2025;01.01.2025\n")
    assert "would not load as mapped" in apptest.said(at.warning)
    at.button(key="customers_import").click().run()
    assert "nothing was loaded because of 2 problem(s)" in apptest.said(at.error)
    report = [d.value for d in at.dataframe if d.value.columns[0] == "line"][-1]  # the import's, after the preview's
    assert report[["line", "column", "value"]].values.tolist() == [[10, "Country", "Italy"],
                                                                   [11, "Cancelled On", "01.01.2025"]]  # fmt: skip
    assert snapshot(reference) == before


def test_an_unreadable_file_gets_a_sentence(reference: Engine) -> None:
    at = apptest.open_page("data", tab="Customer records")
    at.file_uploader(key="customers_upload").set_value(("crm.csv", b"PK\x03\x04 not a workbook", "text/csv")).run()
    assert "ZIP archive but not an Excel workbook" in apptest.said(at.error)
